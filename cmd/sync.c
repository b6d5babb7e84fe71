/* brm sync [--abort] [REMOTE]: fetch, integrate and push in one go. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/progress.h"
#include "cli/records.h"
#include "cli/sync.h"
#include "core/error.h"

static int sync_abort(struct brm_ctx *ctx)
{
	struct brm_store *s;
	char *what = NULL;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_sync_abort(s, &what)) < 0)
		return brm_fail(ret);
	if (what)
		printf("dropped the merge of %s; nothing had been committed\n",
		    what);
	else
		printf("dropped the damaged pending merge; nothing had been "
		    "committed\n");
	free(what);
	return 0;
}

int cmd_sync(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_sync_report rep = { 0 };
	struct brm_cli_progress progress;
	struct brm_store *s;
	int abort_merge = 0, ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_(0, "abort", &abort_merge,
		    "drop the merge that waits for conflicts to be resolved"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "sync", "[<remote>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (abort_merge)
		return argc ? brm_usage_error(&u, "--abort takes no remote") :
		    sync_abort(ctx);
	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0)
		return brm_fail(ret);
	brm_cli_progress_init(&progress);
	ret = brm_sync(s, argc ? argv[0] : NULL, &progress.hook, &rep);
	brm_cli_progress_done(&progress);
	brm_cli_sync_report(&rep, ret == 0);
	brm_cli_sync_conflicts(&rep);
	if (ret == BRM_ECONFLICT && rep.n_conflicts)
		brm_error_hint(ret, "settle each conflict with the brm resolve "
		    "command shown, then run 'brm sync' again;\n'brm sync "
		    "--abort' gives up the merge");
	brm_sync_report_release(&rep);
	return ret < 0 ? brm_fail(ret) : 0;
}
