/* events/YYYY/MM/evt-*.yaml - past performance: an SLA breach, a major
 * incident. */
#include "core/record.h"
#include "core/schema.h"

static const struct brm_field event[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("customer", REF, REQ, "customer", NULL, NULL,
	    "the customer affected"),
	BRM_FIELD("service", REF, REQ, "service", "service", NULL,
	    "the service concerned (one the customer consumes)"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when it happened"),
	BRM_FIELD("kind", ENUM, REQ,
	    "sla-breach|major-incident|security|other", "kind", NULL, "what happened"),
	BRM_FIELD("summary", STRING, REQ, NULL, "summary", NULL,
	    "what happened, in one line"),
	BRM_FIELD("metric", STRING, 0, NULL, "metric", NULL,
	    "the measure missed: availability, response_hours..."),
	BRM_FIELD("target", NUMBER, 0, NULL, "target", NULL,
	    "the value agreed (with --metric)"),
	BRM_FIELD("actual", NUMBER, 0, NULL, "actual", NULL,
	    "the value reached (with --metric)"),
	BRM_FIELD("impact", TEXT, 0, NULL, "impact", NULL,
	    "what it meant for the customer"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

/* A metric is stated with both values, and values need their metric. */
static void check(const struct brm_record *r, struct brm_problems *out)
{
	static const char *const parts[] = { "metric", "target", "actual" };
	int has[3], n = 0, i;

	for (i = 0; i < 3; i++)
		n += has[i] = brm_record_str(r, parts[i]) != NULL;
	if (n == 0 || n == 3)
		return;
	for (i = 0; i < 3; i++)
		if (!has[i])
			brm_problem_add(out, r->root, "'%s' is missing: "
			    "metric, target and actual go together",
			    parts[i]);
}

const struct brm_kind brm_kind_event = {
	.name = "event",
	.plural = "events",
	.prefix = "evt",
	.date_field = "date",
	.title_field = "summary",
	.fields = event,
	.columns = "id date customer service kind summary",
	.check = check,
};
