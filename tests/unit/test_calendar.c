/*
 * test_calendar.c - working time: working days, holidays, deadlines in
 * working hours and the n-th working day of a month.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/error.h"
#include "formats/yaml.h"

static struct brm_node *config(const char *yaml)
{
	struct brm_node *n = NULL;

	assert_int_equal(brm_yaml_load(&n, yaml, strlen(yaml), "config"), 0);
	return n;
}

static struct brm_date day(const char *s)
{
	struct brm_date d;

	assert_int_equal(brm_date_parse(&d, s, "test"), 0);
	return d;
}

/* from + hours of working time, formatted, under the calendar of yaml
 * (NULL: the defaults). */
static void expect_after(const char *yaml, const char *from, double hours,
    const char *want)
{
	struct brm_node *cfg = yaml ? config(yaml) : NULL;
	struct brm_calendar cal;
	struct brm_datetime t, due;
	char buf[BRM_DATETIME_LEN];

	assert_int_equal(brm_calendar_load(&cal, cfg), 0);
	assert_int_equal(brm_datetime_parse(&t, from, "test"), 0);
	brm_calendar_add_hours(&due, &cal, &t, hours);
	brm_datetime_format(buf, &due);
	assert_string_equal(buf, want);
	brm_calendar_release(&cal);
	brm_node_free(cfg);
}

static void expect_nth(const char *yaml, int year, int month, int n,
    const char *want)
{
	struct brm_node *cfg = yaml ? config(yaml) : NULL;
	struct brm_calendar cal;
	struct brm_date d;
	char buf[BRM_DATE_LEN];

	assert_int_equal(brm_calendar_load(&cal, cfg), 0);
	d = brm_calendar_nth_working_day(&cal, year, month, n);
	brm_date_format(buf, &d);
	assert_string_equal(buf, want);
	brm_calendar_release(&cal);
	brm_node_free(cfg);
}

static void test_calendar__defaults_are_monday_to_friday(void **state)
{
	struct brm_calendar cal;
	/* 2026-11-16 is a Monday */
	static const char *const days[] = { "2026-11-16", "2026-11-17",
		"2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21",
		"2026-11-22" };
	struct brm_date d;
	int i;

	assert_int_equal(brm_calendar_load(&cal, NULL), 0);
	for (i = 0; i < 7; i++) {
		d = day(days[i]);
		assert_int_equal(brm_calendar_is_working(&cal, &d), i < 5);
	}
	brm_calendar_release(&cal);
}

static void test_calendar__holidays_are_not_working_days(void **state)
{
	struct brm_node *cfg = config("working_days: [mon, tue, wed, thu, "
	    "fri]\nholidays: [2026-12-25, 2026-01-01, not-a-date]\n");
	struct brm_calendar cal;
	struct brm_date d;

	assert_int_equal(brm_calendar_load(&cal, cfg), 0);
	assert_int_equal(cal.nholidays, 2);	/* the bad one is skipped */
	d = day("2026-12-25");
	assert_false(brm_calendar_is_working(&cal, &d));
	d = day("2026-12-24");
	assert_true(brm_calendar_is_working(&cal, &d));
	d = day("2026-01-01");
	assert_false(brm_calendar_is_working(&cal, &d));
	brm_calendar_release(&cal);
	brm_node_free(cfg);
}

static void test_calendar__hours_within_a_day(void **state)
{
	expect_after(NULL, "2026-11-16T09:00:00+01:00", 4,
	    "2026-11-16T13:00:00+01:00");
	expect_after(NULL, "2026-11-16T09:00:00+01:00", 0.5,
	    "2026-11-16T09:30:00+01:00");
	expect_after(NULL, "2026-11-16T09:12:34+01:00", 1.25,
	    "2026-11-16T10:27:34+01:00");
}

static void test_calendar__hours_run_through_the_night(void **state)
{
	/* whole days count: a working night is working time */
	expect_after(NULL, "2026-11-16T22:00:00+01:00", 4,
	    "2026-11-17T02:00:00+01:00");
	expect_after(NULL, "2026-11-16T09:00:00+01:00", 72,
	    "2026-11-19T09:00:00+01:00");
}

static void test_calendar__weekends_contribute_nothing(void **state)
{
	/* Friday 20:00 + 8 h: 4 h on Friday, 4 h on Monday */
	expect_after(NULL, "2026-11-20T20:00:00+01:00", 8,
	    "2026-11-23T04:00:00+01:00");
	/* received on a Sunday: the clock starts on Monday */
	expect_after(NULL, "2026-11-22T10:00:00+01:00", 4,
	    "2026-11-23T04:00:00+01:00");
	/* 24 h from Friday noon: 12 h Friday, 12 h Monday */
	expect_after(NULL, "2026-11-20T12:00:00+01:00", 24,
	    "2026-11-23T12:00:00+01:00");
}

static void test_calendar__end_of_a_day_is_the_next_midnight(void **state)
{
	expect_after(NULL, "2026-11-20T16:00:00+01:00", 8,
	    "2026-11-21T00:00:00+01:00");
}

static void test_calendar__holidays_contribute_nothing(void **state)
{
	const char *yaml = "holidays: [2026-12-25]\n";

	/* Thursday 24th 20:00 + 8 h: 4 h, then Friday is a holiday and the
	 * weekend follows, so Monday 28th 04:00 */
	expect_after(yaml, "2026-12-24T20:00:00+01:00", 8,
	    "2026-12-28T04:00:00+01:00");
	/* without the holiday: Friday 04:00 */
	expect_after(NULL, "2026-12-24T20:00:00+01:00", 8,
	    "2026-12-25T04:00:00+01:00");
}

static void test_calendar__working_days_from_the_config(void **state)
{
	const char *yaml = "working_days: [sun, mon, tue, wed, thu]\n";

	/* Thursday 20:00 + 8 h: Friday and Saturday are off */
	expect_after(yaml, "2026-11-19T20:00:00+03:00", 8,
	    "2026-11-22T04:00:00+03:00");
}

static void test_calendar__offset_is_kept(void **state)
{
	expect_after(NULL, "2026-11-20T23:00:00-05:00", 2,
	    "2026-11-23T01:00:00-05:00");
	expect_after(NULL, "2026-11-20T23:00:00Z", 2,
	    "2026-11-23T01:00:00+00:00");
}

static void test_calendar__zero_hours_is_the_start(void **state)
{
	expect_after(NULL, "2026-11-22T10:00:00+01:00", 0,
	    "2026-11-22T10:00:00+01:00");
}

static void test_calendar__crosses_months_and_leap_days(void **state)
{
	/* 2028-02-29 is a Tuesday */
	expect_after(NULL, "2028-02-28T20:00:00+01:00", 30,
	    "2028-03-01T02:00:00+01:00");
	expect_after(NULL, "2026-12-31T20:00:00+01:00", 8,
	    "2027-01-01T04:00:00+01:00");
	expect_after("holidays: [2027-01-01]\n", "2026-12-31T20:00:00+01:00",
	    8, "2027-01-04T04:00:00+01:00");
}

static void test_calendar__no_working_day_is_refused(void **state)
{
	struct brm_node *cfg = config("working_days: []\n");
	struct brm_calendar cal;

	assert_int_equal(brm_calendar_load(&cal, cfg), BRM_EINVALID);
	assert_non_null(strstr(brm_error_last(), "no working day"));
	brm_calendar_release(&cal);
	brm_node_free(cfg);
}

static void test_calendar__nth_working_day(void **state)
{
	/* November 2026 starts on a Sunday */
	expect_nth(NULL, 2026, 11, 1, "2026-11-02");
	expect_nth(NULL, 2026, 11, 5, "2026-11-06");
	expect_nth(NULL, 2026, 11, 10, "2026-11-13");
	expect_nth("holidays: [2026-11-03]\n", 2026, 11, 5, "2026-11-09");
	/* December 2026 starts on a Tuesday */
	expect_nth(NULL, 2026, 12, 5, "2026-12-07");
	expect_nth(NULL, 2026, 12, 10, "2026-12-14");
	/* a month with fewer working days goes on into the next */
	expect_nth("working_days: [mon]\n", 2026, 11, 5, "2026-11-30");
	expect_nth("working_days: [mon]\n", 2026, 11, 6, "2026-12-07");
}

static void test_calendar__config_numbers_fall_back_to_defaults(void **state)
{
	struct brm_node *cfg = config("complaint_response_hours:\n"
	    "  high: 6.5\n  low: many\nreport_due_days: {}\n");

	assert_true(brm_config_number(cfg, "complaint_response_hours.high") ==
	    6.5);
	/* absent or not a number: the schema's default */
	assert_true(brm_config_number(cfg,
	    "complaint_response_hours.critical") == 4);
	assert_true(brm_config_number(cfg, "complaint_response_hours.low") ==
	    72);
	assert_true(brm_config_number(cfg,
	    "report_due_days.service_report") == 5);
	assert_true(brm_config_number(NULL,
	    "report_due_days.review_meeting") == 10);
	assert_true(brm_config_number(cfg, "no.such.setting") == -1);
	brm_node_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar__defaults_are_monday_to_friday),
		cmocka_unit_test(test_calendar__holidays_are_not_working_days),
		cmocka_unit_test(test_calendar__hours_within_a_day),
		cmocka_unit_test(test_calendar__hours_run_through_the_night),
		cmocka_unit_test(test_calendar__weekends_contribute_nothing),
		cmocka_unit_test(
		    test_calendar__end_of_a_day_is_the_next_midnight),
		cmocka_unit_test(test_calendar__holidays_contribute_nothing),
		cmocka_unit_test(test_calendar__working_days_from_the_config),
		cmocka_unit_test(test_calendar__offset_is_kept),
		cmocka_unit_test(test_calendar__zero_hours_is_the_start),
		cmocka_unit_test(test_calendar__crosses_months_and_leap_days),
		cmocka_unit_test(test_calendar__no_working_day_is_refused),
		cmocka_unit_test(test_calendar__nth_working_day),
		cmocka_unit_test(
		    test_calendar__config_numbers_fall_back_to_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
