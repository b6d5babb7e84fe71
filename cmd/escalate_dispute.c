/* brm escalate-dispute ID: raise a dispute one level, 1 initial
 * coordination → 2 mediated with suppliers, the customer or third
 * parties → 3 formal company process → 4 legal, stamping the time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"

#define TOP_LEVEL 4

static const char *const level_names[TOP_LEVEL + 1] = {
	NULL, "initial coordination",
	"mediated with suppliers, the customer or third parties",
	"formal company process", "legal"
};

/* The time of the last stamp, to refuse going back in time. */
static int last_stamp(const struct brm_record *r, struct brm_datetime *t)
{
	struct brm_node *levels = brm_record_get(r, "levels");
	const char *at;

	if (!levels || levels->type != BRM_NODE_SEQ || !levels->n ||
	    !(at = brm_node_str(levels->items[levels->n - 1], "at")))
		return -1;
	return brm_datetime_parse(t, at, "at") < 0 ? -1 : 0;
}

static int escalate(struct brm_ctx *ctx, const char *ref, const char *when)
{
	struct brm_datetime t, prev;
	char at[BRM_DATETIME_LEN], n[8], *summary = NULL;
	struct brm_record *r = NULL;
	struct brm_node *stamp;
	struct brm_store *s;
	const char *status, *level;
	long cur;
	int ret;

	if ((ret = brm_datetime_parse_user(&t, when ? when : "now",
	    "--at")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "dispute")) < 0)
		goto done;
	status = brm_record_str(r, "status");
	if (status && !strcmp(status, "resolved")) {
		ret = brm_error_set(BRM_EINVALID, "dispute '%s' is resolved; "
		    "it cannot be escalated", r->id);
		goto done;
	}
	level = brm_record_str(r, "level");
	cur = level ? strtol(level, NULL, 10) : 1;
	if (cur >= TOP_LEVEL) {
		ret = brm_error_set(BRM_EINVALID, "dispute '%s' is already at "
		    "level %d (%s); there is no level above it", r->id,
		    TOP_LEVEL, level_names[TOP_LEVEL]);
		goto done;
	}
	if (cur < 1)
		cur = 1;
	if (last_stamp(r, &prev) == 0 &&
	    brm_datetime_epoch(&t) < brm_datetime_epoch(&prev)) {
		brm_datetime_format(at, &prev);
		ret = brm_error_set(BRM_EINVALID, "--at is before the last "
		    "escalation (%s)", at);
		goto done;
	}
	brm_error_clear();
	snprintf(n, sizeof(n), "%ld", cur + 1);
	brm_datetime_format(at, &t);
	brm_record_set(r, "level", brm_node_new_plain(n));
	stamp = brm_node_new_map();
	brm_node_set(stamp, "level", brm_node_new_plain(n));
	brm_node_set(stamp, "at", brm_node_new_plain(at));
	if ((ret = brm_record_append(r, "levels", stamp)) < 0)
		goto done;
	summary = brm_xprintf("%s — level %s (%s)", brm_record_title(r), n,
	    level_names[cur + 1]);
	if ((ret = brm_cli_save(s, r, "escalate-dispute", summary)) < 0)
		goto done;
	printf("%s: level %s (%s)\n", r->id, n, level_names[cur + 1]);
done:
	brm_record_free(r);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_escalate_dispute(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *when = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "at", &when, "<time>",
		    "when the new level was reached (default: now)"),
		/* open and below TOP_LEVEL */
		BRM_OPERAND_IDS_(0, "dispute", "status=open level=1|2|3"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "escalate-dispute", "<dispute>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return escalate(ctx, argv[0], when);
}
