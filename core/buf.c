#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

char brm_buf_empty[1];

static void out_of_memory(void)
{
	fputs("brm: fatal: out of memory\n", stderr);
	abort();
}

void *brm_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *brm_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *brm_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *brm_strdup(const char *s)
{
	return brm_strndup(s, strlen(s));
}

char *brm_strndup(const char *s, size_t n)
{
	char *p = brm_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *brm_xprintf(const char *fmt, ...)
{
	struct brm_buf b = BRM_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	brm_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return brm_buf_detach(&b);
}

void brm_buf_init(struct brm_buf *b)
{
	b->data = brm_buf_empty;
	b->len = b->alloc = 0;
}

void brm_buf_release(struct brm_buf *b)
{
	if (!b)
		return;
	if (b->alloc)
		free(b->data);
	brm_buf_init(b);
}

void brm_buf_reset(struct brm_buf *b)
{
	brm_buf_truncate(b, 0);
}

void brm_buf_grow(struct brm_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->alloc)
		return;
	if (need < 2 * b->alloc)
		need = 2 * b->alloc;
	if (need < 64)
		need = 64;
	if (b->alloc) {
		b->data = brm_realloc(b->data, need);
	} else {
		b->data = brm_malloc(need);
		b->data[0] = '\0';
	}
	b->alloc = need;
}

void brm_buf_add(struct brm_buf *b, const void *data, size_t len)
{
	brm_buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void brm_buf_puts(struct brm_buf *b, const char *s)
{
	brm_buf_add(b, s, strlen(s));
}

void brm_buf_putc(struct brm_buf *b, char c)
{
	brm_buf_add(b, &c, 1);
}

void brm_buf_vprintf(struct brm_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	brm_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void brm_buf_printf(struct brm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	brm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void brm_buf_truncate(struct brm_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	if (b->alloc)
		b->data[len] = '\0';
}

char *brm_buf_detach(struct brm_buf *b)
{
	char *s = b->alloc ? b->data : brm_strdup("");

	brm_buf_init(b);
	return s;
}
