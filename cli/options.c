#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "cli/output.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/record.h"

/* One option as the parser sees it: a table row, or a schema field. */
struct optview {
	const struct brm_opt *opt;	/* the row (FIELDS rows too) */
	const struct brm_field *field;	/* schema field, or NULL */
	char path[128];			/* the field's dotted path */
	const char *long_name;
	const char *arg;		/* NULL: takes no value */
	int repeat;
	int required;
};

typedef int (*view_fn)(const struct optview *v, void *payload);

static const char *field_arg(const struct brm_field *f)
{
	switch (f->type) {
	case BRM_F_ENUM:
		return f->arg;
	case BRM_F_BOOL:
		return NULL;
	case BRM_F_DATE:
		return "<date>";
	case BRM_F_DATETIME:
		return "<time>";
	case BRM_F_NUMBER:
	case BRM_F_INTEGER:
		return "<n>";
	case BRM_F_PERCENT:
		return "<pct>";
	case BRM_F_EMAIL:
		return "<addr>";
	case BRM_F_REF:
		return "<id>";
	default:
		return "<text>";
	}
}

static int walk_fields(const struct brm_opt *o, const struct brm_field *f,
    const char *prefix, view_fn fn, void *payload)
{
	struct optview v;
	int ret;

	for (; f && f->name; f++) {
		if (f->flags & BRM_FIELD_AUTO)
			continue;
		memset(&v, 0, sizeof(v));
		snprintf(v.path, sizeof(v.path), "%s%s%s", prefix,
		    *prefix ? "." : "", f->name);
		if (f->type == BRM_F_MAP && !(f->flags & BRM_FIELD_LIST)) {
			if ((ret = walk_fields(o, f->sub, v.path, fn,
			    payload)))
				return ret;
			continue;
		}
		if (!f->opt)
			continue;
		v.opt = o;
		v.field = f;
		v.long_name = f->opt;
		v.arg = field_arg(f);
		v.repeat = (f->flags & BRM_FIELD_LIST) != 0;
		v.required = (f->flags & BRM_FIELD_REQUIRED) && !f->def &&
		    !*prefix;
		if ((ret = fn(&v, payload)))
			return ret;
	}
	return 0;
}

/* Call fn for every option of opts, schema rows expanded. */
static int each_option(const struct brm_opt *opts, view_fn fn,
    void *payload)
{
	const struct brm_opt *o;
	struct brm_fieldargs *fa;
	struct optview v;
	int ret;

	for (o = opts; o && o->type != BRM_OPT_END; o++) {
		if (o->type == BRM_OPT_OPERAND)
			continue;
		if (o->type == BRM_OPT_FIELDS) {
			fa = o->value;
			if ((ret = walk_fields(o, fa->fields, "", fn,
			    payload)))
				return ret;
			continue;
		}
		memset(&v, 0, sizeof(v));
		v.opt = o;
		v.long_name = o->long_name;
		v.arg = o->type == BRM_OPT_FLAG ? NULL : o->arg;
		v.repeat = o->type == BRM_OPT_LIST;
		v.required = (o->flags & BRM_OPT_REQUIRED) != 0;
		if ((ret = fn(&v, payload)))
			return ret;
	}
	return 0;
}

/* ---- synopsis and help ---- */

static int add_synopsis(const struct optview *v, void *payload)
{
	struct brm_buf *b = payload;

	brm_buf_puts(b, v->required ? " " : " [");
	if (v->opt->short_name && v->long_name)
		brm_buf_printf(b, "-%c | ", v->opt->short_name);
	if (v->long_name)
		brm_buf_printf(b, "--%s", v->long_name);
	else
		brm_buf_printf(b, "-%c", v->opt->short_name);
	if (v->arg)
		brm_buf_printf(b, " %s", v->arg);
	if (!v->required)
		brm_buf_puts(b, "]");
	if (v->repeat)
		brm_buf_puts(b, "...");
	return 0;
}

void brm_usage_synopsis(const struct brm_usage *u, char *out, size_t n)
{
	struct brm_buf b = BRM_BUF_INIT;

	brm_buf_printf(&b, "brm %s", u->cmd);
	each_option(u->opts, add_synopsis, &b);
	if (u->operands && *u->operands)
		brm_buf_printf(&b, " %s", u->operands);
	snprintf(out, n, "%s", b.data);
	brm_buf_release(&b);
}

static int print_help_line(const struct optview *v, void *payload)
{
	struct brm_buf left = BRM_BUF_INIT;
	const char *help = v->field ? v->field->help : v->opt->help;

	(void)payload;
	if (v->opt->short_name)
		brm_buf_printf(&left, "-%c%s", v->opt->short_name,
		    v->long_name ? ", " : "");
	else
		brm_buf_puts(&left, "    ");
	if (v->long_name)
		brm_buf_printf(&left, "--%s", v->long_name);
	if (v->arg)
		brm_buf_printf(&left, " %s", v->arg);
	if (left.len < 30)
		printf("    %-30s %s%s\n", left.data, help ? help : "",
		    v->repeat ? " (repeatable)" : "");
	else
		printf("    %s\n    %-30s %s%s\n", left.data, "",
		    help ? help : "", v->repeat ? " (repeatable)" : "");
	brm_buf_release(&left);
	return 0;
}

static void print_help(const struct brm_usage *u)
{
	char syn[4096];

	brm_usage_synopsis(u, syn, sizeof(syn));
	printf("usage: %s\n\n", syn);
	printf("    %-30s %s\n", "-h, --help", "show this help");
	each_option(u->opts, print_help_line, NULL);
	printf("\nSee 'brm help %s' for the manual.\n", u->cmd);
}

static void usage_verror(const struct brm_usage *u, const char *fmt,
    va_list ap)
{
	char syn[4096];

	fputs("brm: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	brm_usage_synopsis(u, syn, sizeof(syn));
	fprintf(stderr, "\nusage: %s\nhint: see 'brm %s -h'\n", syn, u->cmd);
}

int brm_usage_error(const struct brm_usage *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_verror(u, fmt, ap);
	va_end(ap);
	return 2;
}

/* The parser's own mistakes: printed, and BRM_EUSAGE for the caller. */
static int fail(const struct brm_usage *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(const struct brm_usage *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_verror(u, fmt, ap);
	va_end(ap);
	return BRM_EUSAGE;
}

/* ---- parsing ---- */

struct match {
	const char *name;
	int short_name;
	struct optview found;
	int hit;
};

static int match_option(const struct optview *v, void *payload)
{
	struct match *m = payload;

	if ((m->name && v->long_name && !strcmp(m->name, v->long_name)) ||
	    (m->short_name && v->opt->short_name == m->short_name)) {
		m->found = *v;
		m->hit = 1;
		return 1;
	}
	return 0;
}

static void list_push(struct brm_strlist *l, const char *s)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 4;
		l->v = brm_realloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void fieldargs_push(struct brm_fieldargs *fa, const struct optview *v,
    const char *text)
{
	struct brm_fieldarg *a;

	if (fa->n == fa->alloc) {
		fa->alloc = fa->alloc ? 2 * fa->alloc : 8;
		fa->v = brm_realloc(fa->v, fa->alloc * sizeof(*fa->v));
	}
	a = &fa->v[fa->n++];
	a->field = v->field;
	a->path = brm_strdup(v->path);
	a->text = text;
	a->opt = v->long_name;
}

static void store_value(const struct optview *v, const char *text)
{
	switch (v->opt->type) {
	case BRM_OPT_FLAG:
		*(int *)v->opt->value = 1;
		break;
	case BRM_OPT_STRING:
		*(const char **)v->opt->value = text;
		break;
	case BRM_OPT_LIST:
		list_push(v->opt->value, text);
		break;
	case BRM_OPT_FIELDS:
		fieldargs_push(v->opt->value, v, text ? text : "true");
		break;
	default:
		break;
	}
}

/* Count operands, one per word of the spec: "<a>" required, "[<b>]"
 * optional, a word with "..." repeats. */
static void operand_bounds(const char *spec, int *min, int *max)
{
	char *copy = brm_strdup(spec ? spec : ""), *tok, *save = NULL;

	*min = *max = 0;
	for (tok = strtok_r(copy, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strstr(tok, "..."))
			*max = 1 << 20;
		else
			(*max)++;
		if (tok[0] != '[')
			(*min)++;
	}
	free(copy);
}

static int parse_one(const struct brm_usage *u, int argc, char **argv,
    int *i)
{
	const char *arg = argv[*i], *value = NULL, *eq;
	char name[128];
	struct match m = { 0 };

	if (arg[1] == '-') {
		eq = strchr(arg + 2, '=');
		snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - arg - 2) :
		    (int)strlen(arg + 2), arg + 2);
		m.name = name;
		value = eq ? eq + 1 : NULL;
	} else {
		m.short_name = (unsigned char)arg[1];
		if (arg[2])
			value = arg + 2;
	}
	each_option(u->opts, match_option, &m);
	if (!m.hit)
		return fail(u, "unknown option '%s'", arg);
	if (!m.found.arg) {
		if (value)
			return fail(u, "option '%s' takes no "
			    "value", arg);
		store_value(&m.found, NULL);
		return 0;
	}
	if (!value) {
		if (*i + 1 >= argc)
			return fail(u, "option '%s' requires a "
			    "value (%s)", arg, m.found.arg);
		value = argv[++*i];
	}
	store_value(&m.found, value);
	return 0;
}

/* The first required option the command line left out, if any: its
 * name goes to payload (char[128]). */
static int find_missing(const struct optview *v, void *payload)
{
	int given;

	if (!v->required)
		return 0;
	switch (v->opt->type) {
	case BRM_OPT_STRING:
		given = *(const char **)v->opt->value != NULL;
		break;
	case BRM_OPT_LIST:
		given = ((struct brm_strlist *)v->opt->value)->n > 0;
		break;
	case BRM_OPT_FIELDS:
		given = brm_fieldargs_get(v->opt->value, v->path) != NULL;
		break;
	default:
		given = 1;
	}
	if (given)
		return 0;
	snprintf(payload, 128, "%s", v->long_name);
	return 1;
}

void (*brm_parse_hook)(const struct brm_usage *u, void *payload);
void *brm_parse_hook_payload;

int brm_parse_options(int argc, char **argv, const struct brm_usage *u)
{
	int i, n = 0, min, max, only_operands = 0, ret;
	char missing[128];

	if (brm_parse_hook) {
		brm_parse_hook(u, brm_parse_hook_payload);
		return BRM_PARSE_DONE;
	}

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_operands || a[0] != '-' || !a[1]) {
			argv[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(u);
			return BRM_PARSE_DONE;
		}
		if ((ret = parse_one(u, argc, argv, &i)) < 0)
			return ret;
	}
	operand_bounds(u->operands, &min, &max);
	if (n < min)
		return fail(u, "%s", n ? "too few arguments" :
		    "missing arguments");
	if (n > max)
		return fail(u, "unexpected argument '%s'",
		    argv[max]);
	if (each_option(u->opts, find_missing, missing))
		return fail(u, "missing required option '--%s'", missing);
	return n;
}

int brm_parse_exit(int ret)
{
	return ret == BRM_PARSE_DONE ? 0 : 2;
}

/* ---- schema values ---- */

int brm_fieldargs_apply(const struct brm_fieldargs *fa,
    struct brm_record *r, const char *base)
{
	struct brm_node *v;
	char what[160], *path;
	size_t i;
	int ret = 0;

	for (i = 0; i < fa->n && ret == 0; i++) {
		const struct brm_fieldarg *a = &fa->v[i];

		snprintf(what, sizeof(what), "--%s", a->opt);
		if ((ret = brm_field_parse(&v, a->field, a->text, what)) < 0)
			break;
		path = brm_xprintf("%s%s%s", base, *base ? "." : "", a->path);
		if (a->field->flags & BRM_FIELD_LIST)
			ret = brm_record_append(r, path, v);
		else
			ret = brm_record_set(r, path, v);
		free(path);
	}
	return ret;
}

const char *brm_fieldargs_get(const struct brm_fieldargs *fa,
    const char *path)
{
	const char *last = NULL;
	size_t i;

	for (i = 0; i < fa->n; i++)
		if (!strcmp(fa->v[i].path, path))
			last = fa->v[i].text;
	return last;
}

void brm_fieldargs_release(struct brm_fieldargs *fa)
{
	size_t i;

	for (i = 0; i < fa->n; i++)
		free(fa->v[i].path);
	free(fa->v);
	fa->v = NULL;
	fa->n = fa->alloc = 0;
}

void brm_strlist_release(struct brm_strlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

/* ---- completion ---- */

struct lister {
	void (*fn)(const struct brm_optinfo *, void *);
	void *payload;
};

static int list_one(const struct optview *v, void *payload)
{
	struct lister *l = payload;
	struct brm_optinfo o = { v->opt->short_name, v->long_name, v->arg,
		v->opt->complete, v->opt->complete_fn };

	if (v->field && v->field->type == BRM_F_REF)
		o.complete = v->field->arg;
	l->fn(&o, l->payload);
	return 0;
}

void brm_options_list(const struct brm_usage *u,
    void (*fn)(const struct brm_optinfo *o, void *payload), void *payload)
{
	struct lister l = { fn, payload };
	const struct brm_optinfo help = { 'h', "help", NULL, NULL, NULL };

	fn(&help, payload);
	each_option(u->opts, list_one, &l);
}

const struct brm_operand *brm_operand_find(const struct brm_usage *u,
    int n)
{
	const struct brm_opt *o;

	for (o = u->opts; o && o->type != BRM_OPT_END; o++)
		if (o->type == BRM_OPT_OPERAND && o->operand.n == n)
			return &o->operand;
	return NULL;
}
