/*
 * date.h - ISO 8601 dates and times, "today", and the pinned clock.
 *
 * Dates are proleptic Gregorian calendar dates, checked for existence
 * (2026-02-30 is refused).  A datetime keeps the UTC offset it was written
 * with: a timestamp belongs to the day of its date as written.  BRM_NOW
 * (an ISO datetime or date) pins the clock so that tests are reproducible.
 */
#ifndef BRM_DATE_H
#define BRM_DATE_H

#include <stddef.h>
#include <time.h>

struct brm_date {
	int year, month, day;
};

struct brm_datetime {
	struct brm_date date;
	int hour, min, sec;
	int tz_min;		/* UTC offset in minutes */
};

#define BRM_DATE_LEN 16		/* "YYYY-MM-DD" + NUL, with room */
#define BRM_DATETIME_LEN 32	/* "YYYY-MM-DDTHH:MM:SS+HH:MM" + NUL */

/* Strict "YYYY-MM-DD".  0, or BRM_EINVALID with a message naming what. */
int brm_date_parse(struct brm_date *out, const char *s, const char *what);
/* Also "today" and "yesterday" (the pinned clock's local date). */
int brm_date_parse_user(struct brm_date *out, const char *s,
    const char *what);
/*
 * "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]"; without an offset the local
 * one of that moment is assumed.  brm_datetime_parse_user() also takes
 * "now", "today" and "yesterday" (midnight) and a plain date (midnight).
 */
int brm_datetime_parse(struct brm_datetime *out, const char *s,
    const char *what);
int brm_datetime_parse_user(struct brm_datetime *out, const char *s,
    const char *what);

void brm_date_format(char out[BRM_DATE_LEN], const struct brm_date *d);
/* "YYYY-MM" (each field taken modulo its width, as brm_date_format). */
void brm_month_text(char out[8], int year, int month);
void brm_datetime_format(char out[BRM_DATETIME_LEN],
    const struct brm_datetime *t);

/* The current moment (BRM_NOW when set) with the local UTC offset. */
struct brm_datetime brm_now(void);
struct brm_date brm_today(void);
/* The moment when (seconds since the epoch) as seen at UTC offset tz_min,
 * as git records a commit's time. */
struct brm_datetime brm_datetime_from_epoch(long long when, int tz_min);

/* Days since 1970-01-01 and back; weekday 0 = Monday .. 6 = Sunday. */
long brm_date_to_days(const struct brm_date *d);
struct brm_date brm_date_from_days(long days);
int brm_date_weekday(const struct brm_date *d);
int brm_date_cmp(const struct brm_date *a, const struct brm_date *b);
/* Seconds since the epoch of t (its offset applied). */
long long brm_datetime_epoch(const struct brm_datetime *t);
int brm_days_in_month(int year, int month);

#endif
