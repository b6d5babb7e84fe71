/* brm subscribe CUSTOMER SERVICE: the customer consumes the service, on
 * these SLA terms.  Subscribing again updates the terms given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cli/sla.h"
#include "core/buf.h"
#include "core/error.h"

static int subscribe(struct brm_ctx *ctx, const char *cref,
    const char *sref, const struct brm_fieldargs *fa)
{
	struct brm_sla_gaps before = BRM_SLA_GAPS_INIT;
	struct brm_record *r = NULL;
	struct brm_store *s;
	struct brm_node *sub, *orig = NULL;
	char *service = NULL, *summary = NULL, base[64];
	long at;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, cref, "customer")) < 0 ||
	    (ret = brm_cli_resolve_id(s, sref, "service", &service)) < 0)
		goto done;
	brm_sla_gaps(&before, s, r);
	if ((at = brm_cli_subscription(r, service)) < 0) {
		sub = brm_node_new_map();
		brm_node_set(sub, "service", brm_node_new_str(service));
		if ((ret = brm_record_append(r, "services", sub)) < 0)
			goto done;
		at = (long)brm_record_get(r, "services")->n - 1;
		summary = brm_xprintf("%s — %s", brm_record_title(r),
		    service);
	} else if (!fa->n) {
		ret = brm_error_set(BRM_EEXISTS, "customer '%s' already "
		    "subscribes to '%s'", r->id, service);
		brm_error_hint(ret, "give the terms to change, e.g. "
		    "--availability 99.9");
		goto done;
	} else {
		summary = brm_xprintf("%s — %s (terms changed)",
		    brm_record_title(r), service);
		orig = brm_node_dup(r->root);
	}
	snprintf(base, sizeof(base), "services.%ld", at);
	if ((ret = brm_fieldargs_apply(fa, r, base)) < 0)
		goto done;
	/* the same terms again: no commit that changes nothing */
	if (orig && brm_node_equal(orig, r->root)) {
		printf("nothing changed\n");
		goto done;
	}
	/* gaps the stored terms already had are brm check's to report */
	if ((ret = brm_cli_save(s, r, "subscribe", summary)) == 0)
		brm_cli_warn_new_gaps(s, r, &before, service);
done:
	brm_sla_gaps_release(&before);
	brm_node_free(orig);
	brm_record_free(r);
	free(service);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_subscribe(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "subscribe", "<customer> <service>",
		opts };

	fa.fields = brm_field_at(&brm_kind_customer, "services")->sub;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = subscribe(ctx, argv[0], argv[1], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
