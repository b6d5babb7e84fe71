/*
 * complaint.h - the complaint lifecycle and response targets, in one place.
 *
 *	open --ack--> acknowledged --resolve--> resolved --close--> closed
 *	                   ^                        |                  |
 *	                   +--------reopen----------+------------------+
 *
 * Each step stamps its time (acknowledged, resolved, closed; a reopen
 * appends {at, reason} to reopened).  Reopening clears resolved, closed,
 * resolution and satisfied: the complaint is acknowledged and being
 * worked on again, and git keeps the earlier resolution.
 *
 * The same rules serve the commands (brm_complaint_apply) and brm check
 * (brm_complaint_check, the kind's check hook), so a hand-edited complaint
 * is held to what the commands would have written: the stamps received,
 * acknowledged, reopened[].at..., resolved, closed never go backwards,
 * and the status names exactly the stamps present.
 */
#ifndef BRM_COMPLAINT_H
#define BRM_COMPLAINT_H

#include "date.h"
#include "node.h"
#include "problems.h"
#include "record.h"

struct brm_due_ctx;
struct brm_due_list;

enum brm_complaint_step {
	BRM_COMPLAINT_ACK,
	BRM_COMPLAINT_RESOLVE,
	BRM_COMPLAINT_CLOSE,
	BRM_COMPLAINT_REOPEN
};

struct brm_complaint_change {
	enum brm_complaint_step step;
	struct brm_datetime at;
	const char *text;	/* resolve: the resolution (required);
				 * reopen: the reason (may be NULL) */
	int satisfied;		/* close: 1 yes, 0 no, -1 not said */
};

/* The command that takes step ("ack-complaint"...). */
const char *brm_complaint_command(enum brm_complaint_step step);

/* The complaints step may be taken on, as a core/where.h condition:
 * "status=resolved|closed". */
const char *brm_complaint_where(enum brm_complaint_step step);

/* The commands allowed next from status, as "close-complaint or
 * reopen-complaint"; "" for an unknown status. */
const char *brm_complaint_next(const char *status);

/*
 * Take a step on the complaint r.  BRM_EINVALID, r unchanged, when the
 * step is not allowed from r's status (the message names the allowed
 * next steps) or when c->at is before the complaint's latest stamp.
 */
int brm_complaint_apply(struct brm_record *r,
    const struct brm_complaint_change *c);

/*
 * The response target of a complaint of severity received at received:
 * the config's complaint_response_hours for that severity, counted in
 * working time (core/calendar.h), in received's UTC offset.
 * BRM_EINVALID when the config has no working day.
 */
int brm_complaint_response_due(struct brm_datetime *out,
    const struct brm_node *config, const char *severity,
    const struct brm_datetime *received);

/*
 * The kind's derive hook: when severity or received changed from before
 * and response_due did not, response_due follows the policy again (as
 * brm_complaint_response_due()); a response_due set in the same change
 * is the user's and stays.  BRM_EINVALID when received is not a time or
 * the config has no working day.
 */
int brm_complaint_derive(struct brm_record *r, const struct brm_node *before,
    const struct brm_node *config);

/* The kind's hooks: lifecycle rules; unacknowledged complaints due. */
void brm_complaint_check(const struct brm_record *r,
    struct brm_problems *out);
void brm_complaint_due(const struct brm_due_ctx *c,
    const struct brm_record *r, struct brm_due_list *out);

#endif
