/* brm add-contact PARTY NAME: a person at a customer, a supplier or a
 * third party, with their role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

#define PARTY_KINDS "customer|supplier|third-party"

struct person {
	const char *name, *role, *email, *phone;
};

static int has_contact(const struct brm_record *r, const char *name)
{
	struct brm_node *list = brm_record_get(r, "contacts");
	const char *n;
	size_t i;

	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++)
		if ((n = brm_node_str(list->items[i], "name")) &&
		    !strcmp(n, name))
			return 1;
	return 0;
}

/* Set field of contact from the option's text, checked against the
 * party's contact table (a customer's roles are a fixed set). */
static int put(struct brm_node *contact, const struct brm_field *fields,
    const char *field, const char *text, const char *what)
{
	struct brm_node *v;
	int ret;

	if (!text)
		return 0;
	if ((ret = brm_field_parse(&v, brm_field_find(fields, field), text,
	    what)) < 0)
		return ret;
	brm_node_set(contact, field, v);
	return 0;
}

static int make_contact(struct brm_node **out, const struct brm_kind *kind,
    const struct person *p)
{
	const struct brm_field *fields = brm_field_at(kind, "contacts")->sub;
	struct brm_node *c = brm_node_new_map();
	int ret;

	if ((ret = put(c, fields, "name", p->name, "name")) < 0 ||
	    (ret = put(c, fields, "role", p->role, "--role")) < 0 ||
	    (ret = put(c, fields, "email", p->email, "--email")) < 0 ||
	    (ret = put(c, fields, "phone", p->phone, "--phone")) < 0) {
		brm_node_free(c);
		c = NULL;
	}
	*out = c;
	return ret;
}

static int add_contact(struct brm_ctx *ctx, const char *ref,
    const struct person *p)
{
	struct brm_record *r = NULL;
	struct brm_node *contact = NULL;
	struct brm_store *s;
	char *summary = NULL;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, PARTY_KINDS)) < 0 ||
	    (ret = make_contact(&contact, r->kind, p)) < 0)
		goto done;
	if (has_contact(r, p->name)) {
		ret = brm_error_set(BRM_EEXISTS, "%s '%s' already has a "
		    "contact '%s'", r->kind->name, r->id, p->name);
		brm_error_hint(ret, "change it with 'brm set' or 'brm edit'");
		goto done;
	}
	if ((ret = brm_record_append(r, "contacts", contact)) < 0)
		goto done;
	contact = NULL;
	summary = brm_xprintf("%s — %s", brm_record_title(r), p->name);
	ret = brm_cli_save(s, r, "add-contact", summary);
done:
	brm_node_free(contact);
	brm_record_free(r);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_add_contact(int argc, char **argv, struct brm_ctx *ctx)
{
	struct person p = { NULL, NULL, NULL, NULL };
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "role", &p.role, "<role>",
		    "a customer's: sponsor, representative, stakeholder, "
		    "rfc-approver or user; else what the person does"),
		BRM_OPT_STRING_(0, "email", &p.email, "<addr>",
		    "e-mail address"),
		BRM_OPT_STRING_(0, "phone", &p.phone, "<text>",
		    "phone number"),
		BRM_OPERAND_IDS_(0, PARTY_KINDS, NULL),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-contact", "<party> <name>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	p.name = argv[1];
	return add_contact(ctx, argv[0], &p);
}
