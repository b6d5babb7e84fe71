/*
 * sync.h - what brm sync, clone and resolve tell the person at the
 * terminal: a progress line for slow transfers, what came in and went
 * out, and the conflicts with the command that settles each.
 */
#ifndef BRM_CLI_SYNC_H
#define BRM_CLI_SYNC_H

#include <time.h>

#include "core/sync.h"

/* A progress line on stderr, on a terminal only, for transfers that
 * take more than a moment. */
struct brm_cli_progress {
	struct brm_sync_progress hook;	/* give &hook to core/sync.h */
	struct timespec start, last;
	const char *what;		/* the stage shown; NULL: none yet */
	int tty;
};

void brm_cli_progress_init(struct brm_cli_progress *p);
/* End the line, if one was shown. */
void brm_cli_progress_done(struct brm_cli_progress *p);

/* "from origin: 3 new meetings...", "pushed 2 commits to origin/main". */
void brm_cli_sync_report(const struct brm_sync_report *r);
/* Each conflict, grouped by record, with the brm resolve command. */
void brm_cli_sync_conflicts(const struct brm_sync_report *r);

#endif
