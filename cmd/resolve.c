/* brm resolve ID [FIELD] --ours|--theirs|--value V: settle a conflict
 * that brm sync met; the next brm sync completes the merge. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/records.h"
#include "cli/sync.h"
#include "cmd/complete.h"
#include "core/error.h"
#include "core/resolve.h"

int cmd_resolve(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_sync_report rep = { 0 };
	const char *value = NULL, *field;
	enum brm_merge_side side;
	struct brm_store *s;
	char *what = NULL;
	int ours = 0, theirs = 0, ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_(0, "ours", &ours,
		    "keep this clone's version"),
		BRM_OPT_FLAG_(0, "theirs", &theirs,
		    "take the remote's version"),
		BRM_OPT_STRING_FN_(0, "value", &value, "<value>",
		    brm_complete_conflict_value,
		    "set the field to a new value"),
		BRM_OPERAND_FN_(0, brm_complete_conflicts),
		BRM_OPERAND_FN_(1, brm_complete_conflict_fields),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "resolve", "<id> [<field>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (ours + theirs + (value != NULL) != 1)
		return brm_usage_error(&u, "give exactly one of --ours, "
		    "--theirs and --value");
	field = argc > 1 ? argv[1] : "";
	/* refused here only: brm_resolve() takes a value for a field and
	 * does not check again (this is its one caller) */
	if (value && !*field)
		return brm_usage_error(&u, "--value needs a field");
	side = ours ? BRM_MERGE_OURS : theirs ? BRM_MERGE_THEIRS :
	    BRM_MERGE_VALUE;
	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_resolve(s, argv[0], field, side, value, &rep,
	    &what)) < 0)
		goto done;
	if (value)
		printf("resolved %s %s: '%s'\n", argv[0], field, value);
	else
		printf("resolved %s\n", what);
	if (rep.n_conflicts)
		brm_cli_sync_conflicts(&rep);
	else
		printf("no conflicts left: run 'brm sync' to commit the merge "
		    "and push\n");
done:
	free(what);
	brm_sync_report_release(&rep);
	return ret < 0 ? brm_fail(ret) : 0;
}
