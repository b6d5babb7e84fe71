/*
 * calendar.h - working time: which days count, and deadlines in it.
 *
 * The portfolio's .brm/config.yaml names the working days (default
 * Monday to Friday) and the holidays (default none).  Working time is
 * counted in whole days: every hour of a working day counts, a weekend
 * day or a holiday contributes nothing.  So 8 working hours from Friday
 * 20:00 run out on Monday 04:00, and a deadline keeps the UTC offset of
 * the moment it is counted from (the clock on the wall where the
 * complaint came in).
 *
 * Settings that the config may leave out fall back to the defaults of
 * its schema (core/kinds/config.c), so the policy has one source.
 */
#ifndef BRM_CALENDAR_H
#define BRM_CALENDAR_H

#include <stddef.h>

#include "date.h"
#include "node.h"

struct brm_calendar {
	unsigned char working[7];	/* by weekday, 0 = Monday */
	struct brm_date *holidays;	/* sorted */
	size_t nholidays;
};

#define BRM_CALENDAR_INIT { { 1, 1, 1, 1, 1, 0, 0 }, NULL, 0 }

/*
 * Fill cal from a config tree (NULL: the defaults).  Entries that do not
 * parse are skipped: brm check reports them.  BRM_EINVALID when the
 * config names no working day at all, since no deadline could ever be
 * reached.  Release with brm_calendar_release() in any case.
 */
int brm_calendar_load(struct brm_calendar *cal, const struct brm_node *config);
void brm_calendar_release(struct brm_calendar *cal);

/* 1 when d is a working day: a working weekday and not a holiday. */
int brm_calendar_is_working(const struct brm_calendar *cal,
    const struct brm_date *d);

/*
 * The moment hours of working time after from (hours >= 0, fractions of
 * an hour allowed, counted to the second), in from's UTC offset.  Zero
 * hours is from itself.
 */
void brm_calendar_add_hours(struct brm_datetime *out,
    const struct brm_calendar *cal, const struct brm_datetime *from,
    double hours);

/* The n-th (n >= 1) working day of year-month; when the month has fewer,
 * counting goes on into the next months. */
struct brm_date brm_calendar_nth_working_day(const struct brm_calendar *cal,
    int year, int month, int n);

/*
 * A number from the config at a dotted path ("report_due_days.
 * service_report"), or the config schema's default when absent or not
 * a number.  Returns -1 when there is neither.
 */
double brm_config_number(const struct brm_node *config, const char *path);

#endif
