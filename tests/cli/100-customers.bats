#!/usr/bin/env bats
# add-customer, add-contact, add-service, subscribe, add-requirement: each
# writes its record and makes exactly one commit.
load helpers
bats_require_minimum_version 1.5.0

@test "add-customer writes the record with defaults and commits once" {
	run --separate-stderr brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	[ "$output" = "acme-corp" ]
	[ -z "$stderr" ]
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Corp
kind: external
status: active" ]
	committed 1 "add-customer: Acme Corp" add-customer customer acme-corp \
	    customers/acme-corp.yaml
	[ "$(git log -1 --format='%an <%ae>|%cn <%ce>|%ad' --date=iso-strict)" = \
	    "Olga Test <olga@example.com>|Olga Test <olga@example.com>|2026-11-22T10:00:00+01:00" ]
}

@test "add-customer takes every option" {
	run brm add-customer "Acme Corp" --id acme --kind internal \
	    --status prospect --business "Online retail in three countries" \
	    --outcome "Checkout available 99.9% of the time" \
	    --outcome "Orders shipped in a day" \
	    --representative "Jane Roe <jane@acme.example>" \
	    --review-cadence quarterly --next-review 2027-03-01
	[ "$status" -eq 0 ]
	[ "$output" = "acme" ]
	[ "$(cat customers/acme.yaml)" = "id: acme
name: Acme Corp
kind: internal
status: prospect
business: Online retail in three countries
outcomes:
- Checkout available 99.9% of the time
- Orders shipped in a day
representative: Jane Roe <jane@acme.example>
review:
  cadence: quarterly
  next_contract_review: 2027-03-01" ]
	committed 1 "add-customer: Acme Corp" add-customer customer acme \
	    customers/acme.yaml
	[ "$(yget customers/acme.yaml "d['review']['next_contract_review']")" = 2027-03-01 ]
}

@test "add-customer accepts --opt=value and options after the name" {
	run brm add-customer "Acme Corp" --kind=internal --review-cadence=weekly
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-corp.yaml "d['kind'], d['review']['cadence']")" = "internal weekly" ]
}

@test "add-customer --next-review takes today and yesterday" {
	brm add-customer "Acme Corp" --next-review today >/dev/null
	brm add-customer "Beta" --next-review yesterday >/dev/null
	[ "$(tail -1 customers/acme-corp.yaml)" = "  next_contract_review: 2026-11-22" ]
	[ "$(tail -1 customers/beta.yaml)" = "  next_contract_review: 2026-11-21" ]
}

@test "the id is derived from the name: lowercase ASCII, words joined by -" {
	check_id() {
		run brm add-customer "$1"
		[ "$status" -eq 0 ] || { echo "$1: $output" >&2; return 1; }
		[ "$output" = "$2" ] || { echo "$1 -> $output, not $2" >&2; return 1; }
		[ -f "customers/$2.yaml" ]
	}
	check_id "Müller & Söhne GmbH" mueller-soehne-gmbh
	check_id "  ACME   Corp.  " acme-corp
	check_id "Café Noir S.A." cafe-noir-s-a
	check_id "Škoda Auto a.s." skoda-auto-a-s
	check_id "Łódź Łączność" lodz-lacznosc
	check_id "Ørsted/Æbeltoft" orsted-aebeltoft
	check_id "Straße 42 — Nord" strasse-42-nord
	check_id "Şişecam" sisecam
	[ "$(commits)" -eq 9 ]
	# the name itself is kept as typed
	[ "$(yget customers/acme-corp.yaml "d['name']")" = "  ACME   Corp.  " ]
}

@test "a long name gives an id of at most 64 characters" {
	run brm add-customer "$(printf 'word %.0s' {1..30})"
	[ "$status" -eq 0 ]
	[ "${#output}" -le 64 ]
	[[ "$output" == word-word-* ]]
	[[ "$output" != *- ]]
}

@test "a name without Latin letters needs --id" {
	before=$(snapshot)
	run --separate-stderr brm add-customer "東京株式会社"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: cannot derive an id from '東京株式会社'
hint: give one with --id" ]
	unchanged_since "$before"
	run brm add-customer "東京株式会社" --id tokyo
	[ "$status" -eq 0 ]
	[ "$output" = tokyo ]
	[ "$(yget customers/tokyo.yaml "d['name']")" = "東京株式会社" ]
	committed 1 "add-customer: 東京株式会社" add-customer customer tokyo \
	    customers/tokyo.yaml
}

@test "--id with the same name gives a second record" {
	brm add-customer "Acme Corp" >/dev/null
	run brm add-customer "Acme Corp" --id acme-corp-2
	[ "$status" -eq 0 ]
	[ "$output" = acme-corp-2 ]
	committed 2 "add-customer: Acme Corp" add-customer customer \
	    acme-corp-2 customers/acme-corp-2.yaml
}

@test "add-contact appends a contact with every option" {
	brm add-customer "Acme Corp" >/dev/null
	run --separate-stderr brm add-contact acme "John Doe" --role sponsor \
	    --email john@acme.example --phone "+49 30 1234567"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed 2 "add-contact: Acme Corp — John Doe" add-contact customer \
	    acme-corp customers/acme-corp.yaml
	run brm add-contact acme-corp "Mary Major" --role rfc-approver
	[ "$status" -eq 0 ]
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Corp
kind: external
status: active
contacts:
- name: John Doe
  role: sponsor
  email: john@acme.example
  phone: +49 30 1234567
- name: Mary Major
  role: rfc-approver" ]
	[ "$(yget customers/acme-corp.yaml "d['contacts'][0]['phone']")" = "+49 30 1234567" ]
}

@test "add-contact refuses a second contact with the same name" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-contact acme "John Doe" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm add-contact acme "John Doe" --role user
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: customer 'acme-corp' already has a contact 'John Doe'
hint: change it with 'brm set' or 'brm edit'" ]
	unchanged_since "$before"
}

@test "add-service writes the catalogue entry with every option" {
	run --separate-stderr brm add-service "Managed CRM" \
	    --description "CRM hosting and support" --owner "Ivan Petrov"
	[ "$status" -eq 0 ]
	[ "$output" = managed-crm ]
	[ "$(cat services/managed-crm.yaml)" = "id: managed-crm
name: Managed CRM
description: CRM hosting and support
owner: Ivan Petrov" ]
	committed 1 "add-service: Managed CRM" add-service service managed-crm \
	    services/managed-crm.yaml
	run brm add-service "Managed CRM" --id crm
	[ "$status" -eq 0 ]
	[ "$output" = crm ]
	committed 2 "add-service: Managed CRM" add-service service crm \
	    services/crm.yaml
}

@test "subscribe records the service with its SLA" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	run --separate-stderr brm subscribe acme crm --vital --availability 99.9 \
	    --response-hours 4 --resolution-hours 24
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed 3 "subscribe: Acme Corp — crm" subscribe customer acme-corp \
	    customers/acme-corp.yaml
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Corp
kind: external
status: active
services:
- service: crm
  vital: true
  sla:
    availability: 99.9
    response_hours: 4
    resolution_hours: 24" ]
	[ "$(yget customers/acme-corp.yaml "d['services'][0]['sla']['availability'], d['services'][0]['vital']")" = "99.9 True" ]
}

@test "subscribe with only the ids adds a bare subscription" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	run brm subscribe acme crm
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-corp.yaml "d['services']")" = "[{'service': 'crm'}]" ]
	committed 3 "subscribe: Acme Corp — crm" subscribe customer acme-corp \
	    customers/acme-corp.yaml
}

@test "subscribing again updates the terms given and keeps the others" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm --vital --availability 99.9 --response-hours 4 \
	    >/dev/null
	run brm subscribe acme crm --availability 99.5 --resolution-hours 48
	[ "$status" -eq 0 ]
	committed 4 "subscribe: Acme Corp — crm (terms changed)" subscribe \
	    customer acme-corp customers/acme-corp.yaml
	[ "$(yget customers/acme-corp.yaml "d['services']")" = \
	    "[{'service': 'crm', 'vital': True, 'sla': {'availability': 99.5, 'response_hours': 4, 'resolution_hours': 48}}]" ]
}

@test "subscribing again without terms is refused" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm >/dev/null
	before=$(snapshot)
	run --separate-stderr brm subscribe acme crm
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: customer 'acme-corp' already subscribes to 'crm'
hint: give the terms to change, e.g. --availability 99.9" ]
	unchanged_since "$before"
}

@test "subscribing again with the same terms commits nothing" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm --availability 99.9 >/dev/null
	before=$(snapshot)
	run --separate-stderr brm subscribe acme crm --availability 99.9
	[ "$status" -eq 0 ]
	[ "$output" = "nothing changed" ]
	unchanged_since "$before"
}

@test "add-requirement adds a Kano-classified requirement to a subscription" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm subscribe acme crm --vital >/dev/null
	run --separate-stderr brm add-requirement acme crm "Single sign-on" --kano basic
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	committed 4 "add-requirement: Acme Corp — crm: Single sign-on" \
	    add-requirement customer acme-corp customers/acme-corp.yaml
	run brm add-requirement acme crm "Dark mode" --kano excitement
	[ "$status" -eq 0 ]
	[ "$(cat customers/acme-corp.yaml)" = "id: acme-corp
name: Acme Corp
kind: external
status: active
services:
- service: crm
  vital: true
  requirements:
  - text: Single sign-on
    kano: basic
  - text: Dark mode
    kano: excitement" ]
}

@test "add-requirement needs the customer to consume the service" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	before=$(snapshot)
	run --separate-stderr brm add-requirement acme crm "Single sign-on"
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == "brm: error: customer 'acme-corp' does not subscribe to 'crm'"* ]]
	unchanged_since "$before"
}

@test "commands accept unique id prefixes and store the full ids" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "Managed CRM" >/dev/null
	run brm subscribe ac man
	[ "$status" -eq 0 ]
	[ "$(sed -n 5,6p customers/acme-corp.yaml)" = "services:
- service: managed-crm" ]
}

@test "every writing command leaves the user's work tree alone" {
	echo "draft" >notes.txt
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	brm add-contact acme "John Doe" >/dev/null
	brm subscribe acme crm >/dev/null
	brm add-requirement acme crm "SSO" >/dev/null
	[ "$(commits)" -eq 6 ]
	[ "$(git status --porcelain --untracked-files=all)" = "?? notes.txt" ]
	[ -z "$(git log --format= --name-only | grep notes)" ]
	git fsck --strict 2>&1
}
