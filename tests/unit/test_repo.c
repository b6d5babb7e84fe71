/*
 * test_repo.c - core/repo.c against real repositories in temp dirs.
 *
 * The git CLI is the oracle: what brm commits must look right to
 * 'git ls-tree', 'git show', 'git status' and 'git fsck'.
 */
#include "unit.h"
#include "core/repo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"

#define WRITERS 10
#define WRITER_COMMITS 5

struct fx {
	char *dir;
	struct brm_repo *repo;
};

static char *home;

/* ---- helpers ---------------------------------------------------------- */

static char *vsh(int *status, const char *fmt, va_list ap)
{
	struct brm_buf cmd = BRM_BUF_INIT, out = BRM_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *p;

	brm_buf_vprintf(&cmd, fmt, ap);
	brm_buf_puts(&cmd, " 2>/dev/null");
	p = popen(cmd.data, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		brm_buf_add(&out, chunk, n);
	*status = pclose(p);
	brm_buf_release(&cmd);
	return brm_buf_detach(&out);
}

/* Output of a shell command that must succeed; free() it. */
static char *sh(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static char *sh(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int status;

	va_start(ap, fmt);
	out = vsh(&status, fmt, ap);
	va_end(ap);
	assert_int_equal(status, 0);
	return out;
}

static void expect_sh(const char *want, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void expect_sh(const char *want, const char *fmt, ...)
{
	va_list ap;
	char *out;
	int status;

	va_start(ap, fmt);
	out = vsh(&status, fmt, ap);
	va_end(ap);
	assert_int_equal(status, 0);
	assert_string_equal(out, want);
	free(out);
}

/* Writes (data) or deletes (NULL) a work-tree file; no cmocka: forks. */
static int put_file(const char *dir, const char *path, const char *data)
{
	char *full = brm_xprintf("%s/%s", dir, path), *s;
	FILE *fp;
	int ret = -1;

	if (!data) {
		ret = unlink(full) == 0 || errno == ENOENT ? 0 : -1;
		goto done;
	}
	for (s = full + strlen(dir) + 1; (s = strchr(s, '/')); *s++ = '/') {
		*s = '\0';
		if (mkdir(full, 0777) < 0 && errno != EEXIST)
			goto done;
	}
	if ((fp = fopen(full, "w")) == NULL)
		goto done;
	ret = fputs(data, fp) < 0 ? -1 : 0;
	if (fclose(fp) != 0)
		ret = -1;
done:
	free(full);
	return ret;
}

static void commit_one(struct fx *f, const char *path, const char *data,
    const char *msg, char oid[41])
{
	struct brm_change c = { path, data, data ? strlen(data) : 0 };

	assert_int_equal(put_file(f->dir, path, data), 0);
	if (brm_repo_commit(f->repo, &c, 1, msg, oid) < 0)
		fail_msg("commit failed: %s", brm_error_last());
	assert_null(brm_repo_warning(f->repo));
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L +
	    (now.tv_nsec - start->tv_nsec) / 1000000L;
}

static void set_identity(void)
{
	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_DATE");
}

static void clear_identity(void)
{
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_DATE");
	unsetenv("EMAIL");
}

/* ---- fixtures --------------------------------------------------------- */

/* An empty HOME and no system config, for libgit2 and the CLI alike. */
static int group_setup(void **state)
{
	static const char *const unset[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
		"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
		"GIT_CEILING_DIRECTORIES", "GIT_NAMESPACE", "EMAIL", NULL
	};
	char tmpl[] = "/tmp/brm-test-home-XXXXXX";
	int i;

	if (!mkdtemp(tmpl))
		return -1;
	home = brm_strdup(tmpl);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	for (i = 0; unset[i]; i++)
		unsetenv(unset[i]);
	return 0;
}

static int group_teardown(void **state)
{
	char *cmd = brm_xprintf("rm -rf '%s'", home);
	int ret = system(cmd);

	free(cmd);
	free(home);
	return ret == 0 ? 0 : -1;
}

static int setup(void **state)
{
	char tmpl[] = "/tmp/brm-test-repo-XXXXXX";
	struct fx *f = brm_calloc(1, sizeof(*f));

	*state = f;
	if (!mkdtemp(tmpl))
		return -1;
	f->dir = brm_strdup(tmpl);
	set_identity();
	brm_error_clear();
	return brm_repo_init(&f->repo, f->dir) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = brm_xprintf("rm -rf '%s'", f->dir);
	int ret = system(cmd);

	free(cmd);
	brm_repo_free(f->repo);
	free(f->dir);
	free(f);
	return ret == 0 ? 0 : -1;
}

/* ---- init, open, head ------------------------------------------------- */

static void test_repo__init_creates_dirs_and_main(void **state)
{
	struct fx *f = *state;
	struct brm_repo *r = NULL;
	char *dir = brm_xprintf("%s/sub/a/b", f->dir), oid[41];

	assert_int_equal(brm_repo_init(&r, dir), 0);
	expect_sh("refs/heads/main\n", "git -C '%s' symbolic-ref HEAD", dir);
	expect_sh("false\n", "git -C '%s' rev-parse --is-bare-repository",
	    dir);
	assert_int_equal(brm_repo_head(r, oid), BRM_ENOTFOUND);
	assert_string_equal(brm_error_last(), "your current branch 'main' "
	    "does not have any commits yet");
	brm_repo_free(r);

	/* a second init just opens */
	assert_int_equal(brm_repo_init(&r, dir), 0);
	brm_repo_free(r);
	free(dir);
}

static void test_repo__init_honours_default_branch(void **state)
{
	struct fx *f = *state;
	struct brm_repo *r = NULL;
	char *dir = brm_xprintf("%s/trunk", f->dir);
	char *cfg = brm_xprintf("%s/.gitconfig", home);

	assert_int_equal(put_file(home, ".gitconfig",
	    "[init]\n\tdefaultBranch = trunk\n"), 0);
	assert_int_equal(brm_repo_init(&r, dir), 0);
	unlink(cfg);
	expect_sh("refs/heads/trunk\n", "git -C '%s' symbolic-ref HEAD", dir);
	brm_repo_free(r);
	free(cfg);
	free(dir);
}

static void test_repo__open_does_not_search_upwards(void **state)
{
	struct fx *f = *state;
	struct brm_repo *r = NULL;
	char *sub = brm_xprintf("%s/sub", f->dir);
	char *missing = brm_xprintf("%s/missing", f->dir);

	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(brm_repo_open(&r, sub), BRM_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(brm_error_last(), "cannot open repository '"));
	assert_int_not_equal(brm_repo_open(&r, missing), 0);
	assert_null(r);
	assert_int_equal(brm_repo_open(&r, f->dir), 0);
	brm_repo_free(r);
	free(sub);
	free(missing);
}

/* ---- commits ---------------------------------------------------------- */

static void test_repo__root_then_second_commit(void **state)
{
	struct fx *f = *state;
	struct brm_change two[] = {
		{ "customers/acme.yaml", "name: Acme v2\n", 14 },
		{ "suppliers/ink.yaml", "name: Ink\n", 10 },
	};
	char first[41], second[41], head[41], *want, *got;

	commit_one(f, "customers/acme.yaml", "name: Acme\n",
	    "add-customer: Acme\n\nBrm-Id: acme", first);
	assert_int_equal(brm_repo_head(f->repo, head), 0);
	assert_string_equal(head, first);

	assert_int_equal(put_file(f->dir, two[0].path, two[0].data), 0);
	assert_int_equal(put_file(f->dir, two[1].path, two[1].data), 0);
	assert_int_equal(brm_repo_commit(f->repo, two, 2,
	    "edit: two files", second), 0);
	assert_null(brm_repo_warning(f->repo));

	expect_sh("customers/acme.yaml\nsuppliers/ink.yaml\n",
	    "git -C '%s' ls-tree -r --name-only HEAD", f->dir);
	expect_sh("name: Acme v2\n",
	    "git -C '%s' show HEAD:customers/acme.yaml", f->dir);
	expect_sh("name: Acme\n",
	    "git -C '%s' show HEAD^:customers/acme.yaml", f->dir);
	expect_sh("2\n", "git -C '%s' rev-list --count HEAD", f->dir);
	expect_sh("", "git -C '%s' status --porcelain", f->dir);
	assert_int_equal(brm_repo_head(f->repo, head), 0);
	assert_string_equal(head, second);

	want = brm_xprintf("%s\n", first);
	got = sh("git -C '%s' rev-parse HEAD^", f->dir);
	assert_string_equal(got, want);
	free(got);
	free(want);
	expect_sh("0\n", "git -C '%s' rev-list --count --merges HEAD", f->dir);
	expect_sh("add-customer: Acme\n\nBrm-Id: acme\n\n",
	    "git -C '%s' log -1 --format=%%B HEAD^", f->dir);
	expect_sh("commit: edit: two files\ncommit (initial): add-customer: "
	    "Acme\n", "git -C '%s' reflog --format=%%gs", f->dir);
	expect_sh("A U Thor <author@example.com>|C O Mitter "
	    "<committer@example.com>\n",
	    "git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", f->dir);
	expect_sh("", "git -C '%s' fsck --strict --no-dangling", f->dir);
}

static void test_repo__user_changes_survive(void **state)
{
	struct fx *f = *state;

	commit_one(f, "other", "original\n", "add other", NULL);
	assert_int_equal(put_file(f->dir, "notes.txt", "mine\n"), 0);
	free(sh("git -C '%s' add notes.txt", f->dir));
	assert_int_equal(put_file(f->dir, "other", "edited, unstaged\n"), 0);

	commit_one(f, "x/y.yaml", "a: 1\n", "add y", NULL);

	expect_sh("A  notes.txt\n M other\n",
	    "git -C '%s' status --porcelain", f->dir);
	expect_sh("other\nx/y.yaml\n",
	    "git -C '%s' ls-tree -r --name-only HEAD", f->dir);
	expect_sh("original\n", "git -C '%s' show HEAD:other", f->dir);
	expect_sh("mine\n", "git -C '%s' show :notes.txt", f->dir);
	expect_sh("x/y.yaml\n",
	    "git -C '%s' diff-tree --no-commit-id --name-only -r HEAD",
	    f->dir);
}

static void test_repo__remove(void **state)
{
	struct fx *f = *state;
	struct brm_change rm[] = {
		{ "dir/a.yaml", NULL, 0 },
		{ "dir/b.yaml", NULL, 0 },
		{ "never/there.yaml", NULL, 0 },
	};

	commit_one(f, "dir/a.yaml", "a\n", "add a", NULL);
	commit_one(f, "dir/b.yaml", "b\n", "add b", NULL);
	commit_one(f, "keep.yaml", "k\n", "add keep", NULL);
	assert_int_equal(put_file(f->dir, "dir/a.yaml", NULL), 0);
	assert_int_equal(put_file(f->dir, "dir/b.yaml", NULL), 0);
	assert_int_equal(brm_repo_commit(f->repo, rm, 3, "remove a and b",
	    NULL), 0);
	assert_null(brm_repo_warning(f->repo));
	/* the emptied directory goes too */
	expect_sh("keep.yaml\n", "git -C '%s' ls-tree -r -t --name-only HEAD",
	    f->dir);
	expect_sh("D\tdir/a.yaml\nD\tdir/b.yaml\n",
	    "git -C '%s' diff-tree --no-commit-id --name-status -r HEAD",
	    f->dir);
	expect_sh("", "git -C '%s' status --porcelain", f->dir);
	expect_sh("", "git -C '%s' fsck --strict --no-dangling", f->dir);
}

static void test_repo__empty_message_refused(void **state)
{
	struct fx *f = *state;
	struct brm_change c = { "a.yaml", "a\n", 2 };

	assert_int_equal(put_file(f->dir, "a.yaml", "a\n"), 0);
	assert_int_equal(brm_repo_commit(f->repo, &c, 1, " \n\n", NULL),
	    BRM_ERROR);
	assert_string_equal(brm_error_last(),
	    "cannot commit: empty commit message");
}

/* ---- identity --------------------------------------------------------- */

static void expect_dates(struct fx *f, const char *author,
    const char *committer, const char *want)
{
	static int n;
	char *path = brm_xprintf("d%d", n++);

	if (author)
		setenv("GIT_AUTHOR_DATE", author, 1);
	else
		unsetenv("GIT_AUTHOR_DATE");
	if (committer)
		setenv("GIT_COMMITTER_DATE", committer, 1);
	else
		unsetenv("GIT_COMMITTER_DATE");
	commit_one(f, path, "x\n", "dated", NULL);
	expect_sh(want, "git -C '%s' log -1 --format='%%at %%ai|%%ct %%ci'",
	    f->dir);
	free(path);
}

static void test_repo__identity_dates(void **state)
{
	struct fx *f = *state;

	expect_dates(f, "@1700000000 +0100", NULL,
	    "1700000000 2023-11-14 23:13:20 +0100|"
	    "1700000000 2023-11-14 23:13:20 +0100\n");
	expect_dates(f, "1700000000 -0730", "@1700000100 +0000",
	    "1700000000 2023-11-14 14:43:20 -0730|"
	    "1700000100 2023-11-14 22:15:00 +0000\n");
	expect_dates(f, "2026-11-22T10:00:00+02:00", "2026-11-22T08:00:00Z",
	    "1795334400 2026-11-22 10:00:00 +0200|"
	    "1795334400 2026-11-22 08:00:00 +0000\n");
	expect_dates(f, "2026-11-22 10:00:00 +0200",
	    "2024-02-29 23:59:59 -0100",
	    "1795334400 2026-11-22 10:00:00 +0200|"
	    "1709254799 2024-02-29 23:59:59 -0100\n");
}

static void test_repo__identity_now(void **state)
{
	struct fx *f = *state;
	char *out;
	long long at, ct;
	time_t now = time(NULL);

	commit_one(f, "a", "a\n", "now", NULL);
	out = sh("git -C '%s' log -1 --format='%%at %%ct'", f->dir);
	assert_int_equal(sscanf(out, "%lld %lld", &at, &ct), 2);
	assert_true(at >= now - 5 && at <= now + 5);
	assert_true(ct >= now - 5 && ct <= now + 5);
	free(out);
}

static void test_repo__identity_bad_date(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {
		"yesterday", "2026-02-30T10:00:00Z", "2026-11-22T10:00:00+2",
		"@12x", "2026-11-22T25:00:00Z", "2026-11-22", NULL
	};
	int i;

	for (i = 0; bad[i]; i++) {
		setenv("GIT_AUTHOR_DATE", bad[i], 1);
		assert_int_equal(brm_repo_check_writable(f->repo), BRM_ERROR);
		assert_non_null(strstr(brm_error_last(),
		    "invalid date format in GIT_AUTHOR_DATE"));
	}
	unsetenv("GIT_AUTHOR_DATE");
	setenv("GIT_COMMITTER_DATE", "soon", 1);
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ERROR);
	assert_string_equal(brm_error_last(),
	    "invalid date format in GIT_COMMITTER_DATE: 'soon'");
}

static void test_repo__identity_missing(void **state)
{
	struct fx *f = *state;
	struct brm_change c = { "a.yaml", "a\n", 2 };

	clear_identity();
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ERROR);
	assert_string_equal(brm_error_last(),
	    "cannot commit: author identity unknown");
	assert_string_equal(brm_error_last_hint(), "run\n"
	    "  git config --global user.email \"you@example.com\"\n"
	    "  git config --global user.name \"Your Name\"\n"
	    "to set your account's default identity");
	/* an empty variable counts as unset, as in git */
	setenv("GIT_AUTHOR_NAME", "", 1);
	setenv("GIT_AUTHOR_EMAIL", "", 1);
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ERROR);
	assert_int_equal(put_file(f->dir, "a.yaml", "a\n"), 0);
	assert_int_equal(brm_repo_commit(f->repo, &c, 1, "m", NULL),
	    BRM_ERROR);
	assert_string_equal(brm_error_last(),
	    "cannot commit: author identity unknown");
	expect_sh("", "git -C '%s' for-each-ref", f->dir);
}

static void test_repo__identity_from_config(void **state)
{
	struct fx *f = *state;

	clear_identity();
	free(sh("git -C '%s' config user.name 'Cfg Name'", f->dir));
	free(sh("git -C '%s' config user.email cfg@example.com", f->dir));
	assert_int_equal(brm_repo_check_writable(f->repo), 0);
	commit_one(f, "a", "a\n", "from config", NULL);
	expect_sh("Cfg Name <cfg@example.com>|Cfg Name <cfg@example.com>\n",
	    "git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", f->dir);

	/* the environment wins, for the author only: the committer comes
	 * from GIT_COMMITTER_* then the config, as in git */
	setenv("GIT_AUTHOR_NAME", "Env Name", 1);
	commit_one(f, "b", "b\n", "env name", NULL);
	expect_sh("Env Name <cfg@example.com>|Cfg Name <cfg@example.com>\n",
	    "git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", f->dir);
	setenv("GIT_COMMITTER_EMAIL", "c@example.com", 1);
	commit_one(f, "c", "c\n", "env committer", NULL);
	expect_sh("Env Name <cfg@example.com>|Cfg Name <c@example.com>\n",
	    "git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", f->dir);
}

static void test_repo__short_branch(void **state)
{
	(void)state;
	assert_string_equal(brm_repo_short_branch("refs/heads/main"), "main");
	assert_string_equal(brm_repo_short_branch("refs/heads/team/crm"),
	    "team/crm");
	assert_string_equal(brm_repo_short_branch("main"), "main");
	assert_string_equal(brm_repo_short_branch("refs/remotes/origin/main"),
	    "refs/remotes/origin/main");
}

/* ---- refusals and locks ----------------------------------------------- */

static void test_repo__detached_head_refused(void **state)
{
	struct fx *f = *state;
	struct brm_change c = { "b", "b\n", 2 };
	char *before, *after;

	commit_one(f, "a", "a\n", "first", NULL);
	free(sh("git -C '%s' checkout -q --detach", f->dir));
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ERROR);
	assert_string_equal(brm_error_last(), "HEAD is detached");
	assert_string_equal(brm_error_last_hint(),
	    "check out a branch first: git switch main");

	before = sh("git -C '%s' rev-parse HEAD main", f->dir);
	assert_int_equal(put_file(f->dir, "b", "b\n"), 0);
	assert_int_equal(brm_repo_commit(f->repo, &c, 1, "m", NULL),
	    BRM_ERROR);
	assert_string_equal(brm_error_last(), "HEAD is detached");
	after = sh("git -C '%s' rev-parse HEAD main", f->dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_repo__index_lock_refused(void **state)
{
	struct fx *f = *state;
	char *lock = brm_xprintf("%s/.git/index.lock", f->dir), *want;
	struct timespec start;
	pid_t pid;
	int status;

	assert_int_equal(put_file(f->dir, ".git/index.lock", ""), 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ECONFLICT);
	assert_true(ms_since(&start) >= 900);
	want = brm_xprintf("'%s' exists: another git process seems to be "
	    "running", lock);
	assert_string_equal(brm_error_last(), want);
	free(want);
	want = brm_xprintf("if no other git or brm process is running, "
	    "remove the file: rm '%s'", lock);
	assert_string_equal(brm_error_last_hint(), want);
	free(want);

	/* a lock released while we wait is no conflict */
	fflush(NULL);
	if ((pid = fork()) == 0) {
		usleep(200 * 1000);
		_exit(unlink(lock) == 0 ? 0 : 1);
	}
	assert_int_equal(brm_repo_check_writable(f->repo), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	free(lock);
}

static void test_repo__index_lock_during_commit_warns(void **state)
{
	struct fx *f = *state;
	struct brm_change c = { "x.yaml", "x\n", 2 };
	const char *w;

	commit_one(f, "a", "a\n", "first", NULL);
	assert_int_equal(put_file(f->dir, ".git/index.lock", ""), 0);
	assert_int_equal(put_file(f->dir, "x.yaml", "x\n"), 0);
	assert_int_equal(brm_repo_commit(f->repo, &c, 1, "add x", NULL), 0);
	w = brm_repo_warning(f->repo);
	assert_non_null(w);
	assert_non_null(strstr(w, "the index could not be updated"));
	assert_non_null(strstr(w, "run: git reset -q -- x.yaml"));
	expect_sh("a\nx.yaml\n", "git -C '%s' ls-tree -r --name-only HEAD",
	    f->dir);

	/* the advice works once the lock is gone */
	assert_int_equal(put_file(f->dir, ".git/index.lock", NULL), 0);
	free(sh("git -C '%s' reset -q -- x.yaml", f->dir));
	expect_sh("", "git -C '%s' status --porcelain", f->dir);
}

static void test_repo__branch_lock_refused(void **state)
{
	struct fx *f = *state;
	struct brm_change c = { "b", "b\n", 2 };
	char *lock = brm_xprintf("%s/.git/refs/heads/main.lock", f->dir);
	char *want, *before, *after;

	commit_one(f, "a", "a\n", "first", NULL);
	before = sh("git -C '%s' rev-parse main", f->dir);
	assert_int_equal(put_file(f->dir, ".git/refs/heads/main.lock", ""), 0);
	assert_int_equal(brm_repo_check_writable(f->repo), BRM_ECONFLICT);
	want = brm_xprintf("'%s' exists: another git process seems to be "
	    "running", lock);
	assert_string_equal(brm_error_last(), want);
	free(want);

	assert_int_equal(put_file(f->dir, "b", "b\n"), 0);
	assert_int_equal(brm_repo_commit(f->repo, &c, 1, "m", NULL),
	    BRM_ECONFLICT);
	want = brm_xprintf("cannot commit: '%s' exists: another git process "
	    "seems to be running", lock);
	assert_string_equal(brm_error_last(), want);
	assert_non_null(brm_error_last_hint());
	free(want);
	after = sh("git -C '%s' rev-parse main", f->dir);
	assert_string_equal(before, after);

	assert_int_equal(unlink(lock), 0);
	commit_one(f, "b", "b\n", "m", NULL);
	free(before);
	free(after);
	free(lock);
}

/* ---- concurrency ------------------------------------------------------ */

/* A forked writer: opens the repository itself, as TECH-NOTES 1 says. */
static int writer(const char *dir, int w)
{
	struct brm_repo *r = NULL;
	char path[64], data[64];
	int i, ret = 1;

	if (brm_repo_open(&r, dir) < 0)
		goto done;
	for (i = 0; i < WRITER_COMMITS; i++) {
		struct brm_change c = { path, data, 0 };

		snprintf(path, sizeof(path), "w%d/c%d.yaml", w, i);
		snprintf(data, sizeof(data), "writer: %d\ncommit: %d\n", w, i);
		c.len = strlen(data);
		if (put_file(dir, path, data) < 0 ||
		    brm_repo_commit(r, &c, 1, path, NULL) < 0)
			goto done;
		if (brm_repo_warning(r))
			fprintf(stderr, "writer %d: %s\n", w,
			    brm_repo_warning(r));
	}
	ret = 0;
done:
	if (ret)
		fprintf(stderr, "writer %d: %s\n", w, brm_error_last());
	brm_repo_free(r);
	return ret;
}

static void test_repo__concurrent_writers(void **state)
{
	struct fx *f = *state;
	pid_t pids[WRITERS];
	char want[16];
	int i, status;

	/* the parent holds no libgit2 state across fork() */
	brm_repo_free(f->repo);
	f->repo = NULL;
	fflush(NULL);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(writer(f->dir, i));
	}
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	snprintf(want, sizeof(want), "%d\n", WRITERS * WRITER_COMMITS);
	expect_sh(want, "git -C '%s' ls-tree -r --name-only HEAD | wc -l",
	    f->dir);
	expect_sh(want, "git -C '%s' rev-list --count HEAD", f->dir);
	expect_sh("writer: 7\ncommit: 4\n", "git -C '%s' show HEAD:w7/c4.yaml",
	    f->dir);
	expect_sh("", "git -C '%s' fsck --strict --no-dangling", f->dir);
	expect_sh("", "git -C '%s' status --porcelain", f->dir);
	assert_int_equal(brm_repo_open(&f->repo, f->dir), 0);
}

/* ---- log -------------------------------------------------------------- */

struct rev_copy {
	char oid[41];
	char *author, *message, *old_data, *new_data;
	size_t old_len, new_len;
	time_t when;
	int tz;
};

struct revs {
	struct rev_copy r[16];
	size_t n;
	int stop;	/* returned from the callback when non-zero */
};

static int collect(const struct brm_repo_rev *rev, void *payload)
{
	struct revs *revs = payload;
	struct rev_copy *c;

	if (revs->n == 16)
		return -100;
	c = &revs->r[revs->n++];
	memcpy(c->oid, rev->oid, sizeof(c->oid));
	c->author = brm_strdup(rev->author);
	c->message = brm_strdup(rev->message);
	c->old_data = rev->old_data ? brm_strdup(rev->old_data) : NULL;
	c->new_data = rev->new_data ? brm_strdup(rev->new_data) : NULL;
	c->old_len = rev->old_len;
	c->new_len = rev->new_len;
	c->when = rev->when;
	c->tz = rev->tz_minutes;
	return revs->stop;
}

static void revs_release(struct revs *revs)
{
	size_t i;

	for (i = 0; i < revs->n; i++) {
		free(revs->r[i].author);
		free(revs->r[i].message);
		free(revs->r[i].old_data);
		free(revs->r[i].new_data);
	}
	memset(revs, 0, sizeof(*revs));
}

static void test_repo__log_path(void **state)
{
	struct fx *f = *state;
	struct revs revs = { 0 };
	char oid[3][41];

	setenv("GIT_AUTHOR_DATE", "@1700000000 +0130", 1);
	commit_one(f, "a.yaml", "v1\n", "one", oid[0]);
	commit_one(f, "b.yaml", "b\n", "other", NULL);
	commit_one(f, "a.yaml", "v2\n", "two\n\nbody", oid[1]);
	commit_one(f, "c.yaml", "c\n", "other again", NULL);
	commit_one(f, "a.yaml", "v3 longer\n", "three", oid[2]);
	commit_one(f, "b.yaml", "b2\n", "other last", NULL);

	assert_int_equal(brm_repo_log(f->repo, "a.yaml", 0, collect, &revs),
	    0);
	assert_int_equal(revs.n, 3);
	assert_string_equal(revs.r[0].oid, oid[2]);
	assert_string_equal(revs.r[0].old_data, "v2\n");
	assert_int_equal(revs.r[0].old_len, 3);
	assert_string_equal(revs.r[0].new_data, "v3 longer\n");
	assert_int_equal(revs.r[0].new_len, 10);
	assert_string_equal(revs.r[0].message, "three\n");
	assert_string_equal(revs.r[0].author, "A U Thor <author@example.com>");
	assert_int_equal(revs.r[0].when, 1700000000);
	assert_int_equal(revs.r[0].tz, 90);
	assert_string_equal(revs.r[1].oid, oid[1]);
	assert_string_equal(revs.r[1].old_data, "v1\n");
	assert_string_equal(revs.r[1].new_data, "v2\n");
	assert_string_equal(revs.r[1].message, "two\n\nbody\n");
	assert_string_equal(revs.r[2].oid, oid[0]);
	assert_null(revs.r[2].old_data);
	assert_int_equal(revs.r[2].old_len, 0);
	assert_string_equal(revs.r[2].new_data, "v1\n");
	revs_release(&revs);

	/* a removal is a change with no new data */
	commit_one(f, "a.yaml", NULL, "remove a", oid[0]);
	assert_int_equal(brm_repo_log(f->repo, "a.yaml", 1, collect, &revs),
	    0);
	assert_int_equal(revs.n, 1);
	assert_string_equal(revs.r[0].oid, oid[0]);
	assert_string_equal(revs.r[0].old_data, "v3 longer\n");
	assert_null(revs.r[0].new_data);
	revs_release(&revs);

	assert_int_equal(brm_repo_log(f->repo, "nope.yaml", 0, collect,
	    &revs), 0);
	assert_int_equal(revs.n, 0);
}

static void test_repo__log_all_max_and_stop(void **state)
{
	struct fx *f = *state;
	struct revs revs = { 0 };
	char last[41];

	assert_int_equal(brm_repo_log(f->repo, NULL, 0, collect, &revs), 0);
	assert_int_equal(revs.n, 0);	/* unborn: empty history */

	commit_one(f, "a", "1\n", "c1", NULL);
	commit_one(f, "b", "2\n", "c2", NULL);
	commit_one(f, "a", "3\n", "c3", last);
	assert_int_equal(brm_repo_log(f->repo, NULL, 0, collect, &revs), 0);
	assert_int_equal(revs.n, 3);
	assert_string_equal(revs.r[0].oid, last);
	assert_string_equal(revs.r[2].message, "c1\n");
	assert_null(revs.r[0].old_data);
	assert_null(revs.r[0].new_data);
	revs_release(&revs);

	assert_int_equal(brm_repo_log(f->repo, NULL, 2, collect, &revs), 0);
	assert_int_equal(revs.n, 2);
	revs_release(&revs);

	revs.stop = 7;
	assert_int_equal(brm_repo_log(f->repo, "a", 0, collect, &revs), 7);
	assert_int_equal(revs.n, 1);
	revs_release(&revs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_repo__init_creates_dirs_and_main),
		T(test_repo__init_honours_default_branch),
		T(test_repo__open_does_not_search_upwards),
		T(test_repo__root_then_second_commit),
		T(test_repo__user_changes_survive),
		T(test_repo__remove),
		T(test_repo__empty_message_refused),
		T(test_repo__identity_dates),
		T(test_repo__identity_now),
		T(test_repo__identity_bad_date),
		T(test_repo__identity_missing),
		T(test_repo__identity_from_config),
		cmocka_unit_test(test_repo__short_branch),
		T(test_repo__detached_head_refused),
		T(test_repo__index_lock_refused),
		T(test_repo__index_lock_during_commit_warns),
		T(test_repo__branch_lock_refused),
		T(test_repo__concurrent_writers),
		T(test_repo__log_path),
		T(test_repo__log_all_max_and_stop),
#undef T
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
