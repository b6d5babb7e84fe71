/*
 * incoming.h - what a range of commits brought, in a line a person reads
 * at a glance: "3 new meetings, 1 complaint resolved by Olga Test and
 * Ivan Petrov".  Each commit counts by its Brm-Command trailer (and
 * Brm-Kind for set, edit and rm); commits brm did not make count as
 * "other commits".  Merge commits are not counted.
 *
 * Library code: nothing is printed and nothing fails.
 */
#ifndef BRM_INCOMING_H
#define BRM_INCOMING_H

#include <stddef.h>

struct git_oid;
struct git_repository;

/* Zero it first; release with brm_incoming_release(). */
struct brm_incoming {
	struct brm_incoming_tally *t;	/* one per phrase, in order seen */
	size_t n, alloc;
	char **authors;
	size_t n_authors;
};

/* Count the commits reachable from to but not from from (NULL: all),
 * oldest first; returns how many there were. */
size_t brm_incoming_add(struct brm_incoming *s, struct git_repository *git,
    const struct git_oid *from, const struct git_oid *to);
/* The line, malloc'd; NULL when nothing was counted. */
char *brm_incoming_text(const struct brm_incoming *s);
void brm_incoming_release(struct brm_incoming *s);

#endif
