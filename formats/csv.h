/*
 * csv.h - CSV as RFC 4180 has it, through libcsv.
 *
 * Reading is strict: a stray quote or an unterminated quoted field is an
 * error, never a guess.  Cells are kept byte for byte (no spaces are
 * trimmed), except that a CRLF inside a quoted cell reads as LF; a UTF-8
 * byte order mark is skipped; rows may end in CRLF or LF; blank lines
 * between rows are skipped.  Writing quotes every cell that has a value
 * and ends rows in CRLF.
 */
#ifndef BRM_CSV_H
#define BRM_CSV_H

#include <stddef.h>

#include "core/buf.h"

/* Called for each row with the line it starts on (1-based) and its
 * cells, NUL-terminated and borrowed for the call. */
typedef void (*brm_csv_row_fn)(void *payload, unsigned line,
    char **cells, size_t n);

/*
 * Parse data[0..len) row by row.  BRM_EINVALID when the quoting is
 * broken, with the message and *line set to where it went wrong.
 */
int brm_csv_parse(const char *data, size_t len, brm_csv_row_fn fn,
    void *payload, unsigned *line);

/* Append one row of n cells; a NULL cell is written empty. */
void brm_csv_put_row(struct brm_buf *out, const char *const *cells,
    size_t n);

#endif
