#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "formats/csv.h"

struct reader {
	struct csv_parser p;
	char **cells;
	size_t n, alloc;
	unsigned line;		/* the line being fed */
	unsigned row_line;	/* where the row being read started */
	int in_row;
	brm_csv_row_fn fn;
	void *payload;
};

/* Spaces are data: a cell " a " stays " a ". */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* A copy of the cell with each CRLF inside it read as LF, as the line
 * ends between rows are. */
static char *cell_text(const char *data, size_t len)
{
	char *out = brm_malloc(len + 1), *o = out;
	size_t i;

	for (i = 0; i < len; i++)
		if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
			*o++ = data[i];
	*o = '\0';
	return out;
}

static void on_cell(void *data, size_t len, void *payload)
{
	struct reader *r = payload;

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->cells = brm_realloc(r->cells, r->alloc * sizeof(*r->cells));
	}
	r->cells[r->n++] = cell_text(data ? data : "", data ? len : 0);
}

static void drop_cells(struct reader *r)
{
	while (r->n)
		free(r->cells[--r->n]);
}

static void on_row(int c, void *payload)
{
	struct reader *r = payload;

	(void)c;
	r->fn(r->payload, r->row_line, r->cells, r->n);
	drop_cells(r);
	r->in_row = 0;
}

static int blank(const char *s, size_t len)
{
	return (len == 1 && s[0] == '\n') ||
	    (len == 2 && s[0] == '\r' && s[1] == '\n');
}

/*
 * libcsv does not count lines, so it is fed one line at a time: a row
 * starts on the first line that is fed while no row is open.
 */
static int feed(struct reader *r, const char *data, size_t len,
    unsigned *line)
{
	const char *end, *nl;
	size_t chunk;

	for (end = data + len; data < end; data += chunk) {
		nl = memchr(data, '\n', (size_t)(end - data));
		chunk = nl ? (size_t)(nl - data) + 1 : (size_t)(end - data);
		if (!r->in_row && !blank(data, chunk)) {
			r->row_line = r->line;
			r->in_row = 1;
		}
		if (csv_parse(&r->p, data, chunk, on_cell, on_row, r) !=
		    chunk) {
			*line = r->line;
			return brm_error_set(BRM_EINVALID, "malformed quoting "
			    "(a quote inside an unquoted cell, or text after "
			    "a closing quote)");
		}
		if (nl)
			r->line++;
	}
	if (csv_fini(&r->p, on_cell, on_row, r) != 0) {
		*line = r->row_line;
		return brm_error_set(BRM_EINVALID, "unterminated quoted cell "
		    "(the row starting here never closes its quote)");
	}
	return 0;
}

int brm_csv_parse(const char *data, size_t len, brm_csv_row_fn fn,
    void *payload, unsigned *line)
{
	struct reader r;
	int ret;

	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.payload = payload;
	r.line = 1;
	*line = 0;
	if (csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return brm_error_set(BRM_ERROR, "cannot start the CSV parser");
	csv_set_space_func(&r.p, no_space);
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	ret = feed(&r, data, len, line);
	drop_cells(&r);
	free(r.cells);
	csv_free(&r.p);
	return ret;
}

void brm_csv_put_row(struct brm_buf *out, const char *const *cells,
    size_t n)
{
	size_t i, len, need;

	for (i = 0; i < n; i++) {
		if (i)
			brm_buf_putc(out, ',');
		if (!cells[i])
			continue;
		len = strlen(cells[i]);
		need = csv_write(NULL, 0, cells[i], len);
		brm_buf_grow(out, need + 1);
		csv_write(out->data + out->len, need, cells[i], len);
		out->len += need;
		out->data[out->len] = '\0';
	}
	brm_buf_puts(out, "\r\n");
}
