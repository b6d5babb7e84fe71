/* brm add-supplier NAME: a new supplier, with what it supplies and its
 * selection assessment. */
#include "cli/records.h"

static int add_supplier(struct brm_ctx *ctx, const char *id,
    const char *name, struct brm_fieldargs *fa)
{
	struct brm_store *s;
	char **keep = NULL;
	int ret;

	/* --supplies takes an id prefix, as everywhere */
	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0 ||
	    (ret = brm_cli_resolve_fieldargs(s, fa, &keep)) < 0)
		ret = brm_fail(ret);
	else
		ret = brm_cli_add_named(ctx, &brm_kind_supplier,
		    "add-supplier", id, name, fa);
	brm_strv_free(keep, fa->n);
	return ret;
}

int cmd_add_supplier(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_supplier.fields, NULL, 0, 0 };
	const char *id = NULL;
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "id", &id, "<id>",
		    "record id (default: derived from the name)"),
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-supplier", "<name>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_supplier(ctx, id, argv[0], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
