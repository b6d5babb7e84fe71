/*
 * mergetree.c - two commits merged into an in-memory tree, record by
 * record (see mergetree.h).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "merge.h"
#include "mergetree.h"
#include "pending.h"
#include "record.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "sync.h"
#include "formats/yaml.h"

static struct brm_sync_conflict *clist_add(
    struct brm_mergetree_conflicts *l, const char *path,
    const struct brm_kind *kind, const char *id, const char *field)
{
	struct brm_sync_conflict *c;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 8;
		l->v = brm_realloc(l->v, l->alloc * sizeof(*l->v));
	}
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->path = brm_strdup(path);
	c->kind = kind && kind != &brm_kind_config ?
	    brm_strdup(kind->name) : NULL;
	c->id = brm_strdup(id ? id : path);
	c->field = brm_strdup(field);
	return c;
}

static void conflict_release(struct brm_sync_conflict *c)
{
	free(c->path);
	free(c->kind);
	free(c->id);
	free(c->field);
	free(c->base);
	free(c->ours);
	free(c->theirs);
	free(c->reason);
}

void brm_mergetree_free_conflicts(struct brm_sync_conflict *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		conflict_release(&v[i]);
	free(v);
}

static void clist_release(struct brm_mergetree_conflicts *l)
{
	brm_mergetree_free_conflicts(l->v, l->n);
	memset(l, 0, sizeof(*l));
}

struct mctx {
	git_repository *git;
	git_index *idx;
	const struct brm_pending *st;
	struct brm_mergetree_conflicts conflicts;
	char **records;
	size_t n_records;
};

static int blob_at(git_blob **out, git_repository *git, git_tree *tree,
    const char *path)
{
	git_tree_entry *e = NULL;
	int err;

	*out = NULL;
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (err == 0 && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		err = git_blob_lookup(out, git, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return err;
}

static int index_put(struct mctx *c, const char *path, const git_oid *blob)
{
	git_index_entry e;

	git_index_conflict_remove(c->idx, path);
	git_error_clear();
	if (!blob) {
		if (git_index_remove(c->idx, path, 0) < 0)
			git_error_clear();
		return 0;
	}
	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_BLOB;
	e.id = *blob;
	e.path = path;
	return git_index_add(c->idx, &e);
}

static int load_blob(struct brm_node **out, git_blob *blob, const char *path)
{
	*out = NULL;
	if (!blob)
		return 0;
	return brm_yaml_load(out, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob), path);
}

static void add_merge_conflicts(struct mctx *c, const char *path,
    const struct brm_kind *kind, const char *id, const struct brm_merge *m)
{
	struct brm_sync_conflict *x;
	size_t i;

	for (i = 0; i < m->n; i++) {
		x = clist_add(&c->conflicts, path, kind, id,
		    m->conflicts[i].field);
		x->base = brm_merge_show(m->conflicts[i].base,
		    BRM_MERGE_SHOW_MAX);
		x->ours = brm_merge_show(m->conflicts[i].ours,
		    BRM_MERGE_SHOW_MAX);
		x->theirs = brm_merge_show(m->conflicts[i].theirs,
		    BRM_MERGE_SHOW_MAX);
		/* the record as a whole: deleted on one side */
		x->whole_only = !*x->field;
	}
}

static void note_record(struct mctx *c, const char *path)
{
	c->records = brm_realloc(c->records, (c->n_records + 1) *
	    sizeof(*c->records));
	c->records[c->n_records++] = brm_strdup(path);
}

/* Apply the choices stored for path's fields; 0 or the first failure. */
static void apply_choices(struct mctx *c, struct brm_merge *m,
    const char *path, const struct brm_kind *kind, const char *id,
    const struct brm_node *o, const struct brm_node *t)
{
	struct brm_sync_conflict *x;
	struct brm_node *v;
	size_t i;
	int ret;

	for (i = 0; c->st && i < c->st->n; i++) {
		const struct brm_pending_choice *ch = &c->st->v[i];

		if (strcmp(ch->path, path) || !*ch->field)
			continue;
		v = NULL;
		if ((ret = ch->side == BRM_MERGE_VALUE ? brm_pending_value(&v,
		    kind, ch->field, ch->value) : 0) == 0)
			ret = brm_merge_pick(m, o, t, ch->field, ch->side, v);
		brm_node_free(v);
		if (ret < 0) {
			x = clist_add(&c->conflicts, path, kind, id,
			    ch->field);
			x->reason = brm_xprintf("the choice made for it "
			    "cannot be applied: %s", brm_error_last());
			c->conflicts.bad_choice = 1;
			brm_error_clear();
		}
	}
}

/* Merge the record at path that both sides changed. */
static int merge_record(struct mctx *c, const char *path, git_blob *bb,
    git_blob *ob, git_blob *tb)
{
	const struct brm_pending_choice *whole =
	    brm_pending_whole(c->st, path);
	struct brm_node *b = NULL, *o = NULL, *t = NULL;
	struct brm_merge m = BRM_MERGE_INIT;
	struct brm_buf yaml = BRM_BUF_INIT;
	struct brm_sync_conflict *x;
	const struct brm_kind *kind;
	char *id = NULL, *why = NULL;
	git_blob *side;
	git_oid blob;
	int ret = 0;

	kind = brm_record_of_path(path, &id);
	if (whole) {
		side = whole->side == BRM_MERGE_OURS ? ob : tb;
		ret = index_put(c, path, side ? git_blob_id(side) : NULL);
		goto done;
	}
	if (load_blob(&b, bb, path) < 0 || load_blob(&o, ob, path) < 0 ||
	    load_blob(&t, tb, path) < 0) {
		x = clist_add(&c->conflicts, path, kind, id, "");
		x->reason = brm_xprintf("it cannot be merged field by field: "
		    "%s", brm_error_last());
		x->whole_only = 1;
		brm_error_clear();
		goto done;
	}
	brm_merge_trees(&m, kind, b, o, t);
	apply_choices(c, &m, path, kind, id, o, t);
	brm_merge_finish(&m);
	if (m.n) {
		add_merge_conflicts(c, path, kind, id, &m);
		goto done;
	}
	if (m.result && kind && *(why = brm_record_why_invalid(kind, id,
	    m.result, path))) {
		x = clist_add(&c->conflicts, path, kind, id, "");
		x->reason = brm_xprintf("the merged record would be invalid: "
		    "%s", why);
		goto done;
	}
	if (m.result) {
		if ((ret = brm_yaml_emit(&yaml, m.result)) < 0)
			goto done;
		if (git_blob_create_from_buffer(&blob, c->git, yaml.data,
		    yaml.len) < 0) {
			ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s",
			    path, brm_repo_git_message());
			goto done;
		}
	}
	if ((ret = index_put(c, path, m.result ? &blob : NULL)) == 0)
		note_record(c, path);
done:
	if (ret < 0 && !*brm_error_last())
		brm_error_set(BRM_ERROR, "cannot merge '%s': %s", path,
		    brm_repo_git_message());
	brm_buf_release(&yaml);
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
	free(why);
	free(id);
	return ret;
}

/* A file that is not YAML and that git could not merge. */
static int merge_other(struct mctx *c, const char *path, git_blob *ob,
    git_blob *tb)
{
	const struct brm_pending_choice *whole =
	    brm_pending_whole(c->st, path);
	const git_index_entry *e;
	struct brm_sync_conflict *x;

	if (whole)
		return index_put(c, path, whole->side == BRM_MERGE_OURS ?
		    (ob ? git_blob_id(ob) : NULL) :
		    (tb ? git_blob_id(tb) : NULL));
	if (git_index_conflict_get(&e, &e, &e, c->idx, path) != 0) {
		git_error_clear();
		return 0;	/* git merged it */
	}
	x = clist_add(&c->conflicts, path, NULL, NULL, "");
	x->reason = brm_strdup("both sides changed this file, which is not "
	    "a record, in the same place");
	x->whole_only = 1;
	return 0;
}

/* The paths a diff from a to b touches, sorted. */
static int changed(git_repository *git, git_tree *a, git_tree *b,
    char ***paths, size_t *n)
{
	git_diff_options o;
	const git_diff_delta *d;
	git_diff *diff = NULL;
	size_t i;

	*paths = NULL;
	*n = 0;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	if (git_diff_tree_to_tree(&diff, git, a, b, &o) < 0)
		return -1;
	*paths = brm_calloc(git_diff_num_deltas(diff) + 1, sizeof(**paths));
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		d = git_diff_get_delta(diff, i);
		(*paths)[(*n)++] = brm_strdup(d->new_file.path ?
		    d->new_file.path : d->old_file.path);
	}
	git_diff_free(diff);
	return 0;
}

void brm_mergetree_release(struct brm_mergetree *mo)
{
	clist_release(&mo->conflicts);
	brm_strv_free(mo->records, mo->n_records);
	mo->records = NULL;
	mo->n_records = 0;
}

static int both_changed(struct mctx *c, git_tree *bt, git_tree *ot,
    git_tree *tt, const char *path)
{
	git_blob *bb = NULL, *ob = NULL, *tb = NULL;
	size_t len = strlen(path);
	int ret;

	if ((ret = blob_at(&bb, c->git, bt, path)) < 0 ||
	    (ret = blob_at(&ob, c->git, ot, path)) < 0 ||
	    (ret = blob_at(&tb, c->git, tt, path)) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    brm_repo_git_message());
		goto done;
	}
	if (ob && tb && git_oid_equal(git_blob_id(ob), git_blob_id(tb)))
		goto done;	/* the same change on both sides */
	if (len > 5 && !strcmp(path + len - 5, ".yaml"))
		ret = merge_record(c, path, bb, ob, tb);
	else
		ret = merge_other(c, path, ob, tb);
done:
	git_blob_free(bb);
	git_blob_free(ob);
	git_blob_free(tb);
	return ret;
}

int brm_mergetree_commits(struct brm_mergetree *mo, git_repository *git,
    const git_oid *ours, const git_oid *theirs,
    const struct brm_pending *st)
{
	git_merge_options opts;
	git_commit *bc = NULL, *oc = NULL, *tc = NULL;
	git_tree *bt = NULL, *ot = NULL, *tt = NULL;
	struct mctx c = { 0 };
	char **a = NULL, **b = NULL;
	size_t na = 0, nb = 0, i = 0, j = 0;
	git_oid base;
	int cmp, ret = 0;

	git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
	c.git = git;
	c.st = st;
	if (git_merge_base(&base, git, ours, theirs) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot merge: this portfolio "
		    "and the remote's share no history");
		brm_error_hint(ret, "clone the remote's portfolio with 'brm "
		    "clone' instead");
		goto done;
	}
	/* renames are not looked for: a record's path is its identity */
	opts.flags = 0;
	if (git_commit_lookup(&bc, git, &base) < 0 ||
	    git_commit_lookup(&oc, git, ours) < 0 ||
	    git_commit_lookup(&tc, git, theirs) < 0 ||
	    git_commit_tree(&bt, bc) < 0 || git_commit_tree(&ot, oc) < 0 ||
	    git_commit_tree(&tt, tc) < 0 ||
	    git_merge_trees(&c.idx, git, bt, ot, tt, &opts) < 0 ||
	    changed(git, bt, ot, &a, &na) < 0 ||
	    changed(git, bt, tt, &b, &nb) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot merge: %s",
		    brm_repo_git_message());
		goto done;
	}
	/* both lists are sorted: walk them side by side */
	while (i < na && j < nb && ret == 0) {
		cmp = strcmp(a[i], b[j]);
		if (cmp == 0)
			ret = both_changed(&c, bt, ot, tt, a[i]);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	if (ret < 0 || c.conflicts.n)
		goto done;
	if (git_index_has_conflicts(c.idx)) {
		ret = brm_error_set(BRM_ERROR, "cannot merge: git left "
		    "conflicts brm did not see");
		goto done;
	}
	if (git_index_write_tree_to(&mo->tree, c.idx, git) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot merge: %s",
		    brm_repo_git_message());
done:
	mo->conflicts = c.conflicts;
	mo->records = c.records;
	mo->n_records = c.n_records;
	brm_strv_free(a, na);
	brm_strv_free(b, nb);
	git_index_free(c.idx);
	git_tree_free(bt);
	git_tree_free(ot);
	git_tree_free(tt);
	git_commit_free(bc);
	git_commit_free(oc);
	git_commit_free(tc);
	return ret;
}

void brm_mergetree_take_conflicts(struct brm_sync_report *rep,
    struct brm_mergetree *mo)
{
	struct brm_mergetree_conflicts *l = &mo->conflicts;

	brm_mergetree_free_conflicts(rep->conflicts, rep->n_conflicts);
	rep->conflicts = l->v;
	rep->n_conflicts = l->n;
	memset(l, 0, sizeof(*l));
}
