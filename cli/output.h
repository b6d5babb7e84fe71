/*
 * output.h - how brm talks to the person at the terminal.
 *
 * Errors read "brm: error: <what> (<where>)", optionally followed by
 * "hint: <what to do>"; warnings "brm: warning: <what>".  Colour only on
 * a terminal and never with NO_COLOR.
 */
#ifndef BRM_OUTPUT_H
#define BRM_OUTPUT_H

#include <stdio.h>

/* Print the last core error and its hint; returns the exit status for
 * ret (2 for BRM_EUSAGE, else 1). */
int brm_fail(int ret);
void brm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last core error as a warning, "brm: warning: what (where)", for a
 * failure a command goes on past; clears it. */
void brm_warn_error(void);
/* A core message ("file:1:2: what") as "brm: warning: what (file:1:2)". */
void brm_warn_message(const char *msg);
/* "brm: error: <what> (<where>)", for a command that lists several
 * errors before it fails. */
void brm_error_at(const char *where, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int brm_use_color(FILE *f);
/* Flush stdout and report a write error (EPIPE, full disk) as git does;
 * returns status, or 1 when stdout could not be written. */
int brm_finish_stdout(int status);

struct brm_buf;
/* Write all of out to path through a temporary file and rename(2), or
 * to stdout when path is NULL or "-".  A negative error when it fails. */
int brm_deliver(const struct brm_buf *out, const char *path);

#endif
