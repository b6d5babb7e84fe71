#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/csv.h"

/* Each row as "line:cell|cell|..." on a line of its own. */
static void collect(void *payload, unsigned line, char **cells, size_t n)
{
	struct brm_buf *b = payload;
	size_t i;

	brm_buf_printf(b, "%u:", line);
	for (i = 0; i < n; i++)
		brm_buf_printf(b, "%s[%s]", i ? "|" : "", cells[i]);
	brm_buf_putc(b, '\n');
}

static int parse(const char *data, struct brm_buf *out, unsigned *line)
{
	brm_buf_reset(out);
	return brm_csv_parse(data, strlen(data), collect, out, line);
}

static void test_csv__rows_start_on_their_lines(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;
	unsigned line;

	assert_int_equal(parse("a,b\n\n\"x\ny\",z\nlast,\n", &b, &line), 0);
	assert_string_equal(b.data, "1:[a]|[b]\n3:[x\ny]|[z]\n5:[last]|[]\n");
	brm_buf_release(&b);
}

static void test_csv__bom_crlf_quotes_and_spaces(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;
	unsigned line;

	assert_int_equal(parse("\xef\xbb\xbf h ,\"a, \"\"b\"\"\"\r\n"
	    "\"multi\r\nline\",x\r\nno newline at the end", &b, &line), 0);
	assert_string_equal(b.data, "1:[ h ]|[a, \"b\"]\n"
	    "2:[multi\nline]|[x]\n4:[no newline at the end]\n");
	brm_buf_release(&b);
}

static void test_csv__broken_quoting_names_its_line(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;
	unsigned line;

	assert_int_equal(parse("a\nb\n\"open,\nstill open\n", &b, &line),
	    BRM_EINVALID);
	assert_int_equal(line, 3);
	assert_non_null(strstr(brm_error_last(), "unterminated"));
	assert_int_equal(parse("a\nx\"y\n", &b, &line), BRM_EINVALID);
	assert_int_equal(line, 2);
	assert_int_equal(parse("\"a\"b\n", &b, &line), BRM_EINVALID);
	assert_int_equal(line, 1);
	brm_buf_release(&b);
}

static void test_csv__written_rows_read_back(void **state)
{
	const char *cells[] = { "plain", "a, \"quoted\"\nline", NULL,
		"  spaces  ", "Ж 中文" };
	struct brm_buf out = BRM_BUF_INIT, rows = BRM_BUF_INIT;
	unsigned line;

	brm_csv_put_row(&out, cells, 5);
	assert_string_equal(out.data, "\"plain\",\"a, \"\"quoted\"\"\nline\","
	    ",\"  spaces  \",\"Ж 中文\"\r\n");
	assert_int_equal(parse(out.data, &rows, &line), 0);
	assert_string_equal(rows.data, "1:[plain]|[a, \"quoted\"\nline]|[]|"
	    "[  spaces  ]|[Ж 中文]\n");
	brm_buf_release(&out);
	brm_buf_release(&rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__rows_start_on_their_lines),
		cmocka_unit_test(test_csv__bom_crlf_quotes_and_spaces),
		cmocka_unit_test(test_csv__broken_quoting_names_its_line),
		cmocka_unit_test(test_csv__written_rows_read_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
