/* brm add-customer NAME: a new customer record. */
#include "cli/records.h"

int cmd_add_customer(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_customer.fields, NULL, 0, 0 };
	const char *id = NULL;
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "id", &id, "<id>",
		    "record id (default: derived from the name)"),
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-customer", "<name>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = brm_cli_add_named(ctx, &brm_kind_customer,
		    "add-customer", id, argv[0], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
