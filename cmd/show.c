/* brm show ID: one record, as YAML (its file format) or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/error.h"
#include "formats/json.h"
#include "formats/yaml.h"

/* Lines for people after the record, as YAML comments so that the
 * output stays a valid YAML document. */
static void comment(struct brm_buf *out, const char *text)
{
	const char *nl;

	while (*text) {
		nl = strchr(text, '\n');
		brm_buf_puts(out, "# ");
		brm_buf_add(out, text, nl ? (size_t)(nl - text) :
		    strlen(text));
		brm_buf_putc(out, '\n');
		if (!nl)
			break;
		text = nl + 1;
	}
}

static int show(struct brm_ctx *ctx, const char *ref, const char *format)
{
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_record *r = NULL;
	struct brm_node *extra = NULL;
	struct brm_store *s;
	char *text = NULL;
	size_t i;
	json_t *j;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0 ||
	    (ret = brm_store_find(&r, s, ref, NULL)) < 0)
		goto done;
	/* what other records say about this one (a supplier's audits) */
	if (r->kind->summary && (ret = r->kind->summary(s, r, &extra,
	    &text)) < 0)
		goto done;
	if (!strcmp(format, "json")) {
		j = brm_json_from_node(r->root);
		for (i = 0; extra && i < extra->n; i++)
			json_object_set_new(j, extra->keys[i],
			    brm_json_from_node(extra->items[i]));
		ret = brm_json_dump(&out, j, 1);
		json_decref(j);
	} else {
		ret = brm_yaml_emit(&out, r->root);
		if (ret == 0 && text)
			comment(&out, text);
	}
	if (ret == 0)
		fwrite(out.data, 1, out.len, stdout);
	/* the summary's records that could not be read: after the record,
	 * which is whole, so that what could be shown still shows */
	if (ret == 0)
		ret = brm_cli_left_out(s);
done:
	brm_node_free(extra);
	free(text);
	brm_record_free(r);
	brm_buf_release(&out);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_show(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *format = "yaml";
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "format", &format, "yaml|json",
		    "output format (default: yaml)"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "show", "<id>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (strcmp(format, "yaml") && strcmp(format, "json"))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "yaml or json)", format);
	return show(ctx, argv[0], format);
}
