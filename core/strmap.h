/*
 * strmap.h - a map from strings to pointers (open addressing, FNV-1a).
 *
 * The map owns its keys: each key is copied when it is added and freed
 * by brm_strmap_release(), so the caller may pass a string it reuses or
 * frees at once (a key composed in a scratch buffer).  The values are
 * the caller's: the map stores the pointer and frees it only when asked
 * to.  Keys are compared byte for byte up to their NUL; any bytes are
 * keys, the empty string too.
 *
 * Looking up never allocates.  The table stays at most half full and
 * doubles when it would not; entries are never removed.
 */
#ifndef BRM_STRMAP_H
#define BRM_STRMAP_H

#include <stddef.h>

struct brm_strmap_entry {
	char *key;		/* NULL: the slot is empty */
	void *value;
	size_t hash;		/* brm_strmap_hash(key) */
};

struct brm_strmap {
	struct brm_strmap_entry *slots;	/* cap of them, a power of two */
	size_t n, cap;			/* keys held, slots */
};

#define BRM_STRMAP_INIT { NULL, 0, 0 }

void brm_strmap_init(struct brm_strmap *m);

/* The value of key; NULL when key is absent (or its value is NULL). */
void *brm_strmap_get(const struct brm_strmap *m, const char *key);

/* Set key's value, adding key if absent.  Returns the value it replaced,
 * NULL if key was new. */
void *brm_strmap_set(struct brm_strmap *m, const char *key, void *value);

/*
 * Where key's value is kept, for reading or setting it: key is added
 * with a NULL value if absent, and *added (may be NULL) says whether it
 * was.  The pointer is good until the next key is added.
 */
void **brm_strmap_at(struct brm_strmap *m, const char *key, int *added);

/* Free the keys, each value with free_value (may be NULL: the values
 * are not the map's), and the table; m is left empty and usable.
 * Accepts NULL. */
void brm_strmap_release(struct brm_strmap *m, void (*free_value)(void *));

/* The hash of s (FNV-1a), for a table of one's own: the YAML loader
 * indexes the keys its nodes already hold. */
size_t brm_strmap_hash(const char *s);

#endif
