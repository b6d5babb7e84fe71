/* brm rm ID: remove a record, refusing while other records refer to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/output.h"
#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/validate.h"

struct referrers {
	const struct brm_kind *kind;
	const char *id;
	int found;
};

static void note_ref(const struct brm_field *f, const struct brm_node *v,
    void *payload)
{
	struct referrers *rf = payload;

	/* a customer and a service may share an id: only references to
	 * the removed record's kind count */
	if (!strcmp(v->value, rf->id) && brm_word_in(f->arg, rf->kind->name))
		rf->found = 1;
}

/* Every record that refers to id, as "id (kind)" lines.  Those that
 * cannot be read are left in s->unreadable. */
static void find_referrers(struct brm_store *s, const struct brm_record *to,
    struct brm_buf *out, size_t *count)
{
	const struct brm_kind *const *k;
	struct brm_record *r;
	char **ids;
	size_t n, i;

	for (k = brm_kinds; *k; k++) {
		brm_store_ids(s, *k, &ids, &n);
		for (i = 0; i < n; i++) {
			struct referrers rf = { to->kind, to->id, 0 };

			if (brm_store_load(&r, s, *k, ids[i]) < 0)
				continue;
			brm_validate_refs(*k, r->root, note_ref, &rf);
			if (rf.found && (*count)++ < 10)
				brm_buf_printf(out, "\n  %s (%s)", r->id,
				    (*k)->name);
			brm_record_free(r);
		}
		brm_strv_free(ids, n);
	}
}

/* A record that cannot be read may refer to the one going: refuse
 * rather than leave a reference dangling unseen. */
static int refuse_unreadable(const struct brm_store *s,
    const struct brm_record *r)
{
	const char *they = s->n_unreadable == 1 ? "it" : "they";
	char *what = brm_xprintf("%s may refer to %s '%s', which was not "
	    "removed", they, r->kind->name, r->id);
	int ret = brm_cli_refuse_unreadable(s, what);

	free(what);
	return brm_error_hint(ret, "fix %s first (run 'brm check' to see "
	    "what to fix), or use --force", s->n_unreadable == 1 ? "it" :
	    "them");
}

/*
 * The record ref names.  One whose file does not parse (YAML broken by
 * a hand edit) cannot be looked at, but with --force it can still go:
 * it then stands as a record holding only its id, and the warning says
 * why.  Without --force the error stays, with that way out as its hint.
 */
static int find_target(struct brm_store *s, const char *ref, int force,
    struct brm_record **out)
{
	const struct brm_kind *kind;
	char *id;
	int ret;

	*out = NULL;
	if ((ret = brm_store_resolve(s, ref, NULL, &kind, &id)) < 0)
		return ret;
	ret = brm_store_load(out, s, kind, id);
	if (ret == BRM_EINVALID && force) {
		brm_warn_error();
		brm_warn("%s '%s' could not be read; removing it all the "
		    "same", kind->name, id);
		*out = brm_record_new(kind, id);
		ret = 0;
	} else if (ret == BRM_EINVALID) {
		brm_error_hint(ret, "fix it by hand, or use --force to remove "
		    "it unread");
	}
	free(id);
	return ret;
}

static int rm(struct brm_ctx *ctx, const char *ref, int force)
{
	struct brm_buf refs = BRM_BUF_INIT;
	struct brm_txn t = BRM_TXN_INIT;
	struct brm_record *r = NULL;
	struct brm_store *s;
	char *summary = NULL;
	size_t count = 0;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 1)) < 0 ||
	    (ret = find_target(s, ref, force, &r)) < 0)
		goto done;
	if (!force)
		find_referrers(s, r, &refs, &count);
	if (count) {
		ret = brm_error_set(BRM_ECONFLICT, "%s '%s' is referred to "
		    "by %zu record%s", r->kind->name, r->id, count,
		    count == 1 ? "" : "s");
		brm_error_hint(ret, "change them first, or use --force:%s",
		    refs.data);
		goto done;
	}
	if (!force && s->n_unreadable) {
		ret = refuse_unreadable(s, r);
		goto done;
	}
	brm_txn_remove(&t, r->path);
	summary = strcmp(brm_record_title(r), r->id) ?
	    brm_xprintf("%s %s (%s)", r->kind->name, r->id,
	    brm_record_title(r)) : brm_xprintf("%s %s", r->kind->name, r->id);
	if ((ret = brm_store_commit(s, &t, "rm", summary, r->kind->name,
	    r->id, NULL)) < 0)
		goto done;
	printf("removed %s\n", r->id);
done:
	brm_txn_release(&t);
	brm_buf_release(&refs);
	brm_record_free(r);
	free(summary);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_rm(int argc, char **argv, struct brm_ctx *ctx)
{
	int force = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_('f', "force", &force,
		    "do not look for records that refer to it"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "rm", "<id>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return rm(ctx, argv[0], force);
}
