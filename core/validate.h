/*
 * validate.h - check a record tree against its kind's schema.
 *
 * Structure only: required fields, types, allowed values, and the kind's
 * own cross-field rules.  Whether references resolve needs the store and
 * is core/check.c's job.  Unknown fields are kept and not reported: users
 * may add their own.
 */
#ifndef BRM_VALIDATE_H
#define BRM_VALIDATE_H

#include "node.h"
#include "problems.h"
#include "schema.h"

/* Add every problem of root to out; returns the number of errors added. */
size_t brm_validate(const struct brm_kind *kind, const struct brm_node *root,
    struct brm_problems *out);

/* 1 when a scalar means "no value" (empty, ~, null): treated as absent. */
int brm_node_is_null(const struct brm_node *n);

/* Visit every reference value under root: fn(field, value node, payload). */
void brm_validate_refs(const struct brm_kind *kind,
    const struct brm_node *root,
    void (*fn)(const struct brm_field *f, const struct brm_node *v,
	void *payload), void *payload);

#endif
