#include "unit.h"

#include <string.h>

#include "formats/markdown.h"

static const char *const hostile = "Pipe | Co *bold* <script>alert(1)"
    "</script> # [x](javascript:y)";

static struct brm_doc *sample(void)
{
	struct brm_doc *d = brm_doc_new();
	const char *head[] = { "Customer", "Score" };
	const char *row[] = { hostile, "4.5" };
	struct brm_doc_table *t;

	brm_doc_heading(d, 1, hostile);
	brm_doc_para_labelled(d, "Note:", hostile);
	t = brm_doc_table(d, 2, head, "lr");
	brm_doc_row(t, row);
	brm_doc_list_begin(d);
	brm_doc_item(d, NULL, hostile);
	brm_doc_list_end(d);
	return d;
}

static void test_markdown__user_text_cannot_change_structure(void **s)
{
	struct brm_doc *d = sample();
	struct brm_buf md = BRM_BUF_INIT;

	(void)s;
	assert_int_equal(brm_doc_render(d, BRM_DOC_MARKDOWN, "t", &md), 0);
	/* one table row of two cells: the pipe is escaped */
	assert_non_null(strstr(md.data, "| Pipe \\| Co \\*bold\\*"));
	assert_non_null(strstr(md.data, "| 4.5 |"));
	assert_null(strstr(md.data, "<script>"));
	assert_non_null(strstr(md.data, "# Pipe | Co \\*bold\\* \\<script"));
	brm_buf_release(&md);
	brm_doc_free(d);
}

static void test_markdown__html_is_a_page_and_escapes(void **s)
{
	struct brm_doc *d = sample();
	struct brm_buf html = BRM_BUF_INIT;

	(void)s;
	assert_int_equal(brm_doc_render(d, BRM_DOC_HTML, "<b>t</b>", &html),
	    0);
	assert_int_equal(strncmp(html.data, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(html.data, "<title>&lt;b&gt;t&lt;/b&gt;"));
	assert_non_null(strstr(html.data, "<table>"));
	assert_null(strstr(html.data, "<script>"));
	assert_non_null(strstr(html.data, "&lt;script&gt;"));
	assert_null(strstr(html.data, "href=\"javascript"));
	assert_non_null(strstr(html.data, "</html>\n"));
	brm_buf_release(&html);
	brm_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_markdown__user_text_cannot_change_structure),
		cmocka_unit_test(test_markdown__html_is_a_page_and_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
