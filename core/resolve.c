/*
 * resolve.c - settling a conflict of the pending merge (see resolve.h).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "mergetree.h"
#include "pending.h"
#include "record.h"
#include "repo.h"
#include "resolve.h"
#include "schema.h"
#include "store.h"

static void add_path(char ***v, size_t *n, const char *path)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i], path))
			return;
	*v = brm_realloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = brm_strdup(path);
}

static int id_matches(const char *path, const char *id, const char *ref,
    int prefix)
{
	if (!strcmp(path, ref))
		return 1;
	if (!id)
		return 0;
	return prefix ? !strncmp(id, ref, strlen(ref)) : !strcmp(id, ref);
}

/* The file of the conflicting record ref names (id, prefix or path). */
static int find_target(const struct brm_mergetree_conflicts *cl,
    const struct brm_pending *st, const char *ref, char **path)
{
	struct brm_buf list = BRM_BUF_INIT;
	char **v = NULL, *id;
	size_t n = 0, i;
	int prefix, ret = 0;

	for (prefix = 0; prefix < 2 && !n; prefix++) {
		for (i = 0; i < cl->n; i++)
			if (id_matches(cl->v[i].path, cl->v[i].id, ref, prefix))
				add_path(&v, &n, cl->v[i].path);
		for (i = 0; i < st->n; i++) {
			brm_record_of_path(st->v[i].path, &id);
			if (id_matches(st->v[i].path, id, ref, prefix))
				add_path(&v, &n, st->v[i].path);
			free(id);
		}
	}
	if (n == 1) {
		*path = v[0];
		v[0] = NULL;
	} else if (n == 0) {
		for (i = 0; i < cl->n; i++)
			if (!strstr(list.data, cl->v[i].id))
				brm_buf_printf(&list, "%s%s", list.len ?
				    ", " : "", cl->v[i].id);
		ret = brm_error_set(BRM_ENOTFOUND, "'%s' has no conflict to "
		    "resolve", ref);
		if (list.len)
			brm_error_hint(ret, "the conflicts are in: %s",
			    list.data);
	} else {
		for (i = 0; i < n; i++)
			brm_buf_printf(&list, "\n  %s", v[i]);
		ret = brm_error_set(BRM_EAMBIGUOUS, "'%s' names several "
		    "conflicting files", ref);
		brm_error_hint(ret, "name the file:%s", list.data);
	}
	brm_strv_free(v, n);
	brm_buf_release(&list);
	return ret;
}

/* A conflict in path that only one side's whole file settles; NULL when
 * choices of fields can. */
static const struct brm_sync_conflict *whole_only(
    const struct brm_mergetree_conflicts *cl, const char *path)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (cl->v[i].whole_only && !strcmp(cl->v[i].path, path))
			return &cl->v[i];
	return NULL;
}

/* A field chosen where it would settle nothing: say what can be chosen. */
static int refuse_field(const struct brm_sync_conflict *c, const char *field)
{
	const char *why = c->reason;
	int ret;

	if (!why)
		why = !c->theirs ? "ours changed it, theirs deleted it" :
		    !c->ours ? "ours deleted it, theirs changed it" :
		    "ours and theirs differ as a whole";
	ret = brm_error_set(BRM_EINVALID, "cannot choose '%s' of %s: %s",
	    field, c->id, why);
	return brm_error_hint(ret, "only the whole %s can be taken: brm "
	    "resolve %s --ours|--theirs", c->kind ? "record" : "file", c->id);
}

int brm_resolve(struct brm_store *s, const char *ref, const char *field,
    enum brm_merge_side side, const char *value, struct brm_sync_report *rep,
    char **what)
{
	struct brm_mergetree mo = { 0 };
	struct brm_pending st = { 0 };
	const struct brm_sync_conflict *whole;
	const struct brm_kind *kind;
	struct brm_node *v = NULL;
	struct brm_repo *repo;
	git_repository *git = NULL;
	char *branch = NULL, *path = NULL, *id = NULL, *shown = NULL;
	git_oid head, theirs;
	size_t i;
	int found = 0, ret;

	*what = NULL;
	memset(rep, 0, sizeof(*rep));
	if ((ret = brm_store_repo(s, &repo)) < 0)
		goto done;
	git = brm_repo_git(repo);
	if ((ret = brm_repo_branch(repo, &branch)) < 0 ||
	    (ret = brm_pending_load(&st, git, &found)) < 0)
		goto done;
	if (!found) {
		ret = brm_error_set(BRM_ENOTFOUND, "no merge is waiting for "
		    "its conflicts to be resolved");
		brm_error_hint(ret, "brm sync names the conflicts that brm "
		    "resolve settles");
		goto done;
	}
	rep->remote = brm_strdup(st.remote);
	rep->upstream = brm_pending_upstream(&st);
	git_oid_fromstr(&theirs, st.theirs);
	if ((ret = brm_repo_branch_tip(repo, branch, &head)) < 0 ||
	    (ret = brm_mergetree_commits(&mo, git, &head, &theirs, &st)) < 0 ||
	    (ret = find_target(&mo.conflicts, &st, ref, &path)) < 0)
		goto done;
	kind = brm_record_of_path(path, &id);
	if (side == BRM_MERGE_VALUE &&
	    (ret = brm_pending_value(&v, kind, field, value)) < 0)
		goto done;
	/* say what the chosen side holds, when it is one value */
	for (i = 0; side != BRM_MERGE_VALUE && i < mo.conflicts.n; i++) {
		const struct brm_sync_conflict *c = &mo.conflicts.v[i];
		const char *sv = side == BRM_MERGE_OURS ? c->ours : c->theirs;

		if (!strcmp(c->path, path) && !strcmp(c->field, field) &&
		    !c->reason && *field)
			shown = sv ? brm_xprintf(" ('%s')", sv) :
			    brm_strdup(" (absent)");
	}
	brm_pending_drop(&st, path, field);
	brm_pending_add(&st, path, field, side, value);
	brm_mergetree_release(&mo);
	if ((ret = brm_mergetree_commits(&mo, git, &head, &theirs, &st)) < 0)
		goto done;
	/* after the merge with the choice: a whole side chosen before
	 * hides such a conflict until the field's choice replaces it */
	if (*field && (whole = whole_only(&mo.conflicts, path))) {
		ret = refuse_field(whole, field);
		goto done;
	}
	for (i = 0; i < mo.conflicts.n; i++) {
		const struct brm_sync_conflict *c = &mo.conflicts.v[i];

		if (!strcmp(c->path, path) && !strcmp(c->field, field) &&
		    c->reason && mo.conflicts.bad_choice) {
			ret = brm_error_set(BRM_ENOTFOUND, "cannot resolve "
			    "'%s' of %s: %s", field, id ? id : path,
			    strchr(c->reason, ':') + 2);
			goto done;
		}
	}
	if ((ret = brm_pending_save(&st, git, mo.conflicts.v,
	    mo.conflicts.n)) < 0)
		goto done;
	*what = *field ? brm_xprintf("%s %s: %s%s", id ? id : path, field,
	    brm_pending_side_name(side), shown ? shown : "") :
	    brm_xprintf("%s: %s (the whole %s)", id ? id : path,
	    brm_pending_side_name(side),
	    kind && kind != &brm_kind_config ? "record" : "file");
	brm_mergetree_take_conflicts(rep, &mo);
done:
	brm_node_free(v);
	brm_mergetree_release(&mo);
	brm_pending_release(&st);
	free(branch);
	free(shown);
	free(path);
	free(id);
	return ret;
}
