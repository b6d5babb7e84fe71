#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/node.h"
#include "formats/yaml.h"

/* Strings a user may type that YAML could misread; each must come back
 * byte for byte as a string.  Keep the entries distinct. */
static const char *const tricky[] = {
	/* would read as bool, null, number, date, merge or value key */
	"yes", "no", "Yes", "NO", "y", "n", "on", "Off", "true", "False",
	"null", "Null", "~", "", "0x10", "0o17", "007", "0b101", "42", "-7",
	"+1", "0", "0.0", "1_000", "1e3", "1.0e+3", ".5", "99.9", ".inf",
	"-.Inf", ".nan", "1:20", "1:20.5", "2026-11-22", "2026-1-2",
	"2026-11-22T14:30:00+03:00", "2026-11-22 14:30:00", "<<", "=",
	/* YAML syntax */
	"- x", "-", "a: b", "a:", ":", "#", "a #b", "a# b", "{a}", "[a]",
	"{a: 1}", "[1, 2]", "|", "| x", ">", "> x", "?", "? x", "---",
	"...", "--- x", "*x", "&x", "!x", "!!str x", "%x", "@x", "`x`",
	",x", "x,", "a, b", "key: value # comment", "'", "\"",
	/* spaces, tabs and newlines */
	" leading", "trailing ", "  ", " ", "\t", "a\tb", "tab\t",
	"line1\nline2", "trailing newline\n", "two newlines\n\n", "\n",
	"\n\n", "\nleading newline", " indented\nfirst line", "a\n  b\n",
	"trailing space \nnext", "line\n\n\nafter blanks",
	"last line spaces  \n", "\t\ntab line", "x\n\t\ty", " \n ",
	/* other scripts and symbols */
	"Привет, мир", "日本語のテキスト",
	"emoji \xf0\x9f\x98\x80\xf0\x9f\x8e\x89",
	"Ünïcödé ß", "it's", "\"quoted\"", "'single'", "back\\slash",
	"C:\\path\\file", "\\n is not a newline", "\xe2\x80\xa8",
	"\xef\xbb\xbf" "bom", "\xc2\xa0nbsp", "\xef\xbf\xbe",
	"50%", "http://example.com/a?b=c#d", "Jane Roe <jane@acme.example>",
	"Sat 22:00-02:00", "1.2.3", "v1.2", "Checkout available 99.9%",
	NULL
};

static struct brm_node *load(const char *text)
{
	struct brm_node *n = NULL;

	if (brm_yaml_load(&n, text, strlen(text), "t.yaml") < 0)
		fail_msg("unexpected load error: %s", brm_error_last());
	return n;
}

static char *emit(const struct brm_node *root)
{
	struct brm_buf b = BRM_BUF_INIT;

	if (brm_yaml_emit(&b, root) < 0)
		fail_msg("unexpected emit error: %s", brm_error_last());
	return brm_buf_detach(&b);
}

/* Emit root, load it back, require the same tree and the same bytes. */
static void assert_roundtrip(const struct brm_node *root, const char *what)
{
	struct brm_node *back;
	char *first, *second;

	first = emit(root);
	back = load(first);
	if (!brm_node_equal(root, back))
		fail_msg("%s: tree differs after reading back:\n%s", what,
		    first);
	second = emit(back);
	assert_string_equal(first, second);
	brm_node_free(back);
	free(first);
	free(second);
}

static void test_yaml__roundtrip_tricky(void **state)
{
	struct brm_node *m, *seq, *back;
	const struct brm_node *v;
	char *text;
	size_t i, n = 0;

	for (i = 0; tricky[i]; i++, n++) {
		m = brm_node_new_map();
		brm_node_set(m, "k", brm_node_new_str(tricky[i]));
		assert_roundtrip(m, tricky[i]);

		/* brm_node_equal checked value and plain; say it plainly */
		text = emit(m);
		back = load(text);
		v = brm_node_get(back, "k");
		assert_int_equal(v->plain, 0);
		assert_int_equal(v->len, strlen(tricky[i]));
		assert_memory_equal(v->value, tricky[i], v->len);
		brm_node_free(back);
		free(text);
		brm_node_free(m);

		/* the same text as a key, and as a sequence item */
		m = brm_node_new_map();
		brm_node_set(m, tricky[i], brm_node_new_str("v"));
		seq = brm_node_new_seq();
		brm_node_append(seq, brm_node_new_str(tricky[i]));
		brm_node_append(seq, brm_node_new_str("after"));
		brm_node_set(m, "seq", seq);
		assert_roundtrip(m, tricky[i]);
		brm_node_free(m);
	}
	assert_true(n >= 50);
}

static void put_hex(FILE *f, const char *s)
{
	for (; *s; s++)
		fprintf(f, "%02x", (unsigned char)*s);
	fputc('\n', f);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* One document with every tricky string as a value, a key and an item. */
static struct brm_node *corpus_document(FILE *hex)
{
	struct brm_node *root = brm_node_new_map();
	struct brm_node *vals = brm_node_new_map(), *keys = brm_node_new_map();
	struct brm_node *items = brm_node_new_seq();
	char name[32];
	size_t i;

	for (i = 0; tricky[i]; i++) {
		snprintf(name, sizeof(name), "k%zu", i);
		brm_node_set(vals, name, brm_node_new_str(tricky[i]));
		assert_int_equal(brm_node_index(keys, tricky[i]), -1);
		brm_node_set(keys, tricky[i], brm_node_new_str(name));
		brm_node_append(items, brm_node_new_str(tricky[i]));
		put_hex(hex, tricky[i]);
	}
	brm_node_set(root, "values", vals);
	brm_node_set(root, "keys", keys);
	brm_node_set(root, "items", items);
	return root;
}

static int have_pyyaml(void)
{
	return system("/usr/bin/python3 -c 'import yaml' 2>/dev/null") == 0;
}

/* A second, independent reader (PyYAML, YAML 1.1) sees only strings. */
static void test_yaml__pyyaml_reads_strings(void **state)
{
	static const char script[] =
	    "import sys, yaml\n"
	    "d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
	    "want = [bytes.fromhex(l.strip()).decode('utf-8')\n"
	    "        for l in open(sys.argv[2])]\n"
	    "bad = 0\n"
	    "for i, s in enumerate(want):\n"
	    "    v, it = d['values']['k%d' % i], d['items'][i]\n"
	    "    k = d['keys'].get(s)\n"
	    "    if type(v) is not str or v != s or type(it) is not str \\\n"
	    "            or it != s or k != 'k%d' % i:\n"
	    "        print('differs:', repr(s), repr(v), repr(it), k)\n"
	    "        bad += 1\n"
	    "if not all(type(k) is str for k in d['keys']):\n"
	    "    print('a key is not a str'); bad += 1\n"
	    "sys.exit(1 if bad or len(want) < 50 else 0)\n";
	char dir[] = "/tmp/brm-test-yaml-XXXXXX";
	char *yml, *hex, *py, *cmd, *text;
	struct brm_node *root;
	FILE *f;
	int rc;

	if (!have_pyyaml())
		skip();
	assert_non_null(mkdtemp(dir));
	yml = brm_xprintf("%s/corpus.yaml", dir);
	hex = brm_xprintf("%s/expected.hex", dir);
	py = brm_xprintf("%s/check.py", dir);
	assert_non_null(f = fopen(hex, "w"));
	root = corpus_document(f);
	assert_int_equal(fclose(f), 0);
	text = emit(root);
	write_file(yml, text, strlen(text));
	write_file(py, script, sizeof(script) - 1);
	cmd = brm_xprintf("/usr/bin/python3 %s %s %s", py, yml, hex);
	rc = system(cmd);
	unlink(yml);
	unlink(hex);
	unlink(py);
	rmdir(dir);
	free(yml);
	free(hex);
	free(py);
	free(cmd);
	free(text);
	brm_node_free(root);
	assert_int_equal(rc, 0);
}

static void expect_reject_n(const char *text, size_t len, const char *msg)
{
	struct brm_node *n = (struct brm_node *)1;

	assert_int_equal(brm_yaml_load(&n, text, len, "t.yaml"),
	    BRM_EINVALID);
	assert_null(n);
	assert_string_equal(brm_error_last(), msg);
}

static void expect_reject(const char *text, const char *msg)
{
	expect_reject_n(text, strlen(text), msg);
}

static void test_yaml__rejects_anchors_and_aliases(void **state)
{
	expect_reject("a: &x 1\n", "t.yaml:1:4: anchors and aliases are "
	    "not allowed");
	expect_reject("a: 1\nb: *x\n", "t.yaml:2:4: anchors and aliases "
	    "are not allowed");
	expect_reject("a: &m {b: 1}\n", "t.yaml:1:4: anchors and aliases "
	    "are not allowed");
	expect_reject("a:\n- &s x\n", "t.yaml:2:3: anchors and aliases "
	    "are not allowed");
	expect_reject("&top a: 1\n", "t.yaml:1:1: anchors and aliases "
	    "are not allowed");
}

static void test_yaml__rejects_tags_but_str(void **state)
{
	struct brm_node *n;

	expect_reject("a: !!int 1\n", "t.yaml:1:4: tag '!!int' is not "
	    "allowed");
	expect_reject("a: !custom x\n", "t.yaml:1:4: tag '!custom' is not "
	    "allowed");
	expect_reject("a: !!map {}\n", "t.yaml:1:4: tag '!!map' is not "
	    "allowed");
	expect_reject("a:\n  b: !!binary aGk=\n", "t.yaml:2:6: tag "
	    "'!!binary' is not allowed");
	expect_reject("a: !!str [x]\n", "t.yaml:1:4: tag '!!str' is not "
	    "allowed");

	/* !!str makes a plain scalar a string */
	n = load("a: !!str 12\nb: !<tag:yaml.org,2002:str> true\n");
	assert_string_equal(brm_node_str(n, "a"), "12");
	assert_int_equal(brm_node_get(n, "a")->plain, 0);
	assert_int_equal(brm_node_get(n, "b")->plain, 0);
	brm_node_free(n);
}

static void test_yaml__rejects_duplicate_keys(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;
	char *msg;
	int i;

	expect_reject("name: a\nname: b\n",
	    "t.yaml:2:1: duplicate key 'name'");
	expect_reject("a:\n  x: 1\n  y: 2\n  x: 3\n",
	    "t.yaml:4:3: duplicate key 'x'");
	expect_reject("{a: 1, b: 2, a: 3}\n",
	    "t.yaml:1:14: duplicate key 'a'");
	/* a quoted key is the same key */
	expect_reject("yes: 1\n'yes': 2\n",
	    "t.yaml:2:1: duplicate key 'yes'");

	/* many keys (the duplicate check is hashed), the last repeated */
	for (i = 0; i < 5000; i++)
		brm_buf_printf(&b, "key%d: %d\n", i, i);
	brm_buf_puts(&b, "key1234: again\n");
	msg = brm_xprintf("t.yaml:5001:1: duplicate key 'key1234'");
	expect_reject(b.data, msg);
	free(msg);

	/* a few keys are compared, more hashed: each side of the switch */
	for (i = 8; i <= 10; i++) {
		brm_buf_reset(&b);
		for (int j = 0; j < i; j++)
			brm_buf_printf(&b, "k%d: %d\n", j, j);
		brm_buf_puts(&b, "k0: again\n");
		msg = brm_xprintf("t.yaml:%d:1: duplicate key 'k0'", i + 1);
		expect_reject(b.data, msg);
		free(msg);
	}
	brm_buf_release(&b);

	/* the same key in different mappings is fine */
	brm_node_free(load("a: {x: 1}\nb: {x: 1}\nc: [{x: 1}, {x: 2}]\n"));
}

static void test_yaml__rejects_non_scalar_keys(void **state)
{
	expect_reject("? [a]\n: b\n",
	    "t.yaml:1:3: a key must be a string, not a sequence");
	expect_reject("{{a: 1}: b}\n",
	    "t.yaml:1:2: a key must be a string, not a mapping");
}

static void test_yaml__rejects_bad_documents(void **state)
{
	expect_reject("a: 1\n---\nb: 2\n",
	    "t.yaml:2:1: only one document is allowed");
	expect_reject("a: 1\n...\n---\nb: 2\n",
	    "t.yaml:3:1: only one document is allowed");
	/* explicit markers around the one document are fine */
	brm_node_free(load("%YAML 1.1\n---\na: 1\n...\n"));
}

static void test_yaml__rejects_bad_top_level(void **state)
{
	expect_reject("- a\n- b\n", "t.yaml:1:1: top level is not a mapping");
	expect_reject("hello\n", "t.yaml:1:1: top level is not a mapping");
	expect_reject("\n\n  'quoted'\n",
	    "t.yaml:3:3: top level is not a mapping");
	expect_reject("", "t.yaml: file is empty");
	expect_reject("# only a comment\n\n", "t.yaml: file is empty");
	expect_reject("---\n", "t.yaml:2:1: document is empty");
}

static void test_yaml__rejects_bad_text(void **state)
{
	expect_reject("a: b\nc: \xff\n", "t.yaml:2:4: invalid UTF-8");
	expect_reject("a: ok\nb: \xc0\xaf\n", "t.yaml:2:4: invalid UTF-8");
	expect_reject("a: \xd0\x96\xed\xa0\x80\n",
	    "t.yaml:1:5: invalid UTF-8");
	expect_reject("a: b\x07\n",
	    "t.yaml:1:5: control character (U+0007) is not allowed");
	expect_reject("a: \xd0\x96\xc2\x85x\n",
	    "t.yaml:1:5: control character (U+0085) is not allowed");
	expect_reject("a: x\x7f\n",
	    "t.yaml:1:5: control character (U+007F) is not allowed");
	expect_reject("# comment \x01\na: b\n",
	    "t.yaml:1:11: control character (U+0001) is not allowed");
	/* a BOM is not a column */
	expect_reject("\xef\xbb\xbf" "a: b\x07\n",
	    "t.yaml:1:5: control character (U+0007) is not allowed");
	expect_reject("a: b\rc: d\n",
	    "t.yaml:1:5: control character (U+000D) is not allowed");
	expect_reject_n("a: b\0\n", 6,
	    "t.yaml:1:5: control character (U+0000) is not allowed");
	/* escapes make control characters too */
	expect_reject("a: \"x\\ey\"\n", "t.yaml:1:4: value contains a "
	    "control character (U+001B) at byte 1");
	expect_reject("\"k\\0\": v\n", "t.yaml:1:1: key contains a "
	    "control character (U+0000) at byte 1");
	expect_reject("a: \"\\x85\"\n", "t.yaml:1:4: value contains a "
	    "control character (U+0085) at byte 0");
	/* libyaml's own reader check, which has only a byte offset */
	expect_reject("a: b\nc: \xef\xbf\xbe\n",
	    "t.yaml:2:4: control characters are not allowed");
}

static void test_yaml__accepts_tabs_crlf_and_bom(void **state)
{
	struct brm_node *n;

	n = load("\xef\xbb\xbf" "a: \"x\\ty\"\r\nb: |\r\n  one\r\n  \ttwo\r\n"
	    "c: \"tab\there\"\r\n");
	assert_string_equal(brm_node_str(n, "a"), "x\ty");
	assert_string_equal(brm_node_str(n, "b"), "one\n\ttwo\n");
	assert_string_equal(brm_node_str(n, "c"), "tab\there");
	brm_node_free(n);
}

static void test_yaml__rejects_syntax_errors(void **state)
{
	expect_reject("a: b: c\n", "t.yaml:1:5: mapping values are not "
	    "allowed in this context");
	expect_reject("key: [a, b\n", "t.yaml:2:1: did not find expected "
	    "',' or ']' (while parsing a flow sequence)");
	expect_reject("a:\n  b: 1\n c: 2\n", "t.yaml:3:2: did not find "
	    "expected key (while parsing a block mapping)");
	expect_reject("a: \"open\n", "t.yaml:2:1: found unexpected end "
	    "of stream (while scanning a quoted scalar)");
}

/* Nested flow mappings: "a: {a: {a: ... 1}}" with n braces. */
static char *nested(int n)
{
	struct brm_buf b = BRM_BUF_INIT;
	int i;

	brm_buf_puts(&b, "a: ");
	for (i = 0; i < n; i++)
		brm_buf_puts(&b, "{a: ");
	brm_buf_putc(&b, '1');
	for (i = 0; i < n; i++)
		brm_buf_putc(&b, '}');
	return brm_buf_detach(&b);
}

static void test_yaml__limits_depth(void **state)
{
	char *text;

	/* the top mapping is level 1 */
	text = nested(BRM_YAML_MAX_DEPTH - 1);
	brm_node_free(load(text));
	free(text);
	text = nested(BRM_YAML_MAX_DEPTH);
	expect_reject(text, "t.yaml:1:64: nesting deeper than 16 levels");
	free(text);
	text = nested(5000);
	expect_reject(text, "t.yaml:1:64: nesting deeper than 16 levels");
	free(text);
}

static void test_yaml__limits_nodes(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;
	struct brm_node *n;
	int i;

	/* root, key, sequence and items */
	brm_buf_puts(&b, "a:\n");
	for (i = 0; i < BRM_YAML_MAX_NODES - 3; i++)
		brm_buf_puts(&b, "- x\n");
	n = load(b.data);
	assert_int_equal(brm_node_get(n, "a")->n, BRM_YAML_MAX_NODES - 3);
	brm_node_free(n);
	brm_buf_puts(&b, "- x\n");
	expect_reject(b.data, "t.yaml:99999:3: more than 100000 nodes");
	brm_buf_release(&b);
}

static void test_yaml__limits_size(void **state)
{
	struct brm_buf b = BRM_BUF_INIT;

	brm_buf_puts(&b, "a: b\n#");
	while (b.len < BRM_YAML_MAX_BYTES)
		brm_buf_putc(&b, 'x');
	brm_node_free(load(b.data));
	brm_buf_putc(&b, 'x');
	expect_reject(b.data, "t.yaml: file is larger than 1 MiB");
	brm_buf_release(&b);
}

static void test_yaml__load_file(void **state)
{
	char dir[] = "/tmp/brm-test-yaml-XXXXXX";
	struct brm_buf big = BRM_BUF_INIT;
	struct brm_node *n = NULL;
	char *path, *missing, *msg;

	assert_non_null(mkdtemp(dir));
	path = brm_xprintf("%s/rec.yaml", dir);
	missing = brm_xprintf("%s/none.yaml", dir);

	write_file(path, "id: acme\nname: Acme\n", 20);
	assert_int_equal(brm_yaml_load_file(&n, path, "customers/acme"), 0);
	assert_string_equal(brm_node_str(n, "name"), "Acme");
	brm_node_free(n);

	/* the name is used in messages; without one, the path */
	write_file(path, "id: acme\nid: again\n", 19);
	assert_int_equal(brm_yaml_load_file(&n, path, "customers/acme"),
	    BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "customers/acme:2:1: duplicate key 'id'");
	assert_int_equal(brm_yaml_load_file(&n, path, NULL), BRM_EINVALID);
	msg = brm_xprintf("%s:2:1: duplicate key 'id'", path);
	assert_string_equal(brm_error_last(), msg);
	free(msg);

	assert_int_equal(brm_yaml_load_file(&n, missing, NULL),
	    BRM_ENOTFOUND);
	assert_null(n);
	msg = brm_xprintf("cannot read '%s': No such file or directory",
	    missing);
	assert_string_equal(brm_error_last(), msg);
	free(msg);

	assert_int_equal(brm_yaml_load_file(&n, dir, NULL), BRM_ERROR);
	msg = brm_xprintf("cannot read '%s': Is a directory", dir);
	assert_string_equal(brm_error_last(), msg);
	free(msg);

	/* refused on its size alone, before reading */
	brm_buf_puts(&big, "a: b\n#");
	while (big.len <= BRM_YAML_MAX_BYTES)
		brm_buf_putc(&big, 'x');
	write_file(path, big.data, big.len);
	assert_int_equal(brm_yaml_load_file(&n, path, "big.yaml"),
	    BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "big.yaml: file is larger than 1 MiB");

	brm_buf_release(&big);
	unlink(path);
	rmdir(dir);
	free(path);
	free(missing);
}

static void test_yaml__records_positions(void **state)
{
	struct brm_node *n = load("# header\nid: x\nlist:\n  - one\n"
	    "  - {k: v}\nmap:\n  deep: 'q'\n");
	const struct brm_node *list = brm_node_get(n, "list");

	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 1);
	assert_int_equal(brm_node_get(n, "id")->line, 2);
	assert_int_equal(brm_node_get(n, "id")->col, 5);
	assert_int_equal(list->line, 4);
	assert_int_equal(list->col, 3);
	assert_int_equal(list->items[0]->line, 4);
	assert_int_equal(list->items[0]->col, 5);
	assert_int_equal(list->items[1]->line, 5);
	assert_int_equal(list->items[1]->col, 5);
	assert_int_equal(brm_node_get(brm_node_get(n, "map"), "deep")->line,
	    7);
	assert_int_equal(brm_node_get(brm_node_get(n, "map"), "deep")->col,
	    9);
	brm_node_free(n);
}

/* Fields a user added by hand, and their order, survive a rewrite; the
 * layout becomes canonical. */
static void test_yaml__keeps_unknown_fields_and_order(void **state)
{
	static const char in[] =
	    "# edited by hand\n"
	    "zeta: last in the alphabet, first in the file\n"
	    "name: Acme   # a comment\n"
	    "my_custom_field: {x: [1, 2], y: hello}\n"
	    "alpha: 'quoted'\n"
	    "notes: |\n"
	    "  line one\n"
	    "  line two\n"
	    "kind: external\n";
	static const char want[] =
	    "zeta: last in the alphabet, first in the file\n"
	    "name: Acme\n"
	    "my_custom_field:\n"
	    "  x:\n"
	    "  - 1\n"
	    "  - 2\n"
	    "  \"y\": hello\n"
	    "alpha: quoted\n"
	    "notes: |\n"
	    "  line one\n"
	    "  line two\n"
	    "kind: external\n";
	struct brm_node *n = load(in);
	char *out;

	/* a schema-driven update touches one field in place */
	brm_node_set(n, "name", brm_node_new_str("Acme"));
	out = emit(n);
	assert_string_equal(out, want);
	free(out);
	brm_node_free(n);

	n = load(want);
	out = emit(n);
	assert_string_equal(out, want);
	free(out);
	brm_node_free(n);
}

static void test_yaml__typed_plain_scalars_stay_plain(void **state)
{
	static const char in[] =
	    "availability: 99.9\n"
	    "vital: true\n"
	    "due: 2026-11-22\n"
	    "received: 2026-10-03T09:12:00+02:00\n"
	    "count: 42\n"
	    "nothing: ~\n"
	    "empty:\n"
	    "hex: 0x10\n"
	    "quoted: \"99.9\"\n"
	    "word: plain text\n"
	    "list:\n"
	    "- 1\n"
	    "- \"1\"\n"
	    "-\n";
	struct brm_node *n = load(in);
	char *out;

	assert_int_equal(brm_node_get(n, "availability")->plain, 1);
	assert_int_equal(brm_node_get(n, "vital")->plain, 1);
	assert_int_equal(brm_node_get(n, "due")->plain, 1);
	assert_int_equal(brm_node_get(n, "received")->plain, 1);
	assert_int_equal(brm_node_get(n, "empty")->plain, 1);
	assert_int_equal(brm_node_get(n, "empty")->len, 0);
	assert_int_equal(brm_node_get(n, "quoted")->plain, 0);
	assert_int_equal(brm_node_get(n, "word")->plain, 0);
	assert_int_equal(brm_node_get(n, "list")->items[0]->plain, 1);
	assert_int_equal(brm_node_get(n, "list")->items[1]->plain, 0);
	out = emit(n);
	assert_string_equal(out, in);
	free(out);
	brm_node_free(n);

	/* single quotes become the canonical double quotes */
	n = load("a: '99.9'\nb: 'yes'\n");
	out = emit(n);
	assert_string_equal(out, "a: \"99.9\"\nb: \"yes\"\n");
	free(out);
	brm_node_free(n);

	/* a plain timestamp with a tab is written quoted, so it is a string
	 * from the start and reads back as the tree it was (fuzz_yaml) */
	n = load("at: 2026-10-04T10:00\t-05:00\n");
	assert_int_equal(brm_node_get(n, "at")->plain, 0);
	assert_roundtrip(n, "tab in a timestamp");
	brm_node_free(n);
}

/* Every typed plain value written by brm reads back typed and plain. */
static void test_yaml__typed_values_roundtrip_plain(void **state)
{
	static const char *const typed[] = {
		"", "~", "null", "<<", "=", "y", "yes", "Off", "0", "-7",
		"1_000", "0x10", "0o17", "017", "0b1010", "1:20", "1.5", ".5",
		"1.", "1e3", "1.0e+3", "-2.5e-10", "1:20.5", ".inf", "-.Inf",
		".NaN", "2026-11-22", "2026-1-2", "2026-11-22T14:30:00+03:00",
		"2026-11-22 14:30:00", "2001-12-14 21:59:43.10 -5", NULL
	};
	struct brm_node *m;
	size_t i;

	for (i = 0; typed[i]; i++) {
		m = brm_node_new_map();
		brm_node_set(m, "k", brm_node_new_plain(typed[i]));
		assert_roundtrip(m, typed[i]);
		brm_node_free(m);
	}
}

static void test_yaml__emits_canonical_layout(void **state)
{
	static const char want[] =
	    "id: acme-corp\n"
	    "score: 4.5\n"
	    "active: true\n"
	    "tags: []\n"
	    "meta: {}\n"
	    "contacts:\n"
	    "- name: John Doe\n"
	    "  role: sponsor\n"
	    "- name: Пётр\n"
	    "notes: |-\n"
	    "  first\n"
	    "  second\n"
	    "answer: \"yes\"\n"
	    "dash: '- x'\n"
	    "long: " "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
	struct brm_node *m = brm_node_new_map(), *c, *seq;
	struct brm_buf out = BRM_BUF_INIT;

	brm_node_set(m, "id", brm_node_new_str("acme-corp"));
	brm_node_set(m, "score", brm_node_new_plain("4.5"));
	brm_node_set(m, "active", brm_node_new_plain("true"));
	brm_node_set(m, "tags", brm_node_new_seq());
	brm_node_set(m, "meta", brm_node_new_map());
	seq = brm_node_new_seq();
	c = brm_node_new_map();
	brm_node_set(c, "name", brm_node_new_str("John Doe"));
	brm_node_set(c, "role", brm_node_new_str("sponsor"));
	brm_node_append(seq, c);
	c = brm_node_new_map();
	brm_node_set(c, "name", brm_node_new_str("Пётр"));
	brm_node_append(seq, c);
	brm_node_set(m, "contacts", seq);
	brm_node_set(m, "notes", brm_node_new_str("first\nsecond"));
	brm_node_set(m, "answer", brm_node_new_str("yes"));
	brm_node_set(m, "dash", brm_node_new_str("- x"));
	brm_node_set(m, "long", brm_node_new_str(
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));

	/* output is appended */
	brm_buf_puts(&out, "");
	assert_int_equal(brm_yaml_emit(&out, m), 0);
	assert_string_equal(out.data, want);
	assert_roundtrip(m, "canonical");
	brm_buf_release(&out);
	brm_node_free(m);
}

static void test_yaml__emit_refuses_bad_text(void **state)
{
	struct brm_node *m = brm_node_new_map(), *inner = brm_node_new_map();
	struct brm_buf out = BRM_BUF_INIT;

	brm_buf_puts(&out, "kept\n");
	brm_node_set(m, "ok", brm_node_new_str("fine"));
	brm_node_set(m, "bad", brm_node_new_str("x\xff"));
	assert_int_equal(brm_yaml_emit(&out, m), BRM_EINVALID);
	assert_string_equal(brm_error_last(), "cannot write field 'bad': "
	    "value contains invalid UTF-8 at byte 1");
	assert_string_equal(out.data, "kept\n");	/* nothing appended */

	brm_node_set(m, "bad", brm_node_new_strn("a\0b", 3));
	assert_int_equal(brm_yaml_emit(&out, m), BRM_EINVALID);
	assert_string_equal(brm_error_last(), "cannot write field 'bad': "
	    "value contains a control character (U+0000) at byte 1");

	brm_node_remove(m, "bad");
	brm_node_set(inner, "k\x07", brm_node_new_str("v"));
	brm_node_set(m, "outer", inner);
	assert_int_equal(brm_yaml_emit(&out, m), BRM_EINVALID);
	assert_string_equal(brm_error_last(), "cannot write field 'outer': "
	    "key contains a control character (U+0007) at byte 1");
	brm_node_free(m);

	m = brm_node_new_map();
	brm_node_set(m, "\xc3", brm_node_new_str("v"));
	assert_int_equal(brm_yaml_emit(&out, m), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "cannot write YAML: key contains invalid UTF-8 at byte 0");
	brm_node_free(m);

	m = brm_node_new_seq();
	assert_int_equal(brm_yaml_emit(&out, m), BRM_EINVALID);
	assert_string_equal(brm_error_last(),
	    "cannot write YAML: top level is not a mapping");
	assert_string_equal(out.data, "kept\n");
	brm_node_free(m);
	brm_buf_release(&out);
}

/* A tree made in a pool is the tree the heap gets, big enough for the
 * pool to need several blocks and its maps to grow their arrays; a
 * failure leaves nothing outside the pool (LeakSanitizer would say). */
static void test_yaml__pooled_load_is_the_same_tree(void **state)
{
	struct brm_buf doc = BRM_BUF_INIT;
	struct brm_node *heap = NULL, *pooled = NULL;
	struct brm_pool *pool = brm_pool_new();
	size_t i;

	(void)state;
	brm_buf_puts(&doc, "id: acme\nnotes: |\n  two\n  lines\nitems:\n");
	for (i = 0; i < 2000; i++)
		brm_buf_printf(&doc, "- {n: %zu, when: 2026-11-%02zu, "
		    "text: \"caf\\u00e9 %zu\"}\n", i, i % 28 + 1, i);
	for (i = 0; i < 40; i++)
		brm_buf_printf(&doc, "key%zu: value %zu\n", i, i);
	assert_int_equal(brm_yaml_load(&heap, doc.data, doc.len, "t"), 0);
	assert_int_equal(brm_yaml_load_in(pool, &pooled, doc.data, doc.len,
	    "t"), 0);
	assert_true(brm_node_equal(heap, pooled));
	assert_string_equal(brm_node_str(pooled, "notes"), "two\nlines\n");
	brm_node_free(heap);
	brm_pool_free(pool);

	pool = brm_pool_new();
	pooled = NULL;
	assert_int_equal(brm_yaml_load_in(pool, &pooled, "a: [1, {b: 2}\n",
	    13, "t"), BRM_EINVALID);
	assert_null(pooled);
	brm_pool_free(pool);
	brm_error_clear();
	brm_buf_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml__roundtrip_tricky),
		cmocka_unit_test(test_yaml__pooled_load_is_the_same_tree),
		cmocka_unit_test(test_yaml__pyyaml_reads_strings),
		cmocka_unit_test(test_yaml__rejects_anchors_and_aliases),
		cmocka_unit_test(test_yaml__rejects_tags_but_str),
		cmocka_unit_test(test_yaml__rejects_duplicate_keys),
		cmocka_unit_test(test_yaml__rejects_non_scalar_keys),
		cmocka_unit_test(test_yaml__rejects_bad_documents),
		cmocka_unit_test(test_yaml__rejects_bad_top_level),
		cmocka_unit_test(test_yaml__rejects_bad_text),
		cmocka_unit_test(test_yaml__accepts_tabs_crlf_and_bom),
		cmocka_unit_test(test_yaml__rejects_syntax_errors),
		cmocka_unit_test(test_yaml__limits_depth),
		cmocka_unit_test(test_yaml__limits_nodes),
		cmocka_unit_test(test_yaml__limits_size),
		cmocka_unit_test(test_yaml__load_file),
		cmocka_unit_test(test_yaml__records_positions),
		cmocka_unit_test(test_yaml__keeps_unknown_fields_and_order),
		cmocka_unit_test(test_yaml__typed_plain_scalars_stay_plain),
		cmocka_unit_test(test_yaml__typed_values_roundtrip_plain),
		cmocka_unit_test(test_yaml__emits_canonical_layout),
		cmocka_unit_test(test_yaml__emit_refuses_bad_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
