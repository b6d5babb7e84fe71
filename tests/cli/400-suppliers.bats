#!/usr/bin/env bats
# add-supplier: the record, its selection assessment, what it supplies;
# suppliers in list, show, set, edit, completion and as meeting parties.
load helpers
bats_require_minimum_version 1.5.0

seed() {
	brm add-service "CRM" >/dev/null
	brm add-service "Managed Backup" >/dev/null
}

@test "add-supplier writes the record with its defaults and commits once" {
	seed
	run --separate-stderr brm add-supplier "FastFix GmbH"
	[ "$status" -eq 0 ]
	[ "$output" = "fastfix-gmbh" ]
	[ -z "$stderr" ]
	[ "$(cat suppliers/fastfix-gmbh.yaml)" = "id: fastfix-gmbh
name: FastFix GmbH
status: candidate" ]
	committed 3 "add-supplier: FastFix GmbH" add-supplier supplier \
	    fastfix-gmbh suppliers/fastfix-gmbh.yaml
}

@test "add-supplier takes the services and every assessment criterion" {
	seed
	run --separate-stderr brm add-supplier "FastFix GmbH" --id fastfix \
	    --status approved --supplies crm --supplies man \
	    --registered-capital 2500000 --staff-size 120 \
	    --staff-qualifications "Half of them senior engineers" \
	    --customer-base "40 customers, three banks" \
	    --service-certification "ISO/IEC 20000-1" \
	    --security-certification "ISO/IEC 27001" \
	    --security-certification "SOC 2 Type II" \
	    --process-maturity defined \
	    --engineer-certification "12 x ITIL 4 Foundation" \
	    --surge-capacity --relationship complementary \
	    --reputation "Reliable, a little slow to escalate"
	[ "$status" -eq 0 ]
	[ "$output" = "fastfix" ]
	[ "$(cat suppliers/fastfix.yaml)" = "id: fastfix
name: FastFix GmbH
status: approved
supplies:
- crm
- managed-backup
assessment:
  registered_capital: 2500000
  staff_size: 120
  staff_qualifications: Half of them senior engineers
  customer_base: 40 customers, three banks
  service_certifications:
  - ISO/IEC 20000-1
  security_certifications:
  - ISO/IEC 27001
  - SOC 2 Type II
  process_maturity: defined
  engineer_certifications:
  - 12 x ITIL 4 Foundation
  surge_capacity: true
  relationship: complementary
  reputation: Reliable, a little slow to escalate" ]
	committed 3 "add-supplier: FastFix GmbH" add-supplier supplier fastfix \
	    suppliers/fastfix.yaml
	# a third party reads the same
	[ "$(yget suppliers/fastfix.yaml "d['assessment']['surge_capacity'], d['assessment']['staff_size']")" = "True 120" ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "add-supplier refuses a service that does not exist, and changes nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-supplier "FastFix" --supplies storage
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'storage'" ]
	unchanged_since "$before"
	[ ! -e suppliers/fastfix.yaml ]
}

@test "add-supplier refuses values outside the assessment's choices" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-supplier "FastFix" --status preferred
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --status 'preferred' (expected one of candidate|approved|probation|terminated)" ]
	run --separate-stderr brm add-supplier "FastFix" --process-maturity great
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"invalid --process-maturity 'great' (expected one of initial|managed|defined|quantitative|optimizing)"* ]]
	run --separate-stderr brm add-supplier "FastFix" --staff-size 12.5
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"invalid --staff-size '12.5' (expected a whole number from 0 to 10000000)"* ]]
	run --separate-stderr brm add-supplier "FastFix" --registered-capital -5
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"invalid --registered-capital '-5'"* ]]
	run --separate-stderr brm add-supplier "FastFix" --relationship rival
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"expected one of competitive|complementary"* ]]
	run --separate-stderr brm add-supplier "FastFix" --surge-capacity=yes
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"option '--surge-capacity=yes' takes no value"* ]]
	unchanged_since "$before"
}

@test "a second supplier with the same id is refused" {
	brm add-supplier "FastFix" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm add-supplier "FastFix"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"supplier 'fastfix' already exists"* ]]
	[[ "$stderr" == *"hint: choose another id with --id"* ]]
	unchanged_since "$before"
}

@test "the assessment can be completed with set and edit" {
	brm add-supplier "FastFix" >/dev/null
	run --separate-stderr brm set fastfix assessment.staff_size=80 \
	    assessment.surge_capacity=no \
	    "assessment.security_certifications+=ISO/IEC 27001"
	[ "$status" -eq 0 ]
	[ "$(yget suppliers/fastfix.yaml "d['assessment']")" = \
	    "{'staff_size': 80, 'security_certifications': ['ISO/IEC 27001'], 'surge_capacity': False}" ]
	before=$(snapshot)
	run --separate-stderr brm set fastfix assessment.process_maturity=great
	[ "$status" -eq 1 ]
	unchanged_since "$before"
	printf '#!/bin/sh\nprintf "  reputation: Known for night shifts\\n" >>"$1"\n' \
	    >"$BATS_TEST_TMPDIR/ed"
	chmod +x "$BATS_TEST_TMPDIR/ed"
	EDITOR=$BATS_TEST_TMPDIR/ed run --separate-stderr brm edit fastfix
	[ "$status" -eq 0 ]
	[ "$(yget suppliers/fastfix.yaml "d['assessment']['reputation']")" = \
	    "Known for night shifts" ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "list suppliers: table, filter by status, json" {
	brm add-supplier "FastFix" --status approved >/dev/null
	brm add-supplier "Slow & Co" --status probation >/dev/null
	run --separate-stderr brm list suppliers
	[ "$status" -eq 0 ]
	[ "$output" = "ID       NAME       STATUS
fastfix  FastFix    approved
slow-co  Slow & Co  probation" ]
	run --separate-stderr brm list suppliers --status probation --format tsv
	[ "$output" = "ID	NAME	STATUS
slow-co	Slow & Co	probation" ]
	run --separate-stderr brm list supplier --format json
	[ "$(py -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin)])' <<<"$output")" = "['fastfix', 'slow-co']" ]
}

@test "show of a supplier without audits says so, as a YAML comment" {
	brm add-supplier "FastFix" >/dev/null
	run --separate-stderr brm show fastf
	[ "$status" -eq 0 ]
	[ "$output" = "id: fastfix
name: FastFix
status: candidate
# audits: none" ]
	run --separate-stderr brm show fastfix --format json
	[ "$(py -c 'import json,sys; print(json.load(sys.stdin)["audit_summary"])' <<<"$output")" = "{'audits': 0}" ]
}

@test "-h and completion come from the supplier schema" {
	run --separate-stderr brm add-supplier -h
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: brm add-supplier [--id <id>] [--status candidate|approved|probation|terminated] [--supplies <id>]..."*" <name>" ]]
	[[ "$output" == *"--surge-capacity"*"can absorb a load 50% above today's"* ]]
	run --separate-stderr brm __complete add-supplier --s
	[[ " ${lines[*]} " == *" --status "* ]]
	[[ " ${lines[*]} " == *" --supplies "* ]]
	[[ " ${lines[*]} " == *" --staff-size "* ]]
	[[ " ${lines[*]} " == *" --surge-capacity "* ]]
	run --separate-stderr brm __complete add-supplier --process-maturity ""
	[ "$output" = "initial
managed
defined
quantitative
optimizing" ]
	seed
	run --separate-stderr brm __complete add-supplier --supplies ""
	[ "$output" = "crm
managed-backup" ]
}

@test "a meeting can be held with a supplier" {
	brm add-supplier "FastFix" >/dev/null
	run --separate-stderr brm log-meeting fastf --kind service-review \
	    --summary "Quarterly contract review"
	[ "$status" -eq 0 ]
	[[ "$output" == mtg-20261122-* ]]
	[ "$(yget "meetings/2026/11/$output.yaml" "d['with']")" = fastfix ]
	run brm list meetings --format tsv
	[[ "$output" == *"fastfix"*"service-review"* ]]
	run brm check
	[ "$status" -eq 0 ]
}

@test "add-contact adds a person at a supplier, with any role" {
	brm add-supplier "FastFix" >/dev/null
	n=$(commits)
	run --separate-stderr brm add-contact fastf "Max Mustermann" \
	    --role "account manager" --email max@fastfix.example \
	    --phone "+49 40 555"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed "$n" "add-contact: FastFix — Max Mustermann" add-contact \
	    supplier fastfix suppliers/fastfix.yaml
	[ "$(cat suppliers/fastfix.yaml)" = "id: fastfix
name: FastFix
status: candidate
contacts:
- name: Max Mustermann
  role: account manager
  email: max@fastfix.example
  phone: +49 40 555" ]
	run brm check
	[ "$status" -eq 0 ]
	# the same rules as a customer's contacts: one name once, a valid address
	before=$(snapshot)
	run --separate-stderr brm add-contact fastfix "Max Mustermann"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: supplier 'fastfix' already has a contact 'Max Mustermann'
hint: change it with 'brm set' or 'brm edit'" ]
	run --separate-stderr brm add-contact fastfix "Eva" --email nope
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --email 'nope' (expected an address such as name@example.com)" ]
	unchanged_since "$before"
	# a customer's roles stay the relationship's
	brm add-customer "Acme Corp" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm add-contact acme "Eva" --role "account manager"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --role 'account manager' (expected one of sponsor|representative|stakeholder|rfc-approver|user)" ]
	unchanged_since "$before"
}

@test "add-contact completes customers, suppliers and third parties" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-supplier "FastFix" >/dev/null
	brm add-third-party "TÜV Nord" --role audit >/dev/null
	brm add-service "CRM" >/dev/null
	run --separate-stderr brm __complete add-contact ""
	[ "$output" = "acme-corp
fastfix
tuev-nord" ]
}
