/* brm check: every record parses and validates, every reference
 * resolves.  Prints "file:line:col: message" lines; exit 1 on errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/check.h"
#include "core/validate.h"
#include "core/error.h"
#include "core/id.h"
#include "core/sla.h"
#include "formats/yaml.h"

static void check_config(struct brm_store *s, struct brm_problems *out)
{
	out->file = BRM_CONFIG_PATH;
	brm_validate(&brm_kind_config, s->config, out);
}

/* The loader's message is "<path>:<line>:<col>: <what>": taken apart,
 * so that it sorts with the other problems of its file. */
static void loader_problem(struct brm_problems *out, const char *path,
    const char *msg)
{
	struct brm_node at = { .line = 0 };
	size_t n = strlen(path);
	int used = 0;

	if (strncmp(msg, path, n) || msg[n] != ':') {
		out->file = "";
		brm_problem_add(out, NULL, "%s", msg);
		return;
	}
	msg += n + 1;
	if (sscanf(msg, "%u:%u: %n", &at.line, &at.col, &used) == 2 && used)
		msg += used;
	else
		msg += strspn(msg, " ");
	brm_problem_add(out, at.line ? &at : NULL, "%s", msg);
}

/*
 * The suppliers and customers, kept as they are read for the rule across
 * them (supplier contracts no looser than customer SLAs), which would
 * otherwise read them all again.
 */
struct parties {
	struct brm_recv suppliers, customers;
};

static int kept(struct parties *p, struct brm_record *r)
{
	if (r->kind == &brm_kind_supplier)
		brm_recv_push(&p->suppliers, r);
	else if (r->kind == &brm_kind_customer)
		brm_recv_push(&p->customers, r);
	else
		return 0;
	return 1;
}

static void free_records(struct brm_recv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		brm_record_free(v->v[i]);
	free(v->v);
}

static void check_record(struct brm_store *s, struct brm_ref_cache *refs,
    struct parties *parties, const struct brm_kind *k, const char *id,
    struct brm_problems *out)
{
	struct brm_record *r = NULL;
	char *path = NULL;
	int ret;

	/* brm_store_load() checks the id first, as this did */
	if ((ret = brm_store_load(&r, s, k, id)) == 0) {
		out->file = r->path;
		brm_ref_cache_learn(refs, r);
		if (!brm_record_validate(r, out))
			brm_check_refs_cached(refs, r, out);
	} else {
		out->file = path = brm_id_path(k, id);
		if (brm_id_check(k, id) < 0)
			brm_problem_add(out, NULL, "%s", brm_error_last());
		else if (ret == BRM_ENOTFOUND)
			brm_problem_add(out, NULL, "record is filed outside "
			    "its month folder (expected here)");
		else
			loader_problem(out, path, brm_error_last());
	}
	out->file = NULL;
	if (!r || !kept(parties, r))
		brm_record_free(r);
	free(path);
}

/* Check every record of kind k; returns how many.  A dated kind goes a
 * month folder at a time, so that the ids held at once do not grow with
 * the months in the repository. */
static size_t check_kind(struct brm_store *s, struct brm_ref_cache *refs,
    struct parties *parties, const struct brm_kind *k,
    struct brm_problems *out)
{
	size_t nm = 1, m, n, i, records = 0;
	int *months = NULL;
	char **ids;

	if (brm_kind_is_dated(k))
		brm_store_months(s, k, &months, &nm);
	for (m = 0; m < nm; m++) {
		if (months)
			brm_store_ids_month(s, k, months[m] / 100,
			    months[m] % 100, &ids, &n);
		else
			brm_store_ids(s, k, &ids, &n);
		for (i = 0; i < n; i++)
			check_record(s, refs, parties, k, ids[i], out);
		records += n;
		brm_strv_free(ids, n);
	}
	free(months);
	return records;
}

static int by_position(const void *a, const void *b)
{
	const struct brm_problem *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

static int check(struct brm_ctx *ctx, int quiet)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct parties parties = { 0 };
	const struct brm_kind *const *k;
	struct brm_ref_cache *refs;
	struct brm_store *s;
	size_t i, records = 0;
	char *line;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0)
		return brm_fail(ret);
	brm_store_for_reading(s);
	check_config(s, &probs);
	refs = brm_ref_cache_new(s);
	for (k = brm_kinds; *k; k++)
		records += check_kind(s, refs, &parties, *k, &probs);
	brm_ref_cache_free(refs);
	/* rules across kinds */
	brm_sla_check_among(
	    (const struct brm_record *const *)parties.suppliers.v,
	    parties.suppliers.n,
	    (const struct brm_record *const *)parties.customers.v,
	    parties.customers.n, &probs);
	free_records(&parties.suppliers);
	free_records(&parties.customers);
	if (probs.n)
		qsort(probs.items, probs.n, sizeof(*probs.items),
		    by_position);
	for (i = 0; i < probs.n; i++) {
		line = brm_problem_format(&probs.items[i]);
		printf("%s\n", line);
		free(line);
	}
	if (!quiet || probs.n)
		printf("checked %zu record%s: %zu error%s, %zu warning%s\n",
		    records, records == 1 ? "" : "s", probs.errors,
		    probs.errors == 1 ? "" : "s", probs.n - probs.errors,
		    probs.n - probs.errors == 1 ? "" : "s");
	ret = probs.errors ? 1 : 0;
	brm_problems_release(&probs);
	return ret;
}

int cmd_check(int argc, char **argv, struct brm_ctx *ctx)
{
	int quiet = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_('q', "quiet", &quiet,
		    "print nothing when there are no problems"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "check", "", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return check(ctx, quiet);
}
