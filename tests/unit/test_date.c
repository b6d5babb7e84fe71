#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/error.h"

static void test_date__parses_real_dates(void **state)
{
	struct brm_date d;

	(void)state;
	assert_int_equal(brm_date_parse(&d, "2026-11-22", "date"), 0);
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 11);
	assert_int_equal(d.day, 22);
	assert_int_equal(brm_date_parse(&d, "2024-02-29", "date"), 0);
}

static void test_date__refuses_impossible_and_malformed(void **state)
{
	static const char *const bad[] = { "2026-02-30", "2025-02-29",
		"2026-13-01", "2026-00-10", "2026-04-31", "2026-1-02",
		"26-01-02", "2026-01-02x", "", "today ", "2026/01/02",
		"1900-02-29" };
	struct brm_date d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(brm_date_parse(&d, bad[i], "--date"),
		    BRM_EINVALID);
	brm_date_parse(&d, "2026-02-30", "--date");
	assert_string_equal(brm_error_last(),
	    "invalid --date '2026-02-30': no such date");
}

static void test_date__today_and_yesterday_follow_brm_now(void **state)
{
	char buf[BRM_DATE_LEN];
	struct brm_date d;

	(void)state;
	setenv("BRM_NOW", "2026-03-01T08:00:00+01:00", 1);
	assert_int_equal(brm_date_parse_user(&d, "yesterday", "d"), 0);
	brm_date_format(buf, &d);
	assert_string_equal(buf, "2026-02-28");
	assert_int_equal(brm_date_parse_user(&d, "today", "d"), 0);
	brm_date_format(buf, &d);
	assert_string_equal(buf, "2026-03-01");
	unsetenv("BRM_NOW");
}

static void test_date__datetime_keeps_its_offset(void **state)
{
	char buf[BRM_DATETIME_LEN];
	struct brm_datetime t;

	(void)state;
	assert_int_equal(brm_datetime_parse(&t, "2026-10-03T09:12+02:00",
	    "t"), 0);
	brm_datetime_format(buf, &t);
	assert_string_equal(buf, "2026-10-03T09:12:00+02:00");
	assert_int_equal(brm_datetime_parse(&t, "2026-10-03T23:59:59Z",
	    "t"), 0);
	brm_datetime_format(buf, &t);
	assert_string_equal(buf, "2026-10-03T23:59:59+00:00");
	assert_int_equal(brm_datetime_parse(&t, "2026-10-03T24:00:00Z",
	    "t"), BRM_EINVALID);
	assert_int_equal(brm_datetime_parse(&t, "2026-02-30T10:00:00Z",
	    "t"), BRM_EINVALID);
	assert_int_equal(brm_datetime_parse(&t, "2026-10-03", "t"),
	    BRM_EINVALID);
}

static void test_date__epoch_and_weekday(void **state)
{
	struct brm_datetime a, b;
	struct brm_date d = { 2026, 11, 22 };

	(void)state;
	assert_int_equal(brm_date_weekday(&d), 6);	/* a Sunday */
	d = (struct brm_date){ 1970, 1, 1 };
	assert_int_equal(brm_date_to_days(&d), 0);
	d = brm_date_from_days(brm_date_to_days(&(struct brm_date){ 2024, 2,
	    28 }) + 1);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	brm_datetime_parse(&a, "2026-10-03T10:00:00+02:00", "a");
	brm_datetime_parse(&b, "2026-10-03T08:00:00Z", "b");
	assert_true(brm_datetime_epoch(&a) == brm_datetime_epoch(&b));
}

/* a commit's time: seconds since the epoch seen at its own offset */
static void test_date__from_epoch_at_an_offset(void **state)
{
	char out[BRM_DATETIME_LEN];
	struct brm_datetime t;

	(void)state;
	t = brm_datetime_from_epoch(1795338000LL, 60);
	brm_datetime_format(out, &t);
	assert_string_equal(out, "2026-11-22T10:00:00+01:00");
	assert_true(brm_datetime_epoch(&t) == 1795338000LL);
	/* the same moment seen from New York is still the 22nd, at 04:00 */
	t = brm_datetime_from_epoch(1795338000LL, -300);
	brm_datetime_format(out, &t);
	assert_string_equal(out, "2026-11-22T04:00:00-05:00");
	/* before 1970 and across midnight: 04:30 UTC on 1970-01-01 is
	 * 23:30 the day before at -05:00 */
	t = brm_datetime_from_epoch(16200LL, -300);
	brm_datetime_format(out, &t);
	assert_string_equal(out, "1969-12-31T23:30:00-05:00");
	t = brm_datetime_from_epoch(-1LL, 0);
	brm_datetime_format(out, &t);
	assert_string_equal(out, "1969-12-31T23:59:59+00:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__parses_real_dates),
		cmocka_unit_test(test_date__refuses_impossible_and_malformed),
		cmocka_unit_test(test_date__today_and_yesterday_follow_brm_now),
		cmocka_unit_test(test_date__datetime_keeps_its_offset),
		cmocka_unit_test(test_date__epoch_and_weekday),
		cmocka_unit_test(test_date__from_epoch_at_an_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
