/*
 * check.h - rules that need more than one record: references resolve.
 */
#ifndef BRM_CHECK_H
#define BRM_CHECK_H

#include "problems.h"
#include "record.h"
#include "store.h"

/* Report each reference in r that names no record of an allowed kind,
 * and warn when r's service is not one its customer subscribes to. */
void brm_check_refs(struct brm_store *s, const struct brm_record *r,
    struct brm_problems *out);

/*
 * The same for many records of an unchanging store: the cache remembers
 * which ids exist and each customer's services, so that each is looked
 * up once (brm check).  Free with brm_ref_cache_free.
 */
struct brm_ref_cache;
struct brm_ref_cache *brm_ref_cache_new(struct brm_store *s);
void brm_ref_cache_free(struct brm_ref_cache *c);
/* Remember what record r answers (a customer: that it exists, and the
 * services it subscribes to), read by the caller anyway, so that it is
 * not read again to answer. */
void brm_ref_cache_learn(struct brm_ref_cache *c, const struct brm_record *r);
void brm_check_refs_cached(struct brm_ref_cache *c,
    const struct brm_record *r, struct brm_problems *out);

#endif
