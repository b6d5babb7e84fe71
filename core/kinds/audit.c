/*
 * audits/YYYY/MM/aud-*.yaml - a periodic supplier audit: six scores
 * from 1 (poor) to 5 (excellent), findings and actions.
 */
#include "core/schema.h"

static const struct brm_field audit[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when the audit was held"),
	BRM_FIELD("supplier", REF, REQ, "supplier", NULL, NULL,
	    "the supplier audited"),
	BRM_FIELD("period", STRING, 0, NULL, "period", NULL,
	    "the period audited: 2026, 2026-Q3 or 2026-10"),
	/* the scores: every INTEGER field of range 1..5 (core/audit.c) */
	BRM_FIELD("responsiveness", INTEGER, REQ, "1..5", "responsiveness",
	    NULL, "how quickly the supplier responds, 1 (poor) to 5"),
	BRM_FIELD("problem_solving", INTEGER, REQ, "1..5", "problem-solving",
	    NULL, "problem-solving ability, 1 (poor) to 5"),
	BRM_FIELD("efficiency", INTEGER, REQ, "1..5", "efficiency", NULL,
	    "problem-solving efficiency, 1 (poor) to 5"),
	BRM_FIELD("stability", INTEGER, REQ, "1..5", "stability", NULL,
	    "staff stability, 1 (poor) to 5"),
	BRM_FIELD("feedback", INTEGER, REQ, "1..5", "feedback", NULL,
	    "customer feedback on the supplier, 1 (poor) to 5"),
	BRM_FIELD("cooperation", INTEGER, REQ, "1..5", "cooperation", NULL,
	    "cooperation with us, 1 (poor) to 5"),
	BRM_FIELD("findings", TEXT, LIST, NULL, "finding", NULL,
	    "what the audit found"),
	BRM_FIELD("actions", TEXT, LIST, NULL, "action", NULL,
	    "what is to be done about it"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_audit = {
	.name = "audit",
	.plural = "audits",
	.prefix = "aud",
	.date_field = "date",
	.title_field = "supplier",
	.fields = audit,
	.columns = "id date supplier period",
};
