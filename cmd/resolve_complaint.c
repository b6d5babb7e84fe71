/* brm resolve-complaint COMPLAINT --resolution TEXT: what was done. */
#include "cli/complaint.h"

int cmd_resolve_complaint(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *at = NULL, *resolution = NULL;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_REQ_(0, "resolution", &resolution, "<text>",
		    "what was done about it"),
		BRM_OPT_STRING_(0, "at", &at, "<time>",
		    "when it was resolved (default: now)"),
		BRM_OPERAND_IDS_(0, "complaint",
		    brm_complaint_where(BRM_COMPLAINT_RESOLVE)),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "resolve-complaint", "<complaint>",
		opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return brm_cli_complaint_step(ctx, argv[0], BRM_COMPLAINT_RESOLVE, at,
	    resolution, NULL);
}
