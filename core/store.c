#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "error.h"
#include "fault.h"
#include "id.h"
#include "journal.h"
#include "repo.h"
#include "store.h"
#include "formats/yaml.h"

#define LOCK_WAIT_S 30
#define LOCK_WAIT_MAX_S 86400

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

char *brm_store_path(const struct brm_store *s, const char *rel)
{
	return brm_xprintf("%s/%s", s->root, rel);
}

static int not_a_portfolio(const char *start, const char *gitroot)
{
	if (gitroot) {
		brm_error_set(BRM_ENOTFOUND, "'%s' is a git repository but "
		    "not a brm portfolio", gitroot);
		return brm_error_hint(BRM_ENOTFOUND, "run 'brm init' there "
		    "to make it one");
	}
	brm_error_set(BRM_ENOTFOUND, "not a brm portfolio (or any of the "
	    "parent directories): %s", start);
	return brm_error_hint(BRM_ENOTFOUND, "run 'brm init' to create one, "
	    "or use -C <dir> or BRM_DIR");
}

/* The nearest directory at or above start that holds .git. */
static char *find_work_tree(const char *start)
{
	char *dir = brm_strdup(start), *slash, *probe;

	for (;;) {
		probe = brm_xprintf("%s/.git", dir);
		if (exists(probe)) {
			free(probe);
			return dir;
		}
		free(probe);
		slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
}

static int load_rel(struct brm_store *s, const char *rel,
    struct brm_node **root, struct brm_pool *pool);

static int load_config(struct brm_store *s)
{
	brm_node_free(s->config);
	s->config = NULL;
	return load_rel(s, BRM_CONFIG_PATH, &s->config, NULL);
}

/* BRM_LOCK_TIMEOUT: whole seconds; unset or empty is the default. */
static int lock_wait(long *ms)
{
	const char *v = getenv("BRM_LOCK_TIMEOUT");
	char *end;
	long s;

	*ms = LOCK_WAIT_S * 1000L;
	if (!v || !*v)
		return 0;
	errno = 0;
	s = strtol(v, &end, 10);
	if (*end || !isdigit((unsigned char)*v) || errno ||
	    s > LOCK_WAIT_MAX_S)
		return brm_error_set(BRM_EUSAGE, "invalid BRM_LOCK_TIMEOUT "
		    "'%s' (expected a number of seconds from 0 to %d)", v,
		    LOCK_WAIT_MAX_S);
	*ms = s * 1000L;
	return 0;
}

int brm_store_open(struct brm_store **out, const char *dir)
{
	char real[PATH_MAX], *root, *config;
	struct brm_store *s;
	long wait_ms;
	int ret;

	*out = NULL;
	if ((ret = lock_wait(&wait_ms)) < 0)
		return ret;
	if (!realpath(dir ? dir : ".", real))
		return brm_error_set(BRM_ENOTFOUND, "cannot use '%s': %s",
		    dir ? dir : ".", strerror(errno));
	if (!(root = find_work_tree(real)))
		return not_a_portfolio(real, NULL);
	config = brm_xprintf("%s/%s", root, BRM_CONFIG_PATH);
	if (!exists(config)) {
		ret = not_a_portfolio(real, root);
		free(config);
		free(root);
		return ret;
	}
	free(config);
	s = brm_calloc(1, sizeof(*s));
	s->root = root;
	s->lock_fd = -1;
	s->lock_wait_ms = wait_ms;
	if ((ret = load_config(s)) < 0) {
		brm_store_free(s);
		return ret;
	}
	*out = s;
	return 0;
}

void brm_store_free(struct brm_store *s)
{
	if (!s)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);	/* releases the flock */
	brm_tree_free(s->tree);
	brm_repo_free(s->repo);
	free(s->note);
	brm_strv_free(s->unreadable, s->n_unreadable);
	brm_node_free(s->config);
	free(s->root);
	free(s);
}

/* <root>/.git, or where a .git file ("gitdir: ...") points. */
static char *git_dir(const struct brm_store *s)
{
	char *dotgit = brm_store_path(s, ".git"), line[PATH_MAX + 16];
	FILE *f;
	size_t n;

	if (is_dir(dotgit) || !(f = fopen(dotgit, "r")))
		return dotgit;
	if (fgets(line, sizeof(line), f) && !strncmp(line, "gitdir: ", 8)) {
		n = strcspn(line + 8, "\r\n");
		line[8 + n] = '\0';
		free(dotgit);
		dotgit = line[8] == '/' ? brm_strdup(line + 8) :
		    brm_xprintf("%s/%s", s->root, line + 8);
	}
	fclose(f);
	return dotgit;
}

char *brm_store_git_path(const struct brm_store *s, const char *name)
{
	char *dir = git_dir(s), *path = brm_xprintf("%s/%s", dir, name);

	free(dir);
	return path;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int lock_busy(const struct brm_store *s, long waited_ms)
{
	int ret = BRM_ECONFLICT;

	if (waited_ms)
		brm_error_set(ret, "another brm command is writing to this "
		    "portfolio; gave up after %ld s", waited_ms / 1000);
	else
		brm_error_set(ret, "another brm command is writing to this "
		    "portfolio");
	return brm_error_hint(ret, "wait for it to finish, or stop it; the "
	    "lock goes away with the process\nto wait longer than %ld s, "
	    "set BRM_LOCK_TIMEOUT to the seconds to wait",
	    s->lock_wait_ms / 1000);
}

static int take_flock(struct brm_store *s)
{
	char *gitdir = git_dir(s), *path = brm_xprintf("%s/brm.lock", gitdir);
	long waited = 0;
	int fd, ret = 0;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot open '%s': %s", path,
		    strerror(errno));
		goto done;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK) {
			ret = brm_error_set(BRM_ERROR, "cannot lock '%s': %s",
			    path, strerror(errno));
			close(fd);
			goto done;
		}
		if (waited >= s->lock_wait_ms) {
			close(fd);
			ret = lock_busy(s, waited);
			goto done;
		}
		sleep_ms(10);
		waited += 10;
	}
	s->lock_fd = fd;
done:
	free(path);
	free(gitdir);
	return ret;
}

int brm_store_repo(struct brm_store *s, struct brm_repo **out)
{
	int ret = 0;

	if (!s->repo)
		ret = brm_repo_open(&s->repo, s->root);
	*out = s->repo;
	return ret;
}

int brm_store_at(struct brm_store *s, const char *rev)
{
	struct brm_repo *repo;
	long long when;
	int ret, tz_min;

	if ((ret = brm_store_repo(s, &repo)) < 0)
		return ret;
	brm_tree_free(s->tree);
	s->tree = NULL;
	if ((ret = brm_tree_open(&s->tree, repo, rev, s->commit)) < 0)
		return ret;
	brm_tree_committed(s->tree, &when, &tz_min);
	s->committed = brm_datetime_from_epoch(when, tz_min);
	if ((ret = load_config(s)) == BRM_ENOTFOUND)
		ret = brm_error_set(BRM_ENOTFOUND, "'%s' is not a brm "
		    "portfolio commit (no %s)", rev, BRM_CONFIG_PATH);
	return ret;
}

static char *journal_path(const struct brm_store *s)
{
	char *gitdir = git_dir(s), *path;

	path = brm_xprintf("%s/%s", gitdir, BRM_JOURNAL_NAME);
	free(gitdir);
	return path;
}

int brm_store_lock(struct brm_store *s)
{
	struct brm_repo *repo;
	char *journal;
	int ret;

	if (s->lock_fd >= 0)
		return 0;
	if ((ret = brm_store_repo(s, &repo)) < 0)
		return ret;
	if ((ret = take_flock(s)) < 0)
		return ret;
	if ((ret = brm_repo_check_writable(s->repo)) < 0)
		return ret;
	/* a write a crash cut short is finished or undone first */
	journal = journal_path(s);
	ret = brm_journal_recover(journal, s->root, s->repo, &s->note);
	free(journal);
	return ret;
}

char *brm_store_take_note(struct brm_store *s)
{
	char *note = s->note;

	s->note = NULL;
	return note;
}

/* ---- finding records ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct strv {
	char **v;
	size_t n, alloc;
};

static void strv_push(struct strv *sv, char *s)
{
	if (sv->n == sv->alloc) {
		sv->alloc = sv->alloc ? 2 * sv->alloc : 16;
		sv->v = brm_realloc(sv->v, sv->alloc * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
}

void brm_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* The names in folder rel of the store's source: the work tree, or the
 * commit chosen by brm_store_at(). */
static void list_names(struct brm_store *s, const char *rel,
    struct strv *out)
{
	char *abs, **names;
	struct dirent *e;
	size_t n, i;
	DIR *d;

	if (s->tree) {
		brm_tree_list(s->tree, rel, &names, &n);
		for (i = 0; i < n; i++)
			strv_push(out, names[i]);
		free(names);
		return;
	}
	abs = brm_store_path(s, rel);
	if ((d = opendir(abs))) {
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				strv_push(out, brm_strdup(e->d_name));
		closedir(d);
	}
	free(abs);
}

/* Add the ids of rel's *.yaml files that start with prefix. */
static void scan_ids(struct brm_store *s, const char *rel,
    const char *prefix, struct strv *out)
{
	size_t plen = strlen(prefix), n, i;
	struct strv names = { 0 };

	list_names(s, rel, &names);
	for (i = 0; i < names.n; i++) {
		n = strlen(names.v[i]);
		if (n > 5 && !strcmp(names.v[i] + n - 5, ".yaml") &&
		    !strncmp(names.v[i], prefix, plen)) {
			names.v[i][n - 5] = '\0';	/* the id */
			strv_push(out, names.v[i]);
		} else {
			free(names.v[i]);
		}
	}
	free(names.v);
}

/* Numeric subfolders (years, months) of rel, sorted. */
static void scan_shards(struct brm_store *s, const char *rel, size_t width,
    struct strv *out)
{
	struct strv names = { 0 };
	size_t i, j;

	list_names(s, rel, &names);
	for (i = 0; i < names.n; i++) {
		if (strlen(names.v[i]) != width)
			continue;
		for (j = 0; j < width; j++)
			if (names.v[i][j] < '0' || names.v[i][j] > '9')
				break;
		if (j == width)
			strv_push(out, brm_strdup(names.v[i]));
	}
	brm_strv_free(names.v, names.n);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);
}

/*
 * The month folders to search for a dated id that starts with prefix.
 * Only "<pfx>-YYYYMMDD-xxxx" can match: a prefix that cannot start such
 * an id names nothing of this kind, and the digits of the date it has
 * narrow the search to a year or a month folder (at 100,000 records a
 * scan of every folder is what makes resolving an id slow).
 */
static void dated_ids(struct brm_store *s, const struct brm_kind *k,
    const char *prefix, struct strv *out)
{
	struct strv years = { 0 }, months = { 0 };
	size_t y, m, plen = strlen(k->prefix), n = strlen(prefix), digits;
	const char *date = n > plen ? prefix + plen + 1 : prefix + n;
	char *dir;

	if (strncmp(prefix, k->prefix, n < plen ? n : plen) ||
	    (n > plen && prefix[plen] != '-'))
		return;
	for (digits = 0; n > plen + 1 + digits && digits < 8 &&
	    date[digits] >= '0' && date[digits] <= '9'; digits++)
		;
	if (n > plen + 1 + digits && digits < 8)
		return;		/* something else inside the date */
	if (digits >= 6) {
		/* one folder holds every match */
		dir = brm_xprintf("%s/%.4s/%.2s", k->plural, date, date + 4);
		scan_ids(s, dir, prefix, out);
		free(dir);
		return;
	}
	if (digits >= 4)
		strv_push(&years, brm_strndup(date, 4));
	else
		scan_shards(s, k->plural, 4, &years);
	for (y = 0; y < years.n; y++) {
		dir = brm_xprintf("%s/%s", k->plural, years.v[y]);
		scan_shards(s, dir, 2, &months);
		for (m = 0; m < months.n; m++) {
			char *mdir = brm_xprintf("%s/%s", dir, months.v[m]);

			scan_ids(s, mdir, prefix, out);
			free(mdir);
		}
		brm_strv_free(months.v, months.n);
		months = (struct strv){ 0 };
		free(dir);
	}
	brm_strv_free(years.v, years.n);
}

static void kind_ids(struct brm_store *s, const struct brm_kind *k,
    const char *prefix, struct strv *out)
{
	if (brm_kind_is_dated(k))
		dated_ids(s, k, prefix, out);
	else
		scan_ids(s, k->plural, prefix, out);
}

int brm_store_months(struct brm_store *s, const struct brm_kind *kind,
    int **yyyymm, size_t *n)
{
	struct strv years = { 0 }, months = { 0 };
	size_t y, m;
	char *dir;

	*yyyymm = NULL;
	*n = 0;
	scan_shards(s, kind->plural, 4, &years);
	for (y = 0; y < years.n; y++) {
		dir = brm_xprintf("%s/%s", kind->plural, years.v[y]);
		scan_shards(s, dir, 2, &months);
		*yyyymm = brm_realloc(*yyyymm, (*n + months.n + 1) *
		    sizeof(**yyyymm));
		for (m = 0; m < months.n; m++)
			(*yyyymm)[(*n)++] = atoi(years.v[y]) * 100 +
			    atoi(months.v[m]);
		brm_strv_free(months.v, months.n);
		months = (struct strv){ 0 };
		free(dir);
	}
	brm_strv_free(years.v, years.n);
	return 0;
}

int brm_store_ids_month(struct brm_store *s, const struct brm_kind *kind,
    int year, int month, char ***ids, size_t *n)
{
	struct strv sv = { 0 };
	char *dir = brm_xprintf("%s/%04d/%02d", kind->plural, year, month);

	scan_ids(s, dir, "", &sv);
	free(dir);
	if (sv.n)
		qsort(sv.v, sv.n, sizeof(*sv.v), cmp_str);
	*ids = sv.v;
	*n = sv.n;
	return 0;
}

int brm_store_ids(struct brm_store *s, const struct brm_kind *kind,
    char ***ids, size_t *n)
{
	return brm_store_ids_prefix(s, kind, "", ids, n);
}

int brm_store_ids_prefix(struct brm_store *s, const struct brm_kind *kind,
    const char *prefix, char ***ids, size_t *n)
{
	struct strv sv = { 0 };

	kind_ids(s, kind, prefix, &sv);
	if (sv.n)
		qsort(sv.v, sv.n, sizeof(*sv.v), cmp_str);
	*ids = sv.v;
	*n = sv.n;
	return 0;
}

static int valid_ref(const char *ref)
{
	const char *p;

	if (!*ref || strlen(ref) > BRM_ID_MAX)
		return 0;
	for (p = ref; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return ref[0] != '-';
}

static int wanted(const struct brm_kind *k, const char *kinds)
{
	return !kinds || brm_word_in(kinds, k->name);
}

/* "customer", "complaint or event", "customer, supplier or third-party". */
static const char *kinds_noun(const char *kinds, char *buf, size_t n)
{
	const char *last = kinds ? strrchr(kinds, '|') : NULL, *p;
	size_t len = 0;

	if (!kinds)
		return "record";
	if (!last)
		return kinds;
	for (p = kinds; p < last && len + 3 < n; p++) {
		if (*p != '|') {
			buf[len++] = *p;
			continue;
		}
		buf[len++] = ',';
		buf[len++] = ' ';
	}
	snprintf(buf + len, n - len, " or %s", last + 1);
	return buf;
}

struct candidate {
	const struct brm_kind *kind;
	char *id;
};

static int ambiguous(const char *ref, struct candidate *c, size_t n)
{
	struct brm_buf list = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < n && i < 10; i++)
		brm_buf_printf(&list, "\n  %s (%s)", c[i].id, c[i].kind->name);
	if (n > 10)
		brm_buf_printf(&list, "\n  ... and %zu more", n - 10);
	brm_error_set(BRM_EAMBIGUOUS, "id '%s' is ambiguous", ref);
	brm_error_hint(BRM_EAMBIGUOUS, "it matches:%s", list.data);
	brm_buf_release(&list);
	return BRM_EAMBIGUOUS;
}

/*
 * A whole id names its record whatever longer ids it also begins (the
 * exact match wins below), so when exactly one wanted kind has a record
 * of that id it is the answer, found with one lookup per kind instead
 * of listing folders.  0 when found; -1 leaves it to the full search.
 */
static int resolve_exact(struct brm_store *s, const char *ref,
    const char *kinds, const struct brm_kind **kind, char **id)
{
	const struct brm_kind *const *k, *found = NULL;

	for (k = brm_kinds; *k; k++) {
		if (!wanted(*k, kinds))
			continue;
		if (brm_id_check(*k, ref) < 0) {
			brm_error_clear();
			continue;
		}
		if (!brm_store_exists(s, *k, ref))
			continue;
		if (found)
			return -1;
		found = *k;
	}
	if (!found)
		return -1;
	*kind = found;
	*id = brm_strdup(ref);
	return 0;
}

int brm_store_resolve(struct brm_store *s, const char *ref,
    const char *kinds, const struct brm_kind **kind, char **id)
{
	const struct brm_kind *const *k;
	struct candidate *c = NULL;
	size_t n = 0, i, j, exact = (size_t)-1;
	struct strv sv;
	char noun[128];
	int ret = 0;

	if (!valid_ref(ref)) {
		brm_error_set(BRM_EINVALID, "invalid id '%s'", ref);
		return brm_error_hint(BRM_EINVALID, "ids are lowercase "
		    "letters, digits and '-'");
	}
	if (resolve_exact(s, ref, kinds, kind, id) == 0)
		return 0;
	for (k = brm_kinds; *k; k++) {
		if (!wanted(*k, kinds))
			continue;
		sv = (struct strv){ 0 };
		kind_ids(s, *k, ref, &sv);
		c = brm_realloc(c, (n + sv.n) * sizeof(*c));
		for (j = 0; j < sv.n; j++, n++) {
			c[n].kind = *k;
			c[n].id = sv.v[j];
			if (!strcmp(sv.v[j], ref))
				exact = n;
		}
		free(sv.v);
	}
	if (exact != (size_t)-1 || n == 1) {
		i = exact != (size_t)-1 ? exact : 0;
		*kind = c[i].kind;
		*id = c[i].id;
		c[i].id = NULL;
	} else if (n == 0) {
		ret = brm_error_set(BRM_ENOTFOUND, "no %s '%s'",
		    kinds_noun(kinds, noun, sizeof(noun)), ref);
	} else {
		ret = ambiguous(ref, c, n);
	}
	for (i = 0; i < n; i++)
		free(c[i].id);
	free(c);
	return ret;
}

int brm_store_exists(struct brm_store *s, const struct brm_kind *kind,
    const char *id)
{
	char *rel = brm_id_path(kind, id), *abs;
	struct brm_buf b = BRM_BUF_INIT;
	int found;

	if (s->tree) {
		found = brm_tree_read(s->tree, rel, &b) == 0;
		brm_buf_release(&b);
		brm_error_clear();
	} else {
		abs = brm_store_path(s, rel);
		found = exists(abs);
		free(abs);
	}
	free(rel);
	return found;
}

void brm_store_for_reading(struct brm_store *s)
{
	s->for_reading = 1;
}

/* Parse the file at rel from the store's source, the tree in pool. */
static int load_rel(struct brm_store *s, const char *rel,
    struct brm_node **root, struct brm_pool *pool)
{
	struct brm_buf b = BRM_BUF_INIT;
	char *abs;
	int ret;

	if (!s->tree) {
		abs = brm_store_path(s, rel);
		ret = brm_yaml_load_file_in(pool, root, abs, rel);
		free(abs);
		return ret;
	}
	if ((ret = brm_tree_read(s->tree, rel, &b)) == 0)
		ret = brm_yaml_load_in(pool, root, b.data, b.len, rel);
	brm_buf_release(&b);
	return ret;
}

static void remember_unreadable(struct brm_store *s)
{
	s->unreadable = brm_realloc(s->unreadable,
	    (s->n_unreadable + 1) * sizeof(*s->unreadable));
	s->unreadable[s->n_unreadable++] = brm_strdup(brm_error_last());
}

int brm_store_load(struct brm_record **out, struct brm_store *s,
    const struct brm_kind *kind, const char *id)
{
	struct brm_pool *pool = s->for_reading ? brm_pool_new() : NULL;
	struct brm_node *root = NULL;
	char *rel;
	int ret;

	*out = NULL;
	if ((ret = brm_id_check(kind, id)) < 0) {
		brm_pool_free(pool);
		return ret;
	}
	rel = brm_id_path(kind, id);
	ret = load_rel(s, rel, &root, pool);
	if (ret == BRM_ENOTFOUND)
		ret = brm_error_set(BRM_ENOTFOUND, "no %s '%s'", kind->name,
		    id);
	if (ret == 0) {
		*out = brm_record_wrap_at(kind, id, root, rel);
		(*out)->pool = pool;
		rel = NULL;
	} else {
		if (ret != BRM_ENOTFOUND)
			remember_unreadable(s);
		brm_pool_free(pool);
	}
	free(rel);
	return ret;
}

int brm_store_find(struct brm_record **out, struct brm_store *s,
    const char *ref, const char *kinds)
{
	const struct brm_kind *kind;
	char *id;
	int ret;

	*out = NULL;
	if ((ret = brm_store_resolve(s, ref, kinds, &kind, &id)) < 0)
		return ret;
	ret = brm_store_load(out, s, kind, id);
	free(id);
	return ret;
}

/* ---- transactions ---- */

static struct brm_txn_item *txn_item(struct brm_txn *t, const char *path)
{
	struct brm_txn_item *it;

	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 4;
		t->items = brm_realloc(t->items, t->alloc * sizeof(*t->items));
	}
	it = &t->items[t->n++];
	it->path = brm_strdup(path);
	it->data = NULL;
	it->len = 0;
	return it;
}

void brm_txn_put(struct brm_txn *t, const char *path, const char *data,
    size_t len)
{
	struct brm_txn_item *it = txn_item(t, path);

	it->data = brm_strndup(data, len);
	it->len = len;
}

void brm_txn_remove(struct brm_txn *t, const char *path)
{
	txn_item(t, path);
}

int brm_txn_put_record(struct brm_txn *t, const struct brm_record *r)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_buf yaml = BRM_BUF_INIT;
	int ret;

	probs.file = r->path;
	brm_record_validate(r, &probs);
	if ((ret = brm_problems_to_error(&probs)) < 0)
		goto done;
	if ((ret = brm_yaml_emit(&yaml, r->root)) < 0)
		goto done;
	brm_txn_put(t, r->path, yaml.data, yaml.len);
done:
	brm_problems_release(&probs);
	brm_buf_release(&yaml);
	return ret;
}

void brm_txn_release(struct brm_txn *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->items[i].path);
		free(t->items[i].data);
	}
	free(t->items);
	t->items = NULL;
	t->n = t->alloc = 0;
}

/* What a file held before the transaction, to put back on failure. */
struct undo {
	char *abs;
	char *old;		/* NULL: the file did not exist */
	size_t old_len;
	char *made_dirs[8];	/* folders created for it, deepest last */
	size_t n_dirs;
	int touched;
	char *keep;		/* a second name (hard link) of the old file */
	char *tmp;		/* the new content, staged, not in place yet */
};

static int read_all(const char *path, char **data, size_t *len)
{
	struct brm_buf b = BRM_BUF_INIT;
	char chunk[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		brm_buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		brm_buf_release(&b);
		return -1;
	}
	*len = b.len;
	*data = brm_buf_detach(&b);
	return 0;
}

static int make_parents(struct undo *u, const char *root, const char *rel)
{
	char *path = brm_xprintf("%s/%s", root, rel), *p;
	int ret = 0;

	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (!is_dir(path)) {
			if (mkdir(path, 0777) < 0 && errno != EEXIST) {
				ret = brm_error_set(BRM_ERROR, "cannot create "
				    "'%s': %s", path, strerror(errno));
				break;
			}
			if (u->n_dirs < 8)
				u->made_dirs[u->n_dirs++] = brm_strdup(path);
		}
		*p = '/';
	}
	free(path);
	return ret;
}

static int write_fully(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write data to a new temporary file beside path (*tmp, malloc'd),
 * flushed to disk with fsync(2) when sync is set. */
static int write_tmp(const char *path, const char *data, size_t len,
    int sync, char **tmp)
{
	int fd, saved = 0;

	*tmp = brm_xprintf("%s.brm-tmp-%ld", path, (long)getpid());
	fd = open(*tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 || write_fully(fd, data, len) < 0 || (sync &&
	    fsync(fd) < 0))
		saved = errno;
	if (fd >= 0 && close(fd) < 0 && !saved)
		saved = errno;
	if (!saved)
		return 0;
	unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
	    strerror(saved));
}

/* Rename the temporary file *tmp to path (and forget it). */
static int put_in_place(char **tmp, const char *path)
{
	int ret = 0;

	BRM_CRASH_POINT("after-tmp");
	if (rename(*tmp, path) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
		unlink(*tmp);
	}
	free(*tmp);
	*tmp = NULL;
	if (ret == 0)
		BRM_CRASH_POINT("after-rename");
	return ret;
}

/* Write through a temporary file and rename(2), so that readers and
 * crashes only ever see the old or the new file, never a part. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp;
	int ret;

	if ((ret = write_tmp(path, data, len, 1, &tmp)) < 0)
		return ret;
	return put_in_place(&tmp, path);
}

/*
 * A second name for the file as it was: putting it back is then a
 * rename, which a full disk cannot refuse as it refuses writing the old
 * bytes again.  Where hard links are not to be had, undo writes.
 */
static void keep_old(struct undo *u)
{
	u->keep = brm_xprintf("%s.brm-old-%ld", u->abs, (long)getpid());
	unlink(u->keep);
	if (link(u->abs, u->keep) < 0) {
		free(u->keep);
		u->keep = NULL;
	}
}

/*
 * Stage an item: note what its file holds now and write its new content
 * to a temporary file, synced when sync is set; a transaction of many
 * files syncs them all at once (sync_staged) before any is put in place.
 */
static int stage_item(struct brm_store *s, const struct brm_txn_item *it,
    int sync, struct undo *u)
{
	int r;

	u->abs = brm_store_path(s, it->path);
	r = read_all(u->abs, &u->old, &u->old_len);
	if (r < 0)
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s",
		    it->path, strerror(errno));
	if (r == 0)
		keep_old(u);
	if (!it->data) {
		if (r == 1)
			return brm_error_set(BRM_ENOTFOUND, "'%s' does not "
			    "exist", it->path);
		return 0;
	}
	if (make_parents(u, s->root, it->path) < 0)
		return BRM_ERROR;
	return write_tmp(u->abs, it->data, it->len, sync, &u->tmp);
}

/*
 * Up to this many files are each fsync(2)ed; more are synced with one
 * syncfs(2) for the whole file system.  fsync file by file costs a disk
 * flush each, minutes for a 10,000-row import; syncfs also flushes what
 * other programs wrote, too much for a command's one or two files.
 */
#define SYNC_EACH 8

/* Make every staged file durable before the first is put in place. */
static int sync_staged(const struct brm_store *s)
{
	int fd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), ret = 0;

	if (fd < 0 || syncfs(fd) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s",
		    s->root, strerror(errno));
	if (fd >= 0)
		close(fd);
	return ret;
}

/* Put a staged item in place: rename its temporary file, or remove. */
static int place_item(const struct brm_txn_item *it, struct undo *u)
{
	u->touched = 1;
	if (it->data)
		return put_in_place(&u->tmp, u->abs);
	if (unlink(u->abs) < 0)
		return brm_error_set(BRM_ERROR, "cannot remove '%s': %s",
		    it->path, strerror(errno));
	BRM_CRASH_POINT("after-rename");	/* the removal's rename */
	return 0;
}

/* Put back what apply_item changed; best effort, the error that made us
 * undo is the one the user needs to see. */
static void undo_item(struct undo *u)
{
	size_t i;

	if (u->tmp)
		unlink(u->tmp);
	if (u->touched) {
		if (u->keep && rename(u->keep, u->abs) == 0) {
			/* a no-op when the file was never replaced */
			unlink(u->keep);
			free(u->keep);
			u->keep = NULL;
		} else if (u->old) {
			write_atomic(u->abs, u->old, u->old_len);
		} else {
			unlink(u->abs);
		}
	}
	for (i = u->n_dirs; i-- > 0;)
		rmdir(u->made_dirs[i]);
}

static void undo_release(struct undo *u)
{
	size_t i;

	if (u->keep)
		unlink(u->keep);
	free(u->keep);
	free(u->tmp);
	free(u->abs);
	free(u->old);
	for (i = 0; i < u->n_dirs; i++)
		free(u->made_dirs[i]);
}

static char *commit_message(const char *command, const char *summary,
    const char *kind, const char *id)
{
	struct brm_buf m = BRM_BUF_INIT;

	brm_buf_printf(&m, "%s: %s\n\nBrm-Command: %s\n", command, summary,
	    command);
	if (kind)
		brm_buf_printf(&m, "Brm-Kind: %s\n", kind);
	if (id)
		brm_buf_printf(&m, "Brm-Id: %s\n", id);
	return brm_buf_detach(&m);
}

int brm_store_commit(struct brm_store *s, struct brm_txn *t,
    const char *command, const char *summary, const char *kind,
    const char *id, char oid_hex[41])
{
	struct undo *undo = brm_calloc(t->n, sizeof(*undo));
	struct brm_change *changes = brm_calloc(t->n, sizeof(*changes));
	char *msg = NULL, *journal = NULL;
	size_t i, done;
	int ret = 0;

	if (s->lock_fd < 0 && (ret = brm_store_lock(s)) < 0)
		goto out;
	for (i = 0; i < t->n; i++) {
		changes[i].path = t->items[i].path;
		changes[i].data = t->items[i].data;
		changes[i].len = t->items[i].len;
	}
	msg = commit_message(command, summary, kind, id);
	/* what a crash from here on leaves, the next writer settles */
	journal = journal_path(s);
	if ((ret = brm_journal_begin(journal, (long)getpid(), changes, t->n,
	    msg)) < 0)
		goto out;
	/* an item that failed half-way is undone too */
	for (i = 0, done = 0; i < t->n; i++) {
		done = i + 1;
		if ((ret = stage_item(s, &t->items[i], t->n <= SYNC_EACH,
		    &undo[i])) < 0)
			goto rollback;
	}
	if (t->n > SYNC_EACH && (ret = sync_staged(s)) < 0)
		goto rollback;
	for (i = 0; i < t->n; i++)
		if ((ret = place_item(&t->items[i], &undo[i])) < 0)
			goto rollback;
	if ((ret = brm_repo_commit(s->repo, changes, t->n, msg, oid_hex)) < 0)
		goto rollback;
	brm_journal_end(journal);
	goto out;
rollback:
	for (i = done; i-- > 0;)
		undo_item(&undo[i]);
	brm_journal_end(journal);
out:
	for (i = 0; i < t->n; i++)
		undo_release(&undo[i]);
	free(undo);
	free(changes);
	free(msg);
	free(journal);
	return ret;
}

int brm_store_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_txn t = BRM_TXN_INIT;
	int ret;

	probs.file = r->path;
	brm_check_refs(s, r, &probs);
	ret = brm_problems_to_error(&probs);
	brm_problems_release(&probs);
	if (ret == 0 && (ret = brm_txn_put_record(&t, r)) == 0)
		ret = brm_store_commit(s, &t, command, summary, r->kind->name,
		    r->id, NULL);
	brm_txn_release(&t);
	return ret;
}

const char *brm_store_warning(const struct brm_store *s)
{
	return s->repo ? brm_repo_warning(s->repo) : NULL;
}
