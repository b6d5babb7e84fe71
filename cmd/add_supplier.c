/* brm add-supplier NAME: a new supplier, with what it supplies and its
 * selection assessment. */
#include "cli/records.h"

int cmd_add_supplier(int argc, char **argv, struct brm_ctx *ctx)
{
	return brm_cli_named_command(argc, argv, ctx, &brm_kind_supplier);
}
