/* brm done-action MEETING N: action item N (from 1, in the order the
 * meeting lists them) is done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cmd/complete.h"
#include "core/buf.h"
#include "core/error.h"

/* What a "done" value may say */
#define DONE "true|yes|on|1|True|TRUE"

static int done_action(struct brm_ctx *ctx, const char *ref, size_t n)
{
	struct brm_record *r = NULL;
	struct brm_node *list;
	struct brm_store *s;
	char path[64], *summary = NULL, *line = NULL;
	const char *done, *text;
	size_t have;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "meeting")) < 0)
		goto done;
	list = brm_record_get(r, "actions");
	have = list && list->type == BRM_NODE_SEQ ? list->n : 0;
	if (n > have) {
		ret = brm_error_set(BRM_ENOTFOUND, "meeting '%s' has no "
		    "action %zu (it has %zu)", r->id, n, have);
		brm_error_hint(ret, "actions are numbered from 1 in the order "
		    "'brm show %s' lists them", r->id);
		goto done;
	}
	snprintf(path, sizeof(path), "actions.%zu.done", n - 1);
	if ((done = brm_record_str(r, path)) && brm_word_in(DONE, done)) {
		ret = brm_error_set(BRM_EINVALID, "action %zu of meeting '%s' "
		    "is already done", n, r->id);
		goto done;
	}
	if ((ret = brm_record_set(r, path, brm_node_new_plain("true"))) < 0)
		goto done;
	snprintf(path, sizeof(path), "actions.%zu.text", n - 1);
	text = brm_record_str(r, path);
	line = brm_cli_one_line(text ? text : "", 60);
	summary = brm_xprintf("%s — done: %s", r->id, line);
	ret = brm_cli_save(s, r, "done-action", summary);
done:
	brm_record_free(r);
	free(summary);
	free(line);
	return ret < 0 ? brm_fail(ret) : 0;
}

/* brm done-action MEETING <TAB>: the numbers of its open actions. */
static void complete_open_actions(struct brm_completion *c)
{
	const char *ref = brm_complete_operand(c, 0), *done;
	struct brm_store *s = brm_complete_store(c);
	struct brm_record *r;
	struct brm_node *list;
	char n[24];
	size_t i;

	if (!s || !ref || brm_store_find(&r, s, ref, "meeting") < 0)
		return;
	list = brm_record_get(r, "actions");
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		done = brm_node_str(list->items[i], "done");
		if (!done || !brm_word_in(DONE, done)) {
			snprintf(n, sizeof(n), "%zu", i + 1);
			brm_complete_add(c, n);
		}
	}
	brm_record_free(r);
}

int cmd_done_action(int argc, char **argv, struct brm_ctx *ctx)
{
	const struct brm_opt opts[] = {
		BRM_OPERAND_IDS_(0, "meeting", "actions.done!=" DONE),
		BRM_OPERAND_FN_(1, complete_open_actions),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "done-action", "<meeting> <n>", opts };
	unsigned long n;
	char *end;

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	n = strtoul(argv[1], &end, 10);
	if (!*argv[1] || *end || argv[1][0] == '-' || argv[1][0] == '+' ||
	    n == 0 || n > 100000)
		return brm_usage_error(&u, "invalid action number '%s' "
		    "(expected 1, 2, ...)", argv[1]);
	return done_action(ctx, argv[0], (size_t)n);
}
