/*
 * incoming.c - what a sync brought, told from the commits' Brm-Command
 * and Brm-Kind trailers (see incoming.h).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "incoming.h"
#include "schema.h"
#include "store.h"

static const struct {
	const char *command, *one, *many;
} phrases[] = {
	{ "init", "portfolio created", "portfolios created" },
	{ "add-customer", "new customer", "new customers" },
	{ "add-contact", "new contact", "new contacts" },
	{ "add-service", "new service", "new services" },
	{ "subscribe", "new subscription", "new subscriptions" },
	{ "add-requirement", "new requirement", "new requirements" },
	{ "log-meeting", "new meeting", "new meetings" },
	{ "add-action", "new action item", "new action items" },
	{ "done-action", "action item done", "action items done" },
	{ "record-complaint", "new complaint", "new complaints" },
	{ "ack-complaint", "complaint acknowledged",
	  "complaints acknowledged" },
	{ "resolve-complaint", "complaint resolved", "complaints resolved" },
	{ "close-complaint", "complaint closed", "complaints closed" },
	{ "reopen-complaint", "complaint reopened", "complaints reopened" },
	{ "record-praise", "new praise", "new praise" },
	{ "record-survey", "new survey", "new surveys" },
	{ "record-value-add", "new value-added service",
	  "new value-added services" },
	{ "record-event", "new event", "new events" },
	{ "add-supplier", "new supplier", "new suppliers" },
	{ "add-contract", "new supplier contract", "new supplier contracts" },
	{ "audit-supplier", "new audit", "new audits" },
	{ "open-dispute", "new dispute", "new disputes" },
	{ "escalate-dispute", "dispute escalated", "disputes escalated" },
	{ "resolve-dispute", "dispute resolved", "disputes resolved" },
	{ "add-third-party", "new third party", "new third parties" },
};

struct brm_incoming_tally {
	char *one, *many;
	size_t n;
};

static void tally(struct brm_incoming *s, char *one, char *many)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->t[i].one, one)) {
			s->t[i].n++;
			free(one);
			free(many);
			return;
		}
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 8;
		s->t = brm_realloc(s->t, s->alloc * sizeof(*s->t));
	}
	s->t[s->n++] = (struct brm_incoming_tally){ one, many, 1 };
}

static void add_author(struct brm_incoming *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_authors; i++)
		if (!strcmp(s->authors[i], name))
			return;
	s->authors = brm_realloc(s->authors, (s->n_authors + 1) *
	    sizeof(*s->authors));
	s->authors[s->n_authors++] = brm_strdup(name);
}

/* One commit's contribution, from its trailers. */
static void tally_commit(struct brm_incoming *s, const char *message)
{
	git_message_trailer_array tr = { 0 };
	const char *command = NULL, *kind_name = NULL;
	const struct brm_kind *kind;
	size_t i;

	if (git_message_trailers(&tr, message) == 0)
		for (i = 0; i < tr.count; i++) {
			if (!strcmp(tr.trailers[i].key, "Brm-Command"))
				command = tr.trailers[i].value;
			else if (!strcmp(tr.trailers[i].key, "Brm-Kind"))
				kind_name = tr.trailers[i].value;
		}
	git_error_clear();
	kind = kind_name ? brm_kind_lookup(kind_name) : NULL;
	for (i = 0; command && i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (!strcmp(phrases[i].command, command))
			break;
	if (command && i < sizeof(phrases) / sizeof(phrases[0]))
		tally(s, brm_strdup(phrases[i].one),
		    brm_strdup(phrases[i].many));
	else if (command && kind && !strcmp(command, "rm"))
		tally(s, brm_xprintf("%s removed", kind->name),
		    brm_xprintf("%s removed", kind->plural));
	else if (command && kind && (!strcmp(command, "set") ||
	    !strcmp(command, "edit")))
		tally(s, brm_xprintf("%s changed", kind->name),
		    brm_xprintf("%s changed", kind->plural));
	else if (command && kind)
		tally(s, brm_xprintf("change to a %s", kind->name),
		    brm_xprintf("changes to %s", kind->plural));
	else
		tally(s, brm_strdup("other commit"),
		    brm_strdup("other commits"));
	git_message_trailer_array_free(&tr);
}

/* "3 new meetings, 1 complaint resolved by Olga Test and Ivan Petrov" */
char *brm_incoming_text(const struct brm_incoming *s)
{
	struct brm_buf b = BRM_BUF_INIT;
	size_t i;

	if (!s->n)
		return NULL;
	for (i = 0; i < s->n; i++)
		brm_buf_printf(&b, "%s%zu %s", i ? ", " : "", s->t[i].n,
		    s->t[i].n == 1 ? s->t[i].one : s->t[i].many);
	for (i = 0; i < s->n_authors; i++)
		brm_buf_printf(&b, "%s%s", i == 0 ? " by " :
		    i + 1 == s->n_authors ? " and " : ", ", s->authors[i]);
	return brm_buf_detach(&b);
}

void brm_incoming_release(struct brm_incoming *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->t[i].one);
		free(s->t[i].many);
	}
	free(s->t);
	brm_strv_free(s->authors, s->n_authors);
	memset(s, 0, sizeof(*s));
}

/* Tally the commits reachable from to but not from from, oldest first;
 * returns how many there were (merges not counted). */
size_t brm_incoming_add(struct brm_incoming *s, git_repository *git,
    const git_oid *from, const git_oid *to)
{
	git_revwalk *walk = NULL;
	git_commit *c;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_REVERSE) < 0 || git_revwalk_push(walk, to) < 0 ||
	    (from && git_revwalk_hide(walk, from) < 0))
		goto done;
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&c, git, &id) < 0)
			break;
		if (git_commit_parentcount(c) < 2) {
			tally_commit(s, git_commit_message(c));
			add_author(s, git_commit_author(c)->name);
			n++;
		}
		git_commit_free(c);
	}
done:
	git_error_clear();
	git_revwalk_free(walk);
	return n;
}
