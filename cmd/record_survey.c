/* brm record-survey CUSTOMER --score N: a satisfaction survey, general
 * (public) or after a complaint or event (case). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"

/* --dimension NAME=SCORE, repeatable; a survey with --about is a case
 * survey unless --type says otherwise. */
static int fill(struct brm_store *s, struct brm_record *r, void *payload)
{
	const struct brm_strlist *dims = payload;
	const struct brm_field *name = brm_field_at(r->kind,
	    "dimensions.name"), *score = brm_field_at(r->kind,
	    "dimensions.score");
	struct brm_node *item, *n = NULL, *v = NULL;
	const char *eq;
	char *key;
	size_t i;
	int ret;

	(void)s;
	for (i = 0; i < dims->n; i++) {
		if (!(eq = strchr(dims->v[i], '=')) || eq == dims->v[i])
			return brm_error_set(BRM_EINVALID, "invalid "
			    "--dimension '%s' (expected NAME=SCORE, e.g. "
			    "responsiveness=4)", dims->v[i]);
		key = brm_strndup(dims->v[i], (size_t)(eq - dims->v[i]));
		ret = brm_field_parse(&n, name, key, "--dimension");
		free(key);
		if (ret < 0 || (ret = brm_field_parse(&v, score, eq + 1,
		    "--dimension score")) < 0) {
			brm_node_free(n);
			return ret;
		}
		item = brm_node_new_map();
		brm_node_set(item, "name", n);
		brm_node_set(item, "score", v);
		if ((ret = brm_record_append(r, "dimensions", item)) < 0)
			return ret;
	}
	if (!brm_record_str(r, "type"))
		return brm_record_set(r, "type", brm_node_new_str(
		    brm_record_str(r, "about") ? "case" : "public"));
	return 0;
}

static char *detail(const struct brm_record *r)
{
	return brm_xprintf("score %s (%s)", brm_record_str(r, "score"),
	    brm_record_str(r, "type"));
}

int cmd_record_survey(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_fieldargs fa = { brm_kind_survey.fields, NULL, 0, 0 };
	struct brm_strlist dims = { NULL, 0, 0 };
	struct brm_cli_dated d = { &brm_kind_survey, "record-survey",
		"customer", NULL, &fa, fill, &dims, detail };
	int ret;
	const struct brm_opt opts[] = {
		BRM_OPT_FIELDS_(&fa),
		BRM_OPT_LIST_(0, "dimension", &dims, "<name>=<score>",
		    "a score for one aspect, 1 to 5"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "record-survey", "<customer>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0) {
		ret = brm_parse_exit(argc);
	} else {
		d.party = argv[0];
		ret = brm_cli_add_dated(ctx, &d);
	}
	brm_fieldargs_release(&fa);
	brm_strlist_release(&dims);
	return ret;
}
