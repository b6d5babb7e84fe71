/* brm record-complaint CUSTOMER --summary TEXT: a complaint comes in; its
 * response target follows from the severity policy in working time. */
#include <stdlib.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/complaint.h"
#include "core/error.h"

static const char *severity_of(const struct brm_record *r)
{
	const char *sev = brm_record_str(r, "severity");

	return sev ? sev : brm_field_find(r->kind->fields, "severity")->def;
}

/* A complaint cannot come in later than now; its target is stamped. */
static int fill(struct brm_store *s, struct brm_record *r, void *payload)
{
	struct brm_datetime received, now = brm_now(), due;
	char buf[BRM_DATETIME_LEN];
	int ret;

	(void)payload;
	if ((ret = brm_datetime_parse(&received, brm_record_str(r,
	    "received"), "--received")) < 0)
		return ret;
	if (brm_datetime_epoch(&received) > brm_datetime_epoch(&now)) {
		brm_datetime_format(buf, &now);
		ret = brm_error_set(BRM_EINVALID, "--received '%s' is in the "
		    "future (now is %s)", brm_record_str(r, "received"), buf);
		return brm_error_hint(ret, "record a complaint when it has "
		    "come in");
	}
	if ((ret = brm_complaint_response_due(&due, s->config,
	    severity_of(r), &received)) < 0)
		return ret;
	brm_datetime_format(buf, &due);
	return brm_record_set(r, "response_due", brm_node_new_plain(buf));
}

static char *detail(const struct brm_record *r)
{
	char *line = brm_cli_one_line(brm_record_str(r, "summary"), 60), *d;

	d = brm_xprintf("%s (%s)", line, severity_of(r));
	free(line);
	return d;
}

int cmd_record_complaint(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_complaint.fields, NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_complaint, "record-complaint",
		"customer", NULL, &fa, fill, NULL, detail };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "record-complaint", "<customer>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	return ret;
}
