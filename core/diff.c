#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"

typedef void (*diff_fn)(const char *, const struct brm_node *,
    const struct brm_node *, void *);

static void walk(const char *path, const struct brm_node *a,
    const struct brm_node *b, diff_fn fn, void *payload);

static char *child_path(const char *path, const char *seg)
{
	return *path ? brm_xprintf("%s.%s", path, seg) : brm_strdup(seg);
}

static void walk_maps(const char *path, const struct brm_node *a,
    const struct brm_node *b, diff_fn fn, void *payload)
{
	char *p;
	size_t i;

	for (i = 0; i < a->n; i++) {
		p = child_path(path, a->keys[i]);
		walk(p, a->items[i], brm_node_get(b, a->keys[i]), fn,
		    payload);
		free(p);
	}
	for (i = 0; i < b->n; i++) {
		if (brm_node_index(a, b->keys[i]) >= 0)
			continue;
		p = child_path(path, b->keys[i]);
		fn(p, NULL, b->items[i], payload);
		free(p);
	}
}

static void walk_seqs(const char *path, const struct brm_node *a,
    const struct brm_node *b, diff_fn fn, void *payload)
{
	size_t i, n = a->n > b->n ? a->n : b->n;
	char idx[32], *p;

	for (i = 0; i < n; i++) {
		snprintf(idx, sizeof(idx), "%zu", i);
		p = child_path(path, idx);
		walk(p, i < a->n ? a->items[i] : NULL,
		    i < b->n ? b->items[i] : NULL, fn, payload);
		free(p);
	}
}

static void walk(const char *path, const struct brm_node *a,
    const struct brm_node *b, diff_fn fn, void *payload)
{
	if (!a || !b) {
		if (a || b)
			fn(path, a, b, payload);
		return;
	}
	if (a->type == BRM_NODE_MAP && b->type == BRM_NODE_MAP)
		walk_maps(path, a, b, fn, payload);
	else if (a->type == BRM_NODE_SEQ && b->type == BRM_NODE_SEQ)
		walk_seqs(path, a, b, fn, payload);
	else if (!brm_node_equal(a, b))
		fn(path, a, b, payload);
}

void brm_diff(const struct brm_node *old, const struct brm_node *new,
    diff_fn fn, void *payload)
{
	walk("", old, new, fn, payload);
}
