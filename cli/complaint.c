#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/complaint.h"
#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

/* The options' values, checked before anything is read or locked. */
static int parse_change(struct brm_complaint_change *c, const char *at,
    const char *text, const char *satisfied)
{
	const struct brm_field *f;
	struct brm_datetime now = brm_now();
	struct brm_node *v = NULL;
	char when[BRM_DATETIME_LEN];
	int ret;

	if (at) {
		if (brm_datetime_parse_user(&c->at, at, "--at") < 0)
			return BRM_EINVALID;
		if (brm_datetime_epoch(&c->at) > brm_datetime_epoch(&now)) {
			brm_datetime_format(when, &now);
			ret = brm_error_set(BRM_EINVALID, "--at '%s' is in "
			    "the future (now is %s)", at, when);
			return brm_error_hint(ret, "record a step when it has "
			    "happened");
		}
	} else {
		c->at = now;
	}
	if (text) {
		f = brm_field_find(brm_kind_complaint.fields,
		    c->step == BRM_COMPLAINT_RESOLVE ? "resolution" :
		    "reopened");
		if (c->step == BRM_COMPLAINT_REOPEN)
			f = brm_field_find(f->sub, "reason");
		if ((ret = brm_field_parse(&v, f, text, c->step ==
		    BRM_COMPLAINT_RESOLVE ? "--resolution" : "--reason")) < 0)
			return ret;
		brm_node_free(v);
		if (c->step == BRM_COMPLAINT_RESOLVE && !*text)
			return brm_error_set(BRM_EINVALID, "--resolution must "
			    "not be empty");
	}
	c->text = text;
	c->satisfied = -1;
	if (satisfied) {
		f = brm_field_find(brm_kind_complaint.fields, "satisfied");
		if ((ret = brm_field_parse(&v, f, satisfied,
		    "--satisfied")) < 0)
			return ret;
		c->satisfied = !strcmp(v->value, "true");
		brm_node_free(v);
	}
	return 0;
}

static const char *past_tense[] = {
	[BRM_COMPLAINT_ACK] = "acknowledged",
	[BRM_COMPLAINT_RESOLVE] = "resolved",
	[BRM_COMPLAINT_CLOSE] = "closed",
	[BRM_COMPLAINT_REOPEN] = "reopened",
};

int brm_cli_complaint_step(struct brm_ctx *ctx, const char *ref,
    enum brm_complaint_step step, const char *at, const char *text,
    const char *satisfied)
{
	struct brm_complaint_change c = { .step = step };
	struct brm_record *r = NULL;
	struct brm_store *s;
	char *summary = NULL, *line = NULL;
	const char *title;
	int ret;

	if ((ret = parse_change(&c, at, text, satisfied)) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "complaint")) < 0 ||
	    (ret = brm_complaint_apply(r, &c)) < 0)
		goto done;
	title = brm_record_str(r, "summary");
	line = brm_cli_one_line(title ? title : r->id, 60);
	summary = brm_xprintf("%s — %s (%s)", r->id, line, past_tense[step]);
	ret = brm_cli_save(s, r, brm_complaint_command(step), summary);
done:
	brm_record_free(r);
	free(summary);
	free(line);
	return ret < 0 ? brm_fail(ret) : 0;
}
