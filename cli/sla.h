/*
 * sla.h - telling the user when a change leaves a supplier contract
 * looser than a customer SLA it backs (core/sla.h).
 *
 * Records that cannot be read (hand-broken YAML) are left out of the
 * comparison; both warnings below then also warn of each, with its
 * place, and say that the check was incomplete, as brm list does.
 */
#ifndef BRM_CLI_SLA_H
#define BRM_CLI_SLA_H

#include "core/sla.h"

/*
 * Warn about each gap that involves r (a customer or a supplier, as
 * saved) and was not among before (the gaps of r as it was stored, from
 * brm_sla_gaps()): gaps that were already there are brm check's to
 * report.  With service, only gaps of that service.  Other kinds of
 * record have no gaps.
 */
void brm_cli_warn_new_gaps(struct brm_store *s, const struct brm_record *r,
    const struct brm_sla_gaps *before, const char *service);

/* Warn about each gap of contract (an index in supplier r's contracts,
 * as saved): a contract just added. */
void brm_cli_warn_contract_gaps(struct brm_store *s,
    const struct brm_record *r, size_t contract);

#endif
