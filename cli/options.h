/*
 * options.h - command-line parsing driven by option tables.
 *
 * One table per command drives parsing, -h, the synopsis, man-page checks
 * and completion (git's parse-options).  Schema fields with an option name
 * become options through a BRM_OPT_FIELDS row, so a new field needs no
 * change here or in the command.
 *
 * Options and operands may be mixed; "--" ends options.  Long options take
 * their value as "--opt value" or "--opt=value".
 */
#ifndef BRM_OPTIONS_H
#define BRM_OPTIONS_H

#include <stddef.h>

#include "core/schema.h"

struct brm_record;

enum brm_opt_type {
	BRM_OPT_END,
	BRM_OPT_OPERAND,	/* not an option: how an operand completes */
	BRM_OPT_FLAG,		/* int *: set to 1 */
	BRM_OPT_STRING,		/* const char **: the last one wins */
	BRM_OPT_LIST,		/* struct brm_strlist *: repeatable */
	BRM_OPT_FIELDS		/* struct brm_fieldargs *: schema options */
};

struct brm_strlist {
	const char **v;
	size_t n, alloc;
};

/* Values given for schema fields, applied to a record later. */
struct brm_fieldarg {
	const struct brm_field *field;
	char *path;		/* relative to the applied base */
	const char *text;	/* borrowed from argv */
	const char *opt;
};

struct brm_fieldargs {
	const struct brm_field *fields;	/* the table the options come from */
	struct brm_fieldarg *v;
	size_t n, alloc;
};

struct brm_completion;

/*
 * How brm __complete (cmd/complete.c) completes operand n (from 0; a
 * repeated last operand uses its row for every repetition) when its
 * placeholder alone does not say.  By default "<customer>" completes the
 * ids of the kind it names, "<id>" those of every kind, "<file>" and
 * "<dir>" let the shell complete paths, and a word of literal choices
 * ("monthly|customer") completes those words.
 */
struct brm_operand {
	int n;
	const char *kinds;	/* ids of these kinds: "customer|supplier" */
	const char *where;	/* only records that meet this
				 * (core/where.h): "status=acknowledged" */
	void (*complete)(struct brm_completion *c);	/* computed */
	const char *after;	/* only when the operand before is one of
				 * these words: "customer" */
	unsigned flags;		/* BRM_COMPLETE_FILES... */
};

/* The shell completes the operand as a path (a file, a directory). */
#define BRM_COMPLETE_FILES (1u << 0)
#define BRM_COMPLETE_DIRS (1u << 1)

struct brm_opt {
	enum brm_opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *arg;	/* "<id>", or values "yaml|json" */
	const char *help;
	const char *complete;	/* ids to complete for the value: "customer" */
	unsigned flags;
	struct brm_operand operand;	/* BRM_OPT_OPERAND rows only */
	/* the value's candidates computed (cmd/complete.h has some) */
	void (*complete_fn)(struct brm_completion *c);
};

/* The option must be given: the synopsis shows it without brackets and
 * the parser refuses a command line without it.  (A schema field's
 * option is required when the field is required, top-level and has no
 * default.) */
#define BRM_OPT_REQUIRED (1u << 0)

#define BRM_NO_OPERAND_ { 0, NULL, NULL, NULL, NULL, 0 }
#define BRM_OPT_FLAG_(s, l, v, h) \
	{ BRM_OPT_FLAG, s, l, v, NULL, h, NULL, 0, BRM_NO_OPERAND_, NULL }
#define BRM_OPT_STRING_(s, l, v, a, h) \
	{ BRM_OPT_STRING, s, l, v, a, h, NULL, 0, BRM_NO_OPERAND_, NULL }
#define BRM_OPT_STRING_REQ_(s, l, v, a, h) \
	{ BRM_OPT_STRING, s, l, v, a, h, NULL, BRM_OPT_REQUIRED, \
	  BRM_NO_OPERAND_, NULL }
#define BRM_OPT_REF_(s, l, v, a, kinds, h) \
	{ BRM_OPT_STRING, s, l, v, a, h, kinds, 0, BRM_NO_OPERAND_, NULL }
/* An option whose value's candidates fn computes. */
#define BRM_OPT_STRING_FN_(s, l, v, a, fn, h) \
	{ BRM_OPT_STRING, s, l, v, a, h, NULL, 0, BRM_NO_OPERAND_, fn }
#define BRM_OPT_LIST_(s, l, v, a, h) \
	{ BRM_OPT_LIST, s, l, v, a, h, NULL, 0, BRM_NO_OPERAND_, NULL }
#define BRM_OPT_FIELDS_(v) \
	{ BRM_OPT_FIELDS, 0, NULL, v, NULL, NULL, NULL, 0, BRM_NO_OPERAND_, \
	  NULL }

/* Operand n completes the ids of kinds that meet where (may be NULL). */
#define BRM_OPERAND_IDS_(n, kinds, where) \
	{ BRM_OPT_OPERAND, 0, NULL, NULL, NULL, NULL, NULL, 0, \
	  { n, kinds, where, NULL, NULL, 0 }, NULL }
/* Operand n completes ids of kinds only after one of the words after. */
#define BRM_OPERAND_AFTER_(n, kinds, after) \
	{ BRM_OPT_OPERAND, 0, NULL, NULL, NULL, NULL, NULL, 0, \
	  { n, kinds, NULL, NULL, after, 0 }, NULL }
/* Operand n's candidates come from fn (cmd/complete.c has some). */
#define BRM_OPERAND_FN_(n, fn) \
	{ BRM_OPT_OPERAND, 0, NULL, NULL, NULL, NULL, NULL, 0, \
	  { n, NULL, NULL, fn, NULL, 0 }, NULL }
/* Operand n is a path: BRM_COMPLETE_FILES or BRM_COMPLETE_DIRS. */
#define BRM_OPERAND_PATH_(n, flags) \
	{ BRM_OPT_OPERAND, 0, NULL, NULL, NULL, NULL, NULL, 0, \
	  { n, NULL, NULL, NULL, NULL, flags }, NULL }
#define BRM_OPT_END_ \
	{ BRM_OPT_END, 0, NULL, NULL, NULL, NULL, NULL, 0, BRM_NO_OPERAND_, \
	  NULL }

/* What a command accepts: its name, operands ("<customer> [<name>...]")
 * and options (with BRM_OPERAND rows saying how operands complete). */
struct brm_usage {
	const char *cmd;
	const char *operands;
	const struct brm_opt *opts;
};

/* Returned by brm_parse_options when it has answered (-h) by itself. */
#define BRM_PARSE_DONE (-100)

/*
 * Parse argv[1..argc) (argv[0] is the command name); operands are left in
 * argv[0..ret).  Checks the operand count against u->operands.  On a
 * mistake prints the error and the synopsis to stderr and returns
 * BRM_EUSAGE; for -h prints help to stdout and returns BRM_PARSE_DONE.
 * Callers return brm_parse_exit(ret) for negative results.
 */
int brm_parse_options(int argc, char **argv, const struct brm_usage *u);
int brm_parse_exit(int ret);

/* Print "usage: brm <cmd> [options] <operands>" (the synopsis). */
void brm_usage_synopsis(const struct brm_usage *u, char *buf, size_t n);

/* Report a usage mistake found after parsing: prints, returns 2. */
int brm_usage_error(const struct brm_usage *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Set every field given on the command line in r, below base ("" for
 * the record itself, "services.2" for one subscription).  BRM_EINVALID
 * naming the option on a bad value.
 */
int brm_fieldargs_apply(const struct brm_fieldargs *fa,
    struct brm_record *r, const char *base);
/* The value given for field path, or NULL. */
const char *brm_fieldargs_get(const struct brm_fieldargs *fa,
    const char *path);
void brm_fieldargs_release(struct brm_fieldargs *fa);
void brm_strlist_release(struct brm_strlist *l);

/*
 * When set, brm_parse_options() hands the command's usage to this hook
 * instead of parsing, and returns BRM_PARSE_DONE: brm __complete learns a
 * command's options this way without a second table (git's
 * --git-completion-helper).
 */
extern void (*brm_parse_hook)(const struct brm_usage *u, void *payload);
extern void *brm_parse_hook_payload;

/* For completion: an option of a command, schema rows expanded. */
struct brm_optinfo {
	int short_name;		/* 'o', or 0 */
	const char *long_name;	/* "output", or NULL */
	const char *arg;	/* "<file>", "low|high"; NULL: no value */
	const char *complete;	/* ids of these kinds for the value */
	void (*complete_fn)(struct brm_completion *c);	/* or these */
};

/* Call fn for -h/--help and each option of u. */
void brm_options_list(const struct brm_usage *u,
    void (*fn)(const struct brm_optinfo *o, void *payload), void *payload);
/* The BRM_OPERAND row for operand n of u, or NULL. */
const struct brm_operand *brm_operand_find(const struct brm_usage *u,
    int n);

#endif
