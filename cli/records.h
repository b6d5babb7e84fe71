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
    const struct brm_fieldargs *fa);

/* Save r with "<command>: <summary>"; print warnings.  Returns the
 * negative error or 0 (not an exit status). */
int brm_cli_save(struct brm_store *s, const struct brm_record *r,
    const char *command, const char *summary);

/* Open the portfolio, take the writer lock, and find ref among kinds. */
int brm_cli_begin(struct brm_ctx *ctx, struct brm_store **s, int lock);

/* Find a customer's subscription to service_id; -1 if none. */
long brm_cli_subscription(const struct brm_record *customer,
    const char *service_id);

/* Resolve ref among kinds to a full id, for storing as a reference. */
int brm_cli_resolve_id(struct brm_store *s, const char *ref,
    const char *kinds, char **id);

#endif
