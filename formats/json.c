#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "formats/json.h"

static int word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return 1;
	return 0;
}

static int is_decimal(const char *s, int *integer)
{
	const char *p = s;

	*integer = 1;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		*integer = 0;
		for (p++; isdigit((unsigned char)*p); p++)
			;
	}
	if (*p == 'e' || *p == 'E') {
		*integer = 0;
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

static json_t *scalar(const struct brm_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL",
		NULL };
	static const char *const trues[] = { "true", "True", "TRUE", "yes",
		"Yes", "YES", "on", "On", "ON", NULL };
	static const char *const falses[] = { "false", "False", "FALSE",
		"no", "No", "NO", "off", "Off", "OFF", NULL };
	int integer;

	if (!n->plain)
		return json_stringn(n->value, n->len);
	if (word_in(n->value, nulls))
		return json_null();
	if (word_in(n->value, trues))
		return json_true();
	if (word_in(n->value, falses))
		return json_false();
	if (is_decimal(n->value, &integer) && strlen(n->value) < 19)
		return integer ? json_integer(strtoll(n->value, NULL, 10)) :
		    json_real(strtod(n->value, NULL));
	return json_stringn(n->value, n->len);
}

json_t *brm_json_from_node(const struct brm_node *n)
{
	json_t *j;
	size_t i;

	switch (n->type) {
	case BRM_NODE_MAP:
		j = json_object();
		for (i = 0; i < n->n; i++)
			json_object_set_new(j, n->keys[i],
			    brm_json_from_node(n->items[i]));
		return j;
	case BRM_NODE_SEQ:
		j = json_array();
		for (i = 0; i < n->n; i++)
			json_array_append_new(j,
			    brm_json_from_node(n->items[i]));
		return j;
	default:
		return scalar(n);
	}
}

/* The text jansson writes for a real with JSON_REAL_PRECISION(15), so
 * that what brm wrote reads back as the same text. */
static struct brm_node *real_node(double v)
{
	char text[64];

	snprintf(text, sizeof(text), "%.15g", v);
	if (!strpbrk(text, ".eEn"))	/* 100.0 stays a real, as jansson */
		strcat(text, ".0");
	return brm_node_new_plain(text);
}

static struct brm_node *to_node(const json_t *j)
{
	struct brm_node *n;
	const char *key;
	json_t *item;
	size_t i;
	char text[32];

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		n = brm_node_new_map();
		json_object_foreach((json_t *)j, key, item)
			brm_node_set(n, key, to_node(item));
		return n;
	case JSON_ARRAY:
		n = brm_node_new_seq();
		json_array_foreach(j, i, item)
			brm_node_append(n, to_node(item));
		return n;
	case JSON_STRING:
		return brm_node_new_strn(json_string_value(j),
		    json_string_length(j));
	case JSON_INTEGER:
		snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
		return brm_node_new_plain(text);
	case JSON_REAL:
		return real_node(json_real_value(j));
	case JSON_TRUE:
		return brm_node_new_plain("true");
	case JSON_FALSE:
		return brm_node_new_plain("false");
	default:
		return brm_node_new_plain("null");
	}
}

struct brm_node *brm_json_to_node(const json_t *j)
{
	return to_node(j);
}

static int to_buf(const char *data, size_t size, void *payload)
{
	brm_buf_add(payload, data, size);
	return 0;
}

int brm_json_dump(struct brm_buf *out, const json_t *j, int pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
	    (pretty ? JSON_INDENT(2) : JSON_COMPACT);

	if (json_dump_callback(j, to_buf, out, flags) < 0)
		return brm_error_set(BRM_ERROR, "cannot write JSON");
	brm_buf_putc(out, '\n');
	return 0;
}
