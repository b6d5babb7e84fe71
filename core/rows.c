#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/rows.h"
#include "core/validate.h"
#include "formats/json.h"

static const struct brm_view views[] = {
	{ "contacts", "contact", &brm_kind_customer, "contacts", "customer",
	  "customer name role email phone" },
	{ "contracts", "contract", &brm_kind_supplier, "contracts", "supplier",
	  "supplier service response_hours resolution_hours availability "
	  "start end review" },
};

#define NVIEWS (sizeof(views) / sizeof(views[0]))

const struct brm_view *brm_view_at(size_t i)
{
	return i < NVIEWS ? &views[i] : NULL;
}

const struct brm_view *brm_view_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NVIEWS; i++)
		if (!strcmp(views[i].name, name))
			return &views[i];
	return NULL;
}

const struct brm_view *brm_view_of(const struct brm_kind *owner,
    const char *field)
{
	size_t i;

	for (i = 0; i < NVIEWS; i++)
		if (views[i].owner == owner && !strcmp(views[i].field, field))
			return &views[i];
	return NULL;
}

struct brm_record *brm_view_row(const struct brm_view *v,
    const struct brm_record *owner, const struct brm_node *item)
{
	struct brm_record *row;
	size_t j;

	row = brm_record_wrap(owner->kind, owner->id, brm_node_new_map());
	brm_node_set(row->root, v->key, brm_node_new_str(owner->id));
	for (j = 0; j < item->n; j++)
		if (strcmp(item->keys[j], v->key))
			brm_node_set(row->root, item->keys[j],
			    brm_node_dup(item->items[j]));
	return row;
}

int brm_view_each(const struct brm_view *v, const struct brm_record *owner,
    int (*fn)(void *payload, const struct brm_record *row), void *payload)
{
	const struct brm_node *list = brm_record_get(owner, v->field);
	struct brm_record *row;
	size_t i;
	int ret = 0;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n &&
	    ret == 0; i++) {
		if (list->items[i]->type != BRM_NODE_MAP)
			continue;
		row = brm_view_row(v, owner, list->items[i]);
		ret = fn(payload, row);
		brm_record_free(row);
	}
	return ret;
}

const char *brm_view_item_key(const struct brm_view *v)
{
	const struct brm_field *f;

	for (f = brm_field_find(v->owner->fields, v->field)->sub; f->name;
	    f++)
		if ((f->flags & BRM_FIELD_REQUIRED) && f->type != BRM_F_MAP &&
		    !(f->flags & BRM_FIELD_LIST))
			return f->name;
	return NULL;
}

/* ---- columns ---- */

static void add_column(struct brm_columns *c, const char *path,
    const struct brm_field *f)
{
	c->v = brm_realloc(c->v, (c->n + 1) * sizeof(*c->v));
	c->v[c->n].path = brm_strdup(path);
	c->v[c->n].field = f;
	c->n++;
}

static void add_fields(struct brm_columns *c, const struct brm_kind *kind,
    const struct brm_field *fields, const char *prefix)
{
	const struct brm_field *f;
	char *path;

	for (f = fields; f->name; f++) {
		if (!*prefix && kind && (f->flags & BRM_FIELD_LIST) &&
		    brm_view_of(kind, f->name))
			continue;	/* rows of a view of their own */
		path = brm_xprintf("%s%s", prefix, f->name);
		if (f->type == BRM_F_MAP && !(f->flags & BRM_FIELD_LIST)) {
			free(path);
			path = brm_xprintf("%s%s.", prefix, f->name);
			add_fields(c, NULL, f->sub, path);
		} else {
			add_column(c, path, f);
		}
		free(path);
	}
}

void brm_columns_init(struct brm_columns *c, const struct brm_kind *kind,
    const struct brm_view *v)
{
	c->v = NULL;
	c->n = 0;
	if (!v) {
		add_fields(c, kind, kind->fields, "");
		return;
	}
	add_column(c, v->key, NULL);
	add_fields(c, NULL, brm_field_find(v->owner->fields, v->field)->sub,
	    "");
}

void brm_columns_release(struct brm_columns *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

const struct brm_column *brm_columns_find(const struct brm_columns *c,
    const char *path)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].path, path))
			return &c->v[i];
	return NULL;
}

/* ---- a row's cells ---- */

/* The node at a dotted path of mappings; NULL if absent. */
static const struct brm_node *node_at(const struct brm_node *n,
    const char *path)
{
	const char *dot;
	char *seg;

	while (n && (dot = strchr(path, '.'))) {
		seg = brm_strndup(path, (size_t)(dot - path));
		n = brm_node_get(n, seg);
		free(seg);
		path = dot + 1;
	}
	return n ? brm_node_get(n, path) : NULL;
}

static int all_scalars(const struct brm_node *seq)
{
	size_t i;

	for (i = 0; i < seq->n; i++)
		if (seq->items[i]->type != BRM_NODE_SCALAR)
			return 0;
	return 1;
}

static int lines_cell(char **out, const struct brm_node *seq,
    const char *path)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < seq->n; i++) {
		if (strchr(seq->items[i]->value, '\n')) {
			brm_buf_release(&b);
			brm_error_set(BRM_EINVALID, "an item of '%s' spans "
			    "lines and cannot be one line of a CSV cell",
			    path);
			return brm_error_hint(BRM_EINVALID,
			    "export as JSON: --format json");
		}
		brm_buf_printf(&b, "%s%s", i ? "\n" : "",
		    seq->items[i]->value);
	}
	*out = brm_buf_detach(&b);
	return 0;
}

static char *json_cell(const struct brm_node *n)
{
	struct brm_buf b = BRM_BUF_INIT;
	json_t *j = brm_json_from_node(n);

	brm_json_dump(&b, j, 0);
	json_decref(j);
	brm_buf_truncate(&b, b.len - 1);	/* the newline */
	return brm_buf_detach(&b);
}

int brm_rows_cell(char **out, const struct brm_node *row,
    const struct brm_column *c)
{
	const struct brm_node *n = node_at(row, c->path);

	*out = NULL;
	if (!n || (n->type == BRM_NODE_SCALAR && brm_node_is_null(n)) ||
	    (n->type == BRM_NODE_SEQ && !n->n))
		return 0;
	if (n->type == BRM_NODE_SCALAR)
		*out = brm_strdup(n->value);
	else if (n->type == BRM_NODE_SEQ && all_scalars(n))
		return lines_cell(out, n, c->path);
	else
		*out = json_cell(n);
	return 0;
}

/* ---- typing what was read ---- */

static int complain(const struct brm_rows_problem *bad, const char *path)
{
	bad->fn(bad->payload, path, brm_error_last());
	return BRM_EINVALID;
}

/* A null read from JSON: as in a record, no value, left as it is. */
static int is_null(const struct brm_node *n)
{
	return n->type == BRM_NODE_SCALAR && n->plain && brm_node_is_null(n);
}

/* Replace the scalar *n by its value typed as field f. */
static int type_scalar(struct brm_node **n, const struct brm_field *f,
    const char *path, const struct brm_rows_problem *bad)
{
	struct brm_node *typed;

	if (is_null(*n))
		return 0;
	if ((*n)->type != BRM_NODE_SCALAR) {
		brm_error_set(BRM_EINVALID, "%s must be a single value", path);
		return complain(bad, path);
	}
	if (brm_field_parse(&typed, f, (*n)->value, path) < 0)
		return complain(bad, path);
	brm_node_free(*n);
	*n = typed;
	return 0;
}

static int type_value(struct brm_node **n, const struct brm_field *f,
    const char *path, const struct brm_rows_problem *bad)
{
	char *sub;
	size_t i;
	int ret = 0;

	if (is_null(*n))
		return 0;
	if (!(f->flags & BRM_FIELD_LIST)) {
		if (f->type != BRM_F_MAP)
			return type_scalar(n, f, path, bad);
		if ((*n)->type != BRM_NODE_MAP) {
			brm_error_set(BRM_EINVALID, "%s must be a mapping",
			    path);
			return complain(bad, path);
		}
		sub = brm_xprintf("%s.", path);
		ret = brm_rows_type(*n, f->sub, sub, bad);
		free(sub);
		return ret;
	}
	if ((*n)->type != BRM_NODE_SEQ) {
		brm_error_set(BRM_EINVALID, "%s must be a list", path);
		return complain(bad, path);
	}
	for (i = 0; i < (*n)->n; i++) {
		sub = brm_xprintf("%s.%zu", path, i);
		if (f->type != BRM_F_MAP) {
			if (type_scalar(&(*n)->items[i], f, sub, bad) < 0)
				ret = BRM_EINVALID;
		} else if ((*n)->items[i]->type != BRM_NODE_MAP) {
			brm_error_set(BRM_EINVALID, "%s must be a mapping",
			    sub);
			ret = complain(bad, sub);
		} else {
			free(sub);
			sub = brm_xprintf("%s.%zu.", path, i);
			if (brm_rows_type((*n)->items[i], f->sub, sub, bad) < 0)
				ret = BRM_EINVALID;
		}
		free(sub);
	}
	return ret;
}

int brm_rows_type(struct brm_node *map, const struct brm_field *fields,
    const char *prefix, const struct brm_rows_problem *bad)
{
	const struct brm_field *f;
	char *path;
	size_t i;
	int ret = 0;

	for (i = 0; i < map->n; i++) {
		if (!(f = brm_field_find(fields, map->keys[i])))
			continue;
		path = brm_xprintf("%s%s", prefix, map->keys[i]);
		if (type_value(&map->items[i], f, path, bad) < 0)
			ret = BRM_EINVALID;
		free(path);
	}
	return ret;
}

/* Set path (dotted, through mappings) in row, creating the mappings. */
static void put_path(struct brm_node *row, const char *path,
    struct brm_node *v)
{
	const char *dot;
	struct brm_node *sub;
	char *seg;

	while ((dot = strchr(path, '.'))) {
		seg = brm_strndup(path, (size_t)(dot - path));
		if (!(sub = brm_node_get(row, seg))) {
			sub = brm_node_new_map();
			brm_node_set(row, seg, sub);
		}
		free(seg);
		row = sub;
		path = dot + 1;
	}
	brm_node_set(row, path, v);
}

/* A list of scalars: one item per line. */
static struct brm_node *split_lines(const char *text)
{
	struct brm_node *seq = brm_node_new_seq();
	const char *nl;

	for (;; text = nl + 1) {
		nl = strchr(text, '\n');
		brm_node_append(seq, brm_node_new_strn(text, nl ?
		    (size_t)(nl - text) : strlen(text)));
		if (!nl)
			return seq;
	}
}

static int parse_json_cell(struct brm_node **out, const char *text,
    const char *path, const struct brm_rows_problem *bad)
{
	json_error_t err;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &err);

	*out = NULL;
	if (!j || !json_is_array(j)) {
		json_decref(j);
		brm_error_set(BRM_EINVALID, "%s takes a JSON array of objects "
		    "(%s)", path, j ? "not an array" : err.text);
		return complain(bad, path);
	}
	*out = brm_json_to_node(j);
	json_decref(j);
	return 0;
}

/* A view's column with its owner's id. */
static const struct brm_field owner_id = BRM_FIELD("id", STRING,
    BRM_FIELD_REQUIRED, NULL, NULL, NULL, "the owner's id");

int brm_rows_set(struct brm_node *row, const struct brm_column *c,
    const char *text, const struct brm_rows_problem *bad)
{
	const struct brm_field *f = c->field;
	struct brm_node *v;
	int ret;

	if (!f) {
		if (brm_field_parse(&v, &owner_id, text, c->path) < 0)
			return complain(bad, c->path);
		put_path(row, c->path, v);
		return 0;
	}
	if (!(f->flags & BRM_FIELD_LIST))
		v = brm_node_new_str(text);
	else if (f->type != BRM_F_MAP)
		v = split_lines(text);
	else if (parse_json_cell(&v, text, c->path, bad) < 0)
		return BRM_EINVALID;
	ret = type_value(&v, f, c->path, bad);
	put_path(row, c->path, v);
	return ret;
}
