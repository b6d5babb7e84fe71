/*
 * remote.c - the network side of clone and sync (see remote.h):
 * credentials, progress, errors a person can act on, fetching, and
 * pushing over the network or, compare-and-swap, to a remote on this
 * machine.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "remote.h"
#include "repo.h"

/*
 * ssh: the keys in ssh-agent, once (libgit2 asks again after a refusal,
 * which would loop).  https: libgit2 cannot ask git's credential
 * helpers, so there is nothing to offer; the caller says so.
 */
static int on_credentials(git_credential **out, const char *url,
    const char *user, unsigned int allowed, void *payload)
{
	struct brm_remote *n = payload;

	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !n->tried_agent) {
		n->tried_agent = 1;
		return git_credential_ssh_key_from_agent(out,
		    user ? user : "git");
	}
	if ((allowed & GIT_CREDENTIAL_USERNAME) && !n->tried_user) {
		n->tried_user = 1;
		return git_credential_username_new(out, user ? user : "git");
	}
	n->auth_failed = 1;
	git_error_set_str(GIT_ERROR_NET, n->tried_agent ?
	    "the server refused the keys in ssh-agent" :
	    "the server asks for a user name and password");
	return GIT_EAUTH;
}

static void progress(struct brm_remote *n, const char *what, size_t done,
    size_t total, size_t bytes)
{
	if (n->progress && n->progress->fn)
		n->progress->fn(what, done, total, bytes,
		    n->progress->payload);
}

static int on_transfer(const git_indexer_progress *st, void *payload)
{
	if (st->received_objects < st->total_objects || !st->total_deltas)
		progress(payload, "Receiving objects", st->received_objects,
		    st->total_objects, st->received_bytes);
	else
		progress(payload, "Resolving deltas", st->indexed_deltas,
		    st->total_deltas, st->received_bytes);
	return 0;
}

static int on_push_transfer(unsigned int current, unsigned int total,
    size_t bytes, void *payload)
{
	progress(payload, "Writing objects", current, total, bytes);
	return 0;
}

static int on_pack_written(const git_indexer_progress *st, void *payload)
{
	progress(payload, "Writing objects", st->received_objects,
	    st->total_objects, st->received_bytes);
	return 0;
}

static int on_push_update(const char *ref, const char *status, void *data)
{
	struct brm_remote *n = data;

	if (status && !n->refused)
		n->refused = brm_strdup(status);
	return 0;
}

void brm_remote_callbacks(git_remote_callbacks *cb, struct brm_remote *n)
{
	cb->credentials = on_credentials;
	cb->transfer_progress = on_transfer;
	cb->push_transfer_progress = on_push_transfer;
	cb->push_update_reference = on_push_update;
	cb->payload = n;
}

static int is_https(const char *url)
{
	return !strncmp(url, "https://", 8) || !strncmp(url, "http://", 7);
}

int brm_remote_error(struct brm_remote *n, const char *what, int err)
{
	int ret;

	if (n->auth_failed || err == GIT_EAUTH) {
		ret = brm_error_set(BRM_ERROR, "cannot authenticate to '%s': "
		    "%s", n->url, brm_repo_git_message());
		if (is_https(n->url))
			return brm_error_hint(ret, "brm talks to git servers "
			    "through libgit2, which cannot use git's "
			    "credential helpers; use the repository's ssh "
			    "URL (git remote set-url origin "
			    "git@host:path.git) with your key in ssh-agent");
		return brm_error_hint(ret, "brm authenticates with the keys "
		    "in ssh-agent: start it, add your key (ssh-add) and "
		    "check that the server accepts it");
	}
	if (err == GIT_ECERTIFICATE) {
		ret = brm_error_set(BRM_ERROR, "cannot verify the server of "
		    "'%s': %s", n->url, brm_repo_git_message());
		return brm_error_hint(ret, "for ssh, brm trusts the host keys "
		    "in ~/.ssh/known_hosts: connect once with ssh to check "
		    "and record the server's key");
	}
	return brm_error_set(BRM_ERROR, "cannot %s '%s': %s", what, n->url,
	    brm_repo_git_message());
}

int brm_remote_is_path(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (strstr(url, "://"))
		return 0;
	/* scp-like "host:path" has a colon before any slash */
	return !colon || (slash && slash < colon);
}

/* The directory of a remote on this machine; NULL for a network URL. */
static char *local_path(const char *url)
{
	if (!strncmp(url, "file://", 7))
		return brm_strdup(url + 7);
	return brm_remote_is_path(url) ? brm_strdup(url) : NULL;
}

/* ---- pushing ---- */

/* Leave out of walk every commit some branch of rr holds that git has
 * too: rr has their objects.  (What the fetch URL said is no guide: a
 * push URL can name another repository.) */
static int hide_theirs(git_repository *rr, git_repository *git,
    git_revwalk *walk)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_odb *odb = NULL;
	const git_oid *id;

	if (git_repository_odb(&odb, git) < 0 ||
	    git_reference_iterator_glob_new(&it, rr, "refs/heads/*") < 0) {
		git_odb_free(odb);
		return -1;
	}
	while (git_reference_next(&ref, it) == 0) {
		id = git_reference_target(ref);
		if (id && git_odb_exists(odb, id) &&
		    git_revwalk_hide(walk, id) < 0)
			git_error_clear();
		git_reference_free(ref);
	}
	git_error_clear();
	git_reference_iterator_free(it);
	git_odb_free(odb);
	return 0;
}

/*
 * libgit2 1.5's local transport writes the remote's branch without
 * looking at what it holds by then, so of two pushes racing through it
 * one can silently undo the other.  For a remote on this machine brm
 * writes the objects into the remote's object database itself and moves
 * its branch as a server would: refused unless head contains what the
 * branch holds there, and by compare-and-swap from that, so a push that
 * lost a race is refused too, and retried after a merge.
 */
static int push_local(struct brm_remote *n, git_repository *git,
    const char *branch, const char *path, const git_oid *head,
    int *refused)
{
	git_repository *rr = NULL;
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_reference *ref = NULL;
	git_buf objects = GIT_BUF_INIT;
	char *pack = NULL;
	git_oid cur;
	int err, have, ret = 0;

	if (git_repository_open_ext(&rr, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot push to '%s': %s",
		    n->url, brm_repo_git_message());
		goto done;
	}
	if (!git_repository_is_bare(rr)) {
		ret = brm_error_set(BRM_ERROR, "cannot push to '%s': it has a "
		    "work tree", n->url);
		brm_error_hint(ret, "share a portfolio through a bare "
		    "repository: git init --bare <dir>");
		goto done;
	}
	have = git_reference_name_to_id(&cur, rr, branch) == 0;
	git_error_clear();
	if (have && !git_oid_equal(&cur, head) &&
	    git_graph_descendant_of(git, head, &cur) != 1) {
		/* theirs has commits we have not fetched yet */
		git_error_clear();
		*refused = 1;
		goto done;
	}
	if (git_revwalk_new(&walk, git) < 0 ||
	    git_revwalk_push(walk, head) < 0 ||
	    hide_theirs(rr, git, walk) < 0)
		goto failed;
	if (git_packbuilder_new(&pb, git) < 0 ||
	    git_packbuilder_insert_walk(pb, walk) < 0 ||
	    git_repository_item_path(&objects, rr,
	    GIT_REPOSITORY_ITEM_OBJECTS) < 0)
		goto failed;
	pack = brm_xprintf("%s%spack", objects.ptr,
	    objects.size && objects.ptr[objects.size - 1] == '/' ? "" : "/");
	if (git_packbuilder_object_count(pb) &&
	    git_packbuilder_write(pb, pack, 0, on_pack_written, n) < 0)
		goto failed;
	if (have)
		err = git_reference_create_matching(&ref, rr, branch, head,
		    1, &cur, "push");
	else
		err = git_reference_create_matching(&ref, rr, branch, head,
		    0, NULL, "push");
	if (err == GIT_EMODIFIED || err == GIT_ELOCKED || err == GIT_EEXISTS ||
	    err == GIT_ENOTFOUND) {
		git_error_clear();
		*refused = 1;
		goto done;
	}
	if (err < 0)
		goto failed;
	/* a new bare repository's HEAD names a branch nobody pushed */
	if (git_repository_head_unborn(rr) == 1 &&
	    git_repository_set_head(rr, branch) < 0)
		git_error_clear();
	goto done;
failed:
	ret = brm_error_set(BRM_ERROR, "cannot push to '%s': %s", n->url,
	    brm_repo_git_message());
done:
	free(pack);
	git_buf_dispose(&objects);
	git_reference_free(ref);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	git_repository_free(rr);
	return ret;
}

/* Refusals that mean the remote moved since we fetched. */
static int moved_meanwhile(const char *status)
{
	return strstr(status, "fast-forward") || strstr(status, "fetch first")
	    || strstr(status, "stale") || strstr(status, "lock");
}

static int push_network(struct brm_remote *n, git_remote *remote,
    const char *branch, int *refused)
{
	git_push_options po;
	char *spec = brm_xprintf("%s:%s", branch, branch);
	git_strarray specs = { &spec, 1 };
	int err, ret = 0;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	free(n->refused);
	n->refused = NULL;
	brm_remote_callbacks(&po.callbacks, n);
	err = git_remote_push(remote, &specs, &po);
	if (err == GIT_ENONFASTFORWARD) {
		git_error_clear();
		*refused = 1;
	} else if (err < 0) {
		ret = brm_remote_error(n, "push to", err);
	} else if (n->refused && moved_meanwhile(n->refused)) {
		*refused = 1;
	} else if (n->refused) {
		ret = brm_error_set(BRM_ERROR, "'%s' refused the push: %s",
		    n->url, n->refused);
	}
	free(spec);
	return ret;
}

int brm_remote_push(struct brm_remote *n, git_repository *git,
    git_remote *remote, const char *branch, const git_oid *head,
    int *refused)
{
	const char *url = git_remote_pushurl(remote);
	char *path;
	int ret;

	*refused = 0;
	n->url = url ? url : git_remote_url(remote);
	if ((path = local_path(n->url)))
		ret = push_local(n, git, branch, path, head, refused);
	else
		ret = push_network(n, remote, branch, refused);
	free(path);
	n->url = git_remote_url(remote);
	return ret;
}

int brm_remote_fetch(struct brm_remote *n, git_remote *remote)
{
	git_fetch_options fo;
	int err;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	/* each fetch may offer the keys in ssh-agent again */
	n->tried_agent = n->tried_user = 0;
	brm_remote_callbacks(&fo.callbacks, n);
	if ((err = git_remote_fetch(remote, NULL, &fo, NULL)) < 0)
		return brm_remote_error(n, "fetch from", err);
	return 0;
}

void brm_remote_release(struct brm_remote *n)
{
	free(n->refused);
	n->refused = NULL;
}
