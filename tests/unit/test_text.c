#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"

/* Check s (with an explicit length, so NUL can be tested) in mode. */
static int check(const char *s, size_t len, int mode)
{
	return brm_text_check(s, len, mode, "--summary");
}

#define CHECK(lit, mode) check(lit, sizeof(lit) - 1, mode)

static void test_text__accepts_any_valid_text(void **state)
{
	static const char *const ok[] = {
		"", "plain ascii", "Привет, мир", "日本語",
		"emoji \xf0\x9f\x98\x80 ok", "nbsp\xc2\xa0here",
		"max \xf4\x8f\xbf\xbf", "last bmp \xef\xbf\xbd",
		"before surrogates \xed\x9f\xbf", "after \xee\x80\x80",
		"line sep \xe2\x80\xa8", "bom \xef\xbb\xbf", "~!@#$%^&*()",
		NULL
	};
	size_t i;

	for (i = 0; ok[i]; i++) {
		assert_int_equal(check(ok[i], strlen(ok[i]), BRM_TEXT_LINE),
		    0);
		assert_int_equal(check(ok[i], strlen(ok[i]),
		    BRM_TEXT_MULTILINE), 0);
		assert_true(brm_utf8_valid(ok[i], strlen(ok[i]), NULL));
	}
}

static void test_text__rejects_invalid_utf8(void **state)
{
	static const struct {
		const char *s;
		size_t bad;
	} cases[] = {
		{ "ab\x80", 2 },		/* stray continuation */
		{ "\xc0\x80", 0 },		/* overlong NUL */
		{ "x\xc1\xbf", 1 },		/* overlong 2-byte */
		{ "\xe0\x80\xaf", 0 },		/* overlong 3-byte */
		{ "\xf0\x82\x82\xac", 0 },	/* overlong 4-byte */
		{ "ok\xed\xa0\x80", 2 },	/* high surrogate */
		{ "\xed\xbf\xbf", 0 },		/* low surrogate */
		{ "\xf4\x90\x80\x80", 0 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", 0 },	/* lead byte past F4 */
		{ "\xff", 0 },
		{ "end\xe2\x82", 3 },		/* truncated at the end */
		{ "\xe2\x28\xa1", 0 },		/* bad continuation */
		{ "\xf0\x9f\x98", 0 },		/* truncated emoji */
		{ "a\xc3", 1 },
	};
	size_t i, off;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *s = cases[i].s;

		off = 999;
		assert_false(brm_utf8_valid(s, strlen(s), &off));
		assert_int_equal(off, cases[i].bad);
		assert_int_equal(check(s, strlen(s), BRM_TEXT_MULTILINE),
		    BRM_EINVALID);
	}
	assert_int_equal(CHECK("abc\xed\xa0\x80", BRM_TEXT_LINE),
	    BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "--summary contains invalid UTF-8 at byte 3");
}

static void test_text__newline_and_tab_only_in_multiline(void **state)
{
	assert_int_equal(CHECK("a\nb", BRM_TEXT_MULTILINE), 0);
	assert_int_equal(CHECK("a\tb", BRM_TEXT_MULTILINE), 0);
	assert_int_equal(CHECK("a\nb", BRM_TEXT_LINE), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "--summary contains a control character (U+000A) at byte 1");
	assert_int_equal(CHECK("ab\tc", BRM_TEXT_LINE), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "--summary contains a control character (U+0009) at byte 2");
}

static void test_text__rejects_control_characters(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		const char *msg;
	} cases[] = {
		{ "a\0b", 3, "(U+0000) at byte 1" },
		{ "\x01", 1, "(U+0001) at byte 0" },
		{ "a\rb", 3, "(U+000D) at byte 1" },
		{ "line\r\n", 6, "(U+000D) at byte 4" },
		{ "esc\x1b[0m", 7, "(U+001B) at byte 3" },
		{ "\x1f", 1, "(U+001F) at byte 0" },
		{ "del\x7f", 4, "(U+007F) at byte 3" },
		{ "\xd0\xb6\xc2\x80", 4, "(U+0080) at byte 2" },
		{ "nel\xc2\x85", 5, "(U+0085) at byte 3" },
		{ "\xc2\x9f", 2, "(U+009F) at byte 0" },
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(check(cases[i].s, cases[i].len,
		    BRM_TEXT_MULTILINE), BRM_EINVALID);
		snprintf(want, sizeof(want),
		    "--summary contains a control character %s",
		    cases[i].msg);
		assert_string_equal(brm_error_last(), want);
		assert_int_equal(check(cases[i].s, cases[i].len,
		    BRM_TEXT_LINE), BRM_EINVALID);
	}
	/* U+00A0 is the first code point after the C1 block */
	assert_int_equal(CHECK("\xc2\xa0", BRM_TEXT_LINE), 0);
}

static void test_text__invalid_utf8_wins_over_later_controls(void **state)
{
	assert_int_equal(CHECK("\xff\x01", BRM_TEXT_LINE), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "--summary contains invalid UTF-8 at byte 0");
	assert_int_equal(CHECK("\x01\xff", BRM_TEXT_LINE), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "--summary contains a control character (U+0001) at byte 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__accepts_any_valid_text),
		cmocka_unit_test(test_text__rejects_invalid_utf8),
		cmocka_unit_test(test_text__newline_and_tab_only_in_multiline),
		cmocka_unit_test(test_text__rejects_control_characters),
		cmocka_unit_test(
		    test_text__invalid_utf8_wins_over_later_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
