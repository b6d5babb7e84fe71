/*
 * brm merge-driver BASE OURS THEIRS [PATH]: git's merge driver for
 * records (.gitattributes "*.yaml merge=brm", merge.brm.driver).  Writes
 * the merge to OURS and exits 0, or 1 on a conflict, with notes on
 * stderr and git's conflict markers in OURS.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mergedriver.h"

int cmd_merge_driver(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_buf notes = BRM_BUF_INIT;
	const char *line, *nl;
	int conflicted = 1, ret;
	const struct brm_opt opts[] = {
		BRM_OPT_END_
	};
	const struct brm_usage u = { "merge-driver",
		"<base> <ours> <theirs> [<path>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	ret = brm_mergedriver_merge(argv[0], argv[1], argv[2],
	    argc > 3 ? argv[3] : NULL, &notes, &conflicted);
	for (line = notes.data; *line; line = nl + 1) {
		if (!(nl = strchr(line, '\n')))
			nl = line + strlen(line) - 1;
		fprintf(stderr, "brm: %.*s\n", (int)(nl - line), line);
	}
	brm_buf_release(&notes);
	if (ret < 0)
		return brm_fail(ret);
	return conflicted ? 1 : 0;
}
