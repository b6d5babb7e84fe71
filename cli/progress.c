#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/progress.h"

#define PROGRESS_DELAY_MS 700
#define PROGRESS_EVERY_MS 100

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000L +
	    (now.tv_nsec - t->tv_nsec) / 1000000L;
}

void brm_cli_progress_show(struct brm_cli_progress *p, const char *what,
    size_t done, size_t total, size_t bytes)
{
	unsigned pct = total ? (unsigned)(done * 100 / total) : 100;

	if (!p->tty || ms_since(&p->start) < PROGRESS_DELAY_MS)
		return;
	if (p->what && !strcmp(p->what, what) && done < total &&
	    ms_since(&p->last) < PROGRESS_EVERY_MS)
		return;
	if (p->what && strcmp(p->what, what))
		fputc('\n', stderr);
	p->what = what;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	fprintf(stderr, "\r%s: %3u%% (%zu/%zu)", what, pct, done, total);
	if (bytes >= 1024 * 1024)
		fprintf(stderr, ", %.2f MiB", bytes / (1024.0 * 1024.0));
	else if (bytes)
		fprintf(stderr, ", %zu KiB", (bytes + 1023) / 1024);
	fflush(stderr);
}

static void on_progress(const char *what, size_t done, size_t total,
    size_t bytes, void *payload)
{
	brm_cli_progress_show(payload, what, done, total, bytes);
}

void brm_cli_progress_init(struct brm_cli_progress *p)
{
	memset(p, 0, sizeof(*p));
	p->hook.fn = on_progress;
	p->hook.payload = p;
	p->tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void brm_cli_progress_done(struct brm_cli_progress *p)
{
	if (p->what)
		fputs(", done.\n", stderr);
	p->what = NULL;
}
