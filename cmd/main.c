/*
 * main.c - global options, the command table, dispatch.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/error.h"

#define BRM_VERSION "0.1.0"

const struct brm_cmd brm_commands[] = {
	{ "init", cmd_init, 0, "portfolio",
	  "Create a portfolio (a git repository with .brm/)" },
	{ "check", cmd_check, 0, "portfolio",
	  "Validate every record and reference" },
	{ "log", cmd_log, 0, "portfolio",
	  "Show history, with field-level changes" },
	{ "clone", cmd_clone, 0, "portfolio",
	  "Clone a team's shared portfolio" },
	{ "sync", cmd_sync, 0, "portfolio",
	  "Fetch, merge record by record, and push" },
	{ "resolve", cmd_resolve, 0, "portfolio",
	  "Settle a conflict that brm sync met" },
	{ "add-customer", cmd_add_customer, 0, "customers",
	  "Create a customer record" },
	{ "add-contact", cmd_add_contact, 0, "customers",
	  "Add a contact person to a customer, supplier or third party" },
	{ "add-service", cmd_add_service, 0, "customers",
	  "Create a service catalogue entry" },
	{ "subscribe", cmd_subscribe, 0, "customers",
	  "Record that a customer consumes a service, with its SLA" },
	{ "add-requirement", cmd_add_requirement, 0, "customers",
	  "Add a customer-specific requirement to a subscription" },
	{ "log-meeting", cmd_log_meeting, 0, "activities",
	  "Record a meeting with a customer, supplier or third party" },
	{ "add-action", cmd_add_action, 0, "activities",
	  "Add an action item to a meeting" },
	{ "done-action", cmd_done_action, 0, "activities",
	  "Mark a meeting's action item done" },
	{ "record-complaint", cmd_record_complaint, 0, "activities",
	  "Record a complaint and its response target" },
	{ "ack-complaint", cmd_ack_complaint, 0, "activities",
	  "Acknowledge a complaint" },
	{ "resolve-complaint", cmd_resolve_complaint, 0, "activities",
	  "Resolve a complaint" },
	{ "close-complaint", cmd_close_complaint, 0, "activities",
	  "Close a resolved complaint" },
	{ "reopen-complaint", cmd_reopen_complaint, 0, "activities",
	  "Reopen a resolved or closed complaint" },
	{ "record-praise", cmd_record_praise, 0, "activities",
	  "Record a customer's praise" },
	{ "record-survey", cmd_record_survey, 0, "activities",
	  "Record a satisfaction survey" },
	{ "record-value-add", cmd_record_value_add, 0, "activities",
	  "Record a value-added service" },
	{ "record-event", cmd_record_event, 0, "activities",
	  "Record an SLA breach or major incident" },
	{ "due", cmd_due, 0, "activities",
	  "Show what is due or overdue" },
	{ "add-supplier", cmd_add_supplier, 0, "suppliers",
	  "Create a supplier record, with its selection assessment" },
	{ "add-contract", cmd_add_contract, 0, "suppliers",
	  "Add a support contract with a supplier for a service" },
	{ "audit-supplier", cmd_audit_supplier, 0, "suppliers",
	  "Record a periodic supplier audit with its six scores" },
	{ "open-dispute", cmd_open_dispute, 0, "suppliers",
	  "Open a dispute with suppliers or third parties" },
	{ "escalate-dispute", cmd_escalate_dispute, 0, "suppliers",
	  "Raise a dispute to the next escalation level" },
	{ "resolve-dispute", cmd_resolve_dispute, 0, "suppliers",
	  "Record how a dispute was resolved" },
	{ "add-third-party", cmd_add_third_party, 0, "suppliers",
	  "Create a third-party record with its sharing agreement" },
	{ "show", cmd_show, 0, "records",
	  "Show one record" },
	{ "list", cmd_list, 0, "records",
	  "List records of a kind, with filters" },
	{ "set", cmd_set, 0, "records",
	  "Change fields of a record" },
	{ "edit", cmd_edit, 0, "records",
	  "Edit a record in $VISUAL or $EDITOR" },
	{ "rm", cmd_rm, 0, "records",
	  "Remove a record" },
	{ "import", cmd_import, 0, "records",
	  "Import records from a CSV or JSON file, all or nothing" },
	{ "export", cmd_export, 0, "records",
	  "Export records of a kind as CSV or JSON" },
	{ "report", cmd_report, 0, "reports",
	  "Monthly, customer, portfolio and supplier reports" },
	{ "help", cmd_help, 0, "help",
	  "Show the manual of a command" },
	{ "__complete", cmd_complete, BRM_CMD_HIDDEN, NULL,
	  "Print completion candidates for the shell scripts" },
	{ "merge-driver", cmd_merge_driver, BRM_CMD_HIDDEN, NULL,
	  "Merge a record file, as git's merge driver" },
	{ "__records-man", cmd_records_man, BRM_CMD_HIDDEN, NULL,
	  "Print brm-records(5) from the schema" },
	{ NULL, NULL, 0, NULL, NULL }
};

const struct brm_cmd *brm_cmd_lookup(const char *name)
{
	const struct brm_cmd *c;

	for (c = brm_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int brm_ctx_store(struct brm_ctx *ctx, struct brm_store **out)
{
	int ret = 0;

	if (!ctx->store)
		ret = brm_store_open(&ctx->store, ctx->dir);
	*out = ctx->store;
	return ret;
}

char *brm_ctx_path(const struct brm_ctx *ctx, const char *path)
{
	if (!path)
		return NULL;
	/* BRM_DIR picks the portfolio only: it does not move the user */
	if (!ctx->cwd || path[0] == '/' || !strcmp(path, "-"))
		return brm_strdup(path);
	return brm_xprintf("%s/%s", ctx->cwd, path);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp;
	size_t *row = calloc(lb + 1, sizeof(*row)), d;

	if (!row)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			d = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = tmp;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

static int unknown_command(const char *name)
{
	const struct brm_cmd *c;
	int shown = 0;

	fprintf(stderr, "brm: error: '%s' is not a brm command\n", name);
	for (c = brm_commands; c->name; c++) {
		if ((c->flags & BRM_CMD_HIDDEN) ||
		    (edit_distance(name, c->name) > 2 &&
		    !strstr(c->name, name)))
			continue;
		if (!shown++)
			fputs("hint: did you mean one of these?\n", stderr);
		fprintf(stderr, "hint:   %s\n", c->name);
	}
	fprintf(stderr, "hint: see 'brm help' for the list of commands\n");
	return 2;
}

/*
 * -C <dir> as git takes it: each relative one is taken from the one
 * before (-C /x -C y is /x/y), the first from the current directory, and
 * an empty one changes nothing.  *dir is ours (NULL until a -C).
 */
static void change_dir(char **dir, const char *arg)
{
	char *next;

	if (!*arg)
		return;
	next = *dir && arg[0] != '/' ? brm_xprintf("%s/%s", *dir, arg) :
	    brm_strdup(arg);
	free(*dir);
	*dir = next;
}

static void main_usage(FILE *f)
{
	fputs("usage: brm [-C <dir>] [--version] [-h] <command> [<args>]\n",
	    f);
}

int main(int argc, char **argv)
{
	struct brm_ctx ctx = BRM_CTX_INIT;
	const struct brm_cmd *c;
	char *dir = NULL;
	int i = 1, ret;

	/* over a file-size limit (ulimit -f) a write then fails with EFBIG,
	 * which the write path undoes and reports, instead of a kill half-way */
	signal(SIGXFSZ, SIG_IGN);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			change_dir(&dir, argv[++i]);
		} else if (!strncmp(argv[i], "-C", 2) && argv[i][2]) {
			change_dir(&dir, argv[i] + 2);
		} else if (!strcmp(argv[i], "-C")) {
			fprintf(stderr, "brm: error: option '-C' requires a "
			    "directory\n");
			main_usage(stderr);
			ret = 2;
			goto done;
		} else if (!strcmp(argv[i], "--version")) {
			printf("brm version %s\n", BRM_VERSION);
			ret = brm_finish_stdout(0);
			goto done;
		} else if (!strcmp(argv[i], "-h") ||
		    !strcmp(argv[i], "--help")) {
			ret = brm_finish_stdout(cmd_help(1, argv + i, &ctx));
			goto done;
		} else {
			fprintf(stderr, "brm: error: unknown option '%s'\n",
			    argv[i]);
			main_usage(stderr);
			ret = 2;
			goto done;
		}
	}
	/* -C wins over BRM_DIR; an empty BRM_DIR is unset */
	ctx.cwd = dir;
	ctx.dir = dir ? dir : getenv("BRM_DIR");
	if (ctx.dir && !*ctx.dir)
		ctx.dir = NULL;
	if (i >= argc) {
		main_usage(stderr);
		cmd_help(1, (char *[]){ "help", NULL }, &ctx);
		ret = 2;
		goto done;
	}
	if (!(c = brm_cmd_lookup(argv[i]))) {
		ret = unknown_command(argv[i]);
		goto done;
	}
	ret = c->fn(argc - i, argv + i, &ctx);
	brm_store_free(ctx.store);
	ret = brm_finish_stdout(ret);
done:
	free(dir);
	return ret;
}
