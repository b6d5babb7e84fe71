/* brm clone URL [DIR]: a clone of the team's portfolio, set up for
 * brm sync and for git merges through brm's merge driver. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/progress.h"
#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/clone.h"
#include "core/error.h"
#include "core/remote.h"

int cmd_clone(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_cli_progress progress;
	char *dir = NULL, *name, *in, *url;
	int portfolio, ret;
	const struct brm_opt opts[] = {
		BRM_OPERAND_PATH_(0, BRM_COMPLETE_DIRS),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "clone", "<url> [<dir>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	/* the directory, and a path to clone from, as git takes them
	 * after -C */
	name = argc > 1 ? brm_strdup(argv[1]) : brm_clone_dir(argv[0]);
	in = brm_ctx_path(ctx, name);
	free(name);
	url = brm_remote_is_path(argv[0]) ? brm_ctx_path(ctx, argv[0]) :
	    brm_strdup(argv[0]);
	brm_cli_progress_init(&progress);
	ret = brm_clone(url, in, &progress.hook, &dir, &portfolio);
	brm_cli_progress_done(&progress);
	if (ret < 0)
		goto done;
	printf("Cloned %s into %s\n", argv[0], dir);
	if (!portfolio)
		brm_warn("'%s' holds no brm portfolio yet (no .brm/config.yaml)"
		    "; to start one there: brm init %s && brm -C %s sync",
		    argv[0], dir, dir);
done:
	free(dir);
	free(in);
	free(url);
	return ret < 0 ? brm_fail(ret) : 0;
}
