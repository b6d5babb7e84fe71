/*
 * merge.c - the record-aware three-way merge (see merge.h).
 *
 * One rule at every level (merge_value): the same on both sides, or
 * changed on one side only, is settled; two changed mappings or lists
 * are merged inside; anything else is a conflict.  Lists first decide
 * which items the result keeps and in which order (plan_keyed), so that
 * each item's final index is known before conflicts inside it are named.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "merge.h"

struct ctx {
	struct brm_merge *m;
	struct brm_buf path;	/* the dotted path being merged */
};

static struct brm_node *merge_value(struct ctx *c, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t);

/* ---- paths ---- */

static size_t path_push(struct brm_buf *p, const char *seg)
{
	size_t old = p->len;

	if (p->len)
		brm_buf_putc(p, '.');
	brm_buf_puts(p, seg);
	return old;
}

static size_t path_push_index(struct brm_buf *p, size_t i)
{
	size_t old = p->len;

	brm_buf_printf(p, "%s%zu", p->len ? "." : "", i);
	return old;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* ---- list keys ---- */

/* Lists of mappings a record without a known kind may still have. */
static const struct {
	const char *list, *key;
} known_keys[] = {
	{ "contacts", "name" }, { "actions", "text" }, { "reopened", "at" },
	{ "contracts", "service" }, { "services", "service" },
	{ "requirements", "text" }, { "revenue", "period" },
	{ "risks", "risk" }, { "levels", "level" }, { "dimensions", "name" },
};

/*
 * The key of the items of the list at path: the first required scalar
 * field of the item schema, else by the list's name.  NULL: items are
 * scalars (matched by value) or have no key.
 */
static const char *list_key(const struct brm_kind *kind, const char *path)
{
	const struct brm_field *f = kind ? brm_field_at(kind, path) : NULL;
	const char *last = strrchr(path, '.');
	size_t i;

	if (f && f->type == BRM_F_MAP && (f->flags & BRM_FIELD_LIST)) {
		for (f = f->sub; f && f->name; f++)
			if ((f->flags & BRM_FIELD_REQUIRED) &&
			    f->type != BRM_F_MAP &&
			    !(f->flags & BRM_FIELD_LIST))
				return f->name;
		return NULL;
	}
	if (f)
		return NULL;
	last = last ? last + 1 : path;
	for (i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
		if (!strcmp(known_keys[i].list, last))
			return known_keys[i].key;
	return NULL;
}

/* What matches item across the three lists: its key's value, or the
 * value of a scalar item; NULL when it has none.  malloc'd. */
static char *item_id(const struct brm_node *item, const char *key)
{
	const struct brm_node *v;

	if (item->type == BRM_NODE_SCALAR)
		return brm_xprintf("v%d:%s", item->plain, item->value);
	if (item->type != BRM_NODE_MAP || !key)
		return NULL;
	v = brm_node_get(item, key);
	if (!v || v->type != BRM_NODE_SCALAR || !v->len)
		return NULL;
	return brm_xprintf("k:%s", v->value);
}

struct ids {
	char **v;
	size_t n;
};

static void ids_release(struct ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	ids->v = NULL;
	ids->n = 0;
}

static long ids_find(const struct ids *ids, const char *id)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (!strcmp(ids->v[i], id))
			return (long)i;
	return -1;
}

/* The ids of seq's items; 0 when every item has one and none repeats. */
static int ids_make(struct ids *ids, const struct brm_node *seq,
    const char *key)
{
	size_t i;

	ids->n = 0;
	ids->v = brm_calloc(seq ? seq->n + 1 : 1, sizeof(*ids->v));
	for (i = 0; seq && i < seq->n; i++) {
		char *id = item_id(seq->items[i], key);

		if (!id || ids_find(ids, id) >= 0) {
			free(id);
			return -1;
		}
		ids->v[ids->n++] = id;
	}
	return 0;
}

/* ---- conflicts ---- */

static void add_conflict(struct brm_merge *m, const char *field,
    const struct brm_node *b, const struct brm_node *o,
    const struct brm_node *t)
{
	struct brm_merge_conflict *x;

	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 4;
		m->conflicts = brm_realloc(m->conflicts,
		    m->alloc * sizeof(*m->conflicts));
	}
	x = &m->conflicts[m->n++];
	x->field = brm_strdup(field);
	x->base = brm_node_dup(b);
	x->ours = brm_node_dup(o);
	x->theirs = brm_node_dup(t);
}

static void conflict_release(struct brm_merge_conflict *x)
{
	free(x->field);
	brm_node_free(x->base);
	brm_node_free(x->ours);
	brm_node_free(x->theirs);
}

/* ---- mappings ---- */

static struct brm_node *merge_map(struct ctx *c, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t)
{
	struct brm_node *r = brm_node_new_map(), *v;
	size_t i, pos = 0, old;
	long at;

	for (i = 0; i < o->n; i++) {
		old = path_push(&c->path, o->keys[i]);
		v = merge_value(c, brm_node_get(b, o->keys[i]), o->items[i],
		    brm_node_get(t, o->keys[i]));
		brm_buf_truncate(&c->path, old);
		if (v)
			brm_node_insert(r, r->n, o->keys[i], v);
	}
	/* keys ours lacks go after the key that precedes them in theirs */
	for (i = 0; i < t->n; i++) {
		if ((at = brm_node_index(r, t->keys[i])) >= 0) {
			/* and after the keys ours added there */
			for (pos = (size_t)at + 1; pos < r->n &&
			    !brm_node_get(b, r->keys[pos]) &&
			    !brm_node_get(t, r->keys[pos]); pos++)
				;
			continue;
		}
		if (brm_node_get(o, t->keys[i]))
			continue;	/* ours has it: merged above, removed */
		old = path_push(&c->path, t->keys[i]);
		v = merge_value(c, brm_node_get(b, t->keys[i]), NULL,
		    t->items[i]);
		brm_buf_truncate(&c->path, old);
		if (v)
			brm_node_insert(r, pos++, t->keys[i], v);
	}
	return r;
}

/* ---- lists ---- */

/* One item of the merged list: where it comes from (-1: absent). */
struct slot {
	long b, o, t;
};

struct plan {
	struct slot *v;
	size_t n, alloc;
};

static void plan_insert(struct plan *p, size_t pos, long b, long o, long t)
{
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 8;
		p->v = brm_realloc(p->v, p->alloc * sizeof(*p->v));
	}
	memmove(p->v + pos + 1, p->v + pos, (p->n - pos) * sizeof(*p->v));
	p->v[pos] = (struct slot){ b, o, t };
	p->n++;
}

static const struct brm_node *item(const struct brm_node *seq, long i)
{
	return i < 0 ? NULL : seq->items[i];
}

/*
 * Which items survive, in which order: ours' order, with the items only
 * theirs has placed after the item that precedes them in theirs (and
 * after the items ours added there).  An item removed on one side and
 * unchanged on the other goes; removed on one side and changed on the
 * other it stays, to be named as a conflict.
 */
static void plan_keyed(struct plan *p, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t,
    const struct ids *bi, const struct ids *oi, const struct ids *ti)
{
	size_t j, k, pos = 0, s;
	long bj, tj;
	int found;

	for (j = 0; j < oi->n; j++) {
		bj = ids_find(bi, oi->v[j]);
		tj = ids_find(ti, oi->v[j]);
		if (bj >= 0 && tj < 0 && brm_node_equal(item(b, bj),
		    o->items[j]))
			continue;	/* theirs removed it */
		plan_insert(p, p->n, bj, (long)j, tj);
	}
	for (k = 0; k < ti->n; k++) {
		found = 0;
		for (s = 0; s < p->n; s++)
			if (p->v[s].t == (long)k) {
				found = 1;
				break;
			}
		if (found) {
			pos = s + 1;
			while (pos < p->n && p->v[pos].b < 0 &&
			    p->v[pos].t < 0)
				pos++;
			continue;
		}
		if (ids_find(oi, ti->v[k]) >= 0)
			continue;
		bj = ids_find(bi, ti->v[k]);
		if (bj >= 0 && brm_node_equal(item(b, bj), t->items[k]))
			continue;	/* ours removed it */
		plan_insert(p, pos++, bj, -1, (long)k);
	}
}

static struct brm_node *merge_keyed(struct ctx *c, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t,
    const struct ids *bi, const struct ids *oi, const struct ids *ti)
{
	struct brm_node *r = brm_node_new_seq(), *v;
	struct plan p = { 0 };
	size_t i, old;

	plan_keyed(&p, b, o, t, bi, oi, ti);
	for (i = 0; i < p.n; i++) {
		old = path_push_index(&c->path, i);
		v = merge_value(c, item(b, p.v[i].b), item(o, p.v[i].o),
		    item(t, p.v[i].t));
		brm_buf_truncate(&c->path, old);
		if (v)
			brm_node_append(r, v);
	}
	free(p.v);
	return r;
}

static struct brm_node *merge_seq(struct ctx *c, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t)
{
	static const struct brm_node empty = { .type = BRM_NODE_SEQ };
	struct ids bi = { 0 }, oi = { 0 }, ti = { 0 };
	const char *key = list_key(c->m->kind, c->path.data);
	struct brm_node *r = NULL, *v;
	size_t i, old;

	if (!b)
		b = &empty;
	if (ids_make(&bi, b, key) == 0 && ids_make(&oi, o, key) == 0 &&
	    ids_make(&ti, t, key) == 0) {
		r = merge_keyed(c, b, o, t, &bi, &oi, &ti);
	} else if (b->n == o->n && o->n == t->n) {
		r = brm_node_new_seq();
		for (i = 0; i < o->n; i++) {
			old = path_push_index(&c->path, i);
			v = merge_value(c, b->items[i], o->items[i],
			    t->items[i]);
			brm_buf_truncate(&c->path, old);
			if (v)
				brm_node_append(r, v);
		}
	} else {
		add_conflict(c->m, c->path.data, b == &empty ? NULL : b, o, t);
		r = brm_node_dup(o);
	}
	ids_release(&bi);
	ids_release(&oi);
	ids_release(&ti);
	return r;
}

/* ---- one value ---- */

static struct brm_node *merge_value(struct ctx *c, const struct brm_node *b,
    const struct brm_node *o, const struct brm_node *t)
{
	if (brm_node_equal(o, t) || brm_node_equal(b, t))
		return brm_node_dup(o);
	if (brm_node_equal(b, o))
		return brm_node_dup(t);
	if (o && t && o->type == t->type && o->type != BRM_NODE_SCALAR &&
	    (!b || b->type == o->type))
		return o->type == BRM_NODE_MAP ? merge_map(c, b, o, t) :
		    merge_seq(c, b, o, t);
	add_conflict(c->m, c->path.data, b, o, t);
	return brm_node_dup(o ? o : t);
}

size_t brm_merge_trees(struct brm_merge *m, const struct brm_kind *kind,
    const struct brm_node *base, const struct brm_node *ours,
    const struct brm_node *theirs)
{
	struct ctx c = { m, BRM_BUF_INIT };

	m->kind = kind;
	m->result = merge_value(&c, base, ours, theirs);
	brm_buf_release(&c.path);
	return m->n;
}

/* ---- following a path ---- */

/* The next segment of *p into seg (NUL-terminated); 0 at the end. */
static int next_seg(const char **p, char *seg, size_t size)
{
	const char *dot;
	size_t n;

	if (!*p)
		return 0;
	dot = strchr(*p, '.');
	n = dot ? (size_t)(dot - *p) : strlen(*p);
	if (n >= size)
		n = size - 1;
	memcpy(seg, *p, n);
	seg[n] = '\0';
	*p = dot ? dot + 1 : NULL;
	return 1;
}

const struct brm_node *brm_merge_locate(const struct brm_node *tree,
    const struct brm_node *merged, const char *path,
    const struct brm_kind *kind)
{
	struct brm_buf so_far = BRM_BUF_INIT;
	const struct brm_node *mi;
	const char *p = *path ? path : NULL, *key;
	char seg[128], *id, *other;
	size_t idx, k;

	while (tree && next_seg(&p, seg, sizeof(seg))) {
		if (tree->type == BRM_NODE_MAP) {
			tree = brm_node_get(tree, seg);
			merged = merged && merged->type == BRM_NODE_MAP ?
			    brm_node_get(merged, seg) : NULL;
		} else if (tree->type == BRM_NODE_SEQ &&
		    all_digits(seg, strlen(seg))) {
			idx = strtoul(seg, NULL, 10);
			mi = merged && merged->type == BRM_NODE_SEQ &&
			    idx < merged->n ? merged->items[idx] : NULL;
			key = list_key(kind, so_far.data);
			id = mi ? item_id(mi, key) : NULL;
			if (!id) {
				tree = idx < tree->n ? tree->items[idx] : NULL;
			} else {
				const struct brm_node *found = NULL;

				for (k = 0; k < tree->n && !found; k++) {
					other = item_id(tree->items[k], key);
					if (other && !strcmp(other, id))
						found = tree->items[k];
					free(other);
				}
				tree = found;
			}
			free(id);
			merged = mi;
		} else {
			tree = NULL;
		}
		path_push(&so_far, seg);
	}
	brm_buf_release(&so_far);
	return tree;
}

/* ---- picking a side ---- */

static int is_dead(const struct brm_merge *m, const struct brm_node *n)
{
	size_t i;

	for (i = 0; i < m->ndead; i++)
		if (m->dead[i] == n)
			return 1;
	return 0;
}

static void drop_conflicts(struct brm_merge *m, const char *field)
{
	size_t i, j = 0, len = strlen(field);

	for (i = 0; i < m->n; i++) {
		const char *f = m->conflicts[i].field;

		if (!len || !strcmp(f, field) || (!strncmp(f, field, len) &&
		    f[len] == '.')) {
			conflict_release(&m->conflicts[i]);
			continue;
		}
		m->conflicts[j++] = m->conflicts[i];
	}
	m->n = j;
}

/* Where a key the result lacks goes: after the nearest key before it in
 * side_parent (the side it comes from) that the result has. */
static size_t key_position(const struct brm_node *parent,
    const struct brm_node *side_parent, const char *key)
{
	long at = side_parent ? brm_node_index(side_parent, key) : -1, r;

	if (at < 0)
		return parent->n;
	while (--at >= 0)
		if ((r = brm_node_index(parent, side_parent->keys[at])) >= 0)
			return (size_t)r + 1;
	return 0;
}

static void mark_dead(struct brm_merge *m, struct brm_node *n)
{
	if (m->ndead == m->dead_alloc) {
		m->dead_alloc = m->dead_alloc ? 2 * m->dead_alloc : 4;
		m->dead = brm_realloc(m->dead, m->dead_alloc *
		    sizeof(*m->dead));
	}
	m->dead[m->ndead++] = n;
}

/* The parent of path's last segment in the result, creating mappings
 * on the way when create is set; *last receives that segment. */
static struct brm_node *parent_of(struct brm_merge *m, const char *path,
    char *last, size_t size, int create)
{
	struct brm_node *n = m->result, *next;
	const char *p = path;
	char seg[128];
	size_t idx;

	next_seg(&p, last, size);
	while (n && p) {
		memcpy(seg, last, strlen(last) + 1);
		next_seg(&p, last, size);
		if (n->type == BRM_NODE_MAP) {
			next = brm_node_get(n, seg);
			if (!next && create) {
				next = brm_node_new_map();
				brm_node_set(n, seg, next);
			}
		} else if (n->type == BRM_NODE_SEQ &&
		    all_digits(seg, strlen(seg)) &&
		    (idx = strtoul(seg, NULL, 10)) < n->n) {
			next = n->items[idx];
		} else {
			next = NULL;
		}
		if (next && is_dead(m, next))
			next = NULL;
		n = next;
	}
	return n;
}

/* The mapping that holds field on side src, for placing a new key. */
static const struct brm_node *side_parent_of(const struct brm_merge *m,
    const struct brm_node *src, const char *field)
{
	const struct brm_node *n;
	char *parent_path;

	if (!strchr(field, '.'))
		return src;
	parent_path = brm_strdup(field);
	*strrchr(parent_path, '.') = '\0';
	n = brm_merge_locate(src, m->result, parent_path, m->kind);
	free(parent_path);
	return n;
}

static int no_field(const char *field)
{
	return brm_error_set(BRM_ENOTFOUND, "no field '%s' in the merged "
	    "record or on either side", field);
}

int brm_merge_pick(struct brm_merge *m, const struct brm_node *ours,
    const struct brm_node *theirs, const char *field,
    enum brm_merge_side side, const struct brm_node *value)
{
	const struct brm_node *src = side == BRM_MERGE_OURS ? ours : theirs;
	const struct brm_node *from;
	struct brm_node *parent, *v;
	char last[128];
	size_t idx;

	if (!*field) {
		if (side == BRM_MERGE_VALUE)
			return brm_error_set(BRM_EINVALID, "a value needs a "
			    "field: a whole record can only be taken from "
			    "one side");
		brm_node_free(m->result);
		m->result = brm_node_dup(src);
		m->ndead = 0;
		drop_conflicts(m, field);
		return 0;
	}
	from = side == BRM_MERGE_VALUE ? value :
	    brm_merge_locate(src, m->result, field, m->kind);
	parent = parent_of(m, field, last, sizeof(last), from != NULL);
	if (!parent || parent->type == BRM_NODE_SCALAR)
		return no_field(field);
	if (parent->type == BRM_NODE_SEQ) {
		if (!all_digits(last, strlen(last)) ||
		    (idx = strtoul(last, NULL, 10)) >= parent->n)
			return no_field(field);
		if (from) {
			brm_node_free(parent->items[idx]);
			parent->items[idx] = brm_node_dup(from);
		} else if (!is_dead(m, parent->items[idx])) {
			mark_dead(m, parent->items[idx]);
		}
	} else if (!from) {
		if (!brm_node_remove(parent, last) &&
		    !brm_merge_locate(ours, m->result, field, m->kind) &&
		    !brm_merge_locate(theirs, m->result, field, m->kind))
			return no_field(field);
	} else if (brm_node_get(parent, last)) {
		brm_node_set(parent, last, brm_node_dup(from));
	} else {
		v = brm_node_dup(from);
		brm_node_insert(parent, key_position(parent, side ==
		    BRM_MERGE_VALUE ? NULL : side_parent_of(m, src, field),
		    last), last, v);
	}
	drop_conflicts(m, field);
	return 0;
}

static void sweep(struct brm_merge *m, struct brm_node *n)
{
	size_t i;

	if (!n || n->type == BRM_NODE_SCALAR)
		return;
	for (i = n->n; i-- > 0;) {
		if (n->type == BRM_NODE_SEQ && is_dead(m, n->items[i]))
			brm_node_remove_at(n, i);
		else
			sweep(m, n->items[i]);
	}
}

void brm_merge_finish(struct brm_merge *m)
{
	if (m->ndead)
		sweep(m, m->result);
	free(m->dead);
	m->dead = NULL;
	m->ndead = m->dead_alloc = 0;
}

void brm_merge_release(struct brm_merge *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		conflict_release(&m->conflicts[i]);
	free(m->conflicts);
	free(m->dead);
	brm_node_free(m->result);
	*m = (struct brm_merge)BRM_MERGE_INIT;
}

/* ---- showing values ---- */

static void show(struct brm_buf *b, const struct brm_node *n)
{
	const char *p;
	size_t i;

	if (n->type == BRM_NODE_SCALAR) {
		for (p = n->value; p < n->value + n->len; p++)
			if (*p == '\n')
				brm_buf_puts(b, "\\n");
			else
				brm_buf_putc(b, *p);
		return;
	}
	brm_buf_putc(b, n->type == BRM_NODE_MAP ? '{' : '[');
	for (i = 0; i < n->n; i++) {
		if (i)
			brm_buf_puts(b, ", ");
		if (n->type == BRM_NODE_MAP)
			brm_buf_printf(b, "%s: ", n->keys[i]);
		show(b, n->items[i]);
	}
	brm_buf_putc(b, n->type == BRM_NODE_MAP ? '}' : ']');
}

char *brm_merge_show(const struct brm_node *n, size_t max)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t cut;

	if (!n)
		return NULL;
	show(&b, n);
	if (max > 3 && b.len > max) {
		/* not inside a UTF-8 sequence */
		for (cut = max - 3; cut > 0 &&
		    ((unsigned char)b.data[cut] & 0xc0) == 0x80; cut--)
			;
		brm_buf_truncate(&b, cut);
		brm_buf_puts(&b, "...");
	}
	return brm_buf_detach(&b);
}
