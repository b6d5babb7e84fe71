/* brm add-third-party NAME --role ROLE: a certification body, supervisor,
 * auditor, consultant or another vendor of the customer, and the
 * information-sharing agreement with it (5W1H). */
#include "cli/records.h"

static int add_third_party(struct brm_ctx *ctx, const char *id,
    const char *name, struct brm_fieldargs *fa)
{
	struct brm_store *s;
	char **keep = NULL;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0 ||
	    (ret = brm_cli_resolve_fieldargs(s, fa, &keep)) < 0)
		ret = brm_fail(ret);
	else
		ret = brm_cli_add_named(ctx, &brm_kind_third_party,
		    "add-third-party", id, name, fa);
	brm_strv_free(keep, fa->n);
	return ret;
}

int cmd_add_third_party(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_third_party.fields, NULL, 0, 0 };
	const char *id = NULL;
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "id", &id, "<id>",
		    "record id (default: derived from the name)"),
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-third-party", "<name>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_third_party(ctx, id, argv[0], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
