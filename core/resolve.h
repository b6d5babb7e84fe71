/*
 * resolve.h - settling the conflicts of the pending merge (core/pending.h)
 * one at a time: each choice is kept in the pending merge and the merge
 * is tried again at once, so the person sees what still conflicts; the
 * next brm_sync() commits the merge once nothing does.
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_RESOLVE_H
#define BRM_RESOLVE_H

#include "merge.h"
#include "store.h"
#include "sync.h"

/*
 * Settle field of the conflicting record ref (its id, a unique prefix or
 * the file's path; field "" for the whole record) by taking our side,
 * theirs, or value (BRM_MERGE_VALUE, for a field only: the caller
 * refuses it for field ""; parsed as the field's type).  The
 * choice is kept in the pending merge, the merge is tried again and rep
 * lists what still conflicts.  *what (malloc'd) says what was chosen.
 * Requires brm_store_lock().  BRM_ENOTFOUND when no merge is pending or
 * ref names no conflict, BRM_EAMBIGUOUS when it names several.
 */
int brm_resolve(struct brm_store *s, const char *ref, const char *field,
    enum brm_merge_side side, const char *value, struct brm_sync_report *rep,
    char **what);

#endif
