#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "date.h"
#include "error.h"
#include "id.h"
#include "strmap.h"
#include "validate.h"

/*
 * What checking references looks up, remembered: whether a customer,
 * service, supplier or third party exists, and which services a customer
 * subscribes to.  brm check asks
 * the same few hundred questions for every record; without the memo each
 * complaint and event re-reads its customer's file, and at 100,000
 * records that was a third of the run.
 */
struct memo {
	int found;		/* the record exists / the customer loads */
	char **ids;		/* "services <customer>": its service ids;
				 * "<kind> YYYY-MM": the ids filed in that
				 * month folder, sorted */
	size_t nids;
};

struct brm_ref_cache {
	struct brm_store *store;
	/* "<kind> <id>" or "services <customer>" -> struct memo */
	struct brm_strmap memos;
	struct brm_buf key;	/* the key asked about, composed here so
				 * that asking allocates nothing */
};

struct ref_ctx {
	struct brm_ref_cache *cache;
	struct brm_problems *out;
};

/* The memo for "<what> <id>"; *fresh says whether it was just made
 * (empty). */
static struct memo *memo_of(struct brm_ref_cache *c, const char *what,
    const char *id, int *fresh)
{
	void **m;

	brm_buf_reset(&c->key);
	brm_buf_puts(&c->key, what);
	brm_buf_putc(&c->key, ' ');
	brm_buf_puts(&c->key, id);
	m = brm_strmap_at(&c->memos, c->key.data, fresh);
	if (*fresh)
		*m = brm_calloc(1, sizeof(struct memo));
	return *m;
}

struct brm_ref_cache *brm_ref_cache_new(struct brm_store *s)
{
	struct brm_ref_cache *c = brm_calloc(1, sizeof(*c));

	c->store = s;
	brm_strmap_init(&c->memos);
	brm_buf_init(&c->key);
	return c;
}

static void memo_free(void *p)
{
	struct memo *m = p;

	brm_strv_free(m->ids, m->nids);
	free(m);
}

void brm_ref_cache_free(struct brm_ref_cache *c)
{
	if (!c)
		return;
	brm_strmap_release(&c->memos, memo_free);
	brm_buf_release(&c->key);
	free(c);
}

static int cmp_id(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/*
 * Whether a dated record exists, from its month folder's ids, listed
 * once: a portfolio's surveys, events and disputes name tens of
 * thousands of complaints and audits, and asking the file system for
 * each was a tenth of brm check's system time.
 */
static int dated_has(struct brm_ref_cache *c, const struct brm_kind *k,
    const char *id)
{
	struct brm_date d;
	struct memo *m;
	char folder[8];
	int fresh;

	if (brm_id_check(k, id) < 0 || brm_id_date(id, &d) < 0) {
		brm_error_clear();
		return 0;
	}
	brm_month_text(folder, d.year, d.month);
	m = memo_of(c, k->name, folder, &fresh);
	if (fresh)
		brm_store_ids_month(c->store, k, d.year, d.month,
		    &m->ids, &m->nids);
	return m->nids && bsearch(id, m->ids, m->nids,
	    sizeof(*m->ids), cmp_id);
}

static int kind_has(struct brm_ref_cache *c, const struct brm_kind *k,
    const char *id)
{
	int fresh;
	struct memo *m;

	if (brm_kind_is_dated(k))
		return dated_has(c, k, id);
	m = memo_of(c, k->name, id, &fresh);
	if (fresh && brm_id_check(k, id) < 0)
		brm_error_clear();	/* not an id of k: not found */
	else if (fresh)
		m->found = brm_store_exists(c->store, k, id);
	return m->found;
}

static int ref_exists(struct brm_ref_cache *c, const char *kinds,
    const char *id)
{
	const struct brm_kind *const *k;

	for (k = brm_kinds; *k; k++)
		if (brm_word_in(kinds, (*k)->name) && kind_has(c, *k, id))
			return 1;
	return 0;
}

static void check_one(const struct brm_field *f, const struct brm_node *v,
    void *payload)
{
	struct ref_ctx *c = payload;

	if (!ref_exists(c->cache, f->arg, v->value))
		brm_problem_add(c->out, v, "%s '%s' does not exist",
		    strchr(f->arg, '|') ? "record" : f->arg, v->value);
}

static void note_services(struct memo *m, const struct brm_record *r)
{
	const struct brm_node *subs = brm_record_get(r, "services");
	int listed = subs && subs->type == BRM_NODE_SEQ;
	const char *sid;
	size_t i;

	m->found = 1;
	if (listed)
		m->ids = brm_calloc(subs->n + 1, sizeof(*m->ids));
	for (i = 0; listed && i < subs->n; i++)
		if ((sid = brm_node_str(subs->items[i], "service")))
			m->ids[m->nids++] = brm_strdup(sid);
}

static void load_services(struct brm_ref_cache *c, struct memo *m,
    const char *customer)
{
	struct brm_record *r = NULL;

	if (brm_id_check(&brm_kind_customer, customer) < 0 ||
	    brm_store_load(&r, c->store, &brm_kind_customer, customer) < 0) {
		brm_error_clear();
		return;
	}
	note_services(m, r);
	brm_record_free(r);
}

void brm_ref_cache_learn(struct brm_ref_cache *c, const struct brm_record *r)
{
	struct memo *m;
	int fresh;

	if (r->kind != &brm_kind_customer)
		return;
	m = memo_of(c, brm_kind_customer.name, r->id, &fresh);
	m->found = 1;
	m = memo_of(c, "services", r->id, &fresh);
	if (fresh)
		note_services(m, r);
}

/* A record about a customer's service (a complaint, an event) names one
 * the customer consumes.  Only a warning: a customer may stop consuming
 * a service that old records are about. */
static void check_subscribed(struct brm_ref_cache *c,
    const struct brm_record *r, struct brm_problems *out)
{
	const char *customer = brm_record_str(r, "customer"),
	    *service = brm_record_str(r, "service");
	struct memo *m;
	size_t i;
	int fresh;

	if (r->kind == &brm_kind_customer || !customer || !service ||
	    !brm_field_find(r->kind->fields, "service"))
		return;
	m = memo_of(c, "services", customer, &fresh);
	if (fresh)
		load_services(c, m, customer);
	if (!m->found)
		return;
	for (i = 0; i < m->nids; i++)
		if (!strcmp(m->ids[i], service))
			return;
	brm_problem_warn(out, brm_record_get(r, "service"),
	    "customer '%s' does not subscribe to service '%s'", customer,
	    service);
}

void brm_check_refs_cached(struct brm_ref_cache *c,
    const struct brm_record *r, struct brm_problems *out)
{
	struct ref_ctx ctx = { c, out };
	size_t before = out->errors;

	brm_validate_refs(r->kind, r->root, check_one, &ctx);
	if (out->errors == before)
		check_subscribed(c, r, out);
}

void brm_check_refs(struct brm_store *s, const struct brm_record *r,
    struct brm_problems *out)
{
	struct brm_ref_cache *c = brm_ref_cache_new(s);

	brm_check_refs_cached(c, r, out);
	brm_ref_cache_free(c);
}
