/* brm add-action MEETING TEXT: one more action item agreed in a meeting;
 * prints the action's number (for brm done-action). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"

/* An action cannot fall due before the meeting that agreed it (the
 * meeting's check says so too; this names the option). */
static int check_due(const struct brm_record *r, const char *base)
{
	char path[96];
	const char *due, *held = brm_record_str(r, "date");
	struct brm_date d, m;
	int ret;

	snprintf(path, sizeof(path), "%s.due", base);
	if (!(due = brm_record_str(r, path)) || !held ||
	    brm_date_parse(&d, due, "--due") < 0 ||
	    brm_date_parse(&m, held, "date") < 0) {
		brm_error_clear();
		return 0;
	}
	if (brm_date_cmp(&d, &m) >= 0)
		return 0;
	ret = brm_error_set(BRM_EINVALID, "--due %s is before the meeting "
	    "(%s)", due, held);
	return brm_error_hint(ret, "an action falls due on or after the day "
	    "it was agreed");
}

static int add_action(struct brm_ctx *ctx, const char *ref,
    const char *text, const struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_node *v = NULL, *item, *list;
	struct brm_store *s;
	char base[64], *summary = NULL, *line = NULL;
	size_t n;
	int ret;

	if ((ret = brm_field_parse(&v, brm_field_find(fa->fields, "text"),
	    text, "text")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "meeting")) < 0)
		goto done;
	item = brm_node_new_map();
	brm_node_set(item, "text", v);
	v = NULL;
	if ((ret = brm_record_append(r, "actions", item)) < 0)
		goto done;
	list = brm_record_get(r, "actions");
	n = list->n;
	snprintf(base, sizeof(base), "actions.%zu", n - 1);
	if ((ret = brm_fieldargs_apply(fa, r, base)) < 0 ||
	    (ret = check_due(r, base)) < 0)
		goto done;
	brm_node_set(list->items[n - 1], "done", brm_node_new_plain("false"));
	line = brm_cli_one_line(text, 60);
	summary = brm_xprintf("%s — %s", r->id, line);
	if ((ret = brm_cli_save(s, r, "add-action", summary)) < 0)
		goto done;
	printf("%zu\n", n);
done:
	brm_node_free(v);
	brm_record_free(r);
	free(summary);
	free(line);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_add_action(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-action", "<meeting> <text>", opts };

	fa.fields = brm_field_at(&brm_kind_meeting, "actions")->sub;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_action(ctx, argv[0], argv[1], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
