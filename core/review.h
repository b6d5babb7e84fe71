/*
 * review.h - periodic communication with a customer, for brm due.
 *
 * An active customer's review.cadence calls for a review meeting in every
 * period: each calendar month (monthly), calendar quarter (quarterly) or
 * week, Monday to Sunday (weekly).  The meeting of a month or quarter is
 * due by the report_due_days.review_meeting-th working day of it (10th by
 * default), the weekly one by the week's last working day; the service
 * report on the period before is due by the report_due_days.
 * service_report-th working day (5th), monthly for weekly and monthly
 * cadences, quarterly for quarterly.  Both count as done once a meeting
 * of kind periodic-review or service-review with the customer is logged
 * in the period: the report is what that meeting reviews.  Periods missed
 * before the current one are listed once, by the first of them after
 * the last review held (a year back at most), until a review is held.
 *
 * review.next_contract_review is due on its day, for any customer who is
 * not former.
 */
#ifndef BRM_REVIEW_H
#define BRM_REVIEW_H

#include "due.h"
#include "record.h"

/* 1 when a meeting of this kind is the periodic review the cadence calls
 * for: periodic-review only (issue 5's periodic_reviews figure); a
 * service-review is another kind of meeting.  brm due and the reports
 * both ask this. */
int brm_review_is_review(const char *meeting_kind);

/* The customer kind's due hook. */
void brm_review_due(const struct brm_due_ctx *c,
    const struct brm_record *customer, struct brm_due_list *out);

#endif
