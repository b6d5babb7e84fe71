#!/usr/bin/env bats
# Meetings: log-meeting with a customer, supplier or third party, and
# their action items (add-action, done-action).  BRM_NOW is Sunday
# 2026-11-22T10:00:00+01:00.
load helpers
bats_require_minimum_version 1.5.0

seed() {
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	brm add-customer "Globex" >/dev/null
}

# mpath ID: a meeting's file
mpath() { echo "meetings/${1:4:4}/${1:8:2}/$1.yaml"; }

@test "log-meeting writes the meeting, commits once and prints its id" {
	seed
	n=$(commits)
	run --separate-stderr brm log-meeting acme --kind periodic-review \
	    --date 2026-10-15 --attendee "Jane Roe" --attendee "Ivan Petrov" \
	    --agenda "Availability" --summary "Quarterly service review" \
	    --decision "Move the maintenance window to Sunday"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^mtg-20261015-[a-z0-9]{4}$ ]]
	id=$output
	f=$(mpath "$id")
	[ "$f" = "meetings/2026/10/$id.yaml" ]
	committed "$n" "log-meeting: acme-corp — periodic-review on 2026-10-15" \
	    log-meeting meeting "$id" "$f"
	[ "$(cat "$f")" = "id: $id
date: 2026-10-15
with: acme-corp
kind: periodic-review
attendees:
- Jane Roe
- Ivan Petrov
agenda:
- Availability
summary: Quarterly service review
decisions:
- Move the maintenance window to Sunday" ]
	run brm check -q
	[ "$status" -eq 0 ]
}

@test "log-meeting defaults to today and records --action items as open" {
	seed
	run --separate-stderr brm log-meeting glo --kind daily \
	    --action "Send the capacity plan" --action "Call back"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^mtg-20261122-[a-z0-9]{4}$ ]]
	f=$(mpath "$output")
	[ "$(yget "$f" "d['date']")" = "2026-11-22" ]
	[ "$(yget "$f" "d['with']")" = "globex" ]
	[ "$(yget "$f" "d['actions']")" = "[{'text': 'Send the capacity plan', 'done': False}, {'text': 'Call back', 'done': False}]" ]
	run brm log-meeting acme --kind daily --date yesterday
	[ "$status" -eq 0 ]
	[[ "$output" == mtg-20261121-* ]]
}

@test "log-meeting takes a supplier or a third party as the party" {
	seed
	brm add-supplier "Backup Co" >/dev/null
	brm add-third-party "Audit Partners" --role audit >/dev/null
	run --separate-stderr brm log-meeting backup --kind escalation
	[ "$status" -eq 0 ]
	[ "$(yget "$(mpath "$output")" "d['with']")" = "backup-co" ]
	run --separate-stderr brm log-meeting audit-p --kind kickoff
	[ "$status" -eq 0 ]
	[ "$(yget "$(mpath "$output")" "d['with']")" = "audit-partners" ]
	run brm list meetings --format tsv
	[ "${#lines[@]}" -eq 3 ]
}

@test "log-meeting with a former customer warns and records it" {
	seed
	brm set glo status=former >/dev/null
	run --separate-stderr brm log-meeting glo --kind daily
	[ "$status" -eq 0 ]
	[ "$stderr" = "brm: warning: customer 'globex' is a former customer" ]
	[ -f "$(mpath "$output")" ]
}

@test "log-meeting refuses bad input and writes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm log-meeting acme
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--kind'" ]
	[[ "${stderr_lines[1]}" == "usage: brm log-meeting [--date <date>] --kind periodic-review|daily|escalation|service-review|kickoff "*" <party>" ]]
	run --separate-stderr brm log-meeting --kind daily
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing arguments" ]
	run --separate-stderr brm log-meeting acme --kind lunch
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --kind 'lunch' (expected one of periodic-review|daily|escalation|service-review|kickoff)" ]
	run --separate-stderr brm log-meeting acme --kind daily --date 2026-02-30
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --date '2026-02-30': no such date" ]
	run --separate-stderr brm log-meeting acme --kind daily --date 15.10.2026
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: invalid --date '15.10.2026' (expected YYYY-MM-DD)" ]]
	run --separate-stderr brm log-meeting nobody --kind daily
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer, supplier or third-party 'nobody'" ]
	run --separate-stderr brm log-meeting acme --kind daily --summary $'bell\a'
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: --summary contains a control character"* ]]
	run --separate-stderr brm log-meeting acme --kind daily --action $'two\nlines'
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: --action "* ]]
	unchanged_since "$before"
}

@test "an ambiguous party prefix is refused with the candidates" {
	seed
	brm add-customer "Acme Labs" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm log-meeting acme --kind daily
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: id 'acme' is ambiguous" ]
	[[ "$stderr" == *"acme-corp (customer)"*"acme-labs (customer)"* ]]
	unchanged_since "$before"
}

@test "add-action appends an action, prints its number and commits" {
	seed
	id=$(brm log-meeting acme --kind daily --date 2026-11-20 --action "First")
	f=$(mpath "$id")
	n=$(commits)
	run --separate-stderr brm add-action "${id:0:12}" "Send the capacity plan" \
	    --owner "Ivan Petrov" --due 2026-11-30
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "2" ]
	committed "$n" "add-action: $id — Send the capacity plan" \
	    add-action meeting "$id" "$f"
	[ "$(yget "$f" "d['actions'][1]")" = "{'text': 'Send the capacity plan', 'owner': 'Ivan Petrov', 'due': datetime.date(2026, 11, 30), 'done': False}" ]
	# due on the day of the meeting is fine
	run brm add-action "$id" "Same day" --due 2026-11-20
	[ "$status" -eq 0 ]
	[ "$output" = "3" ]
}

@test "add-action refuses a due date before the meeting, or none such" {
	seed
	id=$(brm log-meeting acme --kind daily --date 2026-11-20)
	before=$(snapshot)
	run --separate-stderr brm add-action "$id" "Too early" --due 2026-11-19
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: --due 2026-11-19 is before the meeting (2026-11-20)" ]
	[ "${stderr_lines[1]}" = "hint: an action falls due on or after the day it was agreed" ]
	run --separate-stderr brm add-action "$id" "No such day" --due 2026-11-31
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --due '2026-11-31': no such date" ]
	run --separate-stderr brm add-action mtg-20990101 "Nowhere"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no meeting 'mtg-20990101'" ]
	run --separate-stderr brm add-action acme-corp "Not a meeting"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no meeting 'acme-corp'" ]
	run --separate-stderr brm add-action "$id"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: too few arguments" ]
	unchanged_since "$before"
}

@test "done-action marks an action done, once" {
	seed
	id=$(brm log-meeting acme --kind daily --action "First" --action "Second")
	f=$(mpath "$id")
	n=$(commits)
	run --separate-stderr brm done-action "$id" 2
	[ "$status" -eq 0 ]
	[ -z "$output" ] && [ -z "$stderr" ]
	committed "$n" "done-action: $id — done: Second" done-action meeting \
	    "$id" "$f"
	[ "$(yget "$f" "[a['done'] for a in d['actions']]")" = "[False, True]" ]
	before=$(snapshot)
	run --separate-stderr brm done-action "$id" 2
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: action 2 of meeting '$id' is already done" ]
	unchanged_since "$before"
}

@test "done-action refuses an action number that does not exist" {
	seed
	id=$(brm log-meeting acme --kind daily --action "Only one")
	before=$(snapshot)
	run --separate-stderr brm done-action "$id" 2
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: meeting '$id' has no action 2 (it has 1)" ]
	[ "${stderr_lines[1]}" = "hint: actions are numbered from 1 in the order 'brm show $id' lists them" ]
	for bad in 0 -1 x 1.5 ""; do
		run --separate-stderr brm done-action "$id" "$bad"
		[ "$status" -eq 2 ]
		[[ "${stderr_lines[0]}" == "brm: error: "* ]]
	done
	run --separate-stderr brm done-action "$id" x
	[ "${stderr_lines[0]}" = "brm: error: invalid action number 'x' (expected 1, 2, ...)" ]
	[ "${stderr_lines[1]}" = "usage: brm done-action <meeting> <n>" ]
	id2=$(brm log-meeting acme --kind daily)
	before=$(snapshot)
	run --separate-stderr brm done-action "$id2" 1
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: meeting '$id2' has no action 1 (it has 0)"* ]]
	unchanged_since "$before"
}

@test "brm check reports a hand-edited action due before its meeting" {
	seed
	id=$(brm log-meeting acme --kind daily --date 2026-11-20)
	brm add-action "$id" "Plan" --due 2026-11-25 >/dev/null
	f=$(mpath "$id")
	sed -i 's/due: 2026-11-25/due: 2026-11-02/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"$f:"*": actions.0.due (2026-11-02) is before the meeting (2026-11-20)"* ]]
	# and a change through brm is refused until it is fixed
	run --separate-stderr brm done-action "$id" 1
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"is before the meeting"* ]]
}

@test "list meetings filters by party, kind and date" {
	seed
	a=$(brm log-meeting acme --kind periodic-review --date 2026-10-15 --summary "Review")
	b=$(brm log-meeting acme --kind daily --date 2026-11-02)
	c=$(brm log-meeting globex --kind daily --date 2026-11-10)
	run --separate-stderr brm list meetings
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "ID                 DATE        WITH       KIND             SUMMARY" ]
	[ "${lines[1]}" = "$a  2026-10-15  acme-corp  periodic-review  Review" ]
	[ "${#lines[@]}" -eq 4 ]
	run brm list meetings --customer acme --format tsv
	[ "${#lines[@]}" -eq 3 ]
	run brm list meetings --kind daily --since 2026-11-05 --format tsv
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$c"$'\t'* ]]
	run brm list meetings --until 2026-10-31 --format json
	[ "$(py -c 'import json,sys; print([m["id"] for m in json.load(sys.stdin)])' <<<"$output")" = "['$a']" ]
	run --separate-stderr brm list meetings --kind lunch
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: invalid --kind 'lunch'"* ]]
}

@test "completion offers parties, meetings and meeting kinds" {
	seed
	brm add-supplier "Backup Co" >/dev/null
	id=$(brm log-meeting acme --kind daily)
	run --separate-stderr brm __complete log-meeting ""
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | sort | tr '\n' ' ')" = "acme-corp backup-co globex " ]
	run brm __complete log-meeting --kind ""
	[ "$(echo "$output" | tr '\n' ' ')" = "periodic-review daily escalation service-review kickoff " ]
	run brm __complete log-meeting acme --att
	[ "$output" = "--attendee" ]
	run brm __complete add-action ""
	[ "$output" = "$id" ]
	# done-action: only meetings with an action not yet done
	run brm __complete done-action mtg
	[ -z "$output" ]
	brm add-action "$id" "Send the offer" >/dev/null
	run brm __complete done-action mtg
	[ "$output" = "$id" ]
}

@test "log-meeting -h prints the usage and options" {
	run --separate-stderr brm log-meeting -h
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "${lines[0]}" == "usage: brm log-meeting [--date <date>] --kind "* ]]
	[[ "$output" == *"--attendee <text>"*"(repeatable)"* ]]
	[[ "$output" == *"--action <text>"* ]]
}
