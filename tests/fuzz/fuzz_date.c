/*
 * fuzz_date.c - dates and times as files and users write them, and the
 * working-time arithmetic done on them.
 *
 * Properties: a date or datetime that parses formats to text that parses
 * back to the same value; days since the epoch convert both ways; adding
 * working hours never goes back in time.
 */
#include "fuzz.h"

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a zone with summer time, so that gaps and overlaps are reached */
	setenv("TZ", "Europe/Berlin", 1);
	setenv("BRM_NOW", "2026-03-29T02:30:00+01:00", 1);
	return 0;
}

static void date_props(const struct brm_date *d)
{
	char text[BRM_DATE_LEN];
	struct brm_date again;
	long days = brm_date_to_days(d);
	struct brm_date back = brm_date_from_days(days);

	brm_date_format(text, d);
	FUZZ_ASSERT(brm_date_parse(&again, text, "again") == 0);
	FUZZ_ASSERT(brm_date_cmp(&again, d) == 0);
	FUZZ_ASSERT(brm_date_cmp(&back, d) == 0);
	FUZZ_ASSERT(brm_date_weekday(d) >= 0 && brm_date_weekday(d) <= 6);
	FUZZ_ASSERT(d->day >= 1 &&
	    d->day <= brm_days_in_month(d->year, d->month));
}

static void datetime_props(const struct brm_datetime *t, unsigned char h)
{
	char text[BRM_DATETIME_LEN];
	struct brm_datetime again, later;
	struct brm_calendar cal = BRM_CALENDAR_INIT;

	date_props(&t->date);
	brm_datetime_format(text, t);
	FUZZ_ASSERT(brm_datetime_parse(&again, text, "again") == 0);
	FUZZ_ASSERT(brm_datetime_epoch(&again) == brm_datetime_epoch(t));
	FUZZ_ASSERT(again.tz_min == t->tz_min);
	if (t->date.year < 1 || t->date.year > 9990)
		return;
	brm_calendar_add_hours(&later, &cal, t, h / 4.0);
	FUZZ_ASSERT(brm_datetime_epoch(&later) >= brm_datetime_epoch(t));
	brm_calendar_nth_working_day(&cal, t->date.year, t->date.month,
	    1 + h % 23);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct brm_datetime t;
	struct brm_date d;
	unsigned char h = size ? data[0] : 0;
	char *s = fuzz_str(size ? data + 1 : data, size ? size - 1 : 0);

	if (brm_date_parse(&d, s, "date") == 0)
		date_props(&d);
	if (brm_date_parse_user(&d, s, "date") == 0)
		date_props(&d);
	if (brm_datetime_parse(&t, s, "time") == 0)
		datetime_props(&t, h);
	if (brm_datetime_parse_user(&t, s, "time") == 0)
		datetime_props(&t, h);
	brm_error_clear();
	free(s);
	return 0;
}
