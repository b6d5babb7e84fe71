#include <string.h>

#include "check.h"
#include "error.h"
#include "id.h"
#include "validate.h"

struct ref_ctx {
	struct brm_store *store;
	struct brm_problems *out;
};

static int ref_exists(struct brm_store *s, const char *kinds,
    const char *id)
{
	const struct brm_kind *const *k;

	for (k = brm_kinds; *k; k++)
		if (brm_word_in(kinds, (*k)->name) &&
		    brm_id_check(*k, id) == 0 && brm_store_exists(s, *k, id))
			return 1;
	return 0;
}

static void check_one(const struct brm_field *f, const struct brm_node *v,
    void *payload)
{
	struct ref_ctx *c = payload;

	if (!ref_exists(c->store, f->arg, v->value))
		brm_problem_add(c->out, v, "%s '%s' does not exist",
		    strchr(f->arg, '|') ? "record" : f->arg, v->value);
}

/* A record about a customer's service (a complaint, an event) names one
 * the customer consumes.  Only a warning: a customer may stop consuming
 * a service that old records are about. */
static void check_subscribed(struct brm_store *s, const struct brm_record *r,
    struct brm_problems *out)
{
	const char *customer = brm_record_str(r, "customer"),
	    *service = brm_record_str(r, "service");
	struct brm_record *c = NULL;
	struct brm_node *subs;
	const char *sid;
	size_t i;

	if (r->kind == &brm_kind_customer || !customer || !service ||
	    !brm_field_find(r->kind->fields, "service") ||
	    brm_id_check(&brm_kind_customer, customer) < 0 ||
	    brm_store_load(&c, s, &brm_kind_customer, customer) < 0) {
		brm_error_clear();
		return;
	}
	subs = brm_record_get(c, "services");
	for (i = 0; subs && subs->type == BRM_NODE_SEQ && i < subs->n; i++)
		if ((sid = brm_node_str(subs->items[i], "service")) &&
		    !strcmp(sid, service))
			break;
	if (!subs || subs->type != BRM_NODE_SEQ || i == subs->n)
		brm_problem_warn(out, brm_record_get(r, "service"),
		    "customer '%s' does not subscribe to service '%s'",
		    customer, service);
	brm_record_free(c);
}

void brm_check_refs(struct brm_store *s, const struct brm_record *r,
    struct brm_problems *out)
{
	struct ref_ctx c = { s, out };
	size_t before = out->errors;

	brm_validate_refs(r->kind, r->root, check_one, &c);
	if (out->errors == before)
		check_subscribed(s, r, out);
}
