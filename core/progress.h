/*
 * progress.h - how core reports progress on long work (transfers,
 * checking an import) without printing: the CLI gives a hook
 * (cli/progress.h draws the line).
 */
#ifndef BRM_CORE_PROGRESS_H
#define BRM_CORE_PROGRESS_H

#include <stddef.h>

/* Called as work advances: what ("Receiving objects", "checking"), how
 * much of total is done, and bytes moved (0 when not a transfer). */
struct brm_progress {
	void (*fn)(const char *what, size_t done, size_t total, size_t bytes,
	    void *payload);
	void *payload;
};

#endif
