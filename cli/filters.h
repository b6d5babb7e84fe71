/*
 * filters.h - which records brm list and brm export take: a kind or a
 * view (core/rows.h), narrowed by the same options.
 */
#ifndef BRM_CLI_FILTERS_H
#define BRM_CLI_FILTERS_H

#include "cli/options.h"
#include "core/date.h"
#include "core/rows.h"
#include "core/store.h"

struct brm_filters {
	const char *customer_ref;	/* as typed: an id or a prefix */
	const char *supplier_ref;
	const char *since_text, *until_text;
	const char *status;
	const char *severity;
	const char *kind;
	char *customer;			/* resolved by brm_filters_resolve */
	char *supplier;
	struct brm_date since, until;
	int has_since, has_until;
};

/* The filter options, for a command's option table. */
#define BRM_OPT_FILTERS_(f) \
	BRM_OPT_REF_(0, "customer", &(f)->customer_ref, "<id>", "customer", \
	    "only records about this customer"), \
	BRM_OPT_REF_(0, "supplier", &(f)->supplier_ref, "<id>", "supplier", \
	    "only records about this supplier"), \
	BRM_OPT_STRING_(0, "status", &(f)->status, "<status>", \
	    "only records with this status"), \
	BRM_OPT_STRING_(0, "severity", &(f)->severity, "<severity>", \
	    "only records with this severity"), \
	BRM_OPT_STRING_(0, "kind", &(f)->kind, "<kind>", \
	    "only records of this kind (field 'kind')"), \
	BRM_OPT_STRING_(0, "since", &(f)->since_text, "<date>", \
	    "only records dated on or after this day"), \
	BRM_OPT_STRING_(0, "until", &(f)->until_text, "<date>", \
	    "only records dated on or before this day")

/*
 * Find what name lists (a kind's plural or singular, or a view) into
 * *k or *v and check that the filters given apply to it.  0, or the
 * exit status after telling the user.
 */
int brm_filters_target(const struct brm_usage *u, const struct brm_filters *f,
    const char *name, const struct brm_kind **k, const struct brm_view **v);

/* Parse --since and --until.  BRM_EINVALID naming the option. */
int brm_filters_dates(struct brm_filters *f);
/* Resolve --customer and --supplier to full ids among s's records. */
int brm_filters_resolve(struct brm_filters *f, struct brm_store *s);
/* 1 when r (of the kind, or the owner of a view's rows) passes. */
int brm_filters_match(const struct brm_filters *f, const struct brm_record *r);
void brm_filters_release(struct brm_filters *f);

#endif
