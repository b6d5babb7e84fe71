/* value-adds/YYYY/MM/vas-*.yaml - a value-added service beyond the
 * agreement, with the four checks that decide whether to offer it. */
#include "core/schema.h"

static const struct brm_field checks[] = {
	BRM_FIELD("no_service_impact", BOOL, 0, NULL, "no-service-impact",
	    NULL, "check: it does not affect the agreed services"),
	BRM_FIELD("fits_need", BOOL, 0, NULL, "fits-need", NULL,
	    "check: it fits a need of the customer"),
	BRM_FIELD("cost_acceptable", BOOL, 0, NULL, "cost-acceptable", NULL,
	    "check: its cost is acceptable"),
	BRM_FIELD("extendable", BOOL, 0, NULL, "extendable", NULL,
	    "check: we can extend it to others or keep it up"),
	BRM_FIELDS_END
};

static const struct brm_field value_add[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("customer", REF, REQ, "customer", NULL, NULL,
	    "the customer served"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when it was delivered"),
	BRM_FIELD("title", STRING, REQ, NULL, "title", NULL,
	    "what was done, in one line"),
	BRM_FIELD("description", TEXT, 0, NULL, "description", NULL,
	    "what was done, in full"),
	BRM_FIELD("effort_hours", NUMBER, 0, "0..100000", "effort-hours",
	    NULL, "the effort it took, in hours"),
	BRM_MAP("checks", 0, checks, "the four checks (unset: not assessed)"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_value_add = {
	.name = "value-add",
	.plural = "value-adds",
	.prefix = "vas",
	.date_field = "date",
	.title_field = "title",
	.fields = value_add,
	.columns = "id date customer title effort_hours",
};
