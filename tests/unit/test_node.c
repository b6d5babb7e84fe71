#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/node.h"

static int typed(const char *s)
{
	return brm_scalar_looks_typed(s, strlen(s));
}

static void test_node__map_keeps_insertion_order(void **state)
{
	struct brm_node *m = brm_node_new_map();

	brm_node_set(m, "name", brm_node_new_str("Acme"));
	brm_node_set(m, "zeta", brm_node_new_plain("1"));
	brm_node_set(m, "alpha", brm_node_new_str("a"));
	assert_int_equal(m->n, 3);
	assert_string_equal(m->keys[0], "name");
	assert_string_equal(m->keys[1], "zeta");
	assert_string_equal(m->keys[2], "alpha");
	assert_int_equal(brm_node_index(m, "alpha"), 2);
	assert_int_equal(brm_node_index(m, "nope"), -1);
	assert_string_equal(brm_node_str(m, "name"), "Acme");
	assert_int_equal(brm_node_get(m, "zeta")->plain, 1);
	assert_int_equal(brm_node_get(m, "name")->plain, 0);
	assert_null(brm_node_get(m, "nope"));
	assert_null(brm_node_str(m, "nope"));
	brm_node_free(m);
}

static void test_node__set_replaces_in_place(void **state)
{
	struct brm_node *m = brm_node_new_map();

	brm_node_set(m, "a", brm_node_new_str("1"));
	brm_node_set(m, "b", brm_node_new_str("2"));
	brm_node_set(m, "c", brm_node_new_str("3"));
	brm_node_set(m, "b", brm_node_new_str("two"));
	assert_int_equal(m->n, 3);
	assert_string_equal(m->keys[1], "b");
	assert_string_equal(brm_node_str(m, "b"), "two");
	brm_node_free(m);
}

static void test_node__insert_and_remove(void **state)
{
	struct brm_node *m = brm_node_new_map();
	int i;
	char key[16];

	/* enough keys to make the arrays grow */
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "k%02d", i);
		brm_node_set(m, key, brm_node_new_str(key));
	}
	brm_node_insert(m, 0, "first", brm_node_new_str("f"));
	brm_node_insert(m, 5, "fifth", brm_node_new_str("5"));
	brm_node_insert(m, m->n, "last", brm_node_new_str("l"));
	assert_int_equal(m->n, 23);
	assert_string_equal(m->keys[0], "first");
	assert_string_equal(m->keys[1], "k00");
	assert_string_equal(m->keys[5], "fifth");
	assert_string_equal(m->keys[6], "k04");
	assert_string_equal(m->keys[22], "last");

	assert_int_equal(brm_node_remove(m, "fifth"), 1);
	assert_int_equal(brm_node_remove(m, "fifth"), 0);
	assert_int_equal(brm_node_remove(m, "first"), 1);
	assert_int_equal(brm_node_remove(m, "last"), 1);
	assert_int_equal(m->n, 20);
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "k%02d", i);
		assert_string_equal(m->keys[i], key);
		assert_string_equal(m->items[i]->value, key);
	}
	brm_node_free(m);
}

static void test_node__sequence(void **state)
{
	struct brm_node *s = brm_node_new_seq();

	brm_node_append(s, brm_node_new_str("a"));
	brm_node_append(s, brm_node_new_str("b"));
	brm_node_append(s, brm_node_new_str("c"));
	brm_node_remove_at(s, 1);
	brm_node_remove_at(s, 7);	/* out of range: nothing */
	assert_int_equal(s->n, 2);
	assert_string_equal(s->items[0]->value, "a");
	assert_string_equal(s->items[1]->value, "c");
	assert_null(s->keys);
	/* a sequence is not a map */
	assert_null(brm_node_get(s, "a"));
	assert_int_equal(brm_node_index(s, "a"), -1);
	brm_node_free(s);
	brm_node_free(NULL);
}

static void test_node__strn_keeps_embedded_bytes(void **state)
{
	struct brm_node *n = brm_node_new_strn("a\0b", 3);

	assert_int_equal(n->len, 3);
	assert_memory_equal(n->value, "a\0b", 4);
	assert_int_equal(n->line, 0);
	brm_node_free(n);
}

static struct brm_node *sample(void)
{
	struct brm_node *m = brm_node_new_map(), *s = brm_node_new_seq();
	struct brm_node *inner = brm_node_new_map();

	brm_node_set(inner, "x", brm_node_new_plain("1"));
	brm_node_append(s, brm_node_new_str("one"));
	brm_node_append(s, inner);
	brm_node_set(m, "list", s);
	brm_node_set(m, "name", brm_node_new_str("Acme"));
	brm_node_set(m, "empty", brm_node_new_map());
	return m;
}

static void test_node__dup_and_equal(void **state)
{
	struct brm_node *a = sample(), *b;

	a->line = 3;
	b = brm_node_dup(a);
	assert_true(brm_node_equal(a, b));
	assert_int_equal(b->line, 3);
	/* positions do not count */
	b->items[1]->line = 42;
	assert_true(brm_node_equal(a, b));
	/* the plain flag does: "1" the number is not "1" the string */
	brm_node_get(brm_node_get(b, "list")->items[1], "x")->plain = 0;
	assert_false(brm_node_equal(a, b));
	brm_node_free(b);

	b = brm_node_dup(a);
	brm_node_set(b, "name", brm_node_new_str("Acme Corp"));
	assert_false(brm_node_equal(a, b));
	brm_node_free(b);

	b = brm_node_dup(a);
	brm_node_remove(b, "empty");
	assert_false(brm_node_equal(a, b));
	brm_node_insert(b, 0, "empty", brm_node_new_map());
	assert_false(brm_node_equal(a, b));	/* key order counts */
	brm_node_free(b);

	assert_true(brm_node_equal(NULL, NULL));
	assert_false(brm_node_equal(a, NULL));
	assert_null(brm_node_dup(NULL));
	brm_node_free(a);
}

static const char *const typed_words[] = {
	/* null, merge, value */
	"", "~", "null", "Null", "NULL", "<<", "=",
	/* bool, YAML 1.1 */
	"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"true", "True", "TRUE", "false", "False", "FALSE",
	"on", "On", "ON", "off", "Off", "OFF",
	/* int */
	"0", "7", "-7", "+7", "42", "1_000", "0x10", "0xFF_FF", "-0x1f",
	"0o17", "0O17", "017", "007", "09", "0b1010", "0b1_0", "+0b1",
	"1:20", "-1:20:30", "190:20:30",
	/* float */
	"1.5", "99.9", "-1.5", ".5", "+.5", "1.", "1e3", "1E3", "1.0e+3",
	"-2.5e-10", "6.8523015e+5", "685_230.15", "1:20.5", "190:20:30.15",
	".inf", ".Inf", ".INF", "-.inf", "+.inf", "-.Inf", ".nan", ".NaN",
	".NAN",
	/* timestamp */
	"2026-11-22", "2026-1-2", "2026-11-22T14:30:00+03:00",
	"2026-11-22 14:30:00", "2026-11-22t14:30:00Z",
	"2026-11-22T14:30:00.123Z", "2001-12-14 21:59:43.10 -5",
	"2001-12-14\t21:59:43.10 +05:30", "2026-11-22T14:30",
	NULL
};

static const char *const string_words[] = {
	"hello", "acme-corp", "yes please", "Yes!", "nope", "nULL",
	"tRUE", "On Call", "0x", "0b", "0b2", "0o8", "0xg", "+", "-", ".",
	"e3", ".e3", "1e", "1.2.3", "v1.2", "1 apple", "12abc", "1:",
	":20", "~x", "<", "<<<", "==", "a=b", "Sat 22:00-02:00",
	"2026-11-22 meeting", "2026-11-22T", "2026-11", "26-11-22",
	"20261-11-22", "2026-11-22T14", "inf", ".infinity", "nan", "NaN",
	"_", "._", "- x", "a: b", "#", "Привет", "日本語",
	NULL
};

static void test_node__looks_typed(void **state)
{
	size_t i;

	for (i = 0; typed_words[i]; i++)
		if (!typed(typed_words[i]))
			fail_msg("'%s' should look typed", typed_words[i]);
	for (i = 0; string_words[i]; i++)
		if (typed(string_words[i]))
			fail_msg("'%s' should not look typed",
			    string_words[i]);
	/* the length counts, not the NUL */
	assert_true(brm_scalar_looks_typed("truex", 4));
	assert_false(brm_scalar_looks_typed("1\0" "2", 3));
}

static int have_pyyaml(void)
{
	return system("/usr/bin/python3 -c 'import yaml' 2>/dev/null") == 0;
}

/* Every string of up to 4 characters over a number-like alphabet, with
 * our verdict, for PyYAML's resolver to judge. */
static void write_candidates(FILE *f)
{
	static const char alpha[] = "019.:-+_eExobT Z~n";
	size_t na = sizeof(alpha) - 1, len, c, lim, k, x;
	char s[8];

	for (len = 1; len <= 4; len++) {
		for (lim = 1, k = 0; k < len; k++)
			lim *= na;
		for (c = 0; c < lim; c++) {
			for (x = c, k = 0; k < len; k++, x /= na)
				s[k] = alpha[x % na];
			s[len] = '\0';
			fprintf(f, "%d %s\n", typed(s), s);
		}
	}
	for (k = 0; typed_words[k]; k++)
		fprintf(f, "%d %s\n", typed(typed_words[k]), typed_words[k]);
}

/*
 * Under-quoting is the bug that matters: no string PyYAML would read as
 * another type may look untyped to us.
 */
static void test_node__looks_typed_covers_pyyaml(void **state)
{
	static const char script[] =
	    "import sys, yaml\n"
	    "r = yaml.resolver.Resolver()\n"
	    "bad = 0\n"
	    "for line in open(sys.argv[1], encoding='utf-8'):\n"
	    "    verdict, s = line[0], line[2:-1]\n"
	    "    tag = r.resolve(yaml.ScalarNode, s, (True, False))\n"
	    "    if tag != 'tag:yaml.org,2002:str' and verdict == '0':\n"
	    "        print('untyped but', tag, repr(s)); bad += 1\n"
	    "sys.exit(1 if bad else 0)\n";
	char dir[] = "/tmp/brm-test-node-XXXXXX";
	char *data = NULL, *py = NULL, *cmd = NULL;
	FILE *f;
	int rc;

	if (!have_pyyaml())
		skip();
	assert_non_null(mkdtemp(dir));
	data = brm_xprintf("%s/candidates", dir);
	py = brm_xprintf("%s/check.py", dir);
	assert_non_null(f = fopen(data, "w"));
	write_candidates(f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(f = fopen(py, "w"));
	fputs(script, f);
	assert_int_equal(fclose(f), 0);
	cmd = brm_xprintf("/usr/bin/python3 %s %s", py, data);
	rc = system(cmd);
	unlink(data);
	unlink(py);
	rmdir(dir);
	free(data);
	free(py);
	free(cmd);
	assert_int_equal(rc, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_node__map_keeps_insertion_order),
		cmocka_unit_test(test_node__set_replaces_in_place),
		cmocka_unit_test(test_node__insert_and_remove),
		cmocka_unit_test(test_node__sequence),
		cmocka_unit_test(test_node__strn_keeps_embedded_bytes),
		cmocka_unit_test(test_node__dup_and_equal),
		cmocka_unit_test(test_node__looks_typed),
		cmocka_unit_test(test_node__looks_typed_covers_pyyaml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
