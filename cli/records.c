#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/error.h"
#include "core/id.h"

int brm_cli_begin(struct brm_ctx *ctx, struct brm_store **s, int lock)
{
	int ret;

	if ((ret = brm_ctx_store(ctx, s)) < 0)
		return ret;
	return lock ? brm_store_lock(*s) : 0;
}

int brm_cli_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary)
{
	const char *warning;
	int ret;

	if ((ret = brm_store_save(s, r, command, summary)) < 0)
		return ret;
	if ((warning = brm_store_warning(s)))
		brm_warn("%s", warning);
	return 0;
}

int brm_cli_add_named(struct brm_ctx *ctx, const struct brm_kind *kind,
    const char *command, const char *id, const char *name,
    const struct brm_fieldargs *fa)
{
	struct brm_record *r = NULL;
	struct brm_store *s;
	struct brm_node *v;
	char *slug = NULL;
	int ret;

	if ((ret = brm_field_parse(&v, brm_field_find(kind->fields, "name"),
	    name, "name")) < 0)
		goto done;
	brm_node_free(v);
	if (!id && !(id = slug = brm_id_from_name(name))) {
		ret = BRM_EINVALID;
		goto done;
	}
	if ((ret = brm_id_check(kind, id)) < 0 ||
	    (ret = brm_cli_begin(ctx, &s, 1)) < 0)
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
	brm_record_free(r);
	free(slug);
	return ret < 0 ? brm_fail(ret) : 0;
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
