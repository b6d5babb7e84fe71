#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "id.h"
#include "record.h"
#include "store.h"
#include "validate.h"

struct brm_record *brm_record_wrap(const struct brm_kind *kind,
    const char *id, struct brm_node *root)
{
	return brm_record_wrap_at(kind, id, root, brm_id_path(kind, id));
}

struct brm_record *brm_record_wrap_at(const struct brm_kind *kind,
    const char *id, struct brm_node *root, char *path)
{
	struct brm_record *r = brm_malloc(sizeof(*r));

	r->kind = kind;
	r->id = brm_strdup(id);
	r->path = path;
	r->root = root;
	r->pool = NULL;
	return r;
}

struct brm_record *brm_record_new(const struct brm_kind *kind,
    const char *id)
{
	struct brm_record *r = brm_record_wrap(kind, id, brm_node_new_map());

	brm_node_set(r->root, "id", brm_node_new_str(id));
	return r;
}

void brm_record_free(struct brm_record *r)
{
	if (!r)
		return;
	if (r->pool)
		brm_pool_free(r->pool);
	else
		brm_node_free(r->root);
	free(r->id);
	free(r->path);
	free(r);
}

/* Split the next segment of a dotted path off into seg. */
static const char *next_segment(const char *p, char *seg, size_t size)
{
	const char *dot = strchr(p, '.');
	size_t n = dot ? (size_t)(dot - p) : strlen(p);

	if (n == 0 || n >= size)
		return NULL;
	memcpy(seg, p, n);
	seg[n] = '\0';
	return dot ? dot + 1 : p + n;
}

static int parse_index(const char *seg, size_t *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)seg[0]))
		return -1;
	v = strtoul(seg, &end, 10);
	if (*end)
		return -1;
	*out = v;
	return 0;
}

struct brm_node *brm_record_get(const struct brm_record *r,
    const char *path)
{
	struct brm_node *n = r->root;
	const char *p = path;
	char seg[128];
	size_t i;

	while (n && *p) {
		if (!(p = next_segment(p, seg, sizeof(seg))))
			return NULL;
		if (n->type == BRM_NODE_SEQ) {
			if (parse_index(seg, &i) < 0 || i >= n->n)
				return NULL;
			n = n->items[i];
		} else {
			n = brm_node_get(n, seg);
		}
	}
	return n;
}

const char *brm_record_str(const struct brm_record *r, const char *path)
{
	struct brm_node *n = brm_record_get(r, path);

	return n && n->type == BRM_NODE_SCALAR && !brm_node_is_null(n) ?
	    n->value : NULL;
}

const char *brm_record_title(const struct brm_record *r)
{
	const char *t = r->kind->title_field ?
	    brm_record_str(r, r->kind->title_field) : NULL;

	return t ? t : r->id;
}

/* Where key goes in map so that schema fields keep the schema's order:
 * right after the last present key that the schema lists before it. */
static size_t schema_position(const struct brm_node *map,
    const struct brm_field *fields, const char *key)
{
	const struct brm_field *f;
	size_t pos = map->n;
	long at;

	if (!fields || !brm_field_find(fields, key))
		return map->n;
	pos = 0;
	for (f = fields; f->name && strcmp(f->name, key); f++)
		if ((at = brm_node_index(map, f->name)) >= 0 &&
		    (size_t)at + 1 > pos)
			pos = (size_t)at + 1;
	return pos;
}

static void put(struct brm_node *map, const struct brm_field *fields,
    const char *key, struct brm_node *v)
{
	if (brm_node_index(map, key) >= 0)
		brm_node_set(map, key, v);
	else
		brm_node_insert(map, schema_position(map, fields, key), key,
		    v);
}

static int bad_path(const char *path, const char *why)
{
	return brm_error_set(BRM_EINVALID, "cannot set '%s': %s", path, why);
}

/*
 * Walk to the container that holds the last segment of path, creating
 * mappings on the way.  On return *fields are the schema fields of that
 * container (NULL where the schema knows nothing) and last the segment.
 */
static int walk(struct brm_record *r, const char *path, int create,
    struct brm_node **parent, const struct brm_field **fields,
    char *last, size_t size)
{
	struct brm_node *n = r->root, *child;
	const struct brm_field *fl = r->kind->fields, *f = NULL;
	const char *p = path;
	size_t i;

	for (;;) {
		if (!(p = next_segment(p, last, size)))
			return bad_path(path, "malformed field path");
		if (!*p)
			break;
		if (n->type == BRM_NODE_SEQ) {
			if (parse_index(last, &i) < 0 || i >= n->n)
				return bad_path(path, "no such list item");
			child = n->items[i];
			fl = f && f->type == BRM_F_MAP ? f->sub : NULL;
		} else {
			f = brm_field_find(fl, last);
			child = brm_node_get(n, last);
			if (!child) {
				if (!create || (f && (f->flags &
				    BRM_FIELD_LIST)))
					return bad_path(path,
					    "no such field");
				child = brm_node_new_map();
				put(n, fl, last, child);
			}
			fl = f && !(f->flags & BRM_FIELD_LIST) &&
			    f->type == BRM_F_MAP ? f->sub : NULL;
		}
		if (child->type == BRM_NODE_SCALAR)
			return bad_path(path, "a parent is not a mapping");
		n = child;
	}
	*parent = n;
	*fields = fl;
	return 0;
}

int brm_record_set(struct brm_record *r, const char *path,
    struct brm_node *v)
{
	const struct brm_field *fields;
	struct brm_node *parent;
	char last[128];
	size_t i;
	int ret;

	if ((ret = walk(r, path, 1, &parent, &fields, last,
	    sizeof(last))) < 0)
		goto fail;
	if (parent->type == BRM_NODE_SEQ) {
		if (parse_index(last, &i) < 0 || i >= parent->n) {
			ret = bad_path(path, "no such list item");
			goto fail;
		}
		brm_node_free(parent->items[i]);
		parent->items[i] = v;
		return 0;
	}
	put(parent, fields, last, v);
	return 0;
fail:
	brm_node_free(v);
	return ret;
}

int brm_record_append(struct brm_record *r, const char *path,
    struct brm_node *v)
{
	struct brm_node *list = brm_record_get(r, path);
	int ret;

	if (!list || brm_node_is_null(list)) {
		if ((ret = brm_record_set(r, path, brm_node_new_seq())) < 0) {
			brm_node_free(v);
			return ret;
		}
		list = brm_record_get(r, path);
	}
	if (list->type != BRM_NODE_SEQ) {
		brm_node_free(v);
		return bad_path(path, "not a list");
	}
	brm_node_append(list, v);
	return 0;
}

int brm_record_unset(struct brm_record *r, const char *path)
{
	const struct brm_field *fields;
	struct brm_node *parent;
	char last[128], *up;
	const char *dot;
	size_t i;

	if (walk(r, path, 0, &parent, &fields, last, sizeof(last)) < 0)
		return 0;
	if (parent->type == BRM_NODE_SEQ) {
		if (parse_index(last, &i) < 0 || i >= parent->n)
			return 0;
		brm_node_remove_at(parent, i);
	} else if (!brm_node_remove(parent, last)) {
		return 0;
	}
	/* an emptied list or mapping goes too, as if it was never set:
	 * no "outcomes: []" left behind by removing the last outcome */
	if (parent != r->root && parent->n == 0 &&
	    (dot = strrchr(path, '.'))) {
		up = brm_strndup(path, (size_t)(dot - path));
		brm_record_unset(r, up);
		free(up);
	}
	return 1;
}

static void apply_defaults(struct brm_node *map,
    const struct brm_field *fields)
{
	const struct brm_field *f;
	struct brm_node *v;

	for (f = fields; f && f->name; f++) {
		if (f->def && !brm_node_get(map, f->name) &&
		    brm_field_parse(&v, f, f->def, f->name) == 0)
			put(map, fields, f->name, v);
	}
}

void brm_record_apply_defaults(struct brm_record *r)
{
	apply_defaults(r->root, r->kind->fields);
}

size_t brm_record_validate(const struct brm_record *r,
    struct brm_problems *out)
{
	size_t before = out->errors;
	const char *id;

	if (brm_validate(r->kind, r->root, out))
		return out->errors - before;
	id = brm_record_str(r, "id");
	if (id && strcmp(id, r->id))
		brm_problem_add(out, brm_node_get(r->root, "id"),
		    "id '%s' does not match the file name (expected '%s')",
		    id, r->id);
	if (r->kind->check)
		r->kind->check(r, out);
	return out->errors - before;
}

const struct brm_kind *brm_record_of_path(const char *path, char **id)
{
	const struct brm_kind *k;
	const char *slash = strchr(path, '/'), *base = strrchr(path, '/');
	char *plural, *rel;
	size_t len;

	*id = NULL;
	if (!strcmp(path, BRM_CONFIG_PATH))
		return &brm_kind_config;
	if (!slash)
		return NULL;
	plural = brm_strndup(path, (size_t)(slash - path));
	k = brm_kind_lookup(plural);
	if (k && strcmp(k->plural, plural))
		k = NULL;
	free(plural);
	len = strlen(base + 1);
	if (!k || len <= 5 || strcmp(base + 1 + len - 5, ".yaml"))
		return NULL;
	*id = brm_strndup(base + 1, len - 5);
	if (brm_id_check(k, *id) < 0) {
		brm_error_clear();
		free(*id);
		*id = NULL;
		return NULL;
	}
	rel = brm_id_path(k, *id);
	if (strcmp(rel, path)) {
		free(*id);
		*id = NULL;
		k = NULL;
	}
	free(rel);
	return k;
}

char *brm_record_why_invalid(const struct brm_kind *kind, const char *id,
    const struct brm_node *root, const char *path)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_buf b = BRM_BUF_INIT;
	struct brm_record *r;
	size_t i, shown = 0;

	probs.file = path;
	if (kind == &brm_kind_config || !id) {
		brm_validate(kind, root, &probs);
	} else {
		r = brm_record_wrap(kind, id, brm_node_dup(root));
		brm_record_validate(r, &probs);
		brm_record_free(r);
	}
	for (i = 0; i < probs.n && shown < 3; i++) {
		if (probs.items[i].warning)
			continue;
		brm_buf_printf(&b, "%s%s", shown++ ? "; " : "",
		    probs.items[i].message);
	}
	brm_problems_release(&probs);
	return brm_buf_detach(&b);
}

void brm_recv_push(struct brm_recv *v, struct brm_record *r)
{
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 8;
		v->v = brm_realloc(v->v, v->alloc * sizeof(*v->v));
	}
	v->v[v->n++] = r;
}
