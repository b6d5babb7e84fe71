/* brm add-third-party NAME --role ROLE: a certification body, supervisor,
 * auditor, consultant or another vendor of the customer, and the
 * information-sharing agreement with it (5W1H). */
#include "cli/records.h"

int cmd_add_third_party(int argc, char **argv, struct brm_ctx *ctx)
{
	return brm_cli_named_command(argc, argv, ctx, &brm_kind_third_party);
}
