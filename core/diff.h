/*
 * diff.h - field-level differences between two versions of a record.
 */
#ifndef BRM_DIFF_H
#define BRM_DIFF_H

#include "node.h"

/*
 * Call fn for each difference between old and new (either may be NULL):
 * path is dotted ("review.cadence", "contacts.1"), a is the old value
 * (NULL: added), b the new one (NULL: removed).  Mappings are compared
 * key by key, lists item by item.
 */
void brm_diff(const struct brm_node *old, const struct brm_node *new,
    void (*fn)(const char *path, const struct brm_node *a,
	const struct brm_node *b, void *payload), void *payload);

#endif
