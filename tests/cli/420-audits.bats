#!/usr/bin/env bats
# audit-supplier: six scores from 1 to 5, findings, actions; show of a
# supplier gives the latest audit and the trend over its audits.
load helpers
bats_require_minimum_version 1.5.0

SCORES="--responsiveness 4 --problem-solving 4 --efficiency 3 --stability 5 --feedback 4 --cooperation 5"

@test "audit-supplier files the audit by its date and commits once" {
	brm add-supplier "FastFix" >/dev/null
	run --separate-stderr brm audit-supplier fast $SCORES --period 2026-Q3 \
	    --finding "Escalations wait for the next day" \
	    --finding "Two engineers left" \
	    --action "Agree on a night escalation contact"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^aud-20261122-[a-z0-9]{4}$ ]]
	id=$output
	[ "$(cat "audits/2026/11/$id.yaml")" = "id: $id
date: 2026-11-22
supplier: fastfix
period: 2026-Q3
responsiveness: 4
problem_solving: 4
efficiency: 3
stability: 5
feedback: 4
cooperation: 5
findings:
- Escalations wait for the next day
- Two engineers left
actions:
- Agree on a night escalation contact" ]
	committed 2 "audit-supplier: fastfix — 2026-11-22 for 2026-Q3, average 4.2" \
	    audit-supplier audit "$id" "audits/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 0 ]
}

@test "--date files the audit in its own month" {
	brm add-supplier "FastFix" >/dev/null
	run --separate-stderr brm audit-supplier fastfix $SCORES --date 2026-07-01
	[ "$status" -eq 0 ]
	[[ "$output" == aud-20260701-* ]]
	[ -f "audits/2026/07/$output.yaml" ]
	run --separate-stderr brm audit-supplier fastfix $SCORES --date yesterday
	[[ "$output" == aud-20261121-* ]]
}

@test "a score outside 1 to 5 is refused and nothing changes" {
	brm add-supplier "FastFix" >/dev/null
	before=$(snapshot)
	for bad in 0 6 4.5 -1 x ""; do
		run --separate-stderr brm audit-supplier fastfix $SCORES \
		    --stability "$bad"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: invalid --stability '$bad' (expected a whole number from 1 to 5)" ]
	done
	run --separate-stderr brm audit-supplier fastfix $SCORES --cooperation=9
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"invalid --cooperation '9' (expected a whole number from 1 to 5)"* ]]
	unchanged_since "$before"
}

@test "every score is required" {
	brm add-supplier "FastFix" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm audit-supplier fastfix --responsiveness 4 \
	    --problem-solving 4 --efficiency 3 --stability 5 --feedback 4
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--cooperation'" ]
	[[ "${stderr_lines[1]}" == "usage: brm audit-supplier [--date <date>] [--period <text>] --responsiveness <n> --problem-solving <n> --efficiency <n> --stability <n> --feedback <n> --cooperation <n> "* ]]
	unchanged_since "$before"
}

@test "audit-supplier refuses a supplier that does not exist" {
	brm add-customer "Acme Corp" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm audit-supplier nobody $SCORES
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier 'nobody'" ]
	run --separate-stderr brm audit-supplier acme $SCORES
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier 'acme'" ]
	run --separate-stderr brm audit-supplier fastfix $SCORES --date 2026-13-01
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"--date"* ]]
	unchanged_since "$before"
}

@test "show gives the latest audit and the trend, as YAML comments" {
	brm add-supplier "FastFix" >/dev/null
	brm add-supplier "Other" >/dev/null
	brm audit-supplier fastfix --date 2026-04-01 --responsiveness 3 \
	    --problem-solving 3 --efficiency 3 --stability 4 --feedback 4 \
	    --cooperation 4 >/dev/null
	brm audit-supplier other --date 2026-05-01 --responsiveness 1 \
	    --problem-solving 1 --efficiency 1 --stability 1 --feedback 1 \
	    --cooperation 1 >/dev/null
	brm audit-supplier fastfix --date 2026-07-01 --responsiveness 4 \
	    --problem-solving 4 --efficiency 3 --stability 4 --feedback 4 \
	    --cooperation 4 >/dev/null
	last=$(brm audit-supplier fastfix --date 2026-10-15 $SCORES \
	    --period 2026-Q3)
	run --separate-stderr brm show fastfix
	[ "$status" -eq 0 ]
	[ "$output" = "id: fastfix
name: FastFix
status: candidate
# audits: 3, latest $last (2026-10-15) average 4.2; trend 3.5 → 3.8 → 4.2 (improving)" ]
	# still one YAML document, the record
	[ "$(py -c 'import sys,yaml; print(yaml.safe_load(sys.stdin))' <<<"$output")" = \
	    "{'id': 'fastfix', 'name': 'FastFix', 'status': 'candidate'}" ]
	run --separate-stderr brm show fastfix --format json
	[ "$status" -eq 0 ]
	run py -c 'import json,sys
s = json.load(sys.stdin)["audit_summary"]
print(s["audits"], s["latest"]["id"], s["latest"]["date"], s["latest"]["period"], s["latest"]["average"], s["direction"])
print(s["latest"]["scores"])
print([(t["date"], t["average"]) for t in s["trend"]])' <<<"$output"
	[ "${lines[0]}" = "3 $last 2026-10-15 2026-Q3 4.17 improving" ]
	[ "${lines[1]}" = "{'responsiveness': 4, 'problem_solving': 4, 'efficiency': 3, 'stability': 5, 'feedback': 4, 'cooperation': 5}" ]
	[ "${lines[2]}" = "[('2026-04-01', 3.5), ('2026-07-01', 3.83), ('2026-10-15', 4.17)]" ]
	# one audit: no trend yet
	run --separate-stderr brm show other
	[[ "${lines[-1]}" == "# audits: 1, latest aud-20260501-"*" (2026-05-01) average 1.0" ]]
}

@test "show warns about an audit it cannot read, shows the rest, exit 1" {
	brm add-supplier "FastFix" >/dev/null
	a=$(brm audit-supplier fastfix --date 2026-04-01 $SCORES)
	b=$(brm audit-supplier fastfix --date 2026-07-01 $SCORES)
	printf 'id: %s\n  supplier: [\n' "$b" >"audits/2026/07/$b.yaml"
	before=$(snapshot)
	run --separate-stderr brm show fastfix
	[ "$status" -eq 1 ]
	[ "$output" = "id: fastfix
name: FastFix
status: candidate
# audits: 1, latest $a (2026-04-01) average 4.2" ]
	[ "$stderr" = "brm: warning: mapping values are not allowed in this context (audits/2026/07/$b.yaml:2:11)
brm: error: 1 record could not be read and was left out
hint: run 'brm check' to see what to fix" ]
	run --separate-stderr brm show fastfix --format json
	[ "$status" -eq 1 ]
	[ "$(jq -r '.audit_summary.audits, .audit_summary.latest.id' <<<"$output")" = "1
$a" ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	unchanged_since "$before"
	# a record with no summary reads no other record: nothing to warn of
	run --separate-stderr brm show "$a"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "a declining or steady supplier says so" {
	brm add-supplier "FastFix" >/dev/null
	brm audit-supplier fastfix --date 2026-04-01 $SCORES >/dev/null
	brm audit-supplier fastfix --date 2026-07-01 $SCORES >/dev/null
	run brm show fastfix
	[[ "${lines[-1]}" == *"; trend 4.2 → 4.2 (steady)" ]]
	brm audit-supplier fastfix --date 2026-10-01 --responsiveness 2 \
	    --problem-solving 2 --efficiency 2 --stability 2 --feedback 2 \
	    --cooperation 2 >/dev/null
	run brm show fastfix
	[[ "${lines[-1]}" == *"; trend 4.2 → 4.2 → 2.0 (declining)" ]]
}

@test "list audits, by supplier and by date" {
	brm add-supplier "FastFix" >/dev/null
	brm add-supplier "Other" >/dev/null
	a=$(brm audit-supplier fastfix --date 2026-04-01 --period 2026-Q1 $SCORES)
	b=$(brm audit-supplier other --date 2026-05-01 $SCORES)
	c=$(brm audit-supplier fastfix --date 2026-10-15 $SCORES)
	run --separate-stderr brm list audits --supplier fast
	[ "$status" -eq 0 ]
	[ "$output" = "ID                 DATE        SUPPLIER  PERIOD
$a  2026-04-01  fastfix   2026-Q1
$c  2026-10-15  fastfix" ]
	run --separate-stderr brm list audits --since 2026-05-01 --format tsv
	[ "$output" = "ID	DATE	SUPPLIER	PERIOD
$b	2026-05-01	other	
$c	2026-10-15	fastfix	" ]
	run --separate-stderr brm list audits --supplier nobody
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier 'nobody'" ]
}

@test "a hand-edited score outside 1 to 5 is reported by check" {
	brm add-supplier "FastFix" >/dev/null
	id=$(brm audit-supplier fastfix $SCORES)
	sed -i 's/^feedback: 4$/feedback: 7/' "audits/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "audits/2026/11/$id.yaml:8:11: invalid feedback '7' (expected a whole number from 1 to 5)" ]
}
