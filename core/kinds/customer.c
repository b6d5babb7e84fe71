/* customers/<id>.yaml - whom we serve and how the relationship stands. */
#include "core/review.h"
#include "core/schema.h"

static const struct brm_field contact[] = {
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "the person's name"),
	BRM_FIELD("role", ENUM, 0,
	    "sponsor|representative|stakeholder|rfc-approver|user",
	    "role", NULL, "what the person is to the relationship"),
	BRM_FIELD("email", EMAIL, 0, NULL, "email", NULL, "e-mail address"),
	BRM_FIELD("phone", STRING, 0, NULL, "phone", NULL, "phone number"),
	BRM_FIELDS_END
};

static const struct brm_field sla[] = {
	BRM_FIELD("availability", PERCENT, 0, NULL, "availability", NULL,
	    "agreed availability in percent"),
	BRM_FIELD("response_hours", NUMBER, 0, "0..100000", "response-hours",
	    NULL, "agreed response time in hours"),
	BRM_FIELD("resolution_hours", NUMBER, 0, "0..100000",
	    "resolution-hours", NULL, "agreed resolution time in hours"),
	BRM_FIELDS_END
};

static const struct brm_field requirement[] = {
	BRM_FIELD("text", STRING, REQ, NULL, NULL, NULL, "the requirement"),
	BRM_FIELD("kano", ENUM, 0, "basic|performance|excitement", "kano",
	    NULL, "Kano class of the requirement"),
	BRM_FIELDS_END
};

static const struct brm_field subscription[] = {
	BRM_FIELD("service", REF, REQ, "service", NULL, NULL,
	    "the service consumed"),
	BRM_FIELD("vital", BOOL, 0, NULL, "vital", NULL,
	    "whether it supports a vital business function"),
	BRM_MAP("sla", 0, sla, "service level targets"),
	BRM_MAP("requirements", LIST, requirement,
	    "customer-specific requirements"),
	BRM_FIELDS_END
};

static const struct brm_field revenue[] = {
	BRM_FIELD("period", STRING, REQ, NULL, NULL, NULL,
	    "the period: 2026, 2026-Q3 or 2026-10"),
	BRM_FIELD("actual", NUMBER, 0, NULL, NULL, NULL, "revenue earned"),
	BRM_FIELD("projected", NUMBER, 0, NULL, NULL, NULL,
	    "revenue expected"),
	BRM_FIELD("currency", STRING, 0, NULL, NULL, NULL,
	    "currency, when not the portfolio's"),
	BRM_FIELDS_END
};

static const struct brm_field review[] = {
	BRM_FIELD("cadence", ENUM, 0, "weekly|monthly|quarterly",
	    "review-cadence", NULL, "how often services are reviewed"),
	BRM_FIELD("next_contract_review", DATE, 0, NULL, "next-review", NULL,
	    "when the contract or agreement is next reviewed"),
	BRM_FIELDS_END
};

static const struct brm_field risk[] = {
	BRM_FIELD("risk", STRING, REQ, NULL, NULL, NULL,
	    "what could harm the relationship"),
	BRM_FIELD("control", STRING, 0, NULL, NULL, NULL,
	    "what we do about it"),
	BRM_FIELDS_END
};

static const struct brm_field customer[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("name", STRING, REQ, NULL, NULL, NULL, "customer name"),
	BRM_FIELD("kind", ENUM, 0, "internal|external", "kind", "external",
	    "a department (internal) or a company (external)"),
	BRM_FIELD("status", ENUM, 0, "prospect|active|former", "status",
	    "active", "where the relationship stands"),
	BRM_FIELD("business", TEXT, 0, NULL, "business", NULL,
	    "what the customer's business does"),
	BRM_FIELD("outcomes", STRING, LIST, NULL, "outcome", NULL,
	    "key business outcomes"),
	BRM_FIELD("representative", STRING, 0, NULL, "representative", NULL,
	    "authorized representative"),
	BRM_MAP("contacts", LIST, contact, "people and their roles"),
	BRM_MAP("services", LIST, subscription, "services consumed"),
	BRM_MAP("revenue", LIST, revenue, "revenue by period"),
	BRM_FIELD("future_services", STRING, LIST, NULL, NULL, NULL,
	    "services planned"),
	BRM_MAP("review", 0, review, "review schedule"),
	BRM_FIELD("change_windows", STRING, LIST, NULL, NULL, NULL,
	    "when changes may be made"),
	BRM_MAP("risks", LIST, risk, "relationship risks and controls"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

const struct brm_kind brm_kind_customer = {
	.name = "customer",
	.plural = "customers",
	.title_field = "name",
	.fields = customer,
	.columns = "id name kind status review.cadence",
	.due = brm_review_due,
};
