/*
 * brm report monthly|customer|portfolio|suppliers: Markdown, HTML or JSON
 * reports, always read from a commit (HEAD, or --at REV) and as of its
 * committer time (or --as-of DATE), never the clock, so that the same
 * commit gives the same bytes.  Only the monthly report's default month
 * comes from the clock: CI runs it on the 1st for the month just over.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/records.h"
#include "core/date.h"
#include "core/error.h"
#include "core/report.h"
#include "core/scorecard.h"
#include "formats/json.h"
#include "formats/report.h"

struct report_opts {
	const char *format;
	const char *at;
	const char *output;
	const char *month;
	const char *as_of;
};

static int render(struct brm_doc *doc, json_t *json, const char *format,
    const char *title, struct brm_buf *out)
{
	if (!strcmp(format, "json"))
		return brm_json_dump(out, json, 1);
	return brm_doc_render(doc, !strcmp(format, "html") ? BRM_DOC_HTML :
	    BRM_DOC_MARKDOWN, title, out);
}

/* The month before today, or before the --as-of day. */
static struct brm_month default_month(const struct report_opts *o,
    const struct brm_as_of *at)
{
	struct brm_date today = o->as_of ? at->when.date : brm_today();

	return brm_month_add((struct brm_month){ today.year, today.month },
	    -1);
}

static int monthly(struct brm_store *s, const struct report_opts *o,
    const struct brm_as_of *at, struct brm_buf *out)
{
	struct brm_monthly *r = NULL;
	struct brm_doc *doc = NULL;
	json_t *json = NULL;
	struct brm_month m;
	char month[32], title[96];
	int ret;

	if (!o->month)
		m = default_month(o, at);
	else if (brm_month_parse(&m, o->month, "--month") < 0)
		return BRM_EINVALID;
	if ((ret = brm_report_monthly(&r, s, m, at)) < 0)
		return ret;
	if (!strcmp(o->format, "json"))
		json = brm_monthly_json(r);
	else
		doc = brm_monthly_doc(r);
	/* the page's title is its heading */
	brm_month_name(month, sizeof(month), &m);
	snprintf(title, sizeof(title), "Monthly relationship report — %s",
	    month);
	ret = render(doc, json, o->format, title, out);
	json_decref(json);
	brm_doc_free(doc);
	brm_monthly_free(r);
	return ret;
}

static int customer(struct brm_store *s, const struct report_opts *o,
    const struct brm_as_of *at, const char *ref, struct brm_buf *out)
{
	struct brm_monthly *r = NULL;
	struct brm_doc *doc = NULL;
	json_t *json = NULL;
	char *id = NULL, *title = NULL;
	int ret;

	if ((ret = brm_cli_resolve_id(s, ref, "customer", &id)) < 0 ||
	    (ret = brm_report_history(&r, s, at, 12, id)) < 0)
		goto done;
	if (!strcmp(o->format, "json"))
		json = brm_customer_json(r);
	else
		doc = brm_customer_doc(r);
	title = brm_xprintf("Customer sheet — %s",
	    brm_record_title(r->customers[0].rec));
	ret = render(doc, json, o->format, title, out);
done:
	free(title);
	json_decref(json);
	brm_doc_free(doc);
	brm_monthly_free(r);
	free(id);
	return ret;
}

static int portfolio(struct brm_store *s, const struct report_opts *o,
    const struct brm_as_of *at, struct brm_buf *out)
{
	struct brm_monthly *r = NULL;
	struct brm_doc *doc = NULL;
	json_t *json = NULL;
	char *title;
	int ret;

	if ((ret = brm_report_history(&r, s, at, 3, NULL)) < 0)
		return ret;
	if (!strcmp(o->format, "json"))
		json = brm_portfolio_json(r);
	else
		doc = brm_portfolio_doc(r, brm_node_str(s->config,
		    "currency"));
	title = brm_xprintf("Portfolio%s%s", r->provider ? " — " : "",
	    r->provider ? r->provider : "");
	ret = render(doc, json, o->format, title, out);
	free(title);
	json_decref(json);
	brm_doc_free(doc);
	brm_monthly_free(r);
	return ret;
}

static int suppliers(struct brm_store *s, const struct report_opts *o,
    const struct brm_as_of *at, struct brm_buf *out)
{
	struct brm_scorecard *sc = NULL;
	struct brm_doc *doc = NULL;
	json_t *json = NULL;
	int ret;

	if ((ret = brm_report_suppliers(&sc, s, at)) < 0)
		return ret;
	if (!strcmp(o->format, "json"))
		json = brm_suppliers_json(sc);
	else
		doc = brm_suppliers_doc(sc);
	ret = render(doc, json, o->format, "Supplier report", out);
	json_decref(json);
	brm_doc_free(doc);
	brm_scorecard_free(sc);
	return ret;
}

static int run(struct brm_ctx *ctx, const char *which, const char *id,
    const struct report_opts *o)
{
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_as_of at;
	struct brm_store *s;
	char *path = NULL;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0 ||
	    (ret = brm_store_at(s, o->at ? o->at : "HEAD")) < 0 ||
	    (ret = brm_as_of_init(&at, s, o->as_of)) < 0)
		goto done;
	brm_store_for_reading(s);
	if (!strcmp(which, "monthly"))
		ret = monthly(s, o, &at, &out);
	else if (!strcmp(which, "customer"))
		ret = customer(s, o, &at, id, &out);
	else if (!strcmp(which, "portfolio"))
		ret = portfolio(s, o, &at, &out);
	else
		ret = suppliers(s, o, &at, &out);
	if (ret == 0)
		/* published: better none than one quietly incomplete */
		ret = brm_cli_refuse_unreadable(s, "no report was written");
	if (ret == 0) {
		path = brm_ctx_path(ctx, o->output);
		ret = brm_deliver(&out, path);
	}
done:
	free(path);
	brm_buf_release(&out);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_report(int argc, char **argv, struct brm_ctx *ctx)
{
	struct report_opts o = { "md", NULL, NULL, NULL, NULL };
	struct brm_month m;
	struct brm_date day;
	const char *which;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "format", &o.format, "md|html|json",
		    "output format (default: md)"),
		BRM_OPT_STRING_(0, "at", &o.at, "<rev>",
		    "build the report from this commit (default: HEAD)"),
		BRM_OPT_STRING_('o', "output", &o.output, "<file>",
		    "write the report to a file"),
		BRM_OPT_STRING_(0, "month", &o.month, "<YYYY-MM>",
		    "monthly: the month (default: the previous month)"),
		BRM_OPT_STRING_(0, "as-of", &o.as_of, "<date>",
		    "as of the end of this day (default: the commit's "
		    "time)"),
		BRM_OPERAND_AFTER_(1, "customer", "customer"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "report",
		"monthly|customer|portfolio|suppliers [<customer>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	which = argv[0];
	if (!brm_word_in("monthly|customer|portfolio|suppliers", which))
		return brm_usage_error(&u, "unknown report '%s' (expected "
		    "monthly, customer, portfolio or suppliers)", which);
	if (!brm_word_in("md|html|json", o.format))
		return brm_usage_error(&u, "unknown format '%s' (expected md, "
		    "html or json)", o.format);
	if (!strcmp(which, "customer") != (argc == 2))
		return brm_usage_error(&u, "%s", argc == 2 ? "only the "
		    "customer report takes an id" : "report customer needs "
		    "a customer id");
	if (o.month && strcmp(which, "monthly"))
		return brm_usage_error(&u, "--month applies to the monthly "
		    "report only");
	/* a mistake in the command line: exit 2 before reading anything */
	if (o.month && brm_month_parse(&m, o.month, "--month") < 0) {
		brm_error_clear();
		return brm_usage_error(&u, "invalid --month '%s' (expected "
		    "YYYY-MM)", o.month);
	}
	if (o.as_of && brm_date_parse_user(&day, o.as_of, "--as-of") < 0) {
		brm_error_clear();
		return brm_usage_error(&u, "invalid --as-of '%s' (expected "
		    "YYYY-MM-DD, today or yesterday)", o.as_of);
	}
	return run(ctx, which, argc == 2 ? argv[1] : NULL, &o);
}
