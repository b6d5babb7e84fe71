#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "problems.h"

static void vadd(struct brm_problems *p, unsigned line, unsigned col,
    int warning, const char *fmt, va_list ap)
{
	struct brm_buf msg = BRM_BUF_INIT;
	struct brm_problem *pr;

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 8;
		p->items = brm_realloc(p->items, p->alloc * sizeof(*p->items));
	}
	brm_buf_vprintf(&msg, fmt, ap);
	pr = &p->items[p->n++];
	pr->file = brm_strdup(p->file ? p->file : "");
	pr->line = line;
	pr->col = col;
	pr->message = brm_buf_detach(&msg);
	pr->warning = warning;
	if (!warning)
		p->errors++;
}

void brm_problem_add(struct brm_problems *p, const struct brm_node *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, at ? at->line : 0, at ? at->col : 0, 0, fmt, ap);
	va_end(ap);
}

void brm_problem_warn(struct brm_problems *p, const struct brm_node *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, at ? at->line : 0, at ? at->col : 0, 1, fmt, ap);
	va_end(ap);
}

void brm_problem_add_at(struct brm_problems *p, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, line, col, 0, fmt, ap);
	va_end(ap);
}

/* An item and where it was in the list, so that qsort() keeps the
 * order of items at one place. */
struct sorted {
	struct brm_problem pr;
	size_t seq;
};

static int by_place(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	int c = strcmp(x->pr.file, y->pr.file);

	if (c)
		return c;
	if (x->pr.line != y->pr.line)
		return x->pr.line < y->pr.line ? -1 : 1;
	if (x->pr.col != y->pr.col)
		return x->pr.col < y->pr.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void brm_problems_sort(struct brm_problems *p)
{
	struct sorted *v;
	size_t i;

	if (p->n < 2)
		return;
	v = brm_calloc(p->n, sizeof(*v));
	for (i = 0; i < p->n; i++) {
		v[i].pr = p->items[i];
		v[i].seq = i;
	}
	qsort(v, p->n, sizeof(*v), by_place);
	for (i = 0; i < p->n; i++)
		p->items[i] = v[i].pr;
	free(v);
}

char *brm_problem_format(const struct brm_problem *pr)
{
	if (pr->line)
		return brm_xprintf("%s:%u:%u: %s%s", pr->file, pr->line,
		    pr->col, pr->warning ? "warning: " : "", pr->message);
	if (pr->file[0])
		return brm_xprintf("%s: %s%s", pr->file,
		    pr->warning ? "warning: " : "", pr->message);
	return brm_xprintf("%s%s", pr->warning ? "warning: " : "",
	    pr->message);
}

int brm_problems_to_error(const struct brm_problems *p)
{
	char *s;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->items[i].warning)
			continue;
		s = brm_problem_format(&p->items[i]);
		brm_error_set(BRM_EINVALID, "%s", s);
		free(s);
		return BRM_EINVALID;
	}
	return 0;
}

void brm_problems_release(struct brm_problems *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->items[i].file);
		free(p->items[i].message);
	}
	free(p->items);
	p->items = NULL;
	p->n = p->alloc = p->errors = 0;
}
