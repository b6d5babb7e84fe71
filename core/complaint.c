#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "complaint.h"
#include "due.h"
#include "error.h"
#include "store.h"
#include "validate.h"

static const struct {
	const char *command;
	const char *verb;
	const char *from;	/* the statuses the step may start from */
	const char *to;
} steps[] = {
	[BRM_COMPLAINT_ACK] = { "ack-complaint", "acknowledge", "open",
		"acknowledged" },
	[BRM_COMPLAINT_RESOLVE] = { "resolve-complaint", "resolve",
		"acknowledged", "resolved" },
	[BRM_COMPLAINT_CLOSE] = { "close-complaint", "close", "resolved",
		"closed" },
	[BRM_COMPLAINT_REOPEN] = { "reopen-complaint", "reopen",
		"resolved|closed", "acknowledged" },
};

#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

/* Which stamps each status has: acknowledged, resolved, closed. */
static const struct {
	const char *status;
	unsigned char has[3];
} shapes[] = {
	{ "open", { 0, 0, 0 } },
	{ "acknowledged", { 1, 0, 0 } },
	{ "resolved", { 1, 1, 0 } },
	{ "closed", { 1, 1, 1 } },
};

static const char *const stamp_fields[3] = {
	"acknowledged", "resolved", "closed"
};

const char *brm_complaint_command(enum brm_complaint_step step)
{
	return steps[step].command;
}

const char *brm_complaint_where(enum brm_complaint_step step)
{
	static char where[NSTEPS][64];

	snprintf(where[step], sizeof(where[step]), "status=%s",
	    steps[step].from);
	return where[step];
}

const char *brm_complaint_next(const char *status)
{
	if (!strcmp(status, "open"))
		return "ack-complaint";
	if (!strcmp(status, "acknowledged"))
		return "resolve-complaint";
	if (!strcmp(status, "resolved"))
		return "close-complaint or reopen-complaint";
	if (!strcmp(status, "closed"))
		return "reopen-complaint";
	return "";
}

static const char *status_of(const struct brm_record *r)
{
	const char *s = brm_record_str(r, "status");

	return s ? s : "open";
}

/* A stamp of the lifecycle, in the order they must not go back. */
struct stamp {
	const char *what;		/* "acknowledged" */
	const struct brm_node *node;
	struct brm_datetime t;
};

static int stamp_at(struct stamp *st, const char *what,
    const struct brm_node *n)
{
	if (!n || n->type != BRM_NODE_SCALAR || brm_node_is_null(n) ||
	    brm_datetime_parse(&st->t, n->value, what) < 0) {
		brm_error_clear();
		return 0;
	}
	st->what = what;
	st->node = n;
	return 1;
}

/* received, acknowledged, (reopened[].resolved, reopened[].at)...,
 * resolved, closed: the ones present.  *out is malloc'd. */
static size_t stamps(const struct brm_record *r, struct stamp **out)
{
	struct brm_node *re = brm_record_get(r, "reopened");
	size_t n = 0, i, max = 4 + (re && re->type == BRM_NODE_SEQ ?
	    2 * re->n : 0);
	struct stamp *st = brm_calloc(max, sizeof(*st));

	n += stamp_at(&st[n], "received", brm_record_get(r, "received"));
	n += stamp_at(&st[n], "acknowledged",
	    brm_record_get(r, "acknowledged"));
	for (i = 0; re && re->type == BRM_NODE_SEQ && i < re->n; i++) {
		if (re->items[i]->type != BRM_NODE_MAP)
			continue;
		n += stamp_at(&st[n], "resolved",
		    brm_node_get(re->items[i], "resolved"));
		n += stamp_at(&st[n], "reopened",
		    brm_node_get(re->items[i], "at"));
	}
	n += stamp_at(&st[n], "resolved", brm_record_get(r, "resolved"));
	n += stamp_at(&st[n], "closed", brm_record_get(r, "closed"));
	*out = st;
	return n;
}

static struct brm_node *datetime_node(const struct brm_datetime *t)
{
	char buf[BRM_DATETIME_LEN];

	brm_datetime_format(buf, t);
	return brm_node_new_plain(buf);
}

static int refuse_step(const struct brm_record *r,
    enum brm_complaint_step step, const char *status)
{
	int ret;

	if (!strcmp(status, steps[step].to) && step != BRM_COMPLAINT_REOPEN)
		ret = brm_error_set(BRM_EINVALID, "cannot %s complaint '%s': "
		    "it is already %s", steps[step].verb, r->id, status);
	else
		ret = brm_error_set(BRM_EINVALID, "cannot %s complaint '%s': "
		    "it is %s", steps[step].verb, r->id, status);
	if (*brm_complaint_next(status))
		brm_error_hint(ret, "the next step for a%s %s complaint: %s",
		    status[0] == 'o' || status[0] == 'a' ? "n" : "", status,
		    brm_complaint_next(status));
	return ret;
}

int brm_complaint_apply(struct brm_record *r,
    const struct brm_complaint_change *c)
{
	const char *status = status_of(r);
	char when[BRM_DATETIME_LEN], last[BRM_DATETIME_LEN];
	struct brm_node *entry;
	struct stamp *st = NULL;
	size_t n;
	int ret = 0;

	if ((size_t)c->step >= NSTEPS)
		return brm_error_set(BRM_ERROR, "unknown complaint step");
	if (!brm_word_in(steps[c->step].from, status))
		return refuse_step(r, c->step, status);
	n = stamps(r, &st);
	if (n && brm_datetime_epoch(&c->at) <
	    brm_datetime_epoch(&st[n - 1].t)) {
		brm_datetime_format(when, &c->at);
		brm_datetime_format(last, &st[n - 1].t);
		ret = brm_error_set(BRM_EINVALID, "cannot %s complaint '%s' "
		    "at %s: it was %s later, at %s", steps[c->step].verb,
		    r->id, when, st[n - 1].what, last);
		brm_error_hint(ret, "give a time on or after %s", last);
		goto done;
	}
	switch (c->step) {
	case BRM_COMPLAINT_ACK:
		ret = brm_record_set(r, "acknowledged", datetime_node(&c->at));
		break;
	case BRM_COMPLAINT_RESOLVE:
		if (!c->text || !*c->text) {
			ret = brm_error_set(BRM_EINVALID, "a resolution is "
			    "required to resolve a complaint");
			goto done;
		}
		if ((ret = brm_record_set(r, "resolved",
		    datetime_node(&c->at))) == 0)
			ret = brm_record_set(r, "resolution",
			    brm_node_new_str(c->text));
		break;
	case BRM_COMPLAINT_CLOSE:
		if ((ret = brm_record_set(r, "closed",
		    datetime_node(&c->at))) == 0 && c->satisfied >= 0)
			ret = brm_record_set(r, "satisfied",
			    brm_node_new_plain(c->satisfied ? "true" :
			    "false"));
		break;
	case BRM_COMPLAINT_REOPEN:
		/* the entry keeps the resolution it undoes, so that what
		 * was resolved in a past month stays resolved there */
		entry = brm_node_new_map();
		brm_node_set(entry, "at", datetime_node(&c->at));
		if (c->text && *c->text)
			brm_node_set(entry, "reason",
			    brm_node_new_str(c->text));
		if (brm_record_str(r, "resolved"))
			brm_node_set(entry, "resolved", brm_node_new_plain(
			    brm_record_str(r, "resolved")));
		brm_record_unset(r, "resolved");
		brm_record_unset(r, "closed");
		brm_record_unset(r, "resolution");
		brm_record_unset(r, "satisfied");
		ret = brm_record_append(r, "reopened", entry);
		break;
	}
	if (ret == 0)
		ret = brm_record_set(r, "status",
		    brm_node_new_str(steps[c->step].to));
done:
	free(st);
	return ret;
}

int brm_complaint_response_due(struct brm_datetime *out,
    const struct brm_node *config, const char *severity,
    const struct brm_datetime *received)
{
	struct brm_calendar cal;
	char path[64];
	double hours;
	int ret;

	snprintf(path, sizeof(path), "complaint_response_hours.%s",
	    severity ? severity : "medium");
	if ((hours = brm_config_number(config, path)) < 0)
		hours = brm_config_number(config,
		    "complaint_response_hours.medium");
	if ((ret = brm_calendar_load(&cal, config)) == 0)
		brm_calendar_add_hours(out, &cal, received, hours);
	brm_calendar_release(&cal);
	return ret;
}

static int changed(const struct brm_record *r, const struct brm_node *before,
    const char *field)
{
	const struct brm_node *a = brm_node_get(before, field),
	    *b = brm_record_get(r, field);

	return a && b ? !brm_node_equal(a, b) : a != b;
}

int brm_complaint_derive(struct brm_record *r, const struct brm_node *before,
    const struct brm_node *config)
{
	struct brm_datetime received, due;
	char buf[BRM_DATETIME_LEN];
	int ret;

	if (changed(r, before, "response_due") ||
	    (!changed(r, before, "severity") &&
	    !changed(r, before, "received")))
		return 0;
	if ((ret = brm_datetime_parse(&received, brm_record_str(r,
	    "received"), "received")) < 0 ||
	    (ret = brm_complaint_response_due(&due, config,
	    brm_record_str(r, "severity"), &received)) < 0)
		return ret;
	brm_datetime_format(buf, &due);
	return brm_record_set(r, "response_due", brm_node_new_plain(buf));
}

/* ---- brm check ---- */

static void check_shape(const struct brm_record *r, const char *status,
    struct brm_problems *out)
{
	const struct brm_node *at = brm_record_get(r, "status");
	struct brm_node *re = brm_record_get(r, "reopened");
	size_t i, s;
	int has;

	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
		if (!strcmp(shapes[s].status, status))
			break;
	if (s == sizeof(shapes) / sizeof(shapes[0]))
		return;	/* the schema reports an unknown status */
	for (i = 0; i < 3; i++) {
		has = brm_record_str(r, stamp_fields[i]) != NULL;
		if (has && !shapes[s].has[i])
			brm_problem_add(out, brm_record_get(r,
			    stamp_fields[i]), "'%s' is set but the status is "
			    "'%s'", stamp_fields[i], status);
		else if (!has && shapes[s].has[i])
			brm_problem_add(out, at, "status is '%s' but '%s' is "
			    "not set", status, stamp_fields[i]);
	}
	if (shapes[s].has[1] && !brm_record_str(r, "resolution"))
		brm_problem_add(out, at, "status is '%s' but 'resolution' is "
		    "not set", status);
	if (!shapes[s].has[2] && brm_record_str(r, "satisfied"))
		brm_problem_add(out, brm_record_get(r, "satisfied"),
		    "'satisfied' is set but the status is '%s'", status);
	if (re && re->type == BRM_NODE_SEQ && re->n && !shapes[s].has[0])
		brm_problem_add(out, re, "the complaint was reopened but the "
		    "status is '%s'", status);
}

void brm_complaint_check(const struct brm_record *r,
    struct brm_problems *out)
{
	struct stamp *st = NULL, due;
	size_t n, i;

	check_shape(r, status_of(r), out);
	n = stamps(r, &st);
	for (i = 1; i < n; i++)
		if (brm_datetime_epoch(&st[i].t) <
		    brm_datetime_epoch(&st[i - 1].t))
			brm_problem_add(out, st[i].node, "%s (%s) is before "
			    "%s (%s)", st[i].what, st[i].node->value,
			    st[i - 1].what, st[i - 1].node->value);
	if (n && !strcmp(st[0].what, "received") &&
	    stamp_at(&due, "response_due", brm_record_get(r,
	    "response_due")) && brm_datetime_epoch(&due.t) <
	    brm_datetime_epoch(&st[0].t))
		brm_problem_add(out, due.node, "response_due (%s) is before "
		    "received (%s)", due.node->value, st[0].node->value);
	free(st);
}

/* ---- brm due ---- */

void brm_complaint_due(const struct brm_due_ctx *c,
    const struct brm_record *r, struct brm_due_list *out)
{
	struct brm_datetime received;
	struct stamp due;
	const char *severity = brm_record_str(r, "severity"),
	    *summary = brm_record_str(r, "summary");

	if (strcmp(status_of(r), "open"))
		return;
	if (!stamp_at(&due, "response_due", brm_record_get(r,
	    "response_due"))) {
		/* written by hand without a target: apply the policy */
		if (!stamp_at(&due, "received", brm_record_get(r,
		    "received")))
			return;
		received = due.t;
		if (brm_complaint_response_due(&due.t, c->store ?
		    c->store->config : NULL, severity, &received) < 0) {
			brm_error_clear();
			return;
		}
	}
	if (brm_date_cmp(&due.t.date, &c->horizon) > 0)
		return;
	brm_due_add(out, &due.t.date, "complaint", r->id,
	    brm_record_str(r, "customer"), "acknowledge complaint: %s (%s)",
	    summary ? summary : r->id, severity ? severity : "medium");
	brm_due_set_time(out, &due.t);
}
