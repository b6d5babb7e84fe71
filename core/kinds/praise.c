/* praise/YYYY/MM/prs-*.yaml - a customer's praise for an engineer or a
 * team, and how it was made known. */
#include "core/schema.h"

static const struct brm_field praise[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("customer", REF, REQ, "customer", NULL, NULL,
	    "the customer who praised"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when the praise came in"),
	BRM_FIELD("from", STRING, 0, NULL, "from", NULL,
	    "who praised (a person at the customer)"),
	BRM_FIELD("about", STRING, 0, NULL, "about", NULL,
	    "whom the praise is for (an engineer or a team)"),
	BRM_FIELD("text", TEXT, REQ, NULL, "text", NULL, "what was said"),
	BRM_FIELD("publicized", ENUM, LIST,
	    "letter|newsletter|sharing-session", "publicized", NULL, "how the praise was made known"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_praise = {
	.name = "praise",
	.plural = "praise",
	.prefix = "prs",
	.date_field = "date",
	.title_field = "about",
	.fields = praise,
	.columns = "id date customer about from",
};
