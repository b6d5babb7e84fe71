/* brm record-praise CUSTOMER --text TEXT: a customer praised an engineer
 * or a team. */
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"

static char *detail(const struct brm_record *r)
{
	const char *about = brm_record_str(r, "about");
	char *line = brm_cli_one_line(brm_record_str(r, "text"), 50), *d;

	d = about ? brm_xprintf("praise for %s: %s", about, line) :
	    brm_xprintf("praise: %s", line);
	free(line);
	return d;
}

int cmd_record_praise(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_praise.fields, NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_praise, "record-praise",
		"customer", NULL, &fa, NULL, NULL, detail };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "record-praise", "<customer>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	return ret;
}
