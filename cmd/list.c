/* brm list KIND: the records of a kind, filtered, as a table or for
 * scripts (JSON, TSV, YAML). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cmd/complete.h"
#include "core/date.h"
#include "core/error.h"
#include "formats/json.h"
#include "formats/table.h"
#include "formats/yaml.h"

struct filters {
	const char *customer;	/* resolved id */
	const char *supplier;	/* resolved id */
	const char *status;
	const char *severity;
	const char *kind;
	struct brm_date since, until;
	int has_since, has_until;
};

/* The customer a record is about: its first reference to a customer. */
static const char *customer_of(const struct brm_record *r)
{
	const struct brm_field *f;

	if (r->kind == &brm_kind_customer)
		return r->id;
	for (f = r->kind->fields; f->name; f++)
		if (f->type == BRM_F_REF && brm_word_in(f->arg, "customer") &&
		    !(f->flags & BRM_FIELD_LIST))
			return brm_record_str(r, f->name);
	return NULL;
}

/* Is r the supplier id, or does one of its references (a list of them
 * too: a dispute's parties) name it? */
static int about_supplier(const struct brm_record *r, const char *id)
{
	const struct brm_field *f;
	const struct brm_node *v;
	size_t i;

	if (r->kind == &brm_kind_supplier)
		return !strcmp(r->id, id);
	for (f = r->kind->fields; f->name; f++) {
		if (f->type != BRM_F_REF || !brm_word_in(f->arg, "supplier") ||
		    !(v = brm_record_get(r, f->name)))
			continue;
		if (v->type == BRM_NODE_SCALAR && !strcmp(v->value, id))
			return 1;
		for (i = 0; v->type == BRM_NODE_SEQ && i < v->n; i++)
			if (v->items[i]->type == BRM_NODE_SCALAR &&
			    !strcmp(v->items[i]->value, id))
				return 1;
	}
	return 0;
}

static int field_is(const struct brm_record *r, const char *field,
    const char *want)
{
	const char *v;

	if (!want)
		return 1;
	v = brm_record_str(r, field);
	return v && !strcmp(v, want);
}

static int in_range(const struct brm_record *r, const struct filters *f)
{
	const char *v;
	struct brm_date d;
	char day[BRM_DATE_LEN];

	if (!f->has_since && !f->has_until)
		return 1;
	v = r->kind->date_field ? brm_record_str(r, r->kind->date_field) :
	    NULL;
	if (!v || strlen(v) < 10)
		return 0;
	snprintf(day, sizeof(day), "%.10s", v);
	if (brm_date_parse(&d, day, "date") < 0)
		return 0;
	return (!f->has_since || brm_date_cmp(&d, &f->since) >= 0) &&
	    (!f->has_until || brm_date_cmp(&d, &f->until) <= 0);
}

static int matches(const struct brm_record *r, const struct filters *f)
{
	const char *c;

	if (f->customer && (!(c = customer_of(r)) || strcmp(c, f->customer)))
		return 0;
	if (f->supplier && !about_supplier(r, f->supplier))
		return 0;
	return field_is(r, "status", f->status) &&
	    field_is(r, "severity", f->severity) &&
	    field_is(r, "kind", f->kind) && in_range(r, f);
}

/*
 * Lists kept inside the records of a kind, listed as if they were a
 * kind of their own: each item is a row, with its owner's id under key.
 * Filters apply to the owner.
 */
static const struct view {
	const char *name;		/* what brm list takes */
	const struct brm_kind *owner;
	const char *field;		/* the list in the owner */
	const char *key;		/* the owner's id in each row */
	const char *columns;
} views[] = {
	{ "contracts", &brm_kind_supplier, "contracts", "supplier",
	  "supplier service response_hours resolution_hours availability "
	  "start end review" },
};

#define NVIEWS (sizeof(views) / sizeof(views[0]))

const char *brm_list_view(size_t i)
{
	return i < NVIEWS ? views[i].name : NULL;
}

static const struct view *view_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NVIEWS; i++)
		if (!strcmp(views[i].name, name))
			return &views[i];
	return NULL;
}

static void column_header(const char *path, char *out, size_t n)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	snprintf(out, n, "%s", dot ? dot + 1 : path);
	for (i = 0; out[i]; i++)
		out[i] = out[i] == '_' ? ' ' : (char)(out[i] & ~0x20);
}

/* Split the kind's columns ("id name status") into a NULL-ended list. */
static char **split_columns(const char *spec, size_t *n)
{
	char *copy = brm_strdup(spec), *tok, *save = NULL, **cols;

	cols = brm_calloc(strlen(spec) + 2, sizeof(*cols));
	*n = 0;
	for (tok = strtok_r(copy, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save))
		cols[(*n)++] = brm_strdup(tok);
	free(copy);
	return cols;
}

struct output {
	const char *format;
	struct brm_table table;
	char **cols;
	size_t ncols;
	json_t *array;
	struct brm_buf buf;
};

static void output_init(struct output *o, const char *columns,
    const char *format)
{
	const char *row[32];
	char headers[32][64];
	size_t i;

	memset(o, 0, sizeof(*o));
	brm_buf_init(&o->buf);
	o->format = format;
	o->cols = split_columns(columns ? columns : "id", &o->ncols);
	if (o->ncols > 32)
		o->ncols = 32;
	brm_table_init(&o->table, o->ncols);
	for (i = 0; i < o->ncols; i++) {
		column_header(o->cols[i], headers[i], sizeof(headers[i]));
		row[i] = headers[i];
	}
	brm_table_add(&o->table, row);
	o->array = json_array();
}

static int output_add(struct output *o, const struct brm_record *r)
{
	const char *row[32];
	size_t i;

	if (!strcmp(o->format, "json")) {
		json_array_append_new(o->array, brm_json_from_node(r->root));
		return 0;
	}
	if (!strcmp(o->format, "yaml")) {
		brm_buf_puts(&o->buf, "---\n");
		return brm_yaml_emit(&o->buf, r->root);
	}
	for (i = 0; i < o->ncols; i++)
		row[i] = brm_record_str(r, o->cols[i]);
	brm_table_add(&o->table, row);
	return 0;
}

static int output_finish(struct output *o)
{
	int ret = 0;

	if (!strcmp(o->format, "json"))
		ret = brm_json_dump(&o->buf, o->array, 1);
	else if (!strcmp(o->format, "tsv"))
		brm_table_render_tsv(&o->buf, &o->table);
	else if (!strcmp(o->format, "table") && o->table.rows > 1)
		brm_table_render(&o->buf, &o->table, brm_use_color(stdout));
	fwrite(o->buf.data, 1, o->buf.len, stdout);
	return ret;
}

static void output_release(struct output *o)
{
	brm_strv_free(o->cols, o->ncols);
	brm_table_release(&o->table);
	json_decref(o->array);
	brm_buf_release(&o->buf);
}

/* The items of the view's list in r, each a row of its own. */
static int output_view(struct output *o, const struct view *v,
    const struct brm_record *r)
{
	const struct brm_node *list = brm_record_get(r, v->field), *item;
	struct brm_record *row;
	size_t i, j;
	int ret = 0;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n &&
	    ret == 0; i++) {
		if ((item = list->items[i])->type != BRM_NODE_MAP)
			continue;
		row = brm_record_wrap(r->kind, r->id, brm_node_new_map());
		brm_node_set(row->root, v->key, brm_node_new_str(r->id));
		for (j = 0; j < item->n; j++)
			if (strcmp(item->keys[j], v->key))
				brm_node_set(row->root, item->keys[j],
				    brm_node_dup(item->items[j]));
		ret = output_add(o, row);
		brm_record_free(row);
	}
	return ret;
}

static int list(struct brm_store *s, const struct brm_kind *k,
    const struct view *v, const struct filters *f, const char *format)
{
	struct brm_record *r;
	struct output o;
	char **ids;
	size_t n, i, broken = 0;
	int ret = 0;

	if (v)
		k = v->owner;
	brm_store_ids(s, k, &ids, &n);
	output_init(&o, v ? v->columns : k->columns, format);
	for (i = 0; i < n && ret == 0; i++) {
		if (brm_cli_load_many(&r, s, k, ids[i], &broken) < 0)
			continue;
		if (matches(r, f))
			ret = v ? output_view(&o, v, r) : output_add(&o, r);
		brm_record_free(r);
	}
	if (ret == 0)
		ret = output_finish(&o);
	if (ret == 0)
		ret = brm_cli_skipped(broken);
	output_release(&o);
	brm_strv_free(ids, n);
	return ret;
}

static int parse_dates(struct filters *f, const char *since,
    const char *until)
{
	if (since && brm_date_parse_user(&f->since, since, "--since") < 0)
		return BRM_EINVALID;
	if (until && brm_date_parse_user(&f->until, until, "--until") < 0)
		return BRM_EINVALID;
	f->has_since = since != NULL;
	f->has_until = until != NULL;
	return 0;
}

static int run(struct brm_ctx *ctx, const struct brm_kind *k,
    const struct view *v, struct filters *f, const char *customer,
    const char *supplier, const char *since, const char *until,
    const char *format)
{
	struct brm_store *s;
	char *cid = NULL, *sid = NULL;
	int ret;

	if ((ret = parse_dates(f, since, until)) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 0)) < 0)
		goto done;
	if (customer && (ret = brm_cli_resolve_id(s, customer, "customer",
	    &cid)) < 0)
		goto done;
	if (supplier && (ret = brm_cli_resolve_id(s, supplier, "supplier",
	    &sid)) < 0)
		goto done;
	f->customer = cid;
	f->supplier = sid;
	ret = list(s, k, v, f, format);
done:
	free(cid);
	free(sid);
	return ret < 0 ? brm_fail(ret) : 0;
}

static void kind_names(char *out, size_t n)
{
	const struct brm_kind *const *k;
	size_t len = 0, i;

	out[0] = '\0';
	for (k = brm_kinds; *k && len < n; k++)
		len += (size_t)snprintf(out + len, n - len, "%s%s",
		    len ? ", " : "", (*k)->plural);
	for (i = 0; i < NVIEWS && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, ", %s",
		    views[i].name);
}

/* A filter on a field the kind lacks, or with a value the field cannot
 * take, would quietly list nothing: 0, or the exit status. */
static int check_filter(const struct brm_usage *u, const struct brm_kind *k,
    const char *field, const char *value)
{
	const struct brm_field *f;
	struct brm_node *n;
	char opt[32];

	if (!value)
		return 0;
	if (!(f = brm_field_find(k->fields, field)))
		return brm_usage_error(u, "%s have no %s; --%s does not apply",
		    k->plural, field, field);
	snprintf(opt, sizeof(opt), "--%s", field);
	if (f->type != BRM_F_ENUM)
		return 0;
	if (brm_field_parse(&n, f, value, opt) < 0)
		return brm_fail(BRM_EINVALID);
	brm_node_free(n);
	return 0;
}

int cmd_list(int argc, char **argv, struct brm_ctx *ctx)
{
	struct filters f = { 0 };
	const char *format = "table", *customer = NULL, *supplier = NULL,
	    *since = NULL, *until = NULL;
	const struct brm_kind *k;
	const struct view *v = NULL;
	char names[512];
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_REF_(0, "customer", &customer, "<id>", "customer",
		    "only records about this customer"),
		BRM_OPT_REF_(0, "supplier", &supplier, "<id>", "supplier",
		    "only records about this supplier"),
		BRM_OPT_STRING_(0, "status", &f.status, "<status>",
		    "only records with this status"),
		BRM_OPT_STRING_(0, "severity", &f.severity, "<severity>",
		    "only records with this severity"),
		BRM_OPT_STRING_(0, "kind", &f.kind, "<kind>",
		    "only records of this kind (field 'kind')"),
		BRM_OPT_STRING_(0, "since", &since, "<date>",
		    "only records dated on or after this day"),
		BRM_OPT_STRING_(0, "until", &until, "<date>",
		    "only records dated on or before this day"),
		BRM_OPT_STRING_(0, "format", &format, "table|json|tsv|yaml",
		    "output format (default: table)"),
		BRM_OPERAND_FN_(0, brm_complete_kinds),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "list", "<kind>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (!(k = brm_kind_lookup(argv[0])) && !(v = view_lookup(argv[0]))) {
		kind_names(names, sizeof(names));
		return brm_usage_error(&u, "unknown kind '%s' (expected one "
		    "of %s)", argv[0], names);
	}
	if (!brm_word_in("table|json|tsv|yaml", format))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "table, json, tsv or yaml)", format);
	if ((since || until) && (v || !k->date_field))
		return brm_usage_error(&u, "%s have no date; --since and "
		    "--until do not apply", v ? v->name : k->plural);
	if ((ret = check_filter(&u, v ? v->owner : k, "status", f.status)) ||
	    (ret = check_filter(&u, v ? v->owner : k, "severity",
	    f.severity)) ||
	    (ret = check_filter(&u, v ? v->owner : k, "kind", f.kind)))
		return ret;
	return run(ctx, k, v, &f, customer, supplier, since, until, format);
}
