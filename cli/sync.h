/*
 * sync.h - what brm sync and brm resolve tell the person at the
 * terminal: what came in and went out, and the conflicts with the
 * command that settles each (the progress line: cli/progress.h).
 */
#ifndef BRM_CLI_SYNC_H
#define BRM_CLI_SYNC_H

#include "core/sync.h"

/* "from origin: 3 new meetings...", "pushed 2 commits to origin/main";
 * "up to date with origin/main" only when the sync was done: one that
 * failed tells only what did happen before it failed. */
void brm_cli_sync_report(const struct brm_sync_report *r, int done);
/* Each conflict, grouped by record, with the brm resolve command. */
void brm_cli_sync_conflicts(const struct brm_sync_report *r);

#endif
