/*
 * repo.h - the portfolio's git repository (libgit2).
 *
 * libgit2 is loaded and initialised only by brm_repo_open() and
 * brm_repo_init(): read-only commands that never call them start faster.
 *
 * Every mutating command ends in exactly one brm_repo_commit(): the new
 * tree is HEAD's tree with the given paths updated (the index and the rest
 * of the work tree are not consulted, so nothing the user staged is swept
 * in), the branch moves by compare-and-swap and the commit is rebuilt on
 * the new tip if another process moved it first.  Afterwards the index
 * entries of exactly those paths are refreshed from the work tree so that
 * 'git status' stays clean.
 */
#ifndef BRM_REPO_H
#define BRM_REPO_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

struct brm_repo;

/* One path to update in a commit.  data == NULL removes the path. */
struct brm_change {
	const char *path;	/* relative to the work tree, '/' separated */
	const char *data;
	size_t len;
};

/* Create a repository in dir (made if missing) unless one exists. */
int brm_repo_init(struct brm_repo **out, const char *dir);
/* Open the repository whose work tree is dir (no discovery upwards). */
int brm_repo_open(struct brm_repo **out, const char *dir);
void brm_repo_free(struct brm_repo *repo);

/* The libgit2 handle, borrowed, for modules that talk to libgit2
 * themselves (sync, clone and the merge driver). */
struct git_repository;
struct git_repository *brm_repo_git(struct brm_repo *repo);
/* libgit2's last error message, for those modules' own messages; never
 * NULL. */
const char *brm_repo_git_message(void);

/*
 * The author and committer brm_repo_commit() would use (see there);
 * free both with git_signature_free().  Fails like brm_repo_commit()
 * without an identity.
 */
struct git_signature;
int brm_repo_signatures(struct brm_repo *repo, struct git_signature **author,
    struct git_signature **committer);

/*
 * Fail early, before anything is written, when a commit could not be made:
 * detached HEAD, no identity (with git's hint), index.lock or the branch's
 * ref lock held by another process (waits up to about a second for them).
 */
int brm_repo_check_writable(struct brm_repo *repo);

/*
 * Commit changes[0..n) on the current branch with message.  The work-tree
 * files must already hold the new contents (their index entries are
 * refreshed from them).  oid_hex, if not NULL, receives the 40-hex id.
 * The message is cleaned up as by 'git commit' (trailing blanks dropped,
 * one final newline); removing a path the tip lacks is not an error.
 * Author and committer: GIT_AUTHOR_{NAME,EMAIL,DATE}, else user.name and
 * user.email (then $EMAIL), else the time now; GIT_COMMITTER_* default to
 * the author's values.  Dates: "[@]<epoch> <+hhmm>" or ISO 8601.
 * Errors: BRM_ECONFLICT when the branch stays locked or keeps moving
 * (about 3 s of retries).
 */
int brm_repo_commit(struct brm_repo *repo, const struct brm_change *changes,
    size_t n, const char *message, char oid_hex[41]);

/*
 * After a successful brm_repo_commit(): NULL, or a message saying that the
 * commit was made but the index could not be refreshed (index.lock held,
 * a work-tree file missing) and which 'git reset' repairs it.  Borrowed:
 * valid until the next brm_repo_commit() or brm_repo_free().
 *
 * The refresh is serialised between brm processes by an flock() on
 * <gitdir>/brm-index.mutex, a file that never blocks once its holder dies.
 */
const char *brm_repo_warning(struct brm_repo *repo);

/*
 * Refresh the index entries of changes' paths from the work tree, as
 * brm_repo_commit() does after its commit (a NULL data removes the
 * entry); a failure becomes brm_repo_warning().
 */
void brm_repo_refresh_index(struct brm_repo *repo,
    const struct brm_change *changes, size_t n);

/* The git blob id of data, 40 hex digits; nothing is written. */
int brm_repo_blob_id(char hex[41], const char *data, size_t len);

/* The id of the blob at path in HEAD's tree.  BRM_ENOTFOUND (no message)
 * when HEAD has no such file or the branch has no commit yet. */
int brm_repo_head_blob(struct brm_repo *repo, const char *path,
    char hex[41]);

/* One commit in the history of a path, newest first. */
struct brm_repo_rev {
	char oid[41];
	char *author;		/* "Name <email>" */
	time_t when;
	int tz_minutes;		/* author's UTC offset */
	char *message;		/* full message */
	char *old_data;		/* the path's content before, NULL if absent */
	size_t old_len;
	char *new_data;		/* after, NULL if removed */
	size_t new_len;
};

/*
 * Call fn for each commit reachable from HEAD (first-parent order, newest
 * first) that changed path, or every commit when path is NULL (then the
 * data fields are NULL).  Stops after max commits (0: no limit) or when fn
 * returns non-zero (which is then returned).
 */
int brm_repo_log(struct brm_repo *repo, const char *path, size_t max,
    int (*fn)(const struct brm_repo_rev *rev, void *payload), void *payload);

/* A branch's name without "refs/heads/": "main" (a pointer into ref). */
const char *brm_repo_short_branch(const char *ref);
/* The branch HEAD points at, "refs/heads/main" (malloc'd); a detached
 * HEAD is refused, with a hint. */
int brm_repo_branch(struct brm_repo *repo, char **branch);
/* The commit branch ("refs/heads/main") points at. */
struct git_oid;
int brm_repo_branch_tip(struct brm_repo *repo, const char *branch,
    struct git_oid *out);

/* The full hex id of HEAD's commit; BRM_ENOTFOUND on an unborn branch. */
int brm_repo_head(struct brm_repo *repo, char oid_hex[41]);

/*
 * A commit's tree, read straight from the object database: the work tree
 * is not consulted, so what is read is exactly what was committed.
 */
struct brm_tree;

/* The tree of rev (any revision git understands: HEAD, main~3, a hash);
 * oid_hex receives the commit's full id.  BRM_ENOTFOUND for a bad rev. */
int brm_tree_open(struct brm_tree **out, struct brm_repo *repo,
    const char *rev, char oid_hex[41]);
void brm_tree_free(struct brm_tree *t);
/* When the commit was made: its committer time (seconds since the epoch)
 * and the committer's UTC offset in minutes. */
void brm_tree_committed(const struct brm_tree *t, long long *when,
    int *tz_min);
/* Names of the entries of folder dir ("" for the root), sorted; a
 * missing folder has none.  Free with brm_strv_free (core/store.h). */
int brm_tree_list(struct brm_tree *t, const char *dir, char ***names,
    size_t *n);
/* The blob at path into out (appended).  BRM_ENOTFOUND if absent. */
int brm_tree_read(struct brm_tree *t, const char *path,
    struct brm_buf *out);

#endif
