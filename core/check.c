#include <string.h>

#include "check.h"
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

void brm_check_refs(struct brm_store *s, const struct brm_record *r,
    struct brm_problems *out)
{
	struct ref_ctx c = { s, out };

	brm_validate_refs(r->kind, r->root, check_one, &c);
}
