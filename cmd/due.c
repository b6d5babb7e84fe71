/* brm due [--within DAYS]: what needs a person's attention, soonest
 * first.  Every record kind contributes through its due hook, so a new
 * kind's deadlines need no change here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/records.h"
#include "core/buf.h"
#include "core/due.h"
#include "core/error.h"
#include "formats/json.h"
#include "formats/table.h"

#define DEFAULT_WITHIN 7
#define MAX_WITHIN 3660

static long long item_key(const struct brm_due_item *it)
{
	struct brm_datetime t = { it->due, 0, 0, 0, 0 };

	/* a day's items without a time sort after the timed ones */
	if (it->timed)
		return brm_datetime_epoch(&it->at);
	return brm_datetime_epoch(&t) + 86399;
}

static int by_due(const void *a, const void *b)
{
	const struct brm_due_item *x = a, *y = b;
	int c = brm_date_cmp(&x->due, &y->due);
	long long kx, ky;

	if (c)
		return c;
	kx = item_key(x);
	ky = item_key(y);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	if ((c = strcmp(x->category, y->category)))
		return c;
	if ((c = strcmp(x->id, y->id)))
		return c;
	return strcmp(x->what, y->what);
}

static int overdue(const struct brm_due_ctx *c, const struct brm_due_item *it)
{
	if (it->timed)
		return brm_datetime_epoch(&it->at) <
		    brm_datetime_epoch(&c->now);
	return brm_date_cmp(&it->due, &c->today) < 0;
}

/* The items of every record that can be read; *broken counts the
 * others. */
static void collect(struct brm_store *s, const struct brm_due_ctx *c,
    struct brm_due_list *out, size_t *broken)
{
	const struct brm_kind *const *k;
	struct brm_record *r;
	char **ids;
	size_t n, i;

	for (k = brm_kinds; *k; k++) {
		if (!(*k)->due)
			continue;
		brm_store_ids(s, *k, &ids, &n);
		for (i = 0; i < n; i++) {
			if (brm_cli_load_many(&r, s, *k, ids[i], broken) < 0)
				continue;
			(*k)->due(c, r, out);
			brm_record_free(r);
		}
		brm_strv_free(ids, n);
	}
	brm_error_clear();
}

static void when(const struct brm_due_ctx *c, const struct brm_due_item *it,
    char *out, size_t n)
{
	long days = brm_date_to_days(&it->due) - brm_date_to_days(&c->today);

	if (overdue(c, it))
		snprintf(out, n, "overdue");
	else if (days == 0)
		snprintf(out, n, "today");
	else if (days == 1)
		snprintf(out, n, "tomorrow");
	else
		snprintf(out, n, "in %ld days", days);
}

static void due_text(const struct brm_due_item *it, char *out, size_t n)
{
	char day[BRM_DATE_LEN];

	brm_date_format(day, &it->due);
	if (it->timed)
		snprintf(out, n, "%s %02d:%02d", day, it->at.hour, it->at.min);
	else
		snprintf(out, n, "%s", day);
}

static void print_table(const struct brm_due_ctx *c,
    const struct brm_due_list *l, long within)
{
	static const char *const header[] = {
		"DUE", "STATE", "ITEM", "CUSTOMER", "RECORD", "WHAT"
	};
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_table t;
	char due[64], state[32];
	const char *row[6];
	size_t i;

	if (!l->n) {
		printf("nothing due within %ld day%s\n", within,
		    within == 1 ? "" : "s");
		return;
	}
	brm_table_init(&t, 6);
	brm_table_add(&t, header);
	for (i = 0; i < l->n; i++) {
		due_text(&l->items[i], due, sizeof(due));
		when(c, &l->items[i], state, sizeof(state));
		row[0] = due;
		row[1] = state;
		row[2] = l->items[i].category;
		row[3] = l->items[i].customer;
		row[4] = l->items[i].id;
		row[5] = l->items[i].what;
		brm_table_add(&t, row);
	}
	brm_table_render(&out, &t, brm_use_color(stdout));
	fwrite(out.data, 1, out.len, stdout);
	brm_table_release(&t);
	brm_buf_release(&out);
}

static int print_json(const struct brm_due_ctx *c,
    const struct brm_due_list *l)
{
	struct brm_buf out = BRM_BUF_INIT;
	json_t *a = json_array(), *o;
	char buf[BRM_DATETIME_LEN];
	size_t i;
	int ret;

	for (i = 0; i < l->n; i++) {
		const struct brm_due_item *it = &l->items[i];

		o = json_object();
		brm_date_format(buf, &it->due);
		json_object_set_new(o, "due", json_string(buf));
		if (it->timed) {
			brm_datetime_format(buf, &it->at);
			json_object_set_new(o, "at", json_string(buf));
		}
		json_object_set_new(o, "overdue",
		    json_boolean(overdue(c, it)));
		json_object_set_new(o, "category",
		    json_string(it->category));
		json_object_set_new(o, "id", json_string(it->id));
		json_object_set_new(o, "customer", it->customer ?
		    json_string(it->customer) : json_null());
		json_object_set_new(o, "what", json_string(it->what));
		json_array_append_new(a, o);
	}
	if ((ret = brm_json_dump(&out, a, 1)) == 0)
		fwrite(out.data, 1, out.len, stdout);
	json_decref(a);
	brm_buf_release(&out);
	return ret;
}

static int due(struct brm_ctx *ctx, long within, const char *format)
{
	struct brm_due_list l = { NULL, 0, 0 };
	struct brm_due_memo memo = BRM_DUE_MEMO_INIT;
	struct brm_due_ctx c;
	struct brm_store *s;
	size_t broken = 0;
	int ret;

	if ((ret = brm_cli_begin(ctx, &s, 0)) < 0)
		return brm_fail(ret);
	c.store = s;
	c.now = brm_now();
	c.today = c.now.date;
	c.horizon = brm_date_from_days(brm_date_to_days(&c.today) + within);
	c.memo = &memo;
	collect(s, &c, &l, &broken);
	brm_due_memo_release(&memo);
	if (l.n)
		qsort(l.items, l.n, sizeof(*l.items), by_due);
	if (!strcmp(format, "json"))
		ret = print_json(&c, &l);
	else
		print_table(&c, &l, within);
	if (ret == 0)
		ret = brm_cli_skipped(broken);
	brm_due_release(&l);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_due(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *within = NULL, *format = "table";
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "within", &within, "<days>",
		    "look this many days ahead (default: 7)"),
		BRM_OPT_STRING_(0, "format", &format, "table|json",
		    "output format (default: table)"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "due", "", opts };
	long days = DEFAULT_WITHIN;
	char *end;

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (within) {
		days = strtol(within, &end, 10);
		if (!*within || *end || within[0] == '+' || days < 0 ||
		    days > MAX_WITHIN)
			return brm_usage_error(&u, "invalid --within '%s' "
			    "(expected a number of days from 0 to %d)", within,
			    MAX_WITHIN);
	}
	if (strcmp(format, "table") && strcmp(format, "json"))
		return brm_usage_error(&u, "unknown format '%s' (expected "
		    "table or json)", format);
	return due(ctx, days, format);
}
