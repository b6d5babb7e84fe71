/*
 * fault.h - crash points for the fault-injection build.
 *
 * BRM_CRASH_POINT("after-rename") marks a step of the write path.  In the
 * build made with -DBRM_FAULTS (make build/faults/brm) the process ends
 * there with _exit(99) when the environment variable BRM_CRASH_AT names
 * that point, as if the machine had stopped: no cleanup, no atexit, no
 * unlock but the kernel's.  In every other build it is nothing.
 *
 * The points, in the order a write passes them (tests/cli/710-crash.bats):
 *   after-tmp     the temporary file is written, not yet renamed
 *   after-rename  the record file is in place (or removed), nothing
 *                 committed
 *   after-blob    the blobs are in the object database
 *   after-commit  the commit object exists, the branch not moved
 *   after-ref     the branch moved, the index not refreshed
 *   before-index  the index is updated in memory, not yet written
 */
#ifndef BRM_FAULT_H
#define BRM_FAULT_H

#ifdef BRM_FAULTS
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void brm_crash_point(const char *point)
{
	const char *at = getenv("BRM_CRASH_AT");

	if (at && !strcmp(at, point))
		_exit(99);
}
#define BRM_CRASH_POINT(point) brm_crash_point(point)
#else
#define BRM_CRASH_POINT(point) ((void)0)
#endif

#endif
