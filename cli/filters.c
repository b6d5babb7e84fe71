#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filters.h"
#include "cli/output.h"
#include "core/error.h"

/* The customer a record is about: its first reference to a customer. */
static const char *customer_of(const struct brm_record *r)
{
	const struct brm_field *f;

	if (r->kind == &brm_kind_customer)
		return r->id;
	for (f = r->kind->fields; f->name; f++)
		if (f->type == BRM_F_REF && brm_word_in(f->arg, "customer") &&
		    !(f->flags & BRM_FIELD_LIST))
			return brm_record_str(r, f->name);
	return NULL;
}

/* Is r the supplier id, or does one of its references (a list of them
 * too: a dispute's parties) name it? */
static int about_supplier(const struct brm_record *r, const char *id)
{
	const struct brm_field *f;
	const struct brm_node *v;
	size_t i;

	if (r->kind == &brm_kind_supplier)
		return !strcmp(r->id, id);
	for (f = r->kind->fields; f->name; f++) {
		if (f->type != BRM_F_REF || !brm_word_in(f->arg, "supplier") ||
		    !(v = brm_record_get(r, f->name)))
			continue;
		if (v->type == BRM_NODE_SCALAR && !strcmp(v->value, id))
			return 1;
		for (i = 0; v->type == BRM_NODE_SEQ && i < v->n; i++)
			if (v->items[i]->type == BRM_NODE_SCALAR &&
			    !strcmp(v->items[i]->value, id))
				return 1;
	}
	return 0;
}

static int field_is(const struct brm_record *r, const char *field,
    const char *want)
{
	const char *v;

	if (!want)
		return 1;
	v = brm_record_str(r, field);
	return v && !strcmp(v, want);
}

static int in_range(const struct brm_record *r, const struct brm_filters *f)
{
	const char *v;
	struct brm_date d;
	char day[BRM_DATE_LEN];

	if (!f->has_since && !f->has_until)
		return 1;
	v = r->kind->date_field ? brm_record_str(r, r->kind->date_field) :
	    NULL;
	if (!v || strlen(v) < 10)
		return 0;
	snprintf(day, sizeof(day), "%.10s", v);
	if (brm_date_parse(&d, day, "date") < 0)
		return 0;
	return (!f->has_since || brm_date_cmp(&d, &f->since) >= 0) &&
	    (!f->has_until || brm_date_cmp(&d, &f->until) <= 0);
}

int brm_filters_match(const struct brm_filters *f, const struct brm_record *r)
{
	const char *c;

	if (f->customer && (!(c = customer_of(r)) || strcmp(c, f->customer)))
		return 0;
	if (f->supplier && !about_supplier(r, f->supplier))
		return 0;
	return field_is(r, "status", f->status) &&
	    field_is(r, "severity", f->severity) &&
	    field_is(r, "kind", f->kind) && in_range(r, f);
}

int brm_filters_dates(struct brm_filters *f)
{
	if (f->since_text && brm_date_parse_user(&f->since, f->since_text,
	    "--since") < 0)
		return BRM_EINVALID;
	if (f->until_text && brm_date_parse_user(&f->until, f->until_text,
	    "--until") < 0)
		return BRM_EINVALID;
	f->has_since = f->since_text != NULL;
	f->has_until = f->until_text != NULL;
	return 0;
}

int brm_filters_resolve(struct brm_filters *f, struct brm_store *s)
{
	const struct brm_kind *kind;
	int ret;

	if (f->customer_ref && (ret = brm_store_resolve(s, f->customer_ref,
	    "customer", &kind, &f->customer)) < 0)
		return ret;
	if (f->supplier_ref && (ret = brm_store_resolve(s, f->supplier_ref,
	    "supplier", &kind, &f->supplier)) < 0)
		return ret;
	return 0;
}

void brm_filters_release(struct brm_filters *f)
{
	free(f->customer);
	free(f->supplier);
	f->customer = f->supplier = NULL;
}

static void kind_names(char *out, size_t n)
{
	const struct brm_kind *const *k;
	const struct brm_view *v;
	size_t len = 0, i;

	out[0] = '\0';
	for (k = brm_kinds; *k && len < n; k++)
		len += (size_t)snprintf(out + len, n - len, "%s%s",
		    len ? ", " : "", (*k)->plural);
	for (i = 0; (v = brm_view_at(i)) && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, ", %s", v->name);
}

/* A filter on a field the kind lacks, or with a value the field cannot
 * take, would quietly list nothing: 0, or the exit status. */
static int check_filter(const struct brm_usage *u, const struct brm_kind *k,
    const char *field, const char *value)
{
	const struct brm_field *f;
	struct brm_node *n;
	char opt[32];

	if (!value)
		return 0;
	if (!(f = brm_field_find(k->fields, field)))
		return brm_usage_error(u, "%s have no %s; --%s does not apply",
		    k->plural, field, field);
	snprintf(opt, sizeof(opt), "--%s", field);
	if (f->type != BRM_F_ENUM)
		return 0;
	if (brm_field_parse(&n, f, value, opt) < 0)
		return brm_fail(BRM_EINVALID);
	brm_node_free(n);
	return 0;
}

int brm_filters_target(const struct brm_usage *u, const struct brm_filters *f,
    const char *name, const struct brm_kind **k, const struct brm_view **v)
{
	const struct brm_kind *owner;
	char names[512];
	int ret;

	*v = NULL;
	if (!(*k = brm_kind_lookup(name)) && !(*v = brm_view_lookup(name))) {
		kind_names(names, sizeof(names));
		return brm_usage_error(u, "unknown kind '%s' (expected one "
		    "of %s)", name, names);
	}
	owner = *v ? (*v)->owner : *k;
	if ((f->since_text || f->until_text) && (*v || !owner->date_field))
		return brm_usage_error(u, "%s have no date; --since and "
		    "--until do not apply", *v ? (*v)->name : owner->plural);
	if ((ret = check_filter(u, owner, "status", f->status)) ||
	    (ret = check_filter(u, owner, "severity", f->severity)) ||
	    (ret = check_filter(u, owner, "kind", f->kind)))
		return ret;
	return 0;
}
