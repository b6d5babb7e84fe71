/*
 * sla.h - a supplier's support contract backs the customer SLAs of the
 * same service, so its terms must be strictly stricter than every one of
 * them: a shorter response time, a shorter resolution time, a higher
 * availability.  Only metrics that both sides state are compared.
 *
 * Not compared: contracts of terminated suppliers, contracts whose end
 * date has passed (brm due lists those), and SLAs of former customers:
 * none of them backs or binds anything any more.
 */
#ifndef BRM_SLA_H
#define BRM_SLA_H

#include <stddef.h>

#include "node.h"
#include "problems.h"
#include "record.h"
#include "store.h"

#define BRM_SLA_RESPONSE	(1u << 0)
#define BRM_SLA_RESOLUTION	(1u << 1)
#define BRM_SLA_AVAILABILITY	(1u << 2)

struct brm_sla_terms {
	double response_hours, resolution_hours, availability;
	unsigned has;		/* BRM_SLA_* bits of the terms stated */
};

/* The terms stated in map (a customer's sla, a contract; NULL: none).
 * A value that is not a number counts as not stated. */
void brm_sla_terms_from(struct brm_sla_terms *out,
    const struct brm_node *map);

/* The metrics, among those both state, in which contract is not
 * strictly stricter than sla: BRM_SLA_* bits, 0 when it backs it. */
unsigned brm_sla_looser(const struct brm_sla_terms *contract,
    const struct brm_sla_terms *sla);

/* The field name of one BRM_SLA_* bit: "response_hours"... */
const char *brm_sla_metric(unsigned bit);

/* One contract term that does not back one customer's SLA. */
struct brm_sla_gap {
	char *supplier, *service, *customer;
	const char *metric;	/* "response_hours", ... */
	char *contract_value;	/* both as written in the files */
	char *sla_value;
	size_t contract;	/* index in the supplier's contracts */
	unsigned line, col;	/* of the contract's value; 0 if built */
	char *message;		/* names all of the above */
};

struct brm_sla_gaps {
	struct brm_sla_gap *v;
	size_t n, alloc;
};

#define BRM_SLA_GAPS_INIT { NULL, 0, 0 }

/*
 * Add to out the gaps between supplier contracts and customer SLAs.
 * With r NULL: every gap in the store.  With r a supplier or a customer:
 * the gaps that involve r as it is in memory (it stands in for the
 * stored record), to warn about a change; other records come from the
 * store.  Records that do not load are skipped, and so left in
 * s->unreadable for the caller to tell of (brm check reports them).
 */
int brm_sla_gaps(struct brm_sla_gaps *out, struct brm_store *s,
    const struct brm_record *r);
/* The same as of day today: contracts ended before it are left out
 * (brm_sla_gaps uses the clock's today; reports their own day). */
int brm_sla_gaps_at(struct brm_sla_gaps *out, struct brm_store *s,
    const struct brm_record *r, const struct brm_date *today);
/* The same among records already loaded (a report's). */
void brm_sla_gaps_among(struct brm_sla_gaps *out,
    const struct brm_record *const *suppliers, size_t nsup,
    const struct brm_record *const *customers, size_t ncust,
    const struct brm_date *today);
void brm_sla_gaps_release(struct brm_sla_gaps *g);

/* brm check's part: every gap between the suppliers and customers
 * given (brm check has read them all already) as an error in the
 * supplier's file, at the contract's value. */
void brm_sla_check_among(const struct brm_record *const *suppliers,
    size_t nsup, const struct brm_record *const *customers, size_t ncust,
    struct brm_problems *out);

#endif
