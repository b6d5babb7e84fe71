#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "schema.h"
#include "text.h"

const struct brm_kind *const brm_kinds[] = {
	&brm_kind_customer,
	&brm_kind_service,
	&brm_kind_meeting,
	&brm_kind_complaint,
	&brm_kind_praise,
	&brm_kind_survey,
	&brm_kind_value_add,
	&brm_kind_event,
	&brm_kind_supplier,
	&brm_kind_audit,
	&brm_kind_dispute,
	&brm_kind_third_party,
	NULL
};

const struct brm_kind *brm_kind_lookup(const char *name)
{
	const struct brm_kind *const *k;

	for (k = brm_kinds; *k; k++)
		if (!strcmp((*k)->name, name) || !strcmp((*k)->plural, name))
			return *k;
	return NULL;
}

const struct brm_kind *brm_kind_by_prefix(const char *prefix, size_t len)
{
	const struct brm_kind *const *k;

	for (k = brm_kinds; *k; k++)
		if ((*k)->prefix && strlen((*k)->prefix) == len &&
		    !memcmp((*k)->prefix, prefix, len))
			return *k;
	return NULL;
}

int brm_kind_is_dated(const struct brm_kind *k)
{
	return k->prefix != NULL;
}

const struct brm_field *brm_field_find(const struct brm_field *fields,
    const char *name)
{
	for (; fields && fields->name; fields++)
		if (!strcmp(fields->name, name))
			return fields;
	return NULL;
}

static int all_digits(const char *s, size_t n)
{
	if (!n)
		return 0;
	while (n--)
		if (!isdigit((unsigned char)*s++))
			return 0;
	return 1;
}

const struct brm_field *brm_field_at(const struct brm_kind *k,
    const char *path)
{
	const struct brm_field *fields = k->fields, *f = NULL;
	const char *p = path, *dot;
	char name[128];
	size_t n;
	int in_list = 0;

	for (;;) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (in_list && all_digits(p, n)) {
			in_list = 0;	/* an index selects one item */
		} else {
			if (n == 0 || n >= sizeof(name) || !fields)
				return NULL;
			memcpy(name, p, n);
			name[n] = '\0';
			if (!(f = brm_field_find(fields, name)))
				return NULL;
			in_list = (f->flags & BRM_FIELD_LIST) != 0;
			fields = f->type == BRM_F_MAP ? f->sub : NULL;
		}
		if (!dot)
			return f;
		p = dot + 1;
	}
}

const char *brm_ftype_name(enum brm_ftype t)
{
	static const char *const names[] = {
		[BRM_F_STRING] = "string", [BRM_F_TEXT] = "text",
		[BRM_F_EMAIL] = "email", [BRM_F_DATE] = "date",
		[BRM_F_DATETIME] = "datetime", [BRM_F_NUMBER] = "number",
		[BRM_F_PERCENT] = "percent", [BRM_F_INTEGER] = "integer",
		[BRM_F_BOOL] = "bool", [BRM_F_ENUM] = "enum",
		[BRM_F_REF] = "reference", [BRM_F_MAP] = "map",
	};

	return names[t];
}

/* "1..5": scanf's %lf would take "1." as the lower bound and then miss
 * the "..", so the bounds are cut apart first. */
static int parse_range(const char *arg, double *lo, double *hi)
{
	const char *dots = arg ? strstr(arg, "..") : NULL;
	char low[64], *end;

	if (!dots || (size_t)(dots - arg) >= sizeof(low) || dots == arg)
		return -1;
	memcpy(low, arg, (size_t)(dots - arg));
	low[dots - arg] = '\0';
	*lo = strtod(low, &end);
	if (*end)
		return -1;
	*hi = strtod(dots + 2, &end);
	return end == dots + 2 || *end ? -1 : 0;
}

const char *brm_field_form(const struct brm_field *f, char *buf, size_t n)
{
	double lo, hi;

	switch (f->type) {
	case BRM_F_DATE:
		return "YYYY-MM-DD";
	case BRM_F_DATETIME:
		return "YYYY-MM-DDTHH:MM[:SS][+HH:MM]";
	case BRM_F_EMAIL:
		return "an address such as name@example.com";
	case BRM_F_PERCENT:
		return "a number from 0 to 100";
	case BRM_F_BOOL:
		return "yes or no";
	case BRM_F_ENUM:
		snprintf(buf, n, "one of %s", f->arg);
		return buf;
	case BRM_F_NUMBER:
	case BRM_F_INTEGER:
		if (parse_range(f->arg, &lo, &hi) == 0) {
			snprintf(buf, n, "a %s from %.15g to %.15g", f->type ==
			    BRM_F_INTEGER ? "whole number" : "number", lo, hi);
			return buf;
		}
		return f->type == BRM_F_INTEGER ? "a whole number" :
		    "a number such as 12 or 99.9";
	case BRM_F_REF:
		snprintf(buf, n, "the id of a %s", f->arg);
		return buf;
	default:
		return "text";
	}
}

int brm_word_in(const char *list, const char *value)
{
	size_t n = strlen(value);
	const char *p = list, *bar;

	if (!list || !n)
		return 0;
	for (;;) {
		bar = strchr(p, '|');
		if ((size_t)(bar ? bar - p : (long)strlen(p)) == n &&
		    !memcmp(p, value, n))
			return 1;
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

/* A decimal number as people type it: -12, 99.9.  No hex, exponent,
 * inf or nan: those are accidents in a business record. */
static int parse_decimal(const char *s, double *out, int integer)
{
	const char *p = s;
	char *end;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' && !integer) {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return errno || !isfinite(*out) ? -1 : 0;
}

static int parse_number(const struct brm_field *f, const char *text,
    const char *what)
{
	char form[128];
	double v, lo = 0, hi = 100;
	int integer = f->type == BRM_F_INTEGER;

	if (parse_decimal(text, &v, integer) < 0)
		goto bad;
	if (f->type == BRM_F_PERCENT || parse_range(f->arg, &lo, &hi) == 0)
		if (v < lo || v > hi)
			goto bad;
	return 0;
bad:
	return brm_error_set(BRM_EINVALID, "invalid %s '%s' (expected %s)",
	    what, text, brm_field_form(f, form, sizeof(form)));
}

/* Deliberately simple: one '@', something on both sides, a dot in the
 * domain, no spaces.  The real test of an address is a mail to it. */
static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t<>,;"))
		return 0;
	return strchr(at + 1, '.') && at[1] != '.' &&
	    s[strlen(s) - 1] != '.';
}

static int parse_bool(const char *text, int *out)
{
	if (brm_word_in("yes|true|on|1", text))
		*out = 1;
	else if (brm_word_in("no|false|off|0", text))
		*out = 0;
	else
		return -1;
	return 0;
}

static int parse_dated(struct brm_node **out, const struct brm_field *f,
    const char *text, const char *what)
{
	char buf[BRM_DATETIME_LEN];
	struct brm_datetime t;
	struct brm_date d;

	if (f->type == BRM_F_DATE) {
		if (brm_date_parse_user(&d, text, what) < 0)
			return BRM_EINVALID;
		brm_date_format(buf, &d);
	} else {
		if (brm_datetime_parse_user(&t, text, what) < 0)
			return BRM_EINVALID;
		brm_datetime_format(buf, &t);
	}
	if (out)
		*out = brm_node_new_plain(buf);
	return 0;
}

int brm_field_parse(struct brm_node **out, const struct brm_field *f,
    const char *text, const char *what)
{
	char form[256];
	int b;

	if (out)
		*out = NULL;
	if (brm_text_check(text, strlen(text), f->type == BRM_F_TEXT ?
	    BRM_TEXT_MULTILINE : BRM_TEXT_LINE, what) < 0)
		return BRM_EINVALID;
	switch (f->type) {
	case BRM_F_DATE:
	case BRM_F_DATETIME:
		return parse_dated(out, f, text, what);
	case BRM_F_NUMBER:
	case BRM_F_PERCENT:
	case BRM_F_INTEGER:
		if (parse_number(f, text, what) < 0)
			return BRM_EINVALID;
		if (out)
			*out = brm_node_new_plain(text);
		return 0;
	case BRM_F_BOOL:
		if (parse_bool(text, &b) < 0)
			break;
		if (out)
			*out = brm_node_new_plain(b ? "true" : "false");
		return 0;
	case BRM_F_ENUM:
		if (!brm_word_in(f->arg, text))
			break;
		if (out)
			*out = brm_node_new_str(text);
		return 0;
	case BRM_F_EMAIL:
		if (!valid_email(text))
			break;
		if (out)
			*out = brm_node_new_str(text);
		return 0;
	case BRM_F_MAP:
		return brm_error_set(BRM_EINVALID,
		    "%s is a mapping; set its fields one by one", what);
	default:
		if (!*text && (f->flags & BRM_FIELD_REQUIRED))
			return brm_error_set(BRM_EINVALID,
			    "%s must not be empty", what);
		if (out)
			*out = brm_node_new_str(text);
		return 0;
	}
	return brm_error_set(BRM_EINVALID, "invalid %s '%s' (expected %s)",
	    what, text, brm_field_form(f, form, sizeof(form)));
}
