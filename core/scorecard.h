/*
 * scorecard.h - the supplier report: how each supplier scores in its
 * audits, which contracts do not back the customer SLAs, and the
 * disputes still open.
 */
#ifndef BRM_SCORECARD_H
#define BRM_SCORECARD_H

#include <stddef.h>

#include "report.h"
#include "sla.h"
#include "store.h"

#define BRM_SCORES 6
#define BRM_SCORE_TREND 6

/* The six audit scores, in the order reports show them. */
extern const char *const brm_score_names[BRM_SCORES];

struct brm_scorecard_row {
	const struct brm_record *supplier;
	size_t audits;
	/* means are rounded to 2 decimals */
	double mean[BRM_SCORES];	/* over all its audits; NAN: none */
	double latest;			/* the latest audit's mean; NAN */
	char latest_date[16];
	double trend[BRM_SCORE_TREND];	/* last audits' means, oldest
					 * first, NAN-padded in front */
	size_t contracts;
};

struct brm_scorecard {
	char commit[41];
	struct brm_as_of as_of;
	const char *provider;
	struct brm_scorecard_row *rows;
	size_t n;
	struct brm_sla_gaps gaps;	/* of the contracts in force as of */
	struct brm_recv disputes;	/* open, oldest first */
	size_t by_level[5];		/* open disputes per level 1..4 */
	struct brm_recv owned;
};

/* The mean of an audit's scores, 2 decimals; NAN when it has none. */
double brm_audit_mean(const struct brm_record *audit);

int brm_report_suppliers(struct brm_scorecard **out, struct brm_store *s,
    const struct brm_as_of *at);
void brm_scorecard_free(struct brm_scorecard *sc);

#endif
