#!/usr/bin/env bats
# Complaints: record-complaint and the lifecycle open -> acknowledged ->
# resolved -> closed, with reopening; every transition allowed and
# refused; brm check on hand-edited complaints.  BRM_NOW is Sunday
# 2026-11-22T10:00:00+01:00.
load helpers
bats_require_minimum_version 1.5.0

seed() {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm add-service "Data Warehouse" --id dwh >/dev/null
	brm subscribe acme crm >/dev/null
}

# cpath ID: a complaint's file
cpath() { echo "complaints/${1:4:4}/${1:8:2}/$1.yaml"; }

# field ID NAME: a top-level field of a complaint as the file has it
field() { sed -n "s/^$2: //p" "$(cpath "$1")"; }

# complaint [OPTION...]: a new complaint received Friday 2026-11-20 09:00
complaint() {
	brm record-complaint acme --summary "Slow ticket response" \
	    --received 2026-11-20T09:00:00+01:00 "$@"
}

# at_status ID STATUS: walk the complaint to STATUS
at_status() {
	case $2 in
	acknowledged) brm ack-complaint "$1" --at 2026-11-20T10:00:00+01:00 ;;
	resolved) at_status "$1" acknowledged &&
		brm resolve-complaint "$1" --resolution "Fixed" \
		    --at 2026-11-20T12:00:00+01:00 ;;
	closed) at_status "$1" resolved &&
		brm close-complaint "$1" --at 2026-11-20T13:00:00+01:00 ;;
	esac
}

@test "record-complaint writes the complaint with its response target" {
	seed
	n=$(commits)
	run --separate-stderr brm record-complaint acme \
	    --summary "Slow ticket response" --service crm --severity high \
	    --channel email --received 2026-11-20T09:12:00+01:00 \
	    --description $'Tickets wait\nfor hours' --owner "Olga Berg"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^cmp-20261120-[a-z0-9]{4}$ ]]
	id=$output
	f=$(cpath "$id")
	[ "$f" = "complaints/2026/11/$id.yaml" ]
	committed "$n" "record-complaint: acme-corp — Slow ticket response (high)" \
	    record-complaint complaint "$id" "$f"
	[ "$(cat "$f")" = "id: $id
customer: acme-corp
service: crm
received: 2026-11-20T09:12:00+01:00
channel: email
severity: high
summary: Slow ticket response
description: |-
  Tickets wait
  for hours
owner: Olga Berg
status: open
response_due: 2026-11-20T17:12:00+01:00" ]
	run brm check -q
	[ "$status" -eq 0 ]
}

@test "record-complaint defaults: received now, severity medium" {
	seed
	run --separate-stderr brm record-complaint acme --summary "Rude call"
	[ "$status" -eq 0 ]
	[[ "$output" == cmp-20261122-* ]]
	id=$output
	[ "$(field "$id" received)" = "2026-11-22T10:00:00+01:00" ]
	[ "$(field "$id" severity)" = "medium" ]
	[ "$(field "$id" status)" = "open" ]
	# a Sunday does not count: 24 working hours are all of Monday
	[ "$(field "$id" response_due)" = "2026-11-24T00:00:00+01:00" ]
}

@test "the response target counts working hours by severity" {
	seed
	# Friday 20:00: 4 h left on Friday, the weekend counts nothing
	id=$(complaint --severity critical --received 2026-11-20T20:00:00+01:00)
	[ "$(field "$id" response_due)" = "2026-11-21T00:00:00+01:00" ]
	id=$(complaint --severity high --received 2026-11-20T20:00:00+01:00)
	[ "$(field "$id" response_due)" = "2026-11-23T04:00:00+01:00" ]
	id=$(complaint --severity low --received 2026-11-20T20:00:00+01:00)
	[ "$(field "$id" response_due)" = "2026-11-25T20:00:00+01:00" ]
	# the target keeps the offset the complaint was received in
	id=$(complaint --severity high --received 2026-11-20T20:00:00-05:00)
	[ "$(field "$id" response_due)" = "2026-11-23T04:00:00-05:00" ]
}

@test "record-complaint resolves id prefixes and warns about a former customer" {
	seed
	brm set acme status=former >/dev/null
	run --separate-stderr brm record-complaint ac --summary "Late invoice" \
	    --service cr
	[ "$status" -eq 0 ]
	[ "$stderr" = "brm: warning: customer 'acme-corp' is a former customer" ]
	[ "$(field "$output" customer)" = "acme-corp" ]
	[ "$(field "$output" service)" = "crm" ]
}

@test "record-complaint refuses bad input and writes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm record-complaint acme
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--summary'" ]
	[ "${stderr_lines[1]}" = "usage: brm record-complaint [--service <id>] [--received <time>] [--channel phone|email|web|visit|letter] [--severity low|medium|high|critical] --summary <text> [--description <text>] [--owner <text>] <customer>" ]
	run --separate-stderr brm record-complaint nobody --summary x
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nobody'" ]
	run --separate-stderr brm record-complaint acme --summary x --service dwh
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: customer 'acme-corp' does not subscribe to service 'dwh'" ]
	[ "${stderr_lines[1]}" = "hint: subscribe it first: brm subscribe acme-corp dwh" ]
	run --separate-stderr brm record-complaint acme --summary x --service nope
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'nope'" ]
	run --separate-stderr brm record-complaint acme --summary x --severity urgent
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --severity 'urgent' (expected one of low|medium|high|critical)" ]
	run --separate-stderr brm record-complaint acme --summary x --channel fax
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --channel 'fax' (expected one of phone|email|web|visit|letter)" ]
	run --separate-stderr brm record-complaint acme --summary x \
	    --received 2026-02-30T10:00
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --received '2026-02-30T10:00': no such date" ]
	run --separate-stderr brm record-complaint acme --summary x \
	    --received 2026-11-20T25:00
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --received '2026-11-20T25:00': no such time" ]
	run --separate-stderr brm record-complaint acme --summary x \
	    --received 2026-11-22T10:00:01+01:00
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: --received '2026-11-22T10:00:01+01:00' is in the future (now is 2026-11-22T10:00:00+01:00)" ]
	run --separate-stderr brm record-complaint acme --summary ""
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --summary must not be empty" ]
	run --separate-stderr brm record-complaint acme --summary $'two\nlines'
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --summary contains a control character (U+000A) at byte 3" ]
	unchanged_since "$before"
}

@test "ack, resolve, close: each step stamps its time and commits once" {
	seed
	id=$(complaint --service crm --severity high)
	f=$(cpath "$id")
	n=$(commits)
	run --separate-stderr brm ack-complaint "${id:0:12}" \
	    --at 2026-11-20T10:30:00+01:00
	[ "$status" -eq 0 ]
	[ -z "$output" ] && [ -z "$stderr" ]
	committed "$n" "ack-complaint: $id — Slow ticket response (acknowledged)" \
	    ack-complaint complaint "$id" "$f"
	[ "$(field "$id" status)" = "acknowledged" ]
	[ "$(field "$id" acknowledged)" = "2026-11-20T10:30:00+01:00" ]
	run --separate-stderr brm resolve-complaint "$id" \
	    --resolution "Added a second on-call engineer"
	[ "$status" -eq 0 ]
	committed $((n + 1)) "resolve-complaint: $id — Slow ticket response (resolved)" \
	    resolve-complaint complaint "$id" "$f"
	[ "$(field "$id" status)" = "resolved" ]
	# no --at: now
	[ "$(field "$id" resolved)" = "2026-11-22T10:00:00+01:00" ]
	[ "$(field "$id" resolution)" = "Added a second on-call engineer" ]
	run --separate-stderr brm close-complaint "$id" --satisfied yes
	[ "$status" -eq 0 ]
	committed $((n + 2)) "close-complaint: $id — Slow ticket response (closed)" \
	    close-complaint complaint "$id" "$f"
	[ "$(cat "$f")" = "id: $id
customer: acme-corp
service: crm
received: 2026-11-20T09:00:00+01:00
severity: high
summary: Slow ticket response
status: closed
response_due: 2026-11-20T17:00:00+01:00
acknowledged: 2026-11-20T10:30:00+01:00
resolved: 2026-11-22T10:00:00+01:00
resolution: Added a second on-call engineer
closed: 2026-11-22T10:00:00+01:00
satisfied: true" ]
	[ "$(yget "$f" "[d['status'], d['satisfied'], str(d['closed'])]")" = "['closed', True, '2026-11-22 10:00:00+01:00']" ]
	run brm check -q
	[ "$status" -eq 0 ]
}

@test "close-complaint without --satisfied leaves it unsaid" {
	seed
	id=$(complaint)
	at_status "$id" resolved
	run --separate-stderr brm close-complaint "$id" --satisfied no
	[ "$status" -eq 0 ]
	[ "$(field "$id" satisfied)" = "false" ]
	id=$(complaint)
	at_status "$id" closed
	[ -z "$(field "$id" satisfied)" ]
	[ "$(field "$id" status)" = "closed" ]
}

@test "reopen from resolved and from closed clears the resolution" {
	seed
	for from in resolved closed; do
		id=$(complaint)
		at_status "$id" "$from"
		f=$(cpath "$id")
		n=$(commits)
		run --separate-stderr brm reopen-complaint "$id" \
		    --reason "Slow again" --at 2026-11-21T09:00:00+01:00
		[ "$status" -eq 0 ]
		[ -z "$output" ] && [ -z "$stderr" ]
		committed "$n" "reopen-complaint: $id — Slow ticket response (reopened)" \
		    reopen-complaint complaint "$id" "$f"
		[ "$(field "$id" status)" = "acknowledged" ]
		[ -z "$(field "$id" resolved)" ]
		[ -z "$(field "$id" closed)" ]
		[ -z "$(field "$id" resolution)" ]
		[ -z "$(field "$id" satisfied)" ]
		[ "$(field "$id" acknowledged)" = "2026-11-20T10:00:00+01:00" ]
		[ "$(yget "$f" "[(str(r['at']), r['reason']) for r in d['reopened']]")" = "[('2026-11-21 09:00:00+01:00', 'Slow again')]" ]
	done
	# resolved again, and reopened a second time without a reason
	brm resolve-complaint "$id" --resolution "Tuned the queue" \
	    --at 2026-11-21T12:00:00+01:00
	brm reopen-complaint "$id"
	[ "$(yget "$f" "[(str(r['at']), r.get('reason')) for r in d['reopened']]")" = "[('2026-11-21 09:00:00+01:00', 'Slow again'), ('2026-11-22 10:00:00+01:00', None)]" ]
	brm resolve-complaint "$id" --resolution "Third engineer"
	brm close-complaint "$id" --satisfied yes
	[ "$(field "$id" status)" = "closed" ]
	run brm check -q
	[ "$status" -eq 0 ]
}

# refused ID STEP [OPTION...]: the step is refused; prints stderr lines
refused() {
	local id=$1 cmd=$2
	shift 2
	run --separate-stderr brm "$cmd" "$id" "$@"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "steps out of order are refused with the allowed next step" {
	seed
	id=$(complaint)
	before=$(snapshot)
	refused "$id" resolve-complaint --resolution x
	[ "${stderr_lines[0]}" = "brm: error: cannot resolve complaint '$id': it is open" ]
	[ "${stderr_lines[1]}" = "hint: the next step for an open complaint: ack-complaint" ]
	refused "$id" close-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot close complaint '$id': it is open" ]
	refused "$id" reopen-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot reopen complaint '$id': it is open" ]
	unchanged_since "$before"

	at_status "$id" acknowledged
	before=$(snapshot)
	refused "$id" ack-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot acknowledge complaint '$id': it is already acknowledged" ]
	[ "${stderr_lines[1]}" = "hint: the next step for an acknowledged complaint: resolve-complaint" ]
	refused "$id" close-complaint --satisfied yes
	[ "${stderr_lines[0]}" = "brm: error: cannot close complaint '$id': it is acknowledged" ]
	refused "$id" reopen-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot reopen complaint '$id': it is acknowledged" ]
	unchanged_since "$before"

	brm resolve-complaint "$id" --resolution "Fixed"
	before=$(snapshot)
	refused "$id" ack-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot acknowledge complaint '$id': it is resolved" ]
	[ "${stderr_lines[1]}" = "hint: the next step for a resolved complaint: close-complaint or reopen-complaint" ]
	refused "$id" resolve-complaint --resolution "Again"
	[ "${stderr_lines[0]}" = "brm: error: cannot resolve complaint '$id': it is already resolved" ]
	unchanged_since "$before"

	brm close-complaint "$id"
	before=$(snapshot)
	refused "$id" ack-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot acknowledge complaint '$id': it is closed" ]
	[ "${stderr_lines[1]}" = "hint: the next step for a closed complaint: reopen-complaint" ]
	refused "$id" resolve-complaint --resolution x
	[ "${stderr_lines[0]}" = "brm: error: cannot resolve complaint '$id': it is closed" ]
	refused "$id" close-complaint
	[ "${stderr_lines[0]}" = "brm: error: cannot close complaint '$id': it is already closed" ]
	unchanged_since "$before"
}

@test "a step dated before the previous one, or in the future, is refused" {
	seed
	id=$(complaint)
	before=$(snapshot)
	refused "$id" ack-complaint --at 2026-11-20T08:59:00+01:00
	[ "${stderr_lines[0]}" = "brm: error: cannot acknowledge complaint '$id' at 2026-11-20T08:59:00+01:00: it was received later, at 2026-11-20T09:00:00+01:00" ]
	[ "${stderr_lines[1]}" = "hint: give a time on or after 2026-11-20T09:00:00+01:00" ]
	refused "$id" ack-complaint --at 2026-11-22T10:00:01+01:00
	[ "${stderr_lines[0]}" = "brm: error: --at '2026-11-22T10:00:01+01:00' is in the future (now is 2026-11-22T10:00:00+01:00)" ]
	[ "${stderr_lines[1]}" = "hint: record a step when it has happened" ]
	refused "$id" ack-complaint --at 2026-11-31T10:00
	[ "$stderr" = "brm: error: invalid --at '2026-11-31T10:00': no such date" ]
	refused "$id" ack-complaint --at soon
	[[ "${stderr_lines[0]}" == "brm: error: invalid --at 'soon' (expected YYYY-MM-DDTHH:MM[:SS][+HH:MM] or 'now')" ]]
	unchanged_since "$before"
	# the same moment as the previous step is fine; a time without an
	# offset is local time
	brm ack-complaint "$id" --at 2026-11-20T09:00
	[ "$(field "$id" acknowledged)" = "2026-11-20T09:00:00+01:00" ]
	before=$(snapshot)
	refused "$id" resolve-complaint --resolution x --at 2026-11-20T07:59:59Z
	[[ "${stderr_lines[0]}" == *"it was acknowledged later, at 2026-11-20T09:00:00+01:00" ]]
	unchanged_since "$before"
	brm resolve-complaint "$id" --resolution x --at 2026-11-21T00:00:00+01:00
	brm close-complaint "$id" --at 2026-11-21T01:00:00+01:00
	before=$(snapshot)
	refused "$id" reopen-complaint --at 2026-11-21T00:30:00+01:00
	[[ "${stderr_lines[0]}" == *"it was closed later, at 2026-11-21T01:00:00+01:00" ]]
	unchanged_since "$before"
}

@test "lifecycle options are checked before anything is written" {
	seed
	id=$(complaint)
	at_status "$id" acknowledged
	before=$(snapshot)
	run --separate-stderr brm resolve-complaint "$id"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--resolution'" ]
	[ "${stderr_lines[1]}" = "usage: brm resolve-complaint --resolution <text> [--at <time>] <complaint>" ]
	run --separate-stderr brm resolve-complaint "$id" --resolution ""
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --resolution must not be empty" ]
	brm resolve-complaint "$id" --resolution "Fixed"
	before=$(snapshot)
	run --separate-stderr brm close-complaint "$id" --satisfied maybe
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --satisfied 'maybe' (expected yes or no)" ]
	run --separate-stderr brm ack-complaint cmp-20990101
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no complaint 'cmp-20990101'" ]
	run --separate-stderr brm ack-complaint acme-corp
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no complaint 'acme-corp'" ]
	run --separate-stderr brm ack-complaint
	[ "$status" -eq 2 ]
	unchanged_since "$before"
}

@test "brm set cannot change the lifecycle fields" {
	seed
	id=$(complaint)
	before=$(snapshot)
	for f in status acknowledged resolved closed; do
		run --separate-stderr brm set "$id" "$f=closed"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: '$f' cannot be changed" ]
	done
	unchanged_since "$before"
	# other fields can
	run brm set "$id" owner="Olga Berg"
	[ "$status" -eq 0 ]
}

@test "brm set of severity or received works out response_due again" {
	seed
	# Friday 20:00, high: 4 h of Friday and 4 of Monday
	id=$(complaint --severity high --received 2026-11-20T20:00:00+01:00)
	[ "$(field "$id" response_due)" = "2026-11-23T04:00:00+01:00" ]
	n=$(commits)
	run --separate-stderr brm set "$id" severity=critical
	[ "$status" -eq 0 ]
	[ "$(field "$id" response_due)" = "2026-11-21T00:00:00+01:00" ]
	committed "$n" "set: $id — severity: critical, response_due: 2026-11-21T00:00:00+01:00" \
	    set complaint "$id" "$(cpath "$id")"
	# received later on Friday: 2.5 h left on it, 1.5 on Monday
	run --separate-stderr brm set "$id" received=2026-11-20T21:30:00+01:00
	[ "$status" -eq 0 ]
	[ "$(field "$id" response_due)" = "2026-11-23T01:30:00+01:00" ]
	# brm due follows
	run brm due --format json
	[[ "$output" == *'"at": "2026-11-23T01:30:00+01:00"'* ]]
	# other fields leave it alone
	brm set "$id" owner="Olga Berg" >/dev/null
	[ "$(field "$id" response_due)" = "2026-11-23T01:30:00+01:00" ]
	# a response_due set in the same command is the user's
	run --separate-stderr brm set "$id" severity=low \
	    response_due=2026-11-30T12:00:00+01:00
	[ "$status" -eq 0 ]
	[ "$(field "$id" response_due)" = "2026-11-30T12:00:00+01:00" ]
	[ "$(git log -1 --format=%s)" = "set: $id — severity: low, response_due: 2026-11-30T12:00:00+01:00" ]
	# and is checked like any time
	before=$(snapshot)
	run --separate-stderr brm set "$id" severity=high response_due=soon
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: invalid response_due 'soon'"* ]]
	unchanged_since "$before"
	# a policy that cannot be applied refuses the change
	sed -i '/^working_days:/,/^holidays:/{/^- /d;s/^working_days:$/working_days: []/}' .brm/config.yaml
	git commit -qam "no working days"
	before=$(snapshot)
	run --separate-stderr brm set "$id" severity=medium
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: working_days names no working day (.brm/config.yaml)" ]
	unchanged_since "$before"
}

# editor NAME SCRIPT: an executable sh SCRIPT for EDITOR ($1: the file)
editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$BATS_TEST_TMPDIR/$1"
	chmod +x "$BATS_TEST_TMPDIR/$1"
	echo "$BATS_TEST_TMPDIR/$1"
}

@test "brm edit of severity or received works out response_due again, as set does" {
	seed
	id=$(complaint --severity high --received 2026-11-20T20:00:00+01:00)
	[ "$(field "$id" response_due)" = "2026-11-23T04:00:00+01:00" ]
	n=$(commits)
	EDITOR=$(editor sev 'sed -i "s/^severity: high/severity: critical/" "$1"') \
	    run --separate-stderr brm edit "$id"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(field "$id" response_due)" = "2026-11-21T00:00:00+01:00" ]
	committed "$n" "edit: Slow ticket response" edit complaint "$id" "$(cpath "$id")"
	# the same as brm set gives for the same change
	cp "$(cpath "$id")" edited.yaml
	git reset -q --hard HEAD~1
	brm set "$id" severity=critical >/dev/null
	cmp edited.yaml "$(cpath "$id")"
	rm edited.yaml
	EDITOR=$(editor rcv 'sed -i "s/^received: .*/received: 2026-11-20T21:30:00+01:00/" "$1"') \
	    run --separate-stderr brm edit "$id"
	[ "$status" -eq 0 ]
	[ "$(field "$id" response_due)" = "2026-11-23T01:30:00+01:00" ]
	# other fields leave it alone
	EDITOR=$(editor own 'sed -i "s/^summary: .*/summary: Slower/" "$1"') \
	    brm edit "$id" >/dev/null
	[ "$(field "$id" response_due)" = "2026-11-23T01:30:00+01:00" ]
	# a response_due changed in the same edit is the user's
	EDITOR=$(editor both 'sed -i -e "s/^severity: .*/severity: low/" -e "s/^response_due: .*/response_due: 2026-11-30T12:00:00+01:00/" "$1"') \
	    run --separate-stderr brm edit "$id"
	[ "$status" -eq 0 ]
	[ "$(field "$id" response_due)" = "2026-11-30T12:00:00+01:00" ]
	[ "$(field "$id" severity)" = "low" ]
	# a policy that cannot be applied: the editor reopens with the
	# error, and the same text again gives up with nothing changed
	sed -i '/^working_days:/,/^holidays:/{/^- /d;s/^working_days:$/working_days: []/}' .brm/config.yaml
	git commit -qam "no working days"
	before=$(snapshot)
	EDITOR=$(editor med 'sed -i "s/^severity: .*/severity: medium/" "$1"') \
	    run --separate-stderr brm edit "$id"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: working_days names no working day (.brm/config.yaml)" ]
	[ "${stderr_lines[-1]}" = "brm: error: aborted: the record is still invalid; nothing changed" ]
	unchanged_since "$before"
}

@test "brm check reports hand-edited lifecycles out of order" {
	seed
	id=$(complaint)
	at_status "$id" resolved
	f=$(cpath "$id")
	run brm check -q
	[ "$status" -eq 0 ]
	cp "$f" good.yaml

	sed -i 's/^status: resolved/status: closed/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"$f:"*": status is 'closed' but 'closed' is not set"* ]]

	cp good.yaml "$f"
	sed -i 's/^resolved: .*/resolved: 2026-11-20T09:30:00+01:00/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *": resolved (2026-11-20T09:30:00+01:00) is before acknowledged (2026-11-20T10:00:00+01:00)"* ]]

	cp good.yaml "$f"
	sed -i 's/^acknowledged: .*/acknowledged: 2026-11-19T10:00:00+01:00/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *": acknowledged (2026-11-19T10:00:00+01:00) is before received (2026-11-20T09:00:00+01:00)"* ]]

	cp good.yaml "$f"
	sed -i 's/^status: resolved/status: open/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *": 'acknowledged' is set but the status is 'open'"* ]]
	[[ "$output" == *": 'resolved' is set but the status is 'open'"* ]]

	cp good.yaml "$f"
	sed -i '/^resolution: /d' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *": status is 'resolved' but 'resolution' is not set"* ]]

	cp good.yaml "$f"
	echo "satisfied: true" >>"$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *": 'satisfied' is set but the status is 'resolved'"* ]]

	cp good.yaml "$f"
	sed -i 's/^status: resolved/status: pending/' "$f"
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"invalid status 'pending' (expected one of open|acknowledged|resolved|closed)"* ]]

	# and a lifecycle step on a broken record is refused
	cp good.yaml "$f"
	sed -i 's/^resolved: .*/resolved: 2026-11-20T09:30:00+01:00/' "$f"
	git commit -qam "hand edit"
	before=$(snapshot)
	run --separate-stderr brm close-complaint "$id"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"resolved (2026-11-20T09:30:00+01:00) is before acknowledged"* ]]
	unchanged_since "$before"
}

@test "brm check warns when a complaint's service is not subscribed" {
	seed
	id=$(complaint --service crm)
	complaint --service crm >/dev/null
	complaint --service crm >/dev/null
	sed -i 's/^service: crm/service: dwh/' "$(cpath "$id")"
	run --separate-stderr brm check
	[ "$status" -eq 0 ]
	# once, for that complaint only: the other two of the same customer
	# are about a service it subscribes to
	[ "$(grep -c "does not subscribe" <<<"$output")" -eq 1 ]
	[[ "$output" == *"$id.yaml"*"warning: customer 'acme-corp' does not subscribe to service 'dwh'"* ]]
	[[ "$output" == *": 0 errors, 1 warning" ]]
}

@test "list complaints filters by status, severity, customer and date" {
	seed
	brm add-customer "Globex" >/dev/null
	a=$(complaint --severity high)
	b=$(complaint --severity low --received 2026-11-02T10:00)
	c=$(brm record-complaint globex --summary "Other" --received 2026-10-30T10:00)
	at_status "$a" acknowledged
	run --separate-stderr brm list complaints
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "ID                 RECEIVED                   CUSTOMER   SEVERITY  STATUS        SUMMARY" ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[1]}" = "$c  2026-10-30T10:00:00+01:00  globex     medium    open          Other" ]
	run brm list complaints --status open --format tsv
	[ "${#lines[@]}" -eq 3 ]
	run brm list complaints --severity high --format tsv
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$a"$'\t'* ]]
	run brm list complaints --customer acme --since 2026-11-01 --until 2026-11-10 --format tsv
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$b"$'\t'* ]]
	run brm list complaints --format json --status acknowledged
	[ "$(py -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["id"], r[0]["status"], r[0]["acknowledged"])' <<<"$output")" = "$a acknowledged 2026-11-20T10:00:00+01:00" ]
	before=$(snapshot)
	run --separate-stderr brm list complaints --status pending
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: invalid --status 'pending'"* ]]
	unchanged_since "$before"
}

@test "completion offers complaint ids and the option values" {
	seed
	id=$(complaint)
	run --separate-stderr brm __complete ack-complaint ""
	[ "$status" -eq 0 ]
	[ "$output" = "$id" ]
	run brm __complete record-complaint acme --severity ""
	[ "$(echo "$output" | tr '\n' ' ')" = "low medium high critical " ]
	run brm __complete record-complaint acme --service ""
	[ "$(echo "$output" | sort | tr '\n' ' ')" = "crm dwh " ]
	run brm __complete close-complaint "$id" --satisfied ""
	[ "$(echo "$output" | tr '\n' ' ')" = "yes no " ]
}
