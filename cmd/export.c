/* brm export KIND: the records of a kind, filtered as brm list filters
 * them, as CSV or JSON that brm import reads back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filters.h"
#include "cli/records.h"
#include "cmd/complete.h"
#include "core/error.h"
#include "core/rows.h"
#include "formats/csv.h"
#include "formats/json.h"

struct sink {
	int csv;
	struct brm_columns cols;
	char **cells;
	json_t *array;
	struct brm_buf buf;
};

static void sink_init(struct sink *o, const struct brm_kind *k,
    const struct brm_view *v, const char *format)
{
	size_t i;

	memset(o, 0, sizeof(*o));
	brm_buf_init(&o->buf);
	o->csv = !strcmp(format, "csv");
	brm_columns_init(&o->cols, k, v);
	o->cells = brm_calloc(o->cols.n, sizeof(*o->cells));
	o->array = json_array();
	if (!o->csv)
		return;
	for (i = 0; i < o->cols.n; i++)
		o->cells[i] = o->cols.v[i].path;
	brm_csv_put_row(&o->buf, (const char *const *)o->cells, o->cols.n);
	memset(o->cells, 0, o->cols.n * sizeof(*o->cells));
}

static void sink_release(struct sink *o)
{
	brm_columns_release(&o->cols);
	free(o->cells);
	json_decref(o->array);
	brm_buf_release(&o->buf);
}

static int sink_add(struct sink *o, const struct brm_record *r)
{
	size_t i, n;
	int ret = 0;

	if (!o->csv) {
		json_array_append_new(o->array, brm_json_from_node(r->root));
		return 0;
	}
	for (n = 0; n < o->cols.n && ret == 0; n++)
		ret = brm_rows_cell(&o->cells[n], r->root, &o->cols.v[n]);
	if (ret == 0)
		brm_csv_put_row(&o->buf, (const char *const *)o->cells,
		    o->cols.n);
	else
		brm_error_wrap(ret, "%s", r->path);
	for (i = 0; i < n; i++) {
		free(o->cells[i]);
		o->cells[i] = NULL;
	}
	return ret;
}

/* brm_view_each()'s hand: one row. */
static int sink_add_row(void *payload, const struct brm_record *row)
{
	return sink_add(payload, row);
}

static int export(struct brm_store *s, const struct brm_kind *k,
    const struct brm_view *v, const struct brm_filters *f,
    const char *format, const char *output)
{
	struct brm_record *r;
	struct sink o;
	char **ids;
	size_t n, i;
	int ret = 0;

	sink_init(&o, k, v, format);
	brm_store_ids(s, v ? v->owner : k, &ids, &n);
	for (i = 0; i < n && ret == 0; i++) {
		if ((ret = brm_store_load(&r, s, v ? v->owner : k, ids[i])) < 0)
			break;
		if (brm_filters_match(f, r))
			ret = v ? brm_view_each(v, r, sink_add_row, &o) :
			    sink_add(&o, r);
		brm_record_free(r);
	}
	if (ret == 0 && !o.csv)
		ret = brm_json_dump(&o.buf, o.array, 1);
	if (ret == 0)
		ret = brm_deliver(&o.buf, output);
	sink_release(&o);
	brm_strv_free(ids, n);
	return ret;
}

int cmd_export(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_filters f = { 0 };
	const char *format = "csv", *output = NULL;
	char *path;
	const struct brm_kind *k;
	const struct brm_view *v;
	struct brm_store *s;
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FILTERS_(&f),
		BRM_OPT_STRING_(0, "format", &format, "csv|json",
		    "output format (default: csv)"),
		BRM_OPT_STRING_('o', "output", &output, "<file>",
		    "write to this file instead of standard output"),
		BRM_OPERAND_FN_(0, brm_complete_kinds),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "export", "<kind>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if ((ret = brm_filters_target(&u, &f, argv[0], &k, &v)))
		return ret;
	if (!brm_word_in("csv|json", format))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "csv or json)", format);
	path = brm_ctx_path(ctx, output);
	if ((ret = brm_filters_dates(&f)) == 0 &&
	    (ret = brm_cli_begin(ctx, &s, 0)) == 0 &&
	    (ret = brm_filters_resolve(&f, s)) == 0)
		ret = export(s, k, v, &f, format, path);
	brm_filters_release(&f);
	free(path);
	return ret < 0 ? brm_fail(ret) : 0;
}
