/*
 * error.h - the "last error" slot shared by core/ and formats/.
 *
 * Library code never prints and never exits: a failing function sets a
 * message here and returns a negative code (libgit2's convention).  Only
 * cmd/ reads the slot and tells the user.  A hint is optional advice shown
 * on its own line ("hint: run 'brm init'").
 */
#ifndef BRM_ERROR_H
#define BRM_ERROR_H

enum {
	BRM_OK = 0,
	BRM_ERROR = -1,		/* anything without a code of its own */
	BRM_EUSAGE = -2,	/* the command line is wrong: exit 2 */
	BRM_ENOTFOUND = -3,
	BRM_EEXISTS = -4,
	BRM_EINVALID = -5,	/* data that does not validate */
	BRM_ECONFLICT = -6,	/* lock held, ref moved too often */
	BRM_EAMBIGUOUS = -7	/* an id prefix names several records */
};

/* Set the message (printf-style) and return code, so that callers can
 * write "return brm_error_set(BRM_EEXISTS, ...)".  Clears the hint. */
int brm_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set the hint that goes with the current message. Returns code. */
int brm_error_hint(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix the current message with context: "cannot write 'x': <old>". */
int brm_error_wrap(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

const char *brm_error_last(void);	/* "" when none */
const char *brm_error_last_hint(void);	/* NULL when none */
int brm_error_code(void);		/* code of the last error, 0 if none */
void brm_error_clear(void);

#endif
