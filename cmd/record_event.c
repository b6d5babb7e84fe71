/* brm record-event CUSTOMER --service ID --kind KIND --summary TEXT: an
 * SLA breach or major incident, for the record of past performance. */
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

static char *detail(const struct brm_record *r)
{
	char *line = brm_cli_one_line(brm_record_str(r, "summary"), 50), *d;

	d = brm_xprintf("%s on %s: %s", brm_record_str(r, "kind"),
	    brm_record_str(r, "service"), line);
	free(line);
	return d;
}

/* --metric, --target and --actual go together. */
static int check_metric(const struct brm_usage *u,
    const struct brm_fieldargs *fa)
{
	int n = !!brm_fieldargs_get(fa, "metric") +
	    !!brm_fieldargs_get(fa, "target") +
	    !!brm_fieldargs_get(fa, "actual");

	if (n == 0 || n == 3)
		return 0;
	return brm_usage_error(u, "--metric, --target and --actual go "
	    "together");
}

int cmd_record_event(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_event.fields, NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_event, "record-event",
		"customer", NULL, &fa, NULL, NULL, detail };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "record-event", "<customer>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else if ((ret = check_metric(&u, &fa)) == 0) {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	return ret;
}
