/*
 * fuzz_options.c - command-line parsing with a table like the commands'
 * (a flag, strings, a repeatable option, a kind's schema options), then
 * the values applied to a new record, validated and written as YAML.
 *
 * The input is the argument vector, NUL-separated, after two bytes that
 * choose the kind whose fields become options and the operand form.
 * Properties: parsing returns the operand count within the form's bounds,
 * a usage error or "done" (-h), never anything else; a record that takes
 * the values and validates writes YAML that reads back equal.
 */
#include "fuzz.h"

#include "cli/options.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/problems.h"
#include "core/record.h"
#include "core/schema.h"
#include "formats/yaml.h"

#define MAX_ARGS 64

static const char *const forms[][3] = {
	/* operands, least, most */
	{ "<name>", "1", "1" },
	{ "<customer> <service>", "2", "2" },
	{ "[<id>]", "0", "1" },
	{ "<id> <field>=<value>...", "2", "64" },
};

static void apply(const struct brm_kind *k, const struct brm_fieldargs *fa)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_record *r = brm_record_new(k, brm_kind_is_dated(k) ?
	    "x-20260101-0000" : "fuzz");
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_node *again = NULL;

	if (brm_fieldargs_apply(fa, r, "") < 0)
		goto done;
	brm_record_apply_defaults(r);
	if (brm_record_validate(r, &probs) || brm_yaml_emit(&out, r->root) < 0)
		goto done;
	FUZZ_ASSERT(brm_yaml_load(&again, out.data, out.len, "again") == 0);
	FUZZ_ASSERT(brm_node_equal(r->root, again));
done:
	brm_node_free(again);
	brm_buf_release(&out);
	brm_problems_release(&probs);
	brm_record_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct brm_kind *kind;
	struct brm_fieldargs fa = { NULL, NULL, 0, 0 };
	struct brm_strlist list = { NULL, 0, 0 };
	const char *id = NULL, *format = NULL, *const *form;
	char *buf, *argv[MAX_ARGS + 1], *p, *end;
	int argc = 0, quiet = 0, ret;
	size_t nkinds = 0;

	if (size < 2)
		return 0;
	while (brm_kinds[nkinds])
		nkinds++;
	kind = brm_kinds[data[0] % nkinds];
	form = forms[data[1] % 4];
	fa.fields = kind->fields;
	buf = fuzz_str(data + 2, size - 2);
	end = buf + size - 2;
	argv[argc++] = "fuzz";
	for (p = buf; p < end && argc < MAX_ARGS; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	{
		const struct brm_opt opts[] = {
			BRM_OPT_FLAG_('q', "quiet", &quiet, "say less"),
			BRM_OPT_STRING_(0, "id", &id, "<id>", "record id"),
			BRM_OPT_STRING_('f', "format", &format, "yaml|json",
			    "output format"),
			BRM_OPT_LIST_(0, "action", &list, "<text>",
			    "an action item"),
			BRM_OPT_FIELDS_(&fa),
			BRM_OPT_END_
		};
		const struct brm_usage u = { "fuzz", form[0], opts };

		ret = brm_parse_options(argc, argv, &u);
	}
	FUZZ_ASSERT(ret == BRM_EUSAGE || ret == BRM_PARSE_DONE ||
	    (ret >= atoi(form[1]) && ret <= atoi(form[2])));
	if (ret >= 0)
		apply(kind, &fa);
	brm_error_clear();
	brm_fieldargs_release(&fa);
	brm_strlist_release(&list);
	free(buf);
	return 0;
}
