/*
 * import.h - rows read from a file become records of a kind, or items
 * of a view's lists in their owners (brm import).
 *
 * The reader (cmd/import.c) parses the file through formats/ and hands
 * over each CSV row or JSON object; each is typed through the schema as
 * it comes.  brm_import_check() then makes the records: ids given or
 * made, and free in the store and in the file; each record validated
 * and its references resolved.  Nothing is written here: the caller
 * commits im->records, all of them or none.
 *
 * A problem does not stop the work, so that all of them are told at
 * once.  Each goes to im->problems, its message the whole text a user
 * sees: "<what> (<file>:<line>: <column>)", "<what> (<file>: element
 * <n>: <column>)" for JSON, the column left out when there is none and
 * the line too for the file as a whole.  The problem's line is that
 * CSV line or JSON element (0: the file), and brm_import_check() puts
 * the problems in that order.
 */
#ifndef BRM_IMPORT_H
#define BRM_IMPORT_H

#include <stddef.h>

#include "problems.h"
#include "record.h"
#include "rows.h"
#include "schema.h"
#include "store.h"
#include "strmap.h"
#include "progress.h"

struct brm_import_row {
	unsigned line;		/* CSV: the line it starts on */
	size_t element;		/* JSON: its place in the array, 1.. */
	struct brm_node *tree;	/* its fields, typed */
	int bad;		/* a problem was found in it */
};

struct brm_import {
	const char *file;		/* as problems name it (borrowed) */
	const struct brm_kind *kind;	/* records made, or the view's owner */
	const struct brm_view *view;	/* NULL: each row is a record */
	struct brm_columns cols;	/* the columns a row may have */
	const struct brm_column **header;	/* CSV: each cell's column
						 * (NULL: a bad one); NULL
						 * until the header is read */
	struct brm_import_row *rows;	/* the rows read, in file order */
	size_t n;
	struct brm_problems problems;	/* errors, see above */
	int unknown_columns;		/* the header names a column that
					 * cols lacks */
	struct brm_record **records;	/* what to write once checked: new
					 * records, or a view's owners */
	size_t nrecords;

	/* the module's own */
	size_t nheader, alloc;
	struct brm_import_row *at;	/* the row being read or checked */
	size_t *record_row;		/* the row each record is blamed on;
					 * views: the owner's last row */
	struct brm_strmap ids;		/* id -> the row that takes it */
	struct brm_strmap owners;	/* owner's id -> index in records + 1;
					 * NULL: it did not load */
};

/* Ready im for the rows of file (named in problems, borrowed): records
 * of kind, or items of view's lists when view is not NULL (kind is
 * then the view's owner). */
void brm_import_init(struct brm_import *im, const char *file,
    const struct brm_kind *kind, const struct brm_view *view);
void brm_import_release(struct brm_import *im);

/* A row of CSV cells (borrowed for the call) starting on line; the
 * first row is the header. */
void brm_import_csv_row(struct brm_import *im, unsigned line, char **cells,
    size_t n);

/* The element-th object (1..) of a JSON array as a tree, which im
 * takes. */
void brm_import_object(struct brm_import *im, size_t element,
    struct brm_node *tree);

/* A problem the reader found: on line (CSV, or JSON syntax), at element
 * (JSON), or in the file as a whole (both 0); column may be NULL. */
void brm_import_problem(struct brm_import *im, unsigned line,
    size_t element, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Make the records of the rows read, against s (see above).  progress
 * (may be NULL) hears "checking" row by row.  Returns 0, or BRM_EINVALID
 * with the message "nothing was imported: <n> errors" when im->problems
 * holds any, the reader's included.
 */
int brm_import_check(struct brm_import *im, struct brm_store *s,
    const struct brm_progress *progress);

#endif
