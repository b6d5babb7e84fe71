/*
 * store.h - the portfolio: records as files in a git work tree.
 *
 * Reads come from the work tree (hand edits are seen at once); every
 * change goes through a brm_txn and brm_store_commit(): files are written
 * atomically, committed as one commit, and restored if the commit fails,
 * so a refused or failed command leaves files, index and refs as they
 * were.
 *
 * Writers serialise on an flock(2) of <gitdir>/brm.lock, taken by
 * brm_store_lock() before the command reads what it will change: two brm
 * processes never interleave a read-modify-write, and the kernel drops
 * the lock when a process dies, so it can never go stale.  A writer waits
 * for the lock BRM_LOCK_TIMEOUT seconds (default 30), then gives up.
 */
#ifndef BRM_STORE_H
#define BRM_STORE_H

#include <stddef.h>

#include "date.h"
#include "node.h"
#include "record.h"
#include "schema.h"

struct brm_repo;
struct brm_tree;

struct brm_store {
	char *root;		/* absolute path of the work tree */
	struct brm_node *config;/* .brm/config.yaml */
	struct brm_repo *repo;	/* opened by brm_store_lock() */
	int lock_fd;		/* -1 when not locked */
	long lock_wait_ms;	/* how long brm_store_lock() waits */
	struct brm_tree *tree;	/* set by brm_store_at(): read from it */
	char commit[41];	/* the commit tree comes from */
	struct brm_datetime committed;	/* its committer time */
	char *note;		/* what brm_store_lock() recovered, or NULL */
	char **unreadable;	/* "what (where)" of each record that */
	size_t n_unreadable;	/* brm_store_load() could not read */
	int for_reading;	/* see brm_store_for_reading() */
};

#define BRM_CONFIG_PATH ".brm/config.yaml"

/*
 * Find the portfolio containing dir (NULL: the current directory): the
 * nearest enclosing git work tree that has .brm/config.yaml.
 * BRM_ENOTFOUND with a hint to run 'brm init' when there is none;
 * BRM_EUSAGE when BRM_LOCK_TIMEOUT is set but not a number of seconds
 * (checked first, so that no command gets as far as writing with it).
 */
int brm_store_open(struct brm_store **out, const char *dir);
void brm_store_free(struct brm_store *s);

/*
 * From now on read records from the commit rev (straight from the object
 * database) instead of the work tree; s->commit names it and
 * s->committed gives its committer time, in the committer's offset.
 * For reports, which must be reproducible from a commit.  Nothing can be
 * written then.
 */
int brm_store_at(struct brm_store *s, const char *rev);

/*
 * From now on the records brm_store_load() gives are only read, then
 * freed (brm check, the reports): each tree is made in a pool of its
 * own (core/node.h), which is faster to build and to free, and must not
 * be changed.
 */
void brm_store_for_reading(struct brm_store *s);

/* The git repository, opened on first use (no lock taken). */
int brm_store_repo(struct brm_store *s, struct brm_repo **out);

/*
 * Take the writer lock and check that a commit can be made.  A write that
 * a crash interrupted is settled first (core/journal.h); then
 * brm_store_take_note() hands over what was done, for the user (free
 * it), or NULL.
 */
int brm_store_lock(struct brm_store *s);
char *brm_store_take_note(struct brm_store *s);

/* "<root>/<rel>", malloc'd. */
char *brm_store_path(const struct brm_store *s, const char *rel);
/* "<gitdir>/<name>" (a worktree's own git dir), malloc'd. */
char *brm_store_git_path(const struct brm_store *s, const char *name);

/*
 * Resolve ref, an id or a unique prefix of one, among the records of the
 * kinds named in kinds ("customer|supplier"; NULL: every kind).  An exact
 * id wins over prefixes.  BRM_ENOTFOUND, or BRM_EAMBIGUOUS listing the
 * candidates.
 */
int brm_store_resolve(struct brm_store *s, const char *ref,
    const char *kinds, const struct brm_kind **kind, char **id);

/* Load the record of kind with exactly id.  A record that exists but
 * cannot be read is also remembered in s->unreadable, so that a command
 * reading many (a report) can refuse to be quietly incomplete. */
int brm_store_load(struct brm_record **out, struct brm_store *s,
    const struct brm_kind *kind, const char *id);
/* Resolve then load. */
int brm_store_find(struct brm_record **out, struct brm_store *s,
    const char *ref, const char *kinds);
int brm_store_exists(struct brm_store *s, const struct brm_kind *kind,
    const char *id);

/* The ids of every record of kind, sorted; free with brm_strv_free. */
int brm_store_ids(struct brm_store *s, const struct brm_kind *kind,
    char ***ids, size_t *n);
void brm_strv_free(char **v, size_t n);
/* Those that start with prefix (only the folders that can hold them are
 * read). */
int brm_store_ids_prefix(struct brm_store *s, const struct brm_kind *kind,
    const char *prefix, char ***ids, size_t *n);
/* The months (year * 100 + month) that a dated kind has folders for,
 * oldest first; free(*yyyymm). */
int brm_store_months(struct brm_store *s, const struct brm_kind *kind,
    int **yyyymm, size_t *n);
/* The ids of the records of a dated kind filed in one month, sorted. */
int brm_store_ids_month(struct brm_store *s, const struct brm_kind *kind,
    int year, int month, char ***ids, size_t *n);

/* A set of file changes that becomes one commit. */
struct brm_txn_item {
	char *path;
	char *data;		/* NULL: remove the file */
	size_t len;
};

struct brm_txn {
	struct brm_txn_item *items;
	size_t n, alloc;
};

#define BRM_TXN_INIT { NULL, 0, 0 }

/* Serialise r (canonical YAML) into txn.  Validates first. */
int brm_txn_put_record(struct brm_txn *t, const struct brm_record *r);
void brm_txn_put(struct brm_txn *t, const char *path, const char *data,
    size_t len);
void brm_txn_remove(struct brm_txn *t, const char *path);
void brm_txn_release(struct brm_txn *t);

/*
 * Write txn's files and commit them with the message
 * "<command>: <summary>" and Brm-Command/Brm-Kind/Brm-Id trailers (kind
 * and id may be NULL).  Requires brm_store_lock().  On failure the files
 * are as before.  oid_hex may be NULL.
 */
int brm_store_commit(struct brm_store *s, struct brm_txn *t,
    const char *command, const char *summary, const char *kind,
    const char *id, char oid_hex[41]);

/* Validate r, write it and commit it alone as "<command>: <summary>". */
int brm_store_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary);

/* A warning left by the last commit (index not updated...), or NULL. */
const char *brm_store_warning(const struct brm_store *s);

#endif
