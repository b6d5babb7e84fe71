/* brm add-requirement CUSTOMER SERVICE TEXT: what this customer needs of
 * a service it consumes, classified by the Kano model. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

static int add_requirement(struct brm_ctx *ctx, char **argv,
    const struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_node *text = NULL, *req;
	struct brm_store *s;
	char *service = NULL, *summary = NULL, path[64], base[80];
	long at;
	int ret;

	if ((ret = brm_field_parse(&text, brm_field_find(fa->fields, "text"),
	    argv[2], "requirement")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, argv[0], "customer")) < 0 ||
	    (ret = brm_cli_resolve_id(s, argv[1], "service", &service)) < 0)
		goto done;
	if ((at = brm_cli_subscription(r, service)) < 0) {
		ret = brm_error_set(BRM_ENOTFOUND, "customer '%s' does not "
		    "subscribe to '%s'", r->id, service);
		brm_error_hint(ret, "subscribe first: brm subscribe %s %s",
		    r->id, service);
		goto done;
	}
	snprintf(path, sizeof(path), "services.%ld.requirements", at);
	req = brm_node_new_map();
	brm_node_set(req, "text", text);
	text = NULL;
	if ((ret = brm_record_append(r, path, req)) < 0)
		goto done;
	snprintf(base, sizeof(base), "%s.%zu", path,
	    brm_record_get(r, path)->n - 1);
	if ((ret = brm_fieldargs_apply(fa, r, base)) < 0)
		goto done;
	summary = brm_xprintf("%s — %s: %s", brm_record_title(r), service,
	    argv[2]);
	ret = brm_cli_save(s, r, "add-requirement", summary);
done:
	brm_node_free(text);
	brm_record_free(r);
	free(service);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_add_requirement(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-requirement",
		"<customer> <service> <text>", opts };

	fa.fields = brm_field_at(&brm_kind_customer,
	    "services.requirements")->sub;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_requirement(ctx, argv, &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
