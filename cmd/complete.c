/*
 * brm __complete WORD...: completion candidates, one per line, for the
 * shell scripts in completions/ (the protocol is in cmd/complete.h).
 * Command names come from the command table; options, their values and
 * operands from the command's own option table (its BRM_OPERAND rows and
 * its synopsis); values from the schema and ids from the store.  So a new
 * command, option or field needs no change here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "cmd/complete.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/pending.h"
#include "core/record.h"
#include "core/rows.h"
#include "core/sync.h"
#include "core/where.h"

struct brm_completion {
	struct brm_ctx *ctx;
	char **words;		/* after the command name */
	int nwords;		/* the last one is being completed */
	const char *cur;	/* what candidates must start with */
	const char *pre;	/* put before each: "--severity=", "kind=" */
	char **operands;	/* the operands before the cursor */
	int noperands;
	int any;		/* something was offered */
};

void brm_complete_add(struct brm_completion *c, const char *cand)
{
	if (strncmp(cand, c->cur, strlen(c->cur)))
		return;
	/* hundreds of ids at a time: no format to interpret */
	fputs(c->pre, stdout);
	fputs(cand, stdout);
	putchar('\n');
	c->any = 1;
}

const char *brm_complete_word(const struct brm_completion *c)
{
	return c->cur;
}

const char *brm_complete_operand(const struct brm_completion *c, int i)
{
	return i >= 0 && i < c->noperands ? c->operands[i] : NULL;
}

struct brm_store *brm_complete_store(struct brm_completion *c)
{
	struct brm_store *s;

	if (brm_ctx_store(c->ctx, &s) < 0) {
		brm_error_clear();
		return NULL;
	}
	return s;
}

/* Let the shell complete a path: the whole answer, so only if nothing
 * else was offered. */
static void complete_path(struct brm_completion *c, int dirs)
{
	if (!c->any)
		printf("%s\n", dirs ? ":dirs" : ":files");
	c->any = 1;
}

void brm_complete_commands(struct brm_completion *c)
{
	const struct brm_cmd *cmd;

	for (cmd = brm_commands; cmd->name; cmd++)
		if (!(cmd->flags & BRM_CMD_HIDDEN))
			brm_complete_add(c, cmd->name);
}

static void complete_words(struct brm_completion *c, const char *list)
{
	char *copy = brm_strdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, "|", &save); tok;
	    tok = strtok_r(NULL, "|", &save))
		brm_complete_add(c, tok);
	free(copy);
}

/* The ids of kinds ("customer|supplier"; NULL: every kind) that meet
 * where (NULL: all). */
static void complete_ids(struct brm_completion *c, const char *kinds,
    const char *where)
{
	const struct brm_kind *const *k;
	struct brm_store *s = brm_complete_store(c);
	char **ids;
	size_t n, i;

	if (!s)
		return;
	for (k = brm_kinds; *k; k++) {
		if (kinds && !brm_word_in(kinds, (*k)->name))
			continue;
		if (where)
			brm_store_ids_where(s, *k, where, c->cur, &ids, &n);
		else
			brm_store_ids_prefix(s, *k, c->cur, &ids, &n);
		for (i = 0; i < n; i++)
			brm_complete_add(c, ids[i]);
		brm_strv_free(ids, n);
	}
}

void brm_complete_kinds(struct brm_completion *c)
{
	const struct brm_kind *const *k;
	const struct brm_view *v;
	size_t i;

	for (k = brm_kinds; *k; k++)
		brm_complete_add(c, (*k)->plural);
	for (i = 0; (v = brm_view_at(i)); i++)
		brm_complete_add(c, v->name);
}

/* The values field f takes, for "field=<TAB>" and "--opt <TAB>". */
static void complete_field_value(struct brm_completion *c,
    const struct brm_field *f)
{
	switch (f->type) {
	case BRM_F_ENUM:
		complete_words(c, f->arg);
		break;
	case BRM_F_BOOL:
		complete_words(c, "true|false");
		break;
	case BRM_F_REF:
		complete_ids(c, f->arg, NULL);
		break;
	case BRM_F_DATE:
		complete_words(c, "today");
		break;
	default:
		break;
	}
}

/* Fields of one level: "field=", or "map." for a mapping. */
static void complete_field_names(struct brm_completion *c,
    const struct brm_field *f, const char *base)
{
	char cand[192];

	for (; f && f->name; f++) {
		if (f->flags & BRM_FIELD_AUTO)
			continue;
		snprintf(cand, sizeof(cand), "%s%s%s", base, f->name,
		    f->type == BRM_F_MAP ? "." : "=");
		brm_complete_add(c, cand);
	}
}

void brm_complete_fields(struct brm_completion *c)
{
	const struct brm_kind *kind;
	const struct brm_field *f;
	struct brm_store *s = brm_complete_store(c);
	const char *ref = brm_complete_operand(c, 0), *eq, *dot, *last;
	char *id, *path, *pre;
	const char *cur = c->cur, *old_pre = c->pre;

	if (!s || !ref || brm_store_resolve(s, ref, NULL, &kind, &id) < 0) {
		brm_error_clear();
		return;
	}
	free(id);
	if ((eq = strchr(cur, '='))) {
		path = brm_strndup(cur, (size_t)(eq - cur));
		if ((f = brm_field_at(kind, path)) &&
		    !(f->flags & BRM_FIELD_AUTO)) {
			pre = brm_xprintf("%s%s=", c->pre, path);
			c->pre = pre;
			c->cur = eq + 1;
			complete_field_value(c, f);
			c->cur = cur;
			c->pre = old_pre;
			free(pre);
		}
		free(path);
		return;
	}
	if (!(dot = strrchr(cur, '.'))) {
		complete_field_names(c, kind->fields, "");
		return;
	}
	/* "review.ca": the fields of the mapping review; "revenue.0.": of
	 * an item of the list revenue (whose index is for the user) */
	path = brm_strndup(cur, (size_t)(dot - cur));
	f = brm_field_at(kind, path);
	last = strrchr(path, '.');
	last = last ? last + 1 : path;
	if (f && f->type == BRM_F_MAP && !(f->flags & BRM_FIELD_AUTO) &&
	    (!(f->flags & BRM_FIELD_LIST) || strspn(last, "0123456789") ==
	    strlen(last))) {
		pre = brm_xprintf("%s.", path);
		complete_field_names(c, f->sub, pre);
		free(pre);
	}
	free(path);
}

/* The conflicts the pending merge waits on, as brm sync saved them;
 * none outside a portfolio or when they cannot be read. */
static void saved_conflicts(struct brm_completion *c,
    struct brm_sync_report *rep)
{
	struct brm_store *s = brm_complete_store(c);

	memset(rep, 0, sizeof(*rep));
	if (s && brm_pending_conflicts(s, rep) < 0)
		brm_error_clear();
}

void brm_complete_conflicts(struct brm_completion *c)
{
	struct brm_sync_report rep;
	size_t i, j;

	saved_conflicts(c, &rep);
	/* a record with several fields in conflict is offered once */
	for (i = 0; i < rep.n_conflicts; i++) {
		for (j = 0; j < i && strcmp(rep.conflicts[j].id,
		    rep.conflicts[i].id); j++)
			;
		if (j == i)
			brm_complete_add(c, rep.conflicts[i].id);
	}
	brm_sync_report_release(&rep);
}

/* The file in conflict that ref names, as brm resolve takes it: an id
 * or the path, else a unique prefix of an id; NULL if none. */
static const char *conflict_file(const struct brm_sync_report *rep,
    const char *ref)
{
	const struct brm_sync_conflict *x;
	const char *file = NULL;
	size_t i;

	for (i = 0; i < rep->n_conflicts; i++) {
		x = &rep->conflicts[i];
		if (!strcmp(x->id, ref) || !strcmp(x->path, ref))
			return x->path;
	}
	for (i = 0; i < rep->n_conflicts; i++) {
		x = &rep->conflicts[i];
		if (strncmp(x->id, ref, strlen(ref)))
			continue;
		if (file && strcmp(file, x->path))
			return NULL;
		file = x->path;
	}
	return file;
}

void brm_complete_conflict_fields(struct brm_completion *c)
{
	const char *ref = brm_complete_operand(c, 0), *file;
	struct brm_sync_report rep;
	size_t i;

	if (!ref)
		return;
	saved_conflicts(c, &rep);
	file = conflict_file(&rep, ref);
	/* a whole-record conflict (field "") takes no field */
	for (i = 0; file && i < rep.n_conflicts; i++)
		if (!strcmp(rep.conflicts[i].path, file) &&
		    *rep.conflicts[i].field)
			brm_complete_add(c, rep.conflicts[i].field);
	brm_sync_report_release(&rep);
}

void brm_complete_conflict_value(struct brm_completion *c)
{
	const char *ref = brm_complete_operand(c, 0), *file;
	const char *field = brm_complete_operand(c, 1);
	const struct brm_field *f;
	const struct brm_kind *k;
	struct brm_sync_report rep;
	size_t i;
	char *id = NULL;

	if (!ref || !field)
		return;
	saved_conflicts(c, &rep);
	file = conflict_file(&rep, ref);
	/* only a field in conflict; the saved conflicts name no kind, the
	 * path says it */
	for (i = 0; file && i < rep.n_conflicts; i++)
		if (!strcmp(rep.conflicts[i].path, file) &&
		    !strcmp(rep.conflicts[i].field, field))
			break;
	if (file && i < rep.n_conflicts &&
	    (k = brm_record_of_path(file, &id)) &&
	    (f = brm_field_at(k, field)))
		complete_field_value(c, f);
	free(id);
	brm_sync_report_release(&rep);
}

/* ---- operands ---- */

/* Word n of an operand spec ("<customer> [<name>...]"); a repeated last
 * word stands for every later one.  *at is the index of the word. */
static char *spec_word(const char *spec, int n, int *at)
{
	char *copy = brm_strdup(spec ? spec : ""), *tok, *save = NULL;
	char *last = NULL, *found = NULL;
	int i = 0;

	for (tok = strtok_r(copy, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save), i++) {
		last = tok;
		if (i == n) {
			found = tok;
			break;
		}
	}
	if (!found && last && strstr(last, "...")) {
		found = last;
		n = i - 1;
	}
	found = found ? brm_strdup(found) : NULL;
	*at = n;
	free(copy);
	return found;
}

/* "[<dir>]" -> "dir"; "[monthly|customer]" -> "monthly|customer". */
static void placeholder(const char *word, char *out, size_t size)
{
	const char *lt = strchr(word, '<'), *gt;

	if (lt && (gt = strchr(lt, '>')))
		snprintf(out, size, "%.*s", (int)(gt - lt - 1), lt + 1);
	else {
		word += *word == '[';
		snprintf(out, size, "%.*s", (int)strcspn(word, "]."), word);
	}
}

static void complete_declared(struct brm_completion *c,
    const struct brm_operand *o, int n)
{
	const char *before = brm_complete_operand(c, n - 1);

	if (o->after && (!before || !brm_word_in(o->after, before)))
		return;
	if (o->flags & (BRM_COMPLETE_FILES | BRM_COMPLETE_DIRS))
		complete_path(c, (o->flags & BRM_COMPLETE_DIRS) != 0);
	else if (o->complete)
		o->complete(c);
	else if (o->kinds)
		complete_ids(c, o->kinds, o->where);
}

static void complete_operand(struct brm_completion *c,
    const struct brm_usage *u, int n)
{
	const struct brm_operand *o;
	const struct brm_kind *k;
	char *word, name[64];
	int at;

	if (!(word = spec_word(u->operands, n, &at)))
		return;
	placeholder(word, name, sizeof(name));
	if ((o = brm_operand_find(u, at)))
		complete_declared(c, o, n);
	else if (!strchr(word, '<'))
		complete_words(c, name);	/* literal choices */
	else if (!strcmp(name, "id"))
		complete_ids(c, NULL, NULL);
	else if (!strcmp(name, "file") || !strcmp(name, "dir"))
		complete_path(c, !strcmp(name, "dir"));
	else if ((k = brm_kind_lookup(name)))
		complete_ids(c, k->name, NULL);
	free(word);
}

/* ---- options ---- */

struct optfind {
	const char *word;	/* "--output", "-o" */
	size_t len;		/* of the name in word */
	struct brm_optinfo found;
	int hit;
};

static void find_opt(const struct brm_optinfo *o, void *payload)
{
	struct optfind *f = payload;
	const char *w = f->word;

	if (w[1] == '-' ? o->long_name && f->len == strlen(o->long_name) + 2 &&
	    !strncmp(w + 2, o->long_name, f->len - 2) :
	    f->len == 2 && o->short_name == (unsigned char)w[1]) {
		f->found = *o;
		f->hit = 1;
	}
}

/* The option word names ("--out" in "--out=x"), or NULL. */
static const struct brm_optinfo *lookup_opt(const struct brm_usage *u,
    const char *word, size_t len, struct optfind *f)
{
	memset(f, 0, sizeof(*f));
	f->word = word;
	f->len = len;
	brm_options_list(u, find_opt, f);
	return f->hit ? &f->found : NULL;
}

/* Does word (an option) take the next word as its value?  Not when the
 * value is in it: "--out=x", "-ox". */
static const struct brm_optinfo *takes_next(const struct brm_usage *u,
    const char *word, struct optfind *f)
{
	const struct brm_optinfo *o;
	size_t len = strlen(word);

	if (word[0] != '-' || !word[1] || strchr(word, '=') ||
	    (word[1] != '-' && len != 2))
		return NULL;
	o = lookup_opt(u, word, len, f);
	return o && o->arg ? o : NULL;
}

static void list_opt(const struct brm_optinfo *o, void *payload)
{
	char name[160];

	if (o->long_name)
		snprintf(name, sizeof(name), "--%s", o->long_name);
	else
		snprintf(name, sizeof(name), "-%c", o->short_name);
	brm_complete_add(payload, name);
}

static void complete_value(struct brm_completion *c,
    const struct brm_optinfo *o)
{
	if (o->complete_fn)
		o->complete_fn(c);
	else if (o->complete)
		complete_ids(c, o->complete, NULL);
	else if (strchr(o->arg, '|') && !strchr(o->arg, '<'))
		complete_words(c, o->arg);
	else if (!strcmp(o->arg, "<date>"))
		complete_words(c, "today|yesterday");
	else if (!strcmp(o->arg, "<file>") || !strcmp(o->arg, "<dir>"))
		complete_path(c, !strcmp(o->arg, "<dir>"));
}

/* "--severity=<TAB>": the option's values, each after "--severity=". */
static int complete_attached(struct brm_completion *c,
    const struct brm_usage *u)
{
	const char *eq = strchr(c->cur, '=');
	const struct brm_optinfo *o;
	struct optfind f;
	char *pre;

	if (strncmp(c->cur, "--", 2) || !eq ||
	    !(o = lookup_opt(u, c->cur, (size_t)(eq - c->cur), &f)) ||
	    !o->arg)
		return 0;
	pre = brm_strndup(c->cur, (size_t)(eq - c->cur + 1));
	c->pre = pre;
	c->cur = eq + 1;
	complete_value(c, o);
	c->pre = "";
	free(pre);
	return 1;
}

static void complete_with(const struct brm_usage *u, void *payload)
{
	struct brm_completion *c = payload;
	const struct brm_optinfo *o;
	struct optfind f;
	int i, only_operands = 0;

	c->operands = brm_calloc((size_t)c->nwords + 1, sizeof(char *));
	/* which operand is under the cursor, skipping option values */
	for (i = 0; i < c->nwords - 1; i++) {
		if (!only_operands && !strcmp(c->words[i], "--"))
			only_operands = 1;
		else if (!only_operands && c->words[i][0] == '-' &&
		    c->words[i][1])
			i += takes_next(u, c->words[i], &f) != NULL;
		else
			c->operands[c->noperands++] = c->words[i];
	}
	if (c->nwords >= 2 && !only_operands &&
	    (o = takes_next(u, c->words[c->nwords - 2], &f)))
		complete_value(c, o);
	else if (c->cur[0] == '-' && !only_operands) {
		if (!complete_attached(c, u))
			brm_options_list(u, list_opt, c);
	} else
		complete_operand(c, u, c->noperands);
	free(c->operands);
}

int cmd_complete(int argc, char **argv, struct brm_ctx *ctx)
{
	struct brm_completion c = { ctx, NULL, 0, "", "", NULL, 0, 0 };
	const struct brm_cmd *cmd;

	if (argc <= 2) {
		c.cur = argc == 2 ? argv[1] : "";
		brm_complete_commands(&c);
		return 0;
	}
	if (!(cmd = brm_cmd_lookup(argv[1])) ||
	    (cmd->flags & BRM_CMD_HIDDEN))
		return 0;
	c.words = argv + 2;
	c.nwords = argc - 2;
	c.cur = argv[argc - 1];
	brm_parse_hook = complete_with;
	brm_parse_hook_payload = &c;
	cmd->fn(1, argv + 1, ctx);
	brm_parse_hook = NULL;
	brm_error_clear();
	return 0;
}
