#!/usr/bin/env bats
# Praise, satisfaction surveys, value-added services and events (SLA
# breaches, major incidents).  BRM_NOW is Sunday 2026-11-22T10:00+01:00.
load helpers
bats_require_minimum_version 1.5.0

seed() {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm add-service "Data Warehouse" --id dwh >/dev/null
	brm subscribe acme crm >/dev/null
}

# rpath ID: a dated record's file
rpath() {
	local dir
	case $1 in
	prs-*) dir=praise ;;
	svy-*) dir=surveys ;;
	vas-*) dir=value-adds ;;
	evt-*) dir=events ;;
	cmp-*) dir=complaints ;;
	esac
	echo "$dir/${1:4:4}/${1:8:2}/$1.yaml"
}

# ---- praise ----

@test "record-praise writes the praise and commits once" {
	seed
	n=$(commits)
	run --separate-stderr brm record-praise acme \
	    --text $'Fixed the checkout outage\non a Sunday' \
	    --about "Ivan Petrov" --from "Jane Roe" --date 2026-11-20 \
	    --publicized newsletter --publicized sharing-session
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^prs-20261120-[a-z0-9]{4}$ ]]
	id=$output
	f=$(rpath "$id")
	[ "$f" = "praise/2026/11/$id.yaml" ]
	committed "$n" "record-praise: acme-corp — praise for Ivan Petrov: Fixed the checkout outage" \
	    record-praise praise "$id" "$f"
	[ "$(cat "$f")" = "id: $id
customer: acme-corp
date: 2026-11-20
from: Jane Roe
about: Ivan Petrov
text: |-
  Fixed the checkout outage
  on a Sunday
publicized:
- newsletter
- sharing-session" ]
	run brm list praise
	[ "${lines[0]}" = "ID                 DATE        CUSTOMER   ABOUT        FROM" ]
	[ "${lines[1]}" = "$id  2026-11-20  acme-corp  Ivan Petrov  Jane Roe" ]
}

@test "record-praise refuses bad input and writes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm record-praise acme
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--text'" ]
	run --separate-stderr brm record-praise acme --text hi --publicized poster
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --publicized 'poster' (expected one of letter|newsletter|sharing-session)" ]
	run --separate-stderr brm record-praise acme --text hi --date 2026-04-31
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --date '2026-04-31': no such date" ]
	run --separate-stderr brm record-praise nobody --text hi
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nobody'" ]
	unchanged_since "$before"
}

# ---- surveys ----

@test "record-survey: a public survey with dimension scores" {
	seed
	n=$(commits)
	run --separate-stderr brm record-survey acme --score 4 \
	    --channel questionnaire --dimension responsiveness=5 \
	    --dimension "technical competence=3" --comment "Good overall" \
	    --respondent "Jane Roe"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^svy-20261122-[a-z0-9]{4}$ ]]
	id=$output
	f=$(rpath "$id")
	committed "$n" "record-survey: acme-corp — score 4 (public)" \
	    record-survey survey "$id" "$f"
	[ "$(cat "$f")" = "id: $id
customer: acme-corp
date: 2026-11-22
type: public
channel: questionnaire
score: 4
dimensions:
- name: responsiveness
  score: 5
- name: technical competence
  score: 3
comment: Good overall
respondent: Jane Roe" ]
	run brm check -q
	[ "$status" -eq 0 ]
}

@test "record-survey --about a complaint or event makes a case survey" {
	seed
	c=$(brm record-complaint acme --summary "Slow" --received 2026-11-20T09:00)
	e=$(brm record-event acme --service crm --kind major-incident \
	    --summary "Outage" --date 2026-11-19)
	run --separate-stderr brm record-survey acme --score 2 --about "${c:0:12}"
	[ "$status" -eq 0 ]
	f=$(rpath "$output")
	[ "$(yget "$f" "[d['type'], d['about']]")" = "['case', '$c']" ]
	run --separate-stderr brm record-survey acme --score 3 --about "$e" \
	    --type public
	[ "$status" -eq 0 ]
	f=$(rpath "$output")
	[ "$(yget "$f" "[d['type'], d['about']]")" = "['public', '$e']" ]
	run brm list surveys --format tsv
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = $'ID\tDATE\tCUSTOMER\tTYPE\tSCORE\tABOUT' ]
}

@test "record-survey refuses bad input and writes nothing" {
	seed
	m=$(brm log-meeting acme --kind daily)
	before=$(snapshot)
	run --separate-stderr brm record-survey acme
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--score'" ]
	for bad in 0 6 -1 3.5 four; do
		run --separate-stderr brm record-survey acme --score "$bad"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: invalid --score '$bad' (expected a whole number from 1 to 5)" ]
	done
	run --separate-stderr brm record-survey acme --score 3 --about cmp-2099
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no complaint or event 'cmp-2099'" ]
	run --separate-stderr brm record-survey acme --score 3 --about "$m"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no complaint or event '$m'" ]
	run --separate-stderr brm record-survey acme --score 3 --type annual
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --type 'annual' (expected one of case|public)" ]
	run --separate-stderr brm record-survey acme --score 3 --channel email
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --channel 'email' (expected one of phone|questionnaire|web|visit)" ]
	run --separate-stderr brm record-survey acme --score 3 --dimension speed=9
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --dimension score '9' (expected a whole number from 1 to 5)" ]
	run --separate-stderr brm record-survey acme --score 3 --dimension speed
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --dimension 'speed' (expected NAME=SCORE, e.g. responsiveness=4)" ]
	run --separate-stderr brm record-survey acme --score 3 --date 2026-13-01
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --date '2026-13-01': no such date" ]
	unchanged_since "$before"
}

@test "brm check reports a survey about a record that is gone" {
	seed
	c=$(brm record-complaint acme --summary "Slow" --received 2026-11-20T09:00)
	s=$(brm record-survey acme --score 2 --about "$c")
	git rm -q "$(rpath "$c")" && git commit -qm "drop"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"$(rpath "$s"):"*"record '$c' does not exist"* ]]
}

# ---- value-adds ----

@test "record-value-add writes the four checks, unset ones as null" {
	seed
	n=$(commits)
	run --separate-stderr brm record-value-add acme \
	    --title "Security awareness workshop" --effort-hours 6.5 \
	    --no-service-impact --fits-need --date 2026-11-18
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^vas-20261118-[a-z0-9]{4}$ ]]
	id=$output
	f=$(rpath "$id")
	[ "$f" = "value-adds/2026/11/$id.yaml" ]
	committed "$n" "record-value-add: acme-corp — Security awareness workshop" \
	    record-value-add value-add "$id" "$f"
	run --separate-stderr brm show "$id"
	[ "$status" -eq 0 ]
	[ "$output" = "id: $id
customer: acme-corp
date: 2026-11-18
title: Security awareness workshop
effort_hours: 6.5
checks:
  no_service_impact: true
  fits_need: true
  cost_acceptable: null
  extendable: null" ]
	run brm show "$id" --format json
	[ "$(py -c 'import json,sys; print(json.load(sys.stdin)["checks"])' <<<"$output")" = "{'no_service_impact': True, 'fits_need': True, 'cost_acceptable': None, 'extendable': None}" ]
	# a check found wanting is set later
	run brm set "$id" checks.cost_acceptable=no
	[ "$status" -eq 0 ]
	[ "$(yget "$f" "d['checks']['cost_acceptable']")" = "False" ]
	run brm check -q
	[ "$status" -eq 0 ]
	run brm list value-adds
	[ "${lines[1]}" = "$id  2026-11-18  acme-corp  Security awareness workshop  6.5" ]
}

@test "record-value-add refuses bad input and writes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm record-value-add acme
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--title'" ]
	run --separate-stderr brm record-value-add acme --title x --effort-hours lots
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --effort-hours 'lots' (expected a number from 0 to 100000)" ]
	run --separate-stderr brm record-value-add acme --title x --fits-need=yes
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: option '--fits-need=yes' takes no value" ]
	unchanged_since "$before"
}

# ---- events ----

@test "record-event writes an SLA breach with its metric" {
	seed
	n=$(commits)
	run --separate-stderr brm record-event acme --service crm \
	    --kind sla-breach --summary "Availability below target" \
	    --metric availability --target 99.9 --actual 99.62 \
	    --impact "Checkout down 3 hours" --date 2026-10-31
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^evt-20261031-[a-z0-9]{4}$ ]]
	id=$output
	f=$(rpath "$id")
	[ "$f" = "events/2026/10/$id.yaml" ]
	committed "$n" "record-event: acme-corp — sla-breach on crm: Availability below target" \
	    record-event event "$id" "$f"
	[ "$(cat "$f")" = "id: $id
customer: acme-corp
service: crm
date: 2026-10-31
kind: sla-breach
summary: Availability below target
metric: availability
target: 99.9
actual: 99.62
impact: Checkout down 3 hours" ]
	run brm list events --kind sla-breach --format tsv
	[ "${lines[1]}" = "$id"$'\t2026-10-31\tacme-corp\tcrm\tsla-breach\tAvailability below target' ]
	run brm list events --kind major-incident --format tsv
	[ "${#lines[@]}" -eq 1 ]
}

@test "record-event refuses bad input and writes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm record-event acme --kind other --summary x
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--service'" ]
	run --separate-stderr brm record-event acme --service crm --summary x
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--kind'" ]
	run --separate-stderr brm record-event acme --service crm --kind outage --summary x
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --kind 'outage' (expected one of sla-breach|major-incident|security|other)" ]
	run --separate-stderr brm record-event acme --service dwh --kind other --summary x
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: customer 'acme-corp' does not subscribe to service 'dwh'" ]
	run --separate-stderr brm record-event acme --service crm --kind other \
	    --summary x --metric availability
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: --metric, --target and --actual go together" ]
	run --separate-stderr brm record-event acme --service crm --kind other \
	    --summary x --metric availability --target high --actual 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --target 'high' (expected a number such as 12 or 99.9)" ]
	run --separate-stderr brm record-event acme --service crm --kind other \
	    --summary x --date 2026-02-29
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --date '2026-02-29': no such date" ]
	unchanged_since "$before"
}

@test "brm check reports a hand-edited event with half a metric" {
	seed
	id=$(brm record-event acme --service crm --kind sla-breach --summary x \
	    --metric availability --target 99.9 --actual 99)
	sed -i '/^actual: /d' "$(rpath "$id")"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"'actual' is missing: metric, target and actual go together"* ]]
}

@test "the new kinds show in help, completion and list" {
	run brm help
	for c in record-praise record-survey record-value-add record-event; do
		grep -q "^   $c  " <<<"$output"
	done
	grep -q "^Relationship activities$" <<<"$output"
	run brm __complete list ""
	for k in meetings complaints praise surveys value-adds events; do
		grep -qx "$k" <<<"$output"
	done
	run brm __complete record-value-add acme --
	for o in --no-service-impact --fits-need --cost-acceptable --extendable; do
		grep -qx -- "$o" <<<"$output"
	done
}
