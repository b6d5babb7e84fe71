#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "scorecard.h"
#include "validate.h"

const char *const brm_score_names[BRM_SCORES] = { "responsiveness",
	"problem_solving", "efficiency", "stability", "feedback",
	"cooperation" };

/* Scores are shown and given in JSON with 2 decimals: round once here so
 * that every format agrees. */
static double two_decimals(double v)
{
	return round(v * 100.0) / 100.0;
}

struct sums {
	double sum[BRM_SCORES];
	int n[BRM_SCORES];
	double history[BRM_SCORE_TREND];	/* ring of the last means */
	size_t seen;
};

static long row_of(const struct brm_scorecard *sc, const char *id)
{
	size_t lo = 0, hi = sc->n, mid;
	int c;

	while (id && lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(sc->rows[mid].supplier->id, id);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int load_suppliers(struct brm_scorecard *sc, struct brm_store *s,
    const struct brm_kind *k)
{
	struct brm_record *r;
	struct brm_node *c;
	char **ids;
	size_t n, i;
	int ret;

	if ((ret = brm_store_ids(s, k, &ids, &n)) < 0)
		return ret;
	sc->rows = brm_calloc(n + 1, sizeof(*sc->rows));
	for (i = 0; i < n; i++) {
		if (brm_store_load(&r, s, k, ids[i]) < 0) {
			brm_error_clear();	/* brm check says why */
			continue;
		}
		brm_recv_push(&sc->owned, r);
		sc->rows[sc->n].supplier = r;
		c = brm_record_get(r, "contracts");
		sc->rows[sc->n].contracts = c && c->type == BRM_NODE_SEQ ?
		    c->n : 0;
		sc->n++;
	}
	brm_strv_free(ids, n);
	return 0;
}

double brm_audit_mean(const struct brm_record *audit)
{
	const char *v;
	double total = 0;
	int i, n = 0;

	for (i = 0; i < BRM_SCORES; i++)
		if ((v = brm_record_str(audit, brm_score_names[i]))) {
			total += atof(v);
			n++;
		}
	return n ? two_decimals(total / n) : NAN;
}

/* One audit into its supplier's sums; audits come oldest first. */
static void add_audit(struct sums *sm, struct brm_scorecard_row *row,
    const struct brm_record *a)
{
	const char *v, *date = brm_record_str(a, "date");
	int i;

	for (i = 0; i < BRM_SCORES; i++) {
		if (!(v = brm_record_str(a, brm_score_names[i])))
			continue;
		sm->sum[i] += atof(v);
		sm->n[i]++;
	}
	row->audits++;
	row->latest = brm_audit_mean(a);
	snprintf(row->latest_date, sizeof(row->latest_date), "%.10s",
	    date ? date : "");
	sm->history[sm->seen++ % BRM_SCORE_TREND] = row->latest;
}

static void finish_row(struct brm_scorecard_row *row, const struct sums *sm)
{
	size_t i, shown = sm->seen < BRM_SCORE_TREND ? sm->seen :
	    BRM_SCORE_TREND;

	for (i = 0; i < BRM_SCORES; i++)
		row->mean[i] = sm->n[i] ? two_decimals(sm->sum[i] / sm->n[i]) :
		    NAN;
	if (!row->audits)
		row->latest = NAN;
	for (i = 0; i < BRM_SCORE_TREND; i++)
		row->trend[i] = NAN;
	for (i = 0; i < shown; i++)
		row->trend[BRM_SCORE_TREND - shown + i] =
		    sm->history[(sm->seen - shown + i) % BRM_SCORE_TREND];
}

static void scan_audits(struct brm_scorecard *sc, struct brm_store *s,
    struct sums *sums)
{
	const struct brm_kind *k = brm_kind_lookup("audit");
	struct brm_record *a;
	char **ids;
	size_t n, i;
	long row;

	if (!k)
		return;
	/* ids sort by date, so audits arrive oldest first */
	brm_store_ids(s, k, &ids, &n);
	for (i = 0; i < n; i++) {
		if (brm_store_load(&a, s, k, ids[i]) < 0) {
			brm_error_clear();
			continue;
		}
		if ((row = row_of(sc, brm_record_str(a, "supplier"))) >= 0)
			add_audit(&sums[row], &sc->rows[row], a);
		brm_record_free(a);
	}
	brm_strv_free(ids, n);
}

static void scan_disputes(struct brm_scorecard *sc, struct brm_store *s)
{
	const struct brm_kind *k = brm_kind_lookup("dispute");
	struct brm_record *d;
	const char *status, *level;
	char **ids;
	size_t n, i;
	int lv;

	if (!k)
		return;
	brm_store_ids(s, k, &ids, &n);
	for (i = 0; i < n; i++) {
		if (brm_store_load(&d, s, k, ids[i]) < 0) {
			brm_error_clear();
			continue;
		}
		status = brm_record_str(d, "status");
		if (status && !strcmp(status, "resolved")) {
			brm_record_free(d);
			continue;
		}
		level = brm_record_str(d, "level");
		lv = level ? atoi(level) : 1;
		sc->by_level[lv >= 1 && lv <= 4 ? lv : 0]++;
		brm_recv_push(&sc->disputes, d);
		brm_recv_push(&sc->owned, d);
	}
	brm_strv_free(ids, n);
}

int brm_report_suppliers(struct brm_scorecard **out, struct brm_store *s,
    const struct brm_as_of *at)
{
	struct brm_scorecard *sc = brm_calloc(1, sizeof(*sc));
	const struct brm_kind *k = brm_kind_lookup("supplier");
	struct sums *sums = NULL;
	size_t i;
	int ret = 0;

	*out = NULL;
	memcpy(sc->commit, s->commit, sizeof(sc->commit));
	sc->as_of = *at;
	sc->provider = brm_node_str(s->config, "provider");
	if (k && (ret = load_suppliers(sc, s, k)) < 0)
		goto done;
	sums = brm_calloc(sc->n + 1, sizeof(*sums));
	scan_audits(sc, s, sums);
	for (i = 0; i < sc->n; i++)
		finish_row(&sc->rows[i], &sums[i]);
	scan_disputes(sc, s);
	if (brm_sla_gaps_at(&sc->gaps, s, NULL, &at->when.date) < 0)
		brm_error_clear();	/* the gaps that were found stand */
	*out = sc;
	sc = NULL;
done:
	free(sums);
	brm_scorecard_free(sc);
	return ret;
}

void brm_scorecard_free(struct brm_scorecard *sc)
{
	size_t i;

	if (!sc)
		return;
	for (i = 0; i < sc->owned.n; i++)
		brm_record_free(sc->owned.v[i]);
	free(sc->owned.v);
	free(sc->disputes.v);
	free(sc->rows);
	brm_sla_gaps_release(&sc->gaps);
	free(sc);
}
