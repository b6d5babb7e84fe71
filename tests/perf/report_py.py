#!/usr/bin/env python3
"""report_py.py - the figures of `brm report monthly`, in Python + PyYAML.

    tests/perf/report_py.py DIR YYYY-MM

The benchmark's baseline for the report: it reads the same files (every
named record; meetings, complaints and disputes up to the month; praise,
value-adds and events of the month and the one before; surveys of the six
months of the trend; audits of the month) and computes, per customer,
meetings and whether a review was held, complaints opened, resolved, still
open and overdue with the mean resolution time, praise, survey count and
average with the previous month and the 6-month trend, SLA breaches and
major incidents, value-adds, open and overdue action items, reviews due
next month; per supplier, audit scores and open disputes.  It prints a
plain summary.  PyYAML's C loader (libyaml, as brm) is used when present.
"""
import datetime as dt
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader)


def month_add(y, m, k):
    n = y * 12 + m - 1 + k
    return n // 12, n % 12 + 1


def files(root, plural, months=None, upto=None):
    """Records of a dated kind in the given months, or all up to upto."""
    base = os.path.join(root, plural)
    if not os.path.isdir(base):
        return
    for y in sorted(os.listdir(base)):
        for m in sorted(os.listdir(os.path.join(base, y))):
            ym = (int(y), int(m))
            if months is not None and ym not in months:
                continue
            if upto is not None and ym > upto:
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
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def moment(v):
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.fromisoformat(str(v))


def main():
    root, month = sys.argv[1], sys.argv[2]
    y, m = (int(x) for x in month.split("-"))
    ym = (y, m)
    prev = month_add(y, m, -1)
    trend = [month_add(y, m, -k) for k in range(5, -1, -1)]
    ny, nm = month_add(y, m, 1)
    end = dt.date(ny, nm, 1)
    end_t = dt.datetime(ny, nm, 1, tzinfo=dt.timezone.utc)

    cust = {c["id"]: c for c in named(root, "customers")}
    sup = {s["id"]: s for s in named(root, "suppliers")}
    list(named(root, "services"))
    list(named(root, "third-parties"))
    t = {c: {"meetings": 0, "review": False, "opened": 0, "resolved": 0,
             "open": 0, "overdue": 0, "res_hours": [], "praise": 0,
             "surveys": [], "prev": [], "trend": [[] for _ in trend],
             "breaches": 0, "majors": 0, "value_adds": 0,
             "actions_open": 0, "actions_overdue": 0, "reviews_next": 0}
         for c in cust}

    for r in files(root, "meetings", upto=ym):
        c = t.get(r.get("with"))
        if c is None:
            continue
        if (day(r["date"]).year, day(r["date"]).month) == ym:
            c["meetings"] += 1
            c["review"] |= r.get("kind") in ("periodic-review",
                                              "service-review")
        for a in r.get("actions") or []:
            if a.get("done") is not True:
                c["actions_open"] += 1
                if a.get("due") and day(a["due"]) < end:
                    c["actions_overdue"] += 1
    for r in files(root, "complaints", upto=ym):
        c = t.get(r.get("customer"))
        if c is None:
            continue
        rec = moment(r["received"])
        if (rec.year, rec.month) == ym:
            c["opened"] += 1
        if r.get("resolved"):
            res = moment(r["resolved"])
            if (res.year, res.month) == ym:
                c["resolved"] += 1
                c["res_hours"].append((res - rec).total_seconds() / 3600)
        if r.get("status", "open") in ("open", "acknowledged"):
            c["open"] += 1
            if (r.get("status", "open") == "open" and r.get("response_due")
                    and moment(r["response_due"]) < end_t):
                c["overdue"] += 1
    for r in files(root, "praise", months={ym, prev}):
        if r.get("customer") in t and (day(r["date"]).year,
                                       day(r["date"]).month) == ym:
            t[r["customer"]]["praise"] += 1
    for r in files(root, "value-adds", months={ym, prev}):
        if r.get("customer") in t and (day(r["date"]).year,
                                       day(r["date"]).month) == ym:
            t[r["customer"]]["value_adds"] += 1
    for r in files(root, "events", months={ym, prev}):
        if r.get("customer") in t and (day(r["date"]).year,
                                       day(r["date"]).month) == ym:
            k = r.get("kind")
            t[r["customer"]]["breaches"] += k == "sla-breach"
            t[r["customer"]]["majors"] += k == "major-incident"
    for r in files(root, "surveys", months=set(trend)):
        c = t.get(r.get("customer"))
        if c is None:
            continue
        d = day(r["date"])
        i = trend.index((d.year, d.month))
        c["trend"][i].append(r["score"])
        if (d.year, d.month) == ym:
            c["surveys"].append(r["score"])
        if (d.year, d.month) == prev:
            c["prev"].append(r["score"])
    for cid, c in cust.items():
        nr = (c.get("review") or {}).get("next_contract_review")
        if nr and (day(nr).year, day(nr).month) == (ny, nm):
            t[cid]["reviews_next"] += 1
    audits = {s: [] for s in sup}
    for r in files(root, "audits", months={ym}):
        if r.get("supplier") in audits:
            audits[r["supplier"]].append(sum(r[k] for k in (
                "responsiveness", "problem_solving", "efficiency",
                "stability", "feedback", "cooperation")) / 6)
    disputes = 0
    for r in files(root, "disputes", upto=ym):
        disputes += r.get("status") == "open"

    def avg(v):
        return f"{sum(v) / len(v):.2f}" if v else "-"

    for cid in sorted(t):
        c = t[cid]
        print(f"{cid}: meetings {c['meetings']} review {c['review']} "
              f"complaints +{c['opened']} -{c['resolved']} open "
              f"{c['open']} overdue {c['overdue']} "
              f"resolution {avg(c['res_hours'])} h praise {c['praise']} "
              f"surveys {len(c['surveys'])} avg {avg(c['surveys'])} "
              f"prev {avg(c['prev'])} trend "
              f"{' '.join(avg(x) for x in c['trend'])} breaches "
              f"{c['breaches']} majors {c['majors']} value-adds "
              f"{c['value_adds']} actions {c['actions_open']} overdue "
              f"{c['actions_overdue']} reviews {c['reviews_next']}")
    for s in sorted(audits):
        print(f"supplier {s}: audits {len(audits[s])} avg "
              f"{avg(audits[s])}")
    print(f"open disputes {disputes}")


if __name__ == "__main__":
    main()
