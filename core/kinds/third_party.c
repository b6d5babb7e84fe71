/*
 * third-parties/<id>.yaml - those we work beside: certification bodies,
 * supervisors, auditors, consultants, the customer's other vendors; and
 * what we agreed to share with them (5W1H).
 */
#include "core/schema.h"

/* The information-sharing agreement, as 5W1H. */
static const struct brm_field sharing[] = {
	BRM_FIELD("why", TEXT, 0, NULL, "why", NULL,
	    "why information is shared"),
	BRM_FIELD("what", TEXT, 0, NULL, "what", NULL,
	    "what information is shared"),
	BRM_FIELD("where", TEXT, 0, NULL, "where", NULL,
	    "where it is shared: channel, system, place"),
	BRM_FIELD("when", TEXT, 0, NULL, "when", NULL,
	    "when or how often it is shared"),
	BRM_FIELD("who", TEXT, 0, NULL, "who", NULL,
	    "who shares and who receives it"),
	BRM_FIELD("how", TEXT, 0, NULL, "how", NULL,
	    "how it is shared and protected"),
	BRM_FIELDS_END
};

static const struct brm_field third_party[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "third party's name"),
	BRM_FIELD("role", ENUM, REQ,
	    "certification|supervision|audit|consulting|vendor", "role", NULL,
	    "what the third party is to us"),
	BRM_FIELD("customers", REF, LIST, "customer", "customer", NULL,
	    "customers it works with or for"),
	BRM_MAP("contacts", LIST, brm_party_contact,
	    "people at the third party"),
	BRM_MAP("sharing", 0, sharing,
	    "the information-sharing agreement (5W1H)"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_third_party = {
	.name = "third-party",
	.plural = "third-parties",
	.title_field = "name",
	.fields = third_party,
	.columns = "id name role",
};
