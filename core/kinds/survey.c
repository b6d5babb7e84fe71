/* surveys/YYYY/MM/svy-*.yaml - a satisfaction survey: after a specific
 * complaint or event (case), or a general one (public). */
#include "core/schema.h"

static const struct brm_field dimension[] = {
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL,
	    "what was scored: responsiveness, competence..."),
	BRM_FIELD("score", INTEGER, REQ, "1..5", NULL, NULL,
	    "the score, 1 (poor) to 5 (excellent)"),
	BRM_FIELDS_END
};

static const struct brm_field survey[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("customer", REF, REQ, "customer", NULL, NULL,
	    "the customer surveyed"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when the answers came in"),
	BRM_FIELD("type", ENUM, 0, "case|public", "type", NULL,
	    "after a specific complaint or event (case), or general "
	    "(public); default: case with --about, else public"),
	BRM_FIELD("channel", ENUM, 0, "phone|questionnaire|web|visit",
	    "channel", NULL, "how the survey was taken"),
	BRM_FIELD("about", REF, 0, "complaint|event", "about", NULL,
	    "the complaint or event the survey follows"),
	BRM_FIELD("score", INTEGER, REQ, "1..5", "score", NULL,
	    "overall satisfaction, 1 (poor) to 5 (excellent)"),
	BRM_MAP("dimensions", LIST, dimension,
	    "scores for single aspects"),
	BRM_FIELD("comment", TEXT, 0, NULL, "comment", NULL,
	    "what the respondent said"),
	BRM_FIELD("respondent", STRING, 0, NULL, "respondent", NULL,
	    "who answered"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_survey = {
	.name = "survey",
	.plural = "surveys",
	.prefix = "svy",
	.date_field = "date",
	.fields = survey,
	.columns = "id date customer type score about",
};
