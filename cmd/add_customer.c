/* brm add-customer NAME: a new customer record. */
#include "cli/records.h"

int cmd_add_customer(int argc, char **argv, struct brm_ctx *ctx)
{
	return brm_cli_named_command(argc, argv, ctx, &brm_kind_customer);
}
