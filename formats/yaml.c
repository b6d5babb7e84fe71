#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "../core/error.h"
#include "../core/strmap.h"
#include "../core/text.h"
#include "yaml.h"

#define STR_TAG "tag:yaml.org,2002:str"
#define STD_TAG_PREFIX "tag:yaml.org,2002:"

/*
 * Loading.  libyaml's event API hands us the document one node at a
 * time; a stack of open containers builds the tree.  Every node is
 * attached to its parent as soon as it is made, so freeing the root
 * frees everything whatever the point of failure.
 */

struct frame {
	struct brm_node *node;	/* borrowed: owned by its parent */
	char *key;		/* map: a key whose value has not come yet */
	size_t *slots;		/* map: hash of key index + 1, 0 empty */
	size_t nslots;
};

struct loader {
	struct brm_pool *pool;	/* where the tree goes; NULL: the heap */
	const char *name;
	const char *data;
	size_t len;
	struct brm_node *root;
	struct frame stack[BRM_YAML_MAX_DEPTH];
	int depth;
	size_t nodes;
	int documents;
};

static int fail_at(struct loader *ld, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_at(struct loader *ld, unsigned line, unsigned col,
    const char *fmt, ...)
{
	struct brm_buf msg = BRM_BUF_INIT;
	va_list ap;

	brm_buf_printf(&msg, "%s:%u:%u: ", ld->name, line, col);
	va_start(ap, fmt);
	brm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	brm_error_set(BRM_EINVALID, "%s", msg.data);
	brm_buf_release(&msg);
	return BRM_EINVALID;
}

#define MARK(m) (unsigned)(m).line + 1, (unsigned)(m).column + 1

/* libyaml counts columns in characters, and not the BOM; so do we. */
static void offset_position(const char *data, size_t off, unsigned *line,
    unsigned *col)
{
	size_t i = 0;

	*line = *col = 1;
	if (off >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		i = 3;
	for (; i < off; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((data[i] & 0xc0) != 0x80 && data[i] != '\r') {
			(*col)++;
		}
	}
}

static int fail_offset(struct loader *ld, size_t off, const char *problem)
{
	unsigned line, col;

	offset_position(ld->data, off, &line, &col);
	return fail_at(ld, line, col, "%s", problem);
}

/*
 * Refuse invalid UTF-8 and control characters before libyaml sees the
 * input: its reader has no position for them and lets C1 controls pass.
 * CR is accepted only as part of CRLF, which libyaml folds to LF.
 */
static int check_input(struct loader *ld)
{
	const unsigned char *u = (const unsigned char *)ld->data;
	size_t off = 0, len = ld->len, n, bad;
	unsigned line, col;
	uint32_t cp;

	/* one pass: every byte of every record read goes through here */
	while (off < len) {
		cp = u[off];
		if ((cp >= 0x20 && cp < 0x7f) || cp == '\t' || cp == '\n') {
			off++;
			continue;
		}
		if (cp == '\r' && off + 1 < len && u[off + 1] == '\n') {
			off += 2;
			continue;
		}
		if (cp >= 0x80) {
			if (!(n = brm_utf8_char(ld->data + off, len - off, &cp)))
				return fail_offset(ld, off, "invalid UTF-8");
			/* U+0080..U+009F are the C1 controls */
			if (cp > 0x9f) {
				off += n;
				continue;
			}
		}
		/* invalid UTF-8 further on is named first, as ever */
		if (!brm_utf8_valid(ld->data + off, len - off, &bad))
			return fail_offset(ld, off + bad, "invalid UTF-8");
		offset_position(ld->data, off, &line, &col);
		return fail_at(ld, line, col,
		    "control character (U+%04X) is not allowed", cp);
	}
	return 0;
}

#define SMALL_MAP 8	/* keys a map holds before it gets a table */

/* Slot for key in f's table: either holding its index + 1, or empty.
 * Not a brm_strmap: that would copy every key the node already holds. */
static size_t *key_slot(struct frame *f, const char *key)
{
	size_t mask = f->nslots - 1, i = brm_strmap_hash(key) & mask;

	while (f->slots[i] && strcmp(f->node->keys[f->slots[i] - 1], key))
		i = (i + 1) & mask;
	return &f->slots[i];
}

/* Index the key just appended to f's map; the table stays half empty.
 * A small map has none: comparing a few keys is cheaper than a table. */
static void key_added(struct frame *f)
{
	size_t i;

	if (!f->nslots && f->node->n <= SMALL_MAP)
		return;
	if (f->node->n * 2 > f->nslots) {
		free(f->slots);
		f->nslots = f->nslots ? f->nslots * 2 : 4 * SMALL_MAP;
		f->slots = brm_calloc(f->nslots, sizeof(*f->slots));
		for (i = 0; i + 1 < f->node->n; i++)
			*key_slot(f, f->node->keys[i]) = i + 1;
	}
	*key_slot(f, f->node->keys[f->node->n - 1]) = f->node->n;
}

static int key_seen(struct frame *f, const char *key)
{
	size_t i;

	if (f->nslots)
		return *key_slot(f, key) != 0;
	for (i = 0; i < f->node->n; i++)
		if (!strcmp(f->node->keys[i], key))
			return 1;
	return 0;
}

static struct frame *top(struct loader *ld)
{
	return ld->depth ? &ld->stack[ld->depth - 1] : NULL;
}

/* True when the next node is a mapping key. */
static int want_key(struct loader *ld)
{
	struct frame *f = top(ld);

	return f && f->node->type == BRM_NODE_MAP && !f->key;
}

/* Hand n to its parent (or make it the root); n is owned from here on. */
static void attach(struct loader *ld, struct brm_node *n)
{
	struct frame *f = top(ld);

	if (!f) {
		ld->root = n;
	} else if (f->node->type == BRM_NODE_SEQ) {
		brm_node_append_in(ld->pool, f->node, n);
	} else {
		brm_node_append_owned_in(ld->pool, f->node, f->key, n);
		f->key = NULL;
		key_added(f);
	}
}

/* Checks shared by every node: properties, count, top level. */
static int check_node(struct loader *ld, yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag, int is_map)
{
	const char *t = (const char *)tag;

	if (anchor)
		return fail_at(ld, MARK(ev->start_mark),
		    "anchors and aliases are not allowed");
	if (t && (ev->type != YAML_SCALAR_EVENT || strcmp(t, STR_TAG))) {
		if (!strncmp(t, STD_TAG_PREFIX, strlen(STD_TAG_PREFIX)))
			return fail_at(ld, MARK(ev->start_mark),
			    "tag '!!%s' is not allowed",
			    t + strlen(STD_TAG_PREFIX));
		return fail_at(ld, MARK(ev->start_mark),
		    "tag '%s' is not allowed", t);
	}
	if (++ld->nodes > BRM_YAML_MAX_NODES)
		return fail_at(ld, MARK(ev->start_mark),
		    "more than %d nodes", BRM_YAML_MAX_NODES);
	if (!ld->depth && !is_map)
		return fail_at(ld, MARK(ev->start_mark),
		    "top level is not a mapping");
	return 0;
}

static int on_start(struct loader *ld, yaml_event_t *ev)
{
	int is_map = ev->type == YAML_MAPPING_START_EVENT;
	struct frame *f;
	struct brm_node *n;
	int ret;

	ret = is_map ? check_node(ld, ev, ev->data.mapping_start.anchor,
	    ev->data.mapping_start.tag, 1) : check_node(ld, ev,
	    ev->data.sequence_start.anchor, ev->data.sequence_start.tag, 0);
	if (ret < 0)
		return ret;
	if (want_key(ld))
		return fail_at(ld, MARK(ev->start_mark),
		    "a key must be a string, not a %s",
		    is_map ? "mapping" : "sequence");
	if (ld->depth == BRM_YAML_MAX_DEPTH)
		return fail_at(ld, MARK(ev->start_mark),
		    "nesting deeper than %d levels", BRM_YAML_MAX_DEPTH);
	n = is_map ? brm_node_new_map_in(ld->pool) :
	    brm_node_new_seq_in(ld->pool);
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	attach(ld, n);
	f = &ld->stack[ld->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	return 0;
}

static void on_end(struct loader *ld)
{
	struct frame *f = &ld->stack[--ld->depth];

	free(f->slots);
	if (!ld->pool)
		free(f->key);
	memset(f, 0, sizeof(*f));
}

static int on_scalar(struct loader *ld, yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	int is_key = want_key(ld);
	struct brm_node *n;
	int ret;

	if (!ld->depth && !len &&
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return fail_at(ld, MARK(ev->start_mark), "document is empty");
	if ((ret = check_node(ld, ev, ev->data.scalar.anchor,
	    ev->data.scalar.tag, 0)) < 0)
		return ret;
	/* check_input() refused control characters in the text; only the
	 * escapes of a double-quoted scalar can still produce one */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    brm_text_check(v, len, BRM_TEXT_MULTILINE,
	    is_key ? "key" : "value") < 0)
		return brm_error_wrap(BRM_EINVALID, "%s:%u:%u", ld->name,
		    MARK(ev->start_mark));
	if (is_key) {
		if (key_seen(top(ld), v))
			return fail_at(ld, MARK(ev->start_mark),
			    "duplicate key '%s'", v);
		top(ld)->key = brm_pool_strndup(ld->pool, v, len);
		return 0;
	}
	n = brm_node_new_strn_in(ld->pool, v, len);
	/* A tab, which YAML 1.1 allows inside a plain timestamp, makes
	 * libyaml quote the scalar when it is written, and a quoted scalar
	 * reads back as a string: call it one now, so that what brm writes
	 * reads back as the tree it had. */
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    !ev->data.scalar.tag && brm_scalar_looks_typed(v, len) &&
	    !memchr(v, '\t', len);
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	attach(ld, n);
	return 0;
}

static int on_event(struct loader *ld, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ld->documents++)
			return fail_at(ld, MARK(ev->start_mark),
			    "only one document is allowed");
		return 0;
	case YAML_ALIAS_EVENT:
		return fail_at(ld, MARK(ev->start_mark),
		    "anchors and aliases are not allowed");
	case YAML_SCALAR_EVENT:
		return on_scalar(ld, ev);
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		return on_start(ld, ev);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		on_end(ld);
		return 0;
	default:
		return 0;
	}
}

static int parse_error(struct loader *ld, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "cannot parse";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return brm_error_set(BRM_ERROR, "%s: out of memory", ld->name);
	case YAML_READER_ERROR:
		/* the reader has no mark, only a byte offset */
		return fail_offset(ld, p->problem_offset, problem);
	default:
		if (p->context)
			return fail_at(ld, MARK(p->problem_mark), "%s (%s)",
			    problem, p->context);
		return fail_at(ld, MARK(p->problem_mark), "%s", problem);
	}
}

static int too_large(const char *name)
{
	return brm_error_set(BRM_EINVALID, "%s: file is larger than %d MiB",
	    name, BRM_YAML_MAX_BYTES / (1024 * 1024));
}

static void loader_release(struct loader *ld)
{
	while (ld->depth)
		on_end(ld);
	if (!ld->pool)
		brm_node_free(ld->root);
	ld->root = NULL;
}

int brm_yaml_load(struct brm_node **out, const char *data, size_t len,
    const char *name)
{
	return brm_yaml_load_in(NULL, out, data, len, name);
}

int brm_yaml_load_in(struct brm_pool *pool, struct brm_node **out,
    const char *data, size_t len, const char *name)
{
	struct loader ld = { .pool = pool };
	yaml_parser_t parser;
	yaml_event_t ev;
	int ret, end = 0, have_parser = 0;

	*out = NULL;
	brm_pool_expect(pool, len + len / 2 + 512);
	ld.name = name ? name : "(input)";
	ld.data = data ? data : "";	/* libyaml asserts on NULL */
	ld.len = len;
	if (len > BRM_YAML_MAX_BYTES) {
		ret = too_large(ld.name);
		goto done;
	}
	if ((ret = check_input(&ld)) < 0)
		goto done;
	if (!yaml_parser_initialize(&parser)) {
		ret = brm_error_set(BRM_ERROR, "%s: out of memory", ld.name);
		goto done;
	}
	have_parser = 1;
	/* no yaml_parser_set_encoding(): it would keep a UTF-8 BOM as text;
	 * check_input() has already refused UTF-16 */
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)ld.data, len);
	while (!end) {
		if (!yaml_parser_parse(&parser, &ev)) {
			ret = parse_error(&ld, &parser);
			goto done;
		}
		end = ev.type == YAML_STREAM_END_EVENT;
		ret = on_event(&ld, &ev);
		yaml_event_delete(&ev);
		if (ret < 0)
			goto done;
	}
	if (!ld.root) {
		ret = brm_error_set(BRM_EINVALID, "%s: file is empty",
		    ld.name);
		goto done;
	}
	*out = ld.root;
	ld.root = NULL;
done:
	loader_release(&ld);
	if (have_parser)
		yaml_parser_delete(&parser);
	return ret;
}

static int read_error(const char *path)
{
	int err = errno;

	return brm_error_set(err == ENOENT || err == ENOTDIR ?
	    BRM_ENOTFOUND : BRM_ERROR, "cannot read '%s': %s", path,
	    strerror(err));
}

/* Stop one byte past the cap, so that a file that grew is still caught. */
static int read_all(struct brm_buf *buf, int fd)
{
	char chunk[16384];
	ssize_t n;

	while (buf->len <= BRM_YAML_MAX_BYTES) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		brm_buf_add(buf, chunk, (size_t)n);
	}
	return 0;
}

int brm_yaml_load_file(struct brm_node **out, const char *path,
    const char *name)
{
	return brm_yaml_load_file_in(NULL, out, path, name);
}

int brm_yaml_load_file_in(struct brm_pool *pool, struct brm_node **out,
    const char *path, const char *name)
{
	struct brm_buf buf = BRM_BUF_INIT;
	struct stat st;
	int fd, ret;

	*out = NULL;
	if (!name)
		name = path;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0) {
		ret = read_error(path);
		goto done;
	}
	if (st.st_size > BRM_YAML_MAX_BYTES) {
		ret = too_large(name);
		goto done;
	}
	if (read_all(&buf, fd) < 0) {
		ret = read_error(path);
		goto done;
	}
	ret = brm_yaml_load_in(pool, out, buf.data, buf.len, name);
done:
	if (fd >= 0)
		close(fd);
	brm_buf_release(&buf);
	return ret;
}

/*
 * Emitting.  libyaml picks the final presentation; we choose the style
 * hints that keep every string a string (TECH-NOTES §2a) and fix the
 * settings, so the same tree always gives the same bytes.
 */

static int write_out(void *data, unsigned char *buffer, size_t size)
{
	brm_buf_add(data, buffer, size);
	return 1;
}

/* yaml_emitter_emit() owns the event from here on, even on failure. */
static int emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	if (yaml_emitter_emit(e, ev))
		return 0;
	return brm_error_set(BRM_ERROR, "cannot write YAML: %s",
	    e->problem ? e->problem : "libyaml failed");
}

static int init_failed(void)
{
	return brm_error_set(BRM_EINVALID, "cannot write YAML: invalid UTF-8");
}

/* Bytes in the line break (LF, LS or PS) that ends s[0..len), or 0. */
static size_t final_break(const char *s, size_t len)
{
	if (len >= 1 && s[len - 1] == '\n')
		return 1;
	if (len >= 3 && (!memcmp(s + len - 3, "\xe2\x80\xa8", 3) ||
	    !memcmp(s + len - 3, "\xe2\x80\xa9", 3)))
		return 3;
	return 0;
}

/*
 * True when libyaml would write s as a "keep" literal (|+): the text is
 * one line break or ends in a blank line.  That style leaves the document
 * open-ended, so when it comes last libyaml adds a "..." end marker, and a
 * field appended by hand after it starts a second document.
 */
static int needs_keep(const char *s, size_t len)
{
	size_t n = final_break(s, len);

	return n && (n == len || final_break(s, len - n));
}

static yaml_scalar_style_t string_style(const char *s, size_t len)
{
	/* plain would read back as a number, bool, null or date */
	if (brm_scalar_looks_typed(s, len))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (memchr(s, '\n', len))
		return needs_keep(s, len) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
		    YAML_LITERAL_SCALAR_STYLE;
	/* libyaml quotes indicators, leading spaces, tabs etc. itself */
	return YAML_ANY_SCALAR_STYLE;
}

/* what is "key" or "value"; field is the nearest key, NULL at the top. */
static int emit_scalar(yaml_emitter_t *e, const char *s, size_t len,
    int plain, const char *what, const char *field)
{
	yaml_scalar_style_t style;
	yaml_event_t ev;

	if (brm_text_check(s, len, BRM_TEXT_MULTILINE, what) < 0)
		return field ? brm_error_wrap(BRM_EINVALID,
		    "cannot write field '%s'", field) :
		    brm_error_wrap(BRM_EINVALID, "cannot write YAML");
	if (len > INT32_MAX)
		return brm_error_set(BRM_EINVALID,
		    "cannot write YAML: %s is too long", what);
	if (plain && brm_scalar_looks_typed(s, len))
		style = YAML_PLAIN_SCALAR_STYLE;
	else
		style = string_style(s, len);
	/* plain_implicit only where a plain rendering reads back right */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)len, style == YAML_PLAIN_SCALAR_STYLE ||
	    style == YAML_ANY_SCALAR_STYLE, 1, style))
		return init_failed();
	return emit(e, &ev);
}

static int emit_node(yaml_emitter_t *e, const struct brm_node *n,
    const char *field);

static int emit_seq(yaml_emitter_t *e, const struct brm_node *n,
    const char *field)
{
	yaml_event_t ev;
	size_t i;
	int ret;

	/* an empty block collection cannot be written; libyaml gives [] */
	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    n->n ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE))
		return init_failed();
	if ((ret = emit(e, &ev)) < 0)
		return ret;
	for (i = 0; i < n->n; i++)
		if ((ret = emit_node(e, n->items[i], field)) < 0)
			return ret;
	if (!yaml_sequence_end_event_initialize(&ev))
		return init_failed();
	return emit(e, &ev);
}

static int emit_map(yaml_emitter_t *e, const struct brm_node *n,
    const char *field)
{
	yaml_event_t ev;
	size_t i;
	int ret;

	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    n->n ? YAML_BLOCK_MAPPING_STYLE : YAML_FLOW_MAPPING_STYLE))
		return init_failed();
	if ((ret = emit(e, &ev)) < 0)
		return ret;
	for (i = 0; i < n->n; i++) {
		if ((ret = emit_scalar(e, n->keys[i], strlen(n->keys[i]), 0,
		    "key", field)) < 0 ||
		    (ret = emit_node(e, n->items[i], n->keys[i])) < 0)
			return ret;
	}
	if (!yaml_mapping_end_event_initialize(&ev))
		return init_failed();
	return emit(e, &ev);
}

static int emit_node(yaml_emitter_t *e, const struct brm_node *n,
    const char *field)
{
	if (!n)		/* a hole left by a caller: write a null */
		return emit_scalar(e, "", 0, 1, "value", field);
	switch (n->type) {
	case BRM_NODE_MAP:
		return emit_map(e, n, field);
	case BRM_NODE_SEQ:
		return emit_seq(e, n, field);
	default:
		return emit_scalar(e, n->value, n->len, n->plain, "value",
		    field);
	}
}

static int emit_document(yaml_emitter_t *e, const struct brm_node *root)
{
	yaml_event_t ev;
	int ret;

	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING))
		return init_failed();
	if ((ret = emit(e, &ev)) < 0)
		return ret;
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
		return init_failed();
	if ((ret = emit(e, &ev)) < 0 || (ret = emit_node(e, root, NULL)) < 0)
		return ret;
	if (!yaml_document_end_event_initialize(&ev, 1))
		return init_failed();
	if ((ret = emit(e, &ev)) < 0)
		return ret;
	if (!yaml_stream_end_event_initialize(&ev))
		return init_failed();
	return emit(e, &ev);
}

int brm_yaml_emit(struct brm_buf *out, const struct brm_node *root)
{
	yaml_emitter_t e;
	size_t start = out->len;
	int ret;

	if (!root || root->type != BRM_NODE_MAP)
		return brm_error_set(BRM_EINVALID,
		    "cannot write YAML: top level is not a mapping");
	if (!yaml_emitter_initialize(&e))
		return brm_error_set(BRM_ERROR,
		    "cannot write YAML: out of memory");
	yaml_emitter_set_output(&e, write_out, out);
	yaml_emitter_set_unicode(&e, 1);	/* else Cyrillic is \uXXXX */
	yaml_emitter_set_width(&e, -1);		/* never fold long lines */
	yaml_emitter_set_indent(&e, 2);
	ret = emit_document(&e, root);
	yaml_emitter_delete(&e);
	if (ret < 0)
		brm_buf_truncate(out, start);
	return ret;
}
