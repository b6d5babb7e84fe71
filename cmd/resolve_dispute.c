/* brm resolve-dispute ID --resolution TEXT: the dispute is settled. */
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"

/* The time of the last level reached, to refuse going back in time. */
static int last_stamp(const struct brm_record *r, struct brm_datetime *t)
{
	struct brm_node *levels = brm_record_get(r, "levels");
	const char *at;

	if (!levels || levels->type != BRM_NODE_SEQ || !levels->n ||
	    !(at = brm_node_str(levels->items[levels->n - 1], "at")))
		return -1;
	return brm_datetime_parse(t, at, "at") < 0 ? -1 : 0;
}

static int resolve(struct brm_ctx *ctx, const char *ref,
    const char *resolution, const char *when)
{
	const struct brm_field *f = brm_field_find(brm_kind_dispute.fields,
	    "resolution");
	struct brm_record *r = NULL;
	struct brm_node *text = NULL;
	char at[BRM_DATETIME_LEN], *summary = NULL;
	struct brm_datetime t, prev;
	struct brm_store *s;
	const char *status;
	int ret;

	if (!*resolution) {
		ret = brm_error_set(BRM_EINVALID, "--resolution must not be "
		    "empty");
		goto done;
	}
	if ((ret = brm_field_parse(&text, f, resolution,
	    "--resolution")) < 0 ||
	    (ret = brm_datetime_parse_user(&t, when ? when : "now",
	    "--at")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "dispute")) < 0)
		goto done;
	status = brm_record_str(r, "status");
	if (status && !strcmp(status, "resolved")) {
		ret = brm_error_set(BRM_EINVALID, "dispute '%s' is already "
		    "resolved", r->id);
		brm_error_hint(ret, "change the resolution with 'brm set %s "
		    "resolution=...'", r->id);
		goto done;
	}
	if (last_stamp(r, &prev) == 0 &&
	    brm_datetime_epoch(&t) < brm_datetime_epoch(&prev)) {
		brm_datetime_format(at, &prev);
		ret = brm_error_set(BRM_EINVALID, "--at is before the dispute "
		    "reached its level (%s)", at);
		goto done;
	}
	brm_error_clear();
	brm_datetime_format(at, &t);
	brm_record_set(r, "status", brm_node_new_str("resolved"));
	brm_record_set(r, "resolution", text);
	text = NULL;
	brm_record_set(r, "resolved", brm_node_new_plain(at));
	summary = brm_xprintf("%s — resolved at level %s",
	    brm_record_title(r), brm_record_str(r, "level") ?
	    brm_record_str(r, "level") : "1");
	ret = brm_cli_save(s, r, "resolve-dispute", summary);
done:
	brm_node_free(text);
	brm_record_free(r);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_resolve_dispute(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *resolution = NULL, *when = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_REQ_(0, "resolution", &resolution, "<text>",
		    "how the dispute was resolved"),
		BRM_OPT_STRING_(0, "at", &when, "<time>",
		    "when it was resolved (default: now)"),
		BRM_OPERAND_IDS_(0, "dispute", "status=open"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "resolve-dispute", "<dispute>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return resolve(ctx, argv[0], resolution, when);
}
