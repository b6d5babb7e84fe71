/*
 * remote.h - talking to a git remote through libgit2, for clone and sync:
 * credentials, progress, the errors a person can act on, fetching and
 * pushing.
 *
 * Credentials are the keys in ssh-agent: libgit2 cannot ask git's
 * credential helpers, so an https remote that wants a password fails
 * with a hint to use the ssh URL.
 *
 * A remote on this machine (a path or file:// URL) is pushed to with a
 * compare-and-swap of its branch, because libgit2 1.5's local transport
 * overwrites the branch unconditionally and two racing pushes could lose
 * one.
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_REMOTE_H
#define BRM_REMOTE_H

#include <stddef.h>

#include "progress.h"

struct git_oid;
struct git_remote;
struct git_remote_callbacks;
struct git_repository;


/* The state of the transfers with one remote; zero it first. */
struct brm_remote {
	const struct brm_progress *progress;	/* may be NULL */
	const char *url;	/* for messages; borrowed */
	int tried_agent, tried_user, auth_failed;
	char *refused;		/* why the remote refused our update */
};

void brm_remote_release(struct brm_remote *n);

/* Have libgit2's transfers through cb ask n for credentials and report
 * progress and refusals to it. */
void brm_remote_callbacks(struct git_remote_callbacks *cb,
    struct brm_remote *n);
/* The message for err, a failed transfer of what ("clone", "fetch
 * from"...): authentication and certificate failures with a hint. */
int brm_remote_error(struct brm_remote *n, const char *what, int err);

/* Is url a path on this machine ("../team.git", "/srv/team.git"), not
 * a URL ("file://", "ssh://", scp-like "host:path")?  A relative one is
 * taken from the directory the user means, as git does. */
int brm_remote_is_path(const char *url);

/* Fetch remote's branches (its refspecs) into the remote-tracking refs. */
int brm_remote_fetch(struct brm_remote *n, struct git_remote *remote);

/*
 * Set branch ("refs/heads/main") on remote to head, at the remote's push
 * URL if it has one.  *refused is 1 when the remote holds commits head
 * lacks, or moved meanwhile (fetch, integrate and push again); other
 * refusals are errors.
 */
int brm_remote_push(struct brm_remote *n, struct git_repository *git,
    struct git_remote *remote, const char *branch,
    const struct git_oid *head, int *refused);

#endif
