/*
 * sync.c - brm sync (see sync.h): the loop that fetches, integrates and
 * pushes, under the writer lock; integrating by fast-forward or by a
 * merge commit, moving the branch and the work tree with it; and
 * dropping a pending merge.
 *
 * What it builds on: core/remote.h talks to the remote, core/incoming.h
 * says what came in, core/mergetree.h merges two commits record by
 * record, core/pending.h keeps a merge that met conflicts until brm
 * resolve (core/resolve.h) has settled them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "incoming.h"
#include "mergetree.h"
#include "pending.h"
#include "remote.h"
#include "repo.h"
#include "store.h"
#include "sync.h"

#define PUSH_TRIES 10

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* ---- the report ---- */

void brm_sync_report_release(struct brm_sync_report *r)
{
	if (!r)
		return;
	free(r->remote);
	free(r->upstream);
	free(r->incoming);
	brm_strv_free(r->records, r->n_records);
	brm_mergetree_free_conflicts(r->conflicts, r->n_conflicts);
	memset(r, 0, sizeof(*r));
}

/* ---- moving the branch and the work tree ---- */

struct sync {
	git_repository *git;
	struct brm_repo *repo;
	git_remote *remote;
	char *name;		/* "origin" */
	char *branch;		/* "refs/heads/main" */
	char *tracking;		/* "refs/remotes/origin/main" */
	char *upstream;		/* "origin/main" */
	struct brm_remote net;
	struct brm_incoming incoming;
	struct brm_sync_report *rep;
	unsigned seed;
};

static int tree_of(git_tree **out, git_repository *git, const git_oid *id)
{
	git_commit *c = NULL;
	int err;

	*out = NULL;
	if ((err = git_commit_lookup(&c, git, id)) == 0)
		err = git_commit_tree(out, c);
	git_commit_free(c);
	return err;
}

static int on_in_the_way(git_checkout_notify_t why, const char *path,
    const git_diff_file *baseline, const git_diff_file *target,
    const git_diff_file *workdir, void *payload)
{
	struct brm_buf *b = payload;

	brm_buf_printf(b, "%s'%s'", b->len ? ", " : "", path);
	return 0;
}

/*
 * Move the branch from old to new by compare-and-swap, then make the work
 * tree and index follow (a checkout with the old tree as baseline, or it
 * would do nothing).  A dry run first refuses, before anything moves,
 * when the checkout would overwrite changes not committed yet.
 */
static int move_branch(struct sync *sy, const git_oid *old,
    const git_oid *new, const char *reflog)
{
	struct brm_buf in_the_way = BRM_BUF_INIT;
	git_checkout_options co;
	git_tree *ot = NULL, *nt = NULL;
	git_reference *ref = NULL;
	int err, ret = 0;

	if (tree_of(&ot, sy->git, old) < 0 || tree_of(&nt, sy->git, new) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read a commit: %s",
		    brm_repo_git_message());
		goto done;
	}
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DRY_RUN;
	co.baseline = ot;
	co.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
	co.notify_cb = on_in_the_way;
	co.notify_payload = &in_the_way;
	err = git_checkout_tree(sy->git, (git_object *)nt, &co);
	if (in_the_way.len || err == GIT_ECONFLICT) {
		ret = brm_error_set(BRM_ECONFLICT, "cannot sync: it would "
		    "overwrite changes not committed yet in %s",
		    in_the_way.len ? in_the_way.data : "the work tree");
		brm_error_hint(ret, "commit them (git commit) or put them "
		    "aside (git stash), then sync again");
		goto done;
	}
	if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot sync: %s",
		    brm_repo_git_message());
		goto done;
	}
	err = git_reference_create_matching(&ref, sy->git, sy->branch, new,
	    1, old, reflog);
	if (err == GIT_EMODIFIED || err == GIT_ELOCKED) {
		ret = brm_error_set(BRM_ECONFLICT, "cannot sync: branch '%s' "
		    "moved meanwhile", brm_repo_short_branch(sy->branch));
		brm_error_hint(ret, "run 'brm sync' again");
		goto done;
	}
	if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot move branch '%s': %s",
		    brm_repo_short_branch(sy->branch), brm_repo_git_message());
		goto done;
	}
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	co.notify_flags = GIT_CHECKOUT_NOTIFY_NONE;
	co.notify_cb = NULL;
	if (git_checkout_head(sy->git, &co) < 0) {
		ret = brm_error_set(BRM_ERROR, "branch '%s' has the synced "
		    "commits, but the work tree could not follow: %s",
		    brm_repo_short_branch(sy->branch), brm_repo_git_message());
		brm_error_hint(ret, "nothing is lost: 'git status' lists the "
		    "files that differ from the commit, 'git checkout -- "
		    "<file>' takes the committed version");
	}
done:
	brm_buf_release(&in_the_way);
	git_reference_free(ref);
	git_tree_free(ot);
	git_tree_free(nt);
	return ret;
}

static int commit_merge(struct sync *sy, const git_oid *tree_id,
    const git_oid *ours, const git_oid *theirs,
    const struct brm_mergetree *mo, git_oid *out)
{
	git_signature *author = NULL, *committer = NULL;
	const git_commit *parents[2] = { NULL, NULL };
	git_commit *p0 = NULL, *p1 = NULL;
	struct brm_buf msg = BRM_BUF_INIT;
	git_tree *tree = NULL;
	size_t i;
	int ret;

	if ((ret = brm_repo_signatures(sy->repo, &author, &committer)) < 0)
		goto done;
	brm_buf_printf(&msg, "sync: merge %s\n\n", sy->upstream);
	if (mo->n_records) {
		brm_buf_puts(&msg, "Merged field by field:\n");
		for (i = 0; i < mo->n_records; i++)
			brm_buf_printf(&msg, "  %s\n", mo->records[i]);
		brm_buf_putc(&msg, '\n');
	}
	brm_buf_puts(&msg, "Brm-Command: sync\n");
	if (git_tree_lookup(&tree, sy->git, tree_id) < 0 ||
	    git_commit_lookup(&p0, sy->git, ours) < 0 ||
	    git_commit_lookup(&p1, sy->git, theirs) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot commit the merge: %s",
		    brm_repo_git_message());
		goto done;
	}
	parents[0] = p0;
	parents[1] = p1;
	if (git_commit_create(out, sy->git, NULL, author, committer, NULL,
	    msg.data, tree, 2, parents) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot commit the merge: %s",
		    brm_repo_git_message());
done:
	git_commit_free(p0);
	git_commit_free(p1);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	brm_buf_release(&msg);
	return ret;
}

static void take_records(struct brm_sync_report *rep,
    struct brm_mergetree *mo)
{
	size_t i;

	rep->records = brm_realloc(rep->records, (rep->n_records +
	    mo->n_records + 1) * sizeof(*rep->records));
	for (i = 0; i < mo->n_records; i++)
		rep->records[rep->n_records++] = mo->records[i];
	free(mo->records);
	mo->records = NULL;
	mo->n_records = 0;
}

/*
 * Bring commit theirs into the branch: nothing to do, a fast-forward, or
 * a merge commit.  BRM_ECONFLICT when conflicts stop it; the pending
 * merge then keeps st's choices (st NULL: none yet) and the conflicts.
 */
static int integrate(struct sync *sy, const git_oid *theirs,
    struct brm_pending *st)
{
	struct brm_pending fresh = { 0 };
	struct brm_mergetree mo = { 0 };
	git_oid head, merge;
	char *msg;
	size_t n;
	int ret;

	if ((ret = brm_repo_branch_tip(sy->repo, sy->branch, &head)) < 0)
		return ret;
	if (git_oid_equal(&head, theirs) ||
	    git_graph_descendant_of(sy->git, &head, theirs) == 1) {
		if (st)
			brm_pending_remove(sy->git);
		return 0;
	}
	sy->rep->received += brm_incoming_add(&sy->incoming, sy->git, &head,
	    theirs);
	if (git_graph_descendant_of(sy->git, theirs, &head) == 1) {
		msg = brm_xprintf("sync: fast-forward to %s", sy->upstream);
		if ((ret = move_branch(sy, &head, theirs, msg)) == 0) {
			sy->rep->fast_forward = 1;
			brm_pending_remove(sy->git);
		}
		free(msg);
		return ret;
	}
	if (!st) {
		fresh.remote = brm_strdup(sy->name);
		fresh.branch = brm_strdup(sy->branch);
		st = &fresh;
	}
	git_oid_tostr(st->theirs, sizeof(st->theirs), theirs);
	if ((ret = brm_mergetree_commits(&mo, sy->git, &head, theirs, st)) < 0)
		goto done;
	if ((n = mo.conflicts.n)) {
		if ((ret = brm_pending_save(st, sy->git, mo.conflicts.v,
		    mo.conflicts.n)) < 0)
			goto done;
		brm_mergetree_take_conflicts(sy->rep, &mo);
		ret = brm_error_set(BRM_ECONFLICT, "cannot merge %s: %zu "
		    "conflict%s; nothing was committed or pushed",
		    sy->upstream, n, n == 1 ? "" : "s");
		goto done;
	}
	msg = brm_xprintf("sync: merge %s", sy->upstream);
	if ((ret = commit_merge(sy, &mo.tree, &head, theirs, &mo,
	    &merge)) == 0 &&
	    (ret = move_branch(sy, &head, &merge, msg)) == 0) {
		sy->rep->merged = 1;
		take_records(sy->rep, &mo);
		brm_pending_remove(sy->git);
	}
	free(msg);
done:
	brm_mergetree_release(&mo);
	brm_pending_release(&fresh);
	return ret;
}

/* ---- pushing ---- */

/* Commits reachable from to but not from from. */
static size_t count_new(git_repository *git, const git_oid *from,
    const git_oid *to)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, git) == 0 &&
	    git_revwalk_push(walk, to) == 0 &&
	    git_revwalk_hide(walk, from) == 0)
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_error_clear();
	git_revwalk_free(walk);
	return n;
}

/*
 * Commits reachable from to that the remote is not known to have on any
 * branch (its remote-tracking refs): a new branch off main brings the
 * remote only the commits made on it.
 */
static size_t count_new_to_remote(struct sync *sy, const git_oid *to)
{
	char *glob = brm_xprintf("refs/remotes/%s/*", sy->name);
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, sy->git) == 0 &&
	    git_revwalk_push(walk, to) == 0 &&
	    git_revwalk_hide_glob(walk, glob) == 0)
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_error_clear();
	git_revwalk_free(walk);
	free(glob);
	return n;
}

/* Push head; known: the remote had the branch when last fetched. */
static int push(struct sync *sy, const git_oid *head, int known,
    int *refused)
{
	git_reference *ref = NULL;
	int ret;

	if ((ret = brm_remote_push(&sy->net, sy->git, sy->remote, sy->branch,
	    head, refused)) == 0 && !*refused) {
		if (!known)
			sy->rep->created = 1;
		if (git_reference_create(&ref, sy->git, sy->tracking, head, 1,
		    "update by push") < 0)
			git_error_clear();
		git_reference_free(ref);
	}
	return ret;
}

/* ---- syncing ---- */

static int no_remote(git_repository *git, const char *name)
{
	git_strarray list = { 0 };
	struct brm_buf names = BRM_BUF_INIT;
	size_t i;
	int ret;

	if (git_remote_list(&list, git) < 0)
		git_error_clear();
	if (!list.count) {
		ret = brm_error_set(BRM_ENOTFOUND, "this portfolio has no "
		    "remote to sync with");
		brm_error_hint(ret, "add the team's shared repository first: "
		    "git remote add origin <url>");
	} else {
		for (i = 0; i < list.count; i++)
			brm_buf_printf(&names, "%s%s", i ? ", " : "",
			    list.strings[i]);
		ret = brm_error_set(BRM_ENOTFOUND, "no remote '%s'", name);
		brm_error_hint(ret, "the remotes are: %s; name one: brm "
		    "sync <remote>", names.data);
	}
	brm_buf_release(&names);
	git_strarray_dispose(&list);
	return ret;
}

static int sync_open(struct sync *sy, struct brm_store *s,
    struct brm_sync_report *rep)
{
	struct timespec now;
	int ret;

	memset(sy, 0, sizeof(*sy));
	sy->rep = rep;
	clock_gettime(CLOCK_REALTIME, &now);
	sy->seed = (unsigned)getpid() ^ (unsigned)now.tv_nsec;
	if ((ret = brm_store_repo(s, &sy->repo)) < 0)
		return ret;
	sy->git = brm_repo_git(sy->repo);
	return brm_repo_branch(sy->repo, &sy->branch);
}

static int sync_remote(struct sync *sy, const char *name)
{
	int err = git_remote_lookup(&sy->remote, sy->git, name);

	if (err == GIT_ENOTFOUND || err == GIT_EINVALIDSPEC) {
		git_error_clear();
		return no_remote(sy->git, name);
	}
	if (err < 0)
		return brm_error_set(BRM_ERROR, "cannot use remote '%s': %s",
		    name, brm_repo_git_message());
	sy->name = brm_strdup(name);
	sy->net.url = git_remote_url(sy->remote);
	sy->tracking = brm_xprintf("refs/remotes/%s/%s", name,
	    brm_repo_short_branch(sy->branch));
	sy->upstream = brm_xprintf("%s/%s", name,
	    brm_repo_short_branch(sy->branch));
	sy->rep->remote = brm_strdup(name);
	sy->rep->upstream = brm_strdup(sy->upstream);
	return 0;
}

static void sync_close(struct sync *sy)
{
	git_remote_free(sy->remote);
	free(sy->name);
	free(sy->branch);
	free(sy->tracking);
	free(sy->upstream);
	brm_remote_release(&sy->net);
	brm_incoming_release(&sy->incoming);
}

/* Let plain git know where the branch syncs to, unless it knows. */
static void set_upstream(struct sync *sy)
{
	git_config *cfg = NULL, *local = NULL;
	char *key = brm_xprintf("branch.%s.remote",
	    brm_repo_short_branch(sy->branch));
	git_buf value = GIT_BUF_INIT;

	if (git_repository_config(&cfg, sy->git) == 0 &&
	    git_config_get_string_buf(&value, cfg, key) == GIT_ENOTFOUND &&
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) == 0 &&
	    git_config_set_string(local, key, sy->name) == 0) {
		free(key);
		key = brm_xprintf("branch.%s.merge",
		    brm_repo_short_branch(sy->branch));
		git_config_set_string(local, key, sy->branch);
	}
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(local);
	git_config_free(cfg);
	free(key);
}

int brm_sync(struct brm_store *s, const char *remote,
    const struct brm_progress *progress, struct brm_sync_report *rep)
{
	struct brm_pending st = { 0 };
	struct sync sy;
	git_oid theirs, tracking, head;
	size_t tries, fresh;
	int found = 0, have, refused, ret;

	memset(rep, 0, sizeof(*rep));
	if ((ret = sync_open(&sy, s, rep)) < 0 ||
	    (ret = brm_pending_load(&st, sy.git, &found)) < 0)
		goto done;
	if (found && (strcmp(st.branch, sy.branch) ||
	    (remote && strcmp(remote, st.remote)))) {
		ret = brm_error_set(BRM_ECONFLICT, "a merge of %s/%s is "
		    "waiting for its conflicts to be resolved", st.remote,
		    brm_repo_short_branch(st.branch));
		brm_error_hint(ret, "finish it (brm resolve, then brm sync) "
		    "or drop it: brm sync --abort");
		goto done;
	}
	if ((ret = sync_remote(&sy, remote ? remote :
	    found ? st.remote : "origin")) < 0)
		goto done;
	sy.net.progress = progress;
	if (found) {
		git_oid_fromstr(&theirs, st.theirs);
		if ((ret = integrate(&sy, &theirs, &st)) < 0)
			goto done;
		rep->resumed = 1;
	}
	for (tries = 1;; tries++) {
		if ((ret = brm_remote_fetch(&sy.net, sy.remote)) < 0)
			goto done;
		have = git_reference_name_to_id(&tracking, sy.git,
		    sy.tracking) == 0;
		git_error_clear();
		if (have && (ret = integrate(&sy, &tracking, NULL)) < 0)
			goto done;
		if ((ret = brm_repo_branch_tip(sy.repo, sy.branch, &head)) < 0)
			goto done;
		/* a branch the remote lacks is pushed even with no new
		 * commit: it is created there */
		if (have && !count_new(sy.git, &tracking, &head))
			break;
		/* before the push moves the remote-tracking ref */
		fresh = count_new_to_remote(&sy, &head);
		if ((ret = push(&sy, &head, have, &refused)) < 0)
			goto done;
		if (!refused) {
			rep->pushed = fresh;
			break;
		}
		if (tries == PUSH_TRIES) {
			ret = brm_error_set(BRM_ECONFLICT, "cannot push to "
			    "%s: it kept changing while brm merged", sy.name);
			brm_error_hint(ret, "run 'brm sync' again");
			goto done;
		}
		/* others are pushing: let them finish, not in lockstep */
		sleep_ms(10 + rand_r(&sy.seed) % (40 * (long)tries));
	}
	set_upstream(&sy);
done:
	rep->incoming = brm_incoming_text(&sy.incoming);
	sync_close(&sy);
	brm_pending_release(&st);
	return ret;
}

int brm_sync_abort(struct brm_store *s, char **remote)
{
	struct brm_repo *repo;
	struct brm_pending st = { 0 };
	int found, ret;

	*remote = NULL;
	if ((ret = brm_store_repo(s, &repo)) < 0)
		return ret;
	ret = brm_pending_load(&st, brm_repo_git(repo), &found);
	if (ret == BRM_EINVALID) {
		/* damaged: dropping it is the way out its error offers */
		brm_error_clear();
		brm_pending_remove(brm_repo_git(repo));
		return 0;
	}
	if (ret < 0)
		return ret;
	if (!found) {
		ret = brm_error_set(BRM_ENOTFOUND, "no merge is waiting for "
		    "its conflicts to be resolved");
		return brm_error_hint(ret, "there is nothing to abort");
	}
	brm_pending_remove(brm_repo_git(repo));
	*remote = brm_pending_upstream(&st);
	brm_pending_release(&st);
	return 0;
}
