#!/usr/bin/env bats
# Any record: show, list, set, edit, rm, check, log.
load helpers
bats_require_minimum_version 1.5.0

# Two customers, a service and a subscription: 6 commits in all.
seed() {
	brm add-customer "Acme Corp" --business "Online retail" \
	    --outcome "Checkout up" --review-cadence monthly >/dev/null
	brm add-contact acme "John Doe" --role sponsor \
	    --email john@acme.example >/dev/null
	brm add-service "CRM" --owner "Ivan Petrov" >/dev/null
	brm subscribe acme crm --vital --availability 99.9 >/dev/null
	brm add-customer "Beta Labs" --kind internal --status prospect >/dev/null
}

ACME='id: acme-corp
name: Acme Corp
kind: external
status: active
business: Online retail
outcomes:
- Checkout up
contacts:
- name: John Doe
  role: sponsor
  email: john@acme.example
services:
- service: crm
  vital: true
  sla:
    availability: 99.9
review:
  cadence: monthly'

# editor NAME SCRIPT: an editor script in the test's directory
editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$BATS_TEST_TMPDIR/$1"
	chmod +x "$BATS_TEST_TMPDIR/$1"
	echo "$BATS_TEST_TMPDIR/$1"
}

@test "show prints the record as YAML, exactly the file" {
	seed
	run --separate-stderr brm show acme
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "$ACME" ]
	[ "$output" = "$(cat customers/acme-corp.yaml)" ]
}

@test "show --format json keeps types: numbers, booleans, dates as strings" {
	seed
	brm set acme review.next_contract_review=2027-03-01 >/dev/null
	run --separate-stderr brm show acme --format json
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	echo "$output" | py -c '
import json, sys
d = json.load(sys.stdin)
assert d["id"] == "acme-corp", d
assert d["services"][0]["vital"] is True, d
assert d["services"][0]["sla"]["availability"] == 99.9, d
assert d["review"] == {"cadence": "monthly", "next_contract_review": "2027-03-01"}, d
assert list(d) == ["id", "name", "kind", "status", "business", "outcomes", "contacts", "services", "review"], list(d)
'
}

@test "show of a record that does not exist: exit 1" {
	seed
	run --separate-stderr brm show nobody
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: no record 'nobody'" ]
}

@test "list customers as a table" {
	seed
	run --separate-stderr brm list customers
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "ID         NAME       KIND      STATUS    CADENCE
acme-corp  Acme Corp  external  active    monthly
beta-labs  Beta Labs  internal  prospect" ]
}

@test "list customers as TSV, JSON and YAML" {
	seed
	run brm list customers --format tsv
	[ "$status" -eq 0 ]
	[ "$output" = $'ID\tNAME\tKIND\tSTATUS\tCADENCE\nacme-corp\tAcme Corp\texternal\tactive\tmonthly\nbeta-labs\tBeta Labs\tinternal\tprospect\t' ]
	run brm list customers --format json
	[ "$status" -eq 0 ]
	echo "$output" | py -c '
import json, sys
d = json.load(sys.stdin)
assert [r["id"] for r in d] == ["acme-corp", "beta-labs"], d
assert d[0]["contacts"][0]["email"] == "john@acme.example", d
assert d[1] == {"id": "beta-labs", "name": "Beta Labs", "kind": "internal", "status": "prospect"}, d
'
	run brm list customers --format yaml
	[ "$status" -eq 0 ]
	[ "$output" = "---
$ACME
---
id: beta-labs
name: Beta Labs
kind: internal
status: prospect" ]
	echo "$output" | py -c '
import sys, yaml
docs = list(yaml.safe_load_all(sys.stdin))
assert [d["id"] for d in docs] == ["acme-corp", "beta-labs"], docs
'
}

@test "list filters by --status" {
	seed
	run brm list customers --status prospect --format tsv
	[ "$status" -eq 0 ]
	[ "$output" = $'ID\tNAME\tKIND\tSTATUS\tCADENCE\nbeta-labs\tBeta Labs\tinternal\tprospect\t' ]
	run brm list customers --status active --format json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | py -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)])')" = "['acme-corp']" ]
	# nothing matches: an empty JSON array, an empty table
	run brm list customers --status former --format json
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
	run brm list customers --status former
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run brm list customers --kind internal --format tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = $'beta-labs\tBeta Labs\tinternal\tprospect\t' ]
}

@test "list refuses a filter value the field cannot have" {
	seed
	run --separate-stderr brm list customers --status gone
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: invalid --status 'gone' (expected one of prospect|active|former)" ]
	run --separate-stderr brm list services --status active
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: services have no status; --status does not apply" ]
}

@test "list shows every readable record, warns about each broken one, exit 1" {
	seed
	brm add-customer "Gamma" >/dev/null
	printf 'id: beta-labs\nname: Beta\nkind: [x\n' >customers/beta-labs.yaml
	printf 'id: acme-corp\nname: a\xffb\n' >customers/acme-corp.yaml
	before=$(snapshot)
	run --separate-stderr brm list customers --format tsv
	[ "$status" -eq 1 ]
	[ "$output" = $'ID\tNAME\tKIND\tSTATUS\tCADENCE\ngamma\tGamma\texternal\tactive\t' ]
	[ "$stderr" = "brm: warning: invalid UTF-8 (customers/acme-corp.yaml:2:8)
brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (customers/beta-labs.yaml:4:1)
brm: error: 2 records could not be read and were left out
hint: run 'brm check' to see what to fix" ]
	# a filter that leaves out every readable record still warns
	run --separate-stderr brm list customers --status prospect --format json
	[ "$status" -eq 1 ]
	[ "$output" = "[]" ]
	[ "${#stderr_lines[@]}" -eq 4 ]
	unchanged_since "$before"
}

@test "list services; an unknown kind or format is a usage error" {
	seed
	brm add-service "Mail" >/dev/null
	run brm list services --format tsv
	[ "$status" -eq 0 ]
	[ "$output" = $'ID\tNAME\tOWNER\ncrm\tCRM\tIvan Petrov\nmail\tMail\t' ]
	run --separate-stderr brm list servces
	[ "$status" -eq 2 ]
	[[ "${stderr_lines[0]}" == "brm: error: unknown kind 'servces' (expected one of customers, services"* ]]
	run --separate-stderr brm list customers --format csv
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: unknown format 'csv' (expected table, json, tsv or yaml)" ]
}

@test "set changes a top-level field and commits once" {
	seed
	run --separate-stderr brm set acme status=former
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed 6 "set: acme-corp — status: former" set customer acme-corp \
	    customers/acme-corp.yaml
	[ "$(cat customers/acme-corp.yaml)" = "${ACME/status: active/status: former}" ]
}

@test "set reaches nested fields: review.cadence, a list item's field" {
	seed
	run brm set acme review.cadence=quarterly contacts.0.email=jd@acme.example
	[ "$status" -eq 0 ]
	committed 6 "set: acme-corp — review.cadence: quarterly, contacts.0.email: jd@acme.example" \
	    set customer acme-corp customers/acme-corp.yaml
	[ "$(yget customers/acme-corp.yaml "d['review']")" = "{'cadence': 'quarterly'}" ]
	[ "$(yget customers/acme-corp.yaml "d['contacts']")" = \
	    "[{'name': 'John Doe', 'role': 'sponsor', 'email': 'jd@acme.example'}]" ]
	# fields that were not set come in schema order
	run brm set acme review.next_contract_review=2027-01-15 services.0.sla.response_hours=4
	[ "$status" -eq 0 ]
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Corp
kind: external
status: active
business: Online retail
outcomes:
- Checkout up
contacts:
- name: John Doe
  role: sponsor
  email: jd@acme.example
services:
- service: crm
  vital: true
  sla:
    availability: 99.9
    response_hours: 4
review:
  cadence: quarterly
  next_contract_review: 2027-01-15" ]
}

@test "set appends to a list with +=" {
	seed
	run brm set acme 'outcomes+=Orders ship in a day' 'future_services+=Data warehouse'
	[ "$status" -eq 0 ]
	committed 6 "set: acme-corp — outcomes += Orders ship in a day, future_services += Data warehouse" \
	    set customer acme-corp customers/acme-corp.yaml
	[ "$(yget customers/acme-corp.yaml "d['outcomes']")" = "['Checkout up', 'Orders ship in a day']" ]
	[ "$(yget customers/acme-corp.yaml "d['future_services']")" = "['Data warehouse']" ]
}

@test "set field= removes an optional field; an emptied list or map goes too" {
	seed
	run brm set acme business= services.0.sla.availability=
	[ "$status" -eq 0 ]
	committed 6 "set: acme-corp — business: (removed), services.0.sla.availability: (removed)" \
	    set customer acme-corp customers/acme-corp.yaml
	[ "$(yget customers/acme-corp.yaml "'business' in d, d['services']")" = \
	    "False [{'service': 'crm', 'vital': True}]" ]
	run brm set acme outcomes.0=
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-corp.yaml "'outcomes' in d")" = False ]
	[[ "$(cat customers/acme-corp.yaml)" != *"[]"* ]]
	run brm set acme contacts.0=
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-corp.yaml "'contacts' in d")" = False ]
}

@test "set with the value it already has commits nothing" {
	seed
	before=$(snapshot)
	run --separate-stderr brm set acme status=active
	[ "$status" -eq 0 ]
	[ "$output" = "nothing changed" ]
	unchanged_since "$before"
}

@test "set refuses unknown fields, the id, required fields and wrong shapes" {
	seed
	before=$(snapshot)
	run --separate-stderr brm set acme colour=blue
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: a customer has no field 'colour'
hint: fields: name, kind, status, business, outcomes, representative, contacts, services, revenue, future_services, review, change_windows, risks, notes" ]
	run --separate-stderr brm set acme id=other
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: 'id' cannot be changed" ]
	run --separate-stderr brm set acme name=
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: 'name' is required and cannot be removed" ]
	run --separate-stderr brm set acme outcomes=x
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: 'outcomes' is a list; append with outcomes+=<value> or set an item with outcomes.<n>=<value>" ]
	run --separate-stderr brm set acme review=monthly
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: 'review' is a mapping; set its fields, e.g. review.<field>=<value>" ]
	run --separate-stderr brm set acme contacts.3.email=a@b.example
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: "*"contacts.3.email"* ]]
	run --separate-stderr brm set acme status
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: expected FIELD=VALUE, got 'status'" ]
	# one bad assignment and nothing of the others is written
	run --separate-stderr brm set acme status=former review.cadence=daily
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: invalid review.cadence 'daily' (expected one of weekly|monthly|quarterly)" ]
	unchanged_since "$before"
}

@test "edit: a valid change from the editor is committed once" {
	seed
	EDITOR=$(editor ed 'sed -i "s/^status: active/status: former/" "$1"') \
	    run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed 6 "edit: Acme Corp" edit customer acme-corp \
	    customers/acme-corp.yaml
	[ "$(cat customers/acme-corp.yaml)" = "${ACME/status: active/status: former}" ]
}

@test "edit: the copy is a .yaml file in TMPDIR, else /tmp, removed afterwards" {
	seed
	mkdir "$BATS_TEST_TMPDIR/t"
	ed=$(editor ed 'echo "$1" >"$BATS_TEST_TMPDIR/opened"
sed -i "s/^status: active/status: former/" "$1"')
	TMPDIR="$BATS_TEST_TMPDIR/t" EDITOR=$ed run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[[ "$(cat "$BATS_TEST_TMPDIR/opened")" == "$BATS_TEST_TMPDIR/t/brm-edit-"??????".yaml" ]]
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/t")" ]
	[ "$(yget customers/acme-corp.yaml "d['status']")" = "former" ]
	# an empty TMPDIR is unset
	TMPDIR= EDITOR=$ed run --separate-stderr brm edit beta
	[ "$status" -eq 0 ]
	[[ "$(cat "$BATS_TEST_TMPDIR/opened")" == "/tmp/brm-edit-"??????".yaml" ]]
	[ ! -e "$(cat "$BATS_TEST_TMPDIR/opened")" ]
	# a TMPDIR that does not exist: a clear error, nothing changed
	before=$(snapshot)
	TMPDIR="$BATS_TEST_TMPDIR/nowhere" EDITOR=$ed run --separate-stderr brm edit acme
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: cannot create a temporary file in '$BATS_TEST_TMPDIR/nowhere': No such file or directory" ]
	unchanged_since "$before"
}

@test "edit: VISUAL wins over EDITOR, and the editor may carry arguments" {
	seed
	VISUAL="sed -i s/^kind:.*/kind:\ internal/" EDITOR=false \
	    run brm edit acme
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-corp.yaml "d['kind']")" = internal ]
	[ "$(commits)" -eq 7 ]
}

@test "edit: an invalid record reopens with the error on top until fixed" {
	seed
	# 1st call: break the status; 2nd call: keep what it was shown, fix it
	ed=$(editor ed '
d=$(dirname "$0"); n=$(cat "$d/calls" 2>/dev/null || echo 0)
n=$((n + 1)); echo $n >"$d/calls"
cp "$1" "$d/shown$n"
if [ $n = 1 ]; then sed -i "s/^status: active/status: gone/" "$1"
else sed -i "s/^status: gone/status: former/" "$1"; fi')
	EDITOR=$ed run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/calls")" = 2 ]
	[ "$stderr" = "brm: error: invalid status 'gone' (expected one of prospect|active|former) (customers/acme-corp.yaml:4:9)" ]
	# the second round shows the error above the record as the user left it
	[ "$(cat "$BATS_TEST_TMPDIR/shown2")" = "# brm: error: customers/acme-corp.yaml:4:9: invalid status 'gone' (expected one of prospect|active|former)
# brm: fix the record below, or empty the file to abort
${ACME/status: active/status: gone}" ]
	committed 6 "edit: Acme Corp" edit customer acme-corp \
	    customers/acme-corp.yaml
	[ "$(cat customers/acme-corp.yaml)" = "${ACME/status: active/status: former}" ]
}

@test "edit: broken YAML reopens with its position" {
	seed
	ed=$(editor ed '
d=$(dirname "$0"); n=$(cat "$d/calls" 2>/dev/null || echo 0)
n=$((n + 1)); echo $n >"$d/calls"
if [ $n = 1 ]; then printf "id: acme-corp\nname: [Acme\n" >"$1"
else printf "id: acme-corp\nname: Acme Co\n" >"$1"; fi')
	EDITOR=$ed run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[[ "$stderr" == "brm: error: "*" (customers/acme-corp.yaml:3:1)" ]]
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Co" ]
	[ "$(commits)" -eq 7 ]
}

@test "edit: saving an invalid record unchanged aborts and changes nothing" {
	seed
	before=$(snapshot)
	ed=$(editor ed 'sed -i "s/^status: active/status: gone/" "$1"')
	EDITOR=$ed run --separate-stderr brm edit acme
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: invalid status 'gone' (expected one of prospect|active|former) (customers/acme-corp.yaml:4:9)" ]
	[ "${stderr_lines[1]}" = "brm: error: aborted: the record is still invalid; nothing changed" ]
	unchanged_since "$before"
}

@test "edit: an unchanged file commits nothing" {
	seed
	before=$(snapshot)
	EDITOR=true run --separate-stderr brm edit acme
	[ "$status" -eq 0 ]
	[ "$output" = "no changes" ]
	[ -z "$stderr" ]
	unchanged_since "$before"
}

@test "edit: an emptied file aborts and changes nothing" {
	seed
	before=$(snapshot)
	EDITOR=$(editor ed ': >"$1"') run --separate-stderr brm edit acme
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: aborted: the file is empty; nothing changed" ]
	unchanged_since "$before"
}

@test "edit: a failing editor changes nothing" {
	seed
	before=$(snapshot)
	EDITOR=$(editor ed 'sed -i "s/active/former/" "$1"; exit 3') \
	    run --separate-stderr brm edit acme
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: the editor '"*"' failed; nothing changed" ]]
	unchanged_since "$before"
}

@test "rm removes a record in one commit" {
	seed
	brm add-service "Mail" >/dev/null
	run --separate-stderr brm rm mail
	[ "$status" -eq 0 ]
	[ "$output" = "removed mail" ]
	[ ! -e services/mail.yaml ]
	committed 7 "rm: service mail (Mail)" rm service mail services/mail.yaml
	[ -z "$(git ls-files services/mail.yaml)" ]
}

@test "rm refuses a record others refer to; --force removes it anyway" {
	seed
	before=$(snapshot)
	run --separate-stderr brm rm crm
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: service 'crm' is referred to by 1 record
hint: change them first, or use --force:
hint:   acme-corp (customer)" ]
	unchanged_since "$before"
	run brm rm -f crm
	[ "$status" -eq 0 ]
	committed 6 "rm: service crm (CRM)" rm service crm services/crm.yaml
	# the dangling reference is now what check reports
	run brm check
	[ "$status" -eq 1 ]
	[ "$output" = "customers/acme-corp.yaml:13:12: service 'crm' does not exist
checked 2 records: 1 error, 0 warnings" ]
}

@test "rm refuses while a record it cannot read might refer to it" {
	seed
	brm add-service "Mail" >/dev/null
	printf 'id: beta-labs\nname: Beta\nkind: [x\n' >customers/beta-labs.yaml
	before=$(snapshot)
	run --separate-stderr brm rm mail
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (customers/beta-labs.yaml:4:1)
brm: error: 1 record could not be read; it may refer to service 'mail', which was not removed
hint: fix it first (run 'brm check' to see what to fix), or use --force" ]
	unchanged_since "$before"
	printf 'id: acme-corp\nname: a\xffb\n' >customers/acme-corp.yaml
	before=$(snapshot)
	run --separate-stderr brm rm mail
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: warning: invalid UTF-8 (customers/acme-corp.yaml:2:8)
brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (customers/beta-labs.yaml:4:1)
brm: error: 2 records could not be read; they may refer to service 'mail', which was not removed
hint: fix them first (run 'brm check' to see what to fix), or use --force" ]
	unchanged_since "$before"
	# --force does not look for references, readable or not
	run --separate-stderr brm rm --force mail
	[ "$status" -eq 0 ]
	[ "$output" = "removed mail" ]
	[ ! -e services/mail.yaml ]
}

@test "rm --force removes a record whose own file does not parse; rm refuses" {
	seed
	printf 'id: beta-labs\nname: Beta\nkind: [x\n' >customers/beta-labs.yaml
	git commit -qam "hand edit"
	n=$(commits)
	before=$(snapshot)
	run --separate-stderr brm rm beta
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: did not find expected ',' or ']' (while parsing a flow sequence) (customers/beta-labs.yaml:4:1)
hint: fix it by hand, or use --force to remove it unread" ]
	unchanged_since "$before"
	run --separate-stderr brm rm --force beta
	[ "$status" -eq 0 ]
	[ "$output" = "removed beta-labs" ]
	[ "$stderr" = "brm: warning: did not find expected ',' or ']' (while parsing a flow sequence) (customers/beta-labs.yaml:4:1)
brm: warning: customer 'beta-labs' could not be read; removing it all the same" ]
	[ ! -e customers/beta-labs.yaml ]
	committed "$n" "rm: customer beta-labs" rm customer beta-labs \
	    customers/beta-labs.yaml
	[ -z "$(git ls-files customers/beta-labs.yaml)" ]
	# nothing else changed: the other records are as they were
	[ "$(git diff --name-only HEAD~1 HEAD)" = customers/beta-labs.yaml ]
	[ "$(cat customers/acme-corp.yaml)" = "$ACME" ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "check on a clean portfolio" {
	seed
	run --separate-stderr brm check
	[ "$status" -eq 0 ]
	[ "$output" = "checked 3 records: 0 errors, 0 warnings" ]
	[ -z "$stderr" ]
	run --separate-stderr brm check -q
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "check reports hand-broken files as path:line:col, sorted, exit 1" {
	seed
	printf 'id: beta-labs\nname: Beta\nkind: [x\n' >customers/beta-labs.yaml
	cat >customers/acme-corp.yaml <<-'EOF'
	id: acme-corp
	name: Acme Corp
	status: gone
	contacts:
	- name: John Doe
	  email: not-an-address
	review:
	  next_contract_review: 2026-02-30
	services:
	- service: nope
	  sla: {availability: 120}
	EOF
	printf 'id: crm\nname: CRM\nname: again\n' >services/crm.yaml
	printf 'name: Gamma\n' >customers/gamma.yaml
	before=$(snapshot)
	run --separate-stderr brm check
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
	[ "$output" = "customers/acme-corp.yaml:3:9: invalid status 'gone' (expected one of prospect|active|former)
customers/acme-corp.yaml:6:10: invalid contacts.0.email 'not-an-address' (expected an address such as name@example.com)
customers/acme-corp.yaml:8:25: invalid review.next_contract_review '2026-02-30': no such date
customers/acme-corp.yaml:11:23: invalid services.0.sla.availability '120' (expected a number from 0 to 100)
customers/beta-labs.yaml:4:1: did not find expected ',' or ']' (while parsing a flow sequence)
customers/gamma.yaml:1:1: missing required field 'id'
services/crm.yaml:3:1: duplicate key 'name'
checked 4 records: 7 errors, 0 warnings" ]
	unchanged_since "$before"
}

@test "check reports a record whose id is not its file name" {
	seed
	sed -i 's/^id: beta-labs/id: beta/' customers/beta-labs.yaml
	run brm check
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "customers/beta-labs.yaml:1:5: id 'beta' does not match the file name (expected 'beta-labs')" ]
	[ "${lines[1]}" = "checked 3 records: 1 error, 0 warnings" ]
}

@test "log ID shows each commit with the fields it changed" {
	seed
	brm set acme status=former >/dev/null
	run --separate-stderr brm log acme
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "${lines[0]}" =~ ^[0-9a-f]{7}\ 2026-11-22\ 10:00\ Olga\ Test\ \ set:\ acme-corp\ —\ status:\ former$ ]]
	[ "${lines[1]}" = "    status: active → former" ]
	[[ "${lines[2]}" == *"  subscribe: Acme Corp — crm" ]]
	[ "${lines[3]}" = '    services: + [{"service":"crm","vital":true,"sla":{"availability":99.9}}]' ]
	[[ "${lines[4]}" == *"  add-contact: Acme Corp — John Doe" ]]
	[[ "${lines[6]}" == *"  add-customer: Acme Corp" ]]
	[ "${lines[7]}" = "    created" ]
	[ "${#lines[@]}" -eq 8 ]
	run brm log acme -n 1
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = "    status: active → former" ]
}

@test "log of a removed record still shows its history" {
	seed
	brm add-service "Mail" >/dev/null
	brm set mail owner=Ann >/dev/null
	brm rm mail >/dev/null
	run --separate-stderr brm log mail
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"  rm: service mail (Mail)" ]]
	[ "${lines[1]}" = "    removed" ]
	[[ "${lines[2]}" == *"  set: mail — owner: Ann" ]]
	[ "${lines[3]}" = "    owner: + Ann" ]
	[[ "${lines[4]}" == *"  add-service: Mail" ]]
	[ "${lines[5]}" = "    created" ]
	[ "${#lines[@]}" -eq 6 ]
	run --separate-stderr brm log never-was
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no record 'never-was', now or in the history" ]
}

@test "log without an id lists every commit, newest first" {
	seed
	run brm log
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 6 ]
	[[ "${lines[0]}" == *"  add-customer: Beta Labs" ]]
	[[ "${lines[5]}" == *"  init: create portfolio" ]]
	run --separate-stderr brm log -n 0
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: -n needs a positive number, not '0'" ]
}
