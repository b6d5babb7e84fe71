#include <string.h>

#include "cli/output.h"
#include "cli/sla.h"
#include "core/error.h"

static int same_gap(const struct brm_sla_gap *a, const struct brm_sla_gap *b)
{
	return !strcmp(a->supplier, b->supplier) &&
	    !strcmp(a->customer, b->customer) &&
	    a->contract == b->contract && !strcmp(a->metric, b->metric);
}

static int known(const struct brm_sla_gap *g,
    const struct brm_sla_gaps *before)
{
	size_t i;

	for (i = 0; i < before->n; i++)
		if (same_gap(g, &before->v[i]))
			return 1;
	return 0;
}

void brm_cli_warn_new_gaps(struct brm_store *s, const struct brm_record *r,
    const struct brm_sla_gaps *before, const char *service)
{
	struct brm_sla_gaps gaps = BRM_SLA_GAPS_INIT;
	size_t i;

	brm_sla_gaps(&gaps, s, r);
	for (i = 0; i < gaps.n; i++)
		if ((!service || !strcmp(gaps.v[i].service, service)) &&
		    !known(&gaps.v[i], before))
			brm_warn("%s", gaps.v[i].message);
	brm_sla_gaps_release(&gaps);
	brm_error_clear();
}
