/*
 * mergetree.h - two commits merged into an in-memory tree, record by
 * record, as 'git merge-tree' does it for text: neither the work tree nor
 * the index is touched, so a merge that meets conflicts leaves nothing
 * behind.
 *
 * git's tree merge (renames not looked for: a record's path is its
 * identity) does the files only one side changed.  Every file both sides
 * changed differently is merged again here: a record field by field
 * (core/merge.h) and validated, with the choices of the pending merge
 * (core/pending.h) applied; any other file is a conflict where git could
 * not merge its lines.
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_MERGETREE_H
#define BRM_MERGETREE_H

#include <stddef.h>

#include <git2.h>

#include "pending.h"
#include "sync.h"

struct brm_mergetree_conflicts {
	struct brm_sync_conflict *v;
	size_t n, alloc;
	int bad_choice;		/* a stored choice could not be applied */
};

/* Zero it first; release with brm_mergetree_release(). */
struct brm_mergetree {
	git_oid tree;		/* the merge, when there are no conflicts */
	struct brm_mergetree_conflicts conflicts;
	char **records;		/* merged field by field */
	size_t n_records;
};

/*
 * Merge commits ours and theirs into an in-memory tree (written to the
 * object database, referenced by no commit) with st's choices (st may
 * be NULL).  Conflicts leave mo->conflicts non-empty and no tree; the
 * return value is 0 then.  An error when the two share no history, with
 * a hint.
 */
int brm_mergetree_commits(struct brm_mergetree *mo, git_repository *git,
    const git_oid *ours, const git_oid *theirs,
    const struct brm_pending *st);
/* The conflicts and records; mo can be merged into again. */
void brm_mergetree_release(struct brm_mergetree *mo);

/* mo's conflicts become rep's (those rep held are freed). */
void brm_mergetree_take_conflicts(struct brm_sync_report *rep,
    struct brm_mergetree *mo);
/* Free v[0..n) and v. */
void brm_mergetree_free_conflicts(struct brm_sync_conflict *v, size_t n);

#endif
