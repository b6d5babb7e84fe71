/*
 * complaint.h - what the complaint lifecycle commands share
 * (ack-complaint, resolve-complaint, close-complaint, reopen-complaint).
 */
#ifndef BRM_CLI_COMPLAINT_H
#define BRM_CLI_COMPLAINT_H

#include "cmd/cmd.h"
#include "core/complaint.h"

/*
 * Take step on the complaint ref (an id or a unique prefix) at the time
 * given as at (NULL: now; a moment in the future is refused), with text
 * (resolution or reason, may be NULL) and satisfied ("yes"/"no", NULL:
 * not said), and commit it.  Returns the exit status.
 */
int brm_cli_complaint_step(struct brm_ctx *ctx, const char *ref,
    enum brm_complaint_step step, const char *at, const char *text,
    const char *satisfied);

#endif
