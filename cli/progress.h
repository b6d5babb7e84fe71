/*
 * progress.h - a progress line on stderr, on a terminal only, for work
 * that takes more than a moment (syncs, clones, imports).  Quick work
 * shows nothing; a new stage starts a new line.
 */
#ifndef BRM_CLI_PROGRESS_H
#define BRM_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

#include "core/progress.h"

struct brm_cli_progress {
	struct brm_progress hook; /* give &hook to core */
	struct timespec start, last;
	const char *what;		/* the stage shown; NULL: none yet */
	int tty;
};

void brm_cli_progress_init(struct brm_cli_progress *p);
/* "<what>:  40% (400/1000)[, 12 KiB]", at most ten times a second. */
void brm_cli_progress_show(struct brm_cli_progress *p, const char *what,
    size_t done, size_t total, size_t bytes);
/* End the line, if one was shown. */
void brm_cli_progress_done(struct brm_cli_progress *p);

#endif
