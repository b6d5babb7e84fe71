#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "core/error.h"
#include "formats/markdown.h"

/* Exported by libcmark-gfm-extensions but declared in no installed
 * header; valid once the core extensions are registered. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL;

struct brm_doc {
	cmark_node *root;
	cmark_node *list;	/* the open bullet list, if any */
	cmark_syntax_extension *table_ext;
	struct brm_doc_table *tables;	/* handles, freed with the doc */
};

struct brm_doc_table {
	struct brm_doc *doc;
	cmark_node *node;
	size_t ncols;
	struct brm_doc_table *next;
};

struct brm_doc *brm_doc_new(void)
{
	struct brm_doc *d = brm_calloc(1, sizeof(*d));

	cmark_gfm_core_extensions_ensure_registered();
	d->table_ext = cmark_find_syntax_extension("table");
	d->root = cmark_node_new(CMARK_NODE_DOCUMENT);
	return d;
}

void brm_doc_free(struct brm_doc *d)
{
	struct brm_doc_table *t, *next;

	if (!d)
		return;
	for (t = d->tables; t; t = next) {
		next = t->next;
		free(t);
	}
	cmark_node_free(d->root);
	free(d);
}

static cmark_node *text_node(const char *text)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(t, text ? text : "");
	return t;
}

static cmark_node *strong(const char *text)
{
	cmark_node *s = cmark_node_new(CMARK_NODE_STRONG);

	cmark_node_append_child(s, text_node(text));
	return s;
}

void brm_doc_heading(struct brm_doc *d, int level, const char *text)
{
	cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);

	cmark_node_set_heading_level(h, level);
	cmark_node_append_child(h, text_node(text));
	cmark_node_append_child(d->root, h);
}

static cmark_node *para(const char *label, const char *text)
{
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);

	if (label) {
		cmark_node_append_child(p, strong(label));
		if (text && *text)
			cmark_node_append_child(p, text_node(" "));
	}
	if (text && *text)
		cmark_node_append_child(p, text_node(text));
	return p;
}

void brm_doc_para(struct brm_doc *d, const char *text)
{
	cmark_node_append_child(d->root, para(NULL, text));
}

void brm_doc_para_labelled(struct brm_doc *d, const char *label,
    const char *text)
{
	cmark_node_append_child(d->root, para(label, text));
}

void brm_doc_list_begin(struct brm_doc *d)
{
	d->list = cmark_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(d->list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(d->list, 1);
}

void brm_doc_item(struct brm_doc *d, const char *label, const char *text)
{
	cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);

	cmark_node_append_child(item, para(label, text));
	cmark_node_append_child(d->list, item);
}

void brm_doc_list_end(struct brm_doc *d)
{
	if (cmark_node_first_child(d->list))
		cmark_node_append_child(d->root, d->list);
	else
		cmark_node_free(d->list);
	d->list = NULL;
}

static cmark_node *row_node(struct brm_doc_table *t,
    const char *const *cells, int header)
{
	cmark_node *row = cmark_node_new_with_ext(CMARK_NODE_TABLE_ROW,
	    t->doc->table_ext), *cell;
	size_t i;

	cmark_gfm_extensions_set_table_row_is_header(row, header);
	for (i = 0; i < t->ncols; i++) {
		cell = cmark_node_new_with_ext(CMARK_NODE_TABLE_CELL,
		    t->doc->table_ext);
		cmark_node_append_child(cell, text_node(cells[i]));
		cmark_node_append_child(row, cell);
	}
	return row;
}

struct brm_doc_table *brm_doc_table(struct brm_doc *d, size_t ncols,
    const char *const *header, const char *align)
{
	struct brm_doc_table *t = brm_calloc(1, sizeof(*t));
	uint8_t *al = brm_calloc(ncols, 1);
	size_t i;

	t->doc = d;
	t->ncols = ncols;
	t->node = cmark_node_new_with_ext(CMARK_NODE_TABLE, d->table_ext);
	cmark_gfm_extensions_set_table_columns(t->node, (uint16_t)ncols);
	for (i = 0; i < ncols; i++)
		al[i] = align && align[i] ? (uint8_t)align[i] : 'l';
	cmark_gfm_extensions_set_table_alignments(t->node, (uint16_t)ncols,
	    al);
	free(al);
	cmark_node_append_child(t->node, row_node(t, header, 1));
	cmark_node_append_child(d->root, t->node);
	t->next = d->tables;
	d->tables = t;
	return t;
}

void brm_doc_row(struct brm_doc_table *t, const char *const *cells)
{
	cmark_node_append_child(t->node, row_node(t, cells, 0));
}

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n<title>";

static const char page_style[] =
    "</title>\n<style>\n"
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem "
    "auto;padding:0 1rem;line-height:1.45;color:#1b1f24}\n"
    "h1,h2,h3{line-height:1.2}h2{border-bottom:1px solid #d0d7de;"
    "padding-bottom:.3rem;margin-top:2rem}\n"
    /* a wide table scrolls in its own box instead of the page */
    "table{border-collapse:collapse;margin:1rem 0;display:block;"
    "width:max-content;"
    "max-width:100%;overflow-x:auto;font-size:.9rem;"
    "font-variant-numeric:tabular-nums}"
    "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;"
    "vertical-align:top}"
    "td[align=right],td[align=center]{white-space:nowrap}"
    "th{background:#f6f8fa;vertical-align:bottom}"
    "tr:nth-child(2n) td{background:#fbfcfd}\n"
    "li{overflow-wrap:anywhere}\n"
    "code{background:#f6f8fa;padding:.1rem .3rem}\n"
    "</style>\n</head>\n<body>\n";

static void html_escape(struct brm_buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': brm_buf_puts(out, "&lt;"); break;
		case '>': brm_buf_puts(out, "&gt;"); break;
		case '&': brm_buf_puts(out, "&amp;"); break;
		case '"': brm_buf_puts(out, "&quot;"); break;
		default: brm_buf_putc(out, *s);
		}
	}
}

int brm_doc_render(struct brm_doc *d, enum brm_doc_format f,
    const char *title, struct brm_buf *out)
{
	cmark_llist *exts = NULL;
	cmark_mem *mem = cmark_get_default_mem_allocator();
	char *text;

	if (f == BRM_DOC_MARKDOWN) {
		text = cmark_render_commonmark(d->root, CMARK_OPT_DEFAULT, 0);
	} else {
		exts = cmark_llist_append(mem, NULL, d->table_ext);
		/* no CMARK_OPT_UNSAFE: raw HTML is never passed through */
		text = cmark_render_html(d->root, CMARK_OPT_DEFAULT, exts);
		cmark_llist_free(mem, exts);
	}
	if (!text)
		return brm_error_set(BRM_ERROR, "cannot render the report");
	if (f == BRM_DOC_HTML) {
		brm_buf_puts(out, page_head);
		html_escape(out, title ? title : "brm report");
		brm_buf_puts(out, page_style);
	}
	brm_buf_puts(out, text);
	if (f == BRM_DOC_HTML)
		brm_buf_puts(out, "</body>\n</html>\n");
	free(text);
	return 0;
}
