/*
 * merge.h - the record-aware three-way merge.
 *
 * Two people changed the same record in two clones: this merges their
 * trees field by field, against the tree both started from, the way a
 * person reading the YAML would.
 *
 *  - A field changed on one side only takes that side's value; changed
 *    alike on both sides, that value.  Mappings merge key by key, at any
 *    depth.
 *  - Lists merge by item.  Items are matched by a key: for a list of
 *    mappings the first required scalar field of the item's schema
 *    (contacts by name, actions by text, reopened entries by at,
 *    contracts and subscriptions by service...), for a list of scalars
 *    the value itself.  An item added on either side is kept, in the
 *    place it was added; one removed on a side and left alone on the
 *    other is removed.  Lists whose items cannot be matched so (no key,
 *    duplicate keys) merge position by position when all three have the
 *    same length.
 *  - Everything else is a conflict: the same scalar changed to two
 *    different values, a field or list item removed on one side and
 *    changed on the other, the record itself deleted on one side and
 *    changed on the other, or two lists that cannot be matched.
 *
 * A conflict names its field as a dotted path into the merged tree
 * ("status", "contacts.1.email"; "" for the whole record).  At a conflict
 * the merged tree holds our value (theirs when ours is absent) so that
 * every conflict's path leads to a node; brm_merge_pick() then replaces
 * it with the chosen side or a new value.  Only a merge without conflicts
 * is to be written.
 *
 * Pure functions on struct brm_node trees: no files, no git.  The kind
 * (which may be NULL: any YAML mapping) only tells the list keys.
 */
#ifndef BRM_MERGE_H
#define BRM_MERGE_H

#include <stddef.h>

#include "node.h"
#include "schema.h"

struct brm_merge_conflict {
	char *field;		/* dotted path; "" for the whole record */
	/* Copies of the three versions of the field; NULL: absent. */
	struct brm_node *base, *ours, *theirs;
};

struct brm_merge {
	const struct brm_kind *kind;	/* may be NULL */
	/* The merged tree; NULL when the record is deleted. */
	struct brm_node *result;
	struct brm_merge_conflict *conflicts;
	size_t n, alloc;
	/* List items removed by brm_merge_pick(), until brm_merge_finish(). */
	struct brm_node **dead;
	size_t ndead, dead_alloc;
};

#define BRM_MERGE_INIT { NULL, NULL, NULL, 0, 0, NULL, 0, 0 }

/*
 * Merge ours and theirs, both derived from base, into m (which must be
 * BRM_MERGE_INIT or released).  Any of the three may be NULL: a record
 * absent on that side (base NULL: added on both sides).  The inputs are
 * only read.  Returns the number of conflicts.
 */
size_t brm_merge_trees(struct brm_merge *m, const struct brm_kind *kind,
    const struct brm_node *base, const struct brm_node *ours,
    const struct brm_node *theirs);

enum brm_merge_side { BRM_MERGE_OURS, BRM_MERGE_THEIRS, BRM_MERGE_VALUE };

/*
 * Settle field (a dotted path into the merged tree, "" for the whole
 * record) by taking it from ours or theirs (the trees given to
 * brm_merge_trees(); a field absent there is removed), or setting it to
 * value (BRM_MERGE_VALUE; copied).  Works on any field, conflicting or
 * not: a merge that is invalid as a whole is mended this way.  The
 * conflicts at field or below it are dropped.  BRM_ENOTFOUND when field
 * leads nowhere in the merged tree and the chosen side lacks it too;
 * BRM_EINVALID for a value for the whole record.  Indexes stay as the
 * merge made them until brm_merge_finish().
 */
int brm_merge_pick(struct brm_merge *m, const struct brm_node *ours,
    const struct brm_node *theirs, const char *field,
    enum brm_merge_side side, const struct brm_node *value);

/* Drop the list items that picks removed.  Call before using result. */
void brm_merge_finish(struct brm_merge *m);

void brm_merge_release(struct brm_merge *m);

/*
 * The node at path in tree (NULL if none), where the path was made for
 * the merged tree merged: list items are followed by their key, so that
 * "contacts.2" in the merged tree finds the same contact in ours even
 * when ours lists it first.  kind may be NULL.
 */
const struct brm_node *brm_merge_locate(const struct brm_node *tree,
    const struct brm_node *merged, const char *path,
    const struct brm_kind *kind);

/*
 * A node on one line for messages: a scalar as its text, mappings and
 * lists in YAML flow style, newlines as "\n", cut after max bytes with
 * "...".  NULL for NULL.  malloc'd.
 */
char *brm_merge_show(const struct brm_node *n, size_t max);
/* The max of the values a conflict shows (sync, resolve, merge driver). */
#define BRM_MERGE_SHOW_MAX 200

#endif
