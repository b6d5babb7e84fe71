#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "due.h"

void brm_due_add(struct brm_due_list *l, const struct brm_date *due,
    const char *category, const char *id, const char *customer,
    const char *fmt, ...)
{
	struct brm_buf what = BRM_BUF_INIT;
	struct brm_due_item *it;
	va_list ap;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->items = brm_realloc(l->items, l->alloc * sizeof(*l->items));
	}
	va_start(ap, fmt);
	brm_buf_vprintf(&what, fmt, ap);
	va_end(ap);
	it = &l->items[l->n++];
	memset(it, 0, sizeof(*it));
	it->due = *due;
	it->category = brm_strdup(category);
	it->id = brm_strdup(id);
	it->customer = customer ? brm_strdup(customer) : NULL;
	it->what = brm_buf_detach(&what);
}

void brm_due_set_time(struct brm_due_list *l, const struct brm_datetime *at)
{
	if (!l->n)
		return;
	l->items[l->n - 1].timed = 1;
	l->items[l->n - 1].at = *at;
	l->items[l->n - 1].due = at->date;
}

void brm_due_release(struct brm_due_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].category);
		free(l->items[i].id);
		free(l->items[i].customer);
		free(l->items[i].what);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

void *brm_due_memo_get(const struct brm_due_ctx *c, const char *key)
{
	size_t i;

	for (i = 0; c->memo && i < c->memo->n; i++)
		if (!strcmp(c->memo->keys[i], key))
			return c->memo->data[i];
	return NULL;
}

int brm_due_memo_put(const struct brm_due_ctx *c, const char *key,
    void *data, void (*free_fn)(void *))
{
	struct brm_due_memo *m = c->memo;

	if (!m)
		return -1;
	m->keys = brm_realloc(m->keys, (m->n + 1) * sizeof(*m->keys));
	m->data = brm_realloc(m->data, (m->n + 1) * sizeof(*m->data));
	m->free_fn = brm_realloc(m->free_fn, (m->n + 1) *
	    sizeof(*m->free_fn));
	m->keys[m->n] = brm_strdup(key);
	m->data[m->n] = data;
	m->free_fn[m->n] = free_fn;
	m->n++;
	return 0;
}

void brm_due_memo_release(struct brm_due_memo *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		if (m->free_fn[i])
			m->free_fn[i](m->data[i]);
		free(m->keys[i]);
	}
	free(m->keys);
	free(m->data);
	free(m->free_fn);
	*m = (struct brm_due_memo)BRM_DUE_MEMO_INIT;
}
