#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/validate.h"
#include "formats/yaml.h"

static const struct brm_field *field(const char *path)
{
	const struct brm_field *f = brm_field_at(&brm_kind_customer, path);

	assert_non_null(f);
	return f;
}

static void accepts(const char *path, const char *text, const char *want,
    int plain)
{
	struct brm_node *n = NULL;

	assert_int_equal(brm_field_parse(&n, field(path), text, path), 0);
	assert_string_equal(n->value, want);
	assert_int_equal(n->plain, plain);
	brm_node_free(n);
}

static void refuses(const char *path, const char *text, const char *msg)
{
	struct brm_node *n = NULL;

	assert_int_equal(brm_field_parse(&n, field(path), text, path),
	    BRM_EINVALID);
	assert_null(n);
	if (msg)
		assert_string_equal(brm_error_last(), msg);
}

static void test_schema__field_paths(void **state)
{
	(void)state;
	assert_int_equal(field("review.cadence")->type, BRM_F_ENUM);
	assert_int_equal(field("services.sla.availability")->type,
	    BRM_F_PERCENT);
	assert_int_equal(field("contacts.0.email")->type, BRM_F_EMAIL);
	assert_null(brm_field_at(&brm_kind_customer, "nope"));
	assert_null(brm_field_at(&brm_kind_customer, "name.x"));
}

static void test_schema__typed_values(void **state)
{
	(void)state;
	accepts("status", "former", "former", 0);
	accepts("services.sla.availability", "99.9", "99.9", 1);
	accepts("services.vital", "yes", "true", 1);
	accepts("review.next_contract_review", "2027-03-01", "2027-03-01", 1);
	accepts("name", "yes", "yes", 0);	/* text is data */
	accepts("contacts.email", "a.b@example.com", "a.b@example.com", 0);
}

static void test_schema__bad_values_name_the_form(void **state)
{
	(void)state;
	refuses("status", "gone", "invalid status 'gone' (expected one of "
	    "prospect|active|former)");
	refuses("services.sla.availability", "100.5", "invalid "
	    "services.sla.availability '100.5' (expected a number from 0 to "
	    "100)");
	refuses("services.sla.availability", "1e2", NULL);
	refuses("services.sla.response_hours", "four", NULL);
	refuses("review.next_contract_review", "2026-02-30", NULL);
	refuses("contacts.email", "not-an-address", NULL);
	refuses("contacts.email", "a@b", NULL);
	refuses("name", "a\x01z", NULL);
	refuses("name", "bad \xff utf8", NULL);
	refuses("name", "two\nlines", NULL);
}

static struct brm_node *load(const char *yaml)
{
	struct brm_node *n = NULL;

	assert_int_equal(brm_yaml_load(&n, yaml, strlen(yaml), "t.yaml"), 0);
	return n;
}

static size_t errors_in(const char *yaml, const char *first)
{
	struct brm_problems p = BRM_PROBLEMS_INIT;
	struct brm_node *n = load(yaml);
	size_t errors;
	char *s;

	p.file = "t.yaml";
	errors = brm_validate(&brm_kind_customer, n, &p);
	if (first) {
		assert_true(p.n > 0);
		s = brm_problem_format(&p.items[0]);
		assert_string_equal(s, first);
		free(s);
	}
	brm_problems_release(&p);
	brm_node_free(n);
	return errors;
}

static void test_schema__validation_reports_positions(void **state)
{
	(void)state;
	assert_int_equal(errors_in("id: a\nname: A\nstatus: active\n", NULL),
	    0);
	assert_int_equal(errors_in("id: a\nname: A\nstatus: asleep\n",
	    "t.yaml:3:9: invalid status 'asleep' (expected one of "
	    "prospect|active|former)"), 1);
	assert_int_equal(errors_in("id: a\nstatus: active\n",
	    "t.yaml:1:1: missing required field 'name'"), 1);
	assert_int_equal(errors_in("id: a\nname: A\ncontacts:\n- name: B\n"
	    "  email: nope\n", "t.yaml:5:10: invalid contacts.0.email "
	    "'nope' (expected an address such as name@example.com)"), 1);
	assert_int_equal(errors_in("id: a\nname: A\nreview: monthly\n",
	    "t.yaml:3:9: review: expected a mapping"), 1);
	/* fields a user adds are theirs */
	assert_int_equal(errors_in("id: a\nname: A\nmy_field: [1, 2]\n",
	    NULL), 0);
}

static void test_schema__set_keeps_schema_order_and_user_fields(void **s)
{
	struct brm_node *root = load("id: acme\nname: Acme\nmine: 1\n"
	    "review:\n  theirs: x\n");
	struct brm_record *r = brm_record_wrap(&brm_kind_customer, "acme",
	    root);
	struct brm_buf out = BRM_BUF_INIT;

	(void)s;
	assert_int_equal(brm_record_set(r, "status",
	    brm_node_new_str("active")), 0);
	assert_int_equal(brm_record_set(r, "review.cadence",
	    brm_node_new_str("monthly")), 0);
	assert_int_equal(brm_record_set(r, "kind",
	    brm_node_new_str("external")), 0);
	assert_int_equal(brm_record_set(r, "name.x", brm_node_new_str("v")),
	    BRM_EINVALID);
	assert_int_equal(brm_yaml_emit(&out, r->root), 0);
	assert_string_equal(out.data, "id: acme\nname: Acme\nkind: external\n"
	    "status: active\nmine: 1\nreview:\n  cadence: monthly\n"
	    "  theirs: x\n");
	brm_buf_release(&out);
	brm_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema__field_paths),
		cmocka_unit_test(test_schema__typed_values),
		cmocka_unit_test(test_schema__bad_values_name_the_form),
		cmocka_unit_test(test_schema__validation_reports_positions),
		cmocka_unit_test(
		    test_schema__set_keeps_schema_order_and_user_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
