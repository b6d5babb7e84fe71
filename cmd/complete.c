/*
 * brm __complete WORD...: completion candidates, one per line, for the
 * shell scripts in completions/.  WORDs are the command line after "brm",
 * the last one being the word under the cursor (possibly empty).  Command
 * names come from the command table, options from the command's own
 * option table, values from the schema and ids from the store, so a new
 * command, option or field needs no change here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/rows.h"

struct completion {
	struct brm_ctx *ctx;
	char **words;		/* after the command name */
	int nwords;		/* the last one is being completed */
	const char *cur;
};

static void emit(const char *cand, const char *cur)
{
	if (!strncmp(cand, cur, strlen(cur)))
		printf("%s\n", cand);
}

static void complete_commands(const char *cur)
{
	const struct brm_cmd *c;

	for (c = brm_commands; c->name; c++)
		if (!(c->flags & BRM_CMD_HIDDEN))
			emit(c->name, cur);
}

static void complete_words(const char *list, const char *cur)
{
	char *copy = brm_strdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, "|", &save); tok;
	    tok = strtok_r(NULL, "|", &save))
		emit(tok, cur);
	free(copy);
}

static void complete_ids(struct brm_ctx *ctx, const char *kinds,
    const char *cur)
{
	const struct brm_kind *const *k;
	struct brm_store *s;
	char **ids;
	size_t n, i;

	if (brm_ctx_store(ctx, &s) < 0)
		return;
	for (k = brm_kinds; *k; k++) {
		if (kinds && !brm_word_in(kinds, (*k)->name))
			continue;
		brm_store_ids_prefix(s, *k, cur, &ids, &n);
		for (i = 0; i < n; i++)
			emit(ids[i], cur);
		brm_strv_free(ids, n);
	}
}

static void complete_kinds(const char *cur)
{
	const struct brm_kind *const *k;
	const struct brm_view *v;
	size_t i;

	for (k = brm_kinds; *k; k++)
		emit((*k)->plural, cur);
	for (i = 0; (v = brm_view_at(i)); i++)
		emit(v->name, cur);
}

/* Top-level fields of the record named by ref, as "field=". */
static void complete_fields(struct brm_ctx *ctx, const char *ref,
    const char *cur)
{
	const struct brm_field *f;
	struct brm_record *r;
	struct brm_store *s;
	char cand[160];

	if (brm_ctx_store(ctx, &s) < 0 || brm_store_find(&r, s, ref,
	    NULL) < 0)
		return;
	for (f = r->kind->fields; f->name; f++) {
		if (f->flags & BRM_FIELD_AUTO)
			continue;
		snprintf(cand, sizeof(cand), "%s%s", f->name,
		    f->type == BRM_F_MAP ? "." : "=");
		emit(cand, cur);
	}
	brm_record_free(r);
}

/* The n-th placeholder of an operand spec ("<customer> <service>"). */
static int operand_name(const char *spec, int n, char *out, size_t size)
{
	const char *p = spec, *lt, *gt, *last = NULL;
	int i = 0;

	while ((lt = strchr(p, '<')) && (gt = strchr(lt, '>'))) {
		last = lt;
		if (i++ == n)
			break;
		p = gt + 1;
		last = NULL;
	}
	if (!last && spec && strstr(spec, "...") && (lt = strrchr(spec, '<')))
		last = lt;		/* a repeated last operand */
	if (!last || !(gt = strchr(last, '>')))
		return -1;
	snprintf(out, size, "%.*s", (int)(gt - last - 1), last + 1);
	return 0;
}

static void complete_operand(struct completion *c, const char *spec,
    int n, char **operands)
{
	const struct brm_kind *k;
	char name[64];

	if (operand_name(spec, n, name, sizeof(name)) < 0)
		return;
	if (!strcmp(name, "id"))
		complete_ids(c->ctx, NULL, c->cur);
	else if (!strcmp(name, "kind"))
		complete_kinds(c->cur);
	else if (!strcmp(name, "command"))
		complete_commands(c->cur);
	else if (!strcmp(name, "party"))
		complete_ids(c->ctx, "customer|supplier|third-party", c->cur);
	else if (!strcmp(name, "field") && n > 0)
		complete_fields(c->ctx, operands[0], c->cur);
	else if ((k = brm_kind_lookup(name)))
		complete_ids(c->ctx, k->name, c->cur);
}

struct optfind {
	const char *name;
	const char *arg;
	const char *complete;
	int found;
};

static void find_opt(const char *opt, const char *arg, const char *kinds,
    void *payload)
{
	struct optfind *f = payload;

	if (!strcmp(opt, f->name)) {
		f->arg = arg;
		f->complete = kinds;
		f->found = 1;
	}
}

static void list_opt(const char *opt, const char *arg, const char *kinds,
    void *payload)
{
	(void)arg;
	(void)kinds;
	emit(opt, payload);
}

/* Does word (an option) take the next word as its value? */
static int takes_value(const struct brm_usage *u, const char *word,
    struct optfind *f)
{
	memset(f, 0, sizeof(*f));
	f->name = word;
	if (word[0] != '-' || strchr(word, '='))
		return 0;
	brm_options_list(u, find_opt, f);
	return f->found && f->arg;
}

static void complete_value(struct completion *c, const struct optfind *f)
{
	if (f->complete)
		complete_ids(c->ctx, f->complete, c->cur);
	else if (strchr(f->arg, '|') && !strchr(f->arg, '<'))
		complete_words(f->arg, c->cur);
	else if (!strcmp(f->arg, "<date>"))
		complete_words("today|yesterday", c->cur);
}

static void complete_with(const struct brm_usage *u, void *payload)
{
	struct completion *c = payload;
	char **operands = brm_calloc((size_t)c->nwords + 1, sizeof(char *));
	struct optfind f;
	int i, n = 0, only_operands = 0;

	/* which operand is under the cursor, skipping option values */
	for (i = 0; i < c->nwords - 1; i++) {
		if (!only_operands && !strcmp(c->words[i], "--"))
			only_operands = 1;
		else if (!only_operands && c->words[i][0] == '-' &&
		    c->words[i][1])
			i += takes_value(u, c->words[i], &f);
		else
			operands[n++] = c->words[i];
	}
	if (c->nwords >= 2 && !only_operands &&
	    takes_value(u, c->words[c->nwords - 2], &f))
		complete_value(c, &f);
	else if (c->cur[0] == '-' && !only_operands)
		brm_options_list(u, list_opt, (void *)c->cur);
	else
		complete_operand(c, u->operands, n, operands);
	free(operands);
}

int cmd_complete(int argc, char **argv, struct brm_ctx *ctx)
{
	struct completion c = { ctx, NULL, 0, "" };
	const struct brm_cmd *cmd;

	if (argc < 2 || argc == 2) {
		complete_commands(argc == 2 ? argv[1] : "");
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
