#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "error.h"

/* The trend shown to people: the last few audits are what matters. */
#define TREND_SHOWN 6

int brm_audit_is_score(const struct brm_field *f)
{
	return f->type == BRM_F_INTEGER && f->arg && !strcmp(f->arg, "1..5");
}

double brm_audit_average(const struct brm_node *root)
{
	const struct brm_field *f;
	const char *v;
	double sum = 0;
	char *end;
	long x;
	int n = 0;

	for (f = brm_kind_audit.fields; f->name; f++) {
		if (!brm_audit_is_score(f) || !(v = brm_node_str(root,
		    f->name)))
			continue;
		x = strtol(v, &end, 10);
		if (*end || end == v || x < 1 || x > 5)
			continue;
		sum += (double)x;
		n++;
	}
	return n ? sum / n : -1;
}

static int by_date(const void *a, const void *b)
{
	const struct brm_audit_point *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	return c ? c : strcmp(x->id, y->id);
}

int brm_audit_points(struct brm_store *s, const char *supplier,
    struct brm_audit_point **out, size_t *n)
{
	struct brm_audit_point *p = NULL;
	struct brm_record *r;
	const char *sup, *date;
	char **ids;
	size_t nids, i, k = 0;
	int ret;

	*out = NULL;
	*n = 0;
	if ((ret = brm_store_ids(s, &brm_kind_audit, &ids, &nids)) < 0)
		return ret;
	if (nids)
		p = brm_calloc(nids, sizeof(*p));
	for (i = 0; i < nids; i++) {
		if (brm_store_load(&r, s, &brm_kind_audit, ids[i]) < 0)
			continue;
		sup = brm_record_str(r, "supplier");
		date = brm_record_str(r, "date");
		if (sup && !strcmp(sup, supplier)) {
			p[k].id = brm_strdup(r->id);
			snprintf(p[k].date, sizeof(p[k].date), "%.10s",
			    date ? date : "");
			p[k].average = brm_audit_average(r->root);
			k++;
		}
		brm_record_free(r);
	}
	brm_strv_free(ids, nids);
	brm_error_clear();
	if (k)
		qsort(p, k, sizeof(*p), by_date);
	*out = p;
	*n = k;
	return 0;
}

void brm_audit_points_free(struct brm_audit_point *p, size_t n)
{
	size_t i;

	for (i = 0; p && i < n; i++)
		free(p[i].id);
	free(p);
}

/* A number as a typed plain scalar, two decimals at most: 4.17, 4.5. */
static struct brm_node *number(double v)
{
	char buf[64];
	size_t len;

	snprintf(buf, sizeof(buf), "%.2f", round(v * 100) / 100);
	len = strlen(buf);
	while (len > 1 && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (buf[len - 1] == '.')
		buf[--len] = '\0';
	return brm_node_new_plain(buf);
}

static struct brm_node *point_node(const struct brm_audit_point *p)
{
	struct brm_node *m = brm_node_new_map();

	brm_node_set(m, "id", brm_node_new_str(p->id));
	brm_node_set(m, "date", brm_node_new_str(p->date));
	if (p->average >= 0)
		brm_node_set(m, "average", number(p->average));
	return m;
}

/* "improving", "declining" or "steady": the latest against the one
 * before, at the one decimal people see. */
static const char *direction(const struct brm_audit_point *p, size_t n)
{
	long a, b;

	if (n < 2 || p[n - 1].average < 0 || p[n - 2].average < 0)
		return NULL;
	a = lround(p[n - 1].average * 10);
	b = lround(p[n - 2].average * 10);
	return a > b ? "improving" : a < b ? "declining" : "steady";
}

static void latest_scores(struct brm_store *s, const char *id,
    struct brm_node *latest)
{
	const struct brm_field *f;
	struct brm_node *scores, *v;
	struct brm_record *r;
	const char *period;

	if (brm_store_load(&r, s, &brm_kind_audit, id) < 0) {
		brm_error_clear();
		return;
	}
	if ((period = brm_record_str(r, "period")))
		brm_node_set(latest, "period", brm_node_new_str(period));
	scores = brm_node_new_map();
	for (f = brm_kind_audit.fields; f->name; f++)
		if (brm_audit_is_score(f) && (v = brm_record_get(r, f->name)))
			brm_node_set(scores, f->name, brm_node_dup(v));
	brm_node_set(latest, "scores", scores);
	brm_record_free(r);
}

int brm_audit_summary(struct brm_store *s, const struct brm_record *rec,
    struct brm_node **data, char **text)
{
	struct brm_buf line = BRM_BUF_INIT;
	struct brm_audit_point *p;
	struct brm_node *sum, *trend, *latest;
	const char *dir;
	size_t n, i;
	int ret;

	*data = NULL;
	*text = NULL;
	if ((ret = brm_audit_points(s, rec->id, &p, &n)) < 0)
		return ret;
	sum = brm_node_new_map();
	brm_node_set(sum, "audits", number((double)n));
	if (!n) {
		brm_buf_puts(&line, "audits: none");
		goto done;
	}
	latest = point_node(&p[n - 1]);
	latest_scores(s, p[n - 1].id, latest);
	brm_node_set(sum, "latest", latest);
	trend = brm_node_new_seq();
	for (i = 0; i < n; i++)
		brm_node_append(trend, point_node(&p[i]));
	brm_node_set(sum, "trend", trend);
	dir = direction(p, n);
	if (dir)
		brm_node_set(sum, "direction", brm_node_new_str(dir));

	brm_buf_printf(&line, "audits: %zu, latest %s (%s)", n, p[n - 1].id,
	    p[n - 1].date);
	if (p[n - 1].average >= 0)
		brm_buf_printf(&line, " average %.1f", p[n - 1].average);
	if (n > 1) {
		brm_buf_puts(&line, "; trend ");
		if (n > TREND_SHOWN)
			brm_buf_puts(&line, "… ");
		for (i = n > TREND_SHOWN ? n - TREND_SHOWN : 0; i < n; i++) {
			if (p[i].average >= 0)
				brm_buf_printf(&line, "%.1f", p[i].average);
			else
				brm_buf_puts(&line, "-");
			if (i + 1 < n)
				brm_buf_puts(&line, " → ");
		}
		if (dir)
			brm_buf_printf(&line, " (%s)", dir);
	}
done:
	*data = brm_node_new_map();
	brm_node_set(*data, "audit_summary", sum);
	*text = brm_buf_detach(&line);
	brm_audit_points_free(p, n);
	return 0;
}
