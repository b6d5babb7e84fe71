/*
 * schema.h - one table per record kind.
 *
 * A kind's field table is the single source for validation, command-line
 * options, help text, completion and brm-records(5): adding a field is one
 * line in core/kinds/<kind>.c.
 *
 * A field has a type; BRM_FIELD_LIST makes it a sequence of that type.
 * The arg string qualifies the type: enum values ("low|medium|high"), the
 * kinds a reference may name ("customer|supplier"), or an inclusive range
 * for numbers ("1..5").  opt, when set, is the command-line option that
 * sets the field ("review-cadence" for review.cadence).
 */
#ifndef BRM_SCHEMA_H
#define BRM_SCHEMA_H

#include "node.h"

enum brm_ftype {
	BRM_F_STRING,		/* one line of text */
	BRM_F_TEXT,		/* text that may span lines */
	BRM_F_EMAIL,
	BRM_F_DATE,		/* 2026-11-22 */
	BRM_F_DATETIME,		/* 2026-11-22T14:30:00+03:00 */
	BRM_F_NUMBER,		/* decimal, arg may give a range */
	BRM_F_PERCENT,		/* a number from 0 to 100 */
	BRM_F_INTEGER,		/* arg may give a range */
	BRM_F_BOOL,
	BRM_F_ENUM,		/* arg: allowed values */
	BRM_F_REF,		/* arg: the kinds it may name */
	BRM_F_MAP		/* sub: the fields of the mapping */
};

#define BRM_FIELD_REQUIRED	(1u << 0)
#define BRM_FIELD_LIST		(1u << 1)
#define BRM_FIELD_AUTO		(1u << 2)  /* set by brm, not by options */
#define BRM_FIELD_SETTABLE	(1u << 3)  /* AUTO, yet brm set may */

struct brm_field {
	const char *name;
	enum brm_ftype type;
	unsigned flags;
	const char *arg;
	const struct brm_field *sub;	/* BRM_F_MAP: ends with {NULL} */
	const char *opt;
	const char *def;	/* value a new record gets, NULL: none */
	const char *help;
};

/* Table rows: name, type, flags, arg, option, default, help. */
#define BRM_FIELD(n, t, fl, a, o, d, h) \
	{ n, BRM_F_##t, fl, a, NULL, o, d, h }
#define BRM_MAP(n, fl, sub, h) { n, BRM_F_MAP, fl, NULL, sub, NULL, NULL, h }
#define BRM_FIELDS_END { NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
#define REQ BRM_FIELD_REQUIRED
#define LIST BRM_FIELD_LIST
#define AUTO BRM_FIELD_AUTO
#define SETTABLE BRM_FIELD_SETTABLE

struct brm_problems;
struct brm_store;
struct brm_record;
struct brm_due_ctx;
struct brm_due_list;

struct brm_kind {
	const char *name;	/* "customer" */
	const char *plural;	/* "customers": the folder and list name */
	const char *prefix;	/* dated kinds: "mtg"; named kinds: NULL */
	const char *date_field;	/* dated kinds: the field that shards */
	const char *title_field;/* what a listing calls it: "name" */
	const struct brm_field *fields;
	const char *columns;	/* "list" table columns, space separated */
	/* Rules across fields (lifecycle order...); NULL if none. */
	void (*check)(const struct brm_record *rec, struct brm_problems *out);
	/* Items of rec that are due by c->horizon (core/due.h); or NULL. */
	void (*due)(const struct brm_due_ctx *c, const struct brm_record *rec,
	    struct brm_due_list *out);
	/*
	 * What other records say about rec, for brm show (a supplier's
	 * audits); or NULL.  *data: a new mapping whose members join the
	 * JSON output; *text: lines for people (malloc'd).  Both NULL when
	 * there is nothing to say.  Records it could not read are left in
	 * s->unreadable, for brm show to warn about.
	 */
	int (*summary)(struct brm_store *s, const struct brm_record *rec,
	    struct brm_node **data, char **text);
	/*
	 * After brm set changed rec (before: its tree as it was), work out
	 * again the fields that follow from others (a complaint's
	 * response_due); config is the portfolio's.  0, or a negative
	 * error (rec may then be half-changed: drop it).  NULL if none.
	 */
	int (*derive)(struct brm_record *rec, const struct brm_node *before,
	    const struct brm_node *config);
};

extern const struct brm_kind brm_kind_customer;
extern const struct brm_kind brm_kind_service;
extern const struct brm_kind brm_kind_meeting;
extern const struct brm_kind brm_kind_complaint;
extern const struct brm_kind brm_kind_praise;
extern const struct brm_kind brm_kind_survey;
extern const struct brm_kind brm_kind_value_add;
extern const struct brm_kind brm_kind_event;
extern const struct brm_kind brm_kind_supplier;
extern const struct brm_kind brm_kind_audit;
extern const struct brm_kind brm_kind_dispute;
extern const struct brm_kind brm_kind_third_party;

/* Every record kind, NULL-terminated, in DESIGN.md order. */
/* The contacts of suppliers and third parties (core/kinds/contact.c). */
extern const struct brm_field brm_party_contact[];

extern const struct brm_kind *const brm_kinds[];
extern const struct brm_kind brm_kind_config;	/* .brm/config.yaml */

/* By singular or plural name ("customer", "customers"); NULL if none. */
const struct brm_kind *brm_kind_lookup(const char *name);
/* By dated-id prefix ("mtg"); NULL if none. */
const struct brm_kind *brm_kind_by_prefix(const char *prefix, size_t len);
int brm_kind_is_dated(const struct brm_kind *k);

/* The field of fields named name, NULL if none. */
const struct brm_field *brm_field_find(const struct brm_field *fields,
    const char *name);
/* The field at a dotted path ("review.cadence", "contacts.0.role"). */
const struct brm_field *brm_field_at(const struct brm_kind *k,
    const char *path);
const char *brm_ftype_name(enum brm_ftype t);
/* "YYYY-MM-DD", "low|medium|high"...: the form a value must take. */
const char *brm_field_form(const struct brm_field *f, char *buf, size_t n);

/*
 * Parse text typed by a user for field f into a new node (strings stay
 * strings, numbers/dates/bools become typed plain scalars, "today" becomes
 * a date).  what names the value in messages ("--next-review").
 * Errors: BRM_EINVALID naming what and the accepted form.  With out NULL
 * the text is only checked (brm check, every field of every record).
 */
int brm_field_parse(struct brm_node **out, const struct brm_field *f,
    const char *text, const char *what);

/* 1 when value is one of the '|'-separated words in list. */
int brm_word_in(const char *list, const char *value);

#endif
