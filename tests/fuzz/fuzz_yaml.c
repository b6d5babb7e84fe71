/*
 * fuzz_yaml.c - the record loader: parse, then validate against every
 * kind (schema and the kind's own rules), then emit and load again.
 *
 * Properties: nothing crashes or leaks whatever the bytes; a tree that
 * loaded and emitted loads back equal (brm's canonical form is a fixed
 * point: emitting that again gives the same bytes).
 */
#include "fuzz.h"

#include "core/buf.h"
#include "core/error.h"
#include "core/problems.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/validate.h"
#include "formats/yaml.h"

static void validate_as(const struct brm_kind *k, const struct brm_node *root)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_record *r;
	const char *id = brm_node_str(root, "id");
	size_t i;
	char *line;

	probs.file = "fuzz.yaml";
	r = brm_record_wrap(k, id ? id : "x", brm_node_dup(root));
	brm_record_validate(r, &probs);
	for (i = 0; i < probs.n; i++) {
		line = brm_problem_format(&probs.items[i]);
		free(line);
	}
	brm_problems_to_error(&probs);
	brm_problems_release(&probs);
	brm_record_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct brm_kind *const *k;
	struct brm_node *root = NULL, *again = NULL;
	struct brm_buf out = BRM_BUF_INIT, out2 = BRM_BUF_INIT;

	if (brm_yaml_load(&root, (const char *)data, size, "fuzz.yaml") < 0)
		goto done;
	for (k = brm_kinds; *k; k++)
		validate_as(*k, root);
	{
		struct brm_problems probs = BRM_PROBLEMS_INIT;

		brm_validate(&brm_kind_config, root, &probs);
		brm_problems_release(&probs);
	}
	if (brm_yaml_emit(&out, root) < 0)
		goto done;
	FUZZ_ASSERT(brm_yaml_load(&again, out.data, out.len, "again") == 0);
	FUZZ_ASSERT(brm_node_equal(root, again));
	FUZZ_ASSERT(brm_yaml_emit(&out2, again) == 0);
	FUZZ_ASSERT(out.len == out2.len && !memcmp(out.data, out2.data,
	    out.len));
done:
	brm_error_clear();
	brm_node_free(root);
	brm_node_free(again);
	brm_buf_release(&out);
	brm_buf_release(&out2);
	return 0;
}
