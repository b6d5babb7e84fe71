/*
 * test_sla.c - core/sla.c's comparison rule: a supplier contract must be
 * strictly stricter than a customer SLA in every term both state.
 */
#include "unit.h"

#include <string.h>

#include "core/node.h"
#include "core/schema.h"
#include "core/sla.h"
#include "formats/yaml.h"

static struct brm_sla_terms terms(const char *yaml)
{
	struct brm_sla_terms t;
	struct brm_node *n = NULL;

	assert_int_equal(brm_yaml_load(&n, yaml, strlen(yaml), "t"), 0);
	brm_sla_terms_from(&t, n);
	brm_node_free(n);
	return t;
}

static void test_sla__terms_from_a_mapping(void **state)
{
	struct brm_sla_terms t;

	(void)state;
	t = terms("response_hours: 4\nresolution_hours: 24.5\n"
	    "availability: 99.9\nother: 1\n");
	assert_int_equal(t.has, BRM_SLA_RESPONSE | BRM_SLA_RESOLUTION |
	    BRM_SLA_AVAILABILITY);
	assert_true(t.response_hours == 4);
	assert_true(t.resolution_hours == 24.5);
	assert_true(t.availability == 99.9);
	/* absent, empty and non-numbers count as not stated */
	t = terms("response_hours: four\nresolution_hours: ~\n"
	    "availability: 99.5\n");
	assert_int_equal(t.has, BRM_SLA_AVAILABILITY);
	brm_sla_terms_from(&t, NULL);
	assert_int_equal(t.has, 0);
}

static void test_sla__stricter_in_every_term_backs(void **state)
{
	struct brm_sla_terms c = terms("response_hours: 2\n"
	    "resolution_hours: 8\navailability: 99.95\n");
	struct brm_sla_terms s = terms("response_hours: 4\n"
	    "resolution_hours: 24\navailability: 99.9\n");

	(void)state;
	assert_int_equal(brm_sla_looser(&c, &s), 0);
}

static void test_sla__each_looser_term_is_named(void **state)
{
	struct brm_sla_terms s = terms("response_hours: 4\n"
	    "resolution_hours: 24\navailability: 99.9\n");
	struct brm_sla_terms c;

	(void)state;
	c = terms("response_hours: 8\nresolution_hours: 8\n"
	    "availability: 99.95\n");
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_RESPONSE);
	c = terms("response_hours: 2\nresolution_hours: 48\n"
	    "availability: 99.95\n");
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_RESOLUTION);
	c = terms("response_hours: 2\nresolution_hours: 8\n"
	    "availability: 99.5\n");
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_AVAILABILITY);
	c = terms("response_hours: 5\nresolution_hours: 25\n"
	    "availability: 99\n");
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_RESPONSE |
	    BRM_SLA_RESOLUTION | BRM_SLA_AVAILABILITY);
}

static void test_sla__equal_is_not_stricter(void **state)
{
	struct brm_sla_terms s = terms("response_hours: 4\n"
	    "resolution_hours: 24\navailability: 99.9\n");
	struct brm_sla_terms c = terms("response_hours: 4.0\n"
	    "resolution_hours: 24\navailability: 99.90\n");

	(void)state;
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_RESPONSE |
	    BRM_SLA_RESOLUTION | BRM_SLA_AVAILABILITY);
}

static void test_sla__only_terms_both_state(void **state)
{
	struct brm_sla_terms c, s;

	(void)state;
	c = terms("response_hours: 48\n");
	s = terms("availability: 99.9\n");
	assert_int_equal(brm_sla_looser(&c, &s), 0);
	s = terms("availability: 99.9\nresponse_hours: 4\n");
	assert_int_equal(brm_sla_looser(&c, &s), BRM_SLA_RESPONSE);
	c = terms("availability: 100\n");
	s = terms("resolution_hours: 1\n");
	assert_int_equal(brm_sla_looser(&c, &s), 0);
	brm_sla_terms_from(&s, NULL);
	assert_int_equal(brm_sla_looser(&c, &s), 0);
}

static void test_sla__metric_names(void **state)
{
	(void)state;
	assert_string_equal(brm_sla_metric(BRM_SLA_RESPONSE),
	    "response_hours");
	assert_string_equal(brm_sla_metric(BRM_SLA_RESOLUTION),
	    "resolution_hours");
	assert_string_equal(brm_sla_metric(BRM_SLA_AVAILABILITY),
	    "availability");
	assert_null(brm_sla_metric(1u << 7));
	/* the names are the fields of both schemas */
	assert_non_null(brm_field_at(&brm_kind_customer,
	    "services.sla.response_hours"));
	assert_non_null(brm_field_at(&brm_kind_supplier,
	    "contracts.resolution_hours"));
	assert_non_null(brm_field_at(&brm_kind_supplier,
	    "contracts.availability"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sla__terms_from_a_mapping),
		cmocka_unit_test(test_sla__stricter_in_every_term_backs),
		cmocka_unit_test(test_sla__each_looser_term_is_named),
		cmocka_unit_test(test_sla__equal_is_not_stricter),
		cmocka_unit_test(test_sla__only_terms_both_state),
		cmocka_unit_test(test_sla__metric_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
