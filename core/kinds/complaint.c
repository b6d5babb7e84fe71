/* complaints/YYYY/MM/cmp-*.yaml - a complaint and its lifecycle; the
 * rules live in core/complaint.c. */
#include "core/complaint.h"
#include "core/schema.h"

static const struct brm_field reopening[] = {
	BRM_FIELD("at", DATETIME, REQ, NULL, NULL, NULL,
	    "when the complaint was reopened"),
	BRM_FIELD("reason", STRING, 0, NULL, NULL, NULL, "why"),
	BRM_FIELD("resolved", DATETIME, AUTO, NULL, NULL, NULL,
	    "when it had been resolved: the resolution the reopening "
	    "undid, kept for the reports of past months"),
	BRM_FIELDS_END
};

static const struct brm_field complaint[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("customer", REF, REQ, "customer", NULL, NULL,
	    "the customer who complained"),
	BRM_FIELD("service", REF, 0, "service", "service", NULL,
	    "the service complained about (one the customer consumes)"),
	BRM_FIELD("received", DATETIME, REQ, NULL, "received", "now",
	    "when the complaint came in"),
	BRM_FIELD("channel", ENUM, 0, "phone|email|web|visit|letter",
	    "channel", NULL, "how it came in"),
	BRM_FIELD("severity", ENUM, 0, "low|medium|high|critical",
	    "severity", "medium", "how serious it is; sets the response "
	    "target"),
	BRM_FIELD("summary", STRING, REQ, NULL, "summary", NULL,
	    "the complaint in one line"),
	BRM_FIELD("description", TEXT, 0, NULL, "description", NULL,
	    "the complaint in full"),
	BRM_FIELD("owner", STRING, 0, NULL, "owner", NULL,
	    "who handles it"),
	BRM_FIELD("status", ENUM, AUTO, "open|acknowledged|resolved|closed",
	    NULL, "open", "where it is in its lifecycle"),
	BRM_FIELD("response_due", DATETIME, AUTO | SETTABLE, NULL, NULL, NULL,
	    "when it must be acknowledged: received plus the severity's "
	    "response hours in working time"),
	BRM_FIELD("acknowledged", DATETIME, AUTO, NULL, NULL, NULL,
	    "when it was acknowledged"),
	BRM_FIELD("resolved", DATETIME, AUTO, NULL, NULL, NULL,
	    "when it was resolved"),
	BRM_FIELD("resolution", TEXT, 0, NULL, NULL, NULL,
	    "what was done about it"),
	BRM_FIELD("closed", DATETIME, AUTO, NULL, NULL, NULL,
	    "when it was closed"),
	BRM_FIELD("satisfied", BOOL, 0, NULL, NULL, NULL,
	    "whether the customer was satisfied with the resolution"),
	BRM_MAP("reopened", AUTO | LIST, reopening,
	    "each time it was reopened"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_complaint = {
	.name = "complaint",
	.plural = "complaints",
	.prefix = "cmp",
	.date_field = "received",
	.title_field = "summary",
	.fields = complaint,
	.columns = "id received customer severity status summary",
	.check = brm_complaint_check,
	.due = brm_complaint_due,
	.derive = brm_complaint_derive,
};
