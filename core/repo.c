/*
 * repo.c - the portfolio's git repository through libgit2.
 *
 * The commit path follows TECH-NOTES.md 1(a)-(c): blobs first, then a
 * loop that rebuilds tree and commit on the branch's current tip and moves
 * the branch by compare-and-swap, then a refresh of exactly the changed
 * index entries.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "fault.h"
#include "repo.h"

#define HEADS "refs/heads/"

/* Lock waits: check_writable polls, the ref CAS backs off at random. */
#define LOCK_POLLS 20
#define LOCK_POLL_MS 50
#define CAS_MAX_TRIES 100
#define CAS_MAX_MS 3000
#define CAS_BACKOFF_MS 50
#define INDEX_TRIES 20

/* Serialises brm processes' read-modify-write of the index (see below). */
#define INDEX_MUTEX "brm-index.mutex"

struct brm_repo {
	git_repository *git;
	char *warning;
};

struct identity {
	git_signature *author;
	git_signature *committer;
};

/* What one brm_repo_commit() builds on whatever the branch tip is. */
struct commit_job {
	git_repository *git;
	const struct brm_change *changes;
	size_t n;
	git_oid *blobs;			/* blobs[i] for changes[i].data */
	git_tree_update *updates;	/* n slots, refilled per attempt */
	const char *branch;		/* "refs/heads/main" */
	struct identity id;
	git_buf message;
	char *reflog;			/* "commit: <subject>" */
	char *reflog_root;		/* "commit (initial): <subject>" */
	int retryable;			/* the last failure was the CAS */
};

static const char *git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L +
	    (now.tv_nsec - start->tv_nsec) / 1000000L;
}

const char *brm_repo_short_branch(const char *ref)
{
	size_t len = strlen(HEADS);

	return strncmp(ref, HEADS, len) == 0 ? ref + len : ref;
}

/* ---- opening ---------------------------------------------------------- */

/*
 * libgit2 keeps a reference count: each repository handle holds one so
 * that brm_repo_free() can balance it and the last free releases the
 * library's global state (which LeakSanitizer would otherwise report).
 */
static int library_init(void)
{
	if (git_libgit2_init() < 0)
		return brm_error_set(BRM_ERROR,
		    "cannot initialise libgit2: %s", git_message());
	/*
	 * Reading a report's records from a commit, libgit2 would hash
	 * every object again to compare it with its name; git itself
	 * leaves that to fsck, and at 100,000 records it is a tenth of
	 * the report.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/*
	 * A report reads records from the whole history (open complaints,
	 * open action items): with libgit2's defaults (1 GiB windows, no
	 * practical limit) every page of the pack it touched stays mapped,
	 * and the process grows with the repository.
	 */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 << 20);
	return 0;
}

static int wrap_handle(struct brm_repo **out, git_repository *git,
    const char *dir)
{
	if (git_repository_is_bare(git)) {
		git_repository_free(git);
		return brm_error_set(BRM_ERROR, "cannot open repository '%s': "
		    "it is bare, brm needs a work tree", dir);
	}
	*out = brm_calloc(1, sizeof(**out));
	(*out)->git = git;
	return 0;
}

static int open_git(git_repository **git, const char *dir)
{
	int err = git_repository_open_ext(git, dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);

	if (err == GIT_ENOTFOUND)
		return brm_error_set(BRM_ENOTFOUND,
		    "cannot open repository '%s': %s", dir, git_message());
	if (err < 0)
		return brm_error_set(BRM_ERROR,
		    "cannot open repository '%s': %s", dir, git_message());
	return 0;
}

int brm_repo_open(struct brm_repo **out, const char *dir)
{
	git_repository *git = NULL;
	int ret;

	*out = NULL;
	if ((ret = library_init()) < 0)
		return ret;
	if ((ret = open_git(&git, dir)) < 0 ||
	    (ret = wrap_handle(out, git, dir)) < 0)
		git_libgit2_shutdown();
	return ret;
}

/*
 * git's init.defaultBranch, else "main".  libgit2 1.5 would fall back to
 * "master" on its own, so the default is made explicit here.
 */
static char *default_branch(void)
{
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	char *name = NULL;

	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&value, cfg,
	    "init.defaultBranch") == 0 &&
	    value.size > 0)
		name = brm_strdup(value.ptr);
	git_buf_dispose(&value);
	git_config_free(cfg);
	git_error_clear();
	return name ? name : brm_strdup("main");
}

static int init_git(git_repository **git, const char *dir)
{
	git_repository_init_options opts;
	char *head = default_branch();
	int ret = 0;

	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = head;
	if (git_repository_init_ext(git, dir, &opts) < 0)
		ret = brm_error_set(BRM_ERROR,
		    "cannot create repository '%s': %s", dir, git_message());
	free(head);
	return ret;
}

int brm_repo_init(struct brm_repo **out, const char *dir)
{
	git_repository *git = NULL;
	int ret;

	*out = NULL;
	if ((ret = library_init()) < 0)
		return ret;
	ret = open_git(&git, dir);
	if (ret == BRM_ENOTFOUND) {
		brm_error_clear();
		ret = init_git(&git, dir);
	}
	if (ret < 0 || (ret = wrap_handle(out, git, dir)) < 0)
		git_libgit2_shutdown();
	return ret;
}

void brm_repo_free(struct brm_repo *repo)
{
	if (!repo)
		return;
	git_repository_free(repo->git);
	free(repo->warning);
	free(repo);
	git_libgit2_shutdown();
}

const char *brm_repo_warning(struct brm_repo *repo)
{
	return repo->warning;
}

/* ---- HEAD ------------------------------------------------------------- */

/* The branch HEAD points at ("refs/heads/main"); refuses a detached HEAD. */
static int head_branch(git_repository *git, char **branch)
{
	git_reference *head = NULL;
	int ret = 0;

	*branch = NULL;
	if (git_reference_lookup(&head, git, "HEAD") < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read HEAD: %s",
		    git_message());
		goto done;
	}
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		ret = brm_error_set(BRM_ERROR, "HEAD is detached");
		brm_error_hint(ret,
		    "check out a branch first: git switch main");
		goto done;
	}
	*branch = brm_strdup(git_reference_symbolic_target(head));
done:
	git_reference_free(head);
	return ret;
}

int brm_repo_branch(struct brm_repo *repo, char **branch)
{
	return head_branch(repo->git, branch);
}

int brm_repo_branch_tip(struct brm_repo *repo, const char *branch,
    git_oid *out)
{
	if (git_reference_name_to_id(out, repo->git, branch) < 0)
		return brm_error_set(BRM_ERROR, "cannot read branch '%s': %s",
		    brm_repo_short_branch(branch), git_message());
	return 0;
}

int brm_repo_head(struct brm_repo *repo, char oid_hex[41])
{
	git_oid oid;
	char *branch = NULL;
	int err, ret = 0;

	err = git_reference_name_to_id(&oid, repo->git, "HEAD");
	if (err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH) {
		head_branch(repo->git, &branch);
		ret = brm_error_set(BRM_ENOTFOUND, "your current branch '%s' "
		    "does not have any commits yet",
		    branch ? brm_repo_short_branch(branch) : "HEAD");
	} else if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot resolve HEAD: %s",
		    git_message());
	} else {
		git_oid_tostr(oid_hex, 41, &oid);
	}
	free(branch);
	return ret;
}

/* ---- identity --------------------------------------------------------- */

/* An environment variable, with empty meaning unset as in git. */
static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static int parse_digits(const char **p, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

/* "+hhmm", "+hh:mm", "+hh" or "Z", as minutes east of UTC. */
static int parse_tz(const char **p, int *minutes)
{
	int sign, hh, mm = 0;

	if (**p == 'Z') {
		(*p)++;
		*minutes = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = *(*p)++ == '-' ? -1 : 1;
	if (parse_digits(p, 2, &hh) < 0)
		return -1;
	if (**p == ':')
		(*p)++;
	if (**p >= '0' && **p <= '9' && parse_digits(p, 2, &mm) < 0)
		return -1;
	if (hh > 23 || mm > 59)
		return -1;
	*minutes = sign * (hh * 60 + mm);
	return 0;
}

/* git's raw format: "[@]<epoch>[ <+hhmm>]". */
static int parse_raw_date(const char *s, git_time *t)
{
	char *end;
	long long v;

	if (*s == '@')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno)
		return -1;
	s = end;
	t->offset = 0;
	while (*s == ' ')
		s++;
	if (*s && parse_tz(&s, &t->offset) < 0)
		return -1;
	t->time = v;
	return *s ? -1 : 0;
}

/* Converts broken-down time; no zone means the local one, as in git. */
static int tm_to_time(const struct tm *tm, int has_tz, git_time *t)
{
	struct tm copy = *tm;
	time_t v;

	/* both normalise 2026-02-30 into March: compare with the input */
	if (has_tz) {
		v = timegm(&copy);
	} else {
		copy.tm_isdst = -1;
		v = mktime(&copy);
		t->offset = (int)(copy.tm_gmtoff / 60);
	}
	if (copy.tm_mday != tm->tm_mday || copy.tm_mon != tm->tm_mon)
		return -1;
	t->time = (git_time_t)v - (has_tz ? t->offset * 60 : 0);
	return 0;
}

/* "YYYY-MM-DD[T ]HH:MM:SS[.frac][ ][Z|+hh:mm|+hhmm]" */
static int parse_iso_date(const char *s, git_time *t)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, se, has_tz = 0;

	t->offset = 0;
	if (parse_digits(&s, 4, &y) < 0 || *s++ != '-' ||
	    parse_digits(&s, 2, &mo) < 0 || *s++ != '-' ||
	    parse_digits(&s, 2, &d) < 0 || (*s != 'T' && *s != ' '))
		return -1;
	s++;
	if (parse_digits(&s, 2, &h) < 0 || *s++ != ':' ||
	    parse_digits(&s, 2, &mi) < 0 || *s++ != ':' ||
	    parse_digits(&s, 2, &se) < 0)
		return -1;
	if (*s == '.')
		while (*++s >= '0' && *s <= '9')
			;
	while (*s == ' ')
		s++;
	if (*s) {
		if (parse_tz(&s, &t->offset) < 0 || *s)
			return -1;
		has_tz = 1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return tm_to_time(&tm, has_tz, t);
}

static int parse_date(const char *var, const char *s, git_time *t)
{
	while (*s == ' ')
		s++;
	if (parse_raw_date(s, t) == 0 || parse_iso_date(s, t) == 0)
		return 0;
	brm_error_set(BRM_ERROR, "invalid date format in %s: '%s'", var, s);
	return brm_error_hint(BRM_ERROR, "use '@<epoch> <+hhmm>' or "
	    "'YYYY-MM-DDTHH:MM:SS+HH:MM'");
}

static char *config_string(git_config *cfg, const char *key)
{
	const char *v = NULL;

	if (!cfg || git_config_get_string(&v, cfg, key) < 0 || !*v) {
		git_error_clear();
		return NULL;
	}
	return brm_strdup(v);
}

/* Owned copies of the values a signature is made of. */
struct ident_parts {
	char *name, *email;
	const char *date;	/* from the environment; NULL: now */
};

static char *dup_or_null(const char *s)
{
	return s ? brm_strdup(s) : NULL;
}

/*
 * GIT_AUTHOR_* then user.name/user.email (and $EMAIL, as git does); the
 * committer likewise from GIT_COMMITTER_* then the config, so that
 * GIT_AUTHOR_NAME=x alone credits x as author only, as in git.  The
 * committer's date falls back to the author's, for reproducible commits.
 * git_signature_default() is not used: it ignores the environment.
 */
static void collect_identity(git_repository *git, struct ident_parts *a,
    struct ident_parts *c)
{
	git_config *cfg = NULL;

	if (git_repository_config_snapshot(&cfg, git) < 0)
		git_error_clear();
	a->name = dup_or_null(env("GIT_AUTHOR_NAME"));
	if (!a->name)
		a->name = config_string(cfg, "user.name");
	a->email = dup_or_null(env("GIT_AUTHOR_EMAIL"));
	if (!a->email)
		a->email = config_string(cfg, "user.email");
	if (!a->email)
		a->email = dup_or_null(env("EMAIL"));
	a->date = env("GIT_AUTHOR_DATE");
	c->name = dup_or_null(env("GIT_COMMITTER_NAME"));
	if (!c->name)
		c->name = config_string(cfg, "user.name");
	if (!c->name)
		c->name = dup_or_null(a->name);
	c->email = dup_or_null(env("GIT_COMMITTER_EMAIL"));
	if (!c->email)
		c->email = config_string(cfg, "user.email");
	if (!c->email)
		c->email = dup_or_null(env("EMAIL"));
	if (!c->email)
		c->email = dup_or_null(a->email);
	c->date = env("GIT_COMMITTER_DATE");
	if (!c->date)
		c->date = a->date;
	git_config_free(cfg);
}

static int make_signature(git_signature **out, const struct ident_parts *p,
    const char *date_var)
{
	git_time t;
	int err;

	if (!p->date)
		err = git_signature_now(out, p->name, p->email);
	else if (parse_date(date_var, p->date, &t) < 0)
		return BRM_ERROR;
	else
		err = git_signature_new(out, p->name, p->email, t.time,
		    t.offset);
	if (err < 0)
		return brm_error_set(BRM_ERROR, "cannot commit: invalid "
		    "identity '%s <%s>': %s", p->name, p->email,
		    git_message());
	return 0;
}

static int identity_unknown(void)
{
	brm_error_set(BRM_ERROR, "cannot commit: author identity unknown");
	return brm_error_hint(BRM_ERROR, "run\n"
	    "  git config --global user.email \"you@example.com\"\n"
	    "  git config --global user.name \"Your Name\"\n"
	    "to set your account's default identity");
}

static int identity_get(git_repository *git, struct identity *id)
{
	struct ident_parts a = { 0 }, c = { 0 };
	int ret;

	id->author = id->committer = NULL;
	collect_identity(git, &a, &c);
	if (!a.name || !a.email)
		ret = identity_unknown();
	else if ((ret = make_signature(&id->author, &a,
	    "GIT_AUTHOR_DATE")) == 0)
		ret = make_signature(&id->committer, &c, c.date == a.date ?
		    "GIT_AUTHOR_DATE" : "GIT_COMMITTER_DATE");
	free(a.name);
	free(a.email);
	free(c.name);
	free(c.email);
	return ret;
}

static void identity_release(struct identity *id)
{
	git_signature_free(id->author);
	git_signature_free(id->committer);
	id->author = id->committer = NULL;
}

git_repository *brm_repo_git(struct brm_repo *repo)
{
	return repo->git;
}

const char *brm_repo_git_message(void)
{
	return git_message();
}

int brm_repo_signatures(struct brm_repo *repo, git_signature **author,
    git_signature **committer)
{
	struct identity id = { 0 };
	int ret;

	*author = *committer = NULL;
	if ((ret = identity_get(repo->git, &id)) < 0) {
		identity_release(&id);
		return ret;
	}
	*author = id.author;
	*committer = id.committer;
	return 0;
}

/* ---- locks ------------------------------------------------------------ */

/*
 * The lock file git would create for the branch.  Refs live in the common
 * dir, which differs from git_repository_path() in a linked worktree.
 */
static char *branch_lock_path(git_repository *git, const char *branch)
{
	return brm_xprintf("%s%s.lock", git_repository_commondir(git),
	    branch);
}

static int lock_conflict(const char *prefix, const char *path)
{
	int ret = brm_error_set(BRM_ECONFLICT, "%s'%s' exists: another git "
	    "process seems to be running", prefix, path);

	return brm_error_hint(ret, "if no other git or brm process is "
	    "running, remove the file: rm '%s'", path);
}

static int wait_for_locks(git_repository *git, const char *branch)
{
	char *paths[2];
	int i, poll, held = -1, ret = 0;

	paths[0] = brm_xprintf("%sindex.lock", git_repository_path(git));
	paths[1] = branch_lock_path(git, branch);
	for (poll = 0; poll < LOCK_POLLS; poll++) {
		held = -1;
		for (i = 0; i < 2 && held < 0; i++)
			if (access(paths[i], F_OK) == 0)
				held = i;
		if (held < 0)
			break;
		sleep_ms(LOCK_POLL_MS);
	}
	if (held >= 0)
		ret = lock_conflict("", paths[held]);
	free(paths[0]);
	free(paths[1]);
	return ret;
}

int brm_repo_check_writable(struct brm_repo *repo)
{
	struct identity id = { 0 };
	char *branch = NULL;
	int ret;

	if ((ret = head_branch(repo->git, &branch)) == 0 &&
	    (ret = identity_get(repo->git, &id)) == 0)
		ret = wait_for_locks(repo->git, branch);
	identity_release(&id);
	free(branch);
	return ret;
}

/* ---- commit ----------------------------------------------------------- */

static int job_message(struct commit_job *job, const char *message)
{
	const char *nl;
	size_t len;

	if (git_message_prettify(&job->message, message, 0, '#') < 0)
		return brm_error_set(BRM_ERROR, "cannot commit: %s",
		    git_message());
	if (job->message.size == 0)
		return brm_error_set(BRM_ERROR,
		    "cannot commit: empty commit message");
	nl = strchr(job->message.ptr, '\n');
	len = nl ? (size_t)(nl - job->message.ptr) : job->message.size;
	job->reflog = brm_xprintf("commit: %.*s", (int)len,
	    job->message.ptr);
	job->reflog_root = brm_xprintf("commit (initial): %.*s", (int)len,
	    job->message.ptr);
	return 0;
}

/* Blobs do not depend on the tip: write them once, outside the loop. */
static int job_blobs(struct commit_job *job)
{
	size_t i;

	job->blobs = brm_calloc(job->n, sizeof(*job->blobs));
	job->updates = brm_calloc(job->n, sizeof(*job->updates));
	for (i = 0; i < job->n; i++) {
		const struct brm_change *c = &job->changes[i];

		if (c->data && git_blob_create_from_buffer(&job->blobs[i],
		    job->git, c->data, c->len) < 0)
			return brm_error_set(BRM_ERROR, "cannot commit: "
			    "cannot store '%s': %s", c->path, git_message());
	}
	return 0;
}

static void job_release(struct commit_job *job)
{
	free(job->blobs);
	free(job->updates);
	free(job->reflog);
	free(job->reflog_root);
	git_buf_dispose(&job->message);
	identity_release(&job->id);
}

/*
 * Fill job->updates against base.  Removing a path the tip does not have
 * is dropped rather than failed: another writer may have removed it.
 */
static int job_updates(struct commit_job *job, git_tree *base, size_t *n)
{
	git_tree_entry *e;
	size_t i;
	int err;

	*n = 0;
	for (i = 0; i < job->n; i++) {
		const struct brm_change *c = &job->changes[i];
		git_tree_update *u = &job->updates[*n];

		if (!c->data) {
			if (!base)
				continue;
			err = git_tree_entry_bypath(&e, base, c->path);
			if (err == GIT_ENOTFOUND)
				continue;
			if (err < 0)
				return err;
			git_tree_entry_free(e);
		}
		memset(u, 0, sizeof(*u));
		u->action = c->data ? GIT_TREE_UPDATE_UPSERT :
		    GIT_TREE_UPDATE_REMOVE;
		git_oid_cpy(&u->id, &job->blobs[i]);
		u->filemode = GIT_FILEMODE_BLOB;
		u->path = c->path;
		(*n)++;
	}
	return 0;
}

/* Moves the branch only if it still points at parent (NULL: unborn). */
static int move_branch(struct commit_job *job, const git_oid *id,
    const git_oid *parent)
{
	git_reference *ref = NULL;
	int err;

	if (parent)
		err = git_reference_create_matching(&ref, job->git,
		    job->branch, id, 1, parent, job->reflog);
	else
		err = git_reference_create_matching(&ref, job->git,
		    job->branch, id, 0, NULL, job->reflog_root);
	git_reference_free(ref);
	job->retryable = err == GIT_EMODIFIED || err == GIT_ELOCKED ||
	    err == GIT_EEXISTS;
	return err;
}

/* One attempt: a commit on the current tip.  Returns a libgit2 code. */
static int try_commit(struct commit_job *job, git_oid *out)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_oid parent_id, tree_id;
	size_t n;
	int err;

	job->retryable = 0;
	err = git_reference_name_to_id(&parent_id, job->git, job->branch);
	if (err == GIT_ENOTFOUND)
		err = 0;
	else if (err < 0 ||
	    (err = git_commit_lookup(&parent, job->git, &parent_id)) < 0 ||
	    (err = git_commit_tree(&base, parent)) < 0)
		goto done;
	if ((err = job_updates(job, base, &n)) < 0 ||
	    (err = git_tree_create_updated(&tree_id, job->git, base, n,
	    job->updates)) < 0 ||
	    (err = git_tree_lookup(&tree, job->git, &tree_id)) < 0 ||
	    (err = git_commit_create(out, job->git, NULL, job->id.author,
	    job->id.committer, NULL, job->message.ptr, tree, parent ? 1 : 0,
	    (const git_commit **)&parent)) < 0)
		goto done;
	BRM_CRASH_POINT("after-commit");
	err = move_branch(job, out, parent ? &parent_id : NULL);
done:
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return err;
}

static int cas_failed(struct commit_job *job, int err)
{
	char *path;
	int ret;

	if (err != GIT_ELOCKED)
		return brm_error_set(BRM_ECONFLICT, "cannot commit: branch "
		    "'%s' kept moving", brm_repo_short_branch(job->branch));
	path = branch_lock_path(job->git, job->branch);
	ret = lock_conflict("cannot commit: ", path);
	free(path);
	return ret;
}

/*
 * Other writers move the branch under us: rebuild on the new tip after a
 * random pause, so that forked writers do not retry in lockstep.
 */
static int commit_loop(struct commit_job *job, git_oid *out)
{
	struct timespec start, now;
	unsigned seed;
	int err, tries = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	clock_gettime(CLOCK_REALTIME, &now);
	seed = (unsigned)getpid() ^ (unsigned)now.tv_nsec;
	while ((err = try_commit(job, out)) < 0 && job->retryable &&
	    ++tries < CAS_MAX_TRIES && elapsed_ms(&start) < CAS_MAX_MS)
		sleep_ms(1 + rand_r(&seed) % CAS_BACKOFF_MS);
	if (err >= 0)
		return 0;
	if (job->retryable)
		return cas_failed(job, err);
	return brm_error_set(BRM_ERROR, "cannot commit: %s", git_message());
}

/* ---- index refresh ---------------------------------------------------- */

/*
 * libgit2 1.5 cannot lock the index before reading it, so two brm
 * processes refreshing at once could each write an index that lacks the
 * other's entry.  An flock() on a file of our own orders them; it never
 * goes stale, and it is only best effort (git itself ignores it, and we
 * go ahead unlocked after a second rather than hang).
 */
static int index_mutex_lock(git_repository *git)
{
	char *path = brm_xprintf("%s%s", git_repository_path(git),
	    INDEX_MUTEX);
	int fd, i;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(path);
	for (i = 0; fd >= 0 && i < LOCK_POLLS * 10; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		sleep_ms(LOCK_POLL_MS / 10);
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

static void index_mutex_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/*
 * Re-read right before the change: a stale index would undo 'git add'.
 * Not forced: libgit2 then re-reads only when the file's checksum (its
 * last 20 bytes) differs from the one loaded, which catches any write by
 * another process, and a forced read would parse the whole index a
 * second time just after git_repository_index() did: at 100,000 records
 * that was a third of a commit.
 */
/*
 * The index entry of a file brm has just written, whose blob is known:
 * git_index_add_bypath() would read and hash it again and store the
 * blob a second time, which doubles the work of a large import.  A file
 * that is not what brm wrote any more (a hand edit in between) is left
 * to git_index_add_bypath().
 */
static int index_add_written(git_index *idx, const struct brm_change *c,
    const git_oid *blob)
{
	const char *workdir = git_repository_workdir(git_index_owner(idx));
	char *abs = brm_xprintf("%s%s", workdir ? workdir : "", c->path);
	git_index_entry e;
	struct stat st;
	int err;

	if (!workdir || lstat(abs, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != c->len) {
		free(abs);
		return git_index_add_bypath(idx, c->path);
	}
	free(abs);
	memset(&e, 0, sizeof(e));
	e.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	e.dev = (uint32_t)st.st_dev;
	e.ino = (uint32_t)st.st_ino;
	e.mode = (st.st_mode & 0111) ? GIT_FILEMODE_BLOB_EXECUTABLE :
	    GIT_FILEMODE_BLOB;
	e.uid = st.st_uid;
	e.gid = st.st_gid;
	e.file_size = (uint32_t)st.st_size;
	e.id = *blob;
	e.path = c->path;
	err = git_index_add(idx, &e);
	return err;
}

/* blobs: the blob ids of the changes' data, or NULL. */
static int index_update(git_index *idx, const struct brm_change *changes,
    const git_oid *blobs, size_t n)
{
	size_t i;
	int err;

	if ((err = git_index_read(idx, 0)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		if (changes[i].data && blobs)
			err = index_add_written(idx, &changes[i], &blobs[i]);
		else if (changes[i].data)
			err = git_index_add_bypath(idx, changes[i].path);
		else
			err = git_index_remove_bypath(idx, changes[i].path);
		if (err < 0)
			return err;
	}
	BRM_CRASH_POINT("before-index");
	return git_index_write(idx);
}

static void set_index_warning(struct brm_repo *repo, const git_oid *id,
    const struct brm_change *changes, size_t n)
{
	struct brm_buf b = BRM_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;

	git_oid_tostr(hex, 8, id);
	brm_buf_printf(&b, "commit %s made, but the index could not be "
	    "updated (%s); to refresh it, run: git reset -q --", hex,
	    git_message());
	for (i = 0; i < n; i++)
		brm_buf_printf(&b, " %s", changes[i].path);
	repo->warning = brm_buf_detach(&b);
}

/*
 * The commit exists already, so failures here only leave 'git status'
 * showing the paths as changed: they become a warning, not an error.
 */
static void refresh_index(struct brm_repo *repo, const git_oid *id,
    const struct brm_change *changes, const git_oid *blobs, size_t n)
{
	git_index *idx = NULL;
	int fd, err, tries = 0;

	fd = index_mutex_lock(repo->git);
	if ((err = git_repository_index(&idx, repo->git)) < 0)
		goto done;
	while ((err = index_update(idx, changes, blobs, n)) ==
	    GIT_ELOCKED &&
	    ++tries < INDEX_TRIES)
		sleep_ms(LOCK_POLL_MS);
done:
	if (err < 0)
		set_index_warning(repo, id, changes, n);
	git_error_clear();
	git_index_free(idx);
	index_mutex_unlock(fd);
}

int brm_repo_commit(struct brm_repo *repo, const struct brm_change *changes,
    size_t n, const char *message, char oid_hex[41])
{
	struct commit_job job = { 0 };
	char *branch = NULL;
	git_oid id;
	int ret;

	free(repo->warning);
	repo->warning = NULL;
	job.git = repo->git;
	job.changes = changes;
	job.n = n;
	if ((ret = head_branch(repo->git, &branch)) < 0)
		goto done;
	job.branch = branch;
	if ((ret = identity_get(repo->git, &job.id)) < 0 ||
	    (ret = job_message(&job, message)) < 0 ||
	    (ret = job_blobs(&job)) < 0)
		goto done;
	BRM_CRASH_POINT("after-blob");
	if ((ret = commit_loop(&job, &id)) < 0)
		goto done;
	BRM_CRASH_POINT("after-ref");
	refresh_index(repo, &id, changes, job.blobs, n);
	if (oid_hex)
		git_oid_tostr(oid_hex, 41, &id);
done:
	job_release(&job);
	free(branch);
	return ret;
}

void brm_repo_refresh_index(struct brm_repo *repo,
    const struct brm_change *changes, size_t n)
{
	git_oid head;

	free(repo->warning);
	repo->warning = NULL;
	if (git_reference_name_to_id(&head, repo->git, "HEAD") < 0)
		memset(&head, 0, sizeof(head));
	refresh_index(repo, &head, changes, NULL, n);
}

int brm_repo_blob_id(char hex[41], const char *data, size_t len)
{
	git_oid id;

	if (git_odb_hash(&id, data, len, GIT_OBJECT_BLOB) < 0)
		return brm_error_set(BRM_ERROR, "cannot hash: %s",
		    git_message());
	git_oid_tostr(hex, 41, &id);
	return 0;
}

int brm_repo_head_blob(struct brm_repo *repo, const char *path,
    char hex[41])
{
	git_object *tree = NULL;
	git_tree_entry *e = NULL;
	int err, ret = 0;

	err = git_revparse_single(&tree, repo->git, "HEAD^{tree}");
	if (err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH ||
	    (err == 0 && (err = git_tree_entry_bypath(&e, (git_tree *)tree,
	    path)) == GIT_ENOTFOUND)) {
		git_error_clear();
		ret = BRM_ENOTFOUND;
	} else if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read HEAD: %s",
		    git_message());
	} else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		ret = BRM_ENOTFOUND;
	} else {
		git_oid_tostr(hex, 41, git_tree_entry_id(e));
	}
	git_tree_entry_free(e);
	git_object_free(tree);
	return ret;
}

/* ---- log -------------------------------------------------------------- */

/* The blob at path in commit's tree; *blob stays NULL when absent. */
static int blob_at(git_blob **blob, git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int err;

	*blob = NULL;
	if ((err = git_commit_tree(&tree, commit)) < 0)
		goto done;
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == GIT_ENOTFOUND) {
		err = 0;
		goto done;
	}
	if (err < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		goto done;
	err = git_blob_lookup(blob, git_commit_owner(commit),
	    git_tree_entry_id(e));
done:
	git_tree_entry_free(e);
	git_tree_free(tree);
	return err;
}

static char *blob_copy(git_blob *blob, size_t *len)
{
	char *data;

	*len = 0;
	if (!blob)
		return NULL;
	*len = (size_t)git_blob_rawsize(blob);
	data = brm_malloc(*len + 1);
	memcpy(data, git_blob_rawcontent(blob), *len);
	data[*len] = '\0';
	return data;
}

static int same_blob(git_blob *a, git_blob *b)
{
	if (!a || !b)
		return a == b;
	return git_oid_equal(git_blob_id(a), git_blob_id(b));
}

/* Old and new content of path around commit; *changed = 0 if equal. */
static int rev_data(struct brm_repo_rev *rev, git_commit *commit,
    const char *path, int *changed)
{
	git_commit *parent = NULL;
	git_blob *old = NULL, *new = NULL;
	int err;

	*changed = 1;
	if (!path)
		return 0;
	if ((err = blob_at(&new, commit, path)) < 0 ||
	    (git_commit_parentcount(commit) > 0 &&
	    ((err = git_commit_parent(&parent, commit, 0)) < 0 ||
	    (err = blob_at(&old, parent, path)) < 0)))
		goto done;
	*changed = !same_blob(old, new);
	if (*changed) {
		rev->old_data = blob_copy(old, &rev->old_len);
		rev->new_data = blob_copy(new, &rev->new_len);
	}
done:
	git_blob_free(old);
	git_blob_free(new);
	git_commit_free(parent);
	return err;
}

static void rev_release(struct brm_repo_rev *rev)
{
	free(rev->author);
	free(rev->message);
	free(rev->old_data);
	free(rev->new_data);
}

/* Calls fn for commit id if it touched path; *seen counts the calls. */
static int log_one(git_repository *git, const git_oid *id, const char *path,
    int (*fn)(const struct brm_repo_rev *, void *), void *payload,
    size_t *seen)
{
	struct brm_repo_rev rev = { 0 };
	git_commit *commit = NULL;
	const git_signature *sig;
	int changed, ret;

	if ((ret = git_commit_lookup(&commit, git, id)) < 0 ||
	    (ret = rev_data(&rev, commit, path, &changed)) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read history: %s",
		    git_message());
		goto done;
	}
	if (!changed)
		goto done;
	sig = git_commit_author(commit);
	git_oid_tostr(rev.oid, sizeof(rev.oid), id);
	rev.author = brm_xprintf("%s <%s>", sig->name, sig->email);
	rev.when = (time_t)sig->when.time;
	rev.tz_minutes = sig->when.offset;
	rev.message = brm_strdup(git_commit_message(commit));
	(*seen)++;
	ret = fn(&rev, payload);
done:
	rev_release(&rev);
	git_commit_free(commit);
	return ret;
}

/* A first-parent walk from HEAD; GIT_ENOTFOUND on an unborn branch. */
static int log_walk_new(git_revwalk **walk, git_repository *git)
{
	git_oid head;
	int err;

	/* git_revwalk_push_head() reports an unborn branch as plain -1 */
	if ((err = git_reference_name_to_id(&head, git, "HEAD")) < 0)
		return err == GIT_EUNBORNBRANCH ? GIT_ENOTFOUND : err;
	if ((err = git_revwalk_new(walk, git)) < 0 ||
	    (err = git_revwalk_sorting(*walk,
	    GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0)
		return err;
	git_revwalk_simplify_first_parent(*walk);
	return git_revwalk_push(*walk, &head);
}

int brm_repo_log(struct brm_repo *repo, const char *path, size_t max,
    int (*fn)(const struct brm_repo_rev *rev, void *payload), void *payload)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t seen = 0;
	int err, ret = 0;

	err = log_walk_new(&walk, repo->git);
	if (err == GIT_ENOTFOUND) {
		git_error_clear();	/* no commits yet: empty history */
		goto done;
	}
	if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read history: %s",
		    git_message());
		goto done;
	}
	while ((!max || seen < max) && (err = git_revwalk_next(&id,
	    walk)) == 0)
		if ((ret = log_one(repo->git, &id, path, fn, payload,
		    &seen)) != 0)
			goto done;
	if (err < 0 && err != GIT_ITEROVER)
		ret = brm_error_set(BRM_ERROR, "cannot read history: %s",
		    git_message());
done:
	git_revwalk_free(walk);
	return ret;
}

/* ---- reading a commit's tree ---- */

/*
 * Records are read folder by folder, and a month folder of a large
 * portfolio is a 30 KiB tree that libgit2 does not cache (over 4 KiB):
 * the folder last read from is kept, so that each is inflated once, and
 * only one at a time is held whatever the number of months.
 */
struct brm_tree {
	git_repository *git;	/* borrowed from the brm_repo */
	git_tree *root;
	long long time;		/* the commit's committer time */
	int tz_min;		/* and its UTC offset */
	char *dir;		/* the folder last read from */
	git_tree *dir_tree;	/* its tree */
};

int brm_tree_open(struct brm_tree **out, struct brm_repo *repo,
    const char *rev, char oid_hex[41])
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	struct brm_tree *t;
	int ret = 0;

	*out = NULL;
	if (git_revparse_single(&obj, repo->git, rev) < 0 ||
	    git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		ret = brm_error_set(BRM_ENOTFOUND, "unknown revision '%s': %s",
		    rev, git_message());
		goto done;
	}
	t = brm_calloc(1, sizeof(*t));
	t->git = repo->git;
	if (git_commit_tree(&t->root, commit) < 0) {
		free(t);
		ret = brm_error_set(BRM_ERROR, "cannot read the tree of '%s': "
		    "%s", rev, git_message());
		goto done;
	}
	if (oid_hex)
		git_oid_tostr(oid_hex, 41, git_commit_id(commit));
	t->time = (long long)git_commit_time(commit);
	t->tz_min = git_commit_time_offset(commit);
	*out = t;
done:
	git_commit_free(commit);
	git_object_free(obj);
	return ret;
}

void brm_tree_committed(const struct brm_tree *t, long long *when,
    int *tz_min)
{
	*when = t->time;
	*tz_min = t->tz_min;
}

void brm_tree_free(struct brm_tree *t)
{
	if (!t)
		return;
	git_tree_free(t->dir_tree);
	free(t->dir);
	git_tree_free(t->root);
	free(t);
}

static int subtree(git_tree **out, struct brm_tree *t, const char *dir)
{
	git_tree_entry *e = NULL;
	int ret;

	if (!*dir)
		return git_tree_dup(out, t->root);
	if ((ret = git_tree_entry_bypath(&e, t->root, dir)) < 0)
		return ret;
	ret = git_tree_entry_type(e) == GIT_OBJECT_TREE ?
	    git_tree_lookup(out, t->git, git_tree_entry_id(e)) :
	    GIT_ENOTFOUND;
	git_tree_entry_free(e);
	return ret;
}

int brm_tree_list(struct brm_tree *t, const char *dir, char ***names,
    size_t *n)
{
	git_tree *tree = NULL;
	size_t i, count;

	*names = NULL;
	*n = 0;
	if (subtree(&tree, t, dir) < 0)
		return 0;
	count = git_tree_entrycount(tree);
	*names = brm_calloc(count + 1, sizeof(**names));
	/* git sorts tree entries by name already */
	for (i = 0; i < count; i++)
		(*names)[i] = brm_strdup(git_tree_entry_name(
		    git_tree_entry_byindex(tree, i)));
	*n = count;
	git_tree_free(tree);
	return 0;
}

/* The tree of folder dir (the one last used, or looked up), or NULL. */
static git_tree *folder(struct brm_tree *t, const char *dir, size_t len)
{
	if (t->dir && strlen(t->dir) == len && !strncmp(t->dir, dir, len))
		return t->dir_tree;
	git_tree_free(t->dir_tree);
	free(t->dir);
	t->dir = brm_strndup(dir, len);
	t->dir_tree = NULL;
	if (subtree(&t->dir_tree, t, t->dir) < 0)
		t->dir_tree = NULL;
	return t->dir_tree;
}

int brm_tree_read(struct brm_tree *t, const char *path,
    struct brm_buf *out)
{
	const char *slash = strrchr(path, '/');
	const git_tree_entry *e;
	git_tree *dir = folder(t, path, slash ? (size_t)(slash - path) : 0);
	git_blob *blob = NULL;
	int ret = 0;

	e = dir ? git_tree_entry_byname(dir, slash ? slash + 1 : path) : NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		ret = brm_error_set(BRM_ENOTFOUND, "'%s' is not in that "
		    "commit", path);
		goto done;
	}
	if (git_blob_lookup(&blob, t->git, git_tree_entry_id(e)) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    git_message());
		goto done;
	}
	brm_buf_add(out, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob));
done:
	git_blob_free(blob);
	return ret;
}
