/*
 * brm import KIND FILE: the rows of a CSV file or the objects of a JSON
 * array become records of KIND (or items of a view such as contacts).
 * Every row is read, typed, validated and its references checked before
 * anything is written; then all of them are one commit, or nothing is.
 *
 * Here: the command line, reading the file through formats/, progress,
 * telling the errors, the commit.  core/import.c checks the rows and
 * makes the records.
 */
#include <errno.h>
#include <fcntl.h>
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
#include "core/error.h"
#include "core/import.h"
#include "formats/csv.h"
#include "formats/json.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* ---- errors ---- */

static void column_names(const struct brm_import *im)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < im->cols.n; i++)
		brm_buf_printf(&b, "%s%s", i ? ", " : "", im->cols.v[i].path);
	fprintf(stderr, "hint: the columns of %s are: %s\n",
	    im->view ? im->view->name : im->kind->plural, b.data);
	brm_buf_release(&b);
}

/* Every error, in the order of the file (brm_import_check). */
static void tell_errors(const struct brm_import *im)
{
	size_t i;

	for (i = 0; i < im->problems.n; i++)
		fprintf(stderr, "brm: error: %s\n",
		    im->problems.items[i].message);
	if (im->unknown_columns)
		column_names(im);
	brm_error_at(base_name(im->file), "%s", brm_error_last());
}

/* ---- reading ---- */

static void on_csv_row(void *payload, unsigned line, char **cells, size_t n)
{
	brm_import_csv_row(payload, line, cells, n);
}

static int read_csv(struct brm_import *im, const char *data, size_t len)
{
	unsigned line = 0;
	int ret;

	if ((ret = brm_csv_parse(data, len, on_csv_row, im, &line)) < 0)
		brm_import_problem(im, line, 0, NULL, "%s", brm_error_last());
	return ret;
}

static int read_json(struct brm_import *im, const char *data, size_t len)
{
	json_error_t err;
	json_t *top, *item;
	char column[32];
	size_t i;

	if (!(top = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err))) {
		snprintf(column, sizeof(column), "column %d", err.column);
		brm_import_problem(im, (unsigned)(err.line > 0 ? err.line : 1),
		    0, err.column > 0 ? column : NULL, "%s", err.text);
		return BRM_EINVALID;
	}
	if (!json_is_array(top)) {
		brm_import_problem(im, 0, 0, NULL, "expected a JSON array of "
		    "objects, as brm export writes");
		json_decref(top);
		return BRM_EINVALID;
	}
	json_array_foreach(top, i, item) {
		if (json_is_object(item))
			brm_import_object(im, i + 1, brm_json_to_node(item));
		else
			brm_import_problem(im, 0, i + 1, NULL,
			    "not a JSON object");
	}
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

static int read_rows(struct brm_import *im, const char *format)
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
		if (ret == 0 && im->n == 0 && !im->problems.n)
			ret = brm_error_set(BRM_EINVALID, "'%s' has no rows, "
			    "only %s", im->file, im->header ? "a header" :
			    "an empty array");
	}
	free(data);
	return ret;
}

/* ---- writing ---- */

static char *summary(const struct brm_import *im)
{
	const char *one = im->view ? im->view->item : im->kind->name;
	const char *many = im->view ? im->view->name : im->kind->plural;

	return brm_xprintf("%zu %s from %s", im->n, im->n == 1 ? one : many,
	    base_name(im->file));
}

static void print_plan(const struct brm_import *im)
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

static int write_all(const struct brm_import *im, struct brm_store *s,
    struct brm_cli_progress *progress)
{
	struct brm_txn t = BRM_TXN_INIT;
	char *what = summary(im);
	size_t i;
	int ret = 0;

	for (i = 0; i < im->nrecords && ret == 0; i++)
		ret = brm_txn_put_record(&t, im->records[i]);
	/* one step: the files and the commit are written all at once */
	brm_cli_progress_show(progress, "writing", 0, im->nrecords, 0);
	if (ret == 0)
		ret = brm_store_commit(s, &t, "import", what, im->kind->name,
		    NULL, NULL);
	brm_cli_progress_show(progress, "writing", im->nrecords,
	    im->nrecords, 0);
	brm_cli_progress_done(progress);
	if (ret == 0)
		printf("imported %s\n", what);
	if (ret == 0 && brm_store_warning(s))
		brm_warn("%s", brm_store_warning(s));
	brm_txn_release(&t);
	free(what);
	return ret;
}

static int run(struct brm_ctx *ctx, struct brm_import *im,
    const char *format, int dry_run)
{
	struct brm_cli_progress progress;
	struct brm_store *s;
	int ret;

	brm_cli_progress_init(&progress);
	if ((ret = brm_cli_begin(ctx, &s, !dry_run)) < 0 ||
	    ((ret = read_rows(im, format)) < 0 && !im->problems.n))
		goto done;
	ret = brm_import_check(im, s, &progress.hook);
	brm_cli_progress_done(&progress);
	if (ret < 0) {
		tell_errors(im);
		return 1;
	}
	if (dry_run)
		print_plan(im);
	else
		ret = write_all(im, s, &progress);
done:
	brm_cli_progress_done(&progress);
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
	struct brm_import im;
	const struct brm_kind *kind;
	const struct brm_view *view;
	const char *format = NULL;
	char *file;
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
	if ((ret = brm_filters_target(&u, &none, argv[0], &kind, &view)))
		return ret;
	if (!format && !(format = format_of(argv[1])))
		return brm_usage_error(&u, "cannot tell the format of '%s' "
		    "from its name; give --format csv or --format json",
		    argv[1]);
	if (!brm_word_in("csv|json", format))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "csv or json)", format);
	/* the file, as git takes it after -C */
	file = brm_ctx_path(ctx, argv[1]);
	brm_import_init(&im, file, kind, view);
	ret = run(ctx, &im, format, dry_run);
	brm_import_release(&im);
	free(file);
	return ret;
}
