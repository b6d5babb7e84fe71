#!/usr/bin/env python3
"""report_py.py - the figures of `brm report monthly`, in Python + PyYAML.

    tests/perf/report_py.py DIR YYYY-MM
    tests/perf/report_py.py --from-brm REPORT.json

The benchmark's baseline for the report, written as one would without
brm: read the files the month needs (customers and suppliers; meetings,
complaints and disputes up to the month; praise, value-adds and events of
the month and the one before; surveys of the six months of the trend;
audits of the month) and compute the figures core/report.h defines: for
each customer and in total, this month's and last month's meetings,
periodic reviews, complaints opened, resolved, open and overdue with the
mean resolution time, praise, surveys and satisfaction, value-adds, SLA
breaches and major incidents; per customer the six-month satisfaction
trend, whether a review was missing, open and overdue action items; the
month's audits and the disputes open at its end.  Former customers with
nothing in the month are left out of the list, as brm does.

It prints them as JSON.  With --from-brm it prints the same figures taken
from `brm report monthly --format json`, so that make bench can check
that both computed the same before it compares their times.  PyYAML's C
loader (libyaml, as brm) is used when present.
"""
import datetime as dt
import json
import math
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FIGURES = ("meetings", "periodic_reviews", "complaints_opened",
           "complaints_resolved", "complaints_open", "complaints_overdue",
           "resolution_hours", "praise", "surveys", "satisfaction",
           "value_adds", "sla_breaches", "major_incidents")
TREND = 6


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader)


def month_add(ym, k):
    n = ym[0] * 12 + ym[1] - 1 + k
    return n // 12, n % 12 + 1


def month_of(v):
    return (v.year, v.month) if v is not None else None


def files(root, plural, first=None, last=None):
    """Records of a dated kind filed in the months first..last."""
    base = os.path.join(root, plural)
    if not os.path.isdir(base):
        return
    for y in sorted(os.listdir(base)):
        for m in sorted(os.listdir(os.path.join(base, y))):
            ym = (int(y), int(m))
            if (first and ym < first) or ym > last:
                continue
            d = os.path.join(base, y, m)
            for f in sorted(os.listdir(d)):
                if f.endswith(".yaml"):
                    yield load(os.path.join(d, f))


def named(root, plural):
    d = os.path.join(root, plural)
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        if f.endswith(".yaml"):
            yield load(os.path.join(d, f))


def day(v):
    """A date or timestamp as its date as written (its own offset)."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def moment(v):
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day, tzinfo=dt.timezone.utc)
    return dt.datetime.fromisoformat(str(v))


def c_round(x, places):
    """C's round(): halves away from zero (Python's round() is to even)."""
    s = 10 ** places
    return math.copysign(math.floor(abs(x) * s + 0.5), x) / s


def zero():
    return {"meetings": 0, "periodic_reviews": 0, "complaints_opened": 0,
            "complaints_resolved": 0, "complaints_open": 0,
            "complaints_overdue": 0, "hours": 0.0, "praise": 0,
            "surveys": 0, "score": 0.0, "value_adds": 0,
            "sla_breaches": 0, "major_incidents": 0}


def finish(f):
    out = {k: f[k] for k in FIGURES if k in f}
    out["resolution_hours"] = (c_round(f["hours"] / f["complaints_resolved"],
                                       1) if f["complaints_resolved"]
                               else None)
    out["satisfaction"] = (c_round(f["score"] / f["surveys"], 2)
                           if f["surveys"] else None)
    return {k: out[k] for k in FIGURES}


class Complaint:
    def __init__(self, r):
        self.received = r.get("received")
        self.resolved = [r["resolved"]] if r.get("resolved") else []
        self.reopened = []
        for x in r.get("reopened") or []:
            if x.get("at"):
                self.reopened.append(x["at"])
            if x.get("resolved"):
                self.resolved.append(x["resolved"])
        self.due = r.get("response_due")
        self.ack = r.get("acknowledged")

    def resolved_by(self, end):
        res = [moment(x) for x in self.resolved if day(x) <= end]
        re = [moment(x) for x in self.reopened if day(x) <= end]
        return bool(res) and (not re or max(re) <= max(res))

    def open_at(self, end):
        return (self.received is not None and day(self.received) <= end
                and not self.resolved_by(end))

    def overdue_at(self, end, now):
        if not self.open_at(end) or not self.due or day(self.due) > end:
            return False
        if moment(self.due) >= now:
            return False
        return (not self.ack or moment(self.ack) > moment(self.due)
                or day(self.ack) > end)

    def count(self, f, ym, end, now):
        f["complaints_opened"] += month_of(day(self.received)) == ym
        mine = [moment(x) for x in self.resolved if month_of(day(x)) == ym]
        if mine:
            f["complaints_resolved"] += 1
            if self.received:
                f["hours"] += (max(mine) - moment(self.received)) \
                    .total_seconds() / 3600
        f["complaints_open"] += self.open_at(end)
        f["complaints_overdue"] += self.overdue_at(end, now)

    def touched(self, ym, end):
        return (any(month_of(day(x)) == ym for x in self.resolved)
                or month_of(day(self.received)) == ym or self.open_at(end))


def month_end(ym):
    n = month_add(ym, 1)
    return dt.date(n[0], n[1], 1) - dt.timedelta(days=1)


def report(root, month):
    ym = tuple(int(x) for x in month.split("-"))
    prev, nxt = month_add(ym, -1), month_add(ym, 1)
    window = (prev, ym)
    ends = {m: month_end(m) for m in window}
    quarter = month_add(ym, -((ym[1] - 1) % 3))
    trend = [month_add(ym, k - (TREND - 1)) for k in range(TREND)]
    now = dt.datetime.now(dt.timezone.utc)
    today = dt.datetime.now().date()

    cust = {c["id"]: c for c in named(root, "customers")}
    t = {c: {"by": {m: zero() for m in window}, "active": False,
             "reviews_month": 0, "reviews_quarter": 0,
             "trend": [[0.0, 0] for _ in trend], "actions": 0,
             "overdue_actions": 0} for c in cust}

    for r in files(root, "meetings", None, ym):
        c = t.get(r.get("with"))
        d = day(r.get("date"))
        m = month_of(d)
        review = r.get("kind") == "periodic-review"
        if c and m in window:
            c["by"][m]["meetings"] += 1
            c["by"][m]["periodic_reviews"] += \
                r.get("kind") == "periodic-review"
        if c and m == ym:
            c["active"] = True
            c["reviews_month"] += review
        if c and d and review and quarter <= m and d <= ends[ym]:
            c["reviews_quarter"] += 1
        for a in r.get("actions") or []:
            if a.get("done") is True or not c:
                continue
            due = day(a.get("due"))
            c["actions"] += 1
            c["overdue_actions"] += bool(due and due <= ends[ym]
                                         and due < today)
    for r in files(root, "complaints", None, ym):
        c = t.get(r.get("customer"))
        if c is None:
            continue
        h = Complaint(r)
        for m in window:
            h.count(c["by"][m], m, ends[m], now)
        if h.touched(ym, ends[ym]):
            c["active"] = True

    def dated(plural, first, fn):
        for r in files(root, plural, first, ym):
            c = t.get(r.get("customer"))
            d = day(r.get("date"))
            if c is None:
                continue
            if month_of(d) in window:
                fn(c["by"][month_of(d)], r)
            if month_of(d) == ym:
                c["active"] = True
            yield c, d, r

    def praise(f, r):
        f["praise"] += 1

    def value_add(f, r):
        f["value_adds"] += 1

    def event(f, r):
        f["sla_breaches"] += r.get("kind") == "sla-breach"
        f["major_incidents"] += r.get("kind") == "major-incident"

    def survey(f, r):
        f["surveys"] += 1
        f["score"] += float(r.get("score") or 0)

    for _ in dated("praise", prev, praise):
        pass
    for _ in dated("value-adds", prev, value_add):
        pass
    for _ in dated("events", prev, event):
        pass
    for c, d, r in dated("surveys", min(trend[0], prev), survey):
        if month_of(d) in trend:
            k = trend.index(month_of(d))
            c["trend"][k][0] += float(r.get("score") or 0)
            c["trend"][k][1] += 1

    audits = [r["id"] for r in files(root, "audits", ym, ym)
              if month_of(day(r.get("date"))) == ym]
    disputes = [r["id"] for r in files(root, "disputes", None, ym)
                if r.get("opened") and day(r["opened"]) <= ends[ym]
                and not (r.get("resolved")
                         and day(r["resolved"]) <= ends[ym])]

    total = {m: zero() for m in window}
    customers = []
    for cid in sorted(t):
        c, rec = t[cid], cust[cid]
        for m in window:
            for k, v in c["by"][m].items():
                total[m][k] += v
        status = rec.get("status")
        cadence = ((rec.get("review") or {}).get("cadence")
                   if status in (None, "active") else None)
        if status not in (None, "active") and not c["active"]:
            continue
        customers.append(dict(
            finish(c["by"][ym]), id=cid,
            review_missing=bool(cadence) and (
                (cadence != "quarterly" and not c["reviews_month"]) or
                (cadence == "quarterly" and ym[1] % 3 == 0
                 and not c["reviews_quarter"])),
            satisfaction_trend=[c_round(s / n, 2) if n else None
                                for s, n in c["trend"]],
            previous=finish(c["by"][prev]), open_actions=c["actions"],
            overdue_actions=c["overdue_actions"]))
    for r in named(root, "suppliers"):
        pass		# brm reads them for next month's contract dates
    return {"month": month, "summary": finish(total[ym]),
            "previous": finish(total[prev]), "customers": customers,
            "audits": audits, "open_disputes": disputes}


def from_brm(path):
    """The same figures out of brm report monthly --format json."""
    with open(path) as f:
        r = json.load(f)
    customers = []
    for c in r["customers"]:
        customers.append(dict(
            {k: c[k] for k in FIGURES}, id=c["id"],
            review_missing=c["review_missing"],
            satisfaction_trend=c["satisfaction_trend"],
            previous={k: c["previous"][k] for k in FIGURES},
            open_actions=len(c["open_actions"]),
            overdue_actions=sum(a["overdue"] for a in c["open_actions"])))
    return {"month": r["month"],
            "summary": {k: r["summary"][k] for k in FIGURES},
            "previous": {k: r["previous"][k] for k in FIGURES},
            "customers": customers,
            "audits": [a["id"] for a in r["audits"]],
            "open_disputes": [d["id"] for d in r["open_disputes"]]}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--from-brm":
        out = from_brm(sys.argv[2])
    elif len(sys.argv) == 3:
        out = report(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__.strip().split("\n\n")[1])
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
