/*
 * test_complaint.c - the complaint lifecycle rules shared by the commands
 * and brm check (core/complaint.c).
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/error.h"
#include "formats/yaml.h"

static struct brm_record *complaint(const char *yaml)
{
	struct brm_node *n = NULL;

	assert_int_equal(brm_yaml_load(&n, yaml, strlen(yaml), "c.yaml"), 0);
	return brm_record_wrap(&brm_kind_complaint, "cmp-20261120-ab12", n);
}

static const char base[] =
	"id: cmp-20261120-ab12\n"
	"customer: acme-corp\n"
	"received: 2026-11-20T09:00:00+01:00\n"
	"severity: high\n"
	"summary: Slow\n"
	"status: open\n";

static int step(struct brm_record *r, enum brm_complaint_step s,
    const char *at, const char *text)
{
	struct brm_complaint_change c = { .step = s, .text = text,
		.satisfied = -1 };

	assert_int_equal(brm_datetime_parse(&c.at, at, "at"), 0);
	return brm_complaint_apply(r, &c);
}

static size_t problems(const struct brm_record *r)
{
	struct brm_problems p = BRM_PROBLEMS_INIT;
	size_t n;

	brm_complaint_check(r, &p);
	n = p.errors;
	brm_problems_release(&p);
	return n;
}

static void test_complaint__the_whole_lifecycle(void **state)
{
	struct brm_record *r = complaint(base);

	assert_int_equal(step(r, BRM_COMPLAINT_ACK,
	    "2026-11-20T10:00:00+01:00", NULL), 0);
	assert_string_equal(brm_record_str(r, "status"), "acknowledged");
	assert_int_equal(step(r, BRM_COMPLAINT_RESOLVE,
	    "2026-11-20T12:00:00+01:00", "Fixed"), 0);
	assert_string_equal(brm_record_str(r, "resolution"), "Fixed");
	assert_int_equal(step(r, BRM_COMPLAINT_CLOSE,
	    "2026-11-20T13:00:00+01:00", NULL), 0);
	assert_string_equal(brm_record_str(r, "status"), "closed");
	assert_int_equal(problems(r), 0);
	assert_int_equal(step(r, BRM_COMPLAINT_REOPEN,
	    "2026-11-21T09:00:00+01:00", "Again"), 0);
	assert_string_equal(brm_record_str(r, "status"), "acknowledged");
	assert_null(brm_record_str(r, "resolved"));
	assert_null(brm_record_str(r, "closed"));
	assert_null(brm_record_str(r, "resolution"));
	assert_string_equal(brm_record_str(r, "reopened.0.reason"), "Again");
	assert_int_equal(problems(r), 0);
	assert_int_equal(step(r, BRM_COMPLAINT_RESOLVE,
	    "2026-11-21T10:00:00+01:00", "Fixed again"), 0);
	assert_int_equal(problems(r), 0);
	brm_record_free(r);
}

static void test_complaint__out_of_order_is_refused(void **state)
{
	struct brm_record *r = complaint(base);

	assert_int_equal(step(r, BRM_COMPLAINT_RESOLVE,
	    "2026-11-20T12:00:00+01:00", "x"), BRM_EINVALID);
	assert_string_equal(brm_error_last(), "cannot resolve complaint "
	    "'cmp-20261120-ab12': it is open");
	assert_string_equal(brm_error_last_hint(), "the next step for an "
	    "open complaint: ack-complaint");
	assert_int_equal(step(r, BRM_COMPLAINT_CLOSE,
	    "2026-11-20T12:00:00+01:00", NULL), BRM_EINVALID);
	assert_int_equal(step(r, BRM_COMPLAINT_REOPEN,
	    "2026-11-20T12:00:00+01:00", NULL), BRM_EINVALID);
	/* nothing was changed by the refusals */
	assert_string_equal(brm_record_str(r, "status"), "open");
	assert_null(brm_record_get(r, "resolved"));
	assert_null(brm_record_get(r, "reopened"));
	assert_string_equal(brm_complaint_next("resolved"),
	    "close-complaint or reopen-complaint");
	brm_record_free(r);
}

static void test_complaint__a_step_before_the_last_is_refused(void **state)
{
	struct brm_record *r = complaint(base);

	assert_int_equal(step(r, BRM_COMPLAINT_ACK,
	    "2026-11-20T07:59:59Z", NULL), BRM_EINVALID);
	assert_non_null(strstr(brm_error_last(), "it was received later"));
	/* the same moment in another offset is not before */
	assert_int_equal(step(r, BRM_COMPLAINT_ACK,
	    "2026-11-20T08:00:00Z", NULL), 0);
	assert_int_equal(step(r, BRM_COMPLAINT_RESOLVE,
	    "2026-11-20T08:30:00+01:00", "x"), BRM_EINVALID);
	assert_null(brm_record_get(r, "resolved"));
	brm_record_free(r);
}

static void test_complaint__check_finds_hand_edits(void **state)
{
	struct brm_record *r;

	r = complaint("received: 2026-11-20T09:00:00+01:00\n"
	    "status: closed\n");
	/* no acknowledged, resolved, closed, resolution */
	assert_int_equal(problems(r), 4);
	brm_record_free(r);
	r = complaint("received: 2026-11-20T09:00:00+01:00\n"
	    "status: resolved\nacknowledged: 2026-11-20T10:00:00+01:00\n"
	    "resolved: 2026-11-20T09:30:00+01:00\nresolution: x\n");
	assert_int_equal(problems(r), 1);
	brm_record_free(r);
	r = complaint("received: 2026-11-20T09:00:00+01:00\n"
	    "status: open\nsatisfied: true\n"
	    "response_due: 2026-11-19T09:00:00+01:00\n");
	assert_int_equal(problems(r), 2);
	brm_record_free(r);
}

static void test_complaint__response_due_by_severity(void **state)
{
	struct brm_datetime received, due;
	char buf[BRM_DATETIME_LEN];

	assert_int_equal(brm_datetime_parse(&received,
	    "2026-11-20T20:00:00+01:00", "t"), 0);
	assert_int_equal(brm_complaint_response_due(&due, NULL, "high",
	    &received), 0);
	brm_datetime_format(buf, &due);
	assert_string_equal(buf, "2026-11-23T04:00:00+01:00");
	assert_int_equal(brm_complaint_response_due(&due, NULL, "critical",
	    &received), 0);
	brm_datetime_format(buf, &due);
	assert_string_equal(buf, "2026-11-21T00:00:00+01:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complaint__the_whole_lifecycle),
		cmocka_unit_test(test_complaint__out_of_order_is_refused),
		cmocka_unit_test(
		    test_complaint__a_step_before_the_last_is_refused),
		cmocka_unit_test(test_complaint__check_finds_hand_edits),
		cmocka_unit_test(test_complaint__response_due_by_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
