#include <stdio.h>
#include <string.h>

#include "cli/sync.h"

void brm_cli_sync_report(const struct brm_sync_report *r, int done)
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
	} else if (r->created) {
		printf("created %s, with no commits new to %s\n",
		    r->upstream, r->remote);
		said = 1;
	}
	if (done && !said && r->upstream)
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
	if (c->reason && !*c->field && c->kind && !c->whole_only)
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
