/*
 * audit.h - a supplier's audits: the average of each audit's scores and
 * how they move from one audit to the next.
 *
 * Read-only: audits are loaded from the store, nothing is printed.  Used
 * by brm show (the supplier kind's summary hook) and available to
 * reports.
 */
#ifndef BRM_AUDIT_H
#define BRM_AUDIT_H

#include <stddef.h>

#include "node.h"
#include "record.h"
#include "store.h"

struct brm_audit_point {
	char *id;
	char date[16];		/* "YYYY-MM-DD" */
	double average;		/* of the scores given; -1 if none */
};

/* 1 when f is one of an audit's six scores (an INTEGER of 1..5). */
int brm_audit_is_score(const struct brm_field *f);
/* The average of the scores in an audit record's tree; -1 if none. */
double brm_audit_average(const struct brm_node *root);

/*
 * The audits of supplier (an exact id), oldest first (by date, then
 * id).  *out is a new array of *n points; free with
 * brm_audit_points_free().  Audits that do not load are skipped and
 * left in s->unreadable (brm_store_load()) for the caller to tell: any
 * of them may be one of supplier's.
 */
int brm_audit_points(struct brm_store *s, const char *supplier,
    struct brm_audit_point **out, size_t *n);
void brm_audit_points_free(struct brm_audit_point *p, size_t n);

/*
 * The supplier kind's summary hook (struct brm_kind.summary): the number
 * of audits, the latest with its scores, the trend of the averages and
 * its direction, as *data = { audit_summary: {...} } and one line of
 * text ("audits: 3, latest aud-... (2026-10-15) average 4.2; trend
 * 3.5 → 3.9 → 4.2 (improving)").
 */
int brm_audit_summary(struct brm_store *s, const struct brm_record *rec,
    struct brm_node **data, char **text);

#endif
