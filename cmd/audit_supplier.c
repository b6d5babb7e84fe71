/* brm audit-supplier SUPPLIER: a periodic audit of the supplier, six
 * scores from 1 to 5 with findings and actions. */
#include "cli/records.h"
#include "core/audit.h"
#include "core/buf.h"

/* The commit subject after "<supplier> — ". */
static char *detail(const struct brm_record *r)
{
	const char *period = brm_record_str(r, "period"),
	    *date = brm_record_str(r, "date");

	return brm_xprintf("%s%s%s, average %.1f", date ? date : r->id,
	    period ? " for " : "", period ? period : "",
	    brm_audit_average(r->root));
}

int cmd_audit_supplier(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_audit.fields, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "audit-supplier", "<supplier>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = brm_cli_add_dated(ctx, &(struct brm_cli_dated){
		    .kind = &brm_kind_audit, .command = "audit-supplier",
		    .party_field = "supplier", .party = argv[0], .fa = &fa,
		    .detail = detail });
	brm_fieldargs_release(&fa);
	return ret;
}
