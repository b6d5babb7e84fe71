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

	for (i = 0; before && i < before->n; i++)
		if (same_gap(g, &before->v[i]))
			return 1;
	return 0;
}

/* brm_sla_gaps() skips the records it cannot read (those the store
 * added to s->unreadable after the first seen): say so, or a change
 * would look as if it opened no gap when it may have. */
static void warn_left_out(const struct brm_store *s, size_t seen)
{
	size_t i, n = s->n_unreadable - seen;

	if (!n)
		return;
	for (i = seen; i < s->n_unreadable; i++)
		brm_warn_message(s->unreadable[i]);
	brm_warn("%zu record%s could not be read and %s left out of the "
	    "check for contracts looser than customer SLAs; run 'brm check' "
	    "to see what to fix", n, n == 1 ? "" : "s",
	    n == 1 ? "was" : "were");
}

/* Warn of the gaps of r that are not in before (NULL: none) and, with
 * service, are of that service; with contract != -1, of that contract
 * of supplier r. */
static void warn_gaps(struct brm_store *s, const struct brm_record *r,
    const struct brm_sla_gaps *before, const char *service, long contract)
{
	struct brm_sla_gaps gaps = BRM_SLA_GAPS_INIT;
	size_t i, seen = s->n_unreadable;

	brm_sla_gaps(&gaps, s, r);
	for (i = 0; i < gaps.n; i++)
		if ((!service || !strcmp(gaps.v[i].service, service)) &&
		    (contract < 0 || gaps.v[i].contract == (size_t)contract) &&
		    !known(&gaps.v[i], before))
			brm_warn("%s", gaps.v[i].message);
	brm_sla_gaps_release(&gaps);
	brm_error_clear();
	warn_left_out(s, seen);
}

void brm_cli_warn_new_gaps(struct brm_store *s, const struct brm_record *r,
    const struct brm_sla_gaps *before, const char *service)
{
	warn_gaps(s, r, before, service, -1);
}

void brm_cli_warn_contract_gaps(struct brm_store *s,
    const struct brm_record *r, size_t contract)
{
	warn_gaps(s, r, NULL, NULL, (long)contract);
}
