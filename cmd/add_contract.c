/* brm add-contract SUPPLIER SERVICE: a support contract with the
 * supplier for a service.  Its terms back the customer SLAs of that
 * service, so a contract that is not stricter than one of them is
 * warned about at once (and reported by brm check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cli/sla.h"
#include "core/buf.h"
#include "core/error.h"

static int supplies(const struct brm_record *r, const char *service)
{
	struct brm_node *list = brm_record_get(r, "supplies");
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++)
		if (list->items[i]->type == BRM_NODE_SCALAR &&
		    !strcmp(list->items[i]->value, service))
			return 1;
	return 0;
}

static int add_contract(struct brm_ctx *ctx, const char *sref,
    const char *svcref, const struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_node *contract, *list;
	struct brm_store *s;
	char *service = NULL, *summary = NULL, base[64];
	const char *status;
	size_t at;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, sref, "supplier")) < 0 ||
	    (ret = brm_cli_resolve_id(s, svcref, "service", &service)) < 0)
		goto done;
	if ((status = brm_record_str(r, "status")) &&
	    !strcmp(status, "terminated")) {
		ret = brm_error_set(BRM_EINVALID, "supplier '%s' is "
		    "terminated and cannot get a new contract", r->id);
		brm_error_hint(ret, "if it is back, change its status first: "
		    "brm set %s status=approved", r->id);
		goto done;
	}
	contract = brm_node_new_map();
	brm_node_set(contract, "service", brm_node_new_str(service));
	if ((ret = brm_record_append(r, "contracts", contract)) < 0)
		goto done;
	list = brm_record_get(r, "contracts");
	at = list->n - 1;
	snprintf(base, sizeof(base), "contracts.%zu", at);
	if ((ret = brm_fieldargs_apply(fa, r, base)) < 0)
		goto done;
	/* a contract for a service means the supplier supplies it */
	if (!supplies(r, service) && (ret = brm_record_append(r, "supplies",
	    brm_node_new_str(service))) < 0)
		goto done;
	summary = brm_xprintf("%s — %s", brm_record_title(r), service);
	if ((ret = brm_cli_save(s, r, "add-contract", summary)) < 0)
		goto done;
	brm_cli_warn_contract_gaps(s, r, at);
done:
	brm_record_free(r);
	free(service);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_add_contract(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-contract", "<supplier> <service>",
		opts };

	fa.fields = brm_field_at(&brm_kind_supplier, "contracts")->sub;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_contract(ctx, argv[0], argv[1], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
