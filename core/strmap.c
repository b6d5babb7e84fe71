#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "strmap.h"

#define FIRST_CAP 16

size_t brm_strmap_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

void brm_strmap_init(struct brm_strmap *m)
{
	m->slots = NULL;
	m->n = m->cap = 0;
}

/* The slot holding key, or the empty one where it would go.  The hash
 * is compared first: most slots probed hold other keys. */
static struct brm_strmap_entry *find(const struct brm_strmap *m,
    const char *key, size_t hash)
{
	size_t mask = m->cap - 1, i = hash & mask;

	while (m->slots[i].key && (m->slots[i].hash != hash ||
	    strcmp(m->slots[i].key, key)))
		i = (i + 1) & mask;
	return &m->slots[i];
}

static void grow(struct brm_strmap *m)
{
	struct brm_strmap old = *m;
	size_t i;

	m->cap = old.cap ? 2 * old.cap : FIRST_CAP;
	m->slots = brm_calloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) =
			    old.slots[i];
	free(old.slots);
}

void *brm_strmap_get(const struct brm_strmap *m, const char *key)
{
	if (!m->n)
		return NULL;
	return find(m, key, brm_strmap_hash(key))->value;
}

void **brm_strmap_at(struct brm_strmap *m, const char *key, int *added)
{
	size_t hash = brm_strmap_hash(key);
	struct brm_strmap_entry *e;

	e = m->cap ? find(m, key, hash) : NULL;
	if (e && e->key) {
		if (added)
			*added = 0;
		return &e->value;
	}
	/* only adding a key grows the table: a pointer given out stays
	 * good while keys are merely looked up */
	if (2 * (m->n + 1) > m->cap) {
		grow(m);
		e = find(m, key, hash);
	}
	e->key = brm_strdup(key);
	e->value = NULL;
	e->hash = hash;
	m->n++;
	if (added)
		*added = 1;
	return &e->value;
}

void *brm_strmap_set(struct brm_strmap *m, const char *key, void *value)
{
	void **at = brm_strmap_at(m, key, NULL), *old = *at;

	*at = value;
	return old;
}

void brm_strmap_release(struct brm_strmap *m, void (*free_value)(void *))
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	brm_strmap_init(m);
}
