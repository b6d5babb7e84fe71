/*
 * report_sheets.c - the customer sheet, the portfolio overview and the
 * supplier scorecard, as documents and JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scorecard.h"
#include "formats/json.h"
#include "formats/report.h"

static const char *field(const struct brm_node *map, const char *path)
{
	const struct brm_node *n = map;
	char seg[64];
	const char *p = path, *dot;

	while (n && *p) {
		dot = strchr(p, '.');
		snprintf(seg, sizeof(seg), "%.*s", dot ? (int)(dot - p) :
		    (int)strlen(p), p);
		n = brm_node_get(n, seg);
		p = dot ? dot + 1 : p + strlen(p);
	}
	return n && n->type == BRM_NODE_SCALAR ? n->value : NULL;
}

static const char *name_of(const struct brm_record *r)
{
	const char *t = brm_node_str(r->root, "name");

	return t ? t : r->id;
}

static void joined(struct brm_buf *out, const struct brm_node *list)
{
	size_t i;

	brm_buf_reset(out);
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++)
		if (list->items[i]->type == BRM_NODE_SCALAR)
			brm_buf_printf(out, "%s%s", out->len ? "; " : "",
			    list->items[i]->value);
}

static void header(struct brm_doc *d, const char *title, const char *provider,
    const char *commit, const struct brm_as_of *as_of, const char *scope)
{
	char line[512];
	size_t n;

	brm_doc_heading(d, 1, title);
	brm_built_from(line, sizeof(line), provider, commit, as_of);
	n = strlen(line);
	snprintf(line + n, sizeof(line) - n, "%s%s", scope ? " " : "",
	    scope ? scope : "");
	brm_doc_para(d, line);
}

/* ---- the customer sheet ---- */

struct column {
	const char *header;
	const char *path;	/* in each item */
};

/* A table of a list of mappings; one line when the list is empty. */
static void list_table(struct brm_doc *d, const struct brm_node *list,
    const struct column *cols, size_t ncols, const char *none)
{
	const char *head[8], *row[8];
	struct brm_doc_table *t;
	size_t i, k;

	if (!list || list->type != BRM_NODE_SEQ || !list->n) {
		brm_doc_para(d, none);
		return;
	}
	for (k = 0; k < ncols; k++)
		head[k] = cols[k].header;
	t = brm_doc_table(d, ncols, head, NULL);
	for (i = 0; i < list->n; i++) {
		for (k = 0; k < ncols; k++)
			row[k] = field(list->items[i], cols[k].path);
		brm_doc_row(t, row);
	}
}

static void relationship(struct brm_doc *d, const struct brm_record *c)
{
	static const struct column facts[] = {
		{ "Id", "id" }, { "Kind", "kind" }, { "Status", "status" },
		{ "Business", "business" },
		{ "Representative", "representative" },
		{ "Review cadence", "review.cadence" },
		{ "Next contract review", "review.next_contract_review" },
		{ "Notes", "notes" },
	};
	static const char *const lists[][2] = {
		{ "Key business outcomes", "outcomes" },
		{ "Future services", "future_services" },
		{ "Change windows", "change_windows" },
	};
	const char *head[] = { "Field", "Value" }, *row[2];
	struct brm_buf text = BRM_BUF_INIT;
	struct brm_doc_table *t;
	size_t i;

	t = brm_doc_table(d, 2, head, NULL);
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		row[0] = facts[i].header;
		row[1] = field(c->root, facts[i].path);
		if (row[1])
			brm_doc_row(t, row);
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		joined(&text, brm_node_get(c->root, lists[i][1]));
		row[0] = lists[i][0];
		row[1] = text.data;
		if (text.len)
			brm_doc_row(t, row);
	}
	brm_buf_release(&text);
}

static void services(struct brm_doc *d, const struct brm_record *c)
{
	const char *head[] = { "Service", "Vital", "Availability %",
		"Response hours", "Resolution hours", "Requirements" };
	const struct brm_node *list = brm_node_get(c->root, "services"), *rq;
	struct brm_buf reqs = BRM_BUF_INIT;
	const char *row[6], *kano;
	struct brm_doc_table *t;
	size_t i, k;

	if (!list || list->type != BRM_NODE_SEQ || !list->n) {
		brm_doc_para(d, "No services consumed.");
		return;
	}
	t = brm_doc_table(d, 6, head, "lcrrrl");
	for (i = 0; i < list->n; i++) {
		brm_buf_reset(&reqs);
		rq = brm_node_get(list->items[i], "requirements");
		for (k = 0; rq && rq->type == BRM_NODE_SEQ && k < rq->n; k++) {
			kano = brm_node_str(rq->items[k], "kano");
			brm_buf_printf(&reqs, "%s%s%s%s%s", k ? "; " : "",
			    brm_node_str(rq->items[k], "text") ?
			    brm_node_str(rq->items[k], "text") : "",
			    kano ? " (" : "", kano ? kano : "",
			    kano ? ")" : "");
		}
		row[0] = field(list->items[i], "service");
		row[1] = field(list->items[i], "vital") &&
		    !strcmp(field(list->items[i], "vital"), "true") ? "yes" :
		    "no";
		row[2] = field(list->items[i], "sla.availability");
		row[3] = field(list->items[i], "sla.response_hours");
		row[4] = field(list->items[i], "sla.resolution_hours");
		row[5] = reqs.data;
		brm_doc_row(t, row);
	}
	brm_buf_release(&reqs);
}

static void activity_table(struct brm_doc *d, const struct brm_monthly *r,
    const struct brm_report_customer *c)
{
	const char *head[] = { "Month", "Meetings", "Periodic reviews",
		"Complaints opened", "Resolved", "Open", "Overdue", "Praise",
		"Surveys", "Satisfaction", "Value-adds", "SLA breaches" };
	char cells[12][32];
	const char *row[12];
	struct brm_doc_table *t;
	struct brm_month m;
	size_t i, k;

	t = brm_doc_table(d, 12, head, "lrrrrrrrrrrr");
	for (i = 0; i < r->nmonths; i++) {
		const struct brm_figures *f = &c->by_month[i];

		m = brm_month_add(r->first, (int)i);
		brm_month_format(cells[0], &m);
		snprintf(cells[1], 32, "%d", f->meetings);
		snprintf(cells[2], 32, "%d", f->periodic_reviews);
		snprintf(cells[3], 32, "%d", f->complaints_opened);
		snprintf(cells[4], 32, "%d", f->complaints_resolved);
		snprintf(cells[5], 32, "%d", f->complaints_open);
		snprintf(cells[6], 32, "%d", f->complaints_overdue);
		snprintf(cells[7], 32, "%d", f->praise);
		snprintf(cells[8], 32, "%d", f->surveys);
		brm_fmt_decimal(cells[9], 32, brm_figures_satisfaction(f), 2);
		snprintf(cells[10], 32, "%d", f->value_adds);
		snprintf(cells[11], 32, "%d", f->sla_breaches);
		for (k = 0; k < 12; k++)
			row[k] = cells[k];
		brm_doc_row(t, row);
	}
}

struct brm_doc *brm_customer_doc(const struct brm_monthly *r)
{
	static const struct column contacts[] = { { "Name", "name" },
		{ "Role", "role" }, { "E-mail", "email" },
		{ "Phone", "phone" } };
	static const struct column revenue[] = { { "Period", "period" },
		{ "Actual", "actual" }, { "Projected", "projected" },
		{ "Currency", "currency" } };
	static const struct column risks[] = { { "Risk", "risk" },
		{ "Control", "control" } };
	const struct brm_report_customer *c = &r->customers[0];
	struct brm_doc *d = brm_doc_new();
	char title[512], scope[128], from[32], to[32];

	snprintf(title, sizeof(title), "Customer sheet — %s",
	    name_of(c->rec));
	brm_month_name(from, sizeof(from), &r->first);
	brm_month_name(to, sizeof(to), &r->month);
	snprintf(scope, sizeof(scope), "Activity from %s to %s.", from, to);
	header(d, title, r->provider, r->commit, &r->as_of, scope);
	brm_doc_heading(d, 2, "Relationship");
	relationship(d, c->rec);
	brm_doc_heading(d, 2, "Contacts");
	list_table(d, brm_node_get(c->rec->root, "contacts"), contacts, 4,
	    "No contacts recorded.");
	brm_doc_heading(d, 2, "Services and SLAs");
	services(d, c->rec);
	brm_doc_heading(d, 2, "Revenue");
	list_table(d, brm_node_get(c->rec->root, "revenue"), revenue, 4,
	    "No revenue recorded.");
	brm_doc_heading(d, 2, "Risks");
	list_table(d, brm_node_get(c->rec->root, "risks"), risks, 2,
	    "No risks recorded.");
	brm_doc_heading(d, 2, "Activity by month");
	activity_table(d, r, c);
	brm_doc_heading(d, 2, "Activity");
	brm_customer_section(d, c, &r->month, &r->as_of.when, 0);
	return d;
}

json_t *brm_customer_json(const struct brm_monthly *r)
{
	const struct brm_report_customer *c = &r->customers[0];
	json_t *o = json_object(), *months = json_array(), *m;
	char ym[8];
	size_t i;

	json_object_set_new(o, "report", json_string("customer"));
	json_object_set_new(o, "commit", json_string(r->commit));
	json_object_set_new(o, "as_of", json_string(r->as_of.label));
	json_object_set_new(o, "customer", brm_json_from_node(c->rec->root));
	for (i = 0; i < r->nmonths; i++) {
		struct brm_month mo = brm_month_add(r->first, (int)i);

		m = brm_figures_json(&c->by_month[i]);
		brm_month_format(ym, &mo);
		json_object_set_new(m, "month", json_string(ym));
		json_array_append_new(months, m);
	}
	json_object_set_new(o, "months", months);
	json_object_set_new(o, "meetings", brm_records_json(&c->meetings));
	json_object_set_new(o, "complaints",
	    brm_complaints_json(&c->complaints, &r->month,
	    &r->as_of.when));
	json_object_set_new(o, "praise", brm_records_json(&c->praise));
	json_object_set_new(o, "surveys", brm_records_json(&c->surveys));
	json_object_set_new(o, "value_adds",
	    brm_records_json(&c->value_adds));
	json_object_set_new(o, "events", brm_records_json(&c->events));
	return o;
}

/* ---- the portfolio ---- */

/* The latest period that states field (actual or projected). */
static const struct brm_node *latest_revenue(const struct brm_record *c,
    const char *what)
{
	const struct brm_node *list = brm_node_get(c->root, "revenue"),
	    *best = NULL;
	const char *p, *bp;
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		if (!brm_node_str(list->items[i], what) ||
		    !(p = brm_node_str(list->items[i], "period")))
			continue;
		bp = best ? brm_node_str(best, "period") : NULL;
		if (!bp || strcmp(p, bp) >= 0)
			best = list->items[i];
	}
	return best;
}

static void revenue_text(char *out, size_t n, const struct brm_record *c,
    const char *what)
{
	const struct brm_node *r = latest_revenue(c, what);

	if (!r)
		snprintf(out, n, "–");
	else
		snprintf(out, n, "%s (%s)", brm_node_str(r, what),
		    brm_node_str(r, "period"));
}

static void count_services(const struct brm_record *c, int *all, int *vital)
{
	const struct brm_node *list = brm_node_get(c->root, "services");
	const char *v;
	size_t i;

	*all = *vital = 0;
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		(*all)++;
		v = brm_node_str(list->items[i], "vital");
		*vital += v && !strcmp(v, "true");
	}
}

/* The date is before the report's day: the review it names is past and
 * the record not yet updated. */
static int passed(const char *date, const struct brm_as_of *as_of)
{
	char today[BRM_DATE_LEN];

	brm_date_format(today, &as_of->when.date);
	return date && strncmp(date, today, 10) < 0;
}

static double window_satisfaction(const struct brm_monthly *r,
    const struct brm_report_customer *c)
{
	double sum = 0;
	int n = 0;
	size_t i;

	for (i = 0; i < r->nmonths; i++) {
		sum += c->by_month[i].score_sum;
		n += c->by_month[i].surveys;
	}
	return n ? round(sum / n * 100.0) / 100.0 : NAN;
}

struct brm_doc *brm_portfolio_doc(const struct brm_monthly *r,
    const char *currency)
{
	const char *head[] = { "Customer", "Kind", "Status", "Services",
		"Vital", "Revenue actual", "Revenue projected",
		"Satisfaction (3 months)", "Open complaints", "Next review" };
	struct brm_doc *d = brm_doc_new();
	char cells[7][96], title[256], scope[128], from[32], to[32];
	const char *next;
	const char *row[10];
	struct brm_doc_table *t;
	size_t i;
	int all, vital;

	snprintf(title, sizeof(title), "Portfolio%s%s",
	    r->provider ? " — " : "", r->provider ? r->provider : "");
	brm_month_name(from, sizeof(from), &r->first);
	brm_month_name(to, sizeof(to), &r->month);
	snprintf(scope, sizeof(scope), "Satisfaction from %s to %s; revenue "
	    "in %s.", from, to, currency ? currency : "the portfolio's "
	    "currency");
	header(d, title, NULL, r->commit, &r->as_of, scope);
	if (!r->ncustomers) {
		brm_doc_para(d, "No customers yet.");
		return d;
	}
	t = brm_doc_table(d, 10, head, "lllrrrrrrl");
	for (i = 0; i < r->ncustomers; i++) {
		const struct brm_report_customer *c = &r->customers[i];

		count_services(c->rec, &all, &vital);
		snprintf(cells[0], 96, "%d", all);
		snprintf(cells[1], 96, "%d", vital);
		revenue_text(cells[2], 96, c->rec, "actual");
		revenue_text(cells[3], 96, c->rec, "projected");
		brm_fmt_decimal(cells[4], 96, window_satisfaction(r, c), 2);
		snprintf(cells[5], 96, "%d", c->cur.complaints_open);
		row[0] = name_of(c->rec);
		row[1] = field(c->rec->root, "kind");
		row[2] = field(c->rec->root, "status");
		row[3] = cells[0];
		row[4] = cells[1];
		row[5] = cells[2];
		row[6] = cells[3];
		row[7] = cells[4];
		row[8] = cells[5];
		next = field(c->rec->root, "review.next_contract_review");
		snprintf(cells[6], 96, "%s%s", next ? next : "",
		    passed(next, &r->as_of) ? " (passed)" : "");
		row[9] = cells[6];
		brm_doc_row(t, row);
	}
	return d;
}

static json_t *revenue_json(const struct brm_record *c, const char *what)
{
	const struct brm_node *r = latest_revenue(c, what);
	json_t *o;

	if (!r)
		return json_null();
	o = json_object();
	json_object_set_new(o, "period",
	    json_string(brm_node_str(r, "period")));
	json_object_set_new(o, "amount", brm_json_from_node(
	    brm_node_get(r, what)));
	return o;
}

json_t *brm_portfolio_json(const struct brm_monthly *r)
{
	json_t *o = json_object(), *list = json_array(), *row;
	char from[8], to[8];
	size_t i;
	int all, vital;

	brm_month_format(from, &r->first);
	brm_month_format(to, &r->month);
	json_object_set_new(o, "report", json_string("portfolio"));
	json_object_set_new(o, "commit", json_string(r->commit));
	json_object_set_new(o, "as_of", json_string(r->as_of.label));
	json_object_set_new(o, "from", json_string(from));
	json_object_set_new(o, "to", json_string(to));
	for (i = 0; i < r->ncustomers; i++) {
		const struct brm_report_customer *c = &r->customers[i];
		const char *next = field(c->rec->root,
		    "review.next_contract_review");

		row = json_object();
		count_services(c->rec, &all, &vital);
		json_object_set_new(row, "id", json_string(c->rec->id));
		json_object_set_new(row, "name",
		    json_string(name_of(c->rec)));
		json_object_set_new(row, "kind", field(c->rec->root, "kind") ?
		    json_string(field(c->rec->root, "kind")) : json_null());
		json_object_set_new(row, "status",
		    field(c->rec->root, "status") ?
		    json_string(field(c->rec->root, "status")) : json_null());
		json_object_set_new(row, "services", json_integer(all));
		json_object_set_new(row, "vital_services",
		    json_integer(vital));
		json_object_set_new(row, "revenue_actual",
		    revenue_json(c->rec, "actual"));
		json_object_set_new(row, "revenue_projected",
		    revenue_json(c->rec, "projected"));
		json_object_set_new(row, "satisfaction",
		    brm_number_or_null(window_satisfaction(r, c)));
		json_object_set_new(row, "open_complaints",
		    json_integer(c->cur.complaints_open));
		json_object_set_new(row, "next_review", next ?
		    json_string(next) : json_null());
		json_object_set_new(row, "next_review_passed",
		    json_boolean(passed(next, &r->as_of)));
		json_array_append_new(list, row);
	}
	json_object_set_new(o, "customers", list);
	return o;
}

/* ---- the suppliers ---- */

static const char *const score_headers[BRM_SCORES] = { "Responsiveness",
	"Problem solving", "Efficiency", "Stability", "Feedback",
	"Cooperation" };

static void scorecard_table(struct brm_doc *d, const struct brm_scorecard *sc)
{
	const char *head[11] = { "Supplier", "Status", "Audits", "Latest" };
	char cells[BRM_SCORES + 3][64];
	const char *row[11];
	struct brm_doc_table *t;
	size_t i, k;

	if (!sc->n) {
		brm_doc_para(d, "No suppliers yet.");
		return;
	}
	for (k = 0; k < BRM_SCORES; k++)
		head[4 + k] = score_headers[k];
	head[10] = "Trend";
	t = brm_doc_table(d, 11, head, "llrlrrrrrrl");
	for (i = 0; i < sc->n; i++) {
		const struct brm_scorecard_row *s = &sc->rows[i];

		snprintf(cells[0], 64, "%zu", s->audits);
		if (s->audits) {
			brm_fmt_decimal(cells[1], 32, s->latest, 2);
			snprintf(cells[1] + strlen(cells[1]),
			    64 - strlen(cells[1]), " (%s)", s->latest_date);
		} else {
			snprintf(cells[1], 64, "–");
		}
		for (k = 0; k < BRM_SCORES; k++)
			brm_fmt_decimal(cells[2 + k], 64, s->mean[k], 2);
		brm_sparkline(cells[8], 64, s->trend, BRM_SCORE_TREND);
		row[0] = name_of(s->supplier);
		row[1] = field(s->supplier->root, "status");
		row[2] = cells[0];
		row[3] = cells[1];
		for (k = 0; k < BRM_SCORES; k++)
			row[4 + k] = cells[2 + k];
		row[10] = cells[8];
		brm_doc_row(t, row);
	}
}

static void disputes_table(struct brm_doc *d, const struct brm_scorecard *sc)
{
	const char *head[] = { "Dispute", "Subject", "Parties", "Customer",
		"Level", "Opened" };
	struct brm_buf parties = BRM_BUF_INIT;
	char levels[128];
	const char *row[6];
	struct brm_doc_table *t;
	size_t i;

	if (!sc->disputes.n) {
		brm_doc_para(d, "No open disputes.");
		return;
	}
	snprintf(levels, sizeof(levels), "Open by level: 1 initial "
	    "coordination %zu, 2 mediated %zu, 3 formal process %zu, "
	    "4 legal %zu.", sc->by_level[1], sc->by_level[2],
	    sc->by_level[3], sc->by_level[4]);
	brm_doc_para(d, levels);
	t = brm_doc_table(d, 6, head, "llllrl");
	for (i = 0; i < sc->disputes.n; i++) {
		const struct brm_record *x = sc->disputes.v[i];

		joined(&parties, brm_node_get(x->root, "parties"));
		row[0] = x->id;
		row[1] = field(x->root, "subject");
		row[2] = parties.data;
		row[3] = field(x->root, "customer");
		row[4] = field(x->root, "level");
		row[5] = field(x->root, "opened");
		brm_doc_row(t, row);
	}
	brm_buf_release(&parties);
}

struct brm_doc *brm_suppliers_doc(const struct brm_scorecard *sc)
{
	struct brm_doc *d = brm_doc_new();
	size_t i;

	header(d, "Supplier report", sc->provider, sc->commit, &sc->as_of,
	    NULL);
	brm_doc_heading(d, 2, "Scorecard");
	scorecard_table(d, sc);
	brm_doc_heading(d, 2, "Contracts looser than customer SLAs");
	if (!sc->gaps.n)
		brm_doc_para(d, "Every contract backs the customer SLAs.");
	brm_doc_list_begin(d);
	for (i = 0; i < sc->gaps.n; i++)
		brm_doc_item(d, NULL, sc->gaps.v[i].message);
	brm_doc_list_end(d);
	brm_doc_heading(d, 2, "Open disputes");
	disputes_table(d, sc);
	return d;
}

json_t *brm_suppliers_json(const struct brm_scorecard *sc)
{
	json_t *o = json_object(), *list = json_array(), *row, *means, *tr;
	size_t i, k;

	json_object_set_new(o, "report", json_string("suppliers"));
	json_object_set_new(o, "commit", json_string(sc->commit));
	json_object_set_new(o, "as_of", json_string(sc->as_of.label));
	for (i = 0; i < sc->n; i++) {
		const struct brm_scorecard_row *s = &sc->rows[i];

		row = json_object();
		means = json_object();
		tr = json_array();
		json_object_set_new(row, "id", json_string(s->supplier->id));
		json_object_set_new(row, "name",
		    json_string(name_of(s->supplier)));
		json_object_set_new(row, "audits", json_integer(
		    (json_int_t)s->audits));
		json_object_set_new(row, "latest_average",
		    brm_number_or_null(s->latest));
		json_object_set_new(row, "latest_date", s->audits ?
		    json_string(s->latest_date) : json_null());
		for (k = 0; k < BRM_SCORES; k++)
			json_object_set_new(means, brm_score_names[k],
			    brm_number_or_null(s->mean[k]));
		json_object_set_new(row, "mean_scores", means);
		for (k = 0; k < BRM_SCORE_TREND; k++)
			if (!isnan(s->trend[k]))
				json_array_append_new(tr,
				    json_real(s->trend[k]));
		json_object_set_new(row, "trend", tr);
		json_array_append_new(list, row);
	}
	json_object_set_new(o, "suppliers", list);
	list = json_array();
	for (i = 0; i < sc->gaps.n; i++) {
		row = json_object();
		json_object_set_new(row, "supplier",
		    json_string(sc->gaps.v[i].supplier));
		json_object_set_new(row, "service",
		    json_string(sc->gaps.v[i].service));
		json_object_set_new(row, "customer",
		    json_string(sc->gaps.v[i].customer));
		json_object_set_new(row, "metric",
		    json_string(sc->gaps.v[i].metric));
		json_object_set_new(row, "contract",
		    json_string(sc->gaps.v[i].contract_value));
		json_object_set_new(row, "sla",
		    json_string(sc->gaps.v[i].sla_value));
		json_array_append_new(list, row);
	}
	json_object_set_new(o, "looser_contracts", list);
	json_object_set_new(o, "open_disputes",
	    brm_records_json(&sc->disputes));
	return o;
}
