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
 * A new tree of j, as the YAML loader would make it: strings stay
 * strings; numbers, true, false and null become typed plain scalars.
 */
struct brm_node *brm_json_to_node(const json_t *j);
/* Append j as text (pretty: indented, else compact) and a newline. */
int brm_json_dump(struct brm_buf *out, const json_t *j, int pretty);

#endif
