/* brm set ID FIELD=VALUE...: change fields, validated like new input.
 * FIELD=  removes an optional field; FIELD+=VALUE appends to a list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cli/sla.h"
#include "cmd/complete.h"
#include "core/buf.h"
#include "core/error.h"

struct assignment {
	char *path;
	const char *value;
	int append;
};

static int split(const char *arg, struct assignment *a)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return brm_error_set(BRM_EUSAGE, "expected FIELD=VALUE, got "
		    "'%s'", arg);
	a->append = eq[-1] == '+';
	a->path = brm_strndup(arg, (size_t)(eq - arg - a->append));
	a->value = eq + 1;
	return 0;
}

static int unknown_field(const struct brm_kind *k, const char *path)
{
	struct brm_buf names = BRM_BUF_INIT;
	const struct brm_field *f;

	for (f = k->fields; f->name; f++)
		if (!(f->flags & BRM_FIELD_AUTO))
			brm_buf_printf(&names, "%s%s", names.len ? ", " : "",
			    f->name);
	brm_error_set(BRM_EINVALID, "a %s has no field '%s'", k->name, path);
	brm_error_hint(BRM_EINVALID, "fields: %s", names.data);
	brm_buf_release(&names);
	return BRM_EINVALID;
}

/* Parse a value for f, resolving id prefixes of references. */
static int parse_value(struct brm_store *s, const struct brm_field *f,
    const char *text, const char *path, struct brm_node **out)
{
	char *id;
	int ret;

	if (f->type != BRM_F_REF)
		return brm_field_parse(out, f, text, path);
	if ((ret = brm_cli_resolve_id(s, text, f->arg, &id)) < 0)
		return ret;
	*out = brm_node_new_str(id);
	free(id);
	return 0;
}

/* "contacts.1": the path names one item of a list. */
static int ends_with_index(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && dot[1] && strspn(dot + 1, "0123456789") ==
	    strlen(dot + 1);
}

static int check_shape(const struct brm_field *f,
    const struct assignment *a, int item)
{
	if (f->type == BRM_F_MAP)
		return brm_error_set(BRM_EINVALID, "'%s' is a mapping; set "
		    "its fields, e.g. %s.<field>=<value>", a->path, a->path);
	if ((f->flags & BRM_FIELD_LIST) && !item && !a->append)
		return brm_error_set(BRM_EINVALID, "'%s' is a list; append "
		    "with %s+=<value> or set an item with %s.<n>=<value>",
		    a->path, a->path, a->path);
	if (a->append && (!(f->flags & BRM_FIELD_LIST) || item))
		return brm_error_set(BRM_EINVALID, "'%s' is not a list",
		    a->path);
	return 0;
}

static int assign(struct brm_store *s, struct brm_record *r,
    const struct assignment *a, struct brm_buf *summary)
{
	const struct brm_field *f = brm_field_at(r->kind, a->path);
	int item = ends_with_index(a->path), ret;
	struct brm_node *v;

	if (!f)
		return unknown_field(r->kind, a->path);
	if ((f->flags & BRM_FIELD_AUTO) && !(f->flags & BRM_FIELD_SETTABLE))
		return brm_error_set(BRM_EINVALID, "'%s' cannot be changed",
		    a->path);
	brm_buf_printf(summary, "%s%s%s%s", summary->len ? ", " : "",
	    a->path, a->append ? " += " : ": ", *a->value || a->append ?
	    a->value : "(removed)");
	if (!*a->value && !a->append) {
		if ((f->flags & BRM_FIELD_REQUIRED) && !item)
			return brm_error_set(BRM_EINVALID, "'%s' is required "
			    "and cannot be removed", a->path);
		if (!brm_record_unset(r, a->path))
			return brm_error_set(BRM_ENOTFOUND, "'%s' is not set",
			    a->path);
		return 0;
	}
	if ((ret = check_shape(f, a, item)) < 0 ||
	    (ret = parse_value(s, f, a->value, a->path, &v)) < 0)
		return ret;
	if (a->append)
		return brm_record_append(r, a->path, v);
	if (item && !brm_record_get(r, a->path)) {
		brm_node_free(v);
		return brm_error_set(BRM_ENOTFOUND, "'%s' has no such item",
		    a->path);
	}
	return brm_record_set(r, a->path, v);
}

/* Top-level fields the kind's derive hook changed, not the user: the
 * commit's subject names them too. */
static void derived(const struct brm_record *r, const struct brm_node *orig,
    const struct assignment *as, int argc, struct brm_buf *summary)
{
	const struct brm_node *was, *now;
	const struct brm_field *f;
	int i;

	for (f = r->kind->fields; r->kind->derive && f->name; f++) {
		for (i = 1; i < argc; i++)
			if (!strcmp(as[i].path, f->name))
				break;
		was = brm_node_get(orig, f->name);
		now = brm_record_get(r, f->name);
		if (i < argc || !now || (was && brm_node_equal(was, now)))
			continue;
		brm_buf_printf(summary, ", %s: %s", f->name,
		    now->type == BRM_NODE_SCALAR ? now->value : "(changed)");
	}
}

static int set(struct brm_ctx *ctx, int argc, char **argv)
{
	struct brm_buf summary = BRM_BUF_INIT;
	struct brm_sla_gaps before = BRM_SLA_GAPS_INIT;
	struct assignment *as = brm_calloc((size_t)argc, sizeof(*as));
	struct brm_record *r = NULL;
	struct brm_node *orig = NULL;
	struct brm_store *s;
	char *subject = NULL;
	int i, ret = 0;

	for (i = 1; i < argc && ret == 0; i++)
		ret = split(argv[i], &as[i]);
	if (ret < 0 || (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, argv[0], NULL)) < 0)
		goto done;
	orig = brm_node_dup(r->root);
	brm_sla_gaps(&before, s, r);
	for (i = 1; i < argc && ret == 0; i++)
		ret = assign(s, r, &as[i], &summary);
	if (ret < 0 || (r->kind->derive && (ret = r->kind->derive(r, orig,
	    s->config)) < 0))
		goto done;
	derived(r, orig, as, argc, &summary);
	if (brm_node_equal(orig, r->root)) {
		printf("nothing changed\n");
		goto done;
	}
	subject = brm_xprintf("%s — %s", r->id, summary.data);
	/* as subscribe and add-contract do: an SLA or a contract changed
	 * here may leave a contract looser than an SLA it backs */
	if ((ret = brm_cli_save(s, r, "set", subject)) == 0)
		brm_cli_warn_new_gaps(s, r, &before, NULL);
done:
	for (i = 0; i < argc; i++)
		free(as[i].path);
	free(as);
	free(subject);
	brm_sla_gaps_release(&before);
	brm_node_free(orig);
	brm_record_free(r);
	brm_buf_release(&summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_set(int argc, char **argv, struct brm_ctx *ctx)
{
	const struct brm_opt opts[] = {
		BRM_OPERAND_FN_(1, brm_complete_fields),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "set", "<id> <field>=<value>...", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return set(ctx, argc, argv);
}
