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

#endif
