#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "error.h"
#include "id.h"
#include "review.h"
#include "store.h"
#include "validate.h"

/* Far more periods than any --within reaches; a guard only. */
#define MAX_PERIODS 600

/* How far back brm due looks for the last review held: a year, and the
 * week that may start before it. */
#define LOOK_BACK_DAYS 371

struct period {
	struct brm_date start, end;	/* inclusive */
	char label[32];			/* "2026-11", "2026-Q4"... */
};

int brm_review_is_review(const char *meeting_kind)
{
	return meeting_kind && !strcmp(meeting_kind, "periodic-review");
}

static struct brm_date day_add(const struct brm_date *d, long n)
{
	return brm_date_from_days(brm_date_to_days(d) + n);
}

static void month_period(struct period *p, int year, int month)
{
	p->start = (struct brm_date){ year, month, 1 };
	p->end = (struct brm_date){ year, month,
		brm_days_in_month(year, month) };
	snprintf(p->label, sizeof(p->label), "%04d-%02d", year % 10000,
	    month % 100);
}

/* months months after year-month (negative: before). */
static void month_shift(int *year, int *month, int months)
{
	int m = *year * 12 + (*month - 1) + months;

	*year = m / 12;
	*month = m % 12 + 1;
}

static void quarter_period(struct period *p, int year, int quarter)
{
	p->start = (struct brm_date){ year, 3 * quarter - 2, 1 };
	p->end = (struct brm_date){ year, 3 * quarter,
		brm_days_in_month(year, 3 * quarter) };
	snprintf(p->label, sizeof(p->label), "%04d-Q%d", year % 10000,
	    quarter % 10);
}

/* The review meetings held since the earliest period brm due looks at,
 * with every party: worked out once per listing (core/due.h memo). */
struct held {
	char *with;
	struct brm_date date;
};

struct all_reviews {
	struct held *v;
	size_t n;
};

static void all_reviews_free(void *p)
{
	struct all_reviews *a = p;
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n; i++)
		free(a->v[i].with);
	free(a->v);
	free(a);
}

static struct all_reviews *load_all(struct brm_store *s,
    const struct brm_date *since)
{
	struct all_reviews *a = brm_calloc(1, sizeof(*a));
	struct brm_record *m;
	struct brm_date d;
	const char *with, *date;
	char **ids;
	size_t n, i;

	if (!s)
		return a;
	brm_store_ids(s, &brm_kind_meeting, &ids, &n);
	a->v = brm_calloc(n + 1, sizeof(*a->v));
	for (i = 0; i < n; i++) {
		/* a dated id carries its date: older meetings are not read */
		if (brm_id_date(ids[i], &d) == 0 &&
		    brm_date_cmp(&d, since) < 0)
			continue;
		if (brm_store_load(&m, s, &brm_kind_meeting, ids[i]) < 0) {
			brm_error_clear();	/* brm check reports it */
			continue;
		}
		with = brm_record_str(m, "with");
		date = brm_record_str(m, "date");
		if (with && date &&
		    brm_review_is_review(brm_record_str(m, "kind")) &&
		    brm_date_parse(&d, date, "date") == 0) {
			a->v[a->n].with = brm_strdup(with);
			a->v[a->n++].date = d;
		}
		brm_error_clear();
		brm_record_free(m);
	}
	brm_strv_free(ids, n);
	return a;
}

struct reviews {
	struct brm_date *dates;	/* the customer's review meetings */
	size_t n;
};

static void load_from(const struct all_reviews *a, const char *id,
    struct reviews *rv)
{
	size_t i;

	rv->dates = brm_calloc(a->n + 1, sizeof(*rv->dates));
	rv->n = 0;
	for (i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].with, id))
			rv->dates[rv->n++] = a->v[i].date;
}

/* The dates of the review meetings held with customer id. */
static void load_reviews(const struct brm_due_ctx *c, const char *id,
    struct reviews *rv)
{
	static const char key[] = "review meetings";
	struct all_reviews *a = brm_due_memo_get(c, key);
	struct brm_date since, monday;

	if (!a) {
		/* the earliest period looked at: this quarter, or this week */
		since = (struct brm_date){ c->today.year, c->today.month -
		    (c->today.month - 1) % 3, 1 };
		monday = day_add(&c->today, -brm_date_weekday(&c->today));
		if (brm_date_cmp(&monday, &since) < 0)
			since = monday;
		since = day_add(&since, -LOOK_BACK_DAYS);
		a = load_all(c->store, &since);
		if (brm_due_memo_put(c, key, a, all_reviews_free) < 0) {
			load_from(a, id, rv);
			all_reviews_free(a);
			return;
		}
	}
	load_from(a, id, rv);
}

static int reviewed_in(const struct reviews *rv, const struct period *p)
{
	size_t i;

	for (i = 0; i < rv->n; i++)
		if (brm_date_cmp(&rv->dates[i], &p->start) >= 0 &&
		    brm_date_cmp(&rv->dates[i], &p->end) <= 0)
			return 1;
	return 0;
}

struct ctx {
	const struct brm_due_ctx *c;
	const struct brm_record *r;
	struct brm_due_list *out;
	const struct brm_calendar *cal;
	const struct reviews *rv;
	const char *cadence;
	int report_day, review_day;
};

static int within(const struct ctx *x, const struct brm_date *d)
{
	return brm_date_cmp(d, &x->c->horizon) <= 0;
}

/* Service reports: on the month before, or the quarter before. */
static void reports(const struct ctx *x)
{
	int quarterly = !strcmp(x->cadence, "quarterly");
	int year = x->c->today.year, month = x->c->today.month, i, py, pm;
	struct period p, covered;
	struct brm_date due;

	if (quarterly)
		month -= (month - 1) % 3;	/* the quarter's first */
	for (i = 0; i < MAX_PERIODS; i++) {
		due = brm_calendar_nth_working_day(x->cal, year, month,
		    x->report_day);
		if (!within(x, &due))
			break;
		py = year;
		pm = month;
		month_shift(&py, &pm, quarterly ? -3 : -1);
		if (quarterly) {
			quarter_period(&p, year, (month + 2) / 3);
			quarter_period(&covered, py, (pm + 2) / 3);
		} else {
			month_period(&p, year, month);
			month_period(&covered, py, pm);
		}
		if (!reviewed_in(x->rv, &p))
			brm_due_add(x->out, &due, "service-report", x->r->id,
			    x->r->id, "%s service report for %s",
			    quarterly ? "quarterly" : "monthly",
			    covered.label);
		month_shift(&year, &month, quarterly ? 3 : 1);
	}
}

/* The last working day of the week starting monday, else its Sunday. */
static struct brm_date week_due(const struct brm_calendar *cal,
    const struct brm_date *monday)
{
	struct brm_date d;
	int i;

	for (i = 6; i >= 0; i--) {
		d = day_add(monday, i);
		if (brm_calendar_is_working(cal, &d))
			return d;
	}
	return day_add(monday, 6);
}

static void weekly_reviews(const struct ctx *x)
{
	struct brm_date monday = day_add(&x->c->today,
	    -brm_date_weekday(&x->c->today)), due;
	struct period p;
	char day[BRM_DATE_LEN];
	int i;

	for (i = 0; i < MAX_PERIODS; i++, monday = day_add(&monday, 7)) {
		due = week_due(x->cal, &monday);
		if (!within(x, &due))
			break;
		p.start = monday;
		p.end = day_add(&monday, 6);
		if (reviewed_in(x->rv, &p))
			continue;
		brm_date_format(day, &monday);
		brm_due_add(x->out, &due, "review", x->r->id, x->r->id,
		    "weekly review meeting: none logged in the week of %s",
		    day);
	}
}

/* The period of the cadence that holds day. */
static void period_of(const char *cadence, const struct brm_date *day,
    struct period *p)
{
	char monday[BRM_DATE_LEN];

	if (!strcmp(cadence, "quarterly")) {
		quarter_period(p, day->year, (day->month + 2) / 3);
	} else if (!strcmp(cadence, "monthly")) {
		month_period(p, day->year, day->month);
	} else {
		p->start = day_add(day, -brm_date_weekday(day));
		p->end = day_add(&p->start, 6);
		brm_date_format(monday, &p->start);
		snprintf(p->label, sizeof(p->label), "the week of %s", monday);
	}
}

static struct brm_date review_due(const struct ctx *x,
    const struct period *p)
{
	if (!strcmp(x->cadence, "weekly"))
		return week_due(x->cal, &p->start);
	return brm_calendar_nth_working_day(x->cal, p->start.year,
	    p->start.month, x->review_day);
}

/*
 * Reviews missed in earlier periods: those since the last review held (a
 * year back at most), when that is before the current period.  Listed
 * once, by the first period missed, with how long it is overdue; one
 * review held settles them, as the next meeting reviews what came since.
 */
static void missed_reviews(const struct ctx *x)
{
	const struct brm_date *last = NULL;
	struct period now, first;
	struct brm_date due, next, since;
	char day[BRM_DATE_LEN], overdue[48] = "";
	long late;
	size_t i;

	period_of(x->cadence, &x->c->today, &now);
	since = day_add(&now.start, -LOOK_BACK_DAYS);
	for (i = 0; i < x->rv->n; i++)
		if (brm_date_cmp(&x->rv->dates[i], &since) >= 0 &&
		    (!last || brm_date_cmp(&x->rv->dates[i], last) > 0))
			last = &x->rv->dates[i];
	if (!last || brm_date_cmp(last, &now.start) >= 0)
		return;
	period_of(x->cadence, last, &first);
	next = day_add(&first.end, 1);
	period_of(x->cadence, &next, &first);
	if (brm_date_cmp(&first.start, &now.start) >= 0)
		return;
	due = review_due(x, &first);
	late = brm_date_to_days(&x->c->today) - brm_date_to_days(&due);
	/* a review day set past the period's end may not have come yet */
	if (late > 0)
		snprintf(overdue, sizeof(overdue), ", %ld day%s overdue", late,
		    late == 1 ? "" : "s");
	brm_date_format(day, last);
	brm_due_add(x->out, &due, "review", x->r->id, x->r->id,
	    "%s review meeting: none logged since %s; %s the first "
	    "missed%s", x->cadence, day, first.label, overdue);
}

static void reviews(const struct ctx *x)
{
	int quarterly = !strcmp(x->cadence, "quarterly");
	int year = x->c->today.year, month = x->c->today.month, i;
	struct brm_date due;
	struct period p;

	missed_reviews(x);
	if (!strcmp(x->cadence, "weekly")) {
		weekly_reviews(x);
		return;
	}
	if (quarterly)
		month = month - (month - 1) % 3;
	for (i = 0; i < MAX_PERIODS; i++) {
		due = brm_calendar_nth_working_day(x->cal, year, month,
		    x->review_day);
		if (!within(x, &due))
			break;
		if (quarterly)
			quarter_period(&p, year, (month + 2) / 3);
		else
			month_period(&p, year, month);
		if (!reviewed_in(x->rv, &p))
			brm_due_add(x->out, &due, "review", x->r->id,
			    x->r->id, "%s review meeting: none logged in %s",
			    x->cadence, p.label);
		month_shift(&year, &month, quarterly ? 3 : 1);
	}
}

static void contract_review(const struct brm_due_ctx *c,
    const struct brm_record *r, struct brm_due_list *out)
{
	const char *next = brm_record_str(r, "review.next_contract_review");
	struct brm_date d;

	if (!next || brm_date_parse(&d, next, "next_contract_review") < 0) {
		brm_error_clear();
		return;
	}
	if (brm_date_cmp(&d, &c->horizon) <= 0)
		brm_due_add(out, &d, "contract-review", r->id, r->id,
		    "contract or agreement review");
}

void brm_review_due(const struct brm_due_ctx *c,
    const struct brm_record *customer, struct brm_due_list *out)
{
	const char *status = brm_record_str(customer, "status"),
	    *cadence = brm_record_str(customer, "review.cadence");
	const struct brm_node *config = c->store ? c->store->config : NULL;
	struct brm_calendar cal;
	struct reviews rv = { NULL, 0 };
	struct ctx x;

	if (status && !strcmp(status, "former"))
		return;
	contract_review(c, customer, out);
	if ((status && strcmp(status, "active")) || !cadence ||
	    !brm_word_in("weekly|monthly|quarterly", cadence))
		return;
	if (brm_calendar_load(&cal, config) < 0) {
		brm_error_clear();	/* brm check reports the config */
		brm_calendar_release(&cal);
		return;
	}
	load_reviews(c, customer->id, &rv);
	x.c = c;
	x.r = customer;
	x.out = out;
	x.cal = &cal;
	x.rv = &rv;
	x.cadence = cadence;
	x.report_day = (int)brm_config_number(config,
	    "report_due_days.service_report");
	x.review_day = (int)brm_config_number(config,
	    "report_due_days.review_meeting");
	reports(&x);
	reviews(&x);
	free(rv.dates);
	brm_calendar_release(&cal);
}
