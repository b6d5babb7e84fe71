#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "node.h"

static struct brm_node *node_new(enum brm_node_type type)
{
	struct brm_node *n = brm_calloc(1, sizeof(*n));

	n->type = type;
	return n;
}

struct brm_node *brm_node_new_map(void)
{
	return node_new(BRM_NODE_MAP);
}

struct brm_node *brm_node_new_seq(void)
{
	return node_new(BRM_NODE_SEQ);
}

/* A scalar and its text are one allocation: loading a large portfolio
 * makes millions of them, and malloc was a fifth of a report's time. */
struct brm_node *brm_node_new_strn(const char *s, size_t len)
{
	struct brm_node *n = brm_malloc(sizeof(*n) + len + 1);

	*n = (struct brm_node){ .type = BRM_NODE_SCALAR,
		.value = (char *)(n + 1), .len = len };
	memcpy(n->value, s, len);
	n->value[len] = '\0';
	return n;
}

struct brm_node *brm_node_new_str(const char *s)
{
	return brm_node_new_strn(s, strlen(s));
}

struct brm_node *brm_node_new_plain(const char *s)
{
	struct brm_node *n = brm_node_new_str(s);

	n->plain = 1;
	return n;
}

void brm_node_free(struct brm_node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			free(n->keys[i]);
		brm_node_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	if (n->value != (char *)(n + 1))
		free(n->value);
	free(n);
}

struct brm_node *brm_node_dup(const struct brm_node *n)
{
	struct brm_node *d;
	size_t i;

	if (!n)
		return NULL;
	d = n->value ? brm_node_new_strn(n->value, n->len) :
	    node_new(n->type);
	d->type = n->type;
	d->plain = n->plain;
	d->line = n->line;
	d->col = n->col;
	if (n->n) {
		d->alloc = n->n;
		d->items = brm_malloc(d->alloc * sizeof(*d->items));
		if (n->keys)
			d->keys = brm_malloc(d->alloc * sizeof(*d->keys));
	}
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			d->keys[i] = brm_strdup(n->keys[i]);
		d->items[i] = brm_node_dup(n->items[i]);
	}
	d->n = n->n;
	return d;
}

/* Structure and text count; source positions do not. */
int brm_node_equal(const struct brm_node *a, const struct brm_node *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == BRM_NODE_SCALAR)
		return a->plain == b->plain && a->len == b->len &&
		    memcmp(a->value, b->value, a->len) == 0;
	for (i = 0; i < a->n; i++) {
		if (a->type == BRM_NODE_MAP &&
		    strcmp(a->keys[i], b->keys[i]) != 0)
			return 0;
		if (!brm_node_equal(a->items[i], b->items[i]))
			return 0;
	}
	return 1;
}

static void grow(struct brm_node *n)
{
	if (n->n < n->alloc)
		return;
	n->alloc = n->alloc ? n->alloc * 2 : 8;
	n->items = brm_realloc(n->items, n->alloc * sizeof(*n->items));
	if (n->type == BRM_NODE_MAP)
		n->keys = brm_realloc(n->keys, n->alloc * sizeof(*n->keys));
}

/* ---- pools ---- */

#define POOL_BLOCK 4096	/* once the expected size is used up */

struct pool_block {
	struct pool_block *next;
	size_t used, size;
	max_align_t data[];
};

struct brm_pool {
	struct pool_block *blocks;	/* the newest first */
	size_t expect;			/* the first block's size, if set */
};

struct brm_pool *brm_pool_new(void)
{
	return brm_calloc(1, sizeof(struct brm_pool));
}

void brm_pool_free(struct brm_pool *p)
{
	struct pool_block *b, *next;

	if (!p)
		return;
	for (b = p->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

static void *pool_alloc(struct brm_pool *p, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct pool_block *b = p->blocks;
	size_t size;
	void *at;

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size = p->expect > POOL_BLOCK ? p->expect : POOL_BLOCK;
		p->expect = 0;
		if (size < n)
			size = n;
		b = brm_malloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		b->next = p->blocks;
		p->blocks = b;
	}
	at = (char *)b->data + b->used;
	b->used += n;
	return at;
}

void brm_pool_expect(struct brm_pool *p, size_t bytes)
{
	if (p && !p->blocks)
		p->expect = bytes;
}

char *brm_pool_strndup(struct brm_pool *p, const char *s, size_t len)
{
	char *d;

	if (!p)
		return brm_strndup(s, len);
	d = pool_alloc(p, len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static struct brm_node *node_in(struct brm_pool *p, enum brm_node_type type)
{
	struct brm_node *n = pool_alloc(p, sizeof(*n));

	*n = (struct brm_node){ .type = type };
	return n;
}

struct brm_node *brm_node_new_map_in(struct brm_pool *p)
{
	return p ? node_in(p, BRM_NODE_MAP) : brm_node_new_map();
}

struct brm_node *brm_node_new_seq_in(struct brm_pool *p)
{
	return p ? node_in(p, BRM_NODE_SEQ) : brm_node_new_seq();
}

struct brm_node *brm_node_new_strn_in(struct brm_pool *p, const char *s,
    size_t len)
{
	struct brm_node *n;

	if (!p)
		return brm_node_new_strn(s, len);
	n = node_in(p, BRM_NODE_SCALAR);
	n->value = brm_pool_strndup(p, s, len);
	n->len = len;
	return n;
}

/* grow() in a pool: the old arrays stay in it, unused */
static void grow_in(struct brm_pool *p, struct brm_node *n)
{
	size_t alloc;
	void *v;

	if (!p) {
		grow(n);
		return;
	}
	if (n->n < n->alloc)
		return;
	alloc = n->alloc ? n->alloc * 2 : 8;
	v = pool_alloc(p, alloc * sizeof(*n->items));
	if (n->n)
		memcpy(v, n->items, n->n * sizeof(*n->items));
	n->items = v;
	if (n->type == BRM_NODE_MAP) {
		v = pool_alloc(p, alloc * sizeof(*n->keys));
		if (n->n)
			memcpy(v, n->keys, n->n * sizeof(*n->keys));
		n->keys = v;
	}
	n->alloc = alloc;
}

void brm_node_append_in(struct brm_pool *p, struct brm_node *seq,
    struct brm_node *item)
{
	grow_in(p, seq);
	seq->items[seq->n++] = item;
}

void brm_node_append_owned_in(struct brm_pool *p, struct brm_node *map,
    char *key, struct brm_node *v)
{
	grow_in(p, map);
	map->keys[map->n] = key;
	map->items[map->n++] = v;
}

long brm_node_index(const struct brm_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != BRM_NODE_MAP)
		return -1;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return (long)i;
	return -1;
}

struct brm_node *brm_node_get(const struct brm_node *map, const char *key)
{
	long i = brm_node_index(map, key);

	return i < 0 ? NULL : map->items[i];
}

const char *brm_node_str(const struct brm_node *map, const char *key)
{
	const struct brm_node *v = brm_node_get(map, key);

	return v && v->type == BRM_NODE_SCALAR ? v->value : NULL;
}

void brm_node_set(struct brm_node *map, const char *key, struct brm_node *v)
{
	long i = brm_node_index(map, key);

	if (i < 0) {
		brm_node_insert(map, map->n, key, v);
		return;
	}
	if (map->items[i] != v)
		brm_node_free(map->items[i]);
	map->items[i] = v;
}

void brm_node_append_owned(struct brm_node *map, char *key,
    struct brm_node *v)
{
	grow(map);
	map->keys[map->n] = key;
	map->items[map->n++] = v;
}

void brm_node_insert(struct brm_node *map, size_t pos, const char *key,
    struct brm_node *v)
{
	if (pos > map->n)
		pos = map->n;
	grow(map);
	memmove(map->keys + pos + 1, map->keys + pos,
	    (map->n - pos) * sizeof(*map->keys));
	memmove(map->items + pos + 1, map->items + pos,
	    (map->n - pos) * sizeof(*map->items));
	map->keys[pos] = brm_strdup(key);
	map->items[pos] = v;
	map->n++;
}

int brm_node_remove(struct brm_node *map, const char *key)
{
	long i = brm_node_index(map, key);

	if (i < 0)
		return 0;
	free(map->keys[i]);
	memmove(map->keys + i, map->keys + i + 1,
	    (map->n - i - 1) * sizeof(*map->keys));
	brm_node_remove_at(map, (size_t)i);
	return 1;
}

void brm_node_append(struct brm_node *seq, struct brm_node *item)
{
	grow(seq);
	seq->items[seq->n++] = item;
}

/* Also the second half of brm_node_remove(), which has moved the keys. */
void brm_node_remove_at(struct brm_node *seq, size_t i)
{
	if (i >= seq->n)
		return;
	brm_node_free(seq->items[i]);
	memmove(seq->items + i, seq->items + i + 1,
	    (seq->n - i - 1) * sizeof(*seq->items));
	seq->n--;
}

/*
 * brm_scalar_looks_typed() and its predicates.  Each one is the union of
 * what YAML 1.1 (PyYAML's resolver, the YAML 1.1 type repository) and
 * YAML 1.2's core schema accept, widened where that keeps the code simple:
 * a string quoted without need still reads back as the same string.
 */

#define DIGITS "0123456789"

/* A cursor over the text; the take_* helpers consume from its front. */
struct scan {
	const char *p, *end;
};

static int at_end(const struct scan *sc)
{
	return sc->p == sc->end;
}

/* Consume one character of set; 1 if there was one. */
static int take_char(struct scan *sc, const char *set)
{
	if (at_end(sc) || *sc->p == '\0' || !strchr(set, *sc->p))
		return 0;
	sc->p++;
	return 1;
}

/* Consume the longest run of characters of set; return its length. */
static size_t take(struct scan *sc, const char *set)
{
	size_t n = 0;

	while (take_char(sc, set))
		n++;
	return n;
}

static int take_str(struct scan *sc, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, lit, n) != 0)
		return 0;
	sc->p += n;
	return 1;
}

static int is_one_of(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(s, *words, len) == 0)
			return 1;
	return 0;
}

static int has_digit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* Empty, ~ and null; and the merge key << and value key = of YAML 1.1,
 * which PyYAML refuses or misreads in a value. */
static int is_null_or_special(const char *s, size_t len)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "<<", "=", NULL
	};

	return len == 0 || is_one_of(s, len, words);
}

/* YAML 1.1 booleans, including the one-letter forms PyYAML omits. */
static int is_bool(const char *s, size_t len)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF", NULL
	};

	return is_one_of(s, len, words);
}

/* Binary, octal (0o17 and 1.1's 017), hex, decimal with _ separators,
 * and 1.1's base 60 (1:20). */
static int is_int(const char *s, size_t len)
{
	struct scan sc = { s, s + len };

	take_char(&sc, "+-");
	if (take_str(&sc, "0b") || take_str(&sc, "0B"))
		return take(&sc, "01_") && at_end(&sc);
	if (take_str(&sc, "0o") || take_str(&sc, "0O"))
		return take(&sc, "01234567_") && at_end(&sc);
	if (take_str(&sc, "0x") || take_str(&sc, "0X"))
		return take(&sc, DIGITS "abcdefABCDEF_") && at_end(&sc);
	if (!take_char(&sc, DIGITS))
		return 0;
	take(&sc, DIGITS "_");
	while (take_char(&sc, ":"))
		if (!take(&sc, DIGITS))
			return 0;
	return at_end(&sc);
}

static int is_inf_or_nan(struct scan *sc)
{
	return take_str(sc, ".inf") || take_str(sc, ".Inf") ||
	    take_str(sc, ".INF") || take_str(sc, ".nan") ||
	    take_str(sc, ".NaN") || take_str(sc, ".NAN");
}

/* 1.5, .5, 1., 1e3, 1.0e+3, 1_000.5, base 60 (1:20.5), .inf, .nan. */
static int is_float(const char *s, size_t len)
{
	struct scan sc = { s, s + len };
	size_t mant;

	take_char(&sc, "+-");
	if (is_inf_or_nan(&sc))
		return at_end(&sc);
	mant = take(&sc, DIGITS "_");
	while (mant && take_char(&sc, ":"))
		if (!take(&sc, DIGITS))
			return 0;
	if (take_char(&sc, "."))
		mant += take(&sc, DIGITS "_");
	if (!mant)
		return 0;	/* ".", "e3" */
	if (take_char(&sc, "eE")) {
		take_char(&sc, "+-");
		if (!take(&sc, DIGITS))
			return 0;
	}
	return at_end(&sc) && has_digit(s, len);
}

/* Take n digits, where lo <= n <= hi. */
static int take_digits(struct scan *sc, size_t lo, size_t hi)
{
	size_t n = take(sc, DIGITS);

	return n >= lo && n <= hi;
}

/* 2026-11-22, 2026-1-2, 2026-11-22T14:30:00.5+03:00, 2026-11-22 14:30:00Z
 * (seconds optional, which YAML 1.1 does not allow, to be safe). */
static int is_timestamp(const char *s, size_t len)
{
	struct scan sc = { s, s + len };

	if (!take_digits(&sc, 4, 4) || !take_char(&sc, "-") ||
	    !take_digits(&sc, 1, 2) || !take_char(&sc, "-") ||
	    !take_digits(&sc, 1, 2))
		return 0;
	if (at_end(&sc))
		return 1;
	if (!take_char(&sc, "Tt") && !take(&sc, " \t"))
		return 0;
	if (!take_digits(&sc, 1, 2) || !take_char(&sc, ":") ||
	    !take_digits(&sc, 2, 2))
		return 0;
	if (take_char(&sc, ":") && !take_digits(&sc, 2, 2))
		return 0;
	if (take_char(&sc, "."))
		take(&sc, DIGITS);
	take(&sc, " \t");
	if (take_char(&sc, "+-")) {
		if (!take_digits(&sc, 1, 2))
			return 0;
		if (take_char(&sc, ":") && !take_digits(&sc, 2, 2))
			return 0;
	} else {
		take_char(&sc, "Z");
	}
	return at_end(&sc);
}

/* Every typed form above starts with a digit, a sign or '.', except
 * the null, special and boolean words, none longer than "false". */
static int may_be_typed(const char *s, size_t len)
{
	char c = s[0];

	if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
		return 1;
	return len <= 5 && strchr("~<=yYnNtTfFoO", c);
}

int brm_scalar_looks_typed(const char *s, size_t len)
{
	/* most text (names, notes) is decided by its first byte */
	if (len && !may_be_typed(s, len))
		return 0;
	/* dates, the commonest typed scalars: YYYY- is neither an int nor
	 * a float */
	if (len > 4 && s[4] == '-' && s[0] >= '0' && s[0] <= '9' &&
	    s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
	    s[3] >= '0' && s[3] <= '9')
		return is_timestamp(s, len);
	/* no null, special or boolean word is longer than "false" */
	return (len <= 5 && (is_null_or_special(s, len) ||
	    is_bool(s, len))) ||
	    is_int(s, len) || is_float(s, len) || is_timestamp(s, len);
}
