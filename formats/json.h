/*
 * json.h - records as JSON (jansson), for scripts.
 *
 * Field names are the YAML ones.  Typed plain scalars become JSON numbers,
 * booleans and null; dates and everything else are strings.
 */
#ifndef BRM_JSON_H
#define BRM_JSON_H

#include <jansson.h>

#include "core/buf.h"
#include "core/node.h"

/* A new reference to the JSON value of n. */
json_t *brm_json_from_node(const struct brm_node *n);
/*
 * The tree of j, as the YAML loader would make it (new, in *out):
 * strings stay strings; numbers, true and false become typed plain
 * scalars; a null member or item is left out.  BRM_EINVALID when j is
 * null itself.
 */
int brm_json_to_node(struct brm_node **out, const json_t *j);
/* Append j as text (pretty: indented, else compact) and a newline. */
int brm_json_dump(struct brm_buf *out, const json_t *j, int pretty);

#endif
