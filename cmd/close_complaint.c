/* brm close-complaint COMPLAINT: the customer accepted the resolution
 * (or the matter is over); --satisfied records how they took it. */
#include "cli/complaint.h"

int cmd_close_complaint(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *at = NULL, *satisfied = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "satisfied", &satisfied, "yes|no",
		    "whether the customer was satisfied"),
		BRM_OPT_STRING_(0, "at", &at, "<time>",
		    "when it was closed (default: now)"),
		BRM_OPERAND_IDS_(0, "complaint",
		    brm_complaint_where(BRM_COMPLAINT_CLOSE)),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "close-complaint", "<complaint>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return brm_cli_complaint_step(ctx, argv[0], BRM_COMPLAINT_CLOSE, at,
	    NULL, satisfied);
}
