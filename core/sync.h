/*
 * sync.h - sharing a portfolio through a git remote (libgit2).
 *
 * brm_sync() fetches, integrates and pushes in one go, under the store's
 * writer lock.  Integration never loses a record and never leaves a
 * half-merged work tree:
 *
 *  - behind the remote: fast-forward (the branch moves by compare-and-
 *    swap, then the work tree and index follow with a checkout against
 *    the old tree as baseline, TECH-NOTES 1(d));
 *  - diverged: a merge commit whose tree is built in memory
 *    (git_merge_trees), where every record both sides changed is merged
 *    field by field (core/merge.h) and validated;
 *  - a real conflict, or a merge that would make an invalid record:
 *    nothing is committed or pushed.  The pending merge waits in
 *    <gitdir>/brm-merge/state.yaml (the other side's commit, the choices
 *    made so far, the conflicts) until brm_sync_resolve() has settled
 *    every conflict and brm_sync() runs again, or brm_sync_abort() drops
 *    it.
 *
 * The push is retried when the remote moved meanwhile: push, rejected,
 * fetch and integrate, push again, a bounded number of times.  Remotes on
 * this machine (a path or file:// URL) are pushed to with a compare-and-
 * swap of the remote's branch, because libgit2 1.5's local transport
 * overwrites it unconditionally and two racing pushes could lose one.
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_SYNC_H
#define BRM_SYNC_H

#include <stddef.h>

#include "buf.h"
#include "merge.h"
#include "store.h"

struct brm_repo;

/* Called during transfers ("Receiving objects", "Writing objects"...). */
struct brm_sync_progress {
	void (*fn)(const char *what, size_t done, size_t total, size_t bytes,
	    void *payload);
	void *payload;
};

struct brm_sync_conflict {
	char *path;		/* the file */
	char *kind;		/* "customer"; NULL: not a record */
	char *id;		/* the record's id, else the path */
	char *field;		/* dotted path; "" for the whole record */
	/* The values, shown on one line; NULL: absent on that side. */
	char *base, *ours, *theirs;
	char *reason;		/* NULL: both sides changed it; else why */
};

struct brm_sync_report {
	char *remote;		/* "origin" */
	char *upstream;		/* "origin/main" */
	size_t received;	/* commits that came in (merges not counted) */
	char *incoming;		/* "3 new meetings, 1 complaint resolved by
				 * Olga Test", or NULL */
	int fast_forward;	/* integrated by fast-forward */
	int merged;		/* a merge commit was made */
	char **records;		/* paths merged field by field */
	size_t n_records;
	size_t pushed;		/* commits the remote did not have */
	int created;		/* the remote branch was created */
	int resumed;		/* a pending merge was completed */
	struct brm_sync_conflict *conflicts;
	size_t n_conflicts;
};

void brm_sync_report_release(struct brm_sync_report *r);

/*
 * Sync the current branch with remote (NULL: the pending merge's remote,
 * else "origin").  Requires brm_store_lock().  BRM_ECONFLICT when
 * conflicts stop the sync (listed in rep, kept in the pending merge);
 * BRM_ENOTFOUND for a missing remote, with a hint.
 */
int brm_sync(struct brm_store *s, const char *remote,
    const struct brm_sync_progress *progress, struct brm_sync_report *rep);

/* Drop the pending merge; *remote (malloc'd) names whose it was.
 * BRM_ENOTFOUND when there is none. */
int brm_sync_abort(struct brm_store *s, char **remote);

/*
 * Settle field of the conflicting record ref (its id, a unique prefix or
 * the file's path; field "" for the whole record) by taking our side,
 * theirs, or value (BRM_MERGE_VALUE; parsed as the field's type).  The
 * choice is kept in the pending merge, the merge is tried again and rep
 * lists what still conflicts.  *what (malloc'd) says what was chosen.
 * Requires brm_store_lock().
 */
int brm_sync_resolve(struct brm_store *s, const char *ref, const char *field,
    enum brm_merge_side side, const char *value, struct brm_sync_report *rep,
    char **what);

/*
 * The conflicts the pending merge waits on, into rep->conflicts, as the
 * last brm_sync() or brm_sync_resolve() saved them: nothing is merged
 * again, so it is quick enough for completion.  Only path, id and field
 * are filled.  None when no merge is pending.  Release rep with
 * brm_sync_report_release().
 */
int brm_sync_saved_conflicts(struct brm_store *s, struct brm_sync_report *rep);

/* The directory a clone of url goes to by default: the url's last
 * component without .git ("portfolio" when there is none); malloc'd. */
char *brm_sync_clone_dir(const char *url);

/*
 * Clone url into dir (NULL: brm_sync_clone_dir(url);
 * *dir_out receives the directory used, malloc'd) and set up the merge
 * driver.  *portfolio is 1 when the clone is a brm portfolio (it may be
 * empty, or some other repository).
 */
int brm_sync_clone(const char *url, const char *dir,
    const struct brm_sync_progress *progress, char **dir_out,
    int *portfolio);

/* Set merge.brm.driver and merge.brm.name in the repository's config, for
 * the "*.yaml merge=brm" line of .gitattributes. */
#define BRM_MERGE_DRIVER "brm merge-driver %O %A %B %P"
int brm_sync_install_driver(struct brm_repo *repo);

/*
 * git's merge driver: merge the files base, ours and theirs (git's %O %A
 * %B) record by record and write the result to ours.  path (%P, may be
 * NULL) tells the record's kind.  On a conflict, or input brm cannot
 * read as a record, ours receives git's textual merge with conflict
 * markers and *conflicted is 1; notes says why, a line each.
 */
int brm_sync_merge_files(const char *base, const char *ours,
    const char *theirs, const char *path, struct brm_buf *notes,
    int *conflicted);

#endif
