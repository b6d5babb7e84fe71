/* brm log [ID]: history from git; for one record, with the fields that
 * each commit changed ("status: active → former"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/records.h"
#include "core/diff.h"
#include "core/error.h"
#include "core/id.h"
#include "core/repo.h"
#include "formats/json.h"
#include "formats/yaml.h"

struct log_state {
	const char *path;
	size_t shown;
};

static void subject(const char *message, char *out, size_t n)
{
	size_t len = strcspn(message, "\n");

	snprintf(out, n, "%.*s", (int)len, message);
}

static void print_header(const struct brm_repo_rev *rev)
{
	char date[32], subj[512];
	time_t local = rev->when + rev->tz_minutes * 60;
	struct tm tm;
	const char *lt = strchr(rev->author, '<');
	int name_len = lt ? (int)(lt - rev->author) : (int)strlen(rev->author);

	gmtime_r(&local, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
	while (name_len > 0 && rev->author[name_len - 1] == ' ')
		name_len--;
	subject(rev->message, subj, sizeof(subj));
	printf("%.7s %s %.*s  %s\n", rev->oid, date, name_len, rev->author,
	    subj);
}

/* A value on one line: scalars as they are, the rest as compact JSON. */
static void print_value(const struct brm_node *n)
{
	struct brm_buf b = BRM_BUF_INIT;
	json_t *j;

	if (n->type == BRM_NODE_SCALAR) {
		printf("%s", n->value);
		return;
	}
	j = brm_json_from_node(n);
	brm_json_dump(&b, j, 0);
	json_decref(j);
	brm_buf_truncate(&b, b.len - 1);
	printf("%s", b.data);
	brm_buf_release(&b);
}

static void print_change(const char *path, const struct brm_node *a,
    const struct brm_node *b, void *payload)
{
	(void)payload;
	printf("    %s: ", path);
	if (!a) {
		printf("+ ");
		print_value(b);
	} else if (!b) {
		printf("- ");
		print_value(a);
	} else {
		print_value(a);
		printf(" → ");
		print_value(b);
	}
	putchar('\n');
}

static struct brm_node *parse_version(const char *data, size_t len,
    const char *path)
{
	struct brm_node *n = NULL;

	if (data && brm_yaml_load(&n, data, len, path) < 0)
		return NULL;
	return n;
}

static int show_rev(const struct brm_repo_rev *rev, void *payload)
{
	struct log_state *st = payload;
	struct brm_node *a, *b;

	print_header(rev);
	st->shown++;
	if (!st->path)
		return 0;
	if (!rev->old_data) {
		printf("    created\n");
		return 0;
	}
	if (!rev->new_data) {
		printf("    removed\n");
		return 0;
	}
	a = parse_version(rev->old_data, rev->old_len, st->path);
	b = parse_version(rev->new_data, rev->new_len, st->path);
	if (a && b)
		brm_diff(a, b, print_change, NULL);
	else
		printf("    (a version is not valid YAML)\n");
	brm_node_free(a);
	brm_node_free(b);
	return 0;
}

/* A removed record is not in the work tree any more: try the paths a
 * full id could have. */
static int log_removed(struct brm_repo *repo, const char *ref, size_t max,
    struct log_state *st)
{
	const struct brm_kind *const *k;
	char *path;
	int ret = 0;

	for (k = brm_kinds; *k && !st->shown && ret == 0; k++) {
		if (brm_id_check(*k, ref) < 0)
			continue;
		path = brm_id_path(*k, ref);
		st->path = path;
		ret = brm_repo_log(repo, path, max, show_rev, st);
		free(path);
	}
	if (ret == 0 && !st->shown)
		ret = brm_error_set(BRM_ENOTFOUND, "no record '%s', now or "
		    "in the history", ref);
	return ret;
}

static int run_log(struct brm_ctx *ctx, const char *ref, size_t max)
{
	struct log_state st = { NULL, 0 };
	struct brm_record *r = NULL;
	struct brm_repo *repo;
	struct brm_store *s;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0 ||
	    (ret = brm_store_repo(s, &repo)) < 0)
		goto done;
	if (!ref) {
		ret = brm_repo_log(repo, NULL, max, show_rev, &st);
		goto done;
	}
	ret = brm_store_find(&r, s, ref, NULL);
	if (ret == BRM_ENOTFOUND) {
		brm_error_clear();
		ret = log_removed(repo, ref, max, &st);
		goto done;
	}
	if (ret < 0)
		goto done;
	st.path = r->path;
	ret = brm_repo_log(repo, r->path, max, show_rev, &st);
	if (ret == 0 && !st.shown)
		printf("%s has no history yet (not committed)\n", r->id);
done:
	brm_record_free(r);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_log(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *count = NULL;
	char *end;
	long max = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_('n', "max-count", &count, "<n>",
		    "show at most n commits"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "log", "[<id>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (count && ((max = strtol(count, &end, 10)) < 1 || *end))
		return brm_usage_error(&u, "-n needs a positive number, not "
		    "'%s'", count);
	return run_log(ctx, argc ? argv[0] : NULL, (size_t)max);
}
