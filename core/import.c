#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "error.h"
#include "id.h"
#include "import.h"
#include "text.h"

/* ---- problems, each with where it was found ---- */

static void vreport(struct brm_import *im, const struct brm_import_row *r,
    const char *column, const char *fmt, va_list ap)
{
	struct brm_buf msg = BRM_BUF_INIT;

	brm_buf_vprintf(&msg, fmt, ap);
	brm_buf_printf(&msg, " (%s", im->file);
	if (r && r->element)
		brm_buf_printf(&msg, ": element %zu", r->element);
	else if (r)
		brm_buf_printf(&msg, ":%u", r->line);
	if (column)
		brm_buf_printf(&msg, ": %s", column);
	brm_buf_putc(&msg, ')');
	brm_problem_add_at(&im->problems, !r ? 0 : r->element ?
	    (unsigned)r->element : r->line, 0, "%s", msg.data);
	brm_buf_release(&msg);
}

/* A problem in the row being read or checked (the file's, if none). */
static void bad(struct brm_import *im, const char *column,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bad(struct brm_import *im, const char *column,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(im, im->at, column, fmt, ap);
	va_end(ap);
	if (im->at)
		im->at->bad = 1;
}

void brm_import_problem(struct brm_import *im, unsigned line,
    size_t element, const char *column, const char *fmt, ...)
{
	const struct brm_import_row r = { line, element, NULL, 0 };
	va_list ap;

	va_start(ap, fmt);
	vreport(im, line || element ? &r : NULL, column, fmt, ap);
	va_end(ap);
}

static void bad_cell(void *payload, const char *column, const char *message)
{
	bad(payload, column, "%s", message);
}

/* ---- reading ---- */

void brm_import_init(struct brm_import *im, const char *file,
    const struct brm_kind *kind, const struct brm_view *view)
{
	memset(im, 0, sizeof(*im));
	im->file = file;
	im->view = view;
	im->kind = view ? view->owner : kind;
	im->problems.file = file;
	brm_columns_init(&im->cols, view ? NULL : im->kind, view);
	brm_strmap_init(&im->ids);
	brm_strmap_init(&im->owners);
}

static void push_row(struct brm_import *im, const struct brm_import_row *r)
{
	if (im->n == im->alloc) {
		im->alloc = im->alloc ? 2 * im->alloc : 64;
		im->rows = brm_realloc(im->rows,
		    im->alloc * sizeof(*im->rows));
	}
	im->rows[im->n++] = *r;
}

static int utf8_ok(struct brm_import *im, const char *cell,
    const char *column)
{
	size_t off;

	if (brm_utf8_valid(cell, strlen(cell), &off))
		return 1;
	bad(im, column, "invalid UTF-8 at byte %zu of the cell", off + 1);
	return 0;
}

static void read_header(struct brm_import *im, char **cells, size_t n)
{
	size_t i, j;

	im->header = brm_calloc(n + 1, sizeof(*im->header));
	im->nheader = n;
	for (i = 0; i < n; i++) {
		if (!utf8_ok(im, cells[i], NULL))
			continue;
		if (!*cells[i]) {
			bad(im, NULL, "column %zu has no name", i + 1);
			continue;
		}
		if (!(im->header[i] = brm_columns_find(&im->cols, cells[i]))) {
			bad(im, cells[i], "unknown column '%s'", cells[i]);
			im->unknown_columns = 1;
			continue;
		}
		for (j = 0; j < i; j++)
			if (im->header[j] == im->header[i])
				bad(im, cells[i], "column '%s' appears twice",
				    cells[i]);
	}
}

void brm_import_csv_row(struct brm_import *im, unsigned line, char **cells,
    size_t n)
{
	const struct brm_rows_problem tell = { bad_cell, im };
	struct brm_import_row r = { line, 0, NULL, 0 };
	size_t i;

	im->at = &r;
	if (!im->header) {
		read_header(im, cells, n);
		im->at = NULL;
		return;
	}
	if (n != im->nheader) {
		bad(im, NULL, "%zu cells where the header has %zu", n,
		    im->nheader);
		im->at = NULL;
		return;
	}
	r.tree = brm_node_new_map();
	for (i = 0; i < n; i++)
		if (*cells[i] && im->header[i] &&
		    utf8_ok(im, cells[i], im->header[i]->path))
			brm_rows_set(r.tree, im->header[i], cells[i], &tell);
	push_row(im, &r);
	im->at = NULL;
}

void brm_import_object(struct brm_import *im, size_t element,
    struct brm_node *tree)
{
	const struct brm_rows_problem tell = { bad_cell, im };
	struct brm_import_row r = { 0, element, tree, 0 };
	const struct brm_node *key;

	im->at = &r;
	if (!im->view) {
		brm_rows_type(tree, im->kind->fields, "", &tell);
	} else {
		/* a view's row: the owner's id, then the item's fields */
		key = brm_node_get(tree, im->view->key);
		if (key && key->type != BRM_NODE_SCALAR)
			bad(im, im->view->key, "%s must be an id",
			    im->view->key);
		brm_rows_type(tree, brm_field_find(im->kind->fields,
		    im->view->field)->sub, "", &tell);
	}
	push_row(im, &r);
	im->at = NULL;
}

/* ---- ids ---- */

/* Take id for row; NULL, or the row that took it before. */
static const struct brm_import_row *take_id(struct brm_import *im,
    const char *id, struct brm_import_row *row)
{
	int added;
	void **at = brm_strmap_at(&im->ids, id, &added);

	if (!added)
		return *at;
	*at = row;
	return NULL;
}

static const char *row_place(const struct brm_import_row *r, char *buf,
    size_t n)
{
	if (r->element)
		snprintf(buf, n, "element %zu", r->element);
	else
		snprintf(buf, n, "line %u", r->line);
	return buf;
}

/* A dated id from the row's date (or the field's default), free in
 * the store and in this file. */
static char *new_dated_id(struct brm_import *im, struct brm_store *s,
    struct brm_import_row *row)
{
	const struct brm_field *f = brm_field_find(im->kind->fields,
	    im->kind->date_field);
	const char *text = brm_node_str(row->tree, f->name);
	struct brm_node *def = NULL;
	struct brm_date day;
	char buf[BRM_DATE_LEN], *id = NULL;
	int i, ret;

	if (!text && brm_field_parse(&def, f, f->def ? f->def : "today",
	    f->name) == 0)
		text = def->value;
	snprintf(buf, sizeof(buf), "%.10s", text ? text : "");
	ret = brm_date_parse(&day, buf, f->name);
	brm_node_free(def);
	for (i = 0; ret == 0 && i < 32; i++) {
		id = brm_id_new_dated(im->kind, &day);
		if (!brm_store_exists(s, im->kind, id) &&
		    !take_id(im, id, row))
			return id;
		free(id);
	}
	if (ret == 0)
		brm_error_set(BRM_EEXISTS, "no free %s id left for this day",
		    im->kind->name);
	bad(im, f->name, "%s", brm_error_last());
	return NULL;
}

/* The id the row gives, checked and not taken yet; or the one brm
 * add-<kind> would make.  NULL after telling why not. */
static char *row_id(struct brm_import *im, struct brm_store *s,
    struct brm_import_row *row)
{
	const char *given = brm_node_str(row->tree, "id"), *name;
	const struct brm_import_row *other;
	char *id, place[64];

	if (!given && brm_kind_is_dated(im->kind))
		return new_dated_id(im, s, row);
	name = im->kind->title_field ? brm_node_str(row->tree,
	    im->kind->title_field) : NULL;
	if (!given && !name) {
		bad(im, "id", "no id, and no %s to make one from",
		    im->kind->title_field);
		return NULL;
	}
	if (!(id = given ? brm_strdup(given) : brm_id_from_name(name)) ||
	    brm_id_check(im->kind, id) < 0) {
		bad(im, "id", "%s", brm_error_last());
		free(id);
		return NULL;
	}
	if ((other = take_id(im, id, row)))
		bad(im, "id", "%s '%s' is in the file twice (also %s)",
		    im->kind->name, id, row_place(other, place,
		    sizeof(place)));
	else if (brm_store_exists(s, im->kind, id))
		bad(im, "id", "%s '%s' already exists", im->kind->name, id);
	else
		return id;
	free(id);
	return NULL;
}

/* ---- building records ---- */

/* The row's fields in r: schema fields in schema order (brm_record_set
 * places them so), a field the schema does not know (JSON only) after
 * them. */
static void fill_record(struct brm_record *r, const struct brm_node *tree)
{
	size_t i;

	for (i = 0; i < tree->n; i++) {
		if (!strcmp(tree->keys[i], "id"))
			continue;
		if (brm_field_find(r->kind->fields, tree->keys[i]))
			brm_record_set(r, tree->keys[i],
			    brm_node_dup(tree->items[i]));
		else
			brm_node_set(r->root, tree->keys[i],
			    brm_node_dup(tree->items[i]));
	}
}

/* A view's row as an item of its owner's list: without the owner's id,
 * the item's fields in schema order, unknown ones after them. */
static struct brm_node *row_item(const struct brm_view *v,
    const struct brm_field *sub, const struct brm_node *tree)
{
	struct brm_node *item = brm_node_new_map(), *x;
	const struct brm_field *f;
	size_t i;

	for (f = sub; f->name; f++)
		if ((x = brm_node_get(tree, f->name)))
			brm_node_set(item, f->name, brm_node_dup(x));
	for (i = 0; i < tree->n; i++)
		if (strcmp(tree->keys[i], v->key) &&
		    !brm_field_find(sub, tree->keys[i]))
			brm_node_set(item, tree->keys[i],
			    brm_node_dup(tree->items[i]));
	return item;
}

static void check_record(struct brm_import *im, struct brm_store *s,
    const struct brm_record *r)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	size_t i;

	probs.file = r->path;
	if (!brm_record_validate(r, &probs))
		brm_check_refs(s, r, &probs);
	for (i = 0; i < probs.n; i++)
		if (!probs.items[i].warning)
			bad(im, NULL, "%s", probs.items[i].message);
	brm_problems_release(&probs);
}

static void add_record(struct brm_import *im, struct brm_record *r)
{
	im->records = brm_realloc(im->records, (im->nrecords + 1) *
	    sizeof(*im->records));
	im->record_row = brm_realloc(im->record_row, (im->nrecords + 1) *
	    sizeof(*im->record_row));
	im->records[im->nrecords] = r;
	im->record_row[im->nrecords++] = (size_t)(im->at - im->rows);
}

static void build_record(struct brm_import *im, struct brm_store *s,
    struct brm_import_row *row)
{
	struct brm_record *r;
	char *id;

	if (!(id = row_id(im, s, row)))
		return;
	r = brm_record_new(im->kind, id);
	fill_record(r, row->tree);
	brm_record_apply_defaults(r);
	check_record(im, s, r);
	add_record(im, r);
	free(id);
}

/* The owner already loaded for an earlier row, or loaded now.  One that
 * does not load is tried again, and told, for each row naming it. */
static struct brm_record *owner_of(struct brm_import *im,
    struct brm_store *s, const char *id)
{
	struct brm_record *r;
	void **at;
	size_t i;

	if (!brm_store_exists(s, im->kind, id)) {
		bad(im, im->view->key, "%s '%s' does not exist",
		    im->kind->name, id);
		return NULL;
	}
	at = brm_strmap_at(&im->owners, id, NULL);
	if (*at) {
		i = (uintptr_t)*at - 1;
		im->record_row[i] = (size_t)(im->at - im->rows);
		return im->records[i];
	}
	if (brm_store_load(&r, s, im->kind, id) < 0) {
		bad(im, im->view->key, "%s", brm_error_last());
		return NULL;
	}
	*at = (void *)(uintptr_t)(im->nrecords + 1);
	add_record(im, r);
	return r;
}

static int has_item(const struct brm_record *owner, const char *list,
    const char *key, const char *value)
{
	const struct brm_node *items = brm_record_get(owner, list);
	const char *v;
	size_t i;

	for (i = 0; items && items->type == BRM_NODE_SEQ && i < items->n; i++)
		if ((v = brm_node_str(items->items[i], key)) &&
		    !strcmp(v, value))
			return 1;
	return 0;
}

static void build_item(struct brm_import *im, struct brm_store *s,
    const struct brm_import_row *row)
{
	const struct brm_view *v = im->view;
	const char *owner_id = brm_node_str(row->tree, v->key);
	const char *key = brm_view_item_key(v);
	const char *value = key ? brm_node_str(row->tree, key) : NULL;
	const struct brm_field *sub = brm_field_find(im->kind->fields,
	    v->field)->sub;
	struct brm_record *owner;

	if (!owner_id) {
		bad(im, v->key, "no %s", v->key);
		return;
	}
	if (!(owner = owner_of(im, s, owner_id)))
		return;
	if (value && has_item(owner, v->field, key, value)) {
		bad(im, key, "%s '%s' already has a %s with %s '%s'",
		    im->kind->name, owner_id, v->item, key, value);
		return;
	}
	brm_record_append(owner, v->field, row_item(v, sub, row->tree));
}

/* Views: each owner once all its rows are in, blamed on its last row. */
static void check_owners(struct brm_import *im, struct brm_store *s)
{
	size_t i;

	for (i = 0; i < im->nrecords; i++) {
		im->at = &im->rows[im->record_row[i]];
		check_record(im, s, im->records[i]);
	}
}

static void progress_show(const struct brm_progress *p, size_t done,
    size_t total)
{
	if (p && p->fn)
		p->fn("checking", done, total, 0, p->payload);
}

int brm_import_check(struct brm_import *im, struct brm_store *s,
    const struct brm_progress *progress)
{
	size_t i, n;

	for (i = 0; i < im->n; i++) {
		progress_show(progress, i, im->n);
		im->at = &im->rows[i];
		if (im->rows[i].bad || !im->rows[i].tree)
			continue;
		if (im->view)
			build_item(im, s, &im->rows[i]);
		else
			build_record(im, s, &im->rows[i]);
	}
	progress_show(progress, im->n, im->n);
	if (im->view)
		check_owners(im, s);
	im->at = NULL;
	if (!(n = im->problems.n))
		return 0;
	brm_problems_sort(&im->problems);
	return brm_error_set(BRM_EINVALID, "nothing was imported: %zu error%s",
	    n, n == 1 ? "" : "s");
}

void brm_import_release(struct brm_import *im)
{
	size_t i;

	for (i = 0; i < im->n; i++)
		brm_node_free(im->rows[i].tree);
	free(im->rows);
	for (i = 0; i < im->nrecords; i++)
		brm_record_free(im->records[i]);
	free(im->records);
	free(im->record_row);
	free(im->header);
	brm_problems_release(&im->problems);
	brm_columns_release(&im->cols);
	brm_strmap_release(&im->ids, NULL);
	brm_strmap_release(&im->owners, NULL);
}
