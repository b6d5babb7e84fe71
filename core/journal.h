/*
 * journal.h - finishing a write that a crash interrupted.
 *
 * brm_store_commit() writes the journal <gitdir>/brm-pending before it
 * touches the work tree: each path with the git blob id of its new
 * content ("-" for a removal), the pid in its temporary file names, and
 * the commit message.  It removes the journal when the commit exists or
 * the files are restored.  A journal that the next writer finds (under the
 * writer lock, so its author is gone) means a brm process died half-way,
 * and brm_journal_recover() brings the portfolio to one of the two states
 * a write may leave, each record wholly there or wholly absent:
 *
 *  - no path holds its new content yet (died before the rename): nothing
 *    happened; its temporary files are removed;
 *  - every path holds its new content but HEAD does not (died between the
 *    rename and the branch update): the commit is made now with the
 *    journaled message, as the command would have (roll forward), since
 *    the work tree, which every brm command reads, shows it already;
 *  - HEAD holds the new content (died after the branch update): the index
 *    entries are refreshed so that 'git status' is clean;
 *  - some paths new, others not (a multi-file change cut short): the new
 *    ones are put back as HEAD has them (roll back).
 *
 * A path that holds neither (changed by hand since) is left alone: the
 * recovery stops with BRM_ECONFLICT, says which paths and how to settle
 * them, and the journal stays until they match HEAD again.
 */
#ifndef BRM_JOURNAL_H
#define BRM_JOURNAL_H

#include <stddef.h>

#include "repo.h"

#define BRM_JOURNAL_NAME "brm-pending"

/*
 * Write the journal file for changes (data NULL: removal) and message;
 * tmp_pid is the pid in the temporary files' names.  Errors (a full disk)
 * come before anything else is written.
 */
int brm_journal_begin(const char *file, long tmp_pid,
    const struct brm_change *changes, size_t n, const char *message);
/* Remove the journal file: the write is complete or undone. */
void brm_journal_end(const char *file);

/*
 * If file exists, recover as above in the work tree root through repo.
 * *note (malloc'd, or NULL) says what was done, for the user.
 */
int brm_journal_recover(const char *file, const char *root,
    struct brm_repo *repo, char **note);

#endif
