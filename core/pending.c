/*
 * pending.c - the pending merge kept in <gitdir>/brm-merge/state.yaml
 * (see pending.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "pending.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "sync.h"
#include "formats/yaml.h"

#define STATE_DIR "brm-merge"
#define STATE_FILE STATE_DIR "/state.yaml"

static const char *const side_names[] = { "ours", "theirs", "value" };

void brm_pending_release(struct brm_pending *st)
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

void brm_pending_add(struct brm_pending *st, const char *path,
    const char *field, enum brm_merge_side side, const char *value)
{
	struct brm_pending_choice *c;

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
	brm_error_set(BRM_EINVALID, "the pending merge in '%s' is damaged: "
	    "%s", path, what);
	return brm_error_hint(BRM_EINVALID, "drop it with 'brm sync --abort' "
	    "and sync again");
}

/*
 * The loader's "<path>:<line>:<col>: <problem>" told as "<problem>
 * (<path>:<line>:<col>)" after what is damaged.  The message is copied
 * first: it lives in the slot that bad_state() writes.
 */
static int bad_yaml(const char *path)
{
	char *msg = brm_strdup(brm_error_last()), *problem = NULL, *what;
	size_t n = strlen(path);
	int ret;

	if (!strncmp(msg, path, n) && msg[n] == ':')
		problem = strstr(msg + n, ": ");
	if (problem) {
		*problem = '\0';
		what = brm_xprintf("%s (%s)", problem + 2, msg);
	} else {
		what = brm_strdup(msg);
	}
	ret = bad_state(path, what);
	free(what);
	free(msg);
	return ret;
}

static int state_parse(struct brm_pending *st, const struct brm_node *root,
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
		brm_pending_add(st, brm_node_str(c, "path"),
		    brm_node_str(c, "field"), (enum brm_merge_side)s,
		    brm_node_str(c, "value"));
	}
	return 0;
}

int brm_pending_load(struct brm_pending *st, git_repository *git, int *found)
{
	struct brm_node *root = NULL;
	char *path = state_path(git);
	int ret = 0;

	*found = 0;
	if (access(path, F_OK) != 0)
		goto done;
	ret = brm_yaml_load_file(&root, path, path);
	if (ret == BRM_EINVALID)
		ret = bad_yaml(path);
	if (ret < 0)
		goto done;
	if ((ret = state_parse(st, root, path)) < 0) {
		brm_pending_release(st);
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

int brm_pending_save(const struct brm_pending *st, git_repository *git,
    const struct brm_sync_conflict *conflicts, size_t n_conflicts)
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
	for (i = 0; i < n_conflicts; i++) {
		const struct brm_sync_conflict *c = &conflicts[i];

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

void brm_pending_remove(git_repository *git)
{
	char *dir = brm_xprintf("%s%s", git_repository_path(git), STATE_DIR);
	char *path = state_path(git);

	unlink(path);
	rmdir(dir);
	free(dir);
	free(path);
}

const struct brm_pending_choice *brm_pending_whole(
    const struct brm_pending *st, const char *path)
{
	size_t i;

	for (i = 0; st && i < st->n; i++)
		if (!strcmp(st->v[i].path, path) && !*st->v[i].field)
			return &st->v[i];
	return NULL;
}

int brm_pending_value(struct brm_node **out, const struct brm_kind *kind,
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

void brm_pending_drop(struct brm_pending *st, const char *path,
    const char *field)
{
	size_t i, j = 0;

	for (i = 0; i < st->n; i++) {
		struct brm_pending_choice *c = &st->v[i];

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

const char *brm_pending_side_name(enum brm_merge_side side)
{
	return side_names[side];
}

char *brm_pending_upstream(const struct brm_pending *st)
{
	return brm_xprintf("%s/%s", st->remote,
	    brm_repo_short_branch(st->branch));
}

int brm_pending_conflicts(struct brm_store *s, struct brm_sync_report *rep)
{
	char *path = brm_store_git_path(s, STATE_FILE);
	const struct brm_node *list, *c;
	struct brm_sync_conflict *x;
	struct brm_node *root = NULL;
	const char *file, *field, *id;
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
	if (!list || list->type != BRM_NODE_SEQ)
		goto done;
	rep->conflicts = brm_calloc(list->n + 1, sizeof(*rep->conflicts));
	for (i = 0; i < list->n; i++) {
		c = list->items[i];
		file = brm_node_str(c, "path");
		field = brm_node_str(c, "field");
		id = brm_node_str(c, "id");
		if (!file || !field) {
			ret = bad_state(path, "a conflict is incomplete");
			break;
		}
		x = &rep->conflicts[rep->n_conflicts++];
		x->path = brm_strdup(file);
		x->id = brm_strdup(id ? id : file);
		x->field = brm_strdup(field);
	}
	if (ret < 0)
		brm_sync_report_release(rep);
done:
	brm_node_free(root);
	free(path);
	return ret;
}
