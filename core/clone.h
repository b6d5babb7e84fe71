/*
 * clone.h - a clone of the team's portfolio, ready for brm sync and for
 * plain git merges through brm's merge driver (core/mergedriver.h).
 *
 * Library code: nothing is printed; messages go to core/error.h.
 */
#ifndef BRM_CLONE_H
#define BRM_CLONE_H

#include "remote.h"

/* The directory a clone of url goes to by default: the url's last
 * component without .git ("portfolio" when there is none); malloc'd. */
char *brm_clone_dir(const char *url);

/*
 * Clone url into dir (NULL: brm_clone_dir(url);
 * *dir_out receives the directory used, malloc'd) and set up the merge
 * driver.  *portfolio is 1 when the clone is a brm portfolio (it may be
 * empty, or some other repository).
 */
int brm_clone(const char *url, const char *dir,
    const struct brm_progress *progress, char **dir_out,
    int *portfolio);

#endif
