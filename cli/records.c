#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/id.h"

int brm_cli_load_many(struct brm_record **out, struct brm_store *s,
    const struct brm_kind *kind, const char *id, size_t *broken)
{
	int ret = brm_store_load(out, s, kind, id);

	if (ret < 0) {
		brm_warn_error();
		(*broken)++;
	}
	return ret;
}

/* "N records could not be read<then>", with the hint that says what next */
static int unreadable(size_t n, const char *then)
{
	int ret = brm_error_set(BRM_EINVALID, "%zu record%s could not be "
	    "read%s", n, n == 1 ? "" : "s", then);

	return brm_error_hint(ret, "run 'brm check' to see what to fix");
}

int brm_cli_skipped(size_t broken)
{
	if (!broken)
		return 0;
	return unreadable(broken, broken == 1 ? " and was left out" :
	    " and were left out");
}

static void warn_unreadable(const struct brm_store *s)
{
	size_t i;

	for (i = 0; i < s->n_unreadable; i++)
		brm_warn_message(s->unreadable[i]);
}

int brm_cli_left_out(const struct brm_store *s)
{
	warn_unreadable(s);
	return brm_cli_skipped(s->n_unreadable);
}

int brm_cli_refuse_unreadable(const struct brm_store *s, const char *what)
{
	char *then;
	int ret;

	if (!s->n_unreadable)
		return 0;
	warn_unreadable(s);
	then = brm_xprintf("; %s", what);
	ret = unreadable(s->n_unreadable, then);
	free(then);
	return ret;
}

/* What the writer lock settled of a crashed write (core/journal.h). */
static void print_note(struct brm_store *s)
{
	char *note = brm_store_take_note(s);

	if (note)
		brm_warn("%s", note);
	free(note);
}

int brm_cli_begin(struct brm_ctx *ctx, struct brm_store **s, int lock)
{
	int ret;

	if ((ret = brm_ctx_store(ctx, s)) < 0 || !lock)
		return ret;
	ret = brm_store_lock(*s);
	print_note(*s);
	return ret;
}

int brm_cli_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary)
{
	const char *warning;
	int ret;

	ret = brm_store_save(s, r, command, summary);
	print_note(s);
	if (ret < 0)
		return ret;
	if ((warning = brm_store_warning(s)))
		brm_warn("%s", warning);
	return 0;
}

int brm_cli_add_named(struct brm_ctx *ctx, const struct brm_kind *kind,
    const char *command, const char *id, const char *name,
    struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_store *s;
	struct brm_node *v;
	char *slug = NULL, **keep = NULL;
	int ret;

	if ((ret = brm_field_parse(&v, brm_field_find(kind->fields, "name"),
	    name, "name")) < 0)
		goto done;
	brm_node_free(v);
	if (!id && !(id = slug = brm_id_from_name(name))) {
		ret = BRM_EINVALID;
		goto done;
	}
	/* references given as options (--supplies crm) take id prefixes */
	if ((ret = brm_id_check(kind, id)) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_cli_resolve_fieldargs(s, fa, &keep)) < 0)
		goto done;
	if (brm_store_exists(s, kind, id)) {
		ret = brm_error_set(BRM_EEXISTS, "%s '%s' already exists",
		    kind->name, id);
		brm_error_hint(ret, "choose another id with --id");
		goto done;
	}
	r = brm_record_new(kind, id);
	brm_record_set(r, "name", brm_node_new_str(name));
	if ((ret = brm_fieldargs_apply(fa, r, "")) < 0)
		goto done;
	brm_record_apply_defaults(r);
	if ((ret = brm_cli_save(s, r, command, name)) < 0)
		goto done;
	printf("%s\n", id);
done:
	brm_strv_free(keep, keep ? fa->n : 0);
	brm_record_free(r);
	free(slug);
	return ret < 0 ? brm_fail(ret) : 0;
}

int brm_cli_named_command(int argc, char **argv, struct brm_ctx *ctx,
    const struct brm_kind *kind)
{
	struct brm_fieldargs fa = { kind->fields, NULL, 0, 0 };
	const char *id = NULL, *command = argv[0];
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "id", &id, "<id>",
		    "record id (default: derived from the name)"),
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { command, "<name>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = brm_cli_add_named(ctx, kind, command, id, argv[0], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}

long brm_cli_subscription(const struct brm_record *customer,
    const char *service_id)
{
	struct brm_node *subs = brm_record_get(customer, "services");
	const char *sid;
	size_t i;

	if (!subs || subs->type != BRM_NODE_SEQ)
		return -1;
	for (i = 0; i < subs->n; i++) {
		sid = brm_node_str(subs->items[i], "service");
		if (sid && !strcmp(sid, service_id))
			return (long)i;
	}
	return -1;
}

int brm_cli_resolve_id(struct brm_store *s, const char *ref,
    const char *kinds, char **id)
{
	const struct brm_kind *kind;

	return brm_store_resolve(s, ref, kinds, &kind, id);
}

int brm_cli_resolve_fieldargs(struct brm_store *s, struct brm_fieldargs *fa,
    char ***keep)
{
	size_t i;
	int ret;

	*keep = brm_calloc(fa->n + 1, sizeof(**keep));
	for (i = 0; i < fa->n; i++) {
		if (fa->v[i].field->type != BRM_F_REF)
			continue;
		if ((ret = brm_cli_resolve_id(s, fa->v[i].text,
		    fa->v[i].field->arg, &(*keep)[i])) < 0)
			return ret;
		fa->v[i].text = (*keep)[i];
	}
	return 0;
}

char *brm_cli_one_line(const char *text, size_t max)
{
	size_t n = strcspn(text, "\n"), cut = n;

	if (n <= max)
		return brm_strndup(text, n);
	cut = max;
	while (cut && ((unsigned char)text[cut] & 0xc0) == 0x80)
		cut--;		/* do not split a UTF-8 sequence */
	return brm_xprintf("%.*s...", (int)cut, text);
}

/* The record's date from the options, or the field's default ("today",
 * "now"), as a node for the field and as a calendar date. */
static int dated_date(const struct brm_cli_dated *d, struct brm_node **node,
    struct brm_date *day)
{
	const struct brm_field *f = brm_field_find(d->kind->fields,
	    d->kind->date_field);
	const char *text = brm_fieldargs_get(d->fa, d->kind->date_field);
	char what[64], buf[BRM_DATE_LEN];
	int ret;

	snprintf(what, sizeof(what), "--%s", f->opt ? f->opt : f->name);
	if ((ret = brm_field_parse(node, f, text ? text : f->def ? f->def :
	    "today", what)) < 0)
		return ret;
	snprintf(buf, sizeof(buf), "%.10s", (*node)->value);
	return brm_date_parse(day, buf, what);
}

/* Resolve the operand; a customer is loaded into *customer. */
static int dated_party(struct brm_store *s, const struct brm_cli_dated *d,
    char **id, struct brm_record **customer)
{
	const struct brm_field *f = brm_field_find(d->kind->fields,
	    d->party_field);
	const struct brm_kind *kind;
	int ret;

	if ((ret = brm_store_resolve(s, d->party, f->arg, &kind, id)) < 0)
		return ret;
	if (kind != &brm_kind_customer)
		return 0;
	return brm_store_load(customer, s, kind, *id);
}

/* The service named must be one the customer consumes. */
static int dated_service(const struct brm_record *r,
    const struct brm_record *customer)
{
	const char *service = brm_record_str(r, "service");
	int ret;

	if (!customer || !service || !brm_field_find(r->kind->fields,
	    "service") || brm_cli_subscription(customer, service) >= 0)
		return 0;
	ret = brm_error_set(BRM_EINVALID, "customer '%s' does not subscribe "
	    "to service '%s'", customer->id, service);
	return brm_error_hint(ret, "subscribe it first: brm subscribe %s %s",
	    customer->id, service);
}

static char *dated_id(struct brm_store *s, const struct brm_kind *kind,
    const struct brm_date *day)
{
	char *id = NULL;
	int i;

	/* 36^4 ids a day: a clash is rare, two in a row rarer still */
	for (i = 0; i < 32; i++) {
		free(id);
		id = brm_id_new_dated(kind, day);
		if (!brm_store_exists(s, kind, id))
			return id;
	}
	free(id);
	brm_error_set(BRM_EEXISTS, "no free %s id left for this day",
	    kind->name);
	return NULL;
}

int brm_cli_add_dated(struct brm_ctx *ctx, const struct brm_cli_dated *d)
{
	struct brm_record *r = NULL, *customer = NULL;
	struct brm_node *date = NULL;
	struct brm_store *s;
	struct brm_date day;
	char *party = NULL, *id = NULL, *detail = NULL, *summary = NULL,
	    **keep = NULL;
	const char *title, *status;
	int ret;

	if ((ret = dated_date(d, &date, &day)) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = dated_party(s, d, &party, &customer)) < 0 ||
	    (ret = brm_cli_resolve_fieldargs(s, d->fa, &keep)) < 0)
		goto done;
	if (!(id = dated_id(s, d->kind, &day))) {
		ret = BRM_EEXISTS;
		goto done;
	}
	r = brm_record_new(d->kind, id);
	if ((ret = brm_record_set(r, d->party_field,
	    brm_node_new_str(party))) < 0 ||
	    (ret = brm_fieldargs_apply(d->fa, r, "")) < 0)
		goto done;
	ret = brm_record_set(r, d->kind->date_field, date);
	date = NULL;
	if (ret < 0 || (d->fill && (ret = d->fill(s, r, d->payload)) < 0))
		goto done;
	brm_record_apply_defaults(r);
	if ((ret = dated_service(r, customer)) < 0)
		goto done;
	if (d->detail) {
		detail = d->detail(r);
	} else {
		title = brm_record_title(r);
		detail = brm_cli_one_line(title != r->id ? title :
		    d->kind->name, 72);
	}
	summary = brm_xprintf("%s — %s", party, detail);
	if ((ret = brm_cli_save(s, r, d->command, summary)) < 0)
		goto done;
	/* a former customer is history, not an error: say so once it is
	 * recorded, so that a refused command does not warn as well */
	status = customer ? brm_record_str(customer, "status") : NULL;
	if (status && !strcmp(status, "former"))
		brm_warn("customer '%s' is a former customer", party);
	printf("%s\n", id);
done:
	if (keep)
		brm_strv_free(keep, d->fa->n);
	brm_node_free(date);
	brm_record_free(r);
	brm_record_free(customer);
	free(party);
	free(id);
	free(detail);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}
