/*
 * The contacts of suppliers and third parties: one table for both, so
 * that brm add-contact treats them alike.  A customer's contacts differ:
 * their role is one of the relationship's (core/kinds/customer.c).
 */
#include "core/schema.h"

const struct brm_field brm_party_contact[] = {
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "the person's name"),
	BRM_FIELD("role", STRING, 0, NULL, NULL, NULL,
	    "what the person does: account manager, support desk, lead "
	    "auditor"),
	BRM_FIELD("email", EMAIL, 0, NULL, NULL, NULL, "e-mail address"),
	BRM_FIELD("phone", STRING, 0, NULL, NULL, NULL, "phone number"),
	BRM_FIELDS_END
};
