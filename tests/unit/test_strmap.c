#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"

static int one, two, three;

/* a value that is not a pointer to anything: i + 1, never NULL */
#define NTH(i) ((void *)(uintptr_t)((i) + 1))

static void test_strmap__set_then_get(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;

	assert_null(brm_strmap_set(&m, "customer acme", &one));
	assert_null(brm_strmap_set(&m, "service hosting", &two));
	assert_ptr_equal(brm_strmap_get(&m, "customer acme"), &one);
	assert_ptr_equal(brm_strmap_get(&m, "service hosting"), &two);
	assert_int_equal(m.n, 2);
	brm_strmap_release(&m, NULL);
}

static void test_strmap__a_missing_key_is_null(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;

	/* an empty map has no table yet */
	assert_null(brm_strmap_get(&m, "acme"));
	brm_strmap_set(&m, "acme", &one);
	assert_null(brm_strmap_get(&m, "acm"));
	assert_null(brm_strmap_get(&m, "acme "));
	assert_null(brm_strmap_get(&m, "ACME"));
	assert_null(brm_strmap_get(&m, ""));
	assert_int_equal(m.n, 1);
	brm_strmap_release(&m, NULL);
}

static void test_strmap__set_replaces_and_returns_the_old_value(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;

	brm_strmap_set(&m, "acme", &one);
	assert_ptr_equal(brm_strmap_set(&m, "acme", &two), &one);
	assert_ptr_equal(brm_strmap_get(&m, "acme"), &two);
	assert_int_equal(m.n, 1);
	brm_strmap_release(&m, NULL);
}

static void test_strmap__at_adds_once(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;
	void **v;
	int added = -1;

	v = brm_strmap_at(&m, "acme", &added);
	assert_int_equal(added, 1);
	assert_null(*v);
	*v = &one;
	/* a key whose value is NULL is there all the same */
	*brm_strmap_at(&m, "globex", NULL) = NULL;
	v = brm_strmap_at(&m, "globex", &added);
	assert_int_equal(added, 0);
	assert_null(*v);
	v = brm_strmap_at(&m, "acme", &added);
	assert_int_equal(added, 0);
	assert_ptr_equal(*v, &one);
	assert_int_equal(m.n, 2);
	brm_strmap_release(&m, NULL);
}

static void test_strmap__keys_are_copied(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;
	char key[16];

	strcpy(key, "acme");
	brm_strmap_set(&m, key, &one);
	strcpy(key, "globex");
	brm_strmap_set(&m, key, &two);
	strcpy(key, "zzzz");
	assert_ptr_equal(brm_strmap_get(&m, "acme"), &one);
	assert_ptr_equal(brm_strmap_get(&m, "globex"), &two);
	assert_null(brm_strmap_get(&m, "zzzz"));
	brm_strmap_release(&m, NULL);
}

static void test_strmap__grows_past_many_thousand_keys(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;
	enum { N = 50000 };
	char key[32];
	size_t i;

	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "customer c-%zu", i);
		assert_null(brm_strmap_set(&m, key, NTH(i)));
	}
	assert_int_equal(m.n, N);
	/* at most half full, so that probing stays short */
	assert_true(m.cap >= 2 * N);
	assert_int_equal(m.cap & (m.cap - 1), 0);
	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "customer c-%zu", i);
		assert_ptr_equal(brm_strmap_get(&m, key), NTH(i));
	}
	for (i = N; i < N + 1000; i++) {
		snprintf(key, sizeof(key), "customer c-%zu", i);
		assert_null(brm_strmap_get(&m, key));
	}
	brm_strmap_release(&m, NULL);
	assert_int_equal(m.n, 0);
	assert_null(m.slots);
}

static void test_strmap__non_ascii_keys_are_their_bytes(void **state)
{
	static const char *const keys[] = {
		"Müller GmbH", "Mu\xcc\x88ller GmbH",	/* NFC, NFD */
		"Привет", "日本語", "\xf0\x9f\x98\x80", "\xff\xfe",
		"caf\xc3\xa9", "caf\xc3\xa8", NULL
	};
	struct brm_strmap m = BRM_STRMAP_INIT;
	size_t i;

	for (i = 0; keys[i]; i++)
		brm_strmap_set(&m, keys[i], NTH(i));
	assert_int_equal(m.n, i);
	for (i = 0; keys[i]; i++)
		assert_ptr_equal(brm_strmap_get(&m, keys[i]), NTH(i));
	assert_null(brm_strmap_get(&m, "Muller GmbH"));
	assert_null(brm_strmap_get(&m, "caf\xc3"));
	brm_strmap_release(&m, NULL);
}

static void test_strmap__the_empty_key_is_a_key(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;
	int added;

	brm_strmap_set(&m, "", &one);
	brm_strmap_set(&m, " ", &two);
	assert_ptr_equal(brm_strmap_get(&m, ""), &one);
	assert_ptr_equal(brm_strmap_get(&m, " "), &two);
	brm_strmap_at(&m, "", &added);
	assert_int_equal(added, 0);
	assert_int_equal(m.n, 2);
	brm_strmap_release(&m, NULL);
}

static void test_strmap__release_frees_values_when_asked(void **state)
{
	struct brm_strmap m = BRM_STRMAP_INIT;

	/* under ASan a value not freed is a leak, one freed twice a crash */
	brm_strmap_set(&m, "a", brm_strdup("one"));
	brm_strmap_set(&m, "b", brm_strdup("two"));
	brm_strmap_set(&m, "c", NULL);
	brm_strmap_release(&m, free);
	assert_int_equal(m.n, 0);
	/* released, the map is empty and takes keys again */
	brm_strmap_set(&m, "a", &three);
	assert_ptr_equal(brm_strmap_get(&m, "a"), &three);
	brm_strmap_release(&m, NULL);
	brm_strmap_release(NULL, NULL);
}

static void test_strmap__hash_is_fnv1a(void **state)
{
	/* the published FNV-1a test vectors, 64 bits */
	if (sizeof(size_t) < 8)
		skip();
	assert_true(brm_strmap_hash("") == (size_t)0xcbf29ce484222325ULL);
	assert_true(brm_strmap_hash("a") == (size_t)0xaf63dc4c8601ec8cULL);
	assert_true(brm_strmap_hash("foobar") ==
	    (size_t)0x85944171f73967e8ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap__set_then_get),
		cmocka_unit_test(test_strmap__a_missing_key_is_null),
		cmocka_unit_test(
		    test_strmap__set_replaces_and_returns_the_old_value),
		cmocka_unit_test(test_strmap__at_adds_once),
		cmocka_unit_test(test_strmap__keys_are_copied),
		cmocka_unit_test(test_strmap__grows_past_many_thousand_keys),
		cmocka_unit_test(test_strmap__non_ascii_keys_are_their_bytes),
		cmocka_unit_test(test_strmap__the_empty_key_is_a_key),
		cmocka_unit_test(test_strmap__release_frees_values_when_asked),
		cmocka_unit_test(test_strmap__hash_is_fnv1a),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
