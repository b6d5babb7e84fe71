#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "error.h"
#include "schema.h"
#include "validate.h"

static const char *const weekdays[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static int cmp_date(const void *a, const void *b)
{
	return brm_date_cmp(a, b);
}

int brm_calendar_load(struct brm_calendar *cal, const struct brm_node *config)
{
	const struct brm_node *days, *hol;
	struct brm_date d;
	size_t i, w, any = 0;

	*cal = (struct brm_calendar)BRM_CALENDAR_INIT;
	days = config ? brm_node_get(config, "working_days") : NULL;
	if (days && days->type == BRM_NODE_SEQ) {
		memset(cal->working, 0, sizeof(cal->working));
		for (i = 0; i < days->n; i++) {
			const struct brm_node *day = days->items[i];

			for (w = 0; w < 7; w++)
				if (day->type == BRM_NODE_SCALAR &&
				    !strcmp(day->value, weekdays[w]))
					cal->working[w] = 1;
		}
	}
	for (w = 0; w < 7; w++)
		any += cal->working[w];
	if (!any) {
		brm_error_set(BRM_EINVALID, ".brm/config.yaml: "
		    "working_days names no working day");
		return brm_error_hint(BRM_EINVALID, "list them, e.g. "
		    "working_days: [mon, tue, wed, thu, fri]");
	}
	hol = config ? brm_node_get(config, "holidays") : NULL;
	if (!hol || hol->type != BRM_NODE_SEQ || !hol->n)
		return 0;
	cal->holidays = brm_calloc(hol->n, sizeof(*cal->holidays));
	for (i = 0; i < hol->n; i++)
		if (hol->items[i]->type == BRM_NODE_SCALAR &&
		    brm_date_parse(&d, hol->items[i]->value, "holiday") == 0)
			cal->holidays[cal->nholidays++] = d;
	brm_error_clear();
	qsort(cal->holidays, cal->nholidays, sizeof(*cal->holidays),
	    cmp_date);
	return 0;
}

void brm_calendar_release(struct brm_calendar *cal)
{
	if (!cal)
		return;
	free(cal->holidays);
	cal->holidays = NULL;
	cal->nholidays = 0;
}

int brm_calendar_is_working(const struct brm_calendar *cal,
    const struct brm_date *d)
{
	if (!cal->working[brm_date_weekday(d)])
		return 0;
	return !cal->nholidays || !bsearch(d, cal->holidays, cal->nholidays,
	    sizeof(*cal->holidays), cmp_date);
}

/* Far more days than any deadline needs (hours are capped at 10000 by
 * the config schema); only a guard against a calendar gone wrong. */
#define MAX_DAYS (400L * 366)

void brm_calendar_add_hours(struct brm_datetime *out,
    const struct brm_calendar *cal, const struct brm_datetime *from,
    double hours)
{
	long long left = hours > 0 ? llround(hours * 3600.0) : 0, avail;
	long day = brm_date_to_days(&from->date), n;
	long sec = from->hour * 3600L + from->min * 60L + from->sec;
	struct brm_date d;

	*out = *from;
	if (left == 0)
		return;
	for (n = 0; n < MAX_DAYS; n++, day++, sec = 0) {
		d = brm_date_from_days(day);
		if (!brm_calendar_is_working(cal, &d))
			continue;
		avail = 86400 - sec;
		if (left <= avail) {
			sec += (long)left;
			break;
		}
		left -= avail;
	}
	if (sec == 86400) {	/* the end of a day is the next midnight */
		day++;
		sec = 0;
	}
	out->date = brm_date_from_days(day);
	out->hour = (int)(sec / 3600);
	out->min = (int)(sec / 60 % 60);
	out->sec = (int)(sec % 60);
}

struct brm_date brm_calendar_nth_working_day(const struct brm_calendar *cal,
    int year, int month, int n)
{
	struct brm_date d = { year, month, 1 };
	long day = brm_date_to_days(&d), i;

	for (i = 0; i < MAX_DAYS; i++, day++) {
		d = brm_date_from_days(day);
		if (brm_calendar_is_working(cal, &d) && --n <= 0)
			break;
	}
	return d;
}

static int to_number(const char *s, double *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}

double brm_config_number(const struct brm_node *config, const char *path)
{
	const struct brm_field *f = brm_field_at(&brm_kind_config, path);
	const struct brm_node *n = config;
	char *copy = brm_strdup(path), *seg, *save = NULL;
	double v;

	for (seg = strtok_r(copy, ".", &save); seg && n;
	    seg = strtok_r(NULL, ".", &save))
		n = n->type == BRM_NODE_MAP ? brm_node_get(n, seg) : NULL;
	free(copy);
	if (n && n->type == BRM_NODE_SCALAR && !brm_node_is_null(n) &&
	    to_number(n->value, &v) == 0 && v >= 0)
		return v;
	if (f && to_number(f->def, &v) == 0)
		return v;
	return -1;
}
