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
 *    (core/mergetree.h), where every record both sides changed is merged
 *    field by field (core/merge.h) and validated;
 *  - a real conflict, or a merge that would make an invalid record:
 *    nothing is committed or pushed.  The pending merge waits in
 *    <gitdir>/brm-merge/state.yaml (core/pending.h: the other side's
 *    commit, the choices made so far, the conflicts) until brm_resolve()
 *    (core/resolve.h) has settled every conflict and brm_sync() runs
 *    again, or brm_sync_abort() drops it.
 *
 * The push is retried when the remote moved meanwhile: push, rejected,
 * fetch and integrate, push again, a bounded number of times.  Remotes on
 * this machine are pushed to with a compare-and-swap of their branch
 * (core/remote.h).
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_SYNC_H
#define BRM_SYNC_H

#include <stddef.h>

#include "remote.h"
#include "store.h"

struct brm_sync_conflict {
	char *path;		/* the file */
	char *kind;		/* "customer"; NULL: not a record */
	char *id;		/* the record's id, else the path */
	char *field;		/* dotted path; "" for the whole record */
	/* The values, shown on one line; NULL: absent on that side. */
	char *base, *ours, *theirs;
	char *reason;		/* NULL: both sides changed it; else why */
	int whole_only;		/* no field choice can settle it, only one
				 * side's whole file: not a record, not
				 * readable as one, or deleted on a side */
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
	size_t pushed;		/* commits the remote had on no branch */
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
    const struct brm_progress *progress, struct brm_sync_report *rep);

/* Drop the pending merge; *remote (malloc'd) names whose it was, NULL
 * for a damaged one.  BRM_ENOTFOUND when there is none. */
int brm_sync_abort(struct brm_store *s, char **remote);

#endif
