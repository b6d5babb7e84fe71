#include "unit.h"

#include <string.h>

#include "core/record.h"
#include "core/schema.h"
#include "core/where.h"
#include "formats/yaml.h"

static struct brm_record *record(const struct brm_kind *k, const char *yaml)
{
	struct brm_node *root = NULL;

	assert_int_equal(brm_yaml_load(&root, yaml, strlen(yaml), "t"), 0);
	return brm_record_wrap(k, "x", root);
}

static void test_where__top_level_field(void **state)
{
	struct brm_record *r = record(&brm_kind_complaint,
	    "status: acknowledged\nseverity: high\n");

	(void)state;
	assert_true(brm_where_match(r, "status=acknowledged"));
	assert_true(brm_where_match(r, "status=resolved|acknowledged"));
	assert_false(brm_where_match(r, "status=open"));
	assert_true(brm_where_match(r, "status!=open|closed"));
	assert_false(brm_where_match(r, "status!=acknowledged"));
	/* every term must hold */
	assert_true(brm_where_match(r, "status=acknowledged severity=high"));
	assert_false(brm_where_match(r, "status=acknowledged severity=low"));
	brm_record_free(r);
}

static void test_where__missing_field_is_its_default(void **state)
{
	struct brm_record *r = record(&brm_kind_complaint, "summary: x\n");

	(void)state;
	/* a complaint without a status is open, as the schema says */
	assert_true(brm_where_match(r, "status=open"));
	/* a field without a default is "", which no value names */
	assert_false(brm_where_match(r, "severity=low"));
	assert_true(brm_where_match(r, "severity!=low"));
	brm_record_free(r);
}

static void test_where__some_item_of_a_list(void **state)
{
	struct brm_record *r = record(&brm_kind_meeting,
	    "actions:\n- text: a\n  done: true\n- text: b\n");
	struct brm_record *done = record(&brm_kind_meeting,
	    "actions:\n- text: a\n  done: true\n");
	struct brm_record *none = record(&brm_kind_meeting, "summary: s\n");

	(void)state;
	assert_true(brm_where_match(r, "actions.done!=true"));
	assert_true(brm_where_match(r, "actions.done=true"));
	assert_false(brm_where_match(done, "actions.done!=true"));
	assert_false(brm_where_match(none, "actions.done!=true"));
	brm_record_free(r);
	brm_record_free(done);
	brm_record_free(none);
}

static void test_where__malformed_terms_never_hold(void **state)
{
	struct brm_record *r = record(&brm_kind_complaint, "status: open\n");

	(void)state;
	assert_false(brm_where_match(r, "status"));
	assert_false(brm_where_match(r, "=open"));
	assert_false(brm_where_match(r, "status=open nonsense"));
	assert_false(brm_where_match(r, "status.x=open"));
	brm_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_where__top_level_field),
		cmocka_unit_test(test_where__missing_field_is_its_default),
		cmocka_unit_test(test_where__some_item_of_a_list),
		cmocka_unit_test(test_where__malformed_terms_never_hold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
