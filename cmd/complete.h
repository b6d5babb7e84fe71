/*
 * complete.h - what a command's BRM_OPERAND_FN_ row may use to compute
 * its operand's candidates for brm __complete (cmd/complete.c).
 *
 * The protocol the shell scripts in completions/ speak: brm __complete
 * WORD... gets the words after "brm" up to the cursor, the last being the
 * word under the cursor (maybe empty), and prints the candidates that
 * start with it, one per line.  Or it prints the one line ":files" or
 * ":dirs": the shell completes the word as a path itself (for a word
 * "--opt=VALUE", the VALUE).
 */
#ifndef BRM_CMD_COMPLETE_H
#define BRM_CMD_COMPLETE_H

#include "cmd/cmd.h"

struct brm_completion;

/* Offer cand if it starts with the word under the cursor. */
void brm_complete_add(struct brm_completion *c, const char *cand);
/* The word under the cursor. */
const char *brm_complete_word(const struct brm_completion *c);
/* Operand i (from 0) before the cursor, or NULL. */
const char *brm_complete_operand(const struct brm_completion *c, int i);
/* The portfolio; NULL outside one (then offer no ids). */
struct brm_store *brm_complete_store(struct brm_completion *c);

/* Candidates some commands share. */
void brm_complete_commands(struct brm_completion *c);
/* brm list's kinds: the plurals and the views. */
void brm_complete_kinds(struct brm_completion *c);
/* brm set ID <TAB>: "field=", "map." and, after "field=", its values. */
void brm_complete_fields(struct brm_completion *c);
/* brm resolve <TAB>: the records (or files) the pending merge has
 * conflicts in. */
void brm_complete_conflicts(struct brm_completion *c);
/* brm resolve ID <TAB>: the fields of that record in conflict. */
void brm_complete_conflict_fields(struct brm_completion *c);
/* brm resolve ID FIELD --value <TAB>: the values the field takes, as
 * brm set ID field=<TAB> offers them. */
void brm_complete_conflict_value(struct brm_completion *c);

#endif
