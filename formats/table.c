#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "formats/table.h"

void brm_table_init(struct brm_table *t, size_t cols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
}

/* One line per cell: control characters become spaces. */
static char *flatten(const char *s)
{
	char *c = brm_strdup(s ? s : ""), *p;

	for (p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return c;
}

void brm_table_add(struct brm_table *t, const char *const *row)
{
	size_t i;

	if (t->rows == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 16;
		t->cells = brm_realloc(t->cells,
		    t->alloc * t->cols * sizeof(*t->cells));
	}
	for (i = 0; i < t->cols; i++)
		t->cells[t->rows * t->cols + i] = flatten(row[i]);
	t->rows++;
}

/* Decode one UTF-8 sequence (input already validated). */
static size_t decode(const unsigned char *s, wchar_t *wc)
{
	if (s[0] < 0x80) {
		*wc = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && s[1]) {
		*wc = ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*wc = ((s[0] & 0x0f) << 12) | ((s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*wc = ((s[0] & 0x07) << 18) | ((s[1] & 0x3f) << 12) |
		    ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		return 4;
	}
	*wc = 0xfffd;
	return 1;
}

/* East Asian wide and fullwidth ranges: enough for CJK, Hangul, kana and
 * emoji, without depending on the C library's locale. */
static int char_width(wchar_t c)
{
	if (c < 0x1100)
		return 1;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
	    (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	if (c >= 0x300 && c <= 0x36f)	/* combining marks */
		return 0;
	return 1;
}

size_t brm_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	wchar_t c;

	while (*p) {
		p += decode(p, &c);
		w += (size_t)char_width(c);
	}
	return w;
}

void brm_table_render(struct brm_buf *out, const struct brm_table *t,
    int bold_header)
{
	size_t *width = brm_calloc(t->cols, sizeof(*width)), r, c, w;
	const char *cell;

	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->cols; c++)
			if ((w = brm_display_width(t->cells[r * t->cols + c])) >
			    width[c])
				width[c] = w;
	for (r = 0; r < t->rows; r++) {
		if (r == 0 && bold_header)
			brm_buf_puts(out, "\033[1m");
		for (c = 0; c < t->cols; c++) {
			cell = t->cells[r * t->cols + c];
			brm_buf_puts(out, cell);
			if (c + 1 == t->cols)
				break;
			for (w = brm_display_width(cell); w < width[c] + 2;
			    w++)
				brm_buf_putc(out, ' ');
		}
		while (out->len && out->data[out->len - 1] == ' ')
			brm_buf_truncate(out, out->len - 1);
		if (r == 0 && bold_header)
			brm_buf_puts(out, "\033[0m");
		brm_buf_putc(out, '\n');
	}
	free(width);
}

void brm_table_render_tsv(struct brm_buf *out, const struct brm_table *t)
{
	size_t r, c;

	for (r = 0; r < t->rows; r++) {
		for (c = 0; c < t->cols; c++) {
			if (c)
				brm_buf_putc(out, '\t');
			brm_buf_puts(out, t->cells[r * t->cols + c]);
		}
		brm_buf_putc(out, '\n');
	}
}

void brm_table_release(struct brm_table *t)
{
	size_t i;

	for (i = 0; i < t->rows * t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
