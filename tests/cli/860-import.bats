#!/usr/bin/env bats
# brm import: rows of a CSV or JSON file become records, every row checked
# first, all in one commit or nothing.

load helpers

# csv NAME: the rest of the arguments, one line each, as $BATS_TEST_TMPDIR/NAME
csv() {
	local f="$BATS_TEST_TMPDIR/$1"
	shift
	printf '%s\n' "$@" >"$f"
}

# refused STATUS MESSAGE... : brm import failed with STATUS, printed every
# MESSAGE, and left the repository as it was
refused() {
	local want=$1 m
	shift
	[ "$status" -eq "$want" ] || { echo "status $status: $output"; return 1; }
	for m in "$@"; do
		[[ "$output" == *"$m"* ]] || { echo "missing: $m"; echo "$output"; return 1; }
	done
	unchanged_since "$before"
}

@test "a CSV file of customers becomes records, in one commit" {
	csv c.csv 'name,kind,review.cadence,outcomes' \
	    'Acme Corp,external,monthly,"Checkout up
Orders in a day"' \
	    'Globex,internal,,'
	n=$(commits)
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 2 customers from c.csv" ]
	[ "$(commits)" -eq $((n + 1)) ]
	[ "$(git log -1 --format=%B)" = "import: 2 customers from c.csv

Brm-Command: import
Brm-Kind: customer" ]
	[ "$(git show --format= --name-only HEAD)" = "customers/acme-corp.yaml
customers/globex.yaml" ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(yget customers/acme-corp.yaml "d['outcomes']")" = "['Checkout up', 'Orders in a day']" ]
	[ "$(yget customers/acme-corp.yaml "d['review']['cadence']")" = monthly ]
	# an empty cell leaves the field to its default, as add-customer does
	[ "$(yget customers/globex.yaml "d['status']")" = active ]
	[ "$(yget customers/globex.yaml "'review' in d")" = False ]
	run brm check
	[ "$status" -eq 0 ]
}

@test "a relative file is taken from -C's directory, as git does" {
	printf 'name\nAcme Corp\n' >"$P/in.csv"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	run brm -C "$P" import customers in.csv
	[ "$status" -eq 0 ]
	[ "$output" = "imported 1 customer from in.csv" ]
	[ -f "$P/customers/acme-corp.yaml" ]
}

@test "--dry-run checks, shows what would be imported, and writes nothing" {
	csv c.csv 'id,name' 'acme,Acme Corp' ',Globex'
	before=$(snapshot)
	run brm import --dry-run customers "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "acme
globex
would import 2 customers from c.csv" ]
	unchanged_since "$before"
}

@test "--dry-run reports the errors an import would" {
	csv c.csv 'name,kind' 'Acme,weird'
	before=$(snapshot)
	run brm import -n customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "invalid kind 'weird'" "c.csv:2: kind)"
}

@test "every bad row is reported with its line and column; nothing is written" {
	brm add-customer "Acme Corp" >/dev/null
	csv c.csv 'id,name,kind,review.cadence' \
	    'globex,Globex,internal,monthly' \
	    'acme-corp,Acme again,,' \
	    'initech,Initech,weird,' \
	    'globex,Globex twice,,' \
	    'Bad Id,X,,' \
	    ',,,' \
	    'hooli,Hooli,,yearly'
	before=$(snapshot)
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 \
	    "brm: error: customer 'acme-corp' already exists ($BATS_TEST_TMPDIR/c.csv:3: id)" \
	    "brm: error: invalid kind 'weird' (expected one of internal|external) ($BATS_TEST_TMPDIR/c.csv:4: kind)" \
	    "brm: error: customer 'globex' is in the file twice (also line 2) ($BATS_TEST_TMPDIR/c.csv:5: id)" \
	    "c.csv:6: id)" \
	    "no id, and no name to make one from ($BATS_TEST_TMPDIR/c.csv:7: id)" \
	    "invalid review.cadence 'yearly'" "c.csv:8: review.cadence)" \
	    "brm: error: nothing was imported: 6 errors (c.csv)"
	# in the order of the file
	[ "$(grep -o 'c.csv:[0-9]' <<<"$output" | tr -d '\n')" = \
	    "c.csv:3c.csv:4c.csv:5c.csv:6c.csv:7c.csv:8" ]
}

@test "an unknown column is an error naming it, with the columns there are" {
	csv c.csv 'name,nmae' 'Acme,x'
	before=$(snapshot)
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "unknown column 'nmae' ($BATS_TEST_TMPDIR/c.csv:1: nmae)" \
	    "hint: the columns of customers are: id, name, kind, status"
	[[ "$output" == *"review.cadence"* ]]
}

@test "a column twice, or a row with too many cells, is refused" {
	csv c.csv 'name,name' 'Acme,Acme'
	before=$(snapshot)
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "column 'name' appears twice (${BATS_TEST_TMPDIR}/c.csv:1: name)"
	csv d.csv 'name,kind' 'Acme,external,extra' 'Globex'
	run brm import customers "$BATS_TEST_TMPDIR/d.csv"
	refused 1 "3 cells where the header has 2 (${BATS_TEST_TMPDIR}/d.csv:2)" \
	    "1 cells where the header has 2 (${BATS_TEST_TMPDIR}/d.csv:3)"
}

@test "broken quoting is refused with the line it is on" {
	before=$(snapshot)
	printf 'name,kind\nAcme,external\n"Globex,internal\n' >"$BATS_TEST_TMPDIR/u.csv"
	run brm import customers "$BATS_TEST_TMPDIR/u.csv"
	refused 1 "unterminated quoted cell" "u.csv:3)"
	printf 'name,kind\nAc"me,external\n' >"$BATS_TEST_TMPDIR/q.csv"
	run brm import customers "$BATS_TEST_TMPDIR/q.csv"
	refused 1 "malformed quoting" "q.csv:2)"
}

@test "invalid UTF-8 and control characters in a cell are refused" {
	before=$(snapshot)
	printf 'name,kind\nAc\377me,external\n' >"$BATS_TEST_TMPDIR/b.csv"
	run brm import customers "$BATS_TEST_TMPDIR/b.csv"
	refused 1 "invalid UTF-8 at byte 3 of the cell" "b.csv:2: name)"
	printf 'name,kind\nAc\033me,external\n' >"$BATS_TEST_TMPDIR/e.csv"
	run brm import customers "$BATS_TEST_TMPDIR/e.csv"
	refused 1 "e.csv:2: name)"
}

@test "a byte order mark, CRLF line ends and blank lines are accepted" {
	printf '\357\273\277name,kind,business\r\n\r\n"Acme, ""the"" Corp",internal,"one\r\ntwo"\r\nGlobex,external,' \
	    >"$BATS_TEST_TMPDIR/w.csv"
	run brm import customers "$BATS_TEST_TMPDIR/w.csv"
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme-the-corp.yaml "repr(d['business'])")" = "'one\\ntwo'" ]
	[ "$(yget customers/acme-the-corp.yaml "d['name']")" = 'Acme, "the" Corp' ]
	[ "$(yget customers/globex.yaml "d['kind']")" = external ]
}

@test "spaces in cells are data, and line breaks inside quotes are kept" {
	printf 'name,business\n  Acme  ,"line one\nline two"\n' >"$BATS_TEST_TMPDIR/s.csv"
	run brm import customers "$BATS_TEST_TMPDIR/s.csv"
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme.yaml "repr(d['name'])")" = "'  Acme  '" ]
	[ "$(yget customers/acme.yaml "repr(d['business'])")" = "'line one\\nline two'" ]
}

@test "an empty file, a header alone or an empty array is refused" {
	before=$(snapshot)
	: >"$BATS_TEST_TMPDIR/e.csv"
	run brm import customers "$BATS_TEST_TMPDIR/e.csv"
	refused 1 "brm: error: '$BATS_TEST_TMPDIR/e.csv' is empty"
	csv h.csv 'name,kind'
	run brm import customers "$BATS_TEST_TMPDIR/h.csv"
	refused 1 "'$BATS_TEST_TMPDIR/h.csv' has no rows, only a header"
	echo '[]' >"$BATS_TEST_TMPDIR/a.json"
	run brm import customers "$BATS_TEST_TMPDIR/a.json"
	refused 1 "'$BATS_TEST_TMPDIR/a.json' has no rows, only an empty array"
}

@test "a wrong kind, a missing file or an unknown format is refused" {
	csv c.csv 'name' 'Acme'
	before=$(snapshot)
	run brm import customerz "$BATS_TEST_TMPDIR/c.csv"
	refused 2 "unknown kind 'customerz' (expected one of customers," "usage: brm import"
	run brm import customers "$BATS_TEST_TMPDIR/nope.csv"
	refused 1 "cannot read '$BATS_TEST_TMPDIR/nope.csv': No such file or directory"
	cp "$BATS_TEST_TMPDIR/c.csv" "$BATS_TEST_TMPDIR/c.txt"
	run brm import customers "$BATS_TEST_TMPDIR/c.txt"
	refused 2 "cannot tell the format of"
	run brm import --format xml customers "$BATS_TEST_TMPDIR/c.txt"
	refused 2 "unknown format 'xml'"
	run brm import --format csv customers "$BATS_TEST_TMPDIR/c.txt"
	[ "$status" -eq 0 ]
	[ -f customers/acme.yaml ]
}

@test "JSON: an array of records; bad elements are reported by place" {
	cat >"$BATS_TEST_TMPDIR/c.json" <<-'J'
	[
	  {"name": "Acme", "kind": "x"},
	  3,
	  {"name": "Globex", "outcomes": "not a list"},
	  {"name": "Hooli", "review": {"cadence": "monthly"}, "mine": 1},
	  {"name": "Hooli"}
	]
	J
	before=$(snapshot)
	run brm import customers "$BATS_TEST_TMPDIR/c.json"
	refused 1 "invalid kind 'x' (expected one of internal|external) ($BATS_TEST_TMPDIR/c.json: element 1: kind)" \
	    "not a JSON object ($BATS_TEST_TMPDIR/c.json: element 2)" \
	    "outcomes must be a list ($BATS_TEST_TMPDIR/c.json: element 3: outcomes)" \
	    "customer 'hooli' is in the file twice (also element 4) ($BATS_TEST_TMPDIR/c.json: element 5: id)" \
	    "nothing was imported: 4 errors (c.json)"
	printf '[{"name": "A",}]' >"$BATS_TEST_TMPDIR/s.json"
	run brm import customers "$BATS_TEST_TMPDIR/s.json"
	refused 1 "($BATS_TEST_TMPDIR/s.json:1: column 15)"
	echo '{"name": "A"}' >"$BATS_TEST_TMPDIR/o.json"
	run brm import customers "$BATS_TEST_TMPDIR/o.json"
	refused 1 "expected a JSON array of objects"
	# a field the schema does not know is kept, as in a hand-edited file
	echo '[{"name": "Hooli", "mine": {"a": 1}}]' >"$BATS_TEST_TMPDIR/k.json"
	run brm import customers "$BATS_TEST_TMPDIR/k.json"
	[ "$status" -eq 0 ]
	[ "$(yget customers/hooli.yaml "d['mine']")" = "{'a': 1}" ]
}

@test "references must resolve: a service a customer subscribes to" {
	csv c.csv 'name,services' 'Acme,"[{""service"":""crm"",""vital"":true}]"'
	before=$(snapshot)
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "crm" "c.csv:2)"
	brm add-service CRM --id crm >/dev/null
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$(yget customers/acme.yaml "d['services'][0]['vital']")" = True ]
}

@test "contacts are added to the customer each row names" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-customer Globex >/dev/null
	brm add-contact acme "Jane Roe" >/dev/null
	csv c.csv 'customer,name,role,email' \
	    'acme-corp,John Doe,sponsor,john@acme.example' \
	    'globex,Ann Lee,,' 'acme-corp,Mia Wong,user,'
	n=$(commits)
	run brm import contacts "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 3 contacts from c.csv" ]
	[ "$(commits)" -eq $((n + 1)) ]
	[ "$(yget customers/acme-corp.yaml "[c['name'] for c in d['contacts']]")" = \
	    "['Jane Roe', 'John Doe', 'Mia Wong']" ]
	[ "$(git show --format= --name-only HEAD)" = "customers/acme-corp.yaml
customers/globex.yaml" ]
}

@test "a contact for a missing customer, twice, or already there is refused" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-contact acme "Jane Roe" >/dev/null
	csv c.csv 'customer,name,email' 'nobody,X,' 'acme-corp,Jane Roe,' \
	    'acme-corp,Bob,bad' 'acme-corp,Ann,' 'acme-corp,Ann,' ',Zed,'
	before=$(snapshot)
	run brm import contacts "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "customer 'nobody' does not exist ($BATS_TEST_TMPDIR/c.csv:2: customer)" \
	    "customer 'acme-corp' already has a contact with name 'Jane Roe' ($BATS_TEST_TMPDIR/c.csv:3: name)" \
	    "invalid email 'bad'" "c.csv:4: email)" \
	    "customer 'acme-corp' already has a contact with name 'Ann' ($BATS_TEST_TMPDIR/c.csv:6: name)" \
	    "no customer ($BATS_TEST_TMPDIR/c.csv:7: customer)"
}

@test "rows naming a customer whose file is broken are each refused" {
	brm add-customer "Acme Corp" >/dev/null
	echo 'name: [' >>customers/acme-corp.yaml
	csv c.csv 'customer,name' 'acme-corp,Bob' 'acme-corp,Carol'
	before=$(snapshot)
	run brm import contacts "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "duplicate key 'name' ($BATS_TEST_TMPDIR/c.csv:2: customer)" \
	    "duplicate key 'name' ($BATS_TEST_TMPDIR/c.csv:3: customer)" \
	    "nothing was imported: 2 errors (c.csv)"
}

@test "dated records get ids from their dates, as the record- commands make them" {
	brm add-service CRM --id crm >/dev/null
	brm add-customer Acme --id acme >/dev/null
	brm subscribe acme crm >/dev/null
	csv c.csv 'customer,service,received,severity,summary' \
	    'acme,crm,2026-10-03T09:12:00+02:00,high,Slow tickets' \
	    'acme,crm,,low,Typo in the report'
	run brm import complaints "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$(git ls-files complaints | sed 's/-[a-z0-9]*\.yaml$//')" = \
	    "complaints/2026/10/cmp-20261003
complaints/2026/11/cmp-20261122" ]
	run brm list complaints --format tsv
	[[ "$output" == *"open"* ]]
	run brm check
	[ "$status" -eq 0 ]
}

@test "a large import is one commit of every record" {
	{
		echo 'name,kind,business'
		for i in $(seq 1 1500); do
			printf 'Customer %04d,internal,"Does, ""things""\nwell"\n' "$i"
		done
	} >"$BATS_TEST_TMPDIR/big.csv"
	n=$(commits)
	run brm import customers "$BATS_TEST_TMPDIR/big.csv"
	[ "$status" -eq 0 ]
	# not on a terminal: no progress line
	[ "$output" = "imported 1500 customers from big.csv" ]
	[ "$(commits)" -eq $((n + 1)) ]
	[ "$(git show --format= --name-only HEAD | wc -l)" -eq 1500 ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(yget customers/customer-0777.yaml "d['business']")" = 'Does, "things"
well' ]
}

@test "a failing commit (no identity) leaves every file as it was" {
	brm add-customer "Acme Corp" >/dev/null
	csv c.csv 'name' 'Globex' 'Hooli'
	before=$(snapshot)
	mkdir "$BATS_TEST_TMPDIR/empty-home"
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	HOME="$BATS_TEST_TMPDIR/empty-home" XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/empty-home/.config" \
	    run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	refused 1 "brm: error: cannot commit: author identity unknown"
	[ ! -e customers/globex.yaml ]
}

@test "changes the user made elsewhere are not swept into the import" {
	brm add-customer "Acme Corp" >/dev/null
	echo "# mine" >>customers/acme-corp.yaml
	echo note >notes.txt
	git add notes.txt
	csv c.csv 'name' 'Globex'
	run brm import customers "$BATS_TEST_TMPDIR/c.csv"
	[ "$status" -eq 0 ]
	[ "$(git show --format= --name-only HEAD)" = customers/globex.yaml ]
	[ "$(git status --porcelain)" = " M customers/acme-corp.yaml
A  notes.txt" ]
}
