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

struct brm_doc *brm_monthly_doc(const struct brm_monthly *r);
json_t *brm_monthly_json(const struct brm_monthly *r);

#endif
