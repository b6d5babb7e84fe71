/*
 * cmd.h - the subcommands and what they share.
 *
 * Each subcommand is one file, cmd/<name>.c, with one entry point
 * cmd_<name>(argc, argv, ctx): argv[0] is the command's name.  It returns
 * the exit status: 0 ok, 1 failure, 2 usage.  Only cmd/ prints; core/
 * returns errors.  Adding a command: the file, its prototype here, its row
 * in cmd/main.c, man/brm-<name>.1 and tests/cli/.
 */
#ifndef BRM_CMD_H
#define BRM_CMD_H

#include "cli/options.h"
#include "cli/output.h"
#include "core/store.h"

struct brm_ctx {
	const char *dir;	/* -C <dir> or BRM_DIR; NULL: cwd */
	const char *cwd;	/* -C <dir> alone; NULL: cwd */
	struct brm_store *store;/* opened by brm_ctx_store() */
};

#define BRM_CTX_INIT { NULL, NULL, NULL }

/* Open the portfolio on first use; later calls return the same. */
int brm_ctx_store(struct brm_ctx *ctx, struct brm_store **out);

/*
 * A path the user gave a command (init's directory, -o's file), as git
 * takes it after -C: a relative one from -C's directory.  malloc'd;
 * NULL stays NULL and "-" (standard input or output) stays "-".
 */
char *brm_ctx_path(const struct brm_ctx *ctx, const char *path);

/* Command flags. */
#define BRM_CMD_HIDDEN	(1u << 0)	/* not in help or completion */

struct brm_cmd {
	const char *name;
	int (*fn)(int argc, char **argv, struct brm_ctx *ctx);
	unsigned flags;
	const char *group;
	const char *summary;
};

extern const struct brm_cmd brm_commands[];
const struct brm_cmd *brm_cmd_lookup(const char *name);

int cmd_init(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_customer(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_contact(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_service(int argc, char **argv, struct brm_ctx *ctx);
int cmd_subscribe(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_requirement(int argc, char **argv, struct brm_ctx *ctx);
int cmd_log_meeting(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_action(int argc, char **argv, struct brm_ctx *ctx);
int cmd_done_action(int argc, char **argv, struct brm_ctx *ctx);
int cmd_record_complaint(int argc, char **argv, struct brm_ctx *ctx);
int cmd_ack_complaint(int argc, char **argv, struct brm_ctx *ctx);
int cmd_resolve_complaint(int argc, char **argv, struct brm_ctx *ctx);
int cmd_close_complaint(int argc, char **argv, struct brm_ctx *ctx);
int cmd_reopen_complaint(int argc, char **argv, struct brm_ctx *ctx);
int cmd_record_praise(int argc, char **argv, struct brm_ctx *ctx);
int cmd_record_survey(int argc, char **argv, struct brm_ctx *ctx);
int cmd_record_value_add(int argc, char **argv, struct brm_ctx *ctx);
int cmd_record_event(int argc, char **argv, struct brm_ctx *ctx);
int cmd_due(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_supplier(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_contract(int argc, char **argv, struct brm_ctx *ctx);
int cmd_audit_supplier(int argc, char **argv, struct brm_ctx *ctx);
int cmd_open_dispute(int argc, char **argv, struct brm_ctx *ctx);
int cmd_escalate_dispute(int argc, char **argv, struct brm_ctx *ctx);
int cmd_resolve_dispute(int argc, char **argv, struct brm_ctx *ctx);
int cmd_add_third_party(int argc, char **argv, struct brm_ctx *ctx);
int cmd_show(int argc, char **argv, struct brm_ctx *ctx);
int cmd_list(int argc, char **argv, struct brm_ctx *ctx);
int cmd_import(int argc, char **argv, struct brm_ctx *ctx);
int cmd_export(int argc, char **argv, struct brm_ctx *ctx);
int cmd_set(int argc, char **argv, struct brm_ctx *ctx);
int cmd_edit(int argc, char **argv, struct brm_ctx *ctx);
int cmd_rm(int argc, char **argv, struct brm_ctx *ctx);
int cmd_check(int argc, char **argv, struct brm_ctx *ctx);
int cmd_log(int argc, char **argv, struct brm_ctx *ctx);
int cmd_clone(int argc, char **argv, struct brm_ctx *ctx);
int cmd_sync(int argc, char **argv, struct brm_ctx *ctx);
int cmd_resolve(int argc, char **argv, struct brm_ctx *ctx);
int cmd_merge_driver(int argc, char **argv, struct brm_ctx *ctx);
int cmd_report(int argc, char **argv, struct brm_ctx *ctx);
int cmd_help(int argc, char **argv, struct brm_ctx *ctx);
int cmd_complete(int argc, char **argv, struct brm_ctx *ctx);
int cmd_records_man(int argc, char **argv, struct brm_ctx *ctx);

#endif
