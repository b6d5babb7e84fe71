#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/scorecard.h"
#include "formats/json.h"
#include "formats/report.h"

static const char *const month_names[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

void brm_month_name(char *out, size_t n, const struct brm_month *m)
{
	snprintf(out, n, "%s %d", month_names[(m->month - 1) % 12], m->year);
}

void brm_sparkline(char *out, size_t n, const double *v, size_t count)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆",
		"▇", "█" };
	size_t i, len = 0;
	long level;

	out[0] = '\0';
	for (i = 0; i < count && len + 4 < n; i++) {
		if (isnan(v[i])) {
			len += (size_t)snprintf(out + len, n - len, "·");
			continue;
		}
		level = lround((v[i] - 1.0) / 4.0 * 7.0);
		level = level < 0 ? 0 : level > 7 ? 7 : level;
		len += (size_t)snprintf(out + len, n - len, "%s", bars[level]);
	}
}

/* ---- small text helpers ---- */

void brm_built_from(char *out, size_t n, const char *provider,
    const char *commit, const struct brm_as_of *as_of)
{
	snprintf(out, n, "%s%sBuilt from commit %.12s as of %s.",
	    provider ? provider : "", provider ? ". " : "", commit,
	    as_of->label);
}

static const char *str(const struct brm_record *r, const char *field)
{
	const char *v = brm_node_str(r->root, field);

	return v ? v : "";
}

static const char *title(const struct brm_record *r)
{
	const char *t = brm_node_str(r->root, "name");

	return t ? t : r->id;
}

static void fmt_int(char *out, size_t n, int v)
{
	snprintf(out, n, "%d", v);
}

void brm_fmt_decimal(char *out, size_t n, double v, int decimals)
{
	if (isnan(v))
		snprintf(out, n, "–");
	else
		snprintf(out, n, "%.*f", decimals, v);
}

static void fmt_score(char *out, size_t n, double v)
{
	brm_fmt_decimal(out, n, v, 2);
}

static void fmt_change(char *out, size_t n, double now, double before,
    int decimals)
{
	if (isnan(now) || isnan(before))
		snprintf(out, n, "–");
	else if (fabs(now - before) < 0.005)
		snprintf(out, n, "0");
	else
		snprintf(out, n, "%+.*f", decimals, now - before);
}

/* ---- the figures, one table of them ---- */

struct figure {
	const char *label;
	const char *key;	/* JSON name */
	size_t offset;		/* an int in struct brm_figures; or: */
	double (*value)(const struct brm_figures *f);
	int decimals;		/* of value */
};

#define INT_FIGURE(label, name) \
	{ label, #name, offsetof(struct brm_figures, name), NULL, 0 }

static const struct figure figures[] = {
	INT_FIGURE("Meetings", meetings),
	INT_FIGURE("Periodic reviews", periodic_reviews),
	INT_FIGURE("Complaints opened", complaints_opened),
	INT_FIGURE("Complaints resolved", complaints_resolved),
	INT_FIGURE("Complaints open at month end", complaints_open),
	INT_FIGURE("Complaints overdue", complaints_overdue),
	{ "Mean resolution time (hours)", "resolution_hours", 0,
	  brm_figures_resolution_hours, 1 },
	INT_FIGURE("Praise", praise),
	INT_FIGURE("Surveys", surveys),
	{ "Satisfaction (mean score)", "satisfaction", 0,
	  brm_figures_satisfaction, 2 },
	INT_FIGURE("Value-added services", value_adds),
	INT_FIGURE("SLA breaches", sla_breaches),
	INT_FIGURE("Major incidents", major_incidents),
};

#define NFIGURES (sizeof(figures) / sizeof(figures[0]))

static double figure_value(const struct figure *fg,
    const struct brm_figures *f)
{
	if (fg->value)
		return fg->value(f);
	return *(const int *)((const char *)f + fg->offset);
}

static void figure_text(char *out, size_t n, const struct figure *fg,
    const struct brm_figures *f)
{
	if (fg->value)
		brm_fmt_decimal(out, n, fg->value(f), fg->decimals);
	else
		fmt_int(out, n, (int)figure_value(fg, f));
}

static void summary_table(struct brm_doc *d, const struct brm_monthly *r)
{
	char now[32], before[32], a[32], b[32], change[32];
	const char *head[] = { "Figure", now, before, "Change" };
	const char *row[4];
	struct brm_doc_table *t;
	size_t i;

	brm_month_name(now, sizeof(now), &r->month);
	brm_month_name(before, sizeof(before), &r->prev);
	t = brm_doc_table(d, 4, head, "lrrr");
	for (i = 0; i < NFIGURES; i++) {
		figure_text(a, sizeof(a), &figures[i], &r->total);
		figure_text(b, sizeof(b), &figures[i], &r->total_prev);
		fmt_change(change, sizeof(change), figure_value(&figures[i],
		    &r->total), figure_value(&figures[i], &r->total_prev),
		    figures[i].decimals);
		row[0] = figures[i].label;
		row[1] = a;
		row[2] = b;
		row[3] = change;
		brm_doc_row(t, row);
	}
}

static void customer_table(struct brm_doc *d, const struct brm_monthly *r)
{
	const char *head[] = { "Customer", "Meetings", "Periodic review",
		"Complaints opened", "Resolved", "Open", "Overdue", "Praise",
		"Surveys", "Satisfaction", "Change", "Trend (6 months)",
		"SLA breaches" };
	char cells[12][64];
	const char *row[13], *status;
	struct brm_buf name = BRM_BUF_INIT;
	struct brm_doc_table *t;
	size_t i, k;

	if (!r->ncustomers) {
		brm_doc_para(d, "No customers yet.");
		return;
	}
	t = brm_doc_table(d, 13, head, "lrcrrrrrrrrlr");
	for (i = 0; i < r->ncustomers; i++) {
		const struct brm_report_customer *c = &r->customers[i];

		fmt_int(cells[0], 64, c->cur.meetings);
		snprintf(cells[1], 64, "%s", c->review_missing ? "missing" :
		    c->cur.periodic_reviews ? "held" : "–");
		fmt_int(cells[2], 64, c->cur.complaints_opened);
		fmt_int(cells[3], 64, c->cur.complaints_resolved);
		fmt_int(cells[4], 64, c->cur.complaints_open);
		fmt_int(cells[5], 64, c->cur.complaints_overdue);
		fmt_int(cells[6], 64, c->cur.praise);
		fmt_int(cells[7], 64, c->cur.surveys);
		fmt_score(cells[8], 64, brm_figures_satisfaction(&c->cur));
		fmt_change(cells[9], 64, brm_figures_satisfaction(&c->cur),
		    brm_figures_satisfaction(&c->prev), 2);
		brm_sparkline(cells[10], 64, c->trend, BRM_TREND_MONTHS);
		fmt_int(cells[11], 64, c->cur.sla_breaches);
		/* a prospect or former customer is listed for its activity:
		 * say which it is */
		brm_buf_reset(&name);
		brm_buf_puts(&name, title(c->rec));
		status = brm_node_str(c->rec->root, "status");
		if (status && strcmp(status, "active"))
			brm_buf_printf(&name, " (%s)", status);
		row[0] = name.data;
		for (k = 0; k < 12; k++)
			row[k + 1] = cells[k];
		brm_doc_row(t, row);
	}
	brm_buf_release(&name);
}

/* ---- one customer's month ---- */

static void join_list(struct brm_buf *out, const struct brm_node *list,
    const char *sep)
{
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++)
		if (list->items[i]->type == BRM_NODE_SCALAR)
			brm_buf_printf(out, "%s%s", i ? sep : "",
			    list->items[i]->value);
}

static void meeting_items(struct brm_doc *d,
    const struct brm_report_customer *c)
{
	struct brm_buf text = BRM_BUF_INIT;
	const struct brm_node *dec;
	size_t i;

	for (i = 0; i < c->meetings.n; i++) {
		const struct brm_record *m = c->meetings.v[i];

		brm_buf_reset(&text);
		brm_buf_printf(&text, "%s (%s)", str(m, "summary"),
		    str(m, "kind"));
		if ((dec = brm_node_get(m->root, "decisions")) && dec->n) {
			brm_buf_puts(&text, ". Decisions: ");
			join_list(&text, dec, "; ");
		}
		brm_doc_item(d, str(m, "date"), text.data);
	}
	brm_buf_release(&text);
}

static void action_items(struct brm_doc *d,
    const struct brm_report_customer *c)
{
	struct brm_buf text = BRM_BUF_INIT;
	const struct brm_node *a;
	const char *due, *owner;
	size_t i;

	for (i = 0; i < c->nactions; i++) {
		a = brm_node_get(c->actions[i].meeting->root,
		    "actions")->items[c->actions[i].index];
		due = brm_node_str(a, "due");
		owner = brm_node_str(a, "owner");
		brm_buf_reset(&text);
		brm_buf_printf(&text, "%s", brm_node_str(a, "text") ?
		    brm_node_str(a, "text") : "");
		if (owner)
			brm_buf_printf(&text, " — %s", owner);
		if (due)
			brm_buf_printf(&text, ", due %s", due);
		brm_buf_printf(&text, " (meeting %s)", c->actions[i].meeting->id);
		brm_doc_item(d, c->actions[i].overdue ? "Overdue:" : "Open:",
		    text.data);
	}
	brm_buf_release(&text);
}

/* Each complaint as it stood at the end of month m: status, and when
 * resolved by then, when and after how many hours. */
static void complaint_items(struct brm_doc *d,
    const struct brm_report_customer *c, const struct brm_month *m,
    const struct brm_datetime *now)
{
	struct brm_buf text = BRM_BUF_INIT;
	struct brm_complaint_state st;
	char hours[32];
	size_t i;

	for (i = 0; i < c->complaints.n; i++) {
		const struct brm_record *k = c->complaints.v[i];

		brm_complaint_state(&st, k, m, now);
		brm_buf_reset(&text);
		brm_buf_printf(&text, "%s (%s, %s, received %.10s",
		    str(k, "summary"), *str(k, "severity") ? str(k,
		    "severity") : "no severity", st.status,
		    str(k, "received"));
		if (st.overdue)
			brm_buf_printf(&text, ", response overdue since %s",
			    str(k, "response_due"));
		if (!isnan(st.ack_late_hours)) {
			brm_fmt_decimal(hours, sizeof(hours),
			    st.ack_late_hours, 1);
			brm_buf_printf(&text, ", acknowledged %s hours late",
			    hours);
		}
		if (st.resolved) {
			brm_fmt_decimal(hours, sizeof(hours), st.hours, 1);
			brm_buf_printf(&text, ", resolved %.10s after %s "
			    "hours", st.resolved, hours);
		}
		brm_buf_putc(&text, ')');
		/* the resolution text is the current one: only when the
		 * resolution shown is still in force */
		if (st.resolved && *str(k, "resolution") &&
		    !strcmp(st.resolved, str(k, "resolved")))
			brm_buf_printf(&text, ". Resolution: %s",
			    str(k, "resolution"));
		brm_doc_item(d, k->id, text.data);
	}
	brm_buf_release(&text);
}

/* Each record's text field, and when it has the field extra, that
 * formatted with extra_fmt ("(for %s)"), under its date. */
static void dated_items(struct brm_doc *d, const struct brm_recv *v,
    const char *field, const char *extra, const char *extra_fmt)
{
	struct brm_buf text = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < v->n; i++) {
		brm_buf_reset(&text);
		brm_buf_puts(&text, str(v->v[i], field));
		if (*str(v->v[i], extra)) {
			brm_buf_putc(&text, ' ');
			brm_buf_printf(&text, extra_fmt, str(v->v[i], extra));
		}
		brm_doc_item(d, str(v->v[i], "date"), text.data);
	}
	brm_buf_release(&text);
}

/* "Restore took 11 hours (sla-breach on managed-backup:
 * resolution_hours 11, target 8)" */
static void event_items(struct brm_doc *d, const struct brm_recv *v)
{
	struct brm_buf text = BRM_BUF_INIT;
	const struct brm_record *e;
	size_t i;

	for (i = 0; i < v->n; i++) {
		e = v->v[i];
		brm_buf_reset(&text);
		brm_buf_printf(&text, "%s (%s", str(e, "summary"),
		    str(e, "kind"));
		if (*str(e, "service"))
			brm_buf_printf(&text, " on %s", str(e, "service"));
		if (*str(e, "metric"))
			brm_buf_printf(&text, ": %s %s, target %s",
			    str(e, "metric"), str(e, "actual"),
			    str(e, "target"));
		brm_buf_putc(&text, ')');
		brm_doc_item(d, str(e, "date"), text.data);
	}
	brm_buf_release(&text);
}

static void survey_items(struct brm_doc *d, const struct brm_recv *v)
{
	struct brm_buf text = BRM_BUF_INIT;
	size_t i;

	for (i = 0; i < v->n; i++) {
		brm_buf_reset(&text);
		brm_buf_printf(&text, "score %s", str(v->v[i], "score"));
		if (*str(v->v[i], "comment"))
			brm_buf_printf(&text, ": %s", str(v->v[i],
			    "comment"));
		brm_doc_item(d, str(v->v[i], "date"), text.data);
	}
	brm_buf_release(&text);
}

struct section {
	const char *title;
	size_t n;
};

void brm_customer_section(struct brm_doc *d,
    const struct brm_report_customer *c, const struct brm_month *m,
    const struct brm_datetime *now, int level)
{
	const struct section parts[] = {
		{ "Meetings", c->meetings.n },
		{ "Action items", c->nactions },
		{ "Complaints", c->complaints.n },
		{ "Praise", c->praise.n },
		{ "Surveys", c->surveys.n },
		{ "Value-added services", c->value_adds.n },
		{ "Events", c->events.n },
	};
	struct brm_buf none = BRM_BUF_INIT;
	size_t i;

	if (level)
		brm_doc_heading(d, level, title(c->rec));
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i].n) {
			brm_buf_printf(&none, "%s%s", none.len ? ", " : "",
			    parts[i].title);
			continue;
		}
		brm_doc_para_labelled(d, parts[i].title, NULL);
		brm_doc_list_begin(d);
		switch (i) {
		case 0: meeting_items(d, c); break;
		case 1: action_items(d, c); break;
		case 2: complaint_items(d, c, m, now); break;
		case 3: dated_items(d, &c->praise, "text", "about",
		    "(for %s)"); break;
		case 4: survey_items(d, &c->surveys); break;
		case 5: dated_items(d, &c->value_adds, "title",
		    "effort_hours", "(%s hours)"); break;
		default: event_items(d, &c->events);
		}
		brm_doc_list_end(d);
	}
	if (none.len)
		brm_doc_para_labelled(d, "Nothing recorded:", none.data);
	brm_buf_release(&none);
}

/* ---- suppliers ---- */

/* A supplier's name from its id, or the id when it is not found. */
static const char *supplier_name(const struct brm_monthly *r,
    const char *id)
{
	size_t i;

	for (i = 0; id && i < r->suppliers.n; i++)
		if (!strcmp(r->suppliers.v[i]->id, id))
			return title(r->suppliers.v[i]);
	return id ? id : "";
}

static void audit_table(struct brm_doc *d, const struct brm_monthly *r)
{
	const char *head[] = { "Supplier", "Date", "Responsiveness",
		"Problem solving", "Efficiency", "Stability", "Feedback",
		"Cooperation", "Mean", "Audit" };
	const char *row[10];
	struct brm_doc_table *t;
	char mean[32];
	size_t i, k;

	if (!r->audits.n) {
		brm_doc_para(d, "No supplier audits this month.");
		return;
	}
	t = brm_doc_table(d, 10, head, "llrrrrrrrl");
	for (i = 0; i < r->audits.n; i++) {
		row[0] = supplier_name(r, brm_node_str(r->audits.v[i]->root,
		    "supplier"));
		row[1] = str(r->audits.v[i], "date");
		for (k = 0; k < 6; k++)
			row[2 + k] = brm_node_str(r->audits.v[i]->root,
			    brm_score_names[k]);
		fmt_score(mean, sizeof(mean), brm_audit_mean(r->audits.v[i]));
		row[8] = mean;
		row[9] = r->audits.v[i]->id;
		brm_doc_row(t, row);
	}
}

static void join_list(struct brm_buf *out, const struct brm_node *list,
    const char *sep);

static void dispute_table(struct brm_doc *d, const struct brm_monthly *r)
{
	const char *head[] = { "Subject", "Parties", "Customer", "Level",
		"Opened", "Dispute" };
	struct brm_buf parties = BRM_BUF_INIT;
	const struct brm_record *x;
	const char *row[6];
	struct brm_doc_table *t;
	char level[16], opened[16];
	size_t i;

	if (!r->disputes.n) {
		brm_doc_para(d, "No open disputes.");
		return;
	}
	t = brm_doc_table(d, 6, head, "lllrll");
	for (i = 0; i < r->disputes.n; i++) {
		x = r->disputes.v[i];
		brm_buf_reset(&parties);
		join_list(&parties, brm_node_get(x->root, "parties"), ", ");
		row[0] = str(x, "subject");
		row[1] = parties.data;
		row[2] = str(x, "customer");
		/* the level reached by the month's end */
		snprintf(level, sizeof(level), "%d",
		    brm_dispute_level(x, &r->month));
		row[3] = level;
		snprintf(opened, sizeof(opened), "%.10s", str(x, "opened"));
		row[4] = opened;
		row[5] = x->id;
		brm_doc_row(t, row);
	}
	brm_buf_release(&parties);
}

static int has_activity(const struct brm_report_customer *c)
{
	return c->meetings.n || c->nactions || c->complaints.n ||
	    c->praise.n || c->surveys.n || c->value_adds.n || c->events.n;
}

/* The customers with nothing to show in one line, under the table; a
 * section for each of the others. */
static void customer_sections(struct brm_doc *d, const struct brm_monthly *r)
{
	struct brm_buf quiet = BRM_BUF_INIT;
	char month[32], label[64];
	size_t i;

	for (i = 0; i < r->ncustomers; i++)
		if (!has_activity(&r->customers[i]))
			brm_buf_printf(&quiet, "%s%s", quiet.len ? ", " : "",
			    title(r->customers[i].rec));
	if (quiet.len) {
		brm_month_name(month, sizeof(month), &r->month);
		snprintf(label, sizeof(label), "No activity in %s:", month);
		brm_doc_para_labelled(d, label, quiet.data);
	}
	for (i = 0; i < r->ncustomers; i++)
		if (has_activity(&r->customers[i]))
			brm_customer_section(d, &r->customers[i], &r->month,
			    &r->as_of.when, 3);
	brm_buf_release(&quiet);
}

struct brm_doc *brm_monthly_doc(const struct brm_monthly *r)
{
	struct brm_doc *d = brm_doc_new();
	char month[32], line[512];
	size_t i;

	brm_month_name(month, sizeof(month), &r->month);
	snprintf(line, sizeof(line), "Monthly relationship report — %s",
	    month);
	brm_doc_heading(d, 1, line);
	brm_built_from(line, sizeof(line), r->provider, r->commit,
	    &r->as_of);
	brm_doc_para(d, line);

	brm_doc_heading(d, 2, "Attention needed");
	if (!r->nattention)
		brm_doc_para(d, "Nothing needs attention.");
	brm_doc_list_begin(d);
	for (i = 0; i < r->nattention; i++)
		brm_doc_item(d, NULL, r->attention[i].text);
	brm_doc_list_end(d);

	brm_doc_heading(d, 2, "Portfolio summary");
	summary_table(d, r);
	brm_doc_heading(d, 2, "Customers");
	customer_table(d, r);
	customer_sections(d, r);

	brm_doc_heading(d, 2, "Suppliers");
	brm_doc_para_labelled(d, "Audits this month", NULL);
	audit_table(d, r);
	brm_doc_para_labelled(d, "Open disputes", NULL);
	dispute_table(d, r);

	brm_doc_heading(d, 2, "Coming next month");
	if (!r->ncoming)
		brm_doc_para(d, "No reviews or contract renewals next month.");
	brm_doc_list_begin(d);
	for (i = 0; i < r->ncoming; i++)
		brm_doc_item(d, NULL, r->coming[i]);
	brm_doc_list_end(d);
	return d;
}

/* ---- JSON ---- */

json_t *brm_number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

json_t *brm_figures_json(const struct brm_figures *f)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < NFIGURES; i++)
		json_object_set_new(o, figures[i].key, figures[i].value ?
		    brm_number_or_null(figures[i].value(f)) :
		    json_integer((int)figure_value(&figures[i], f)));
	return o;
}

json_t *brm_records_json(const struct brm_recv *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->n; i++)
		json_array_append_new(a, brm_json_from_node(v->v[i]->root));
	return a;
}

json_t *brm_complaints_json(const struct brm_recv *v,
    const struct brm_month *m, const struct brm_datetime *now)
{
	json_t *a = json_array(), *o;
	struct brm_complaint_state st;
	size_t i;

	for (i = 0; i < v->n; i++) {
		brm_complaint_state(&st, v->v[i], m, now);
		o = brm_json_from_node(v->v[i]->root);
		json_object_set_new(o, "month_end_status",
		    json_string(st.status));
		json_object_set_new(o, "resolution_hours",
		    brm_number_or_null(st.hours));
		json_object_set_new(o, "overdue", json_boolean(st.overdue));
		json_object_set_new(o, "acknowledged_late_hours",
		    brm_number_or_null(st.ack_late_hours));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *customer_json(const struct brm_report_customer *c,
    const struct brm_month *m, const struct brm_datetime *now)
{
	json_t *o = brm_figures_json(&c->cur), *trend = json_array(), *acts;
	size_t k;

	json_object_set_new(o, "id", json_string(c->rec->id));
	json_object_set_new(o, "name", json_string(title(c->rec)));
	json_object_set_new(o, "status", json_string(
	    brm_node_str(c->rec->root, "status") ?
	    brm_node_str(c->rec->root, "status") : "active"));
	json_object_set_new(o, "review_missing",
	    json_boolean(c->review_missing));
	for (k = 0; k < BRM_TREND_MONTHS; k++)
		json_array_append_new(trend, brm_number_or_null(c->trend[k]));
	json_object_set_new(o, "satisfaction_trend", trend);
	json_object_set_new(o, "previous", brm_figures_json(&c->prev));
	json_object_set_new(o, "meetings_held", brm_records_json(&c->meetings));
	json_object_set_new(o, "complaints",
	    brm_complaints_json(&c->complaints, m, now));
	json_object_set_new(o, "praise_items", brm_records_json(&c->praise));
	json_object_set_new(o, "survey_items", brm_records_json(&c->surveys));
	json_object_set_new(o, "value_add_items",
	    brm_records_json(&c->value_adds));
	json_object_set_new(o, "events", brm_records_json(&c->events));
	acts = json_array();
	for (k = 0; k < c->nactions; k++) {
		json_t *a = brm_json_from_node(brm_node_get(
		    c->actions[k].meeting->root, "actions")->items[
		    c->actions[k].index]);

		json_object_set_new(a, "meeting",
		    json_string(c->actions[k].meeting->id));
		json_object_set_new(a, "overdue",
		    json_boolean(c->actions[k].overdue));
		json_array_append_new(acts, a);
	}
	json_object_set_new(o, "open_actions", acts);
	return o;
}

json_t *brm_monthly_json(const struct brm_monthly *r)
{
	json_t *o = json_object(), *list;
	char month[8];
	size_t i;

	brm_month_format(month, &r->month);
	json_object_set_new(o, "report", json_string("monthly"));
	json_object_set_new(o, "month", json_string(month));
	json_object_set_new(o, "commit", json_string(r->commit));
	json_object_set_new(o, "as_of", json_string(r->as_of.label));
	json_object_set_new(o, "provider", r->provider ?
	    json_string(r->provider) : json_null());
	json_object_set_new(o, "summary", brm_figures_json(&r->total));
	json_object_set_new(o, "previous", brm_figures_json(&r->total_prev));
	list = json_array();
	for (i = 0; i < r->nattention; i++) {
		json_t *a = json_object();

		json_object_set_new(a, "category",
		    json_string(r->attention[i].category));
		json_object_set_new(a, "id", json_string(r->attention[i].id));
		json_object_set_new(a, "text",
		    json_string(r->attention[i].text));
		json_array_append_new(list, a);
	}
	json_object_set_new(o, "attention", list);
	list = json_array();
	for (i = 0; i < r->ncustomers; i++)
		json_array_append_new(list, customer_json(&r->customers[i],
		    &r->month, &r->as_of.when));
	json_object_set_new(o, "customers", list);
	list = brm_records_json(&r->audits);
	for (i = 0; i < r->audits.n; i++)
		json_object_set_new(json_array_get(list, i), "mean",
		    brm_number_or_null(brm_audit_mean(r->audits.v[i])));
	json_object_set_new(o, "audits", list);
	list = brm_records_json(&r->disputes);
	for (i = 0; i < r->disputes.n; i++)
		json_object_set_new(json_array_get(list, i),
		    "month_end_level", json_integer(brm_dispute_level(
		    r->disputes.v[i], &r->month)));
	json_object_set_new(o, "open_disputes", list);
	list = json_array();
	for (i = 0; i < r->ncoming; i++)
		json_array_append_new(list, json_string(r->coming[i]));
	json_object_set_new(o, "coming_next_month", list);
	return o;
}
