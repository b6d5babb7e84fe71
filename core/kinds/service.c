/* services/<id>.yaml - catalogue entries that customers subscribe to. */
#include "core/schema.h"

static const struct brm_field service[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "service name"),
	BRM_FIELD("description", TEXT, 0, NULL, "description", NULL,
	    "what the service provides"),
	BRM_FIELD("owner", STRING, 0, NULL, "owner", NULL,
	    "who is accountable for it"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_service = {
	.name = "service",
	.plural = "services",
	.title_field = "name",
	.fields = service,
	.columns = "id name owner",
};
