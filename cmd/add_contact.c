/* brm add-contact CUSTOMER NAME: a person at the customer, with a role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

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

static int add_contact(struct brm_ctx *ctx, const char *ref,
    const char *name, const struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_node *contact = NULL, *list;
	struct brm_store *s;
	char base[64], *summary = NULL;
	int ret;

	if ((ret = brm_field_parse(&contact, brm_field_find(fa->fields,
	    "name"), name, "name")) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, "customer")) < 0)
		goto done;
	if (has_contact(r, name)) {
		ret = brm_error_set(BRM_EEXISTS, "customer '%s' already has "
		    "a contact '%s'", r->id, name);
		brm_error_hint(ret, "change it with 'brm set' or 'brm edit'");
		goto done;
	}
	if ((ret = brm_record_append(r, "contacts", brm_node_new_map())) < 0)
		goto done;
	list = brm_record_get(r, "contacts");
	snprintf(base, sizeof(base), "contacts.%zu", list->n - 1);
	brm_node_set(list->items[list->n - 1], "name", contact);
	contact = NULL;
	if ((ret = brm_fieldargs_apply(fa, r, base)) < 0)
		goto done;
	summary = brm_xprintf("%s — %s", brm_record_title(r), name);
	ret = brm_cli_save(s, r, "add-contact", summary);
done:
	brm_node_free(contact);
	brm_record_free(r);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_add_contact(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "add-contact", "<customer> <name>",
		opts };

	fa.fields = brm_field_at(&brm_kind_customer, "contacts")->sub;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		ret = brm_parse_exit(argc);
	else
		ret = add_contact(ctx, argv[0], argv[1], &fa);
	brm_fieldargs_release(&fa);
	return ret;
}
