#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int brm_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

/* Read exactly n digits. */
static int digits(const char **s, int n, int *out)
{
	int v = 0;

	while (n--) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	*out = v;
	return 0;
}

static int expect(const char **s, char c)
{
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

static int scan_date(const char **s, struct brm_date *d)
{
	if (digits(s, 4, &d->year) || expect(s, '-') ||
	    digits(s, 2, &d->month) || expect(s, '-') ||
	    digits(s, 2, &d->day))
		return -1;
	return 0;
}

static int date_exists(const struct brm_date *d)
{
	return d->year >= 1 && d->month >= 1 && d->month <= 12 &&
	    d->day >= 1 && d->day <= brm_days_in_month(d->year, d->month);
}

static int invalid(const char *what, const char *s, const char *form)
{
	return brm_error_set(BRM_EINVALID, "invalid %s '%s' (expected %s)",
	    what, s, form);
}

static int no_such_date(const char *what, const char *s)
{
	return brm_error_set(BRM_EINVALID, "invalid %s '%s': no such date",
	    what, s);
}

int brm_date_parse(struct brm_date *out, const char *s, const char *what)
{
	const char *p = s;
	struct brm_date d;

	if (scan_date(&p, &d) || *p)
		return invalid(what, s, "YYYY-MM-DD");
	if (!date_exists(&d))
		return no_such_date(what, s);
	*out = d;
	return 0;
}

int brm_date_parse_user(struct brm_date *out, const char *s,
    const char *what)
{
	struct brm_date today = brm_today();

	if (!strcmp(s, "today")) {
		*out = today;
		return 0;
	}
	if (!strcmp(s, "yesterday")) {
		*out = brm_date_from_days(brm_date_to_days(&today) - 1);
		return 0;
	}
	return brm_date_parse(out, s, what);
}

/* The local UTC offset, in minutes, at the given local wall time. */
static int local_offset(const struct brm_datetime *t)
{
	struct tm tm = { 0 };

	tm.tm_year = t->date.year - 1900;
	tm.tm_mon = t->date.month - 1;
	tm.tm_mday = t->date.day;
	tm.tm_hour = t->hour;
	tm.tm_min = t->min;
	tm.tm_sec = t->sec;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

static int scan_offset(const char **p, struct brm_datetime *t, int *given)
{
	int sign, hh, mm;

	*given = 1;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		t->tz_min = 0;
		return 0;
	}
	if (**p != '+' && **p != '-') {
		*given = 0;
		return 0;
	}
	sign = *(*p)++ == '-' ? -1 : 1;
	if (digits(p, 2, &hh))
		return -1;
	if (**p == ':')
		(*p)++;
	if (digits(p, 2, &mm) || hh > 23 || mm > 59)
		return -1;
	t->tz_min = sign * (hh * 60 + mm);
	return 0;
}

int brm_datetime_parse(struct brm_datetime *out, const char *s,
    const char *what)
{
	static const char form[] = "YYYY-MM-DDTHH:MM[:SS][+HH:MM]";
	struct brm_datetime t = { { 0, 0, 0 }, 0, 0, 0, 0 };
	const char *p = s;
	int given;

	if (scan_date(&p, &t.date) || (*p != 'T' && *p != 't' && *p != ' '))
		return invalid(what, s, form);
	p++;
	if (digits(&p, 2, &t.hour) || expect(&p, ':') ||
	    digits(&p, 2, &t.min))
		return invalid(what, s, form);
	if (*p == ':' && (p++, digits(&p, 2, &t.sec)))
		return invalid(what, s, form);
	if (scan_offset(&p, &t, &given) || *p)
		return invalid(what, s, form);
	if (!date_exists(&t.date))
		return no_such_date(what, s);
	if (t.hour > 23 || t.min > 59 || t.sec > 59)
		return brm_error_set(BRM_EINVALID,
		    "invalid %s '%s': no such time", what, s);
	if (!given)
		t.tz_min = local_offset(&t);
	*out = t;
	return 0;
}

static struct brm_datetime at_midnight(struct brm_date d)
{
	struct brm_datetime t = { d, 0, 0, 0, 0 };

	t.tz_min = local_offset(&t);
	return t;
}

int brm_datetime_parse_user(struct brm_datetime *out, const char *s,
    const char *what)
{
	struct brm_date d;

	if (!strcmp(s, "now")) {
		*out = brm_now();
		return 0;
	}
	if (!strchr(s, 'T') && !strchr(s, 't') && !strchr(s, ' ') &&
	    !strchr(s, ':')) {
		if (brm_date_parse_user(&d, s, what) < 0)
			return invalid(what, s,
			    "YYYY-MM-DDTHH:MM[:SS][+HH:MM] or 'now'");
		*out = at_midnight(d);
		return 0;
	}
	return brm_datetime_parse(out, s, what);
}

/* v % 10^width as exactly width digits: "%0*u" without printf, which
 * a report calls for every record it reads. */
static char *put_digits(char *out, unsigned v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	return out + width;
}

void brm_date_format(char out[BRM_DATE_LEN], const struct brm_date *d)
{
	brm_month_text(out, d->year, d->month);
	out[7] = '-';
	*put_digits(out + 8, (unsigned)d->day, 2) = '\0';
}

void brm_month_text(char out[8], int year, int month)
{
	char *p = put_digits(out, (unsigned)year, 4);

	*p++ = '-';
	*put_digits(p, (unsigned)month, 2) = '\0';
}

void brm_datetime_format(char out[BRM_DATETIME_LEN],
    const struct brm_datetime *t)
{
	int off = t->tz_min < 0 ? -t->tz_min : t->tz_min;
	char *p = out + 10;

	brm_date_format(out, &t->date);	/* "YYYY-MM-DD" */
	*p++ = 'T';
	p = put_digits(p, (unsigned)t->hour, 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)t->min, 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)t->sec, 2);
	*p++ = t->tz_min < 0 ? '-' : '+';
	p = put_digits(p, (unsigned)(off / 60), 2);
	*p++ = ':';
	*put_digits(p, (unsigned)off % 60, 2) = '\0';
}

/* Howard Hinnant's days_from_civil. */
long brm_date_to_days(const struct brm_date *d)
{
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct brm_date brm_date_from_days(long z)
{
	struct brm_date d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int brm_date_weekday(const struct brm_date *d)
{
	long days = brm_date_to_days(d);	/* 1970-01-01 was a Thursday */

	return (int)(((days % 7) + 7 + 3) % 7);
}

int brm_date_cmp(const struct brm_date *a, const struct brm_date *b)
{
	long x = brm_date_to_days(a), y = brm_date_to_days(b);

	return (x > y) - (x < y);
}

long long brm_datetime_epoch(const struct brm_datetime *t)
{
	return (long long)brm_date_to_days(&t->date) * 86400 +
	    t->hour * 3600 + t->min * 60 + t->sec - t->tz_min * 60LL;
}

static struct brm_datetime from_epoch(time_t when)
{
	struct brm_datetime t;
	struct tm tm;

	localtime_r(&when, &tm);
	t.date.year = tm.tm_year + 1900;
	t.date.month = tm.tm_mon + 1;
	t.date.day = tm.tm_mday;
	t.hour = tm.tm_hour;
	t.min = tm.tm_min;
	t.sec = tm.tm_sec;
	t.tz_min = (int)(tm.tm_gmtoff / 60);
	return t;
}

struct brm_datetime brm_datetime_from_epoch(long long when, int tz_min)
{
	long long local = when + tz_min * 60LL;
	long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	long long secs = local - days * 86400;
	struct brm_datetime t;

	t.date = brm_date_from_days((long)days);
	t.hour = (int)(secs / 3600);
	t.min = (int)(secs / 60 % 60);
	t.sec = (int)(secs % 60);
	t.tz_min = tz_min;
	return t;
}

struct brm_datetime brm_now(void)
{
	const char *pin = getenv("BRM_NOW");
	struct brm_datetime t;
	struct brm_date d;

	if (pin && *pin) {
		if (brm_datetime_parse(&t, pin, "BRM_NOW") == 0)
			return t;
		if (brm_date_parse(&d, pin, "BRM_NOW") == 0)
			return at_midnight(d);
	}
	return from_epoch(time(NULL));
}

struct brm_date brm_today(void)
{
	return brm_now().date;
}
