/* brm record-value-add CUSTOMER --title TEXT: a service beyond the
 * agreement, with the four checks behind it. */
#include <stdio.h>

#include "cli/records.h"
#include "core/buf.h"

/* The four checks are always written, unset ones as null, so that
 * brm show makes plain which were not assessed. */
static int fill(struct brm_store *s, struct brm_record *r, void *payload)
{
	const struct brm_field *f;
	char path[64];
	int ret;

	(void)s;
	(void)payload;
	for (f = brm_field_find(r->kind->fields, "checks")->sub; f->name;
	    f++) {
		snprintf(path, sizeof(path), "checks.%s", f->name);
		if (!brm_record_get(r, path) && (ret = brm_record_set(r, path,
		    brm_node_new_plain("null"))) < 0)
			return ret;
	}
	return 0;
}

int cmd_record_value_add(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_value_add.fields, NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_value_add, "record-value-add",
		"customer", NULL, &fa, fill, NULL, NULL };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "record-value-add", "<customer>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	return ret;
}
