/*
 * suppliers/<id>.yaml - who helps us serve customers: how they were
 * selected, what they supply and on which support contracts.
 */
#include <string.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/due.h"
#include "core/error.h"
#include "core/record.h"
#include "core/schema.h"

/* The selection criteria: what we looked at before we chose them. */
static const struct brm_field assessment[] = {
	BRM_FIELD("registered_capital", NUMBER, 0, "0..1000000000000",
	    "registered-capital", NULL,
	    "registered capital, in the portfolio's currency"),
	BRM_FIELD("staff_size", INTEGER, 0, "0..10000000", "staff-size", NULL,
	    "number of staff"),
	BRM_FIELD("staff_qualifications", TEXT, 0, NULL,
	    "staff-qualifications", NULL, "qualifications of the staff"),
	BRM_FIELD("customer_base", TEXT, 0, NULL, "customer-base", NULL,
	    "whom they serve: how many, notable customers"),
	BRM_FIELD("service_certifications", STRING, LIST, NULL,
	    "service-certification", NULL,
	    "service management certifications (ISO/IEC 20000...)"),
	BRM_FIELD("security_certifications", STRING, LIST, NULL,
	    "security-certification", NULL,
	    "security certifications (ISO/IEC 27001...)"),
	BRM_FIELD("process_maturity", ENUM, 0,
	    "initial|managed|defined|quantitative|optimizing",
	    "process-maturity", NULL,
	    "maturity of their processes (the five CMMI levels)"),
	BRM_FIELD("engineer_certifications", STRING, LIST, NULL,
	    "engineer-certification", NULL,
	    "certifications their engineers hold"),
	BRM_FIELD("surge_capacity", BOOL, 0, NULL, "surge-capacity", NULL,
	    "can absorb a load 50% above today's"),
	BRM_FIELD("relationship", ENUM, 0, "competitive|complementary",
	    "relationship", NULL,
	    "whether they compete with us or complement us"),
	BRM_FIELD("reputation", TEXT, 0, NULL, "reputation", NULL,
	    "what the market says about them"),
	BRM_FIELDS_END
};

static const struct brm_field contract[] = {
	BRM_FIELD("service", REF, REQ, "service", NULL, NULL,
	    "the service the contract supports"),
	BRM_FIELD("response_hours", NUMBER, REQ, "0..100000",
	    "response-hours", NULL,
	    "response time the supplier promises, in hours"),
	BRM_FIELD("resolution_hours", NUMBER, REQ, "0..100000",
	    "resolution-hours", NULL,
	    "resolution time the supplier promises, in hours"),
	BRM_FIELD("availability", PERCENT, 0, NULL, "availability", NULL,
	    "availability the supplier promises, in percent"),
	BRM_FIELD("start", DATE, 0, NULL, "start", NULL,
	    "first day of the contract"),
	BRM_FIELD("end", DATE, 0, NULL, "end", NULL,
	    "last day of the contract"),
	BRM_FIELD("review", DATE, 0, NULL, "review", NULL,
	    "when the contract is next reviewed"),
	BRM_FIELDS_END
};

static const struct brm_field supplier[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "supplier name"),
	BRM_FIELD("status", ENUM, 0,
	    "candidate|approved|probation|terminated", "status", "candidate",
	    "where the supplier stands"),
	BRM_FIELD("supplies", REF, LIST, "service", "supplies", NULL,
	    "services the supplier supplies"),
	BRM_MAP("contacts", LIST, brm_party_contact,
	    "people at the supplier"),
	BRM_MAP("assessment", 0, assessment, "the selection assessment"),
	BRM_MAP("contracts", LIST, contract, "support contracts"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

static int node_date(const struct brm_node *item, const char *key,
    struct brm_date *d)
{
	const char *v = brm_node_str(item, key);

	return v && brm_date_parse(d, v, key) == 0 ? 0 : -1;
}

/* A contract cannot end before it starts, nor be reviewed after it
 * ended. */
static void check(const struct brm_record *r, struct brm_problems *out)
{
	struct brm_node *list = brm_record_get(r, "contracts");
	struct brm_date start, end, review;
	const struct brm_node *c;
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		c = list->items[i];
		if (node_date(c, "end", &end) < 0)
			continue;
		if (node_date(c, "start", &start) == 0 &&
		    brm_date_cmp(&end, &start) < 0)
			brm_problem_add(out, brm_node_get(c, "end"),
			    "contracts.%zu: end %s is before start %s", i,
			    brm_node_str(c, "end"), brm_node_str(c, "start"));
		if (node_date(c, "review", &review) == 0 &&
		    brm_date_cmp(&review, &end) > 0)
			brm_problem_add(out, brm_node_get(c, "review"),
			    "contracts.%zu: review %s is after the end %s", i,
			    brm_node_str(c, "review"), brm_node_str(c, "end"));
	}
	brm_error_clear();
}

/* Contract reviews and contract ends up to the horizon, overdue ones
 * included: an ended contract stays on the agenda until it is renewed
 * or removed.  A terminated supplier has nothing due. */
static void due(const struct brm_due_ctx *dc, const struct brm_record *r,
    struct brm_due_list *out)
{
	struct brm_node *list = brm_record_get(r, "contracts");
	const char *status = brm_record_str(r, "status"), *svc;
	const struct brm_node *c;
	struct brm_date d;
	size_t i;

	if (status && !strcmp(status, "terminated"))
		return;
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		c = list->items[i];
		if (!(svc = brm_node_str(c, "service")))
			continue;
		if (node_date(c, "end", &d) == 0 &&
		    brm_date_cmp(&d, &dc->horizon) <= 0)
			brm_due_add(out, &d, "contract", r->id, NULL,
			    "contract of %s for %s %s", brm_record_title(r),
			    svc, brm_date_cmp(&d, &dc->today) < 0 ?
			    "ended" : "ends");
		if (node_date(c, "review", &d) == 0 &&
		    brm_date_cmp(&d, &dc->horizon) <= 0)
			brm_due_add(out, &d, "contract", r->id, NULL,
			    "review the contract of %s for %s",
			    brm_record_title(r), svc);
	}
	brm_error_clear();
}

const struct brm_kind brm_kind_supplier = {
	.name = "supplier",
	.plural = "suppliers",
	.title_field = "name",
	.fields = supplier,
	.columns = "id name status",
	.check = check,
	.due = due,
	.summary = brm_audit_summary,
};
