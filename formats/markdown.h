/*
 * markdown.h - report documents built as a cmark-gfm tree.
 *
 * User text only ever becomes a TEXT node, so the renderers escape it for
 * their output: a customer called "Pipe | Co *bold* <script>" shows as
 * typed, breaks no table and injects nothing (TECH-NOTES.md 3b).  The same
 * tree renders as CommonMark+GFM or as a complete HTML page; raw HTML is
 * never passed through.
 */
#ifndef BRM_MARKDOWN_H
#define BRM_MARKDOWN_H

#include <stddef.h>

#include "core/buf.h"

struct brm_doc;
struct brm_doc_table;

enum brm_doc_format { BRM_DOC_MARKDOWN, BRM_DOC_HTML };

struct brm_doc *brm_doc_new(void);
void brm_doc_free(struct brm_doc *d);

void brm_doc_heading(struct brm_doc *d, int level, const char *text);
/* A paragraph of plain text. */
void brm_doc_para(struct brm_doc *d, const char *text);
/* A paragraph "<label> text" with the label in bold. */
void brm_doc_para_labelled(struct brm_doc *d, const char *label,
    const char *text);
/* A bullet list: begin, items (plain text; label may be NULL), end. */
void brm_doc_list_begin(struct brm_doc *d);
void brm_doc_item(struct brm_doc *d, const char *label, const char *text);
void brm_doc_list_end(struct brm_doc *d);

/* A table with ncols columns; align is a string of 'l', 'r', 'c' (or
 * NULL: all left).  Rows are arrays of ncols strings (NULL: empty). */
struct brm_doc_table *brm_doc_table(struct brm_doc *d, size_t ncols,
    const char *const *header, const char *align);
void brm_doc_row(struct brm_doc_table *t, const char *const *cells);

/* Render; title is the HTML page's <title>. */
int brm_doc_render(struct brm_doc *d, enum brm_doc_format f,
    const char *title, struct brm_buf *out);

#endif
