#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "validate.h"

int brm_node_is_null(const struct brm_node *n)
{
	return n && n->type == BRM_NODE_SCALAR && n->plain &&
	    (n->len == 0 || !strcmp(n->value, "~") ||
	    brm_word_in("null|Null|NULL", n->value));
}

/* Files hold exact dates; "today" is only for the command line. */
static int check_date_text(const struct brm_field *f, const char *s,
    const char *what)
{
	struct brm_datetime t;
	struct brm_date d;

	if (f->type == BRM_F_DATE)
		return brm_date_parse(&d, s, what);
	if (f->type == BRM_F_DATETIME)
		return brm_datetime_parse(&t, s, what);
	return 0;
}

/*
 * The value of each field of a map, in the schema's order (NULL when
 * absent; the first of duplicate keys, as brm_node_get() finds).  A
 * record is written in its schema's order, so each key is usually the
 * field after the one found last: one comparison a key, where asking
 * the map for every field searched it once a field.
 */
#define FEW_FIELDS 32

struct field_values {
	const struct brm_node **v;
	const struct brm_node *few[FEW_FIELDS];
};

static void field_values(struct field_values *fv,
    const struct brm_field *fields, const struct brm_node *map)
{
	size_t n = 0, i, j, next = 0;

	while (fields[n].name)
		n++;
	fv->v = n <= FEW_FIELDS ? fv->few : brm_malloc(n * sizeof(*fv->v));
	memset(fv->v, 0, n * sizeof(*fv->v));
	for (i = 0; map->type == BRM_NODE_MAP && i < map->n; i++) {
		j = next;
		if (j >= n || strcmp(fields[j].name, map->keys[i]))
			for (j = 0; j < n && strcmp(fields[j].name,
			    map->keys[i]); j++)
				;
		if (j == n)
			continue;	/* not the schema's: kept as is */
		if (!fv->v[j])
			fv->v[j] = map->items[i];
		next = j + 1;
	}
}

static void field_values_release(struct field_values *fv)
{
	if (fv->v != fv->few)
		free(fv->v);
}

static void check_scalar(const struct brm_field *f, const struct brm_node *v,
    const char *path, struct brm_problems *out)
{
	if (v->type != BRM_NODE_SCALAR) {
		brm_problem_add(out, v, "%s: expected %s, found a %s", path,
		    brm_ftype_name(f->type), v->type == BRM_NODE_MAP ?
		    "mapping" : "list");
		return;
	}
	if (check_date_text(f, v->value, path) < 0 ||
	    brm_field_parse(NULL, f, v->value, path) < 0)
		brm_problem_add(out, v, "%s", brm_error_last());
}

/*
 * The field's path ("services.0.sla.response_hours") is kept in one
 * buffer, a part added on the way down and taken off on the way back:
 * brm check validates every field of every record, and building each
 * path with printf was a fifth of its time.
 */
static void check_fields(const struct brm_field *fields,
    const struct brm_node *map, struct brm_buf *path,
    struct brm_problems *out);

static void check_value(const struct brm_field *f, const struct brm_node *v,
    struct brm_buf *path, struct brm_problems *out)
{
	if (f->type == BRM_F_MAP) {
		if (v->type != BRM_NODE_MAP)
			brm_problem_add(out, v, "%s: expected a mapping",
			    path->data);
		else
			check_fields(f->sub, v, path, out);
		return;
	}
	check_scalar(f, v, path->data, out);
}

static void put_index(struct brm_buf *b, size_t i)
{
	char digits[24];
	size_t n = sizeof(digits);

	do
		digits[--n] = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	brm_buf_add(b, digits + n, sizeof(digits) - n);
}

static void check_list(const struct brm_field *f, const struct brm_node *v,
    struct brm_buf *path, struct brm_problems *out)
{
	size_t i, len = path->len;

	if (v->type != BRM_NODE_SEQ) {
		brm_problem_add(out, v, "%s: expected a list", path->data);
		return;
	}
	for (i = 0; i < v->n; i++) {
		brm_buf_putc(path, '.');
		put_index(path, i);
		check_value(f, v->items[i], path, out);
		brm_buf_truncate(path, len);
	}
}

static void check_fields(const struct brm_field *fields,
    const struct brm_node *map, struct brm_buf *path,
    struct brm_problems *out)
{
	const struct brm_field *f;
	const struct brm_node *v;
	struct field_values fv;
	size_t len = path->len;

	field_values(&fv, fields, map);
	for (f = fields; f->name; f++) {
		if (len)
			brm_buf_putc(path, '.');
		brm_buf_puts(path, f->name);
		v = fv.v[f - fields];
		if (!v || brm_node_is_null(v)) {
			if (f->flags & BRM_FIELD_REQUIRED)
				brm_problem_add(out, map,
				    "missing required field '%s'", path->data);
		} else if (f->flags & BRM_FIELD_LIST) {
			check_list(f, v, path, out);
		} else {
			check_value(f, v, path, out);
		}
		brm_buf_truncate(path, len);
	}
	field_values_release(&fv);
}

size_t brm_validate(const struct brm_kind *kind, const struct brm_node *root,
    struct brm_problems *out)
{
	struct brm_buf path = BRM_BUF_INIT;
	size_t before = out->errors;

	if (!root || root->type != BRM_NODE_MAP) {
		brm_problem_add(out, root, "a %s record must be a mapping",
		    kind->name);
		return out->errors - before;
	}
	check_fields(kind->fields, root, &path, out);
	brm_buf_release(&path);
	return out->errors - before;
}

static void visit(const struct brm_field *fields, const struct brm_node *map,
    void (*fn)(const struct brm_field *, const struct brm_node *, void *),
    void *payload)
{
	const struct brm_field *f;
	const struct brm_node *v;
	struct field_values fv;
	size_t i, n;

	field_values(&fv, fields, map);
	for (f = fields; f->name; f++) {
		if (!(v = fv.v[f - fields]) || brm_node_is_null(v))
			continue;
		n = (f->flags & BRM_FIELD_LIST) ? v->n : 1;
		if ((f->flags & BRM_FIELD_LIST) && v->type != BRM_NODE_SEQ)
			continue;
		for (i = 0; i < n; i++) {
			const struct brm_node *item = (f->flags &
			    BRM_FIELD_LIST) ? v->items[i] : v;

			if (f->type == BRM_F_MAP &&
			    item->type == BRM_NODE_MAP)
				visit(f->sub, item, fn, payload);
			else if (f->type == BRM_F_REF &&
			    item->type == BRM_NODE_SCALAR)
				fn(f, item, payload);
		}
	}
	field_values_release(&fv);
}

void brm_validate_refs(const struct brm_kind *kind,
    const struct brm_node *root,
    void (*fn)(const struct brm_field *f, const struct brm_node *v,
	void *payload), void *payload)
{
	if (root && root->type == BRM_NODE_MAP)
		visit(kind->fields, root, fn, payload);
}
