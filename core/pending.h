/*
 * pending.h - the pending merge: what brm sync keeps between a merge that
 * met conflicts and the brm sync that completes it, in
 * <gitdir>/brm-merge/state.yaml (one per clone, not shared).
 *
 * It names the remote and branch, the other side's commit, the choices
 * brm resolve recorded so far (a side or a value per record or field),
 * and the conflicts as last listed.  The merge itself is not kept: each
 * brm resolve and brm sync merges the two commits again with the choices
 * applied (core/mergetree.h), so nothing half-merged is ever written.
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_PENDING_H
#define BRM_PENDING_H

#include <stddef.h>

#include "merge.h"
#include "node.h"
#include "schema.h"

struct brm_sync_conflict;
struct git_repository;

struct brm_pending_choice {
	char *path;
	char *field;		/* "" for the whole record */
	enum brm_merge_side side;
	char *value;		/* BRM_MERGE_VALUE */
};

/* Zero it first; release with brm_pending_release(). */
struct brm_pending {
	char *remote;		/* "origin" */
	char *branch;		/* "refs/heads/main" */
	char theirs[41];	/* the commit merged, 40 hex digits */
	struct brm_pending_choice *v;
	size_t n, alloc;
};

void brm_pending_release(struct brm_pending *st);

/* Read the pending merge; *found = 0 and nothing loaded when there is
 * none.  A damaged file is BRM_EINVALID, with a hint to drop it. */
int brm_pending_load(struct brm_pending *st, struct git_repository *git,
    int *found);
/* Write st, with the conflicts as listed now, atomically. */
int brm_pending_save(const struct brm_pending *st,
    struct git_repository *git, const struct brm_sync_conflict *conflicts,
    size_t n_conflicts);
/* Remove the file, if any: no merge is pending any more. */
void brm_pending_remove(struct git_repository *git);

/* Record a choice; value only for BRM_MERGE_VALUE (copied). */
void brm_pending_add(struct brm_pending *st, const char *path,
    const char *field, enum brm_merge_side side, const char *value);
/* Forget the choices a new one for field of path replaces: those for
 * that field and for the whole record; for the whole record (field ""),
 * every choice for path. */
void brm_pending_drop(struct brm_pending *st, const char *path,
    const char *field);
/* The choice that takes path whole from one side; NULL when none. */
const struct brm_pending_choice *brm_pending_whole(
    const struct brm_pending *st, const char *path);

/* A choice's value for field of a record of kind (NULL: not a record):
 * parsed as the schema says, else a string.  BRM_EINVALID for a field
 * that holds more than one value, or text its type refuses. */
int brm_pending_value(struct brm_node **out, const struct brm_kind *kind,
    const char *field, const char *text);

/* "ours", "theirs", "value". */
const char *brm_pending_side_name(enum brm_merge_side side);
/* The branch merged as the remote names it: "origin/main" (malloc'd). */
char *brm_pending_upstream(const struct brm_pending *st);

/*
 * The conflicts the pending merge waits on, into rep->conflicts, as the
 * last brm sync or brm resolve saved them: nothing is merged again, so
 * it is quick enough for completion.  Only path, id and field are
 * filled.  None when no merge is pending.  Release rep with
 * brm_sync_report_release().
 */
struct brm_store;
struct brm_sync_report;
int brm_pending_conflicts(struct brm_store *s, struct brm_sync_report *rep);

#endif
