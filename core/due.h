/*
 * due.h - what needs a person's attention, and when.
 *
 * Each record kind may contribute items through its due hook (struct
 * brm_kind.due): complaints their response targets, meetings their open
 * actions, customers their periodic reports and reviews, suppliers their
 * contract reviews.  brm due and the reports collect them all.
 */
#ifndef BRM_DUE_H
#define BRM_DUE_H

#include <stddef.h>

#include "date.h"
#include "node.h"

struct brm_store;
struct brm_record;

struct brm_due_item {
	struct brm_date due;
	char *category;		/* "complaint", "action", "review"... */
	char *id;		/* the record it comes from */
	char *customer;		/* the customer concerned, or NULL */
	char *what;		/* one line for a person */
	int timed;		/* due at a moment, not just a day */
	struct brm_datetime at;	/* when timed: the moment */
};

struct brm_due_list {
	struct brm_due_item *items;
	size_t n, alloc;
};

/* What hooks work out once per listing and share, by key ("review
 * meetings"), freed with the listing. */
struct brm_due_memo {
	char **keys;
	void **data;
	void (**free_fn)(void *);
	size_t n;
};

#define BRM_DUE_MEMO_INIT { NULL, NULL, NULL, 0 }

struct brm_due_ctx {
	struct brm_store *store;
	struct brm_datetime now;
	struct brm_date today;
	struct brm_date horizon;	/* include items due up to this day */
	struct brm_due_memo *memo;	/* NULL: nothing is shared */
};

void brm_due_add(struct brm_due_list *l, const struct brm_date *due,
    const char *category, const char *id, const char *customer,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Make the item added last due at the moment at (due becomes its day). */
void brm_due_set_time(struct brm_due_list *l, const struct brm_datetime *at);
void brm_due_release(struct brm_due_list *l);

/* The data memoized under key, or NULL. */
void *brm_due_memo_get(const struct brm_due_ctx *c, const char *key);
/* Keep data under key until brm_due_memo_release() frees it with
 * free_fn; 0, or -1 when c has no memo (data stays the caller's). */
int brm_due_memo_put(const struct brm_due_ctx *c, const char *key,
    void *data, void (*free_fn)(void *));
void brm_due_memo_release(struct brm_due_memo *m);

#endif
