#!/usr/bin/env bats
# brm due: complaints not acknowledged by their response target, open
# action items, service reports and review meetings by cadence, contract
# reviews; working days and holidays from .brm/config.yaml.  BRM_NOW is
# pinned per test (helpers: Sunday 2026-11-22T10:00:00+01:00).
load helpers
bats_require_minimum_version 1.5.0

seed() {
	brm add-service "CRM" >/dev/null
	brm add-customer "Acme Corp" >/dev/null
	brm subscribe acme crm >/dev/null
}

# items [OPTION...]: brm due as "due|overdue|category|id|what" lines
items() {
	brm due --format json "$@" | py -c '
import json, sys
for i in json.load(sys.stdin):
    print("|".join([i.get("at", i["due"]), "overdue" if i["overdue"] else "-",
        i["category"], i["id"], i["what"]]))'
}

# config KEY VALUE: set a top-level setting in .brm/config.yaml (flow
# style), as a person editing the file would
config() {
	py - "$1" "$2" <<'EOF'
import sys
key, value = sys.argv[1], sys.argv[2]
lines = open(".brm/config.yaml").read().splitlines()
out, skip = [], False
for l in lines:
    if l.startswith(key + ":"):
        out.append(key + ": " + value); skip = True; continue
    if skip and (l.startswith("- ") or l.startswith("  ")):
        continue
    skip = False
    out.append(l)
open(".brm/config.yaml", "w").write("\n".join(out) + "\n")
EOF
}

@test "nothing due: a friendly line, and [] in JSON" {
	run --separate-stderr brm due
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "nothing due within 7 days" ]
	run --separate-stderr brm due --within 1 --format json
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
	# brm due writes nothing
	[ "$(commits)" -eq 1 ]
	[ -z "$(git status --porcelain)" ]
}

@test "an unacknowledged complaint is due at its response target" {
	seed
	# Friday 16:00 + 8 working hours: the end of Friday
	a=$(brm record-complaint acme --summary "Slow tickets" --severity high \
	    --received 2026-11-20T16:00)
	# Sunday: Monday counts, 24 h run out at its end
	b=$(brm record-complaint acme --summary "Wrong invoice" \
	    --received 2026-11-22T09:00)
	# low: 72 h, beyond the week
	c=$(brm record-complaint acme --summary "Typo" --severity low)
	run --separate-stderr items --within 3
	[ "$status" -eq 0 ]
	[ "$output" = "2026-11-21T00:00:00+01:00|overdue|complaint|$a|acknowledge complaint: Slow tickets (high)
2026-11-24T00:00:00+01:00|-|complaint|$b|acknowledge complaint: Wrong invoice (medium)" ]
	# low: 72 h from Sunday are all of Monday to Wednesday
	run items
	[ "$(tail -n 1 <<<"$output")" = "2026-11-26T00:00:00+01:00|-|complaint|$c|acknowledge complaint: Typo (low)" ]
	# acknowledged: no longer due
	brm ack-complaint "$a"
	run items --within 3
	[ "$output" = "2026-11-24T00:00:00+01:00|-|complaint|$b|acknowledge complaint: Wrong invoice (medium)" ]
	run --separate-stderr brm due
	[ "${lines[0]}" = "DUE               STATE      ITEM       CUSTOMER   RECORD             WHAT" ]
	[ "${lines[1]}" = "2026-11-24 00:00  in 2 days  complaint  acme-corp  $b  acknowledge complaint: Wrong invoice (medium)" ]
	[ "${lines[2]}" = "2026-11-26 00:00  in 4 days  complaint  acme-corp  $c  acknowledge complaint: Typo (low)" ]
}

@test "a complaint past its target only today is overdue, not today" {
	seed
	export BRM_NOW=2026-11-23T08:00:00+01:00
	a=$(brm record-complaint acme --summary "Down" --severity critical \
	    --received 2026-11-23T01:00)
	b=$(brm record-complaint acme --summary "Slow" --severity critical \
	    --received 2026-11-23T07:00)
	run items --within 0
	[ "$output" = "2026-11-23T05:00:00+01:00|overdue|complaint|$a|acknowledge complaint: Down (critical)
2026-11-23T11:00:00+01:00|-|complaint|$b|acknowledge complaint: Slow (critical)" ]
	run brm due --within 0
	[[ "${lines[1]}" == "2026-11-23 05:00  overdue  "* ]]
	[[ "${lines[2]}" == "2026-11-23 11:00  today    "* ]]
}

@test "working days and holidays change the response target and the list" {
	seed
	export BRM_NOW=2026-11-23T08:00:00+01:00
	a=$(brm record-complaint acme --summary "Slow" --severity high \
	    --received 2026-11-20T20:00)
	[ "$(yget "complaints/2026/11/$a.yaml" "str(d['response_due'])")" = "2026-11-23 04:00:00+01:00" ]
	run items
	[ "$output" = "2026-11-23T04:00:00+01:00|overdue|complaint|$a|acknowledge complaint: Slow (high)" ]

	# Monday is a holiday: the same complaint would be due on Tuesday
	config holidays "[2026-12-25, 2026-11-23]"
	run brm check -q
	[ "$status" -eq 0 ]
	b=$(brm record-complaint acme --summary "Slow again" --severity high \
	    --received 2026-11-20T20:00)
	[ "$(yget "complaints/2026/11/$b.yaml" "str(d['response_due'])")" = "2026-11-24 04:00:00+01:00" ]
	# and a complaint written by hand without a target gets it from the
	# policy as it stands
	sed -i '/^response_due: /d' "complaints/2026/11/$a.yaml"
	run items
	[ "$output" = "2026-11-24T04:00:00+01:00|-|complaint|$a|acknowledge complaint: Slow (high)
2026-11-24T04:00:00+01:00|-|complaint|$b|acknowledge complaint: Slow again (high)" ] ||
	[ "$output" = "2026-11-24T04:00:00+01:00|-|complaint|$b|acknowledge complaint: Slow again (high)
2026-11-24T04:00:00+01:00|-|complaint|$a|acknowledge complaint: Slow (high)" ]

	# Saturday is a working day: Friday 20:00 + 8 h is Saturday 04:00
	config working_days "[mon, tue, wed, thu, fri, sat]"
	c=$(brm record-complaint acme --summary "Weekend" --severity high \
	    --received 2026-11-20T20:00)
	[ "$(yget "complaints/2026/11/$c.yaml" "str(d['response_due'])")" = "2026-11-21 04:00:00+01:00" ]

	# other response hours
	config complaint_response_hours "{critical: 1, high: 2, medium: 3, low: 4}"
	d=$(brm record-complaint acme --summary "Fast" --severity medium \
	    --received 2026-11-20T07:00)
	[ "$(yget "complaints/2026/11/$d.yaml" "str(d['response_due'])")" = "2026-11-20 10:00:00+01:00" ]
}

@test "a config without working days is refused with a hint" {
	seed
	config working_days "[]"
	before=$(snapshot)
	run --separate-stderr brm record-complaint acme --summary "x"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: working_days names no working day (.brm/config.yaml)" ]
	[[ "${stderr_lines[1]}" == "hint: list them, e.g. working_days: "* ]]
	unchanged_since "$before"
}

@test "open action items with a due date, by date" {
	seed
	m=$(brm log-meeting acme --kind daily --date 2026-11-10)
	brm add-action "$m" "Send the capacity plan" --owner "Ivan Petrov" \
	    --due 2026-11-20 >/dev/null
	brm add-action "$m" "Book the workshop" --due 2026-11-27 >/dev/null
	brm add-action "$m" "Someday" >/dev/null
	brm add-action "$m" "Later" --due 2026-12-31 >/dev/null
	brm add-action "$m" "Done already" --due 2026-11-15 >/dev/null
	brm done-action "$m" 5
	run items
	[ "$output" = "2026-11-20|overdue|action|$m|action 1 (Ivan Petrov): Send the capacity plan
2026-11-27|-|action|$m|action 2: Book the workshop" ]
	run brm due
	[ "${lines[2]}" = "2026-11-27  in 5 days  action  acme-corp  $m  action 2: Book the workshop" ]
	brm done-action "$m" 1
	run items --within 60
	[ "$output" = "2026-11-27|-|action|$m|action 2: Book the workshop
2026-12-31|-|action|$m|action 4: Later" ]
}

@test "actions agreed with a supplier are due too, without a customer" {
	seed
	brm add-supplier "Backup Co" >/dev/null
	m=$(brm log-meeting backup --kind escalation --action "Call back")
	brm add-action "$m" "Send the report" --due 2026-11-23 >/dev/null
	run brm due --format json
	[ "$(py -c 'import json,sys; print([(i["id"], i["customer"]) for i in json.load(sys.stdin) if i["category"] == "action"])' <<<"$output")" = "[('$m', None)]" ]
}

@test "monthly cadence: the service report and the review meeting" {
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	# November 2026 starts on a Sunday: 5th working day the 6th, 10th the
	# 13th; both have passed on the 22nd
	run items
	[ "$output" = "2026-11-06|overdue|service-report|acme-corp|monthly service report for 2026-10
2026-11-13|overdue|review|acme-corp|monthly review meeting: none logged in 2026-11" ]
	run brm due
	[ "${lines[1]}" = "2026-11-06  overdue  service-report  acme-corp  acme-corp  monthly service report for 2026-10" ]
	# December's come into view: 7th and 14th
	run items --within 30
	[[ "$output" == *"2026-12-07|-|service-report|acme-corp|monthly service report for 2026-11"*"2026-12-14|-|review|acme-corp|monthly review meeting: none logged in 2026-12" ]]
	# a review meeting in November settles November; a daily one does not
	brm log-meeting acme --kind daily --date 2026-11-20 >/dev/null
	run items
	[ "$(wc -l <<<"$output")" -eq 2 ]
	# nor does a service-review (brm-report(1): not the periodic review)
	brm log-meeting acme --kind service-review --date 2026-11-20 >/dev/null
	run items
	[ "$(wc -l <<<"$output")" -eq 2 ]
	brm log-meeting acme --kind periodic-review --date 2026-11-20 >/dev/null
	run --separate-stderr brm due
	[ "$output" = "nothing due within 7 days" ]
	run items --within 30
	[ "$output" = "2026-12-07|-|service-report|acme-corp|monthly service report for 2026-11
2026-12-14|-|review|acme-corp|monthly review meeting: none logged in 2026-12" ]
}

@test "holidays move the working day reports and reviews are due on" {
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	brm log-meeting acme --kind periodic-review --date 2026-11-02 >/dev/null
	config holidays "[2026-12-01, 2026-12-08]"
	run items --within 30
	# December: 2, 3, 4, 7, 9 are the first five working days; the
	# tenth is the 16th
	[ "$output" = "2026-12-09|-|service-report|acme-corp|monthly service report for 2026-11
2026-12-16|-|review|acme-corp|monthly review meeting: none logged in 2026-12" ]
	config report_due_days "{service_report: 1, review_meeting: 2}"
	run items --within 30
	[ "$output" = "2026-12-02|-|service-report|acme-corp|monthly service report for 2026-11
2026-12-03|-|review|acme-corp|monthly review meeting: none logged in 2026-12" ]
}

@test "quarterly and weekly cadences" {
	brm add-customer "Stadtwerke Nord" --review-cadence quarterly >/dev/null
	brm add-customer "Globex" --review-cadence weekly >/dev/null
	run items --within 0
	# Q4 2026: 5th working day of October the 7th, 10th the 14th; the week
	# of Monday 16th is due on Friday 20th
	[ "$output" = "2026-10-07|overdue|service-report|stadtwerke-nord|quarterly service report for 2026-Q3
2026-10-14|overdue|review|stadtwerke-nord|quarterly review meeting: none logged in 2026-Q4
2026-11-06|overdue|service-report|globex|monthly service report for 2026-10
2026-11-20|overdue|review|globex|weekly review meeting: none logged in the week of 2026-11-16" ]
	brm log-meeting stadt --kind periodic-review --date 2026-10-20 >/dev/null
	brm log-meeting glob --kind periodic-review --date 2026-11-16 >/dev/null
	run items --within 7
	# Globex: next week's review is due on Friday 27th
	[ "$output" = "2026-11-27|-|review|globex|weekly review meeting: none logged in the week of 2026-11-23" ]
}

@test "only active customers have reports due; contract reviews for all but former" {
	brm add-customer "Prospect Ltd" --status prospect --review-cadence monthly \
	    --next-review 2026-11-25 >/dev/null
	brm add-customer "Gone Ltd" --status former --review-cadence monthly \
	    --next-review 2026-11-24 >/dev/null
	brm add-customer "No Cadence" --next-review 2026-11-01 >/dev/null
	brm add-customer "Later Ltd" --next-review 2027-03-01 >/dev/null
	run items
	[ "$output" = "2026-11-01|overdue|contract-review|no-cadence|contract or agreement review
2026-11-25|-|contract-review|prospect-ltd|contract or agreement review" ]
	run items --within 99
	[ "$(tail -n 1 <<<"$output")" = "2027-03-01|-|contract-review|later-ltd|contract or agreement review" ]
}

@test "JSON: every field, overdue marked, soonest first" {
	seed
	c=$(brm record-complaint acme --summary "Slow" --severity critical \
	    --received 2026-11-20T09:00+02:00)
	brm set acme review.next_contract_review=2026-11-24 >/dev/null
	run --separate-stderr brm due --format json
	[ "$status" -eq 0 ]
	[ "$output" = "[
  {
    \"due\": \"2026-11-20\",
    \"at\": \"2026-11-20T13:00:00+02:00\",
    \"overdue\": true,
    \"category\": \"complaint\",
    \"id\": \"$c\",
    \"customer\": \"acme-corp\",
    \"what\": \"acknowledge complaint: Slow (critical)\"
  },
  {
    \"due\": \"2026-11-24\",
    \"overdue\": false,
    \"category\": \"contract-review\",
    \"id\": \"acme-corp\",
    \"customer\": \"acme-corp\",
    \"what\": \"contract or agreement review\"
  }
]" ]
}

@test "a bad --within or --format is a usage error" {
	for bad in -1 x 1.5 "" 99999; do
		run --separate-stderr brm due --within "$bad"
		[ "$status" -eq 2 ]
		[[ "${stderr_lines[0]}" == "brm: error: "* ]]
	done
	run --separate-stderr brm due --within x
	[ "${stderr_lines[0]}" = "brm: error: invalid --within 'x' (expected a number of days from 0 to 3660)" ]
	[ "${stderr_lines[1]}" = "usage: brm due [--within <days>] [--format table|json]" ]
	run --separate-stderr brm due --format xml
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: unknown format 'xml' (expected table or json)" ]
	run --separate-stderr brm due extra
	[ "$status" -eq 2 ]
}

@test "a record that does not load is left out with a warning naming it, exit 1" {
	seed
	brm record-complaint acme --summary "Slow" >/dev/null
	mkdir -p meetings/2026/11
	printf 'id: mtg-20261101-bad0\n  broken: [\n' >meetings/2026/11/mtg-20261101-bad0.yaml
	printf 'id: acme-corp\nname: [x\n' >customers/acme-corp.yaml
	before=$(snapshot)
	run --separate-stderr brm due
	[ "$status" -eq 1 ]
	[[ "$output" == *"acknowledge complaint: Slow (medium)"* ]]
	[ "$stderr" = "brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (customers/acme-corp.yaml:3:1)
brm: warning: mapping values are not allowed in this context (meetings/2026/11/mtg-20261101-bad0.yaml:2:9)
brm: error: 2 records could not be read and were left out
hint: run 'brm check' to see what to fix" ]
	run --separate-stderr brm due --format json
	[ "$status" -eq 1 ]
	[[ "$output" == *'"what": "acknowledge complaint: Slow (medium)"'* ]]
	unchanged_since "$before"
}

@test "a review missed in earlier periods stays listed, once, until one is held" {
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	brm add-customer "Stadtwerke Nord" --review-cadence quarterly >/dev/null
	brm add-customer "Globex" --review-cadence weekly >/dev/null
	brm log-meeting acme --kind periodic-review --date 2026-08-14 >/dev/null
	brm log-meeting stadt --kind periodic-review --date 2026-03-10 >/dev/null
	brm log-meeting glob --kind periodic-review --date 2026-11-03 >/dev/null
	# September and October missed: September's (due on its 10th working
	# day, the 14th) is listed, October's not again; Q2 and Q3 missed: Q2's
	# (due 2026-04-14); the week of the 9th (due Friday 13th)
	run --separate-stderr items --within 0
	[ "$status" -eq 0 ]
	[ "$(grep first <<<"$output")" = "2026-04-14|overdue|review|stadtwerke-nord|quarterly review meeting: none logged since 2026-03-10; 2026-Q2 the first missed, 222 days overdue
2026-09-14|overdue|review|acme-corp|monthly review meeting: none logged since 2026-08-14; 2026-09 the first missed, 69 days overdue
2026-11-13|overdue|review|globex|weekly review meeting: none logged since 2026-11-03; the week of 2026-11-09 the first missed, 9 days overdue" ]
	# the current periods are listed as before
	[ "$(grep -c 'none logged in' <<<"$output")" -eq 3 ]
	run brm due
	[[ "$(tr -s ' ' <<<"$output")" == *"2026-09-14 overdue review acme-corp acme-corp monthly review meeting: none logged since 2026-08-14; 2026-09 the first missed, 69 days overdue"* ]]
	# a later review settles the earlier ones: October's for Acme, this
	# week's for Globex (the current period's review is then due as usual)
	brm log-meeting acme --kind periodic-review --date 2026-10-05 >/dev/null
	brm log-meeting glob --kind periodic-review --date 2026-11-16 >/dev/null
	run items --within 0
	[ "$(grep first <<<"$output")" = "2026-04-14|overdue|review|stadtwerke-nord|quarterly review meeting: none logged since 2026-03-10; 2026-Q2 the first missed, 222 days overdue" ]
	[[ "$output" == *"2026-11-13|overdue|review|acme-corp|monthly review meeting: none logged in 2026-11"* ]]
}

@test "missed reviews are counted from the last one held, a year back at most" {
	# never reviewed: only the current period, as it cannot be told
	# when the relationship began
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	run items --within 0
	[ "$output" = "2026-11-06|overdue|service-report|acme-corp|monthly service report for 2026-10
2026-11-13|overdue|review|acme-corp|monthly review meeting: none logged in 2026-11" ]
	# a review more than a year ago is as none; a daily meeting is no review
	brm log-meeting acme --kind periodic-review --date 2025-10-20 >/dev/null
	brm log-meeting acme --kind daily --date 2026-09-10 >/dev/null
	run items --within 0
	[ "$(wc -l <<<"$output")" -eq 2 ]
	brm log-meeting acme --kind periodic-review --date 2025-11-03 >/dev/null
	run items --within 0
	[[ "$output" == "2025-12-12|overdue|review|acme-corp|monthly review meeting: none logged since 2025-11-03; 2025-12 the first missed, 345 days overdue"* ]]
}
