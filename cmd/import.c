/*
 * brm import KIND FILE: the rows of a CSV file or the objects of a JSON
 * array become records of KIND (or items of a view such as contacts).
 * Every row is read, typed, validated and its references checked before
 * anything is written; then all of them are one commit, or nothing is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/filters.h"
#include "cli/progress.h"
#include "cli/records.h"
#include "cmd/complete.h"
#include "core/check.h"
#include "core/error.h"
#include "core/id.h"
#include "core/rows.h"
#include "core/text.h"
#include "formats/csv.h"
#include "formats/json.h"

/* A row read from the file: where it was and its fields. */
struct row {
	unsigned line;			/* CSV: the line it starts on */
	size_t element;			/* JSON: its place in the array, 1.. */
	struct brm_node *tree;
	int bad;			/* an error was found in it */
};

/* A set of ids, each with a number: the row that took it, or where
 * the record with that id is. */
struct idset {
	char **ids;
	size_t *vals;
	size_t alloc, n;
};

/* An error, kept to be told in the order of the file. */
struct finding {
	size_t at;			/* line or element; 0: the file */
	size_t seq;
	char *text;			/* "<what> (<where>)" */
};

struct import {
	char *file;			/* as git takes it after -C */
	const struct brm_kind *kind;	/* records made, or the view's owner */
	const struct brm_view *view;
	struct brm_columns cols;
	const struct brm_column **header;	/* NULL: header not read */
	size_t nheader;
	struct row *rows;
	size_t n, alloc;
	struct row *at;			/* the row being read or checked */
	struct finding *errors_v;
	size_t errors;
	int unknown_columns;		/* say which columns there are */
	struct brm_record **records;	/* what will be written */
	size_t nrecords;
	size_t *record_row;		/* the row of each; views: the
					 * owner's last row */
	struct idset ids;		/* records: the ids taken */
	struct idset owners;		/* views: where each owner is */
	struct brm_cli_progress progress;
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* ---- errors, each with where it was found ---- */

static void where(const struct import *im, const struct row *r,
    const char *column, char *out, size_t n)
{
	int len;

	if (!r)
		len = snprintf(out, n, "%s", im->file);
	else if (r->element)
		len = snprintf(out, n, "%s: element %zu", im->file,
		    r->element);
	else
		len = snprintf(out, n, "%s:%u", im->file, r->line);
	if (column && len >= 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, ": %s", column);
}

static void bad(struct import *im, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad(struct import *im, const char *column, const char *fmt, ...)
{
	struct brm_buf msg = BRM_BUF_INIT;
	char place[512];
	va_list ap;

	va_start(ap, fmt);
	brm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	where(im, im->at, column, place, sizeof(place));
	brm_buf_printf(&msg, " (%s)", place);
	im->errors_v = brm_realloc(im->errors_v, (im->errors + 1) *
	    sizeof(*im->errors_v));
	im->errors_v[im->errors].at = !im->at ? 0 : im->at->element ?
	    im->at->element : im->at->line;
	im->errors_v[im->errors].seq = im->errors;
	im->errors_v[im->errors++].text = brm_buf_detach(&msg);
	if (im->at)
		im->at->bad = 1;
}

static int by_place(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void column_names(const struct import *im)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < im->cols.n; i++)
		brm_buf_printf(&b, "%s%s", i ? ", " : "", im->cols.v[i].path);
	fprintf(stderr, "hint: the columns of %s are: %s\n",
	    im->view ? im->view->name : im->kind->plural, b.data);
	brm_buf_release(&b);
}

/* Every error, in the order of the file. */
static void tell_errors(struct import *im)
{
	size_t i;

	qsort(im->errors_v, im->errors, sizeof(*im->errors_v), by_place);
	for (i = 0; i < im->errors; i++)
		fprintf(stderr, "brm: error: %s\n", im->errors_v[i].text);
	if (im->unknown_columns)
		column_names(im);
	brm_error_at(base_name(im->file), "nothing was imported: %zu "
	    "error%s", im->errors, im->errors == 1 ? "" : "s");
}

static void bad_cell(void *payload, const char *column, const char *message)
{
	bad(payload, column, "%s", message);
}

/* ---- reading ---- */

static void push_row(struct import *im, const struct row *r)
{
	if (im->n == im->alloc) {
		im->alloc = im->alloc ? 2 * im->alloc : 64;
		im->rows = brm_realloc(im->rows, im->alloc * sizeof(*im->rows));
	}
	im->rows[im->n++] = *r;
}

static int utf8_ok(struct import *im, const char *cell, const char *column)
{
	size_t off;

	if (brm_utf8_valid(cell, strlen(cell), &off))
		return 1;
	bad(im, column, "invalid UTF-8 at byte %zu of the cell", off + 1);
	return 0;
}

static void read_header(struct import *im, char **cells, size_t n)
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

static void on_csv_row(void *payload, unsigned line, char **cells, size_t n)
{
	const struct brm_rows_problem tell = { bad_cell, payload };
	struct import *im = payload;
	struct row r = { line, 0, NULL, 0 };
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
			brm_rows_set(r.tree, im->header[i], cells[i],
			    &tell);
	push_row(im, &r);
	im->at = NULL;
}

static int read_csv(struct import *im, const char *data, size_t len)
{
	struct row r = { 0, 0, NULL, 0 };
	int ret;

	brm_columns_init(&im->cols, im->view ? NULL : im->kind, im->view);
	if ((ret = brm_csv_parse(data, len, on_csv_row, im, &r.line)) < 0) {
		im->at = &r;
		bad(im, NULL, "%s", brm_error_last());
		im->at = NULL;
	}
	return ret;
}

/* A view's row: the owner's id, then the item's fields. */
static void type_view_element(struct import *im, struct brm_node *tree,
    const struct brm_rows_problem *tell)
{
	const struct brm_node *key = brm_node_get(tree, im->view->key);

	if (key && key->type != BRM_NODE_SCALAR)
		bad(im, im->view->key, "%s must be an id", im->view->key);
	brm_rows_type(tree, brm_field_find(im->kind->fields,
	    im->view->field)->sub, "", tell);
}

static int read_json(struct import *im, const char *data, size_t len)
{
	const struct brm_rows_problem tell = { bad_cell, im };
	json_error_t err;
	json_t *top, *item;
	struct row r = { 0, 0, NULL, 0 };
	char column[32];
	size_t i;

	if (!(top = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err))) {
		r.line = (unsigned)(err.line > 0 ? err.line : 1);
		im->at = &r;
		snprintf(column, sizeof(column), "column %d", err.column);
		bad(im, err.column > 0 ? column : NULL, "%s", err.text);
		im->at = NULL;
		return BRM_EINVALID;
	}
	if (!json_is_array(top)) {
		bad(im, NULL, "expected a JSON array of objects, as brm export "
		    "writes");
		json_decref(top);
		return BRM_EINVALID;
	}
	json_array_foreach(top, i, item) {
		r.element = i + 1;
		r.tree = NULL;
		r.bad = 0;
		im->at = &r;
		if (!json_is_object(item)) {
			bad(im, NULL, "not a JSON object");
			continue;
		}
		r.tree = brm_json_to_node(item);
		if (im->view)
			type_view_element(im, r.tree, &tell);
		else
			brm_rows_type(r.tree, im->kind->fields, "",
			    &tell);
		push_row(im, &r);
	}
	im->at = NULL;
	json_decref(top);
	return 0;
}

static int read_file(const char *path, char **data, size_t *len)
{
	struct brm_buf b = BRM_BUF_INIT;
	char chunk[65536];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return brm_error_set(BRM_ENOTFOUND, "cannot read '%s': %s",
		    path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return brm_error_set(BRM_EINVALID, "'%s' is a directory",
		    path);
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		brm_buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		brm_buf_release(&b);
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	*len = b.len;
	*data = brm_buf_detach(&b);
	return 0;
}

static int only_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", s[i]))
			return 0;
	return 1;
}

static int read_rows(struct import *im, const char *format)
{
	char *data = NULL;
	size_t len = 0, skip;
	int ret;

	if ((ret = read_file(im->file, &data, &len)) < 0)
		return ret;
	skip = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
	if (only_space(data + skip, len - skip)) {
		ret = brm_error_set(BRM_EINVALID, "'%s' is empty", im->file);
	} else {
		ret = !strcmp(format, "csv") ? read_csv(im, data, len) :
		    read_json(im, data + skip, len - skip);
		if (ret == 0 && im->n == 0 && !im->errors)
			ret = brm_error_set(BRM_EINVALID, "'%s' has no rows, "
			    "only %s", im->file, im->header ? "a header" :
			    "an empty array");
	}
	free(data);
	return ret;
}

/* ---- ids ---- */

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of id: where it is, or the empty one where it would go. */
static size_t idset_slot(const struct idset *set, const char *id)
{
	size_t i = hash(id) & (set->alloc - 1);

	while (set->ids[i] && strcmp(set->ids[i], id))
		i = (i + 1) & (set->alloc - 1);
	return i;
}

static void idset_grow(struct idset *set)
{
	struct idset big = { NULL, NULL, set->alloc ? 2 * set->alloc : 1024,
		0 };
	size_t i, slot;

	big.ids = brm_calloc(big.alloc, sizeof(*big.ids));
	big.vals = brm_calloc(big.alloc, sizeof(*big.vals));
	for (i = 0; i < set->alloc; i++) {
		if (!set->ids[i])
			continue;
		slot = idset_slot(&big, set->ids[i]);
		big.ids[slot] = set->ids[i];
		big.vals[slot] = set->vals[i];
	}
	big.n = set->n;
	free(set->ids);
	free(set->vals);
	*set = big;
}

/* Take id with val; the val of who has it already, or -1. */
static long idset_take(struct idset *set, const char *id, size_t val)
{
	size_t slot;

	if (2 * (set->n + 1) > set->alloc)
		idset_grow(set);
	slot = idset_slot(set, id);
	if (set->ids[slot])
		return (long)set->vals[slot];
	set->ids[slot] = brm_strdup(id);
	set->vals[slot] = val;
	set->n++;
	return -1;
}

static void idset_release(struct idset *set)
{
	size_t i;

	for (i = 0; i < set->alloc; i++)
		free(set->ids[i]);
	free(set->ids);
	free(set->vals);
}

static const char *row_place(const struct row *r, char *buf, size_t n)
{
	if (r->element)
		snprintf(buf, n, "element %zu", r->element);
	else
		snprintf(buf, n, "line %u", r->line);
	return buf;
}

/* A dated id from the row's date (or the field's default), free in
 * the store and in this file. */
static char *new_dated_id(struct import *im, struct brm_store *s,
    const struct row *row)
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
		    idset_take(&im->ids, id, (size_t)(row - im->rows)) < 0)
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
static char *row_id(struct import *im, struct brm_store *s,
    const struct row *row)
{
	const char *given = brm_node_str(row->tree, "id"), *name;
	char *id, place[64];
	long other;

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
	if ((other = idset_take(&im->ids, id, (size_t)(row - im->rows))) >=
	    0)
		bad(im, "id", "%s '%s' is in the file twice (also %s)",
		    im->kind->name, id, row_place(&im->rows[other], place,
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

static void check_record(struct import *im, struct brm_store *s,
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

static void add_record(struct import *im, struct brm_record *r)
{
	im->records = brm_realloc(im->records, (im->nrecords + 1) *
	    sizeof(*im->records));
	im->record_row = brm_realloc(im->record_row, (im->nrecords + 1) *
	    sizeof(*im->record_row));
	im->records[im->nrecords] = r;
	im->record_row[im->nrecords++] = (size_t)(im->at - im->rows);
}

static void build_record(struct import *im, struct brm_store *s,
    const struct row *row)
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

/* The owner already loaded for an earlier row, or loaded now. */
static struct brm_record *owner_of(struct import *im, struct brm_store *s,
    const char *id)
{
	struct brm_record *r;
	long i;

	if (!brm_store_exists(s, im->kind, id)) {
		bad(im, im->view->key, "%s '%s' does not exist",
		    im->kind->name, id);
		return NULL;
	}
	if ((i = idset_take(&im->owners, id, im->nrecords)) >= 0) {
		im->record_row[i] = (size_t)(im->at - im->rows);
		return im->records[i];
	}
	if (brm_store_load(&r, s, im->kind, id) < 0) {
		bad(im, im->view->key, "%s", brm_error_last());
		return NULL;
	}
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

static void build_item(struct import *im, struct brm_store *s,
    const struct row *row)
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
static void check_owners(struct import *im, struct brm_store *s)
{
	size_t i;

	for (i = 0; i < im->nrecords; i++) {
		im->at = &im->rows[im->record_row[i]];
		check_record(im, s, im->records[i]);
	}
}

static void build(struct import *im, struct brm_store *s)
{
	size_t i;

	for (i = 0; i < im->n; i++) {
		brm_cli_progress_show(&im->progress, "checking", i, im->n, 0);
		im->at = &im->rows[i];
		if (im->rows[i].bad || !im->rows[i].tree)
			continue;
		if (im->view)
			build_item(im, s, &im->rows[i]);
		else
			build_record(im, s, &im->rows[i]);
	}
	brm_cli_progress_show(&im->progress, "checking", im->n, im->n, 0);
	if (im->view)
		check_owners(im, s);
	im->at = NULL;
}

/* ---- writing ---- */

static char *summary(const struct import *im)
{
	const char *one = im->view ? im->view->item : im->kind->name;
	const char *many = im->view ? im->view->name : im->kind->plural;

	return brm_xprintf("%zu %s from %s", im->n, im->n == 1 ? one : many,
	    base_name(im->file));
}

static void print_plan(const struct import *im)
{
	const char *key = im->view ? brm_view_item_key(im->view) : NULL;
	char *what = summary(im);
	size_t i;

	for (i = 0; !im->view && i < im->nrecords; i++)
		printf("%s\n", im->records[i]->id);
	for (i = 0; im->view && i < im->n; i++)
		printf("%s: %s\n", brm_node_str(im->rows[i].tree,
		    im->view->key), key ? brm_node_str(im->rows[i].tree, key) :
		    "");
	printf("would import %s\n", what);
	free(what);
}

static int write_all(struct import *im, struct brm_store *s)
{
	struct brm_txn t = BRM_TXN_INIT;
	char *what = summary(im);
	size_t i;
	int ret = 0;

	for (i = 0; i < im->nrecords && ret == 0; i++)
		ret = brm_txn_put_record(&t, im->records[i]);
	/* one step: the files and the commit are written all at once */
	brm_cli_progress_show(&im->progress, "writing", 0, im->nrecords, 0);
	if (ret == 0)
		ret = brm_store_commit(s, &t, "import", what, im->kind->name,
		    NULL, NULL);
	brm_cli_progress_show(&im->progress, "writing", im->nrecords,
	    im->nrecords, 0);
	brm_cli_progress_done(&im->progress);
	if (ret == 0)
		printf("imported %s\n", what);
	if (ret == 0 && brm_store_warning(s))
		brm_warn("%s", brm_store_warning(s));
	brm_txn_release(&t);
	free(what);
	return ret;
}

static void import_release(struct import *im)
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
	free(im->file);
	for (i = 0; i < im->errors; i++)
		free(im->errors_v[i].text);
	free(im->errors_v);
	brm_columns_release(&im->cols);
	idset_release(&im->ids);
	idset_release(&im->owners);
}

static int run(struct brm_ctx *ctx, struct import *im, const char *format,
    int dry_run)
{
	struct brm_store *s;
	int ret;

	brm_cli_progress_init(&im->progress);
	if ((ret = brm_cli_begin(ctx, &s, !dry_run)) < 0 ||
	    ((ret = read_rows(im, format)) < 0 && !im->errors))
		goto done;
	build(im, s);
	brm_cli_progress_done(&im->progress);
	if (im->errors) {
		tell_errors(im);
		return 1;
	}
	if (dry_run)
		print_plan(im);
	else
		ret = write_all(im, s);
done:
	brm_cli_progress_done(&im->progress);
	return ret < 0 ? brm_fail(ret) : 0;
}

static const char *format_of(const char *file)
{
	const char *dot = strrchr(base_name(file), '.');

	if (dot && !strcasecmp(dot, ".csv"))
		return "csv";
	if (dot && !strcasecmp(dot, ".json"))
		return "json";
	return NULL;
}

int cmd_import(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_filters none = { 0 };
	struct import im;
	const char *format = NULL;
	int dry_run = 0, ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_('n', "dry-run", &dry_run,
		    "check every row, show what would be imported"),
		BRM_OPT_STRING_(0, "format", &format, "csv|json",
		    "the file's format (default: from its extension)"),
		BRM_OPERAND_FN_(0, brm_complete_kinds),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "import", "<kind> <file>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	memset(&im, 0, sizeof(im));
	if ((ret = brm_filters_target(&u, &none, argv[0], &im.kind,
	    &im.view)))
		return ret;
	if (im.view)
		im.kind = im.view->owner;
	if (!format && !(format = format_of(argv[1])))
		return brm_usage_error(&u, "cannot tell the format of '%s' "
		    "from its name; give --format csv or --format json",
		    argv[1]);
	if (!brm_word_in("csv|json", format))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "csv or json)", format);
	im.file = brm_ctx_path(ctx, argv[1]);
	ret = run(ctx, &im, format, dry_run);
	import_release(&im);
	return ret;
}
