#!/usr/bin/env bats
# Bad input: a clear message, exit 2 for usage and 1 for data, and
# nothing written.  Every test proves the repository is unchanged.
load helpers
bats_require_minimum_version 1.5.0

# A customer and a subscribed service to aim bad input at.
seed() {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm >/dev/null
}

@test "a missing required argument: exit 2 with the usage" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: missing arguments" ]
	[[ "${stderr_lines[1]}" == "usage: brm add-customer "*" <name>" ]]
	[ "${stderr_lines[2]}" = "hint: see 'brm add-customer -h'" ]
	run --separate-stderr brm subscribe acme
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: too few arguments" ]
	[ "${stderr_lines[1]}" = "usage: brm subscribe [--vital] [--availability <pct>] [--response-hours <n>] [--resolution-hours <n>] <customer> <service>" ]
	run --separate-stderr brm add-customer "Acme" --status
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: option '--status' requires a value (prospect|active|former)" ]
	run --separate-stderr brm add-customer "A" "B"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: unexpected argument 'B'" ]
	for cmd in show rm edit set add-contact add-requirement; do
		run --separate-stderr brm $cmd
		[ "$status" -eq 2 ]
		[[ "${stderr_lines[1]}" == "usage: brm $cmd "* ]]
	done
	unchanged_since "$before"
}

@test "an invalid date: 2026-02-30" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer "Beta" --next-review 2026-02-30
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: invalid --next-review '2026-02-30': no such date" ]
	run --separate-stderr brm set acme review.next_contract_review=2026-02-30
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid review.next_contract_review '2026-02-30': no such date" ]
	run --separate-stderr brm add-customer "Beta" --next-review 22.11.2026
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: invalid --next-review '22.11.2026'"* ]]
	[[ "$stderr" == *"YYYY-MM-DD"* ]]
	unchanged_since "$before"
}

@test "an invalid enum value names the accepted ones" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer "Beta" --kind partner
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --kind 'partner' (expected one of internal|external)" ]
	run --separate-stderr brm add-contact acme "Jo" --role boss
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --role 'boss' (expected one of sponsor|representative|stakeholder|rfc-approver|user)" ]
	run --separate-stderr brm set acme status=Active
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid status 'Active' (expected one of prospect|active|former)" ]
	unchanged_since "$before"
}

@test "an invalid number" {
	seed
	before=$(snapshot)
	run --separate-stderr brm subscribe acme crm --response-hours four
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --response-hours 'four' (expected a number from 0 to 100000)" ]
	run --separate-stderr brm subscribe acme crm --response-hours -1
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --response-hours '-1' (expected a number from 0 to 100000)" ]
	for bad in 1e3 0x10 4h inf nan 1.2.3 "" " 4"; do
		run --separate-stderr brm subscribe acme crm --resolution-hours "$bad"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: invalid --resolution-hours '$bad' (expected a number from 0 to 100000)" ]
	done
	unchanged_since "$before"
}

@test "a percentage over 100" {
	seed
	before=$(snapshot)
	run --separate-stderr brm subscribe acme crm --availability 100.5
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --availability '100.5' (expected a number from 0 to 100)" ]
	run --separate-stderr brm set acme services.0.sla.availability=101
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid services.0.sla.availability '101' (expected a number from 0 to 100)" ]
	unchanged_since "$before"
	# the bounds themselves are fine
	run brm subscribe acme crm --availability 100
	[ "$status" -eq 0 ]
}

@test "an invalid e-mail address" {
	seed
	before=$(snapshot)
	for bad in nope a@b "a b@c.example" "@acme.example" "a@@acme.example" "a@acme.example."; do
		run --separate-stderr brm add-contact acme "Jo" --email "$bad"
		[ "$status" -eq 1 ]
		[ "$stderr" = "brm: error: invalid --email '$bad' (expected an address such as name@example.com)" ]
	done
	unchanged_since "$before"
}

@test "invalid UTF-8 in a name" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer "$(printf 'M\xfcller')" --id mueller
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: name contains invalid UTF-8 at byte 1" ]
	run --separate-stderr brm add-customer "Beta" --business "$(printf 'ok \xc3')"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: --business contains invalid UTF-8 at byte 3" ]
	run --separate-stderr brm set acme "name=$(printf '\xff')"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: name contains invalid UTF-8 at byte 0" ]
	unchanged_since "$before"
}

@test "a control character in a name" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer "$(printf 'a\x01b')"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: name contains a control character (U+0001) at byte 1" ]
	run --separate-stderr brm add-customer "$(printf 'a\nb')" --id ab
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: name contains a control character (U+000A) at byte 1" ]
	run --separate-stderr brm add-contact acme "$(printf 'Jo\x1b[31m')"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: name contains a control character (U+001B) at byte 2" ]
	run --separate-stderr brm set acme "business=$(printf 'a\rb')"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: business contains a control character (U+000D) at byte 1" ]
	unchanged_since "$before"
}

@test "an id with /, .., or a leading dot given with --id" {
	seed
	before=$(snapshot)
	for bad in a/b .. ../x .hidden -x Acme "a b" "$(printf 'x\xc3\xa9')"; do
		run --separate-stderr brm add-customer "Beta" --id "$bad"
		[ "$status" -eq 1 ]
		[ "${stderr_lines[0]}" = "brm: error: invalid customer id '$bad'" ]
		[ "${stderr_lines[1]}" = "hint: an id is lowercase letters, digits and '-', starts with a letter or digit, at most 64 long" ]
	done
	run --separate-stderr brm add-service "Mail" --id ../../etc/passwd
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: invalid service id '../../etc/passwd'" ]
	unchanged_since "$before"
}

@test "an id with /, .., or a leading dot given to show, set, rm, log" {
	seed
	mkdir -p "$BATS_TEST_TMPDIR/x"
	before=$(snapshot)
	for bad in customers/acme-corp ../p/customers/acme-corp .. .acme ../x; do
		for cmd in "show" "set status=former" "rm" "log" "edit"; do
			# $cmd splits into the command and its arguments
			set -- $cmd
			run --separate-stderr brm "$1" "$bad" "${@:2}"
			[ "$status" -eq 1 ]
			[ -z "$output" ]
			[ "${stderr_lines[0]}" = "brm: error: invalid id '$bad'" ]
			[ "${stderr_lines[1]}" = "hint: ids are lowercase letters, digits and '-'" ]
		done
	done
	unchanged_since "$before"
}

@test "a duplicate customer" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-customer "Acme Corp" --kind internal
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: customer 'acme-corp' already exists
hint: choose another id with --id" ]
	run --separate-stderr brm add-customer "Other" --id acme-corp
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: customer 'acme-corp' already exists" ]
	run --separate-stderr brm add-service "CRM"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: service 'crm' already exists" ]
	unchanged_since "$before"
}

@test "a reference to a customer or service that does not exist" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-contact nobody "Jo"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer, supplier or third-party 'nobody'" ]
	run --separate-stderr brm subscribe nobody crm
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nobody'" ]
	run --separate-stderr brm subscribe acme nothing
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'nothing'" ]
	run --separate-stderr brm add-requirement acme nothing "SSO"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'nothing'" ]
	run --separate-stderr brm set acme services.0.service=nothing
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'nothing'" ]
	# a customer is not a service
	run --separate-stderr brm subscribe acme acme-corp
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'acme-corp'" ]
	run --separate-stderr brm list customers --customer nobody
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nobody'" ]
	unchanged_since "$before"
}

@test "an ambiguous id prefix lists the candidates" {
	seed
	brm add-customer "Acme Labs" >/dev/null
	brm add-service "Acme Hosting" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm set acme status=former
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: id 'acme' is ambiguous
hint: it matches:
hint:   acme-corp (customer)
hint:   acme-labs (customer)
hint:   acme-hosting (service)" ]
	# among customers only, the prefix is still ambiguous
	run --separate-stderr brm add-contact acme "Jo"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: id 'acme' is ambiguous" ]
	[[ "$stderr" != *"acme-hosting"* ]]
	unchanged_since "$before"
	# a longer prefix is unique
	run brm show acme-l
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id: acme-labs" ]
}

@test "hand-broken YAML is reported with its exact location" {
	seed
	printf 'id: acme-corp\nname: Acme Corp\nstatus: active\n  kind: external\n' \
	    >customers/acme-corp.yaml
	git commit -q -am "hand edit"
	before=$(snapshot)
	for cmd in "show acme-corp" "set acme-corp status=former" \
	    "add-contact acme-corp Jo" "subscribe acme-corp crm --vital" \
	    "rm acme-corp"; do
		run --separate-stderr brm $cmd
		[ "$status" -eq 1 ]
		[ -z "$output" ]
		[ "${stderr_lines[0]}" = "brm: error: mapping values are not allowed in this context (customers/acme-corp.yaml:4:7)" ]
	done
	# only rm has a way out: the hint says it (110-records.bats)
	[ "${stderr_lines[1]}" = "hint: fix it by hand, or use --force to remove it unread" ]
	run --separate-stderr brm show acme-corp
	[ "${#stderr_lines[@]}" -eq 1 ]
	# a listing names it and goes on (110-records.bats)
	run --separate-stderr brm list customers
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: warning: mapping values are not allowed in this context (customers/acme-corp.yaml:4:7)" ]
	unchanged_since "$before"
}

@test "YAML the loader refuses: duplicate keys, anchors, tags, a list at the top" {
	seed
	check_broken() {
		printf -- "$1" >services/crm.yaml
		run --separate-stderr brm show crm
		[ "$status" -eq 1 ] || return 1
		[ "$stderr" = "brm: error: $2" ] || { echo "$stderr" >&2; return 1; }
	}
	check_broken 'id: crm\nname: a\nname: b\n' \
	    "duplicate key 'name' (services/crm.yaml:3:1)"
	check_broken 'id: crm\nname: &a x\nowner: *a\n' \
	    "anchors and aliases are not allowed (services/crm.yaml:2:7)"
	check_broken 'id: crm\nname: !!int 3\n' \
	    "tag '!!int' is not allowed (services/crm.yaml:2:7)"
	check_broken '- id: crm\n' \
	    "top level is not a mapping (services/crm.yaml:1:1)"
	check_broken 'id: crm\nname: a\xffb\n' \
	    "invalid UTF-8 (services/crm.yaml:2:8)"
	check_broken '' "file is empty (services/crm.yaml)"
	git checkout -q services/crm.yaml
	[ -z "$(git status --porcelain)" ]
}

@test "running outside a portfolio: exit 1 with a hint to run brm init" {
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	for cmd in "add-customer Acme" "show acme" "list customers" "check" "log" "set acme status=former"; do
		run --separate-stderr brm $cmd
		[ "$status" -eq 1 ]
		[ -z "$output" ]
		[ "$stderr" = "brm: error: not a brm portfolio (or any of the parent directories): $BATS_TEST_TMPDIR/elsewhere
hint: run 'brm init' to create one, or use -C <dir> or BRM_DIR" ]
	done
	[ -z "$(ls -A)" ]
}

@test "a held .git/index.lock: exit 1, the lock named, nothing changed" {
	seed
	: >.git/index.lock
	before=$(snapshot)
	run --separate-stderr brm add-customer "Beta"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: '$P/.git/index.lock' exists: another git process seems to be running
hint: if no other git or brm process is running, remove the file: rm '$P/.git/index.lock'" ]
	[ ! -e customers/beta.yaml ]
	unchanged_since "$before"
	[ -e .git/index.lock ]
	rm .git/index.lock
	run brm add-customer "Beta"
	[ "$status" -eq 0 ]
	[ "$(commits)" -eq 5 ]
}

@test "a held .git/refs/heads/main.lock: exit 1, the lock named, nothing changed" {
	seed
	: >.git/refs/heads/main.lock
	before=$(snapshot)
	run --separate-stderr brm set acme status=former
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: '$P/.git/refs/heads/main.lock' exists: another git process seems to be running
hint: if no other git or brm process is running, remove the file: rm '$P/.git/refs/heads/main.lock'" ]
	[ "$(yget customers/acme-corp.yaml "d['status']")" = active ]
	unchanged_since "$before"
	rm .git/refs/heads/main.lock
	run brm set acme status=former
	[ "$status" -eq 0 ]
	[ "$(commits)" -eq 5 ]
	[ -z "$(git status --porcelain)" ]
}
