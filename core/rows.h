/*
 * rows.h - records as rows of cells, for brm import and brm export.
 *
 * The columns are the schema's: a kind's field names, with the fields
 * of a nested mapping as dotted paths ("review.cadence"), so a new
 * schema field is a new column without any edit here.  A cell holds a
 * scalar as typed, a list of scalars one item per line, and a list of
 * mappings as a JSON array.  An empty cell is an absent field.
 *
 * Some lists of mappings are listed, imported and exported as kinds of
 * their own ("views"): a customer's contacts are the rows of "contacts",
 * each with its customer's id in the "customer" column.  Such a list is
 * then no column of its owner's rows.
 */
#ifndef BRM_ROWS_H
#define BRM_ROWS_H

#include <stddef.h>

#include "record.h"
#include "schema.h"

/* A list kept inside the records of a kind, listed as a kind. */
struct brm_view {
	const char *name;		/* "contacts" */
	const char *item;		/* one row: "contact" */
	const struct brm_kind *owner;	/* &brm_kind_customer */
	const char *field;		/* the list in the owner: "contacts" */
	const char *key;		/* the owner's id in each row */
	const char *columns;		/* brm list's table columns */
};

/* The view called name; NULL if none.  brm_view_at: the i-th, NULL past
 * the last. */
const struct brm_view *brm_view_lookup(const char *name);
const struct brm_view *brm_view_at(size_t i);
/* The view whose list is owner's field; NULL if none. */
const struct brm_view *brm_view_of(const struct brm_kind *owner,
    const char *field);

/* A row of the view: owner's id under v->key, then item's fields
 * (copied).  Free with brm_record_free(). */
struct brm_record *brm_view_row(const struct brm_view *v,
    const struct brm_record *owner, const struct brm_node *item);
/* Call fn with each row of v's list in owner (brm_view_row), until fn
 * returns non-zero; returns that, or 0. */
int brm_view_each(const struct brm_view *v, const struct brm_record *owner,
    int (*fn)(void *payload, const struct brm_record *row), void *payload);
/* The field that tells items of v's list apart ("name" for contacts):
 * the first required scalar field of the item. */
const char *brm_view_item_key(const struct brm_view *v);

struct brm_column {
	char *path;			/* "review.cadence" */
	const struct brm_field *field;	/* NULL: a view's owner id */
};

struct brm_columns {
	struct brm_column *v;
	size_t n;
};

/* The columns of kind's rows, or of v's rows when v is not NULL. */
void brm_columns_init(struct brm_columns *c, const struct brm_kind *kind,
    const struct brm_view *v);
void brm_columns_release(struct brm_columns *c);
/* The column with path; NULL if none. */
const struct brm_column *brm_columns_find(const struct brm_columns *c,
    const char *path);

/*
 * The text of column c in a row's tree (malloc'd), NULL when absent.
 * BRM_EINVALID when a list's item holds a line break and so cannot be
 * one line of a cell.
 */
int brm_rows_cell(char **out, const struct brm_node *row,
    const struct brm_column *c);

/* Where typing a row found a problem: the column (or path) and the
 * message. */
struct brm_rows_problem {
	void (*fn)(void *payload, const char *column, const char *message);
	void *payload;
};

/*
 * Put the cell text of column c into row (a mapping): split into items
 * or read as JSON as the field takes, each value typed through the
 * schema (brm_field_parse).  Returns 0, or BRM_EINVALID after telling
 * bad about each problem.
 */
int brm_rows_set(struct brm_node *row, const struct brm_column *c,
    const char *text, const struct brm_rows_problem *bad);

/*
 * Type the scalars of a tree read from JSON (strings, numbers, bools)
 * through fields, in place: "2026-11-22" becomes a date and 4 a number
 * as if typed on the command line.  Keys the schema does not know are
 * kept as they are.  Returns 0, or BRM_EINVALID after telling bad.
 */
int brm_rows_type(struct brm_node *map, const struct brm_field *fields,
    const char *prefix, const struct brm_rows_problem *bad);

#endif
