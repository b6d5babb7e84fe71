/* brm open-dispute --party ID... --subject TEXT: a dispute with
 * suppliers or third parties, opened at level 1 (initial
 * coordination). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/id.h"

/* A new record of dated kind k on day d, with an id not yet taken. */
static struct brm_record *new_dated(struct brm_store *s,
    const struct brm_kind *k, const struct brm_date *d)
{
	struct brm_record *r;
	char *id = brm_id_new_dated(k, d);
	int tries;

	for (tries = 0; tries < 16 && brm_store_exists(s, k, id); tries++) {
		free(id);
		id = brm_id_new_dated(k, d);
	}
	r = brm_record_new(k, id);
	free(id);
	return r;
}

static int open_dispute(struct brm_ctx *ctx, struct brm_fieldargs *fa)
{
	const char *when = brm_fieldargs_get(fa, "opened");
	struct brm_buf parties = BRM_BUF_INIT;
	char at[BRM_DATETIME_LEN], *summary = NULL, **keep = NULL;
	struct brm_record *r = NULL;
	struct brm_node *stamp, *list;
	struct brm_datetime t;
	struct brm_store *s;
	size_t i;
	int ret;

	if ((ret = brm_datetime_parse_user(&t, when ? when : "now",
	    "--opened")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_cli_resolve_fieldargs(s, fa, &keep)) < 0)
		goto done;
	r = new_dated(s, &brm_kind_dispute, &t.date);
	brm_datetime_format(at, &t);
	if ((ret = brm_fieldargs_apply(fa, r, "")) < 0)
		goto done;
	/* the normalised time: the id's date comes from it */
	brm_record_set(r, "opened", brm_node_new_plain(at));
	brm_record_apply_defaults(r);
	stamp = brm_node_new_map();
	brm_node_set(stamp, "level", brm_node_new_plain("1"));
	brm_node_set(stamp, "at", brm_node_new_plain(at));
	if ((ret = brm_record_append(r, "levels", stamp)) < 0)
		goto done;
	list = brm_record_get(r, "parties");
	for (i = 0; list && i < list->n; i++)
		brm_buf_printf(&parties, "%s%s", i ? ", " : "",
		    list->items[i]->value);
	summary = brm_xprintf("%s (%s)", brm_record_str(r, "subject"),
	    parties.data);
	if ((ret = brm_cli_save(s, r, "open-dispute", summary)) < 0)
		goto done;
	printf("%s\n", r->id);
done:
	brm_strv_free(keep, fa->n);
	brm_record_free(r);
	brm_buf_release(&parties);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_open_dispute(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_dispute.fields, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "open-dispute", "", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = open_dispute(ctx, &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
