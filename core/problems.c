#include <stdarg.h>
#include <stdlib.h>

#include "buf.h"
#include "error.h"
#include "problems.h"

static void vadd(struct brm_problems *p, const struct brm_node *at,
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
	pr->line = at ? at->line : 0;
	pr->col = at ? at->col : 0;
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
	vadd(p, at, 0, fmt, ap);
	va_end(ap);
}

void brm_problem_warn(struct brm_problems *p, const struct brm_node *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, at, 1, fmt, ap);
	va_end(ap);
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
