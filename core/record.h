/*
 * record.h - one record: its kind, id, path and tree.
 *
 * Fields are set by dotted path ("review.cadence", "contacts.1.email").
 * A field brm adds goes after the schema fields that precede it, so
 * records brm writes keep the schema's order while fields a user placed
 * by hand stay where they are.
 */
#ifndef BRM_RECORD_H
#define BRM_RECORD_H

#include "node.h"
#include "problems.h"
#include "schema.h"

struct brm_record {
	const struct brm_kind *kind;
	char *id;
	char *path;		/* relative to the work tree */
	struct brm_node *root;	/* a mapping */
	struct brm_pool *pool;	/* root's, when read for reading only
				 * (brm_store_for_reading); else NULL */
};

/* A new record holding only its id (plus defaults when asked). */
struct brm_record *brm_record_new(const struct brm_kind *kind,
    const char *id);
/* Wrap a loaded tree; takes ownership of root. */
struct brm_record *brm_record_wrap(const struct brm_kind *kind,
    const char *id, struct brm_node *root);
/* The same with its path (brm_id_path's), which it takes over. */
struct brm_record *brm_record_wrap_at(const struct brm_kind *kind,
    const char *id, struct brm_node *root, char *path);
void brm_record_free(struct brm_record *r);

/* Borrowed node at path, NULL if absent; _str: a scalar's text. */
struct brm_node *brm_record_get(const struct brm_record *r,
    const char *path);
const char *brm_record_str(const struct brm_record *r, const char *path);
/* What listings call the record: its title field, else its id. */
const char *brm_record_title(const struct brm_record *r);

/*
 * Set path to v (ownership taken), creating the mappings on the way.
 * A list index in path must exist.  BRM_EINVALID for a path the schema
 * does not know, or that runs through a scalar.
 */
int brm_record_set(struct brm_record *r, const char *path,
    struct brm_node *v);
/* Append v to the list at path, creating the list. */
int brm_record_append(struct brm_record *r, const char *path,
    struct brm_node *v);
/* Remove path; 0 if it was absent. */
int brm_record_unset(struct brm_record *r, const char *path);
/* Give every absent field with a default its default value. */
void brm_record_apply_defaults(struct brm_record *r);

/* Schema, id and the kind's own rules; returns errors added. */
size_t brm_record_validate(const struct brm_record *r,
    struct brm_problems *out);

/* The kind of the record the file path (relative to the work tree)
 * holds, and its id in *id (malloc'd); NULL and no id when path is not
 * where a record lives.  BRM_CONFIG_PATH: brm_kind_config, no id. */
const struct brm_kind *brm_record_of_path(const char *path, char **id);
/* Why root would be an invalid record of kind (id NULL or kind
 * brm_kind_config: checked against the schema only): its first three
 * errors, "; " between them; "" when it is valid.  path names the file
 * in the problems.  malloc'd. */
char *brm_record_why_invalid(const struct brm_kind *kind, const char *id,
    const struct brm_node *root, const char *path);

/* A list of records, in the order pushed (not owned by the list). */
struct brm_recv {
	struct brm_record **v;
	size_t n, alloc;
};

void brm_recv_push(struct brm_recv *v, struct brm_record *r);

#endif
