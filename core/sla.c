#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "id.h"
#include "sla.h"

static const struct metric {
	unsigned bit;
	const char *name;
	int higher_is_stricter;
} metrics[] = {
	{ BRM_SLA_RESPONSE, "response_hours", 0 },
	{ BRM_SLA_RESOLUTION, "resolution_hours", 0 },
	{ BRM_SLA_AVAILABILITY, "availability", 1 },
};

#define NMETRICS (sizeof(metrics) / sizeof(metrics[0]))

static double *term(struct brm_sla_terms *t, unsigned bit)
{
	return bit == BRM_SLA_RESPONSE ? &t->response_hours :
	    bit == BRM_SLA_RESOLUTION ? &t->resolution_hours :
	    &t->availability;
}

static int number(const char *s, double *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return *end || errno ? -1 : 0;
}

void brm_sla_terms_from(struct brm_sla_terms *out,
    const struct brm_node *map)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; map && map->type == BRM_NODE_MAP && i < NMETRICS; i++)
		if (number(brm_node_str(map, metrics[i].name),
		    term(out, metrics[i].bit)) == 0)
			out->has |= metrics[i].bit;
}

unsigned brm_sla_looser(const struct brm_sla_terms *contract,
    const struct brm_sla_terms *sla)
{
	struct brm_sla_terms c = *contract, l = *sla;
	unsigned looser = 0;
	double a, b;
	size_t i;

	for (i = 0; i < NMETRICS; i++) {
		if (!(c.has & l.has & metrics[i].bit))
			continue;
		a = *term(&c, metrics[i].bit);
		b = *term(&l, metrics[i].bit);
		if (metrics[i].higher_is_stricter ? !(a > b) : !(a < b))
			looser |= metrics[i].bit;
	}
	return looser;
}

const char *brm_sla_metric(unsigned bit)
{
	size_t i;

	for (i = 0; i < NMETRICS; i++)
		if (metrics[i].bit == bit)
			return metrics[i].name;
	return NULL;
}

/* ---- across the store ---- */

struct records {
	struct brm_record **v;
	size_t n;
	int owned;		/* loaded here: free them */
};

static void records_load(struct records *out, struct brm_store *s,
    const struct brm_kind *k, const struct brm_record *r)
{
	char **ids;
	size_t n, i;

	memset(out, 0, sizeof(*out));
	if (r && r->kind == k) {
		out->v = brm_malloc(sizeof(*out->v));
		out->v[0] = (struct brm_record *)r;
		out->n = 1;
		return;
	}
	out->owned = 1;
	if (brm_store_ids(s, k, &ids, &n) < 0)
		return;
	out->v = brm_calloc(n ? n : 1, sizeof(*out->v));
	for (i = 0; i < n; i++)
		if (brm_store_load(&out->v[out->n], s, k, ids[i]) == 0)
			out->n++;
	brm_strv_free(ids, n);
	brm_error_clear();
}

static void records_release(struct records *rs)
{
	size_t i;

	for (i = 0; rs->owned && i < rs->n; i++)
		brm_record_free(rs->v[i]);
	free(rs->v);
}

static int has_status(const struct brm_record *r, const char *status)
{
	const char *v = brm_record_str(r, "status");

	return v && !strcmp(v, status);
}

static int ended(const struct brm_node *contract,
    const struct brm_date *today)
{
	const char *end = brm_node_str(contract, "end");
	struct brm_date d;

	if (!end || brm_date_parse(&d, end, "end") < 0) {
		brm_error_clear();
		return 0;
	}
	return brm_date_cmp(&d, today) < 0;
}

static void add_gap(struct brm_sla_gaps *out, const struct brm_record *sup,
    size_t ci, const struct brm_node *contract,
    const struct brm_record *cust, const struct brm_node *sla,
    const struct metric *m)
{
	const struct brm_node *at = brm_node_get(contract, m->name);
	struct brm_sla_gap *g;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? 2 * out->alloc : 8;
		out->v = brm_realloc(out->v, out->alloc * sizeof(*out->v));
	}
	g = &out->v[out->n++];
	g->supplier = brm_strdup(sup->id);
	g->service = brm_strdup(brm_node_str(contract, "service"));
	g->customer = brm_strdup(cust->id);
	g->metric = m->name;
	g->contract_value = brm_strdup(at->value);
	g->sla_value = brm_strdup(brm_node_str(sla, m->name));
	g->contract = ci;
	g->line = at->line;
	g->col = at->col;
	g->message = brm_xprintf("contract of supplier '%s' for service '%s' "
	    "is looser than the SLA of customer '%s': %s %s is not %s the "
	    "customer's %s", g->supplier, g->service, g->customer, g->metric,
	    g->contract_value, m->higher_is_stricter ? "above" : "below",
	    g->sla_value);
}

/* A customer's subscription to a service, found by the service. */
struct subscription {
	const char *service;
	const struct brm_record *customer;
	const struct brm_node *sla;
	size_t order;		/* customers' order, then subscriptions' */
};

struct subscriptions {
	struct subscription *v;
	size_t n;
};

static int by_service(const void *a, const void *b)
{
	const struct subscription *x = a, *y = b;
	int c = strcmp(x->service, y->service);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Every current customer's subscriptions, sorted by service: each
 * contract then finds its customers at once rather than every
 * customer's every service being compared with every contract. */
static void subscriptions_index(struct subscriptions *out,
    const struct brm_record *const *customers, size_t n)
{
	const struct brm_node *subs;
	const char *sid;
	size_t i, j, alloc = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (has_status(customers[i], "former"))
			continue;
		subs = brm_record_get(customers[i], "services");
		for (j = 0; subs && subs->type == BRM_NODE_SEQ &&
		    j < subs->n; j++) {
			if (!(sid = brm_node_str(subs->items[j], "service")))
				continue;
			if (out->n == alloc) {
				alloc = alloc ? 2 * alloc : 64;
				out->v = brm_realloc(out->v,
				    alloc * sizeof(*out->v));
			}
			out->v[out->n] = (struct subscription){ sid,
				customers[i], brm_node_get(subs->items[j],
				"sla"), out->n };
			out->n++;
		}
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_service);
}

/* The first subscription to service, or subs->n. */
static size_t first_of(const struct subscriptions *subs,
    const char *service)
{
	size_t lo = 0, hi = subs->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(subs->v[mid].service, service) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The gaps of one contract against every customer's SLAs. */
static void contract_gaps(struct brm_sla_gaps *out,
    const struct brm_record *sup, size_t ci, const struct brm_node *c,
    const struct subscriptions *subs)
{
	const char *service = brm_node_str(c, "service");
	struct brm_sla_terms ct, st;
	const struct subscription *sub;
	unsigned looser;
	size_t i, m;

	brm_sla_terms_from(&ct, c);
	if (!service || !ct.has)
		return;
	for (i = first_of(subs, service); i < subs->n &&
	    !strcmp(subs->v[i].service, service); i++) {
		sub = &subs->v[i];
		brm_sla_terms_from(&st, sub->sla);
		looser = brm_sla_looser(&ct, &st);
		for (m = 0; m < NMETRICS; m++)
			if (looser & metrics[m].bit)
				add_gap(out, sup, ci, c, sub->customer,
				    sub->sla, &metrics[m]);
	}
}

void brm_sla_gaps_among(struct brm_sla_gaps *out,
    const struct brm_record *const *suppliers, size_t nsup,
    const struct brm_record *const *customers, size_t ncust,
    const struct brm_date *today)
{
	struct subscriptions subs;
	const struct brm_node *list;
	size_t i, j;

	subscriptions_index(&subs, customers, ncust);
	for (i = 0; i < nsup; i++) {
		if (has_status(suppliers[i], "terminated"))
			continue;
		list = brm_record_get(suppliers[i], "contracts");
		for (j = 0; list && list->type == BRM_NODE_SEQ &&
		    j < list->n; j++)
			if (list->items[j]->type == BRM_NODE_MAP &&
			    !ended(list->items[j], today))
				contract_gaps(out, suppliers[i], j,
				    list->items[j], &subs);
	}
	free(subs.v);
}

int brm_sla_gaps(struct brm_sla_gaps *out, struct brm_store *s,
    const struct brm_record *r)
{
	struct brm_date today = brm_today();

	return brm_sla_gaps_at(out, s, r, &today);
}

int brm_sla_gaps_at(struct brm_sla_gaps *out, struct brm_store *s,
    const struct brm_record *r, const struct brm_date *today)
{
	struct records sups, custs;

	if (r && r->kind != &brm_kind_supplier &&
	    r->kind != &brm_kind_customer)
		return 0;
	records_load(&sups, s, &brm_kind_supplier, r);
	records_load(&custs, s, &brm_kind_customer, r);
	brm_sla_gaps_among(out, (const struct brm_record *const *)sups.v,
	    sups.n, (const struct brm_record *const *)custs.v, custs.n,
	    today);
	records_release(&sups);
	records_release(&custs);
	return 0;
}

void brm_sla_gaps_release(struct brm_sla_gaps *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].supplier);
		free(g->v[i].service);
		free(g->v[i].customer);
		free(g->v[i].contract_value);
		free(g->v[i].sla_value);
		free(g->v[i].message);
	}
	free(g->v);
	g->v = NULL;
	g->n = g->alloc = 0;
}

static void gaps_as_problems(const struct brm_sla_gaps *gaps,
    struct brm_problems *out)
{
	struct brm_node at;
	char *path;
	size_t i;

	for (i = 0; i < gaps->n; i++) {
		memset(&at, 0, sizeof(at));
		at.line = gaps->v[i].line;
		at.col = gaps->v[i].col;
		path = brm_id_path(&brm_kind_supplier, gaps->v[i].supplier);
		out->file = path;
		brm_problem_add(out, &at, "%s", gaps->v[i].message);
		out->file = NULL;
		free(path);
	}
}

void brm_sla_check_among(const struct brm_record *const *suppliers,
    size_t nsup, const struct brm_record *const *customers, size_t ncust,
    struct brm_problems *out)
{
	struct brm_sla_gaps gaps = BRM_SLA_GAPS_INIT;
	struct brm_date today = brm_today();

	brm_sla_gaps_among(&gaps, suppliers, nsup, customers, ncust, &today);
	gaps_as_problems(&gaps, out);
	brm_sla_gaps_release(&gaps);
}
