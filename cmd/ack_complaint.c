/* brm ack-complaint COMPLAINT: the customer has been told we are on it. */
#include "cli/complaint.h"

int cmd_ack_complaint(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *at = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "at", &at, "<time>",
		    "when it was acknowledged (default: now)"),
		BRM_OPERAND_IDS_(0, "complaint",
		    brm_complaint_where(BRM_COMPLAINT_ACK)),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "ack-complaint", "<complaint>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return brm_cli_complaint_step(ctx, argv[0], BRM_COMPLAINT_ACK, at,
	    NULL, NULL);
}
