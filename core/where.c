/*
 * where.c - records that meet a condition, with a cache for completion.
 *
 * Deciding whether a complaint is acknowledged means reading its file:
 * at 100,000 records that is 16,000 complaint files and well over 100 ms
 * (a stat(2) of each alone costs 50 ms), where completion has 50 ms in
 * all.  So the ids that meet a condition are cached per folder (a month
 * of a dated kind, or a named kind's folder), keyed by the folder's
 * mtime, in <gitdir>/brm-cache/: a stat of each of the ~40 folders tells
 * which ones to read again.  A folder's mtime changes whenever a file in
 * it is created, removed or renamed over, which is how brm writes
 * (atomic rename), how git checks files out (sync, pull, checkout) and
 * how most editors save.  A tree id would not do: reads come from the
 * work tree, and opening the repository costs 13 ms more.  What it
 * misses is a file rewritten in place and left so; the command itself
 * reads the file and refuses a record in the wrong state, so completion
 * at worst offers one candidate too many or too few until the folder
 * changes.  A folder changed in the last seconds is not cached, since an
 * mtime has coarse granularity (git's "racy git" problem).  A folder read
 * afresh is read cheaply: for a condition on top-level fields only the
 * field's line of each file is looked at (peek_scalar), which halves the
 * cost of a cold cache (16,000 complaints: 180 ms of CPU, once).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "id.h"
#include "where.h"

/* ---- the condition ---- */

static int value_in(const char *v, const struct brm_field *f,
    const char *vals)
{
	if (!v)
		v = f && f->def ? f->def : "";
	return brm_word_in(vals, v);
}

static int term_holds(const struct brm_record *r, const char *term)
{
	const char *eq = strchr(term, '='), *dot;
	const struct brm_field *f, *sf = NULL;
	struct brm_node *list;
	char top[64], sub[64];
	size_t len, i;
	int neg;

	if (!eq || eq == term)
		return 0;
	neg = eq[-1] == '!';
	len = (size_t)(eq - term) - (size_t)neg;
	dot = memchr(term, '.', len);
	snprintf(top, sizeof(top), "%.*s", (int)(dot ? dot - term :
	    (long)len), term);
	f = brm_field_find(r->kind->fields, top);
	if (!dot)
		return value_in(brm_record_str(r, top), f, eq + 1) != neg;

	/* list.field: some item meets the term */
	snprintf(sub, sizeof(sub), "%.*s", (int)(term + len - dot - 1),
	    dot + 1);
	if (f && f->sub)
		sf = brm_field_find(f->sub, sub);
	list = brm_record_get(r, top);
	if (!list || list->type != BRM_NODE_SEQ)
		return 0;
	for (i = 0; i < list->n; i++)
		if (value_in(brm_node_str(list->items[i], sub), sf,
		    eq + 1) != neg)
			return 1;
	return 0;
}

int brm_where_match(const struct brm_record *r, const char *where)
{
	char *copy = brm_strdup(where), *term, *save = NULL;
	int ok = 1;

	for (term = strtok_r(copy, " ", &save); term && ok;
	    term = strtok_r(NULL, " ", &save))
		ok = term_holds(r, term);
	free(copy);
	return ok;
}

/* A whole file, NUL-terminated, or NULL.  open, read, close: the fewest
 * system calls, which are what reading a folder afresh costs. */
static char *read_file(const char *path)
{
	size_t len = 0, cap = 4096;
	char *data = brm_malloc(cap + 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got = 0;

	while (fd >= 0 && (got = read(fd, data + len, cap - len)) > 0)
		if ((len += (size_t)got) == cap)
			data = brm_realloc(data, (cap *= 2) + 1);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || got < 0) {
		free(data);
		return NULL;
	}
	data[len] = '\0';
	return data;
}

/* ---- the cache: one line per folder, "<rel>\t<sec>\t<nsec>\t<ids>" ---- */

#define CACHE_MAGIC "brm-where 1\n"

struct folder {
	char *rel;
	long long sec;
	long nsec;
	char *ids;		/* the matching ids, space separated */
	int keep;		/* still worth saving */
};

struct cache {
	struct folder *v;
	size_t n, alloc;
	int changed;
};

static void cache_add(struct cache *c, const char *rel, long long sec,
    long nsec, char *ids)
{
	struct folder *f;

	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 64;
		c->v = brm_realloc(c->v, c->alloc * sizeof(*c->v));
	}
	f = &c->v[c->n++];
	f->rel = brm_strdup(rel);
	f->sec = sec;
	f->nsec = nsec;
	f->ids = ids;
	f->keep = 1;
}

static struct folder *cache_find(struct cache *c, const char *rel)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].rel, rel))
			return &c->v[i];
	return NULL;
}

static void cache_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].rel);
		free(c->v[i].ids);
	}
	free(c->v);
}

/* <gitdir>/brm-cache/where-<kind>-<where, %-escaped> */
static char *cache_path(struct brm_store *s, const struct brm_kind *k,
    const char *where)
{
	struct brm_buf b = BRM_BUF_INIT;
	const char *p;
	char *path;

	brm_buf_printf(&b, "brm-cache/where-%s-", k->name);
	for (p = where; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			brm_buf_putc(&b, *p);
		else
			brm_buf_printf(&b, "%%%02X", (unsigned char)*p);
	}
	path = brm_store_git_path(s, b.data);
	brm_buf_release(&b);
	return path;
}

static void cache_load(struct cache *c, const char *path)
{
	char *data = read_file(path), *line, *next, *f[4];
	int i;

	if (!data || strncmp(data, CACHE_MAGIC, strlen(CACHE_MAGIC)))
		goto done;
	for (line = data + strlen(CACHE_MAGIC); *line; line = next) {
		if (!(next = strchr(line, '\n')))
			break;		/* a torn last line: ignore it */
		*next++ = '\0';
		for (i = 0, f[0] = line; i < 3 && f[i]; i++)
			if ((f[i + 1] = strchr(f[i], '\t')))
				*f[i + 1]++ = '\0';
		if (i == 3 && f[3])
			cache_add(c, f[0], atoll(f[1]), atol(f[2]),
			    brm_strdup(f[3]));
	}
done:
	free(data);
}

/* Written beside and renamed over, so that a reader never sees half; a
 * cache that cannot be written (a read-only repository) is no error. */
static void cache_save(const struct cache *c, const char *path)
{
	char *tmp = brm_xprintf("%s.%ld.tmp", path, (long)getpid());
	char *dir = brm_strdup(path);
	FILE *fp;
	size_t i;
	int ok;

	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		goto done;
	if (!(fp = fopen(tmp, "w")))
		goto done;
	fputs(CACHE_MAGIC, fp);
	for (i = 0; i < c->n; i++)
		if (c->v[i].keep)
			fprintf(fp, "%s\t%lld\t%ld\t%s\n", c->v[i].rel,
			    c->v[i].sec, c->v[i].nsec, c->v[i].ids);
	ok = !ferror(fp);
	if (fclose(fp) != 0 || !ok || rename(tmp, path) < 0)
		unlink(tmp);
done:
	free(dir);
	free(tmp);
}

/* ---- reading a folder ---- */

/*
 * The value of the top-level key field in text, or NULL unless it is on
 * one line in the plain or simply quoted form brm writes ("status:
 * acknowledged").  Reading that line alone is four times faster than
 * loading the record; anything else (a block scalar, an anchor, a flow
 * mapping, a key written otherwise) is left to the loader.
 */
static char *peek_scalar(const char *text, const char *field)
{
	size_t flen = strlen(field), len;
	const char *p = text, *v, *end;

	for (; p; p = (p = strchr(p, '\n')) ? p + 1 : NULL)
		if (!strncmp(p, field, flen) && p[flen] == ':')
			break;
	if (!p || (p[flen + 1] != ' ' && p[flen + 1] != '\n'))
		return NULL;
	v = p + flen + 1 + strspn(p + flen + 1, " ");
	end = v + strcspn(v, "\r\n");
	while (end > v && end[-1] == ' ')
		end--;
	len = (size_t)(end - v);
	if (!len || memchr(v, '#', len) || strchr("&*!|>[{%@`,?:-", *v))
		return NULL;
	if (*v == '"' || *v == '\'') {
		if (len < 2 || end[-1] != *v || memchr(v + 1, *v, len - 2) ||
		    memchr(v + 1, '\\', len - 2))
			return NULL;
		return brm_strndup(v + 1, len - 2);
	}
	return brm_strndup(v, len);
}

/* 1 or 0 when every term of where is about a top-level field that text
 * has in a form peek_scalar reads; -1 when the record must be loaded. */
static int peek_match(const struct brm_kind *k, const char *text,
    const char *where)
{
	char *copy = brm_strdup(where), *term, *save = NULL, *eq, *v;
	const struct brm_field *f;
	int ok = 1, neg;

	for (term = strtok_r(copy, " ", &save); term && ok == 1;
	    term = strtok_r(NULL, " ", &save)) {
		if (!(eq = strchr(term, '=')) || eq == term) {
			ok = -1;
			break;
		}
		neg = eq[-1] == '!';
		eq[-neg] = '\0';
		if (strchr(term, '.') || !(f = brm_field_find(k->fields,
		    term)) || !(v = peek_scalar(text, term))) {
			ok = -1;
			break;
		}
		ok = value_in(v, f, eq + 1) != neg;
		free(v);
	}
	free(copy);
	return ok;
}

/* Does record id meet where?  A look at its text first, when that
 * settles it; a record that cannot be read meets nothing. */
static int record_meets(struct brm_store *s, const struct brm_kind *k,
    const char *id, const char *where)
{
	struct brm_record *r;
	char *rel, *abs, *text = NULL;
	int ok = -1;

	if (!s->tree && !strchr(where, '.')) {
		rel = brm_id_path(k, id);
		abs = brm_store_path(s, rel);
		if ((text = read_file(abs)))
			ok = peek_match(k, text, where);
		free(text);
		free(abs);
		free(rel);
	}
	if (ok >= 0)
		return ok;
	if (brm_store_load(&r, s, k, id) < 0) {
		brm_error_clear();
		return 0;
	}
	ok = brm_where_match(r, where);
	brm_record_free(r);
	return ok;
}

/* The ids in one folder that meet where, space separated. */
static char *scan_folder(struct brm_store *s, const struct brm_kind *k,
    int yyyymm, const char *where)
{
	struct brm_buf b = BRM_BUF_INIT;
	char **ids, *out;
	size_t n, i;

	if (yyyymm)
		brm_store_ids_month(s, k, yyyymm / 100, yyyymm % 100, &ids,
		    &n);
	else
		brm_store_ids(s, k, &ids, &n);
	/* a blank is never in an id, and would break the cache's lines */
	for (i = 0; i < n; i++)
		if (!strpbrk(ids[i], " \t\r\n") &&
		    record_meets(s, k, ids[i], where))
			brm_buf_printf(&b, "%s%s", b.len ? " " : "", ids[i]);
	brm_strv_free(ids, n);
	out = brm_strdup(b.data);
	brm_buf_release(&b);
	return out;
}

struct idlist {
	char **v;
	size_t n, alloc;
};

static void add_ids(struct idlist *l, const char *ids, const char *prefix)
{
	const char *p = ids, *sp;
	size_t len, plen = strlen(prefix);

	while (*p) {
		sp = strchr(p, ' ');
		len = sp ? (size_t)(sp - p) : strlen(p);
		if (len >= plen && !strncmp(p, prefix, plen)) {
			if (l->n == l->alloc) {
				l->alloc = l->alloc ? 2 * l->alloc : 64;
				l->v = brm_realloc(l->v, l->alloc *
				    sizeof(*l->v));
			}
			l->v[l->n++] = brm_strndup(p, len);
		}
		p += len + (sp != NULL);
	}
}

/* Can an id in the folder of month yyyymm start with prefix? */
static int month_may_hold(const struct brm_kind *k, int yyyymm,
    const char *prefix)
{
	char head[32];
	size_t n;

	snprintf(head, sizeof(head), "%s-%06d", k->prefix, yyyymm);
	n = strlen(prefix) < strlen(head) ? strlen(prefix) : strlen(head);
	return !strncmp(prefix, head, n);
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sorted(char *const *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1], v[i]) > 0)
			return 0;
	return 1;
}

static void forget(struct cache *c, struct folder *f)
{
	if (f && f->keep) {
		f->keep = 0;
		c->changed = 1;
	}
}

/* One folder: from the cache when its mtime says it is unchanged. */
static void visit(struct brm_store *s, const struct brm_kind *k,
    int yyyymm, const char *where, const char *prefix, struct cache *c,
    struct idlist *out)
{
	char *rel = yyyymm ? brm_xprintf("%s/%04d/%02d", k->plural,
	    yyyymm / 100, yyyymm % 100) : brm_strdup(k->plural);
	char *abs = brm_store_path(s, rel), *ids;
	struct folder *f = cache_find(c, rel);
	struct stat st;

	if (stat(abs, &st) < 0) {
		forget(c, f);
		goto done;
	}
	if (f && f->sec == (long long)st.st_mtim.tv_sec &&
	    f->nsec == st.st_mtim.tv_nsec) {
		add_ids(out, f->ids, prefix);
		goto done;
	}
	ids = scan_folder(s, k, yyyymm, where);
	add_ids(out, ids, prefix);
	if (st.st_mtim.tv_sec + 2 > time(NULL)) {
		/* changed just now: the same mtime may yet see a change */
		free(ids);
		forget(c, f);
		goto done;
	}
	if (!f) {
		cache_add(c, rel, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, ids);
		f = &c->v[c->n - 1];
	} else {
		free(f->ids);
		f->ids = ids;
		f->sec = st.st_mtim.tv_sec;
		f->nsec = st.st_mtim.tv_nsec;
	}
	f->keep = 1;
	c->changed = 1;
done:
	free(abs);
	free(rel);
}

int brm_store_ids_where(struct brm_store *s, const struct brm_kind *kind,
    const char *where, const char *prefix, char ***ids, size_t *n)
{
	struct cache c = { 0 };
	struct idlist out = { 0 };
	char *path = NULL;
	int *months = NULL;
	size_t nmonths = 0, i;

	if (!s->tree) {
		path = cache_path(s, kind, where);
		cache_load(&c, path);
	}
	if (!brm_kind_is_dated(kind)) {
		visit(s, kind, 0, where, prefix, &c, &out);
	} else {
		brm_store_months(s, kind, &months, &nmonths);
		for (i = 0; i < nmonths; i++)
			if (month_may_hold(kind, months[i], prefix))
				visit(s, kind, months[i], where, prefix, &c,
				    &out);
	}
	/* folders not visited for this prefix stay as they were */
	if (c.changed && path)
		cache_save(&c, path);
	/* month folders are visited in order, so the ids usually are */
	if (out.n && !sorted(out.v, out.n))
		qsort(out.v, out.n, sizeof(*out.v), cmp_id);
	*ids = out.v;
	*n = out.n;
	free(months);
	free(path);
	cache_release(&c);
	return 0;
}
