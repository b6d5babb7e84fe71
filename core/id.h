/*
 * id.h - record ids and the paths they name.
 *
 * Named records (customers, services, suppliers, third parties) have a
 * slug, [a-z0-9][a-z0-9-]*, derived from the name or chosen.  Dated records
 * have <prefix>-YYYYMMDD-<4 random [a-z0-9]>: unique across clones without
 * coordination, sortable, and their path (<folder>/YYYY/MM/<id>.yaml)
 * follows from the id alone.  No id can name a path outside its folder:
 * '/', '.' and a leading '-' are not in the alphabet.
 */
#ifndef BRM_ID_H
#define BRM_ID_H

#include "date.h"
#include "schema.h"

#define BRM_ID_MAX 64

/* 1 when s is a well-formed slug. */
int brm_id_is_slug(const char *s);
/* 0 when id is well formed for kind; else BRM_EINVALID with a message. */
int brm_id_check(const struct brm_kind *kind, const char *id);
/* The slug for a name ("Müller & Söhne" -> "muller-sohne"); NULL and
 * BRM_EINVALID when nothing usable is left. */
char *brm_id_from_name(const char *name);
/* A fresh id for a dated record of kind on date d. */
char *brm_id_new_dated(const struct brm_kind *kind,
    const struct brm_date *d);
/* The date part of a dated id; -1 when id is not dated. */
int brm_id_date(const char *id, struct brm_date *d);
/* The kind a dated id's prefix names; NULL for slugs. */
const struct brm_kind *brm_id_kind(const char *id);
/* The record's path relative to the work tree (malloc'd). */
char *brm_id_path(const struct brm_kind *kind, const char *id);

#endif
