/* brm reopen-complaint COMPLAINT: a resolved or closed complaint is back;
 * the resolution is cleared and the reopening logged. */
#include "cli/complaint.h"

int cmd_reopen_complaint(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *at = NULL, *reason = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "reason", &reason, "<text>",
		    "why it is reopened"),
		BRM_OPT_STRING_(0, "at", &at, "<time>",
		    "when it was reopened (default: now)"),
		BRM_OPERAND_IDS_(0, "complaint",
		    brm_complaint_where(BRM_COMPLAINT_REOPEN)),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "reopen-complaint", "<complaint>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return brm_cli_complaint_step(ctx, argv[0], BRM_COMPLAINT_REOPEN, at,
	    reason, NULL);
}
