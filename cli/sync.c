#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/sync.h"

#define PROGRESS_DELAY_MS 700
#define PROGRESS_EVERY_MS 100

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000L +
	    (now.tv_nsec - t->tv_nsec) / 1000000L;
}

static void on_progress(const char *what, size_t done, size_t total,
    size_t bytes, void *payload)
{
	struct brm_cli_progress *p = payload;
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

void brm_cli_sync_report(const struct brm_sync_report *r)
{
	size_t i;
	int said = 0;

	if (r->resumed) {
		printf("merged %s, with the conflicts resolved\n",
		    r->upstream);
		said = 1;
	}
	if (r->incoming) {
		printf("from %s: %s\n", r->remote, r->incoming);
		said = 1;
	}
	if (r->n_records) {
		printf("merged field by field:");
		for (i = 0; i < r->n_records; i++)
			printf(" %s", r->records[i]);
		putchar('\n');
	}
	if (r->pushed) {
		printf("pushed %zu commit%s to %s%s\n", r->pushed,
		    r->pushed == 1 ? "" : "s", r->upstream,
		    r->created ? " (a new branch)" : "");
		said = 1;
	}
	if (!said && !r->n_conflicts && r->upstream)
		printf("up to date with %s\n", r->upstream);
}

static void side(const char *name, const char *v, int whole)
{
	if (whole)
		printf("%s %s it", name, v ? "changed" : "deleted");
	else if (v)
		printf("%s '%s'", name, v);
	else
		printf("%s (absent)", name);
}

static void one(const struct brm_sync_conflict *c)
{
	int whole = !*c->field;

	if (c->reason) {
		printf("  %s%s%s\n", c->field, whole ? "" : ": ", c->reason);
		return;
	}
	printf("  %s: ", whole ? "the record" : c->field);
	side("ours", c->ours, whole);
	side(", theirs", c->theirs, whole);
	if (!whole && c->base)
		printf(" (was '%s')", c->base);
	putchar('\n');
}

static void how(const struct brm_sync_conflict *c)
{
	if (c->reason && !*c->field && c->kind && !strstr(c->reason,
	    "field by field"))
		printf("    mend a field: brm resolve %s <field> --ours|--theirs"
		    "|--value <value>\n    or take one side whole: brm "
		    "resolve %s --ours|--theirs\n", c->id, c->id);
	else if (!*c->field)
		printf("    pick one: brm resolve %s --ours|--theirs\n",
		    c->id);
	else
		printf("    pick one: brm resolve %s %s --ours|--theirs|"
		    "--value <value>\n", c->id, c->field);
}

void brm_cli_sync_conflicts(const struct brm_sync_report *r)
{
	const struct brm_sync_conflict *c;
	size_t i;

	if (!r->n_conflicts)
		return;
	printf("%zu conflict%s between this clone (ours) and %s (theirs):\n",
	    r->n_conflicts, r->n_conflicts == 1 ? "" : "s", r->upstream);
	for (i = 0; i < r->n_conflicts; i++) {
		c = &r->conflicts[i];
		if (i == 0 || strcmp(c->path, r->conflicts[i - 1].path)) {
			if (c->kind)
				printf("conflict in %s %s (%s):\n", c->kind,
				    c->id, c->path);
			else
				printf("conflict in %s:\n", c->path);
		}
		one(c);
		how(c);
	}
}
