/*
 * table.h - aligned text tables for the terminal, and TSV for scripts.
 *
 * Widths are counted in terminal columns (CJK counts two), so columns
 * line up whatever the script.  Cells are one line: newlines and tabs show
 * as spaces.
 */
#ifndef BRM_TABLE_H
#define BRM_TABLE_H

#include <stddef.h>

#include "core/buf.h"

struct brm_table {
	size_t cols;
	char **cells;		/* rows * cols, row 0 is the header */
	size_t rows, alloc;
};

void brm_table_init(struct brm_table *t, size_t cols);
/* Add a row of cols strings (copied; NULL shows as empty). */
void brm_table_add(struct brm_table *t, const char *const *row);
/* Aligned columns; max_width limits the last column (0: no limit). */
void brm_table_render(struct brm_buf *out, const struct brm_table *t,
    int bold_header);
void brm_table_render_tsv(struct brm_buf *out, const struct brm_table *t);
void brm_table_release(struct brm_table *t);
/* Display width of UTF-8 text in terminal columns. */
size_t brm_display_width(const char *s);

#endif
