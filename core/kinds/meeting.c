/* meetings/YYYY/MM/mtg-*.yaml - a communication with one customer,
 * supplier or third party, and the actions agreed in it. */
#include <string.h>

#include "core/due.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/store.h"
#include "core/validate.h"

static const struct brm_field action[] = {
	BRM_FIELD("text", STRING, REQ, NULL, NULL, NULL, "what is to be done"),
	BRM_FIELD("owner", STRING, 0, NULL, "owner", NULL,
	    "who is to do it"),
	BRM_FIELD("due", DATE, 0, NULL, "due", NULL,
	    "by when (not before the meeting)"),
	BRM_FIELD("done", BOOL, 0, NULL, NULL, NULL, "whether it is done"),
	BRM_FIELDS_END
};

static const struct brm_field meeting[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("date", DATE, REQ, NULL, "date", "today",
	    "when the meeting took place"),
	BRM_FIELD("with", REF, REQ, "customer|supplier|third-party", NULL,
	    NULL, "the customer, supplier or third party met"),
	BRM_FIELD("kind", ENUM, REQ,
	    "periodic-review|daily|escalation|service-review|kickoff", "kind",
	    NULL, "what kind of communication it was"),
	BRM_FIELD("attendees", STRING, LIST, NULL, "attendee", NULL,
	    "who took part"),
	BRM_FIELD("agenda", STRING, LIST, NULL, "agenda", NULL,
	    "an item of the agenda"),
	BRM_FIELD("summary", TEXT, 0, NULL, "summary", NULL,
	    "what was discussed"),
	BRM_FIELD("decisions", STRING, LIST, NULL, "decision", NULL,
	    "a decision taken"),
	BRM_MAP("actions", LIST, action, "action items agreed"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

static int node_date(const struct brm_node *n, struct brm_date *d)
{
	return n && n->type == BRM_NODE_SCALAR && !brm_node_is_null(n) &&
	    brm_date_parse(d, n->value, "date") == 0;
}

/* An action cannot fall due before the meeting that agreed it. */
static void check(const struct brm_record *r, struct brm_problems *out)
{
	struct brm_node *actions = brm_record_get(r, "actions"), *due;
	struct brm_date held, d;
	size_t i;

	if (!node_date(brm_record_get(r, "date"), &held) || !actions ||
	    actions->type != BRM_NODE_SEQ)
		return;
	for (i = 0; i < actions->n; i++) {
		due = brm_node_get(actions->items[i], "due");
		if (node_date(due, &d) && brm_date_cmp(&d, &held) < 0)
			brm_problem_add(out, due, "actions.%zu.due (%s) is "
			    "before the meeting (%s)", i, due->value,
			    brm_record_str(r, "date"));
	}
}

/* Open action items with a due date. */
static void due(const struct brm_due_ctx *c, const struct brm_record *r,
    struct brm_due_list *out)
{
	struct brm_node *actions = brm_record_get(r, "actions"), *a;
	const char *with = brm_record_str(r, "with"), *done, *owner;
	const char *customer = NULL;
	struct brm_date d;
	size_t i;

	if (!actions || actions->type != BRM_NODE_SEQ)
		return;
	if (with && c->store && brm_store_exists(c->store,
	    &brm_kind_customer, with))
		customer = with;
	for (i = 0; i < actions->n; i++) {
		a = actions->items[i];
		done = brm_node_str(a, "done");
		if ((done && brm_word_in("true|yes|on|1|True|TRUE", done)) ||
		    !node_date(brm_node_get(a, "due"), &d) ||
		    brm_date_cmp(&d, &c->horizon) > 0)
			continue;
		owner = brm_node_str(a, "owner");
		brm_due_add(out, &d, "action", r->id, customer,
		    "action %zu%s%s%s: %s", i + 1, owner ? " (" : "",
		    owner ? owner : "", owner ? ")" : "",
		    brm_node_str(a, "text") ? brm_node_str(a, "text") : "");
	}
}

const struct brm_kind brm_kind_meeting = {
	.name = "meeting",
	.plural = "meetings",
	.prefix = "mtg",
	.date_field = "date",
	.title_field = "summary",
	.fields = meeting,
	.columns = "id date with kind summary",
	.check = check,
	.due = due,
};
