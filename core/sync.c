/*
 * sync.c - clone, sync and merge through libgit2 (see sync.h).
 *
 * The pieces, in the order brm_sync() uses them: the pending merge's
 * state file; the network callbacks (credentials, progress); what came
 * in, told from the commits' Brm-Command/Brm-Kind trailers; the merge of
 * two commits into an in-memory tree, record by record; moving the
 * branch and the work tree; pushing; and the loop that ties them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "id.h"
#include "merge.h"
#include "problems.h"
#include "record.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "sync.h"
#include "validate.h"
#include "formats/yaml.h"

#define HEADS "refs/heads/"
#define STATE_DIR "brm-merge"
#define STATE_FILE STATE_DIR "/state.yaml"
#define PUSH_TRIES 10
#define SHOW_MAX 200

static const char *git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static const char *short_branch(const char *ref)
{
	return strncmp(ref, HEADS, strlen(HEADS)) ? ref : ref + strlen(HEADS);
}

/* ---- conflicts and the report ---- */

struct clist {
	struct brm_sync_conflict *v;
	size_t n, alloc;
	int bad_choice;		/* a stored choice could not be applied */
};

static struct brm_sync_conflict *clist_add(struct clist *l,
    const char *path, const struct brm_kind *kind, const char *id,
    const char *field)
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

static void clist_release(struct clist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		conflict_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void brm_sync_report_release(struct brm_sync_report *r)
{
	struct clist l;

	if (!r)
		return;
	free(r->remote);
	free(r->upstream);
	free(r->incoming);
	brm_strv_free(r->records, r->n_records);
	l = (struct clist){ r->conflicts, r->n_conflicts, 0, 0 };
	clist_release(&l);
	memset(r, 0, sizeof(*r));
}

/* ---- the pending merge ---- */

struct choice {
	char *path;
	char *field;		/* "" for the whole record */
	enum brm_merge_side side;
	char *value;		/* BRM_MERGE_VALUE */
};

struct state {
	char *remote;
	char *branch;
	char theirs[GIT_OID_HEXSZ + 1];
	struct choice *v;
	size_t n, alloc;
};

static const char *const side_names[] = { "ours", "theirs", "value" };

static void state_release(struct state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		free(st->v[i].path);
		free(st->v[i].field);
		free(st->v[i].value);
	}
	free(st->v);
	free(st->remote);
	free(st->branch);
	memset(st, 0, sizeof(*st));
}

static void state_add(struct state *st, const char *path, const char *field,
    enum brm_merge_side side, const char *value)
{
	struct choice *c;

	if (st->n == st->alloc) {
		st->alloc = st->alloc ? 2 * st->alloc : 8;
		st->v = brm_realloc(st->v, st->alloc * sizeof(*st->v));
	}
	c = &st->v[st->n++];
	c->path = brm_strdup(path);
	c->field = brm_strdup(field);
	c->side = side;
	c->value = value ? brm_strdup(value) : NULL;
}

static char *state_path(git_repository *git)
{
	return brm_xprintf("%s%s", git_repository_path(git), STATE_FILE);
}

static int bad_state(const char *path, const char *what)
{
	brm_error_set(BRM_ERROR, "the pending merge in '%s' is damaged: %s",
	    path, what);
	return brm_error_hint(BRM_ERROR, "drop it with 'brm sync --abort' "
	    "and sync again");
}

static int state_parse(struct state *st, const struct brm_node *root,
    const char *path)
{
	const struct brm_node *list = brm_node_get(root, "choices"), *c;
	const char *remote = brm_node_str(root, "remote");
	const char *branch = brm_node_str(root, "branch");
	const char *theirs = brm_node_str(root, "theirs"), *side;
	git_oid id;
	size_t i;
	int s;

	if (!remote || !branch || !theirs || strlen(theirs) != GIT_OID_HEXSZ ||
	    git_oid_fromstr(&id, theirs) < 0)
		return bad_state(path, "no remote, branch or commit");
	st->remote = brm_strdup(remote);
	st->branch = brm_strdup(branch);
	memcpy(st->theirs, theirs, sizeof(st->theirs));
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		c = list->items[i];
		side = brm_node_str(c, "side");
		for (s = 0; side && s < 3 && strcmp(side, side_names[s]); s++)
			;
		if (!brm_node_str(c, "path") || !brm_node_str(c, "field") ||
		    !side || s == 3 || (s == BRM_MERGE_VALUE &&
		    !brm_node_str(c, "value")))
			return bad_state(path, "a choice is incomplete");
		state_add(st, brm_node_str(c, "path"),
		    brm_node_str(c, "field"), (enum brm_merge_side)s,
		    brm_node_str(c, "value"));
	}
	return 0;
}

/* *found = 0 and nothing loaded when no merge is pending. */
static int state_load(struct state *st, git_repository *git, int *found)
{
	struct brm_node *root = NULL;
	char *path = state_path(git);
	int ret = 0;

	*found = 0;
	if (access(path, F_OK) != 0)
		goto done;
	if ((ret = brm_yaml_load_file(&root, path, path)) < 0) {
		ret = bad_state(path, brm_error_last());
		goto done;
	}
	if ((ret = state_parse(st, root, path)) < 0) {
		state_release(st);
		goto done;
	}
	*found = 1;
done:
	brm_node_free(root);
	free(path);
	return ret;
}

static void add_str(struct brm_node *map, const char *key, const char *v)
{
	if (v)
		brm_node_set(map, key, brm_node_new_str(v));
}

static int write_file(const char *path, const char *data, size_t len)
{
	char *tmp = brm_xprintf("%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int ret = 0;

	if (!f || fwrite(data, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	if (f && fclose(f) != 0 && ret == 0)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	if (ret == 0 && rename(tmp, path) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	if (ret < 0)
		unlink(tmp);
	free(tmp);
	return ret;
}

static int state_save(const struct state *st, git_repository *git,
    const struct clist *conflicts)
{
	struct brm_node *root = brm_node_new_map(), *list, *m;
	struct brm_buf yaml = BRM_BUF_INIT;
	char *dir = brm_xprintf("%s%s", git_repository_path(git), STATE_DIR);
	char *path = state_path(git);
	size_t i;
	int ret;

	add_str(root, "remote", st->remote);
	add_str(root, "branch", st->branch);
	add_str(root, "theirs", st->theirs);
	list = brm_node_new_seq();
	for (i = 0; i < st->n; i++) {
		m = brm_node_new_map();
		add_str(m, "path", st->v[i].path);
		add_str(m, "field", st->v[i].field);
		add_str(m, "side", side_names[st->v[i].side]);
		add_str(m, "value", st->v[i].value);
		brm_node_append(list, m);
	}
	brm_node_set(root, "choices", list);
	list = brm_node_new_seq();
	for (i = 0; conflicts && i < conflicts->n; i++) {
		const struct brm_sync_conflict *c = &conflicts->v[i];

		m = brm_node_new_map();
		add_str(m, "path", c->path);
		add_str(m, "id", c->id);
		add_str(m, "field", c->field);
		add_str(m, "base", c->base);
		add_str(m, "ours", c->ours);
		add_str(m, "theirs", c->theirs);
		add_str(m, "reason", c->reason);
		brm_node_append(list, m);
	}
	brm_node_set(root, "conflicts", list);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		ret = brm_error_set(BRM_ERROR, "cannot create '%s': %s", dir,
		    strerror(errno));
	else if ((ret = brm_yaml_emit(&yaml, root)) == 0)
		ret = write_file(path, yaml.data, yaml.len);
	brm_buf_release(&yaml);
	brm_node_free(root);
	free(dir);
	free(path);
	return ret;
}

static void state_remove(git_repository *git)
{
	char *dir = brm_xprintf("%s%s", git_repository_path(git), STATE_DIR);
	char *path = state_path(git);

	unlink(path);
	rmdir(dir);
	free(dir);
	free(path);
}

/* The choices for path: the whole-record one, or those for fields. */
static const struct choice *whole_choice(const struct state *st,
    const char *path)
{
	size_t i;

	for (i = 0; st && i < st->n; i++)
		if (!strcmp(st->v[i].path, path) && !*st->v[i].field)
			return &st->v[i];
	return NULL;
}

/* ---- the network ---- */

struct net {
	const struct brm_sync_progress *progress;
	const char *url;
	int tried_agent, tried_user, auth_failed;
	char *refused;		/* why the remote refused our update */
};

/*
 * ssh: the keys in ssh-agent, once (libgit2 asks again after a refusal,
 * which would loop).  https: libgit2 cannot ask git's credential
 * helpers, so there is nothing to offer; the caller says so.
 */
static int on_credentials(git_credential **out, const char *url,
    const char *user, unsigned int allowed, void *payload)
{
	struct net *n = payload;

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

static void progress(struct net *n, const char *what, size_t done,
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
	struct net *n = data;

	if (status && !n->refused)
		n->refused = brm_strdup(status);
	return 0;
}

static void net_callbacks(git_remote_callbacks *cb, struct net *n)
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

static int net_error(struct net *n, const char *what, int err)
{
	int ret;

	if (n->auth_failed || err == GIT_EAUTH) {
		ret = brm_error_set(BRM_ERROR, "cannot authenticate to '%s': "
		    "%s", n->url, git_message());
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
		    "'%s': %s", n->url, git_message());
		return brm_error_hint(ret, "for ssh, brm trusts the host keys "
		    "in ~/.ssh/known_hosts: connect once with ssh to check "
		    "and record the server's key");
	}
	return brm_error_set(BRM_ERROR, "cannot %s '%s': %s", what, n->url,
	    git_message());
}

/* The directory of a remote on this machine; NULL for a network URL. */
static char *local_path(const char *url)
{
	const char *colon, *slash;

	if (!strncmp(url, "file://", 7))
		return brm_strdup(url + 7);
	if (strstr(url, "://"))
		return NULL;
	/* scp-like "host:path" has a colon before any slash */
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	if (colon && (!slash || colon < slash))
		return NULL;
	return brm_strdup(url);
}

/* ---- what came in ---- */

static const struct {
	const char *command, *one, *many;
} phrases[] = {
	{ "init", "portfolio created", "portfolios created" },
	{ "add-customer", "new customer", "new customers" },
	{ "add-contact", "new contact", "new contacts" },
	{ "add-service", "new service", "new services" },
	{ "subscribe", "new subscription", "new subscriptions" },
	{ "add-requirement", "new requirement", "new requirements" },
	{ "log-meeting", "new meeting", "new meetings" },
	{ "add-action", "new action item", "new action items" },
	{ "done-action", "action item done", "action items done" },
	{ "record-complaint", "new complaint", "new complaints" },
	{ "ack-complaint", "complaint acknowledged",
	  "complaints acknowledged" },
	{ "resolve-complaint", "complaint resolved", "complaints resolved" },
	{ "close-complaint", "complaint closed", "complaints closed" },
	{ "reopen-complaint", "complaint reopened", "complaints reopened" },
	{ "record-praise", "new praise", "new praise" },
	{ "record-survey", "new survey", "new surveys" },
	{ "record-value-add", "new value-added service",
	  "new value-added services" },
	{ "record-event", "new event", "new events" },
	{ "add-supplier", "new supplier", "new suppliers" },
	{ "add-contract", "new supplier contract", "new supplier contracts" },
	{ "audit-supplier", "new audit", "new audits" },
	{ "open-dispute", "new dispute", "new disputes" },
	{ "escalate-dispute", "dispute escalated", "disputes escalated" },
	{ "resolve-dispute", "dispute resolved", "disputes resolved" },
	{ "add-third-party", "new third party", "new third parties" },
};

struct tally {
	char *one, *many;
	size_t n;
};

struct summary {
	struct tally *t;
	size_t n, alloc;
	char **authors;
	size_t n_authors;
};

static void tally(struct summary *s, char *one, char *many)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->t[i].one, one)) {
			s->t[i].n++;
			free(one);
			free(many);
			return;
		}
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 8;
		s->t = brm_realloc(s->t, s->alloc * sizeof(*s->t));
	}
	s->t[s->n++] = (struct tally){ one, many, 1 };
}

static void add_author(struct summary *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_authors; i++)
		if (!strcmp(s->authors[i], name))
			return;
	s->authors = brm_realloc(s->authors, (s->n_authors + 1) *
	    sizeof(*s->authors));
	s->authors[s->n_authors++] = brm_strdup(name);
}

/* One commit's contribution, from its trailers. */
static void tally_commit(struct summary *s, const char *message)
{
	git_message_trailer_array tr = { 0 };
	const char *command = NULL, *kind_name = NULL;
	const struct brm_kind *kind;
	size_t i;

	if (git_message_trailers(&tr, message) == 0)
		for (i = 0; i < tr.count; i++) {
			if (!strcmp(tr.trailers[i].key, "Brm-Command"))
				command = tr.trailers[i].value;
			else if (!strcmp(tr.trailers[i].key, "Brm-Kind"))
				kind_name = tr.trailers[i].value;
		}
	git_error_clear();
	kind = kind_name ? brm_kind_lookup(kind_name) : NULL;
	for (i = 0; command && i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (!strcmp(phrases[i].command, command))
			break;
	if (command && i < sizeof(phrases) / sizeof(phrases[0]))
		tally(s, brm_strdup(phrases[i].one),
		    brm_strdup(phrases[i].many));
	else if (command && kind && !strcmp(command, "rm"))
		tally(s, brm_xprintf("%s removed", kind->name),
		    brm_xprintf("%s removed", kind->plural));
	else if (command && kind && (!strcmp(command, "set") ||
	    !strcmp(command, "edit")))
		tally(s, brm_xprintf("%s changed", kind->name),
		    brm_xprintf("%s changed", kind->plural));
	else if (command && kind)
		tally(s, brm_xprintf("change to a %s", kind->name),
		    brm_xprintf("changes to %s", kind->plural));
	else
		tally(s, brm_strdup("other commit"),
		    brm_strdup("other commits"));
	git_message_trailer_array_free(&tr);
}

/* "3 new meetings, 1 complaint resolved by Olga Test and Ivan Petrov" */
static char *summary_text(const struct summary *s)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t i;

	if (!s->n)
		return NULL;
	for (i = 0; i < s->n; i++)
		brm_buf_printf(&b, "%s%zu %s", i ? ", " : "", s->t[i].n,
		    s->t[i].n == 1 ? s->t[i].one : s->t[i].many);
	for (i = 0; i < s->n_authors; i++)
		brm_buf_printf(&b, "%s%s", i == 0 ? " by " :
		    i + 1 == s->n_authors ? " and " : ", ", s->authors[i]);
	return brm_buf_detach(&b);
}

static void summary_release(struct summary *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->t[i].one);
		free(s->t[i].many);
	}
	free(s->t);
	brm_strv_free(s->authors, s->n_authors);
	memset(s, 0, sizeof(*s));
}

/* Tally the commits reachable from to but not from from, oldest first;
 * returns how many there were (merges not counted). */
static size_t summarize(git_repository *git, struct summary *s,
    const git_oid *from, const git_oid *to)
{
	git_revwalk *walk = NULL;
	git_commit *c;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_REVERSE) < 0 || git_revwalk_push(walk, to) < 0 ||
	    (from && git_revwalk_hide(walk, from) < 0))
		goto done;
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&c, git, &id) < 0)
			break;
		if (git_commit_parentcount(c) < 2) {
			tally_commit(s, git_commit_message(c));
			add_author(s, git_commit_author(c)->name);
			n++;
		}
		git_commit_free(c);
	}
done:
	git_error_clear();
	git_revwalk_free(walk);
	return n;
}

/* Commits reachable from to but not from from (NULL: all). */
static size_t count_new(git_repository *git, const git_oid *from,
    const git_oid *to)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, git) == 0 &&
	    git_revwalk_push(walk, to) == 0 &&
	    (!from || git_revwalk_hide(walk, from) == 0))
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_error_clear();
	git_revwalk_free(walk);
	return n;
}

/* ---- merging two commits ---- */

/* The record kind and id a path holds; NULL when it is not a record's
 * (config: the settings' kind, no id). */
static const struct brm_kind *kind_of_path(const char *path, char **id)
{
	const struct brm_kind *k;
	const char *slash = strchr(path, '/'), *base = strrchr(path, '/');
	char *plural, *rel;
	size_t len;

	*id = NULL;
	if (!strcmp(path, BRM_CONFIG_PATH))
		return &brm_kind_config;
	if (!slash)
		return NULL;
	plural = brm_strndup(path, (size_t)(slash - path));
	k = brm_kind_lookup(plural);
	if (k && strcmp(k->plural, plural))
		k = NULL;
	free(plural);
	len = strlen(base + 1);
	if (!k || len <= 5 || strcmp(base + 1 + len - 5, ".yaml"))
		return NULL;
	*id = brm_strndup(base + 1, len - 5);
	if (brm_id_check(k, *id) < 0) {
		brm_error_clear();
		free(*id);
		*id = NULL;
		return NULL;
	}
	rel = brm_id_path(k, *id);
	if (strcmp(rel, path)) {
		free(*id);
		*id = NULL;
		k = NULL;
	}
	free(rel);
	return k;
}

struct mctx {
	git_repository *git;
	git_index *idx;
	const struct state *st;
	struct clist conflicts;
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

/* A value typed for field: parsed as the schema says, else a string. */
static int choice_value(struct brm_node **out, const struct brm_kind *kind,
    const char *field, const char *text)
{
	const struct brm_field *f = kind ? brm_field_at(kind, field) : NULL;
	const char *last = strrchr(field, '.');

	*out = NULL;
	last = last ? last + 1 : field;
	if (!f) {
		*out = brm_node_new_str(text);
		return 0;
	}
	if (f->type == BRM_F_MAP || ((f->flags & BRM_FIELD_LIST) &&
	    strspn(last, "0123456789") != strlen(last)))
		return brm_error_set(BRM_EINVALID, "'%s' holds more than one "
		    "value; take it with --ours or --theirs", field);
	return brm_field_parse(out, f, text, "--value");
}

static void add_merge_conflicts(struct mctx *c, const char *path,
    const struct brm_kind *kind, const char *id, const struct brm_merge *m)
{
	struct brm_sync_conflict *x;
	size_t i;

	for (i = 0; i < m->n; i++) {
		x = clist_add(&c->conflicts, path, kind, id,
		    m->conflicts[i].field);
		x->base = brm_merge_show(m->conflicts[i].base, SHOW_MAX);
		x->ours = brm_merge_show(m->conflicts[i].ours, SHOW_MAX);
		x->theirs = brm_merge_show(m->conflicts[i].theirs, SHOW_MAX);
	}
}

/* The problems of the merged tree, "" when it is valid. */
static char *invalid(const struct brm_kind *kind, const char *id,
    const struct brm_node *root, const char *path)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_buf b = BRM_BUF_INIT;
	struct brm_record *r;
	size_t i, shown = 0;

	probs.file = path;
	if (kind == &brm_kind_config || !id) {
		brm_validate(kind, root, &probs);
	} else {
		r = brm_record_wrap(kind, id, brm_node_dup(root));
		brm_record_validate(r, &probs);
		brm_record_free(r);
	}
	for (i = 0; i < probs.n && shown < 3; i++) {
		if (probs.items[i].warning)
			continue;
		brm_buf_printf(&b, "%s%s", shown++ ? "; " : "",
		    probs.items[i].message);
	}
	brm_problems_release(&probs);
	return brm_buf_detach(&b);
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
		const struct choice *ch = &c->st->v[i];

		if (strcmp(ch->path, path) || !*ch->field)
			continue;
		v = NULL;
		if ((ret = ch->side == BRM_MERGE_VALUE ? choice_value(&v, kind,
		    ch->field, ch->value) : 0) == 0)
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
	const struct choice *whole = whole_choice(c->st, path);
	struct brm_node *b = NULL, *o = NULL, *t = NULL;
	struct brm_merge m = BRM_MERGE_INIT;
	struct brm_buf yaml = BRM_BUF_INIT;
	struct brm_sync_conflict *x;
	const struct brm_kind *kind;
	char *id = NULL, *why = NULL;
	git_blob *side;
	git_oid blob;
	int ret = 0;

	kind = kind_of_path(path, &id);
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
	if (m.result && kind && *(why = invalid(kind, id, m.result, path))) {
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
			    path, git_message());
			goto done;
		}
	}
	if ((ret = index_put(c, path, m.result ? &blob : NULL)) == 0)
		note_record(c, path);
done:
	if (ret < 0 && !*brm_error_last())
		brm_error_set(BRM_ERROR, "cannot merge '%s': %s", path,
		    git_message());
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
	const struct choice *whole = whole_choice(c->st, path);
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

struct merged {
	git_oid tree;
	struct clist conflicts;
	char **records;		/* merged field by field */
	size_t n_records;
};

static void merged_release(struct merged *mo)
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
		    git_message());
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

/*
 * Merge commits ours and theirs into an in-memory tree.  Conflicts leave
 * mo->conflicts non-empty and no tree.
 */
static int merge_commits(git_repository *git, const git_oid *ours,
    const git_oid *theirs, const struct state *st, struct merged *mo)
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
		    git_message());
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
		    git_message());
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

/* ---- moving the branch and the work tree ---- */

struct sync {
	git_repository *git;
	struct brm_repo *repo;
	git_remote *remote;
	char *name;		/* "origin" */
	char *branch;		/* "refs/heads/main" */
	char *tracking;		/* "refs/remotes/origin/main" */
	char *upstream;		/* "origin/main" */
	struct net net;
	struct summary summary;
	struct brm_sync_report *rep;
	unsigned seed;
};

static int head_oid(struct sync *sy, git_oid *out)
{
	if (git_reference_name_to_id(out, sy->git, sy->branch) < 0)
		return brm_error_set(BRM_ERROR, "cannot read branch '%s': %s",
		    short_branch(sy->branch), git_message());
	return 0;
}

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
		    git_message());
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
		    git_message());
		goto done;
	}
	err = git_reference_create_matching(&ref, sy->git, sy->branch, new,
	    1, old, reflog);
	if (err == GIT_EMODIFIED || err == GIT_ELOCKED) {
		ret = brm_error_set(BRM_ECONFLICT, "cannot sync: branch '%s' "
		    "moved meanwhile", short_branch(sy->branch));
		brm_error_hint(ret, "run 'brm sync' again");
		goto done;
	}
	if (err < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot move branch '%s': %s",
		    short_branch(sy->branch), git_message());
		goto done;
	}
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	co.notify_flags = GIT_CHECKOUT_NOTIFY_NONE;
	co.notify_cb = NULL;
	if (git_checkout_head(sy->git, &co) < 0) {
		ret = brm_error_set(BRM_ERROR, "branch '%s' has the synced "
		    "commits, but the work tree could not follow: %s",
		    short_branch(sy->branch), git_message());
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
    const git_oid *ours, const git_oid *theirs, const struct merged *mo,
    git_oid *out)
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
		    git_message());
		goto done;
	}
	parents[0] = p0;
	parents[1] = p1;
	if (git_commit_create(out, sy->git, NULL, author, committer, NULL,
	    msg.data, tree, 2, parents) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot commit the merge: %s",
		    git_message());
done:
	git_commit_free(p0);
	git_commit_free(p1);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	brm_buf_release(&msg);
	return ret;
}

static void take_conflicts(struct brm_sync_report *rep, struct clist *l)
{
	struct clist old = { rep->conflicts, rep->n_conflicts, 0, 0 };

	clist_release(&old);
	rep->conflicts = l->v;
	rep->n_conflicts = l->n;
	memset(l, 0, sizeof(*l));
}

static void take_records(struct brm_sync_report *rep, struct merged *mo)
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
    struct state *st)
{
	struct state fresh = { 0 };
	struct merged mo = { 0 };
	git_oid head, merge;
	char *msg;
	size_t n;
	int ret;

	if ((ret = head_oid(sy, &head)) < 0)
		return ret;
	if (git_oid_equal(&head, theirs) ||
	    git_graph_descendant_of(sy->git, &head, theirs) == 1) {
		if (st)
			state_remove(sy->git);
		return 0;
	}
	sy->rep->received += summarize(sy->git, &sy->summary, &head, theirs);
	if (git_graph_descendant_of(sy->git, theirs, &head) == 1) {
		msg = brm_xprintf("sync: fast-forward to %s", sy->upstream);
		if ((ret = move_branch(sy, &head, theirs, msg)) == 0) {
			sy->rep->fast_forward = 1;
			state_remove(sy->git);
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
	if ((ret = merge_commits(sy->git, &head, theirs, st, &mo)) < 0)
		goto done;
	if ((n = mo.conflicts.n)) {
		if ((ret = state_save(st, sy->git, &mo.conflicts)) < 0)
			goto done;
		take_conflicts(sy->rep, &mo.conflicts);
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
		state_remove(sy->git);
	}
	free(msg);
done:
	merged_release(&mo);
	state_release(&fresh);
	return ret;
}

/* ---- pushing ---- */

/*
 * libgit2 1.5's local transport writes the remote's branch without
 * looking at what it holds by then, so of two pushes racing through it
 * one can silently undo the other.  For a remote on this machine brm
 * writes the objects into the remote's object database itself and moves
 * its branch by compare-and-swap: a push that lost the race is refused
 * and retried after a merge, as a server would have it.
 */
static int push_local(struct sync *sy, const char *path,
    const git_oid *head, const git_oid *expected, int *refused)
{
	git_repository *rr = NULL;
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_reference *ref = NULL;
	git_buf objects = GIT_BUF_INIT;
	char *pack = NULL;
	git_oid cur;
	int err, ret = 0;

	if (git_repository_open_ext(&rr, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot push to '%s': %s",
		    sy->net.url, git_message());
		goto done;
	}
	if (!git_repository_is_bare(rr)) {
		ret = brm_error_set(BRM_ERROR, "cannot push to '%s': it has a "
		    "work tree", sy->net.url);
		brm_error_hint(ret, "share a portfolio through a bare "
		    "repository: git init --bare <dir>");
		goto done;
	}
	if (git_revwalk_new(&walk, sy->git) < 0 ||
	    git_revwalk_push(walk, head) < 0)
		goto failed;
	if (expected && git_revwalk_hide(walk, expected) < 0)
		git_error_clear();
	if (git_reference_name_to_id(&cur, rr, sy->branch) == 0 &&
	    git_revwalk_hide(walk, &cur) < 0)
		git_error_clear();	/* theirs is newer than our fetch */
	if (git_packbuilder_new(&pb, sy->git) < 0 ||
	    git_packbuilder_insert_walk(pb, walk) < 0 ||
	    git_repository_item_path(&objects, rr,
	    GIT_REPOSITORY_ITEM_OBJECTS) < 0)
		goto failed;
	pack = brm_xprintf("%s%spack", objects.ptr,
	    objects.size && objects.ptr[objects.size - 1] == '/' ? "" : "/");
	if (git_packbuilder_object_count(pb) &&
	    git_packbuilder_write(pb, pack, 0, on_pack_written, &sy->net) < 0)
		goto failed;
	if (expected)
		err = git_reference_create_matching(&ref, rr, sy->branch, head,
		    1, expected, "push");
	else
		err = git_reference_create_matching(&ref, rr, sy->branch, head,
		    0, NULL, "push");
	if (err == GIT_EMODIFIED || err == GIT_ELOCKED || err == GIT_EEXISTS ||
	    err == GIT_ENOTFOUND) {
		git_error_clear();
		*refused = 1;
		goto done;
	}
	if (err < 0)
		goto failed;
	if (!expected)
		sy->rep->created = 1;
	/* a new bare repository's HEAD names a branch nobody pushed */
	if (git_repository_head_unborn(rr) == 1 &&
	    git_repository_set_head(rr, sy->branch) < 0)
		git_error_clear();
	goto done;
failed:
	ret = brm_error_set(BRM_ERROR, "cannot push to '%s': %s", sy->net.url,
	    git_message());
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

static int push_network(struct sync *sy, int *refused)
{
	git_push_options po;
	char *spec = brm_xprintf("%s:%s", sy->branch, sy->branch);
	git_strarray specs = { &spec, 1 };
	int err, ret = 0;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	free(sy->net.refused);
	sy->net.refused = NULL;
	net_callbacks(&po.callbacks, &sy->net);
	err = git_remote_push(sy->remote, &specs, &po);
	if (err == GIT_ENONFASTFORWARD) {
		git_error_clear();
		*refused = 1;
	} else if (err < 0) {
		ret = net_error(&sy->net, "push to", err);
	} else if (sy->net.refused && moved_meanwhile(sy->net.refused)) {
		*refused = 1;
	} else if (sy->net.refused) {
		ret = brm_error_set(BRM_ERROR, "'%s' refused the push: %s",
		    sy->net.url, sy->net.refused);
	}
	free(spec);
	return ret;
}

static int push(struct sync *sy, const git_oid *head,
    const git_oid *expected, int *refused)
{
	const char *url = git_remote_pushurl(sy->remote);
	git_reference *ref = NULL;
	char *path;
	int ret;

	*refused = 0;
	sy->net.url = url ? url : git_remote_url(sy->remote);
	if ((path = local_path(sy->net.url)))
		ret = push_local(sy, path, head, expected, refused);
	else
		ret = push_network(sy, refused);
	free(path);
	sy->net.url = git_remote_url(sy->remote);
	if (ret == 0 && !*refused) {
		if (!expected)
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

static int head_branch(git_repository *git, char **branch)
{
	git_reference *head = NULL;
	int ret = 0;

	*branch = NULL;
	if (git_reference_lookup(&head, git, "HEAD") < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot read HEAD: %s",
		    git_message());
	} else if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		ret = brm_error_set(BRM_ERROR, "HEAD is detached");
		brm_error_hint(ret, "check out a branch first: git switch "
		    "main");
	} else {
		*branch = brm_strdup(git_reference_symbolic_target(head));
	}
	git_reference_free(head);
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
	return head_branch(sy->git, &sy->branch);
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
		    name, git_message());
	sy->name = brm_strdup(name);
	sy->net.url = git_remote_url(sy->remote);
	sy->tracking = brm_xprintf("refs/remotes/%s/%s", name,
	    short_branch(sy->branch));
	sy->upstream = brm_xprintf("%s/%s", name, short_branch(sy->branch));
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
	free(sy->net.refused);
	summary_release(&sy->summary);
}

/* Let plain git know where the branch syncs to, unless it knows. */
static void set_upstream(struct sync *sy)
{
	git_config *cfg = NULL, *local = NULL;
	char *key = brm_xprintf("branch.%s.remote", short_branch(sy->branch));
	git_buf value = GIT_BUF_INIT;

	if (git_repository_config(&cfg, sy->git) == 0 &&
	    git_config_get_string_buf(&value, cfg, key) == GIT_ENOTFOUND &&
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) == 0 &&
	    git_config_set_string(local, key, sy->name) == 0) {
		free(key);
		key = brm_xprintf("branch.%s.merge", short_branch(sy->branch));
		git_config_set_string(local, key, sy->branch);
	}
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(local);
	git_config_free(cfg);
	free(key);
}

int brm_sync(struct brm_store *s, const char *remote,
    const struct brm_sync_progress *progress, struct brm_sync_report *rep)
{
	git_fetch_options fo;
	struct state st = { 0 };
	struct sync sy;
	git_oid theirs, tracking, head;
	size_t tries, ahead;
	int found = 0, have, refused, err, ret;

	memset(rep, 0, sizeof(*rep));
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	if ((ret = sync_open(&sy, s, rep)) < 0 ||
	    (ret = state_load(&st, sy.git, &found)) < 0)
		goto done;
	if (found && (strcmp(st.branch, sy.branch) ||
	    (remote && strcmp(remote, st.remote)))) {
		ret = brm_error_set(BRM_ECONFLICT, "a merge of %s/%s is "
		    "waiting for its conflicts to be resolved", st.remote,
		    short_branch(st.branch));
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
		sy.net.tried_agent = sy.net.tried_user = 0;
		net_callbacks(&fo.callbacks, &sy.net);
		if ((err = git_remote_fetch(sy.remote, NULL, &fo, NULL)) < 0) {
			ret = net_error(&sy.net, "fetch from", err);
			goto done;
		}
		have = git_reference_name_to_id(&tracking, sy.git,
		    sy.tracking) == 0;
		git_error_clear();
		if (have && (ret = integrate(&sy, &tracking, NULL)) < 0)
			goto done;
		if ((ret = head_oid(&sy, &head)) < 0)
			goto done;
		if (!(ahead = count_new(sy.git, have ? &tracking : NULL,
		    &head)))
			break;
		if ((ret = push(&sy, &head, have ? &tracking : NULL,
		    &refused)) < 0)
			goto done;
		if (!refused) {
			rep->pushed = ahead;
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
	rep->incoming = summary_text(&sy.summary);
	sync_close(&sy);
	state_release(&st);
	return ret;
}

int brm_sync_abort(struct brm_store *s, char **remote)
{
	struct brm_repo *repo;
	struct state st = { 0 };
	int found, ret;

	*remote = NULL;
	if ((ret = brm_store_repo(s, &repo)) < 0 ||
	    (ret = state_load(&st, brm_repo_git(repo), &found)) < 0)
		return ret;
	if (!found) {
		ret = brm_error_set(BRM_ENOTFOUND, "no merge is waiting for "
		    "its conflicts to be resolved");
		return brm_error_hint(ret, "there is nothing to abort");
	}
	state_remove(brm_repo_git(repo));
	*remote = brm_xprintf("%s/%s", st.remote, short_branch(st.branch));
	state_release(&st);
	return 0;
}

/* ---- resolving ---- */

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
static int find_target(const struct clist *cl, const struct state *st,
    const char *ref, char **path)
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
			kind_of_path(st->v[i].path, &id);
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

static void drop_choices(struct state *st, const char *path,
    const char *field)
{
	size_t i, j = 0;

	for (i = 0; i < st->n; i++) {
		struct choice *c = &st->v[i];

		if (!strcmp(c->path, path) && (!*field || !*c->field ||
		    !strcmp(c->field, field))) {
			free(c->path);
			free(c->field);
			free(c->value);
			continue;
		}
		st->v[j++] = *c;
	}
	st->n = j;
}

int brm_sync_resolve(struct brm_store *s, const char *ref, const char *field,
    enum brm_merge_side side, const char *value, struct brm_sync_report *rep,
    char **what)
{
	struct merged mo = { 0 };
	struct state st = { 0 };
	const struct brm_kind *kind;
	struct brm_node *v = NULL;
	struct sync sy;
	char *path = NULL, *id = NULL, *shown = NULL;
	git_oid head, theirs;
	size_t i;
	int found = 0, ret;

	*what = NULL;
	memset(rep, 0, sizeof(*rep));
	if ((ret = sync_open(&sy, s, rep)) < 0 ||
	    (ret = state_load(&st, sy.git, &found)) < 0)
		goto done;
	if (!found) {
		ret = brm_error_set(BRM_ENOTFOUND, "no merge is waiting for "
		    "its conflicts to be resolved");
		brm_error_hint(ret, "brm sync names the conflicts that brm "
		    "resolve settles");
		goto done;
	}
	rep->remote = brm_strdup(st.remote);
	rep->upstream = brm_xprintf("%s/%s", st.remote,
	    short_branch(st.branch));
	git_oid_fromstr(&theirs, st.theirs);
	if ((ret = head_oid(&sy, &head)) < 0 ||
	    (ret = merge_commits(sy.git, &head, &theirs, &st, &mo)) < 0 ||
	    (ret = find_target(&mo.conflicts, &st, ref, &path)) < 0)
		goto done;
	kind = kind_of_path(path, &id);
	if (side == BRM_MERGE_VALUE && !*field) {
		ret = brm_error_set(BRM_EUSAGE, "--value needs a field: a "
		    "whole record can only be taken from one side");
		goto done;
	}
	if (side == BRM_MERGE_VALUE &&
	    (ret = choice_value(&v, kind, field, value)) < 0)
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
	drop_choices(&st, path, field);
	state_add(&st, path, field, side, value);
	merged_release(&mo);
	if ((ret = merge_commits(sy.git, &head, &theirs, &st, &mo)) < 0)
		goto done;
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
	if ((ret = state_save(&st, sy.git, &mo.conflicts)) < 0)
		goto done;
	*what = *field ? brm_xprintf("%s %s: %s%s", id ? id : path, field,
	    side_names[side], shown ? shown : "") : brm_xprintf("%s: %s "
	    "(the whole %s)", id ? id : path, side_names[side],
	    kind && kind != &brm_kind_config ? "record" : "file");
	take_conflicts(rep, &mo.conflicts);
done:
	brm_node_free(v);
	merged_release(&mo);
	state_release(&st);
	sync_close(&sy);
	free(shown);
	free(path);
	free(id);
	return ret;
}

int brm_sync_saved_conflicts(struct brm_store *s, struct brm_sync_report *rep)
{
	char *path = brm_store_git_path(s, STATE_FILE);
	const struct brm_node *list, *c;
	struct brm_node *root = NULL;
	struct clist l = { 0 };
	const char *file, *field;
	size_t i;
	int ret = 0;

	memset(rep, 0, sizeof(*rep));
	if (access(path, F_OK) != 0)
		goto done;
	if ((ret = brm_yaml_load_file(&root, path, path)) < 0) {
		ret = bad_state(path, brm_error_last());
		goto done;
	}
	list = brm_node_get(root, "conflicts");
	for (i = 0; list && list->type == BRM_NODE_SEQ && i < list->n; i++) {
		c = list->items[i];
		file = brm_node_str(c, "path");
		field = brm_node_str(c, "field");
		if (!file || !field) {
			ret = bad_state(path, "a conflict is incomplete");
			break;
		}
		clist_add(&l, file, NULL, brm_node_str(c, "id"), field);
	}
	if (ret == 0)
		take_conflicts(rep, &l);
	clist_release(&l);
done:
	brm_node_free(root);
	free(path);
	return ret;
}

/* ---- cloning ---- */

/* "https://host/team/portfolio.git" -> "portfolio" */
char *brm_sync_clone_dir(const char *url)
{
	size_t len = strlen(url), start;

	while (len > 1 && url[len - 1] == '/')
		len--;
	if (len > 4 && !strncmp(url + len - 4, ".git", 4))
		len -= 4;
	while (len > 1 && url[len - 1] == '/')
		len--;
	for (start = len; start > 0 && url[start - 1] != '/' &&
	    url[start - 1] != ':'; start--)
		;
	if (start == len)
		return brm_strdup("portfolio");
	return brm_strndup(url + start, len - start);
}

static int install_driver(git_repository *git)
{
	git_config *cfg = NULL, *local = NULL;
	int ret = 0;

	if (git_repository_config(&cfg, git) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, "merge.brm.name",
	    "brm: merge records field by field") < 0 ||
	    git_config_set_string(local, "merge.brm.driver",
	    BRM_MERGE_DRIVER) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot set up the merge "
		    "driver: %s", git_message());
	git_config_free(local);
	git_config_free(cfg);
	return ret;
}

int brm_sync_install_driver(struct brm_repo *repo)
{
	return install_driver(brm_repo_git(repo));
}

/*
 * An empty clone: HEAD names the branch brm init would make (git's
 * init.defaultBranch, else "main"), the one the first sync then pushes,
 * rather than libgit2's "master".
 */
static int empty_clone_branch(git_repository *git)
{
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	char *ref;
	int err;

	if (git_repository_config_snapshot(&cfg, git) < 0 ||
	    git_config_get_string_buf(&value, cfg, "init.defaultBranch") < 0 ||
	    !value.size)
		git_error_clear();
	ref = brm_xprintf("%s%s", HEADS, value.size ? value.ptr : "main");
	if ((err = git_repository_set_head(git, ref)) < 0)
		err = brm_error_set(BRM_ERROR, "cannot set HEAD to '%s': %s",
		    ref, git_message());
	free(ref);
	git_buf_dispose(&value);
	git_config_free(cfg);
	return err;
}

/*
 * A bare repository made by 'git init --bare' names as HEAD a branch
 * that may not be the one pushed ("master" while brm pushed "main"):
 * libgit2 then clones without a branch.  Take the remote's main branch,
 * else its first one.
 */
static int adopt_branch(git_repository *git)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL, *local = NULL;
	git_checkout_options co;
	git_commit *c = NULL;
	char *name = NULL, *head = NULL;
	const char *prefix = "refs/remotes/origin/", *n;
	int err = 0;

	if (git_reference_iterator_glob_new(&it, git, "refs/remotes/origin/*"))
		return 0;
	while (git_reference_next(&r, it) == 0) {
		n = git_reference_name(r) + strlen(prefix);
		if (strcmp(n, "HEAD") && (!name || !strcmp(n, "main"))) {
			free(name);
			name = brm_strdup(n);
		}
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	if (!name)
		return empty_clone_branch(git);
	head = brm_xprintf("%s%s", prefix, name);
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_FORCE;
	if ((err = git_reference_lookup(&r, git, head)) < 0 ||
	    (err = git_commit_lookup(&c, git, git_reference_target(r))) < 0 ||
	    (err = git_branch_create(&local, git, name, c, 0)) < 0 ||
	    (err = git_branch_set_upstream(local, head + strlen(
	    "refs/remotes/"))) < 0 ||
	    (err = git_repository_set_head(git,
	    git_reference_name(local))) < 0 ||
	    (err = git_checkout_head(git, &co)) < 0)
		err = brm_error_set(BRM_ERROR, "cannot check out '%s': %s",
		    name, git_message());
	git_commit_free(c);
	git_reference_free(local);
	git_reference_free(r);
	free(head);
	free(name);
	return err;
}

int brm_sync_clone(const char *url, const char *dir,
    const struct brm_sync_progress *progress, char **dir_out,
    int *portfolio)
{
	git_clone_options co;
	struct net n = { 0 };
	git_repository *git = NULL;
	char *d = dir ? brm_strdup(dir) : brm_sync_clone_dir(url), *cfg = NULL;
	int err, ret = 0;

	*dir_out = NULL;
	*portfolio = 0;
	if (git_libgit2_init() < 0) {
		free(d);
		return brm_error_set(BRM_ERROR, "cannot initialise libgit2: "
		    "%s", git_message());
	}
	git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);
	n.progress = progress;
	n.url = url;
	net_callbacks(&co.fetch_opts.callbacks, &n);
	co.checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE;
	if ((err = git_clone(&git, url, d, &co)) < 0) {
		ret = net_error(&n, "clone", err);
		goto done;
	}
	if (git_repository_head_unborn(git) == 1 &&
	    (ret = adopt_branch(git)) < 0)
		goto done;
	if ((ret = install_driver(git)) < 0)
		goto done;
	cfg = brm_xprintf("%s/%s", d, BRM_CONFIG_PATH);
	*portfolio = access(cfg, F_OK) == 0;
	*dir_out = d;
	d = NULL;
done:
	free(n.refused);
	free(cfg);
	free(d);
	git_repository_free(git);
	git_libgit2_shutdown();
	return ret;
}

/* ---- the merge driver ---- */

static int read_all(const char *path, struct brm_buf *out)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		brm_buf_add(out, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	fclose(f);
	return 0;
}

static int overwrite(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : brm_error_set(BRM_ERROR, "cannot write '%s': %s",
	    path, strerror(errno));
}

/* git's own line merge, with conflict markers, into ours. */
static int text_merge(const struct brm_buf *b, const struct brm_buf *o,
    const struct brm_buf *t, const char *ours, const char *name,
    int *clean)
{
	git_merge_file_input bi, oi, ti;
	git_merge_file_options mo;
	git_merge_file_result res = { 0 };
	int ret;

	if (git_libgit2_init() < 0)
		return brm_error_set(BRM_ERROR, "cannot initialise libgit2: "
		    "%s", git_message());
	git_merge_file_input_init(&bi, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&oi, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&ti, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_options_init(&mo, GIT_MERGE_FILE_OPTIONS_VERSION);
	bi.ptr = b->data;
	bi.size = b->len;
	oi.ptr = o->data;
	oi.size = o->len;
	ti.ptr = t->data;
	ti.size = t->len;
	bi.path = oi.path = ti.path = name;
	mo.ancestor_label = "base";
	mo.our_label = "ours";
	mo.their_label = "theirs";
	if (git_merge_file(&res, &bi, &oi, &ti, &mo) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot merge '%s': %s", name,
		    git_message());
	} else {
		*clean = res.automergeable;
		ret = overwrite(ours, res.ptr, res.len);
	}
	git_merge_file_result_free(&res);
	git_libgit2_shutdown();
	return ret;
}

static int load_text(struct brm_node **out, const struct brm_buf *b,
    const char *name)
{
	size_t i;

	*out = NULL;
	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\n' &&
		    b->data[i] != '\t' && b->data[i] != '\r')
			return brm_yaml_load(out, b->data, b->len, name);
	return 0;	/* empty: the file is absent on that side */
}

static void note_value(struct brm_buf *notes, const char *side,
    const struct brm_node *n)
{
	char *s = brm_merge_show(n, SHOW_MAX);

	if (s)
		brm_buf_printf(notes, "%s '%s'", side, s);
	else
		brm_buf_printf(notes, "%s absent", side);
	free(s);
}

int brm_sync_merge_files(const char *base, const char *ours,
    const char *theirs, const char *path, struct brm_buf *notes,
    int *conflicted)
{
	struct brm_buf bd = BRM_BUF_INIT, od = BRM_BUF_INIT, td = BRM_BUF_INIT;
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_node *b = NULL, *o = NULL, *t = NULL;
	struct brm_merge m = BRM_MERGE_INIT;
	const struct brm_kind *kind = NULL;
	const char *name = path ? path : ours;
	char *id = NULL, *why = NULL;
	int ret, clean = 0, record_conflict = 0;
	size_t i;

	*conflicted = 1;
	if ((ret = read_all(base, &bd)) < 0 || (ret = read_all(ours, &od)) < 0 ||
	    (ret = read_all(theirs, &td)) < 0)
		goto done;
	if (path)
		kind = kind_of_path(path, &id);
	if (load_text(&b, &bd, name) < 0 || load_text(&o, &od, name) < 0 ||
	    load_text(&t, &td, name) < 0) {
		brm_buf_printf(notes, "%s: cannot merge it field by field: "
		    "%s\n", name, brm_error_last());
		brm_error_clear();
		goto text;
	}
	if (!kind && o && brm_node_str(o, "id") &&
	    (kind = brm_id_kind(brm_node_str(o, "id"))))
		id = brm_strdup(brm_node_str(o, "id"));
	brm_merge_trees(&m, kind, b, o, t);
	brm_merge_finish(&m);
	for (i = 0; i < m.n; i++) {
		brm_buf_printf(notes, "%s: conflict in %s: ", name,
		    *m.conflicts[i].field ? m.conflicts[i].field :
		    "the record");
		note_value(notes, "ours", m.conflicts[i].ours);
		note_value(notes, ", theirs", m.conflicts[i].theirs);
		brm_buf_putc(notes, '\n');
	}
	record_conflict = 1;
	if (m.n || !m.result)
		goto text;
	if (kind && *(why = invalid(kind, id, m.result, name))) {
		brm_buf_printf(notes, "%s: the merged record would be "
		    "invalid: %s\n", name, why);
		goto text;
	}
	record_conflict = 0;
	if ((ret = brm_yaml_emit(&out, m.result)) == 0 &&
	    (ret = overwrite(ours, out.data, out.len)) == 0)
		*conflicted = 0;
	goto done;
text:
	/* markers where the lines clash; a record conflict stays one even
	 * where the lines merged */
	ret = text_merge(&bd, &od, &td, ours, name, &clean);
	*conflicted = !clean || record_conflict;
done:
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
	brm_buf_release(&bd);
	brm_buf_release(&od);
	brm_buf_release(&td);
	brm_buf_release(&out);
	free(why);
	free(id);
	return ret;
}
