/*
 * clone.c - a clone of the team's portfolio (see clone.h): libgit2's
 * clone, then a branch checked out even where the remote's HEAD names
 * none, and the merge driver set up.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "clone.h"
#include "error.h"
#include "mergedriver.h"
#include "remote.h"
#include "repo.h"
#include "store.h"

#define HEADS "refs/heads/"

char *brm_clone_dir(const char *url)
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
		    ref, brm_repo_git_message());
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
		    name, brm_repo_git_message());
	git_commit_free(c);
	git_reference_free(local);
	git_reference_free(r);
	free(head);
	free(name);
	return err;
}

int brm_clone(const char *url, const char *dir,
    const struct brm_progress *progress, char **dir_out,
    int *portfolio)
{
	git_clone_options co;
	struct brm_remote n = { 0 };
	git_repository *git = NULL;
	char *d = dir ? brm_strdup(dir) : brm_clone_dir(url), *cfg = NULL;
	int err, ret = 0;

	*dir_out = NULL;
	*portfolio = 0;
	if (git_libgit2_init() < 0) {
		free(d);
		return brm_error_set(BRM_ERROR, "cannot initialise libgit2: "
		    "%s", brm_repo_git_message());
	}
	git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);
	n.progress = progress;
	n.url = url;
	brm_remote_callbacks(&co.fetch_opts.callbacks, &n);
	co.checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE;
	if ((err = git_clone(&git, url, d, &co)) < 0) {
		ret = brm_remote_error(&n, "clone", err);
		goto done;
	}
	if (git_repository_head_unborn(git) == 1 &&
	    (ret = adopt_branch(git)) < 0)
		goto done;
	if ((ret = brm_mergedriver_install_git(git)) < 0)
		goto done;
	cfg = brm_xprintf("%s/%s", d, BRM_CONFIG_PATH);
	*portfolio = access(cfg, F_OK) == 0;
	*dir_out = d;
	d = NULL;
done:
	brm_remote_release(&n);
	free(cfg);
	free(d);
	git_repository_free(git);
	git_libgit2_shutdown();
	return ret;
}
