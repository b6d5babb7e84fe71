/* brm log-meeting PARTY --kind KIND: a meeting with a customer, supplier
 * or third party, with what was decided and the actions agreed. */
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

/* Each --action becomes an open action item. */
static int fill(struct brm_store *s, struct brm_record *r, void *payload)
{
	const struct brm_strlist *actions = payload;
	const struct brm_field *text = brm_field_at(r->kind, "actions.text");
	struct brm_node *v, *item;
	size_t i;
	int ret;

	(void)s;
	for (i = 0; i < actions->n; i++) {
		if ((ret = brm_field_parse(&v, text, actions->v[i],
		    "--action")) < 0)
			return ret;
		item = brm_node_new_map();
		brm_node_set(item, "text", v);
		brm_node_set(item, "done", brm_node_new_plain("false"));
		if ((ret = brm_record_append(r, "actions", item)) < 0)
			return ret;
	}
	return 0;
}

static char *detail(const struct brm_record *r)
{
	return brm_xprintf("%s on %s", brm_record_str(r, "kind"),
	    brm_record_str(r, "date"));
}

int cmd_log_meeting(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_meeting.fields, NULL, 0, 0 };
	struct brm_strlist actions = { NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_meeting, "log-meeting", "with",
		NULL, &fa, fill, &actions, detail };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_LIST_(0, "action", &actions, "<text>",
		    "an action item agreed (see also brm add-action)"),
		BRM_OPERAND_IDS_(0, "customer|supplier|third-party", NULL),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "log-meeting", "<party>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	brm_strlist_release(&actions);
	return ret;
}
