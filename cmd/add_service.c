/* brm add-service NAME: a new service catalogue entry. */
#include "cli/records.h"

int cmd_add_service(int argc, char **argv, struct brm_ctx *ctx)
{
	return brm_cli_named_command(argc, argv, ctx, &brm_kind_service);
}
