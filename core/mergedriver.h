/*
 * mergedriver.h - git's merge driver for records, so that a plain 'git
 * merge' or 'git pull' merges records field by field as brm sync does.
 *
 * The shared ".gitattributes" (brm init writes it) says "*.yaml
 * merge=brm"; each clone's own config says which command that is
 * (merge.brm.driver), set up by brm init and brm clone.  git then runs
 * 'brm merge-driver', which calls brm_mergedriver_merge().
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_MERGEDRIVER_H
#define BRM_MERGEDRIVER_H

#include "buf.h"

struct brm_repo;
struct git_repository;

/* Set merge.brm.driver and merge.brm.name in the repository's config, for
 * the "*.yaml merge=brm" line of .gitattributes. */
#define BRM_MERGE_DRIVER "brm merge-driver %O %A %B %P"
int brm_mergedriver_install(struct brm_repo *repo);
/* The same, for a repository brm has not opened (core/clone.c). */
int brm_mergedriver_install_git(struct git_repository *git);

/*
 * git's merge driver: merge the files base, ours and theirs (git's %O %A
 * %B) record by record and write the result to ours.  path (%P, may be
 * NULL) tells the record's kind.  On a conflict, or input brm cannot
 * read as a record, ours receives git's textual merge with conflict
 * markers and *conflicted is 1; notes says why, a line each.
 */
int brm_mergedriver_merge(const char *base, const char *ours,
    const char *theirs, const char *path, struct brm_buf *notes,
    int *conflicted);

#endif
