/*
 * yaml.h - load and emit record files (libyaml).
 *
 * The loader is strict because records are edited by hand: it refuses
 * anchors and aliases, tags other than !!str, duplicate keys, a second
 * document, a top level that is not a mapping, invalid UTF-8, control
 * characters, nesting deeper than BRM_YAML_MAX_DEPTH and input larger than
 * BRM_YAML_MAX_BYTES.  Errors are BRM_EINVALID with the message
 * "<name>:<line>:<col>: <problem>" in the error slot.
 *
 * The emitter is canonical: the same tree always gives the same bytes.
 * Block style throughout, two-space indent, no line folding, UTF-8 as is;
 * strings that would read as another type are double-quoted, strings
 * with a newline use literal block style.
 */
#ifndef BRM_YAML_H
#define BRM_YAML_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/node.h"

#define BRM_YAML_MAX_BYTES (1024 * 1024)
#define BRM_YAML_MAX_DEPTH 16
#define BRM_YAML_MAX_NODES 100000

/* Parse data (need not be NUL-terminated).  name is used in messages. */
int brm_yaml_load(struct brm_node **out, const char *data, size_t len,
    const char *name);

/* Read and parse a file; name (may be NULL: path) is used in messages. */
int brm_yaml_load_file(struct brm_node **out, const char *path,
    const char *name);

/* The same, the tree made in pool (core/node.h: a tree only read, freed
 * with the pool); pool NULL is the heap.  After a failure whatever was
 * made is in the pool too. */
int brm_yaml_load_in(struct brm_pool *pool, struct brm_node **out,
    const char *data, size_t len, const char *name);
int brm_yaml_load_file_in(struct brm_pool *pool, struct brm_node **out,
    const char *path, const char *name);

/* Append the canonical YAML for root (a mapping) to out. */
int brm_yaml_emit(struct brm_buf *out, const struct brm_node *root);

#endif
