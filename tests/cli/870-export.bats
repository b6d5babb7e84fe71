#!/usr/bin/env bats
# brm export: the records of a kind as CSV or JSON, filtered as brm list
# filters them; export -> import -> export gives the same bytes.

load helpers

KINDS="services customers contacts suppliers contracts third-parties
meetings complaints praise surveys value-adds events audits disputes"
T='Pipe | Co *bold* <script>'

# A portfolio with a record of every kind, in tricky text.
fill() {
	brm add-service CRM --id crm --description "Ünïcode, \"quoted\"
and a second line" >/dev/null
	brm add-customer "$T" --id pipe --outcome "a, b" --outcome "Ж 中文" \
	    --review-cadence monthly --next-review 2027-03-01 >/dev/null
	brm add-contact pipe "Jöhn, \"Q\"" --role sponsor --email j@x.example
	brm add-contact pipe "$T" --phone "+49 1"
	brm subscribe pipe crm --vital --availability 99.9 --response-hours 4 \
	    --resolution-hours 24
	brm add-requirement pipe crm "SSO, please" --kano basic
	brm add-supplier "Nordic DC" --id nordic --supplies crm >/dev/null
	brm add-contract nordic crm --response-hours 2 --resolution-hours 8 \
	    --availability 99.95 --start 2026-01-01
	brm add-third-party "Cert Body" --role certification \
	    --why "ISO, 27001" >/dev/null
	brm log-meeting pipe --kind periodic-review --summary "$T" \
	    --attendee "A, B" --attendee "Ç" --action "Send plan" >/dev/null
	c=$(brm record-complaint pipe --service crm --severity high \
	    --summary 'Slow, "very"' --description 'line1
line2')
	brm ack-complaint "$c"
	brm resolve-complaint "$c" --resolution fixed
	brm record-praise pipe --text "Great <b>" --about "Team A" \
	    --publicized newsletter >/dev/null
	brm record-survey pipe --score 4 --comment "ok, fine" >/dev/null
	brm record-value-add pipe --title Extra --effort-hours 3 \
	    --no-service-impact --fits-need --cost-acceptable \
	    --extendable >/dev/null
	brm record-event pipe --service crm --kind sla-breach --summary Down \
	    --metric availability --target 99.9 --actual 98.5 >/dev/null
	brm audit-supplier nordic --responsiveness 4 --problem-solving 3 \
	    --efficiency 4 --stability 5 --feedback 4 --cooperation 5 \
	    --finding "f1, x" >/dev/null
	brm open-dispute --party nordic --subject Billing \
	    --customer pipe >/dev/null
}

# roundtrip FORMAT: export every kind, import into a fresh portfolio,
# export again: the same bytes, and brm show the same for every record
roundtrip() {
	local f=$1 k id out="$BATS_TEST_TMPDIR/$1" q="$BATS_TEST_TMPDIR/q-$1"
	mkdir -p "$out"
	for k in $KINDS; do
		brm export "$k" --format "$f" -o "$out/$k.$f"
	done
	brm init "$q" >/dev/null
	for k in $KINDS; do
		# a JSON record carries its contacts and contracts itself
		if [ "$f" = json ] && { [ $k = contacts ] || [ $k = contracts ]; }; then
			continue
		fi
		brm -C "$q" import "$k" "$out/$k.$f" >/dev/null
	done
	for k in $KINDS; do
		brm -C "$q" export "$k" --format "$f" | cmp - "$out/$k.$f"
	done
	for id in $(git ls-files '*.yaml' | grep -v '^\.brm/' | sed 's|.*/||; s|\.yaml$||'); do
		diff <(brm show "$id") <(brm -C "$q" show "$id")
	done
	[ -z "$(git -C "$q" status --porcelain)" ]
	brm -C "$q" check
}

@test "CSV: schema columns, every value quoted, absent fields empty, CRLF" {
	brm add-customer "Acme, Corp" --review-cadence monthly >/dev/null
	brm add-customer Globex --kind internal --outcome one --outcome two >/dev/null
	run brm export customers
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\r\n' \
	    '"id","name","kind","status","business","outcomes","representative","services","revenue","future_services","review.cadence","review.next_contract_review","change_windows","risks","notes"' \
	    '"acme-corp","Acme, Corp","external","active",,,,,,,"monthly",,,,' \
	    '"globex","Globex","internal","active",,"one
two",,,,,,,,,')" ]
}

@test "contacts and contracts are rows of their own, with their owner's id" {
	brm add-customer Acme >/dev/null
	brm add-contact acme "John Doe" --role sponsor
	brm add-service CRM --id crm >/dev/null
	brm add-supplier Nordic >/dev/null
	brm add-contract nordic crm --response-hours 2 --resolution-hours 8
	run brm export contacts
	[ "$output" = "$(printf '%s\r\n' '"customer","name","role","email","phone"' \
	    '"acme","John Doe","sponsor",,')" ]
	run brm export contracts --format json
	[ "$(jq -c . <<<"$output")" = \
	    '[{"supplier":"nordic","service":"crm","response_hours":2,"resolution_hours":8}]' ]
	run brm list contacts --format tsv
	[ "${lines[1]}" = "acme	John Doe	sponsor		" ]
}

@test "the filters are list's, and select the same records" {
	brm add-service CRM --id crm >/dev/null
	brm add-customer Acme >/dev/null
	brm add-customer Globex --status prospect >/dev/null
	brm subscribe acme crm >/dev/null
	brm subscribe globex crm >/dev/null
	brm record-complaint acme --service crm --severity high --summary A >/dev/null
	brm record-complaint globex --service crm --severity low --summary B >/dev/null
	run brm export customers --status prospect --format json
	[ "$(jq -r '.[].id' <<<"$output")" = globex ]
	run brm export complaints --customer glob --format json
	[ "$(jq -r '.[].summary' <<<"$output")" = B ]
	[ "$(brm export complaints --severity high --format json | jq -r '.[].id')" = \
	    "$(brm list complaints --severity high --format json | jq -r '.[].id')" ]
	run brm export complaints --since 2026-12-01
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\r\n' "$(brm export complaints | head -1 | tr -d '\r')")" ]
}

@test "export refuses what list refuses, with exit 2" {
	run brm export customerz
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown kind 'customerz' (expected one of customers,"* ]]
	run brm export customers --since 2026-01-01
	[ "$status" -eq 2 ]
	[[ "$output" == *"customers have no date; --since and --until do not apply"* ]]
	run brm export customers --format xml
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown format 'xml' (expected csv or json)"* ]]
	run brm export services --severity high
	[ "$status" -eq 2 ]
	run brm export customers --customer nobody
	[ "$status" -eq 1 ]
}

@test "-o writes the file whole; rows come in id order" {
	brm add-customer Zeta >/dev/null
	brm add-customer Alpha >/dev/null
	run brm export customers -o "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(cut -d, -f1 "$BATS_TEST_TMPDIR/c.csv" | tr -d '\r')" = '"id"
"alpha"
"zeta"' ]
	[ -z "$(git status --porcelain)" ]
}

@test "-o takes a relative file from -C's directory, as git does" {
	brm add-customer Alpha >/dev/null
	cd "$BATS_TEST_TMPDIR"
	run brm -C p export customers -o c.csv
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(cut -d, -f1 p/c.csv | tr -d '\r')" = '"id"
"alpha"' ]
	[ ! -e c.csv ]
}

@test "a list item that spans lines cannot be a CSV line: use JSON" {
	brm add-supplier Nordic >/dev/null
	brm audit-supplier nordic --responsiveness 4 --problem-solving 3 \
	    --efficiency 4 --stability 5 --feedback 4 --cooperation 5 \
	    --finding "two
lines" >/dev/null
	run brm export audits
	[ "$status" -eq 1 ]
	[[ "$output" == *"an item of 'findings' spans lines and cannot be one line of a CSV cell"* ]]
	[[ "$output" == *"hint: export as JSON: --format json"* ]]
	run brm export audits --format json
	[ "$status" -eq 0 ]
	[ "$(jq -r '.[0].findings[0]' <<<"$output")" = "two
lines" ]
}

@test "CSV round trip: every kind, tricky text, the same bytes and records" {
	fill
	roundtrip csv
}

@test "JSON round trip: every kind, tricky text, the same bytes and records" {
	fill
	roundtrip json
}
