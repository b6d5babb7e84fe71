/*
 * report.h - what the reports say, computed once for every format.
 *
 * The monthly figures are defined here and nowhere else (issue 5):
 *   meetings           meetings with a customer dated in the month
 *   periodic_reviews   those of kind periodic-review
 *   complaints_opened  received in the month
 *   complaints_resolved resolved in the month (once, however often it
 *                      was resolved and reopened in it)
 *   complaints_open    received on or before the month's last day and not
 *                      resolved on or before it (a reopening undoes the
 *                      resolution it names in reopened[].resolved from
 *                      its own time on, so past months keep theirs)
 *   complaints_overdue open at the month's end, its response target
 *                      (response_due) passed and still unacknowledged
 *                      then; while the month is not over as of the
 *                      report's moment, "then" is that moment.  One
 *                      acknowledged late is not overdue: nothing is left
 *                      to do (brm_complaint_state says how late)
 *   praise, surveys, value_adds  dated in the month
 *   satisfaction       the mean survey score of the month, 2 decimals
 *                      (NAN: none); the trend is that of each month
 *   sla_breaches       events of kind sla-breach in the month
 *   major_incidents    events of kind major-incident in the month
 * A timestamp belongs to the month of its date as written (its own UTC
 * offset): only the "YYYY-MM-DD" it starts with is compared.
 *
 * The report's moment ("as of", struct brm_as_of) is the committer time
 * of the commit it is built from, never the clock, so the same commit
 * gives the same bytes: it decides what is overdue in a month not yet
 * over and which months a sheet covers.
 *
 * Records are read through the store, so with brm_store_at() the report
 * comes straight from a commit.  Only the month folders up to the
 * report's month are read, and records that do not concern the month are
 * dropped as soon as they are counted, so memory stays flat however long
 * the history.
 */
#ifndef BRM_REPORT_H
#define BRM_REPORT_H

#include <math.h>
#include <stddef.h>

#include "date.h"
#include "record.h"
#include "store.h"

#define BRM_TREND_MONTHS 6

struct brm_month {
	int year, month;
};

/* The moment a report is as of, and how the report states it. */
struct brm_as_of {
	struct brm_datetime when;
	char label[BRM_DATETIME_LEN];	/* "2026-11-22T10:00:00+01:00" */
};

/*
 * The report's moment: the committer time of the commit s reads from
 * (brm_store_at), or with day ("YYYY-MM-DD", "today", "yesterday") not
 * NULL the end of that day, in the commit's UTC offset.  BRM_EINVALID
 * naming --as-of for a bad day.
 */
int brm_as_of_init(struct brm_as_of *out, const struct brm_store *s,
    const char *day);

struct brm_figures {
	int meetings;
	int periodic_reviews;
	int complaints_opened;
	int complaints_resolved;
	int complaints_open;
	int complaints_overdue;
	int praise;
	int surveys;
	int value_adds;
	int sla_breaches;
	int major_incidents;
	double score_sum;		/* of the month's surveys */
	double resolution_hours;	/* summed over complaints resolved */
};

/* The month's mean survey score, rounded to 2 decimals; NAN if none. */
static inline double brm_figures_satisfaction(const struct brm_figures *f)
{
	return f->surveys ? round(f->score_sum / f->surveys * 100.0) / 100.0 :
	    NAN;
}

/* Mean hours from received to resolved of the month's resolutions,
 * rounded to a tenth; NAN if none. */
static inline double brm_figures_resolution_hours(
    const struct brm_figures *f)
{
	return f->complaints_resolved ? round(f->resolution_hours /
	    f->complaints_resolved * 10.0) / 10.0 : NAN;
}

/* An open action item of a meeting. */
struct brm_action_ref {
	const struct brm_record *meeting;
	size_t index;			/* in the meeting's actions */
	int overdue;			/* due by the month's end, before the
					 * report's day */
};

struct brm_report_customer {
	const struct brm_record *rec;
	struct brm_figures *by_month;	/* the window, oldest first */
	struct brm_figures cur, prev;	/* its last two months */
	double trend[BRM_TREND_MONTHS];	/* oldest first; NAN: no surveys */
	int review_missing;		/* the cadence called for a meeting of
					 * kind periodic-review, none held */
	struct brm_recv meetings, complaints, praise, surveys, value_adds,
	    events;
	struct brm_action_ref *actions;
	size_t nactions;
};

struct brm_attention {
	char *category;		/* "complaint", "review", "action", ... */
	char *id;
	char *text;
};

struct brm_monthly {
	struct brm_month month, prev, next;
	struct brm_month first;		/* the window: first .. month */
	size_t nmonths;
	int month_over;			/* the month ended by as_of */
	struct brm_as_of as_of;
	char commit[41];
	const char *provider;	/* borrowed from the store's config */
	struct brm_figures total, total_prev;
	/* monthly: the active customers and those with anything in the
	 * month (a meeting, complaint received, resolved or open at its
	 * end, praise, survey, value-add or event); sheets: every one */
	struct brm_report_customer *customers;
	size_t ncustomers;
	struct brm_attention *attention;
	size_t nattention;
	struct brm_recv suppliers;	/* every supplier, by id */
	struct brm_recv audits;		/* dated in the month */
	struct brm_recv disputes;	/* open at the month's end */
	char **coming;			/* reviews and renewals next month */
	size_t ncoming;
	struct brm_recv owned;		/* every record kept, to free */
};

/* "2026-10" into m; BRM_EINVALID naming what otherwise. */
int brm_month_parse(struct brm_month *m, const char *s, const char *what);
void brm_month_format(char out[8], const struct brm_month *m);
struct brm_month brm_month_add(struct brm_month m, int delta);

/* Build the monthly report of month m from the store, as of at. */
int brm_report_monthly(struct brm_monthly **out, struct brm_store *s,
    struct brm_month m, const struct brm_as_of *at);

/*
 * The same figures over months months up to the month of at, with the
 * records of the whole window kept, for one customer (the customer
 * sheet) or for every customer, former ones too (customer NULL: the
 * portfolio).  BRM_ENOTFOUND when the customer does not exist.
 */
int brm_report_history(struct brm_monthly **out, struct brm_store *s,
    const struct brm_as_of *at, size_t months, const char *customer);
void brm_monthly_free(struct brm_monthly *r);

/*
 * A complaint as it stood at the end of month m, or at now when that is
 * earlier (a past month keeps what it said even after a later
 * reopening): its status then, and when it was resolved by then, that
 * resolution and the hours from received to it (NAN otherwise); whether
 * it was overdue then (as complaints_overdue counts); and when it was
 * acknowledged by then after its response target, by how many hours
 * (NAN otherwise).  A complaint closed and later reopened shows as
 * resolved: the close time is not kept.
 */
struct brm_complaint_state {
	const char *status;	/* open, acknowledged, resolved, closed */
	const char *resolved;	/* borrowed from the record; or NULL */
	double hours;
	int overdue;
	double ack_late_hours;
};
void brm_complaint_state(struct brm_complaint_state *out,
    const struct brm_record *rec, const struct brm_month *m,
    const struct brm_datetime *now);

/* The level a dispute had reached by the end of month m (its levels[]
 * history; the current level when there is none). */
int brm_dispute_level(const struct brm_record *rec,
    const struct brm_month *m);


#endif
