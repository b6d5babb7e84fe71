/*
 * disputes/YYYY/MM/dsp-*.yaml - a dispute with suppliers or third
 * parties, and how far it was escalated: 1 initial coordination, 2
 * mediated with the suppliers, the customer or third parties, 3 the
 * formal company process, 4 legal.  Each level is stamped with the time
 * it was reached.
 */
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/schema.h"
#include "core/validate.h"

static const struct brm_field stamp[] = {
	BRM_FIELD("level", INTEGER, REQ, "1..4", NULL, NULL,
	    "the escalation level reached"),
	BRM_FIELD("at", DATETIME, REQ, NULL, NULL, NULL,
	    "when it was reached"),
	BRM_FIELDS_END
};

static const struct brm_field dispute[] = {
	BRM_FIELD("id", STRING, REQ | AUTO, NULL, NULL, NULL, "record id"),
	BRM_FIELD("opened", DATETIME, REQ, NULL, "opened", "now",
	    "when the dispute was opened"),
	BRM_FIELD("parties", REF, REQ | LIST, "supplier|third-party", "party",
	    NULL, "the suppliers and third parties in dispute"),
	BRM_FIELD("customer", REF, 0, "customer", "customer", NULL,
	    "the customer affected"),
	BRM_FIELD("subject", STRING, REQ, NULL, "subject", NULL,
	    "what the dispute is about"),
	BRM_FIELD("level", INTEGER, REQ | AUTO, "1..4", NULL, "1",
	    "escalation level: 1 initial coordination, 2 mediated, "
	    "3 formal company process, 4 legal"),
	BRM_MAP("levels", LIST | AUTO, stamp, "each level and when it was "
	    "reached"),
	BRM_FIELD("status", ENUM, REQ | AUTO, "open|resolved", NULL, "open",
	    "open until resolved"),
	BRM_FIELD("resolution", TEXT, 0, NULL, NULL, NULL,
	    "how it was resolved"),
	BRM_FIELD("resolved", DATETIME, AUTO, NULL, NULL, NULL,
	    "when it was resolved"),
	BRM_FIELD("notes", TEXT, 0, NULL, NULL, NULL, "free notes"),
	BRM_FIELDS_END
};

/* The level agrees with the last stamp; a resolved dispute says how
 * and when. */
static void check(const struct brm_record *r, struct brm_problems *out)
{
	struct brm_node *levels = brm_record_get(r, "levels");
	const char *level = brm_record_str(r, "level"), *last, *status;
	size_t i;
	long prev = 0, n;

	for (i = 0; levels && levels->type == BRM_NODE_SEQ &&
	    i < levels->n; i++) {
		if (!(last = brm_node_str(levels->items[i], "level")))
			continue;
		n = strtol(last, NULL, 10);
		if (n <= prev)
			brm_problem_add(out, levels->items[i],
			    "levels.%zu: level %ld does not follow level %ld",
			    i, n, prev);
		prev = n;
	}
	if (level && prev && strtol(level, NULL, 10) != prev)
		brm_problem_add(out, brm_record_get(r, "level"),
		    "level %s is not the last level reached (%ld)", level,
		    prev);
	status = brm_record_str(r, "status");
	if (status && !strcmp(status, "resolved")) {
		if (!brm_record_str(r, "resolution"))
			brm_problem_add(out, brm_record_get(r, "status"),
			    "a resolved dispute needs a resolution");
		if (!brm_record_str(r, "resolved"))
			brm_problem_add(out, brm_record_get(r, "status"),
			    "a resolved dispute needs the time it was "
			    "resolved ('resolved')");
	}
}

const struct brm_kind brm_kind_dispute = {
	.name = "dispute",
	.plural = "disputes",
	.prefix = "dsp",
	.date_field = "opened",
	.title_field = "subject",
	.fields = dispute,
	.columns = "id opened level status subject",
	.check = check,
};
