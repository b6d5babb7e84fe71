/* .brm/config.yaml - portfolio settings. */
#include "core/schema.h"

#define WEEKDAYS "mon|tue|wed|thu|fri|sat|sun"

static const struct brm_field response_hours[] = {
	BRM_FIELD("critical", NUMBER, 0, "0..10000", NULL, "4",
	    "working hours to respond to a critical complaint"),
	BRM_FIELD("high", NUMBER, 0, "0..10000", NULL, "8",
	    "working hours to respond to a high complaint"),
	BRM_FIELD("medium", NUMBER, 0, "0..10000", NULL, "24",
	    "working hours to respond to a medium complaint"),
	BRM_FIELD("low", NUMBER, 0, "0..10000", NULL, "72",
	    "working hours to respond to a low complaint"),
	BRM_FIELDS_END
};

static const struct brm_field due_days[] = {
	BRM_FIELD("service_report", INTEGER, 0, "1..23", NULL, "5",
	    "working day of the next month the service report is due"),
	BRM_FIELD("review_meeting", INTEGER, 0, "1..23", NULL, "10",
	    "working day of the next month the review meeting is due"),
	BRM_FIELDS_END
};

static const struct brm_field config[] = {
	BRM_FIELD("provider", STRING, REQ, NULL, "provider", NULL,
	    "the service provider's name"),
	BRM_FIELD("currency", STRING, 0, NULL, "currency", "EUR",
	    "currency of revenue figures"),
	BRM_FIELD("working_days", ENUM, LIST, WEEKDAYS, NULL, NULL,
	    "days counted as working time"),
	BRM_FIELD("holidays", DATE, LIST, NULL, NULL, NULL,
	    "days not counted as working time"),
	BRM_MAP("complaint_response_hours", 0, response_hours,
	    "complaint response targets by severity"),
	BRM_MAP("report_due_days", 0, due_days,
	    "when periodic communication is due"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_config = {
	.name = "config",
	.plural = "config",
	.fields = config,
};
