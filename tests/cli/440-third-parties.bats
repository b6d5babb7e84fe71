#!/usr/bin/env bats
# add-third-party: the role and the information-sharing agreement (5W1H);
# third parties in list, show, completion and as meeting parties.
load helpers
bats_require_minimum_version 1.5.0

@test "add-third-party writes the role and the 5W1H agreement, commits once" {
	brm add-customer "Acme Corp" >/dev/null
	run --separate-stderr brm add-third-party "TÜV Nord" --role certification \
	    --customer acme \
	    --why "ISO/IEC 27001 surveillance audit" \
	    --what "Incident and change statistics" --where "Auditor portal" \
	    --when "Quarterly" --who "Security officer to the lead auditor" \
	    --how "Encrypted export, no customer names"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "tuev-nord" ]
	[ "$(cat third-parties/tuev-nord.yaml)" = "id: tuev-nord
name: TÜV Nord
role: certification
customers:
- acme-corp
sharing:
  why: ISO/IEC 27001 surveillance audit
  what: Incident and change statistics
  where: Auditor portal
  when: Quarterly
  who: Security officer to the lead auditor
  how: Encrypted export, no customer names" ]
	committed 2 "add-third-party: TÜV Nord" add-third-party third-party \
	    tuev-nord third-parties/tuev-nord.yaml
	run brm check
	[ "$status" -eq 0 ]
}

@test "every role is accepted" {
	local r
	for r in certification supervision audit consulting vendor; do
		run --separate-stderr brm add-third-party "Party $r" --role "$r"
		[ "$status" -eq 0 ]
		[ "$(yget "third-parties/party-$r.yaml" "d['role']")" = "$r" ]
	done
}

@test "an unknown role is refused and nothing changes" {
	before=$(snapshot)
	run --separate-stderr brm add-third-party "Nord Cert" --role auditor
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --role 'auditor' (expected one of certification|supervision|audit|consulting|vendor)" ]
	unchanged_since "$before"
	[ ! -d third-parties ]
}

@test "the role is required" {
	before=$(snapshot)
	run --separate-stderr brm add-third-party "Nord Cert" --why x
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: missing required option '--role'" ]
	[ "${stderr_lines[1]}" = "usage: brm add-third-party [--id <id>] --role certification|supervision|audit|consulting|vendor [--customer <id>]... [--why <text>] [--what <text>] [--where <text>] [--when <text>] [--who <text>] [--how <text>] <name>" ]
	unchanged_since "$before"
	# and a hand edit without it is caught
	brm add-third-party "Nord Cert" --role audit >/dev/null
	sed -i '/^role:/d' third-parties/nord-cert.yaml
	run brm check
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "third-parties/nord-cert.yaml:1:1: missing required field 'role'" ]]
}

@test "a customer that does not exist is refused" {
	before=$(snapshot)
	run --separate-stderr brm add-third-party "Nord Cert" --role audit \
	    --customer acme
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'acme'" ]
	run --separate-stderr brm add-third-party "Nord Cert" --role audit \
	    --why "$(printf 'a\001b')"
	[ "$status" -eq 1 ]
	unchanged_since "$before"
}

@test "the agreement's texts round-trip as typed" {
	run --separate-stderr brm add-third-party "Nord Cert" --role audit \
	    --what "yes" --when "2026-12-01" --who "- Olga: lead" \
	    --how "$(printf 'first line\nsecond line')"
	[ "$status" -eq 0 ]
	[ "$(yget third-parties/nord-cert.yaml "d['sharing']")" = \
	    "{'what': 'yes', 'when': '2026-12-01', 'who': '- Olga: lead', 'how': 'first line\\nsecond line'}" ]
}

@test "list third-parties, show, and the sharing agreement in JSON" {
	brm add-third-party "Nord Cert" --role certification --why "Audit" \
	    >/dev/null
	brm add-third-party "Other Vendor" --role vendor >/dev/null
	run --separate-stderr brm list third-parties
	[ "$status" -eq 0 ]
	[ "$output" = "ID            NAME          ROLE
nord-cert     Nord Cert     certification
other-vendor  Other Vendor  vendor" ]
	run --separate-stderr brm list third-party --format json
	[ "$(py -c 'import json,sys; print([(t["id"], t.get("sharing")) for t in json.load(sys.stdin)])' <<<"$output")" = \
	    "[('nord-cert', {'why': 'Audit'}), ('other-vendor', None)]" ]
	run --separate-stderr brm show other
	[ "$output" = "id: other-vendor
name: Other Vendor
role: vendor" ]
}

@test "completion offers the roles and the 5W1H options" {
	run --separate-stderr brm __complete add-third-party --role ""
	[ "$output" = "certification
supervision
audit
consulting
vendor" ]
	run --separate-stderr brm __complete add-third-party --wh
	[ "$output" = "--why
--what
--where
--when
--who" ]
}

@test "a meeting can be held with a third party" {
	brm add-third-party "Nord Cert" --role certification >/dev/null
	run --separate-stderr brm log-meeting nord --kind kickoff \
	    --summary "Audit plan"
	[ "$status" -eq 0 ]
	[ "$(yget "meetings/2026/11/$output.yaml" "d['with']")" = nord-cert ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "add-contact adds a person at a third party" {
	brm add-third-party "TÜV Nord" --role certification >/dev/null
	n=$(commits)
	run --separate-stderr brm add-contact tuev "Dr. Anna Weiß" \
	    --role "lead auditor" --email anna@tuev.example
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed "$n" "add-contact: TÜV Nord — Dr. Anna Weiß" add-contact \
	    third-party tuev-nord third-parties/tuev-nord.yaml
	[ "$(yget third-parties/tuev-nord.yaml "d['contacts']")" = "[{'name': 'Dr. Anna Weiß', 'role': 'lead auditor', 'email': 'anna@tuev.example'}]" ]
	run brm check
	[ "$status" -eq 0 ]
}
