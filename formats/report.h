/*
 * report.h (formats) - the reports as documents and as JSON.
 *
 * Pure presentation of the models that core/report.c computes: every
 * format reads the same figures, so they cannot disagree.
 */
#ifndef BRM_FORMATS_REPORT_H
#define BRM_FORMATS_REPORT_H

#include <jansson.h>

#include "core/report.h"
#include "formats/markdown.h"

/* "October 2026" */
void brm_month_name(char *out, size_t n, const struct brm_month *m);
/* A Unicode sparkline of scores 1..5 ("▃▅▆▇"), '·' for a month without
 * any. */
void brm_sparkline(char *out, size_t n, const double *v, size_t count);

/* "4.25", or "–" for NAN. */
void brm_fmt_decimal(char *out, size_t n, double v, int decimals);
/* JSON pieces every report shares. */
json_t *brm_number_or_null(double v);
json_t *brm_figures_json(const struct brm_figures *f);
json_t *brm_records_json(const struct brm_recv *v);
/* The complaints, each with its month_end_status, resolution_hours,
 * overdue and acknowledged_late_hours as of the end of month m or now,
 * if earlier (brm_complaint_state). */
json_t *brm_complaints_json(const struct brm_recv *v,
    const struct brm_month *m, const struct brm_datetime *now);
/* "Built from commit 0123456789ab as of <as_of>.", after "<provider>. "
 * when there is one. */
void brm_built_from(char *out, size_t n, const char *provider,
    const char *commit, const struct brm_as_of *as_of);

/* A customer's activity lists as of the end of month m (or now, if
 * earlier); a heading of level (0: none) first. */
void brm_customer_section(struct brm_doc *d,
    const struct brm_report_customer *c, const struct brm_month *m,
    const struct brm_datetime *now, int level);

struct brm_doc *brm_monthly_doc(const struct brm_monthly *r);
json_t *brm_monthly_json(const struct brm_monthly *r);

/* The customer sheet: r from brm_report_history() for one customer. */
struct brm_doc *brm_customer_doc(const struct brm_monthly *r);
json_t *brm_customer_json(const struct brm_monthly *r);

/* One row per customer: r from brm_report_history() over 3 months. */
struct brm_doc *brm_portfolio_doc(const struct brm_monthly *r,
    const char *currency);
json_t *brm_portfolio_json(const struct brm_monthly *r);

struct brm_scorecard;
struct brm_doc *brm_suppliers_doc(const struct brm_scorecard *sc);
json_t *brm_suppliers_json(const struct brm_scorecard *sc);

#endif
