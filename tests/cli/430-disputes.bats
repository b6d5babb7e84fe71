#!/usr/bin/env bats
# open-dispute, escalate-dispute 1 → 2 → 3 → 4 with each level's time,
# resolve-dispute; and what they refuse.
load helpers
bats_require_minimum_version 1.5.0

# A customer, a supplier and a third party: 4 commits.
seed() {
	brm add-customer "Acme Corp" >/dev/null
	brm add-supplier "FastFix" >/dev/null
	brm add-third-party "Nord Cert" --role certification >/dev/null
}

@test "open-dispute records the parties at level 1 and commits once" {
	seed
	run --separate-stderr brm open-dispute --party fast --party nord \
	    --customer acme --subject "Who pays for the October outage"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^dsp-20261122-[a-z0-9]{4}$ ]]
	id=$output
	[ "$(cat "disputes/2026/11/$id.yaml")" = "id: $id
opened: 2026-11-22T10:00:00+01:00
parties:
- fastfix
- nord-cert
customer: acme-corp
subject: Who pays for the October outage
level: 1
levels:
- level: 1
  at: 2026-11-22T10:00:00+01:00
status: open" ]
	committed 4 "open-dispute: Who pays for the October outage (fastfix, nord-cert)" \
	    open-dispute dispute "$id" "disputes/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 0 ]
}

@test "--opened files the dispute by its own time" {
	seed
	run --separate-stderr brm open-dispute --party fastfix --subject x \
	    --opened 2026-10-03T09:12:00+02:00
	[ "$status" -eq 0 ]
	[[ "$output" == dsp-20261003-* ]]
	[ "$(yget "disputes/2026/10/$output.yaml" "d['levels'][0]['at']")" = \
	    "2026-10-03 09:12:00+02:00" ]
}

@test "open-dispute refuses parties that are not suppliers or third parties" {
	seed
	before=$(snapshot)
	run --separate-stderr brm open-dispute --party acme --subject x
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier or third-party 'acme'" ]
	run --separate-stderr brm open-dispute --party nobody --subject x
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier or third-party 'nobody'" ]
	run --separate-stderr brm open-dispute --party fastfix --subject x \
	    --customer nobody
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nobody'" ]
	run --separate-stderr brm open-dispute --party fastfix --subject x \
	    --opened "next week"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"--opened"* ]]
	unchanged_since "$before"
}

@test "open-dispute needs a party and a subject" {
	seed
	before=$(snapshot)
	run --separate-stderr brm open-dispute --subject x
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--party'" ]
	[ "${stderr_lines[1]}" = "usage: brm open-dispute [--opened <time>] --party <id>... [--customer <id>] --subject <text>" ]
	run --separate-stderr brm open-dispute --party fastfix
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--subject'" ]
	run --separate-stderr brm open-dispute --party fastfix --subject ""
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"must not be empty"* ]]
	unchanged_since "$before"
}

@test "escalate-dispute goes 1 → 2 → 3 → 4, stamping each level, and no further" {
	seed
	id=$(brm open-dispute --party fastfix --subject "Outage costs")
	run --separate-stderr brm escalate-dispute "$id" --at 2026-11-23T09:00:00+01:00
	[ "$status" -eq 0 ]
	[ "$output" = "$id: level 2 (mediated with suppliers, the customer or third parties)" ]
	committed 5 "escalate-dispute: Outage costs — level 2 (mediated with suppliers, the customer or third parties)" \
	    escalate-dispute dispute "$id" "disputes/2026/11/$id.yaml"
	run --separate-stderr brm escalate-dispute "${id:0:14}" --at 2026-11-30
	[ "$output" = "$id: level 3 (formal company process)" ]
	run --separate-stderr brm escalate-dispute "$id" --at 2026-12-15T14:30
	[ "$output" = "$id: level 4 (legal)" ]
	[ "$(sed -n '/^level:/,$p' "disputes/2026/11/$id.yaml")" = "level: 4
levels:
- level: 1
  at: 2026-11-22T10:00:00+01:00
- level: 2
  at: 2026-11-23T09:00:00+01:00
- level: 3
  at: 2026-11-30T00:00:00+01:00
- level: 4
  at: 2026-12-15T14:30:00+01:00
status: open" ]
	before=$(snapshot)
	run --separate-stderr brm escalate-dispute "$id"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: dispute '$id' is already at level 4 (legal); there is no level above it" ]
	unchanged_since "$before"
	run brm check
	[ "$status" -eq 0 ]
}

@test "an escalation is stamped now by default, and never before the last one" {
	seed
	id=$(brm open-dispute --party fastfix --subject x)
	brm escalate-dispute "$id" >/dev/null
	[ "$(yget "disputes/2026/11/$id.yaml" "d['levels'][1]")" = \
	    "{'level': 2, 'at': datetime.datetime(2026, 11, 22, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))}" ]
	before=$(snapshot)
	run --separate-stderr brm escalate-dispute "$id" --at 2026-11-21
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --at is before the last escalation (2026-11-22T10:00:00+01:00)" ]
	run --separate-stderr brm escalate-dispute dsp-nothing
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no dispute 'dsp-nothing'" ]
	unchanged_since "$before"
}

@test "resolve-dispute records the resolution and its time" {
	seed
	id=$(brm open-dispute --party fastfix --subject "Outage costs")
	brm escalate-dispute "$id" >/dev/null
	run --separate-stderr brm resolve-dispute "$id" \
	    --resolution "Costs split 50/50" --at 2026-11-25T16:00
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(sed -n '/^status:/,$p' "disputes/2026/11/$id.yaml")" = "status: resolved
resolution: Costs split 50/50
resolved: 2026-11-25T16:00:00+01:00" ]
	[ "$(yget "disputes/2026/11/$id.yaml" "d['level']")" = 2 ]
	committed 6 "resolve-dispute: Outage costs — resolved at level 2" \
	    resolve-dispute dispute "$id" "disputes/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 0 ]
	# resolved: no second resolution, no escalation
	before=$(snapshot)
	run --separate-stderr brm resolve-dispute "$id" --resolution again
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: dispute '$id' is already resolved
hint: change the resolution with 'brm set $id resolution=...'" ]
	run --separate-stderr brm escalate-dispute "$id"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: dispute '$id' is resolved; it cannot be escalated" ]
	unchanged_since "$before"
}

@test "resolve-dispute needs a resolution, not before the last level" {
	seed
	id=$(brm open-dispute --party fastfix --subject x)
	before=$(snapshot)
	run --separate-stderr brm resolve-dispute "$id"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--resolution'" ]
	run --separate-stderr brm resolve-dispute "$id" --resolution ""
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --resolution must not be empty" ]
	run --separate-stderr brm resolve-dispute "$id" --resolution ok \
	    --at 2026-11-01
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --at is before the dispute reached its level (2026-11-22T10:00:00+01:00)" ]
	unchanged_since "$before"
}

@test "level, levels and status change only through the commands" {
	seed
	id=$(brm open-dispute --party fastfix --subject x)
	before=$(snapshot)
	for f in level=3 status=resolved resolved=2026-11-22; do
		run --separate-stderr brm set "$id" "$f"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: '${f%%=*}' cannot be changed" ]
	done
	unchanged_since "$before"
	# a hand edit that breaks the rules is caught by check
	sed -i 's/^level: 1$/level: 3/' "disputes/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "disputes/2026/11/$id.yaml:6:8: level 3 is not the last level reached (1)" ]
	sed -i 's/^level: 3$/level: 1/; s/^status: open$/status: resolved/' \
	    "disputes/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 1 ]
	[[ "$output" == *"a resolved dispute needs a resolution"* ]]
}

@test "list disputes, by status, customer and supplier" {
	seed
	brm add-supplier "Other" >/dev/null
	a=$(brm open-dispute --party fastfix --customer acme --subject "First")
	b=$(brm open-dispute --party other --party nord --subject "Second")
	brm resolve-dispute "$a" --resolution done >/dev/null
	run --separate-stderr brm list disputes --status open --format tsv
	[ "$output" = "ID	OPENED	LEVEL	STATUS	SUBJECT
$b	2026-11-22T10:00:00+01:00	1	open	Second" ]
	run --separate-stderr brm list disputes --customer acme --format tsv
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$a	"* ]]
	run --separate-stderr brm list disputes --supplier oth --format tsv
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$b	"* ]]
	# only the open one can be escalated
	run --separate-stderr brm __complete escalate-dispute ""
	[ "$output" = "$b" ]
}

@test "check reports parties and customers that no longer resolve" {
	seed
	id=$(brm open-dispute --party fastfix --party nord --customer acme \
	    --subject x)
	sed -i 's/^- nord-cert$/- gone-cert/; s/^customer: acme-corp$/customer: gone/' \
	    "disputes/2026/11/$id.yaml"
	run brm check
	[ "$status" -eq 1 ]
	[ "$output" = "disputes/2026/11/$id.yaml:5:3: record 'gone-cert' does not exist
disputes/2026/11/$id.yaml:6:11: customer 'gone' does not exist
checked 4 records: 2 errors, 0 warnings" ]
}
