/*
 * node.h - the generic ordered record tree.
 *
 * Every record is loaded into this tree before its schema is consulted, so
 * fields a user added by hand survive any rewrite, in place.  A mapping
 * keeps its keys in file order; scalars keep their text exactly as written.
 *
 * A scalar is either a string (plain == 0: written quoted when its text
 * would otherwise read as another YAML type) or a typed plain scalar
 * (plain == 1: a number, bool, null or timestamp, written as is).  The
 * loader decides with brm_scalar_looks_typed(), the emitter with the same
 * predicate, so a file brm wrote reads back as the same tree.
 *
 * Ownership: a container owns its children; functions that take a node
 * pointer to insert take ownership of it.  Getters return borrowed
 * pointers.
 */
#ifndef BRM_NODE_H
#define BRM_NODE_H

#include <stddef.h>

enum brm_node_type { BRM_NODE_SCALAR, BRM_NODE_MAP, BRM_NODE_SEQ };

struct brm_node {
	enum brm_node_type type;
	int plain;		/* scalar: a typed plain scalar */
	char *value;		/* scalar: NUL-terminated text */
	size_t len;		/* scalar: bytes in value */
	char **keys;		/* map: keys, parallel to items */
	struct brm_node **items;/* map values or sequence items */
	size_t n, alloc;
	unsigned line, col;	/* 1-based source position; 0 if built */
};

struct brm_node *brm_node_new_map(void);
struct brm_node *brm_node_new_seq(void);
struct brm_node *brm_node_new_str(const char *s);	/* a string */
struct brm_node *brm_node_new_strn(const char *s, size_t len);
struct brm_node *brm_node_new_plain(const char *s);	/* typed plain */
void brm_node_free(struct brm_node *n);			/* NULL ok */
struct brm_node *brm_node_dup(const struct brm_node *n);
int brm_node_equal(const struct brm_node *a, const struct brm_node *b);

/* Map access.  brm_node_get() returns NULL for a missing key or a
 * non-map; brm_node_str() returns a scalar's text or NULL. */
struct brm_node *brm_node_get(const struct brm_node *map, const char *key);
const char *brm_node_str(const struct brm_node *map, const char *key);
long brm_node_index(const struct brm_node *map, const char *key); /* -1 */
/* Replace the value of key in place, or append key at the end. */
void brm_node_set(struct brm_node *map, const char *key, struct brm_node *v);
/* Insert key at position pos (0..n); key must not be present. */
void brm_node_insert(struct brm_node *map, size_t pos, const char *key,
    struct brm_node *v);
/* Append key (which map takes over, unchecked: the caller knows it is
 * new) and v. */
void brm_node_append_owned(struct brm_node *map, char *key,
    struct brm_node *v);
int brm_node_remove(struct brm_node *map, const char *key); /* 1 if gone */

/* Sequence access. */
void brm_node_append(struct brm_node *seq, struct brm_node *item);
void brm_node_remove_at(struct brm_node *seq, size_t i);

/*
 * A pool for a tree that is only read, then freed whole (brm check and
 * the reports read every record once): its nodes, keys and arrays come
 * from a few large blocks instead of a malloc each, and go with the
 * pool.  Such a tree must not be changed, and brm_node_free() must not
 * be called on it: brm_pool_free() frees it.  The *_in functions take
 * the pool, or NULL for the heap (then they are the functions above).
 */
struct brm_pool;
struct brm_pool *brm_pool_new(void);
void brm_pool_free(struct brm_pool *p);			/* NULL ok */
/* Before the first allocation: the pool's first block holds bytes (a
 * tree takes about twice its YAML), so that a record kept long wastes
 * little and a big one needs few blocks. */
void brm_pool_expect(struct brm_pool *p, size_t bytes);
char *brm_pool_strndup(struct brm_pool *p, const char *s, size_t len);
struct brm_node *brm_node_new_map_in(struct brm_pool *p);
struct brm_node *brm_node_new_seq_in(struct brm_pool *p);
struct brm_node *brm_node_new_strn_in(struct brm_pool *p, const char *s,
    size_t len);
void brm_node_append_in(struct brm_pool *p, struct brm_node *seq,
    struct brm_node *item);
/* key must come from brm_pool_strndup(p) (or the heap when p is NULL) */
void brm_node_append_owned_in(struct brm_pool *p, struct brm_node *map,
    char *key, struct brm_node *v);

/*
 * True when text written as a plain YAML scalar would be read as something
 * other than a string by a YAML 1.1 or 1.2 reader (null, bool, int, float,
 * timestamp, merge key "<<", value key "=") or is empty.  Conservative:
 * quoting a string needlessly is harmless, failing to quote one is not.
 */
int brm_scalar_looks_typed(const char *s, size_t len);

#endif
