/*
 * records.h - steps that several commands share: create a named record,
 * save a change and tell the user.
 */
#ifndef BRM_CLI_RECORDS_H
#define BRM_CLI_RECORDS_H

#include "cli/options.h"
#include "cmd/cmd.h"
#include "core/record.h"

/*
 * Create a record of a named kind (customer, service...) called name,
 * with id (NULL: derived from name) and the fields given as options.
 * Prints the new id.  Returns the exit status.
 */
int brm_cli_add_named(struct brm_ctx *ctx, const struct brm_kind *kind,
    const char *command, const char *id, const char *name,
    struct brm_fieldargs *fa);

/* The whole of an add-<named kind> command (argv[0] names it): --id and
 * the kind's schema options, then brm_cli_add_named(). */
int brm_cli_named_command(int argc, char **argv, struct brm_ctx *ctx,
    const struct brm_kind *kind);

/* Save r with "<command>: <summary>"; print warnings.  Returns the
 * negative error or 0 (not an exit status). */
int brm_cli_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary);

/* Open the portfolio, take the writer lock, and find ref among kinds. */
int brm_cli_begin(struct brm_ctx *ctx, struct brm_store **s, int lock);

/*
 * Load record id of kind for a command that reads many (brm list, brm
 * due): one that cannot be read (hand-broken YAML) is warned about with
 * its place, counted in *broken and skipped, so the others still show.
 * 0 and *out, or a negative error with *out NULL.
 */
int brm_cli_load_many(struct brm_record **out, struct brm_store *s,
    const struct brm_kind *kind, const char *id, size_t *broken);

/* After such a listing: 0, or BRM_EINVALID with a message that broken
 * records were skipped and a hint to run brm check. */
int brm_cli_skipped(size_t broken);
/* After a command showed what it could (brm show's summary of a
 * supplier's audits): warn of every record s could not read, then
 * brm_cli_skipped(). */
int brm_cli_left_out(const struct brm_store *s);
/* For a command that must not be quietly incomplete (a report): warn of
 * every record s could not read, then fail saying what was not done. */
int brm_cli_refuse_unreadable(const struct brm_store *s, const char *what);

/* Find a customer's subscription to service_id; -1 if none. */
long brm_cli_subscription(const struct brm_record *customer,
    const char *service_id);

/* Resolve ref among kinds to a full id, for storing as a reference. */
int brm_cli_resolve_id(struct brm_store *s, const char *ref,
    const char *kinds, char **id);

/*
 * Resolve every reference given in fa (an id or a unique prefix) to the
 * full id, in place, so that records store full ids.  *keep holds the
 * new strings (fa->n of them, some NULL) until fa is applied; free it
 * with brm_strv_free(*keep, fa->n), also on failure.
 */
int brm_cli_resolve_fieldargs(struct brm_store *s, struct brm_fieldargs *fa,
    char ***keep);

/* How to create a dated record (log-meeting, record-complaint...). */
struct brm_cli_dated {
	const struct brm_kind *kind;
	const char *command;		/* "record-complaint" */
	const char *party_field;	/* the field the operand fills */
	const char *party;		/* the operand as typed; a prefix
					 * of an id is resolved */
	struct brm_fieldargs *fa;	/* options for the kind's fields */
	/*
	 * The command's own fields, set after the options and before the
	 * defaults, with the store locked (may be NULL).  Returns 0 or a
	 * negative error with the message set.
	 */
	int (*fill)(struct brm_store *s, struct brm_record *r, void *payload);
	void *payload;
	/* What the commit subject says after "<party> — " (malloc'd);
	 * NULL: the record's title. */
	char *(*detail)(const struct brm_record *r);
};

/*
 * Create a dated record: its date (the kind's date_field, from the
 * options or its default) gives the id, fields are set from the options,
 * references are resolved to full ids and checked (the party exists, a
 * former customer is warned about, a service is one the customer
 * subscribes to), the record is validated, committed and its id printed.
 * Returns the exit status.
 */
int brm_cli_add_dated(struct brm_ctx *ctx, const struct brm_cli_dated *d);

/* The first line of text, cut to max bytes (on a UTF-8 boundary) with
 * "..." when longer; malloc'd.  For commit subjects. */
char *brm_cli_one_line(const char *text, size_t max);

#endif
