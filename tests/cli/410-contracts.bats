#!/usr/bin/env bats
# add-contract, and the rule that makes suppliers more than a phone book:
# a support contract must be stricter than every customer SLA of its
# service.  check reports each looser term and exits 1; add-contract and
# subscribe warn when the gap appears; brm due shows reviews and ends.
load helpers
bats_require_minimum_version 1.5.0

# A customer on crm (4 h response, 24 h resolution, 99.9 %), a supplier:
# 5 commits.
seed() {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm --response-hours 4 --resolution-hours 24 \
	    --availability 99.9 >/dev/null
	brm add-supplier "FastFix" --status approved >/dev/null
}

W="brm: warning: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer"

@test "add-contract appends the contract, supplies the service, commits once" {
	seed
	run --separate-stderr brm add-contract fast cr --response-hours 2 \
	    --resolution-hours 8 --availability 99.95 --start 2026-01-01 \
	    --end 2027-12-31 --review 2027-06-01
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	[ "$(cat suppliers/fastfix.yaml)" = "id: fastfix
name: FastFix
status: approved
supplies:
- crm
contracts:
- service: crm
  response_hours: 2
  resolution_hours: 8
  availability: 99.95
  start: 2026-01-01
  end: 2027-12-31
  review: 2027-06-01" ]
	committed 5 "add-contract: FastFix — crm" add-contract supplier fastfix \
	    suppliers/fastfix.yaml
	run --separate-stderr brm check
	[ "$status" -eq 0 ]
	[ "$output" = "checked 3 records: 0 errors, 0 warnings" ]
}

@test "add-contract needs the response and resolution hours" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-contract fastfix crm --response-hours 2
	[ "$status" -eq 2 ]
	[[ "${stderr_lines[0]}" == "brm: error: missing required option '--resolution-hours'" ]]
	[[ "${stderr_lines[1]}" == "usage: brm add-contract --response-hours <n> --resolution-hours <n> "* ]]
	run --separate-stderr brm add-contract fastfix crm
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"missing required option '--response-hours'"* ]]
	run --separate-stderr brm add-contract fastfix --response-hours 2 \
	    --resolution-hours 8
	[ "$status" -eq 2 ]
	unchanged_since "$before"
}

@test "a terminated supplier cannot get a new contract" {
	seed
	brm set fastfix status=terminated >/dev/null
	before=$(snapshot)
	run --separate-stderr brm add-contract fastfix crm --response-hours 2 \
	    --resolution-hours 8
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: supplier 'fastfix' is terminated and cannot get a new contract
hint: if it is back, change its status first: brm set fastfix status=approved" ]
	unchanged_since "$before"
}

@test "add-contract refuses a missing supplier or service and bad terms" {
	seed
	before=$(snapshot)
	run --separate-stderr brm add-contract nobody crm --response-hours 2 \
	    --resolution-hours 8
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier 'nobody'" ]
	run --separate-stderr brm add-contract fastfix storage \
	    --response-hours 2 --resolution-hours 8
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no service 'storage'" ]
	# a customer is not a supplier
	run --separate-stderr brm add-contract acme crm --response-hours 2 \
	    --resolution-hours 8
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no supplier 'acme'" ]
	run --separate-stderr brm add-contract fastfix crm --response-hours 2 \
	    --resolution-hours 8 --availability 101
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid --availability '101' (expected a number from 0 to 100)" ]
	run --separate-stderr brm add-contract fastfix crm --response-hours -1 \
	    --resolution-hours 8
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"invalid --response-hours '-1'"* ]]
	run --separate-stderr brm add-contract fastfix crm --response-hours 2 \
	    --resolution-hours 8 --end 2026-02-30
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"--end"* ]]
	run --separate-stderr brm add-contract fastfix crm --response-hours 2 \
	    --resolution-hours 8 --start 2027-01-01 --end 2026-12-31
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"contracts.0: end 2026-12-31 is before start 2027-01-01"* ]]
	run --separate-stderr brm add-contract fastfix crm --response-hours 2 \
	    --resolution-hours 8 --end 2026-12-31 --review 2027-01-15
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"contracts.0: review 2027-01-15 is after the end 2026-12-31"* ]]
	unchanged_since "$before"
}

@test "a looser contract is warned about, recorded, and reported by check" {
	seed
	run --separate-stderr brm add-contract fastfix crm --response-hours 8 \
	    --resolution-hours 12 --availability 99.5
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 8 is not below the customer's 4
$W 'acme-corp': availability 99.5 is not above the customer's 99.9" ]
	committed 5 "add-contract: FastFix — crm" add-contract supplier fastfix \
	    suppliers/fastfix.yaml
	before=$(snapshot)
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[ "$output" = "suppliers/fastfix.yaml:8:19: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'acme-corp': response_hours 8 is not below the customer's 4
suppliers/fastfix.yaml:10:17: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'acme-corp': availability 99.5 is not above the customer's 99.9
checked 3 records: 2 errors, 0 warnings" ]
	unchanged_since "$before"
	# fixing the terms by hand clears it
	brm set fastfix contracts.0.response_hours=3 \
	    contracts.0.availability=99.95 >/dev/null
	run brm check
	[ "$status" -eq 0 ]
}

@test "stricter means strictly: equal terms do not back an SLA" {
	seed
	run --separate-stderr brm add-contract fastfix crm --response-hours 4 \
	    --resolution-hours 24 --availability 99.9
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 4 is not below the customer's 4
$W 'acme-corp': resolution_hours 24 is not below the customer's 24
$W 'acme-corp': availability 99.9 is not above the customer's 99.9" ]
	run brm check
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "only the terms both sides state are compared" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm --availability 99.9 >/dev/null
	brm add-supplier "FastFix" >/dev/null
	# no availability in the contract, no hours in the SLA: nothing to say
	run --separate-stderr brm add-contract fastfix crm --response-hours 48 \
	    --resolution-hours 96
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "a customer SLA change via subscribe that makes a contract too loose" {
	seed
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    --availability 99.95 >/dev/null
	run brm check
	[ "$status" -eq 0 ]
	n=$(commits)
	# the customer now wants a 1 hour response and 99.99 %
	run --separate-stderr brm subscribe acme crm --response-hours 1 \
	    --availability 99.99
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 2 is not below the customer's 1
$W 'acme-corp': availability 99.95 is not above the customer's 99.99" ]
	committed "$n" "subscribe: Acme Corp — crm (terms changed)" subscribe \
	    customer acme-corp customers/acme-corp.yaml
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[ "$output" = "suppliers/fastfix.yaml:8:19: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'acme-corp': response_hours 2 is not below the customer's 1
suppliers/fastfix.yaml:10:17: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'acme-corp': availability 99.95 is not above the customer's 99.99
checked 3 records: 2 errors, 0 warnings" ]
	# a change that leaves the gap as it was does not warn again ...
	run --separate-stderr brm subscribe acme crm --resolution-hours 20
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# ... and relaxing the SLA again clears it
	run --separate-stderr brm subscribe acme crm --response-hours 4 \
	    --availability 99.9
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "a new customer whose SLA the contract cannot back is warned about" {
	seed
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    >/dev/null
	brm add-customer "Beta Bank" >/dev/null
	run --separate-stderr brm subscribe beta crm --resolution-hours 4
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'beta-bank': resolution_hours 8 is not below the customer's 4" ]
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "suppliers/fastfix.yaml:9:21: "*"customer 'beta-bank': resolution_hours 8 is not below the customer's 4" ]]
	[ "${#lines[@]}" -eq 2 ]
}

@test "a customer SLA change via set warns as subscribe does, and check reports it" {
	seed
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    >/dev/null
	n=$(commits)
	run --separate-stderr brm set acme services.0.sla.resolution_hours=6
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': resolution_hours 8 is not below the customer's 6" ]
	committed "$n" "set: acme-corp — services.0.sla.resolution_hours: 6" \
	    set customer acme-corp customers/acme-corp.yaml
	# a change that leaves the gap as it was does not warn again
	run --separate-stderr brm set acme services.0.sla.resolution_hours=5
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	run --separate-stderr brm set acme services.0.sla.resolution_hours=6
	[ -z "$stderr" ]
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[ "$output" = "suppliers/fastfix.yaml:9:21: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'acme-corp': resolution_hours 8 is not below the customer's 6
checked 3 records: 1 error, 0 warnings" ]
}

@test "a contract loosened via set warns, once per customer it no longer backs" {
	seed
	brm add-customer "Beta Bank" >/dev/null
	brm subscribe beta crm --response-hours 3 >/dev/null
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    --availability 99.95 >/dev/null
	n=$(commits)
	run --separate-stderr brm set fastfix contracts.0.response_hours=5 \
	    contracts.0.availability=99.95
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 5 is not below the customer's 4
$W 'beta-bank': response_hours 5 is not below the customer's 3" ]
	committed "$n" "set: fastfix — contracts.0.response_hours: 5, contracts.0.availability: 99.95" \
	    set supplier fastfix suppliers/fastfix.yaml
	# another term of the same contract: only the new gap is said
	run --separate-stderr brm set fastfix contracts.0.availability=99
	[ "$stderr" = "$W 'acme-corp': availability 99 is not above the customer's 99.9" ]
	# a change elsewhere in the record says nothing of the gaps it had
	run --separate-stderr brm set fastfix status=probation
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	run brm check
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "a gap check that could not read a record says so, naming the file" {
	seed
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    >/dev/null
	brm add-supplier "Slow Co" >/dev/null
	cp suppliers/slow-co.yaml "$BATS_TEST_TMPDIR/slow-co.yaml"
	printf 'id: slow-co\nname: [x\n' >suppliers/slow-co.yaml
	git commit -qam "hand edit"
	L="brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (suppliers/slow-co.yaml:3:1)
brm: warning: 1 record could not be read and was left out of the check for contracts looser than customer SLAs; run 'brm check' to see what to fix"
	n=$(commits)
	# the change is made, the gap it can see is warned about
	run --separate-stderr brm set acme services.0.sla.resolution_hours=6
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': resolution_hours 8 is not below the customer's 6
$L" ]
	committed "$n" "set: acme-corp — services.0.sla.resolution_hours: 6" \
	    set customer acme-corp customers/acme-corp.yaml
	# without a gap in sight the check is still said to be incomplete
	run --separate-stderr brm subscribe acme crm --resolution-hours 20
	[ "$status" -eq 0 ]
	[ "$stderr" = "$L" ]
	# a supplier's change is compared with the customers it could read
	brm add-customer "Beta Bank" >/dev/null
	brm subscribe beta crm --response-hours 3 >/dev/null 2>&1
	cp customers/beta-bank.yaml "$BATS_TEST_TMPDIR/beta-bank.yaml"
	printf 'id: beta-bank\nname: [x\n' >customers/beta-bank.yaml
	run --separate-stderr brm add-contract fastfix crm --response-hours 9 \
	    --resolution-hours 9
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 9 is not below the customer's 4
${L//suppliers\/slow-co/customers/beta-bank}" ]
	# records that read well are not warned about
	cp "$BATS_TEST_TMPDIR/slow-co.yaml" suppliers/
	cp "$BATS_TEST_TMPDIR/beta-bank.yaml" customers/
	run --separate-stderr brm set fastfix status=probation
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

# sed_editor EXPR: an editor that applies sed EXPR to the file it opens
sed_editor() {
	printf '#!/bin/sh\nsed -i "%s" "$1"\n' "$1" >"$BATS_TEST_TMPDIR/ed"
	chmod +x "$BATS_TEST_TMPDIR/ed"
	echo "$BATS_TEST_TMPDIR/ed"
}

@test "edit warns as set does when a contract or an SLA opens a gap" {
	seed
	brm add-customer "Beta Bank" >/dev/null
	brm subscribe beta crm --response-hours 3 >/dev/null
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    --availability 99.95 >/dev/null
	n=$(commits)
	EDITOR=$(sed_editor 's/response_hours: 2/response_hours: 5/') \
	    run --separate-stderr brm edit fastfix
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': response_hours 5 is not below the customer's 4
$W 'beta-bank': response_hours 5 is not below the customer's 3" ]
	committed "$n" "edit: FastFix" edit supplier fastfix \
	    suppliers/fastfix.yaml
	# a gap the record already had is not said again
	EDITOR=$(sed_editor 's/^status: approved/status: probation/') \
	    run --separate-stderr brm edit fastfix
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# a customer's SLA tightened by hand: only its new gap
	EDITOR=$(sed_editor 's/resolution_hours: 24/resolution_hours: 6/') \
	    run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[ "$stderr" = "$W 'acme-corp': resolution_hours 8 is not below the customer's 6" ]
	run brm check
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "every supplier and every customer of the service is compared" {
	seed
	brm add-customer "Beta Bank" >/dev/null
	brm subscribe beta crm --response-hours 1 >/dev/null
	brm add-service "Backup" >/dev/null
	brm subscribe beta backup --response-hours 1 >/dev/null
	brm add-supplier "Slow & Co" >/dev/null
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    2>/dev/null
	brm add-contract slow crm --response-hours 0.5 --resolution-hours 30 \
	    2>/dev/null
	# a contract for another service is not compared with crm's SLAs
	brm add-contract slow backup --response-hours 0.5 \
	    --resolution-hours 30 2>/dev/null
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[ "$output" = "suppliers/fastfix.yaml:8:19: contract of supplier 'fastfix' for service 'crm' is looser than the SLA of customer 'beta-bank': response_hours 2 is not below the customer's 1
suppliers/slow-co.yaml:10:21: contract of supplier 'slow-co' for service 'crm' is looser than the SLA of customer 'acme-corp': resolution_hours 30 is not below the customer's 24
checked 6 records: 2 errors, 0 warnings" ]
}

@test "terminated suppliers, ended contracts and former customers are not compared" {
	seed
	brm add-contract fastfix crm --response-hours 8 --resolution-hours 8 \
	    --end 2026-10-31 2>/dev/null
	run brm check
	[ "$status" -eq 0 ]
	brm set fastfix contracts.0.end= >/dev/null
	run brm check
	[ "$status" -eq 1 ]
	brm set fastfix status=terminated >/dev/null
	run brm check
	[ "$status" -eq 0 ]
	brm set fastfix status=approved >/dev/null
	brm set acme status=former >/dev/null
	run brm check
	[ "$status" -eq 0 ]
}

@test "list contracts: one row per contract with its supplier" {
	seed
	brm add-service "Backup" >/dev/null
	brm add-supplier "Slow & Co" --status probation >/dev/null
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    --availability 99.95 --end 2027-12-31 >/dev/null
	brm add-contract slow backup --response-hours 1 --resolution-hours 4 \
	    --review 2027-01-15 >/dev/null
	brm add-contract slow crm --response-hours 3 --resolution-hours 12 \
	    >/dev/null
	run --separate-stderr brm list contracts
	[ "$status" -eq 0 ]
	[ "$output" = "SUPPLIER  SERVICE  RESPONSE HOURS  RESOLUTION HOURS  AVAILABILITY  START  END         REVIEW
fastfix   crm      2               8                 99.95                2027-12-31
slow-co   backup   1               4                                                  2027-01-15
slow-co   crm      3               12" ]
	run --separate-stderr brm list contracts --supplier slow --format tsv
	[ "$output" = "SUPPLIER	SERVICE	RESPONSE HOURS	RESOLUTION HOURS	AVAILABILITY	START	END	REVIEW
slow-co	backup	1	4				2027-01-15
slow-co	crm	3	12				" ]
	run --separate-stderr brm list contracts --status approved --format json
	[ "$output" = '[
  {
    "supplier": "fastfix",
    "service": "crm",
    "response_hours": 2,
    "resolution_hours": 8,
    "availability": 99.95,
    "end": "2027-12-31"
  }
]' ]
	run --separate-stderr brm list contracts --since 2026-01-01
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"contracts have no date; --since and --until do not apply"* ]]
	run --separate-stderr brm __complete list contr
	[ "$output" = "contracts" ]
}

@test "contract reviews and ends show on brm due, also once passed" {
	seed
	brm add-contract fastfix crm --response-hours 2 --resolution-hours 8 \
	    --end 2026-12-31 --review 2026-11-01 >/dev/null
	brm add-supplier "Old Co" >/dev/null
	brm add-contract old crm --response-hours 2 --resolution-hours 8 \
	    --end 2026-11-15 >/dev/null
	brm add-contract old crm --response-hours 2 --resolution-hours 8 \
	    --review 2027-06-01 >/dev/null
	run --separate-stderr brm due --within 60
	[ "$status" -eq 0 ]
	[[ "$output" == *"2026-11-01"*"fastfix"*"review the contract of FastFix for crm"* ]]
	[[ "$output" == *"2026-11-15"*"old-co"*"contract of Old Co for crm ended"* ]]
	[[ "$output" == *"2026-12-31"*"fastfix"*"contract of FastFix for crm ends"* ]]
	[[ "$output" != *"2027-06-01"* ]]
	# a terminated supplier has nothing due
	brm set old status=terminated >/dev/null
	run --separate-stderr brm due --within 60
	[[ "$output" != *"old-co"* ]]
}
