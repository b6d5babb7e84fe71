/*
 * buf.h - growable byte strings (git's strbuf).
 *
 * A buf is never NULL-data: after BRM_BUF_INIT or brm_buf_init() ->data
 * points at a NUL-terminated (possibly static empty) string, so it can be
 * printed at once.  Allocation failure aborts: brm has no sensible way to
 * go on without memory and every caller would only propagate it.
 */
#ifndef BRM_BUF_H
#define BRM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct brm_buf {
	char *data;
	size_t len;
	size_t alloc;	/* 0 while data points at the shared empty string */
};

extern char brm_buf_empty[];
#define BRM_BUF_INIT { brm_buf_empty, 0, 0 }

void brm_buf_init(struct brm_buf *b);
void brm_buf_release(struct brm_buf *b);
void brm_buf_reset(struct brm_buf *b);		/* len = 0, keeps memory */
void brm_buf_grow(struct brm_buf *b, size_t extra);
void brm_buf_add(struct brm_buf *b, const void *data, size_t len);
void brm_buf_puts(struct brm_buf *b, const char *s);
void brm_buf_putc(struct brm_buf *b, char c);
void brm_buf_printf(struct brm_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void brm_buf_vprintf(struct brm_buf *b, const char *fmt, va_list ap);
void brm_buf_truncate(struct brm_buf *b, size_t len);
/* Hand the string to the caller (free() it); b is left empty. */
char *brm_buf_detach(struct brm_buf *b);

/* Allocation helpers that never return NULL. */
void *brm_malloc(size_t n);
void *brm_calloc(size_t n, size_t size);
void *brm_realloc(void *p, size_t n);
char *brm_strdup(const char *s);
char *brm_strndup(const char *s, size_t n);
char *brm_xprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
