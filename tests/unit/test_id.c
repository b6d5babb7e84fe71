#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/id.h"

static void test_id__slug_from_name(void **state)
{
	static const char *const cases[][2] = {
		{ "Acme Corp", "acme-corp" },
		{ "  Acme   Corp  ", "acme-corp" },
		{ "Müller & Söhne GmbH", "mueller-soehne-gmbh" },
		{ "Café Zürich", "cafe-zuerich" },
		{ "R&D", "r-d" },
		{ "ACME-42", "acme-42" },
		{ "Škoda Łódź Œuvre", "skoda-lodz-oeuvre" },
	};
	size_t i;
	char *id;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		id = brm_id_from_name(cases[i][0]);
		assert_non_null(id);
		assert_string_equal(id, cases[i][1]);
		assert_true(brm_id_is_slug(id));
		free(id);
	}
}

static void test_id__no_slug_from_nothing_usable(void **state)
{
	(void)state;
	assert_null(brm_id_from_name("Рога и копыта"));
	assert_int_equal(brm_error_code(), BRM_EINVALID);
	assert_non_null(brm_error_last_hint());
	assert_null(brm_id_from_name("***"));
}

static void test_id__paths_stay_inside_their_folder(void **state)
{
	static const char *const bad[] = { "../x", "a/b", ".hidden", "-x",
		"A", "a b", "a.yaml", "", "ä" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(brm_id_check(&brm_kind_customer, bad[i]),
		    BRM_EINVALID);
	assert_int_equal(brm_id_check(&brm_kind_customer, "acme-corp"), 0);
}

static void test_id__named_path(void **state)
{
	char *p = brm_id_path(&brm_kind_customer, "acme-corp");

	(void)state;
	assert_string_equal(p, "customers/acme-corp.yaml");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id__slug_from_name),
		cmocka_unit_test(test_id__no_slug_from_nothing_usable),
		cmocka_unit_test(test_id__paths_stay_inside_their_folder),
		cmocka_unit_test(test_id__named_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
