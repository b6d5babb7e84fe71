/*
 * problems.h - findings collected while checking records.
 *
 * Validation does not stop at the first problem: brm check lists them all,
 * as "<file>:<line>:<col>: <message>" so that editors can jump to them.
 */
#ifndef BRM_PROBLEMS_H
#define BRM_PROBLEMS_H

#include <stddef.h>

#include "node.h"

struct brm_problem {
	char *file;
	unsigned line, col;	/* 0 when the problem has no position */
	char *message;
	int warning;		/* reported, but not a failure */
};

struct brm_problems {
	struct brm_problem *items;
	size_t n, alloc;
	size_t errors;		/* items that are not warnings */
	const char *file;	/* the file being checked (borrowed) */
};

#define BRM_PROBLEMS_INIT { NULL, 0, 0, 0, NULL }

/* Add a problem at node's position (node may be NULL). */
void brm_problem_add(struct brm_problems *p, const struct brm_node *at,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void brm_problem_warn(struct brm_problems *p, const struct brm_node *at,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Add a problem at line and col (0: none) of p->file, for a file that
 * is not a tree of nodes (a CSV file). */
void brm_problem_add_at(struct brm_problems *p, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Order the items by file, line and column; those at one place keep
 * the order they were found in. */
void brm_problems_sort(struct brm_problems *p);
/* Format item i as "file:line:col: message" into a new string. */
char *brm_problem_format(const struct brm_problem *pr);
/* Set the error slot from the first error (BRM_EINVALID); 0 if none. */
int brm_problems_to_error(const struct brm_problems *p);
void brm_problems_release(struct brm_problems *p);

#endif
