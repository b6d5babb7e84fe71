/*
 * where.h - the records of a kind that meet a condition, fast enough for
 * completion: `brm resolve-complaint <TAB>` offers the acknowledged
 * complaints among 100,000 records within a few milliseconds.
 *
 * A condition is one or more terms, separated by spaces, that must all
 * hold:
 *
 *	field=v1|v2		the top-level field is one of the values
 *				(a missing field: its schema default)
 *	field!=v1|v2		it is none of them
 *	list.field!=v1|v2	some item of the list meets the term
 *				("actions.done!=true": an action not done)
 */
#ifndef BRM_WHERE_H
#define BRM_WHERE_H

#include <stddef.h>

#include "record.h"
#include "store.h"

/* Does r meet where?  A malformed term is never met. */
int brm_where_match(const struct brm_record *r, const char *where);

/*
 * The ids of the records of kind that start with prefix and meet where,
 * sorted; free with brm_strv_free.  A record that cannot be read meets
 * nothing.  Reads from the work tree, with a cache in
 * <gitdir>/brm-cache/ (see where.c); never fails for want of the cache.
 */
int brm_store_ids_where(struct brm_store *s, const struct brm_kind *kind,
    const char *where, const char *prefix, char ***ids, size_t *n);

#endif
