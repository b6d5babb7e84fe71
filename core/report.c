#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "report.h"
#include "review.h"
#include "sla.h"
#include "validate.h"

int brm_month_parse(struct brm_month *m, const char *s, const char *what)
{
	char day[16];
	struct brm_date d;

	if (strlen(s) != 7 || s[4] != '-')
		goto bad;
	snprintf(day, sizeof(day), "%s-01", s);
	if (brm_date_parse(&d, day, what) < 0)
		goto bad;
	m->year = d.year;
	m->month = d.month;
	return 0;
bad:
	return brm_error_set(BRM_EINVALID, "invalid %s '%s' (expected "
	    "YYYY-MM)", what, s);
}

int brm_as_of_init(struct brm_as_of *out, const struct brm_store *s,
    const char *day)
{
	struct brm_date d;

	if (!day) {
		out->when = s->committed;
		brm_datetime_format(out->label, &out->when);
		return 0;
	}
	if (brm_date_parse_user(&d, day, "--as-of") < 0)
		return BRM_EINVALID;
	/* the whole day has happened, wherever the team is: its end in
	 * the commit's offset, so the bytes do not depend on TZ */
	out->when = (struct brm_datetime){ d, 23, 59, 59,
		s->committed.tz_min };
	brm_date_format(out->label, &d);
	return 0;
}

void brm_month_format(char out[8], const struct brm_month *m)
{
	brm_month_text(out, m->year, m->month);
}

struct brm_month brm_month_add(struct brm_month m, int delta)
{
	int idx = m.year * 12 + (m.month - 1) + delta;

	m.year = idx / 12;
	m.month = idx % 12 + 1;
	return m;
}

/* ---- dates as written ---- */

/* The "YYYY-MM-DD" a date or timestamp field starts with, or NULL. */
static const char *day_of(const struct brm_record *r, const char *field)
{
	const char *v = brm_record_str(r, field);

	return v && strlen(v) >= 10 ? v : NULL;
}

static const char *node_day(const struct brm_node *map, const char *field)
{
	const char *v = brm_node_str(map, field);

	return v && strlen(v) >= 10 && !brm_node_is_null(
	    brm_node_get(map, field)) ? v : NULL;
}

static int in_month(const char *day, const struct brm_month *m)
{
	char ym[8];

	if (!day)
		return 0;
	brm_month_format(ym, m);
	return !strncmp(day, ym, 7);
}

/* day <= the last day of m, comparing ISO text */
static int by_end_of(const char *day, const struct brm_month *m)
{
	struct brm_date last = { m->year, m->month,
		brm_days_in_month(m->year, m->month) };
	char end[BRM_DATE_LEN];

	if (!day)
		return 0;
	brm_date_format(end, &last);
	return strncmp(day, end, 10) <= 0;
}

static double hours_between(const char *from, const char *to)
{
	struct brm_datetime a, b;

	if (brm_datetime_parse(&a, from, "a") < 0 ||
	    brm_datetime_parse(&b, to, "b") < 0)
		return 0;
	return (double)(brm_datetime_epoch(&b) - brm_datetime_epoch(&a)) /
	    3600.0;
}

/* a is a later moment than b (their offsets applied); the text decides
 * when either does not parse */
static int later(const char *a, const char *b)
{
	struct brm_datetime x, y;
	long long ex, ey;
	size_t n = strlen(a);

	/* the same offset, written alike: the text orders them */
	if (n == strlen(b) && n >= 19 && !strcmp(a + 19, b + 19))
		return strcmp(a, b) > 0;
	if (brm_datetime_parse(&x, a, "a") < 0 ||
	    brm_datetime_parse(&y, b, "b") < 0) {
		brm_error_clear();
		return strcmp(a, b) > 0;
	}
	ex = brm_datetime_epoch(&x);
	ey = brm_datetime_epoch(&y);
	return ex > ey;
}

static int month_cmp(const struct brm_month *a, const struct brm_month *b)
{
	int x = a->year * 12 + a->month, y = b->year * 12 + b->month;

	return (x > y) - (x < y);
}

/* ---- the report being built ---- */

/* Per-customer counts that only the builder needs. */
struct tally {
	double trend_sum[BRM_TREND_MONTHS];
	int trend_n[BRM_TREND_MONTHS];
	int reviews_month, reviews_quarter;
	int active;		/* anything happened in the month */
};

struct builder {
	struct brm_store *store;
	struct brm_monthly *r;
	const char *only;	/* one customer's report, or NULL */
	struct brm_month keep_from;	/* records from here on are kept */
	char **ids;		/* customer ids, sorted, parallel to r */
	size_t nids;
	struct tally *tally;	/* parallel to r->customers */
	struct brm_month quarter_start;
	struct brm_datetime now;	/* the report's moment: nothing is
					 * overdue before it */
	char today[BRM_DATE_LEN];
};

static struct brm_report_customer *customer(struct builder *b,
    const char *id)
{
	size_t lo = 0, hi = b->r->ncustomers, mid;
	int c;

	if (!id)
		return NULL;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(b->ids[mid], id);
		if (!c)
			return &b->r->customers[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Keep r for the report (freed with it); returns r. */
static struct brm_record *keep(struct builder *b, struct brm_record *r)
{
	brm_recv_push(&b->r->owned, r);
	return r;
}

static void attention(struct builder *b, const char *category,
    const char *id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void attention(struct builder *b, const char *category,
    const char *id, const char *fmt, ...)
{
	struct brm_monthly *r = b->r;
	struct brm_buf text = BRM_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	brm_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	r->attention = brm_realloc(r->attention,
	    (r->nattention + 1) * sizeof(*r->attention));
	r->attention[r->nattention].category = brm_strdup(category);
	r->attention[r->nattention].id = brm_strdup(id);
	r->attention[r->nattention].text = brm_buf_detach(&text);
	r->nattention++;
}

static void coming(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void coming(struct builder *b, const char *fmt, ...)
{
	struct brm_buf text = BRM_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	brm_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	b->r->coming = brm_realloc(b->r->coming,
	    (b->r->ncoming + 1) * sizeof(*b->r->coming));
	b->r->coming[b->r->ncoming++] = brm_buf_detach(&text);
}

/* Call fn for every record of kind filed in the months from first (NULL:
 * the beginning) to last; fn owns the record. */
typedef void (*visit_fn)(struct builder *b, struct brm_record *rec);

static void each_filed(struct builder *b, const struct brm_kind *k,
    const struct brm_month *first, const struct brm_month *last,
    visit_fn fn)
{
	int lo = first ? first->year * 100 + first->month : 0;
	int hi = last->year * 100 + last->month, *months;
	struct brm_record *rec;
	size_t nm, i, j, n;
	char **ids;

	brm_store_months(b->store, k, &months, &nm);
	for (i = 0; i < nm; i++) {
		if (months[i] < lo || months[i] > hi)
			continue;
		brm_store_ids_month(b->store, k, months[i] / 100,
		    months[i] % 100, &ids, &n);
		for (j = 0; j < n; j++) {
			if (brm_store_load(&rec, b->store, k, ids[j]) < 0) {
				brm_error_clear();	/* brm check says why */
				continue;
			}
			fn(b, rec);
		}
		brm_strv_free(ids, n);
	}
	free(months);
}


static struct tally *tally_of(struct builder *b,
    const struct brm_report_customer *c)
{
	return &b->tally[c - b->r->customers];
}

/* Where day falls in the report's window: 0 = its first month; -1 when
 * outside. */
static long slot_of(const struct builder *b, const char *day)
{
	struct brm_month m;
	long k;

	if (!day)
		return -1;
	m.year = atoi(day);
	m.month = atoi(day + 5);
	k = (m.year * 12L + m.month) - (b->r->first.year * 12L +
	    b->r->first.month);
	return k >= 0 && (size_t)k < b->r->nmonths ? k : -1;
}

/* Records of the window's kept part stay for the sections. */
static int kept_slot(const struct builder *b, long slot)
{
	struct brm_month m = brm_month_add(b->r->first, (int)slot);

	return slot >= 0 && month_cmp(&m, &b->keep_from) >= 0;
}

static int last_slot(const struct builder *b, long slot)
{
	return slot == (long)b->r->nmonths - 1;
}

/* ---- meetings ---- */

/* A meeting's party that is not a customer: a supplier's name, or the
 * id as written (a third party). */
static const char *party_name(const struct builder *b, const char *id)
{
	size_t i;

	for (i = 0; id && i < b->r->suppliers.n; i++)
		if (!strcmp(b->r->suppliers.v[i]->id, id))
			return brm_record_title(b->r->suppliers.v[i]);
	return id ? id : "?";
}

static int action_open(const struct brm_node *a)
{
	const char *done = brm_node_str(a, "done");

	return !done || strcmp(done, "true");
}

static void note_actions(struct builder *b, struct brm_record *rec,
    struct brm_report_customer *c, int *kept)
{
	struct brm_node *list = brm_record_get(rec, "actions");
	const char *due, *text;
	size_t i;
	int overdue;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		if (!action_open(list->items[i]))
			continue;
		due = node_day(list->items[i], "due");
		/* past due at the month's end, or today when that is
		 * still to come */
		overdue = due && by_end_of(due, &b->r->month) &&
		    strncmp(due, b->today, 10) < 0;
		text = brm_node_str(list->items[i], "text");
		if (overdue)
			attention(b, "action", rec->id, "Action past due "
			    "since %.10s: %s (%s, meeting %s)", due,
			    text ? text : "", c ? brm_record_title(c->rec) :
			    party_name(b, brm_record_str(rec, "with")),
			    rec->id);
		if (!c)
			continue;
		c->actions = brm_realloc(c->actions, (c->nactions + 1) *
		    sizeof(*c->actions));
		c->actions[c->nactions++] = (struct brm_action_ref){ rec, i,
			overdue };
		*kept = 1;
	}
}

/* day lies in the report month's quarter, up to the month's end */
static int in_quarter(const struct builder *b, const char *day)
{
	char from[8];

	brm_month_format(from, &b->quarter_start);
	return strncmp(day, from, 7) >= 0 && by_end_of(day, &b->r->month);
}

static void on_meeting(struct builder *b, struct brm_record *rec)
{
	const char *day = day_of(rec, "date");
	struct brm_report_customer *c = customer(b,
	    brm_record_str(rec, "with"));
	int periodic = brm_review_is_review(brm_record_str(rec, "kind"));
	int kept = 0;
	long slot = slot_of(b, day);

	if (c && slot >= 0) {
		c->by_month[slot].meetings++;
		c->by_month[slot].periodic_reviews += periodic;
	}
	if (c && kept_slot(b, slot)) {
		brm_recv_push(&c->meetings, rec);
		kept = 1;
	}
	if (c && last_slot(b, slot)) {
		tally_of(b, c)->active = 1;
		tally_of(b, c)->reviews_month += periodic;
	}
	if (c && day && periodic && in_quarter(b, day))
		tally_of(b, c)->reviews_quarter++;
	note_actions(b, rec, c, &kept);
	if (kept)
		keep(b, rec);
	else
		brm_record_free(rec);
}

/* ---- complaints ---- */

/* Resolutions and reopenings of a complaint, as "YYYY-MM-DD..." text. */
struct history {
	const char *received;
	const char *resolved[16];	/* current and undone resolutions */
	size_t nresolved;
	const char *reopened[16];
	size_t nreopened;
};

static void history_of(const struct brm_record *rec, struct history *h)
{
	struct brm_node *re = brm_record_get(rec, "reopened");
	const char *v;
	size_t i;

	memset(h, 0, sizeof(*h));
	h->received = day_of(rec, "received");
	if ((v = day_of(rec, "resolved")))
		h->resolved[h->nresolved++] = v;
	for (i = 0; re && re->type == BRM_NODE_SEQ && i < re->n; i++) {
		if ((v = node_day(re->items[i], "at")) && h->nreopened < 16)
			h->reopened[h->nreopened++] = v;
		/* the resolution a reopening undid, where it was recorded */
		if ((v = node_day(re->items[i], "resolved")) &&
		    h->nresolved < 16)
			h->resolved[h->nresolved++] = v;
	}
}

/* Resolved as of the end of month m: the latest of its resolutions and
 * reopenings on or before that day is a resolution. */
static int resolved_by(const struct history *h, const struct brm_month *m)
{
	const char *last_res = NULL, *last_re = NULL;
	size_t i;

	for (i = 0; i < h->nresolved; i++)
		if (by_end_of(h->resolved[i], m) && (!last_res ||
		    later(h->resolved[i], last_res)))
			last_res = h->resolved[i];
	for (i = 0; i < h->nreopened; i++)
		if (by_end_of(h->reopened[i], m) && (!last_re ||
		    later(h->reopened[i], last_re)))
			last_re = h->reopened[i];
	return last_res && (!last_re || !later(last_re, last_res));
}

/* The latest resolution on or before the end of month m, or NULL. */
static const char *last_resolution(const struct history *h,
    const struct brm_month *m)
{
	const char *last = NULL;
	size_t i;

	for (i = 0; i < h->nresolved; i++)
		if (by_end_of(h->resolved[i], m) && (!last ||
		    later(h->resolved[i], last)))
			last = h->resolved[i];
	return last;
}

static int open_at_end(const struct history *h, const struct brm_month *m)
{
	return h->received && by_end_of(h->received, m) && !resolved_by(h, m);
}

/* t (a timestamp field's text) is on or before the end of month m and
 * not after now */
static int happened_by(const char *t, const struct brm_month *m,
    const struct brm_datetime *now)
{
	struct brm_datetime x;

	if (!t || !by_end_of(t, m))
		return 0;
	if (brm_datetime_parse(&x, t, "time") < 0) {
		brm_error_clear();
		return 1;
	}
	return brm_datetime_epoch(&x) <= brm_datetime_epoch(now);
}

/* Open at the end of month m (or at now, if earlier), its response
 * target passed by then and still unacknowledged.  A complaint
 * acknowledged late is not overdue: nothing is left to do. */
static int overdue_at(const struct brm_record *rec, const struct history *h,
    const struct brm_month *m, const struct brm_datetime *now)
{
	const char *due = day_of(rec, "response_due");
	struct brm_datetime t;

	if (!open_at_end(h, m) || !happened_by(due, m, now))
		return 0;
	/* a target exactly now has not passed yet */
	if (brm_datetime_parse(&t, due, "response_due") == 0 &&
	    brm_datetime_epoch(&t) == brm_datetime_epoch(now))
		return 0;
	brm_error_clear();
	return !happened_by(day_of(rec, "acknowledged"), m, now);
}

static int overdue_at_end(const struct builder *b,
    const struct brm_record *rec, const struct history *h,
    const struct brm_month *m)
{
	return overdue_at(rec, h, m, &b->now);
}

/* A complaint resolved in month m counts once, however often it was
 * resolved and reopened in it, with its last resolution of the month. */
static void count_complaint(const struct builder *b, struct brm_figures *f,
    const struct history *h, const struct brm_record *rec,
    const struct brm_month *m)
{
	const char *last = NULL;
	size_t i;

	f->complaints_opened += in_month(h->received, m);
	for (i = 0; i < h->nresolved; i++)
		if (in_month(h->resolved[i], m) && (!last ||
		    later(h->resolved[i], last)))
			last = h->resolved[i];
	if (last) {
		f->complaints_resolved++;
		if (h->received)
			f->resolution_hours += hours_between(h->received,
			    last);
	}
	f->complaints_open += open_at_end(h, m);
	f->complaints_overdue += overdue_at_end(b, rec, h, m);
}

static int touched_in(const struct history *h, const struct brm_month *m);

/* Count rec in every month of the window; 1 if a kept month touches it. */
static int count_window(struct builder *b, struct brm_report_customer *c,
    const struct history *h, const struct brm_record *rec)
{
	struct brm_month m;
	size_t k;
	int touched = 0;

	for (k = 0; k < b->r->nmonths; k++) {
		m = brm_month_add(b->r->first, (int)k);
		count_complaint(b, &c->by_month[k], h, rec, &m);
		if (kept_slot(b, (long)k) && touched_in(h, &m))
			touched = 1;
	}
	return touched;
}

static int touched_in(const struct history *h, const struct brm_month *m)
{
	size_t i;

	for (i = 0; i < h->nresolved; i++)
		if (in_month(h->resolved[i], m))
			return 1;
	return in_month(h->received, m) || open_at_end(h, m);
}

static int count_kept(const struct builder *b, const struct history *h)
{
	struct brm_month m;
	size_t k;

	for (k = 0; k < b->r->nmonths; k++) {
		m = brm_month_add(b->r->first, (int)k);
		if (kept_slot(b, (long)k) && touched_in(h, &m))
			return 1;
	}
	return 0;
}

static void on_complaint(struct builder *b, struct brm_record *rec)
{
	struct brm_report_customer *c = customer(b,
	    brm_record_str(rec, "customer"));
	const char *summary = brm_record_str(rec, "summary");
	const char *due = brm_record_str(rec, "response_due");
	struct history h;

	history_of(rec, &h);
	if (!c) {
		brm_record_free(rec);
		return;
	}
	if (count_window(b, c, &h, rec) && touched_in(&h, &b->r->month))
		tally_of(b, c)->active = 1;
	if (overdue_at_end(b, rec, &h, &b->r->month))
		attention(b, "complaint", rec->id, "Complaint %s of %s "
		    "(%s) missed its response target %s: %s", rec->id,
		    brm_record_title(c->rec), brm_record_str(rec, "severity") ?
		    brm_record_str(rec, "severity") : "no severity",
		    due ? due : "", summary ? summary : "");
	if (count_kept(b, &h)) {
		brm_recv_push(&c->complaints, rec);
		keep(b, rec);
	} else {
		brm_record_free(rec);
	}
}

/* ---- praise, surveys, value-adds, events ---- */

/* The customer rec is about and the figures of its month in the window
 * (NULL when outside it). */
static struct brm_report_customer *placed(struct builder *b,
    const struct brm_record *rec, struct brm_figures **f, long *slot)
{
	struct brm_report_customer *c = customer(b,
	    brm_record_str(rec, "customer"));

	*slot = slot_of(b, day_of(rec, rec->kind->date_field));
	*f = c && *slot >= 0 ? &c->by_month[*slot] : NULL;
	return c;
}

/* Records of the kept months stay for the customer's section. */
static void settle(struct builder *b, struct brm_report_customer *c,
    struct brm_recv *list, struct brm_record *rec, long slot)
{
	if (c && last_slot(b, slot))
		tally_of(b, c)->active = 1;
	if (c && kept_slot(b, slot))
		brm_recv_push(list, keep(b, rec));
	else
		brm_record_free(rec);
}

static void on_praise(struct builder *b, struct brm_record *rec)
{
	struct brm_figures *f;
	long slot;
	struct brm_report_customer *c = placed(b, rec, &f, &slot);

	if (f)
		f->praise++;
	settle(b, c, c ? &c->praise : NULL, rec, slot);
}

static void on_value_add(struct builder *b, struct brm_record *rec)
{
	struct brm_figures *f;
	long slot;
	struct brm_report_customer *c = placed(b, rec, &f, &slot);

	if (f)
		f->value_adds++;
	settle(b, c, c ? &c->value_adds : NULL, rec, slot);
}

static void on_event(struct builder *b, struct brm_record *rec)
{
	const char *kind = brm_record_str(rec, "kind");
	struct brm_figures *f;
	long slot;
	struct brm_report_customer *c = placed(b, rec, &f, &slot);

	if (f && kind) {
		f->sla_breaches += !strcmp(kind, "sla-breach");
		f->major_incidents += !strcmp(kind, "major-incident");
	}
	settle(b, c, c ? &c->events : NULL, rec, slot);
}

static double score_of(const struct brm_record *rec)
{
	const char *v = brm_record_str(rec, "score");

	return v ? atof(v) : 0;
}

static void on_survey(struct builder *b, struct brm_record *rec)
{
	const char *day = day_of(rec, "date");
	struct brm_figures *f;
	struct tally *t;
	struct brm_month m;
	long slot;
	int k;
	struct brm_report_customer *c = placed(b, rec, &f, &slot);

	if (c && day) {
		t = tally_of(b, c);
		for (k = 0; k < BRM_TREND_MONTHS; k++) {
			m = brm_month_add(b->r->month,
			    k - (BRM_TREND_MONTHS - 1));
			if (in_month(day, &m)) {
				t->trend_sum[k] += score_of(rec);
				t->trend_n[k]++;
			}
		}
	}
	if (f) {
		f->surveys++;
		f->score_sum += score_of(rec);
	}
	settle(b, c, c ? &c->surveys : NULL, rec, slot);
}

/* ---- suppliers ---- */

static void on_audit(struct builder *b, struct brm_record *rec)
{
	if (in_month(day_of(rec, "date"), &b->r->month))
		brm_recv_push(&b->r->audits, keep(b, rec));
	else
		brm_record_free(rec);
}

static void on_dispute(struct builder *b, struct brm_record *rec)
{
	const char *opened = day_of(rec, "opened");
	const char *resolved = day_of(rec, "resolved");

	if (opened && by_end_of(opened, &b->r->month) &&
	    !(resolved && by_end_of(resolved, &b->r->month)))
		brm_recv_push(&b->r->disputes, keep(b, rec));
	else
		brm_record_free(rec);
}

static void contract_dates(struct builder *b, const struct brm_record *sup)
{
	struct brm_node *list = brm_record_get(sup, "contracts");
	const char *review, *end, *service;
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		service = brm_node_str(list->items[i], "service");
		review = node_day(list->items[i], "review");
		end = node_day(list->items[i], "end");
		if (in_month(review, &b->r->next)) {
			coming(b, "Contract review of %s for %s on %.10s",
			    brm_record_title(sup), service ? service : "?",
			    review);
			attention(b, "renewal", sup->id, "Contract review "
			    "of %s for %s next month, on %.10s",
			    brm_record_title(sup), service ? service : "?",
			    review);
		}
		if (in_month(end, &b->r->next)) {
			coming(b, "Contract of %s for %s ends on %.10s",
			    brm_record_title(sup), service ? service : "?",
			    end);
			attention(b, "renewal", sup->id, "Contract of %s "
			    "for %s ends next month, on %.10s",
			    brm_record_title(sup), service ? service : "?",
			    end);
		}
	}
}

/* Every supplier, kept for its name and contracts. */
static void load_suppliers(struct builder *b)
{
	const struct brm_kind *k = brm_kind_lookup("supplier");
	struct brm_record *rec;
	char **ids;
	size_t n, i;

	if (!k)
		return;
	brm_store_ids(b->store, k, &ids, &n);
	for (i = 0; i < n; i++) {
		if (brm_store_load(&rec, b->store, k, ids[i]) < 0) {
			brm_error_clear();
			continue;
		}
		brm_recv_push(&b->r->suppliers, keep(b, rec));
	}
	brm_strv_free(ids, n);
}

static void suppliers(struct builder *b)
{
	size_t i;

	for (i = 0; i < b->r->suppliers.n; i++)
		contract_dates(b, b->r->suppliers.v[i]);
}

static void sla_attention(struct builder *b)
{
	struct brm_sla_gaps gaps = BRM_SLA_GAPS_INIT;
	const struct brm_record **custs;
	struct brm_date day;
	size_t i;

	/* the contracts in force at the month's end (or now, if earlier) */
	day = b->r->month_over ? (struct brm_date){ b->r->month.year,
		b->r->month.month, brm_days_in_month(b->r->month.year,
		b->r->month.month) } : b->now.date;
	custs = brm_calloc(b->r->ncustomers + 1, sizeof(*custs));
	for (i = 0; i < b->r->ncustomers; i++)
		custs[i] = b->r->customers[i].rec;
	brm_sla_gaps_among(&gaps,
	    (const struct brm_record *const *)b->r->suppliers.v,
	    b->r->suppliers.n, custs, b->r->ncustomers, &day);
	for (i = 0; i < gaps.n; i++)
		attention(b, "contract", gaps.v[i].supplier,
		    "Supplier contract looser than a customer SLA: %s",
		    gaps.v[i].message);
	brm_sla_gaps_release(&gaps);
	free(custs);
}

/* ---- customers ---- */

static int load_customers(struct builder *b)
{
	struct brm_monthly *r = b->r;
	struct brm_record *rec;
	size_t n, i;
	int ret;

	if (b->only) {
		b->ids = brm_calloc(1, sizeof(*b->ids));
		b->ids[0] = brm_strdup(b->only);
		b->nids = 1;
	} else if ((ret = brm_store_ids(b->store, &brm_kind_customer,
	    &b->ids, &b->nids)) < 0) {
		return ret;
	}
	n = b->nids;
	r->customers = brm_calloc(n + 1, sizeof(*r->customers));
	b->tally = brm_calloc(n + 1, sizeof(*b->tally));
	for (i = 0; i < n; i++) {
		if ((ret = brm_store_load(&rec, b->store, &brm_kind_customer,
		    b->ids[i])) < 0)
			return ret;
		r->customers[i].rec = keep(b, rec);
		r->customers[i].by_month = brm_calloc(r->nmonths,
		    sizeof(struct brm_figures));
		r->ncustomers = i + 1;	/* freed with r, should one fail */
	}
	r->ncustomers = n;
	return 0;
}

/* The schema's default status is active. */
static int is_active(const struct brm_record *c)
{
	const char *status = brm_record_str(c, "status");

	return !status || !strcmp(status, "active");
}

static const char *cadence_of(const struct brm_record *c)
{
	return is_active(c) ? brm_record_str(c, "review.cadence") : NULL;
}

static void review_attention(struct builder *b,
    struct brm_report_customer *c)
{
	const struct tally *t = tally_of(b, c);
	const char *cadence = cadence_of(c->rec), *next;
	int quarter_end = b->r->month.month % 3 == 0;
	const char *status = brm_record_str(c->rec, "status");

	/* a month not over yet may still get its review */
	if (!b->r->month_over)
		cadence = NULL;
	if (cadence && ((strcmp(cadence, "quarterly") && !t->reviews_month) ||
	    (!strcmp(cadence, "quarterly") && quarter_end &&
	    !t->reviews_quarter))) {
		c->review_missing = 1;
		attention(b, "review", c->rec->id, "%s had no %s review "
		    "meeting", brm_record_title(c->rec), cadence);
	}
	next = day_of(c->rec, "review.next_contract_review");
	if (in_month(next, &b->r->next) && !(status && !strcmp(status,
	    "former"))) {
		coming(b, "Contract review with %s on %.10s",
		    brm_record_title(c->rec), next);
		attention(b, "renewal", c->rec->id, "Contract review with %s "
		    "next month, on %.10s", brm_record_title(c->rec), next);
	}
}

static void finish_customer(struct builder *b, struct brm_report_customer *c)
{
	const struct tally *t = tally_of(b, c);
	int k;

	/* each month's satisfaction, rounded as brm_figures_satisfaction */
	for (k = 0; k < BRM_TREND_MONTHS; k++)
		c->trend[k] = t->trend_n[k] ? round(t->trend_sum[k] /
		    t->trend_n[k] * 100.0) / 100.0 : NAN;
	c->cur = c->by_month[b->r->nmonths - 1];
	c->prev = c->by_month[b->r->nmonths - 2];
	review_attention(b, c);
}

static void add_figures(struct brm_figures *to, const struct brm_figures *f)
{
	to->meetings += f->meetings;
	to->periodic_reviews += f->periodic_reviews;
	to->complaints_opened += f->complaints_opened;
	to->complaints_resolved += f->complaints_resolved;
	to->complaints_open += f->complaints_open;
	to->complaints_overdue += f->complaints_overdue;
	to->praise += f->praise;
	to->surveys += f->surveys;
	to->value_adds += f->value_adds;
	to->sla_breaches += f->sla_breaches;
	to->major_incidents += f->major_incidents;
	to->score_sum += f->score_sum;
	to->resolution_hours += f->resolution_hours;
}

static void customer_release(struct brm_report_customer *c);

/* The monthly report lists the active customers and those with anything
 * in the month; prospects and former customers with nothing leave it
 * (their records stay in r->owned until the report is freed). */
static void drop_quiet_inactive(struct builder *b)
{
	struct brm_monthly *r = b->r;
	size_t i, n = 0;

	for (i = 0; i < r->ncustomers; i++) {
		if (!is_active(r->customers[i].rec) && !b->tally[i].active) {
			customer_release(&r->customers[i]);
			continue;
		}
		r->customers[n++] = r->customers[i];
	}
	r->ncustomers = n;
}

/* The attention list in the order of issue 5: overdue complaints,
 * missing reviews, actions past due, looser contracts, reviews next
 * month; in the order found within each. */
static int attention_rank(const char *category)
{
	static const char *const order[] = { "complaint", "review",
		"action", "contract", "renewal" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(order[i], category))
			return (int)i;
	return (int)i;
}

static void sort_attention(struct brm_monthly *r)
{
	struct brm_attention a;
	size_t i, j;

	/* insertion sort: stable, and the list is short */
	for (i = 1; i < r->nattention; i++) {
		a = r->attention[i];
		for (j = i; j > 0 && attention_rank(
		    r->attention[j - 1].category) > attention_rank(a.category);
		    j--)
			r->attention[j] = r->attention[j - 1];
		r->attention[j] = a;
	}
}

static void visit_all(struct builder *b)
{
	struct brm_month m = b->r->month, from = b->r->first, trend;
	const struct brm_kind *k;

	if ((k = brm_kind_lookup("meeting")))
		each_filed(b, k, NULL, &m, on_meeting);
	if ((k = brm_kind_lookup("complaint")))
		each_filed(b, k, NULL, &m, on_complaint);
	if ((k = brm_kind_lookup("praise")))
		each_filed(b, k, &from, &m, on_praise);
	if ((k = brm_kind_lookup("value-add")))
		each_filed(b, k, &from, &m, on_value_add);
	if ((k = brm_kind_lookup("event")))
		each_filed(b, k, &from, &m, on_event);
	/* the trend's months, or the whole window when it is longer (the
	 * customer sheet's year) */
	trend = brm_month_add(m, -(BRM_TREND_MONTHS - 1));
	if (month_cmp(&trend, &from) < 0)
		from = trend;
	if ((k = brm_kind_lookup("survey")))
		each_filed(b, k, &from, &m, on_survey);
	if ((k = brm_kind_lookup("audit")))
		each_filed(b, k, &m, &m, on_audit);
	if ((k = brm_kind_lookup("dispute")))
		each_filed(b, k, NULL, &m, on_dispute);
}

static int build(struct brm_monthly **out, struct brm_store *s,
    struct brm_month m, size_t months, const char *only,
    const struct brm_as_of *at, int monthly)
{
	struct brm_date end = { m.year, m.month,
		brm_days_in_month(m.year, m.month) };
	struct brm_monthly *r = brm_calloc(1, sizeof(*r));
	struct builder b = { 0 };
	size_t i;
	int ret;

	*out = NULL;
	b.store = s;
	b.r = r;
	b.only = only;
	r->month = m;
	r->nmonths = months < 2 ? 2 : months;
	r->first = brm_month_add(m, -(int)(r->nmonths - 1));
	r->prev = brm_month_add(m, -1);
	r->next = brm_month_add(m, 1);
	b.keep_from = monthly ? m : r->first;
	b.quarter_start = brm_month_add(m, -((m.month - 1) % 3));
	b.now = at->when;
	r->as_of = *at;
	r->month_over = brm_date_cmp(&at->when.date, &end) > 0;
	brm_date_format(b.today, &b.now.date);
	memcpy(r->commit, s->commit, sizeof(r->commit));
	r->provider = brm_node_str(s->config, "provider");
	if ((ret = load_customers(&b)) < 0)
		goto done;
	if (monthly)
		load_suppliers(&b);
	visit_all(&b);
	for (i = 0; i < r->ncustomers; i++) {
		finish_customer(&b, &r->customers[i]);
		add_figures(&r->total, &r->customers[i].cur);
		add_figures(&r->total_prev, &r->customers[i].prev);
	}
	if (monthly) {
		suppliers(&b);
		sla_attention(&b);
		sort_attention(r);
		drop_quiet_inactive(&b);
	}
	*out = r;
	r = NULL;
done:
	brm_strv_free(b.ids, b.nids);
	free(b.tally);
	brm_monthly_free(r);
	return ret;
}

int brm_report_monthly(struct brm_monthly **out, struct brm_store *s,
    struct brm_month m, const struct brm_as_of *at)
{
	return build(out, s, m, 2, NULL, at, 1);
}

int brm_report_history(struct brm_monthly **out, struct brm_store *s,
    const struct brm_as_of *at, size_t months, const char *customer)
{
	struct brm_month m = { at->when.date.year, at->when.date.month };

	return build(out, s, m, months, customer, at, 0);
}

void brm_complaint_state(struct brm_complaint_state *out,
    const struct brm_record *rec, const struct brm_month *m,
    const struct brm_datetime *now)
{
	const char *closed = day_of(rec, "closed");
	const char *ack = day_of(rec, "acknowledged");
	const char *current = day_of(rec, "resolved");
	const char *due = day_of(rec, "response_due");
	struct history h;
	size_t i;
	int reopened = 0;

	history_of(rec, &h);
	out->resolved = NULL;
	out->hours = NAN;
	out->overdue = overdue_at(rec, &h, m, now);
	out->ack_late_hours = NAN;
	if (due && happened_by(ack, m, now) && hours_between(due, ack) > 0)
		out->ack_late_hours = round(hours_between(due, ack) * 10.0) /
		    10.0;
	if (resolved_by(&h, m)) {
		out->resolved = last_resolution(&h, m);
		out->hours = h.received ? round(hours_between(h.received,
		    out->resolved) * 10.0) / 10.0 : NAN;
		/* closed after its current resolution, by the month's end */
		out->status = closed && by_end_of(closed, m) && current &&
		    !strcmp(current, out->resolved) ? "closed" : "resolved";
		return;
	}
	for (i = 0; i < h.nreopened; i++)
		reopened |= by_end_of(h.reopened[i], m);
	/* a reopened complaint goes back to acknowledged */
	out->status = reopened || (ack && by_end_of(ack, m)) ?
	    "acknowledged" : "open";
}

int brm_dispute_level(const struct brm_record *rec,
    const struct brm_month *m)
{
	struct brm_node *levels = brm_record_get(rec, "levels");
	const char *level = brm_record_str(rec, "level"), *v;
	int at = 0;
	size_t i;

	for (i = 0; levels && levels->type == BRM_NODE_SEQ &&
	    i < levels->n; i++)
		if (by_end_of(node_day(levels->items[i], "at"), m) &&
		    (v = brm_node_str(levels->items[i], "level")) &&
		    atoi(v) > at)
			at = atoi(v);
	return at ? at : level ? atoi(level) : 1;
}

static void recv_release(struct brm_recv *v)
{
	free(v->v);
}

static void customer_release(struct brm_report_customer *c)
{
	recv_release(&c->meetings);
	recv_release(&c->complaints);
	recv_release(&c->praise);
	recv_release(&c->surveys);
	recv_release(&c->value_adds);
	recv_release(&c->events);
	free(c->actions);
	free(c->by_month);
}

void brm_monthly_free(struct brm_monthly *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->ncustomers; i++)
		customer_release(&r->customers[i]);
	free(r->customers);
	for (i = 0; i < r->nattention; i++) {
		free(r->attention[i].category);
		free(r->attention[i].id);
		free(r->attention[i].text);
	}
	free(r->attention);
	for (i = 0; i < r->ncoming; i++)
		free(r->coming[i]);
	free(r->coming);
	recv_release(&r->suppliers);
	recv_release(&r->audits);
	recv_release(&r->disputes);
	for (i = 0; i < r->owned.n; i++)
		brm_record_free(r->owned.v[i]);
	recv_release(&r->owned);
	free(r);
}
