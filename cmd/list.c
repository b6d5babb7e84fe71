/* brm list KIND: the records of a kind, filtered, as a table or for
 * scripts (JSON, TSV, YAML). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filters.h"
#include "cli/records.h"
#include "cmd/complete.h"
#include "core/error.h"
#include "formats/json.h"
#include "formats/table.h"
#include "formats/yaml.h"

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

/* brm_view_each()'s hand: one row. */
static int output_add_row(void *payload, const struct brm_record *row)
{
	return output_add(payload, row);
}

static int list(struct brm_store *s, const struct brm_kind *k,
    const struct brm_view *v, const struct brm_filters *f,
    const char *format)
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
		if (brm_filters_match(f, r))
			ret = v ? brm_view_each(v, r, output_add_row, &o) :
			    output_add(&o, r);
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

static int run(struct brm_ctx *ctx, const struct brm_kind *k,
    const struct brm_view *v, struct brm_filters *f, const char *format)
{
	struct brm_store *s;
	int ret;

	if ((ret = brm_filters_dates(f)) == 0 &&
	    (ret = brm_cli_begin(ctx, &s, 0)) == 0 &&
	    (ret = brm_filters_resolve(f, s)) == 0)
		ret = list(s, k, v, f, format);
	brm_filters_release(f);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_list(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_filters f = { 0 };
	const char *format = "table";
	const struct brm_kind *k;
	const struct brm_view *v;
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FILTERS_(&f),
		BRM_OPT_STRING_(0, "format", &format, "table|json|tsv|yaml",
		    "output format (default: table)"),
		BRM_OPERAND_FN_(0, brm_complete_kinds),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "list", "<kind>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if ((ret = brm_filters_target(&u, &f, argv[0], &k, &v)))
		return ret;
	if (!brm_word_in("table|json|tsv|yaml", format))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "table, json, tsv or yaml)", format);
	return run(ctx, k, v, &f, format);
}
