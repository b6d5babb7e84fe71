#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/merge.h"
#include "core/node.h"
#include "core/problems.h"
#include "core/record.h"
#include "core/schema.h"
#include "formats/yaml.h"

static struct brm_node *load(const char *text)
{
	struct brm_node *n = NULL;

	if (!text)
		return NULL;
	if (brm_yaml_load(&n, text, strlen(text), "t.yaml") < 0)
		fail_msg("unexpected load error: %s", brm_error_last());
	return n;
}

/* The merged tree is the tree of want, keys in the same order. */
static void assert_tree(const struct brm_node *got, const char *want)
{
	struct brm_node *w = load(want);
	struct brm_buf b = BRM_BUF_INIT;

	if (!brm_node_equal(got, w)) {
		if (got)
			brm_yaml_emit(&b, got);
		fail_msg("merged tree differs; want:\n%sgot:\n%s", want,
		    got ? b.data : "(none)\n");
	}
	brm_buf_release(&b);
	brm_node_free(w);
}

/* Merge three texts (NULL: absent) as kind; returns the conflicts. */
static size_t merge3(struct brm_merge *m, const struct brm_kind *kind,
    const char *base, const char *ours, const char *theirs)
{
	struct brm_node *b = load(base), *o = load(ours), *t = load(theirs);
	size_t n = brm_merge_trees(m, kind, b, o, t);

	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
	return n;
}

static void assert_shown(const struct brm_node *n, const char *want)
{
	char *s = brm_merge_show(n, 200);

	if (!want) {
		assert_null(s);
		return;
	}
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static const char customer_base[] =
	"id: acme\n"
	"name: Acme\n"
	"status: active\n"
	"contacts:\n"
	"  - name: John Doe\n"
	"    role: sponsor\n"
	"    email: john@acme.example\n"
	"  - name: Jane Roe\n"
	"    role: user\n";

static void test_merge__different_fields_merge_cleanly(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\nstatus: active\n",
	    "id: acme\nname: Acme Corp\nstatus: active\n",
	    "id: acme\nname: Acme\nstatus: former\nbusiness: Retail\n"), 0);
	assert_tree(m.result,
	    "id: acme\nname: Acme Corp\nstatus: former\nbusiness: Retail\n");
	brm_merge_release(&m);
}

static void test_merge__same_change_on_both_sides(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\nstatus: active\n",
	    "id: acme\nname: Acme\nstatus: former\n",
	    "id: acme\nname: Acme\nstatus: former\nnotes: x\n"), 0);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: former\n"
	    "notes: x\n");
	brm_merge_release(&m);
}

static void test_merge__same_scalar_two_values_conflicts(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\nstatus: active\n",
	    "id: acme\nname: Acme\nstatus: former\n",
	    "id: acme\nname: Acme Corp\nstatus: prospect\n"), 1);
	assert_string_equal(m.conflicts[0].field, "status");
	assert_shown(m.conflicts[0].base, "active");
	assert_shown(m.conflicts[0].ours, "former");
	assert_shown(m.conflicts[0].theirs, "prospect");
	/* the rest merged; the conflict holds ours until picked */
	assert_tree(m.result, "id: acme\nname: Acme Corp\nstatus: former\n");
	brm_merge_release(&m);
}

static void test_merge__field_removed_and_changed_conflicts(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\nnotes: old\n",
	    "id: acme\nname: Acme\n",
	    "id: acme\nname: Acme\nnotes: new\n"), 1);
	assert_string_equal(m.conflicts[0].field, "notes");
	assert_null(m.conflicts[0].ours);
	assert_shown(m.conflicts[0].theirs, "new");
	/* the value that would otherwise be lost stays visible */
	assert_tree(m.result, "id: acme\nname: Acme\nnotes: new\n");
	brm_merge_release(&m);
}

static void test_merge__field_removed_on_one_side(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\nnotes: old\n",
	    "id: acme\nname: Acme\n",
	    "id: acme\nname: Acme\nnotes: old\nstatus: former\n"), 0);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: former\n");
	brm_merge_release(&m);
}

static void test_merge__contacts_added_on_both_sides(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;
	char ours[512], theirs[512];

	snprintf(ours, sizeof(ours), "%s  - name: Ann Ours\n",
	    customer_base);
	snprintf(theirs, sizeof(theirs), "%s  - name: Tom Theirs\n",
	    customer_base);
	assert_int_equal(merge3(&m, &brm_kind_customer, customer_base, ours,
	    theirs), 0);
	assert_int_equal(brm_node_get(m.result, "contacts")->n, 4);
	assert_string_equal(brm_node_str(brm_node_get(m.result,
	    "contacts")->items[2], "name"), "Ann Ours");
	assert_string_equal(brm_node_str(brm_node_get(m.result,
	    "contacts")->items[3], "name"), "Tom Theirs");
	brm_merge_release(&m);
}

static void test_merge__contacts_matched_by_name_not_position(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	/* theirs put a new contact first and changed John's role; ours
	 * changed John's e-mail: both changes land on John */
	assert_int_equal(merge3(&m, &brm_kind_customer, customer_base,
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: John Doe\n    role: sponsor\n"
	    "    email: jd@acme.example\n"
	    "  - name: Jane Roe\n    role: user\n",
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: Zoe New\n"
	    "  - name: John Doe\n    role: stakeholder\n"
	    "    email: john@acme.example\n"
	    "  - name: Jane Roe\n    role: user\n"), 0);
	assert_tree(m.result,
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: Zoe New\n"
	    "  - name: John Doe\n    role: stakeholder\n"
	    "    email: jd@acme.example\n"
	    "  - name: Jane Roe\n    role: user\n");
	brm_merge_release(&m);
}

static void test_merge__contact_removed_and_changed_conflicts(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer, customer_base,
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: John Doe\n    role: sponsor\n"
	    "    email: john@acme.example\n",
	    "id: acme\nname: Acme\nstatus: former\ncontacts:\n"
	    "  - name: John Doe\n    role: sponsor\n"
	    "    email: john@acme.example\n"
	    "  - name: Jane Roe\n    role: stakeholder\n"), 1);
	assert_string_equal(m.conflicts[0].field, "contacts.1");
	assert_null(m.conflicts[0].ours);
	assert_shown(m.conflicts[0].theirs,
	    "{name: Jane Roe, role: stakeholder}");
	assert_shown(m.conflicts[0].base, "{name: Jane Roe, role: user}");
	brm_merge_release(&m);
}

static void test_merge__contact_removed_on_one_side(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer, customer_base,
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: Jane Roe\n    role: user\n",
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: John Doe\n    role: sponsor\n"
	    "    email: john@acme.example\n"
	    "  - name: Jane Roe\n    role: user\n"
	    "  - name: Kim Added\n"), 0);
	assert_tree(m.result,
	    "id: acme\nname: Acme\nstatus: active\ncontacts:\n"
	    "  - name: Jane Roe\n    role: user\n"
	    "  - name: Kim Added\n");
	brm_merge_release(&m);
}

static const char meeting_base[] =
	"id: mtg-20261122-k7f3\n"
	"date: 2026-11-22\n"
	"with: acme\n"
	"kind: periodic-review\n"
	"attendees:\n"
	"  - Jane Roe\n"
	"actions:\n"
	"  - text: Send the plan\n"
	"    owner: Ivan\n"
	"  - text: Call back\n";

static void test_merge__actions_merge_by_text(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;
	char ours[512], theirs[512];

	/* ours marks "Send the plan" done, theirs adds an action and an
	 * attendee, ours another attendee */
	snprintf(ours, sizeof(ours), "%s",
	    "id: mtg-20261122-k7f3\ndate: 2026-11-22\nwith: acme\n"
	    "kind: periodic-review\nattendees:\n  - Jane Roe\n  - Ivan\n"
	    "actions:\n  - text: Send the plan\n    owner: Ivan\n"
	    "    done: true\n  - text: Call back\n");
	snprintf(theirs, sizeof(theirs), "%s  - text: Book a room\n"
	    "attendees_note: x\n", meeting_base);
	assert_int_equal(merge3(&m, &brm_kind_meeting, meeting_base, ours,
	    theirs), 0);
	assert_tree(m.result,
	    "id: mtg-20261122-k7f3\ndate: 2026-11-22\nwith: acme\n"
	    "kind: periodic-review\nattendees:\n  - Jane Roe\n  - Ivan\n"
	    "actions:\n  - text: Send the plan\n    owner: Ivan\n"
	    "    done: true\n  - text: Call back\n  - text: Book a room\n"
	    "attendees_note: x\n");
	brm_merge_release(&m);
}

static void test_merge__scalar_lists_merge_by_value(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_meeting,
	    "id: x\nattendees:\n  - A\n  - B\n  - C\n",
	    "id: x\nattendees:\n  - A\n  - C\n  - D\n",
	    "id: x\nattendees:\n  - A\n  - B\n  - C\n  - E\n"), 0);
	assert_tree(m.result, "id: x\nattendees:\n  - A\n  - C\n  - D\n"
	    "  - E\n");
	brm_merge_release(&m);
}

static void test_merge__reopened_entries_merge_by_time(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;
	static const char base[] =
	    "id: cmp-20261003-ab12\n"
	    "status: acknowledged\n"
	    "reopened:\n"
	    "  - at: 2026-10-06T09:00:00+02:00\n"
	    "    reason: first\n";

	assert_int_equal(merge3(&m, &brm_kind_complaint, base,
	    "id: cmp-20261003-ab12\nstatus: acknowledged\nreopened:\n"
	    "  - at: 2026-10-06T09:00:00+02:00\n    reason: first\n"
	    "  - at: 2026-10-08T09:00:00+02:00\n    reason: ours\n",
	    "id: cmp-20261003-ab12\nstatus: acknowledged\nreopened:\n"
	    "  - at: 2026-10-06T09:00:00+02:00\n    reason: First!\n"
	    "  - at: 2026-10-09T09:00:00+02:00\n    reason: theirs\n"), 0);
	assert_tree(m.result,
	    "id: cmp-20261003-ab12\nstatus: acknowledged\nreopened:\n"
	    "  - at: 2026-10-06T09:00:00+02:00\n    reason: First!\n"
	    "  - at: 2026-10-08T09:00:00+02:00\n    reason: ours\n"
	    "  - at: 2026-10-09T09:00:00+02:00\n    reason: theirs\n");
	brm_merge_release(&m);
}

static void test_merge__unkeyed_lists_merge_by_position(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	/* no kind: "things" has no key, so same-length lists merge item by
	 * item and lists of different lengths conflict */
	assert_int_equal(merge3(&m, NULL,
	    "things:\n  - {a: 1, b: 1}\n  - {a: 2}\n",
	    "things:\n  - {a: 1, b: 2}\n  - {a: 2}\n",
	    "things:\n  - {a: 1, b: 1}\n  - {a: 3}\n"), 0);
	assert_tree(m.result, "things:\n  - {a: 1, b: 2}\n  - {a: 3}\n");
	brm_merge_release(&m);
	assert_int_equal(merge3(&m, NULL,
	    "things:\n  - {a: 1}\n",
	    "things:\n  - {a: 1}\n  - {a: 2}\n",
	    "things:\n  - {a: 0}\n"), 1);
	assert_string_equal(m.conflicts[0].field, "things");
	assert_shown(m.conflicts[0].ours, "[{a: 1}, {a: 2}]");
	brm_merge_release(&m);
}

static void test_merge__record_deleted_and_changed_conflicts(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\n", NULL,
	    "id: acme\nname: Acme Corp\n"), 1);
	assert_string_equal(m.conflicts[0].field, "");
	assert_null(m.conflicts[0].ours);
	assert_tree(m.result, "id: acme\nname: Acme Corp\n");
	brm_merge_release(&m);

	/* deleted on one side and untouched on the other: deleted */
	assert_int_equal(merge3(&m, &brm_kind_customer,
	    "id: acme\nname: Acme\n", "id: acme\nname: Acme\n", NULL), 0);
	assert_null(m.result);
	brm_merge_release(&m);
}

static void test_merge__added_on_both_sides(void **state)
{
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(merge3(&m, &brm_kind_customer, NULL,
	    "id: acme\nname: Acme\nkind: external\n",
	    "id: acme\nname: Acme\nstatus: prospect\n"), 0);
	assert_tree(m.result,
	    "id: acme\nname: Acme\nkind: external\nstatus: prospect\n");
	brm_merge_release(&m);
	assert_int_equal(merge3(&m, &brm_kind_customer, NULL,
	    "id: acme\nname: Acme\n", "id: acme\nname: ACME\n"), 1);
	assert_string_equal(m.conflicts[0].field, "name");
	assert_null(m.conflicts[0].base);
	brm_merge_release(&m);
}

static void test_merge__pick_settles_a_conflict(void **state)
{
	struct brm_node *b = load("id: acme\nname: Acme\nstatus: active\n");
	struct brm_node *o = load("id: acme\nname: Acme\nstatus: former\n");
	struct brm_node *t = load("id: acme\nname: Acme\nstatus: prospect\n"
	    "notes: hi\n");
	struct brm_node *v = brm_node_new_str("active");
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(brm_merge_trees(&m, &brm_kind_customer, b, o, t), 1);
	assert_int_equal(brm_merge_pick(&m, o, t, "status", BRM_MERGE_THEIRS,
	    NULL), 0);
	assert_int_equal(m.n, 0);
	brm_merge_finish(&m);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: prospect\n"
	    "notes: hi\n");
	brm_merge_release(&m);

	brm_merge_trees(&m, &brm_kind_customer, b, o, t);
	assert_int_equal(brm_merge_pick(&m, o, t, "status", BRM_MERGE_OURS,
	    NULL), 0);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: former\n"
	    "notes: hi\n");
	assert_int_equal(brm_merge_pick(&m, o, t, "status", BRM_MERGE_VALUE,
	    v), 0);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: active\n"
	    "notes: hi\n");
	/* a field that is nowhere */
	assert_int_equal(brm_merge_pick(&m, o, t, "nope", BRM_MERGE_OURS,
	    NULL), BRM_ENOTFOUND);
	assert_int_equal(brm_merge_pick(&m, o, t, "", BRM_MERGE_VALUE, v),
	    BRM_EINVALID);
	/* the whole record from one side */
	assert_int_equal(brm_merge_pick(&m, o, t, "", BRM_MERGE_THEIRS,
	    NULL), 0);
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: prospect\n"
	    "notes: hi\n");
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
	brm_node_free(v);
}

static void test_merge__pick_in_lists_keeps_indexes(void **state)
{
	struct brm_node *b = load(customer_base);
	struct brm_node *o = load("id: acme\nname: Acme\nstatus: active\n"
	    "contacts:\n  - name: John Doe\n    role: representative\n");
	struct brm_node *t = load("id: acme\nname: Acme\nstatus: active\n"
	    "contacts:\n  - name: Jane Roe\n    role: sponsor\n"
	    "  - name: John Doe\n    role: stakeholder\n"
	    "    email: john@acme.example\n");
	struct brm_merge m = BRM_MERGE_INIT;

	/* John: role changed on both sides; Jane: removed by ours,
	 * changed by theirs, who lists her first */
	assert_int_equal(brm_merge_trees(&m, &brm_kind_customer, b, o, t), 2);
	assert_string_equal(m.conflicts[0].field, "contacts.0");
	assert_null(m.conflicts[0].ours);
	assert_string_equal(m.conflicts[1].field, "contacts.1.role");
	/* locate follows the name, wherever each side lists John */
	assert_string_equal(brm_merge_locate(t, m.result, "contacts.1.role",
	    m.kind)->value, "stakeholder");
	assert_string_equal(brm_merge_locate(o, m.result, "contacts.1.role",
	    m.kind)->value, "representative");
	assert_null(brm_merge_locate(o, m.result, "contacts.0", m.kind));
	/* removing contacts.0 first leaves contacts.1 where it was */
	assert_int_equal(brm_merge_pick(&m, o, t, "contacts.0",
	    BRM_MERGE_OURS, NULL), 0);
	assert_int_equal(brm_merge_pick(&m, o, t, "contacts.1.role",
	    BRM_MERGE_THEIRS, NULL), 0);
	assert_int_equal(m.n, 0);
	brm_merge_finish(&m);
	/* John's e-mail: removed by ours, untouched by theirs */
	assert_tree(m.result, "id: acme\nname: Acme\nstatus: active\n"
	    "contacts:\n  - name: John Doe\n    role: stakeholder\n");
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
}

/* A complaint closed on one side and reopened on the other: the status
 * conflicts; taking theirs for it alone leaves an invalid record, which
 * taking theirs for 'closed' and 'satisfied' too mends. */
static void test_merge__closed_and_reopened_complaint(void **state)
{
	static const char base[] =
	    "id: cmp-20261003-ab12\ncustomer: acme\n"
	    "received: 2026-10-03T09:12:00+02:00\nsummary: Slow\n"
	    "status: resolved\nacknowledged: 2026-10-03T10:00:00+02:00\n"
	    "resolved: 2026-10-05T16:00:00+02:00\nresolution: Fixed\n";
	static const char closed[] =
	    "id: cmp-20261003-ab12\ncustomer: acme\n"
	    "received: 2026-10-03T09:12:00+02:00\nsummary: Slow\n"
	    "status: closed\nacknowledged: 2026-10-03T10:00:00+02:00\n"
	    "resolved: 2026-10-05T16:00:00+02:00\nresolution: Fixed\n"
	    "closed: 2026-10-06T10:00:00+02:00\nsatisfied: true\n";
	static const char reopened[] =
	    "id: cmp-20261003-ab12\ncustomer: acme\n"
	    "received: 2026-10-03T09:12:00+02:00\nsummary: Slow\n"
	    "status: acknowledged\nacknowledged: 2026-10-03T10:00:00+02:00\n"
	    "reopened:\n  - at: 2026-10-07T10:00:00+02:00\n"
	    "    resolved: 2026-10-05T16:00:00+02:00\n";
	struct brm_node *b = load(base), *o = load(closed), *t = load(reopened);
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_merge m = BRM_MERGE_INIT;
	struct brm_record *r;

	/* closed and satisfied: added by ours only; resolved and resolution:
	 * removed by theirs only.  Only the status conflicts. */
	assert_int_equal(brm_merge_trees(&m, &brm_kind_complaint, b, o, t), 1);
	assert_string_equal(m.conflicts[0].field, "status");
	assert_null(brm_node_get(m.result, "resolution"));
	assert_non_null(brm_node_get(m.result, "reopened"));
	assert_int_equal(brm_merge_pick(&m, o, t, "status", BRM_MERGE_THEIRS,
	    NULL), 0);
	brm_merge_finish(&m);
	r = brm_record_wrap(&brm_kind_complaint, "cmp-20261003-ab12",
	    brm_node_dup(m.result));
	assert_true(brm_record_validate(r, &probs) > 0);
	brm_record_free(r);
	brm_problems_release(&probs);
	assert_int_equal(brm_merge_pick(&m, o, t, "closed", BRM_MERGE_THEIRS,
	    NULL), 0);
	assert_int_equal(brm_merge_pick(&m, o, t, "satisfied",
	    BRM_MERGE_THEIRS, NULL), 0);
	brm_merge_finish(&m);
	r = brm_record_wrap(&brm_kind_complaint, "cmp-20261003-ab12",
	    brm_node_dup(m.result));
	probs = (struct brm_problems)BRM_PROBLEMS_INIT;
	assert_int_equal(brm_record_validate(r, &probs), 0);
	brm_record_free(r);
	brm_problems_release(&probs);
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
}

static void test_merge__pick_adds_a_field_in_place(void **state)
{
	struct brm_node *b = load("id: a\nname: A\nnotes: n\n");
	struct brm_node *o = load("id: a\nname: A\n");
	struct brm_node *t = load("id: a\nname: A\nstatus: former\n"
	    "notes: n\n");
	struct brm_merge m = BRM_MERGE_INIT;

	assert_int_equal(brm_merge_trees(&m, &brm_kind_customer, b, o, t), 0);
	assert_tree(m.result, "id: a\nname: A\nstatus: former\n");
	assert_int_equal(brm_merge_pick(&m, o, t, "notes", BRM_MERGE_THEIRS,
	    NULL), 0);
	assert_tree(m.result, "id: a\nname: A\nstatus: former\nnotes: n\n");
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
}

static void test_merge__show(void **state)
{
	struct brm_node *n = load("a: \"line1\\nline2\"\nb:\n  - x\n  - y: 1\n");
	char *s;

	assert_shown(n, "{a: line1\\nline2, b: [x, {y: 1}]}");
	assert_shown(NULL, NULL);
	s = brm_merge_show(n, 10);
	assert_string_equal(s, "{a: lin...");
	free(s);
	brm_node_free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge__different_fields_merge_cleanly),
		cmocka_unit_test(test_merge__same_change_on_both_sides),
		cmocka_unit_test(test_merge__same_scalar_two_values_conflicts),
		cmocka_unit_test(test_merge__field_removed_and_changed_conflicts),
		cmocka_unit_test(test_merge__field_removed_on_one_side),
		cmocka_unit_test(test_merge__contacts_added_on_both_sides),
		cmocka_unit_test(test_merge__contacts_matched_by_name_not_position),
		cmocka_unit_test(test_merge__contact_removed_and_changed_conflicts),
		cmocka_unit_test(test_merge__contact_removed_on_one_side),
		cmocka_unit_test(test_merge__actions_merge_by_text),
		cmocka_unit_test(test_merge__scalar_lists_merge_by_value),
		cmocka_unit_test(test_merge__reopened_entries_merge_by_time),
		cmocka_unit_test(test_merge__unkeyed_lists_merge_by_position),
		cmocka_unit_test(test_merge__record_deleted_and_changed_conflicts),
		cmocka_unit_test(test_merge__added_on_both_sides),
		cmocka_unit_test(test_merge__pick_settles_a_conflict),
		cmocka_unit_test(test_merge__pick_in_lists_keeps_indexes),
		cmocka_unit_test(test_merge__closed_and_reopened_complaint),
		cmocka_unit_test(test_merge__pick_adds_a_field_in_place),
		cmocka_unit_test(test_merge__show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
