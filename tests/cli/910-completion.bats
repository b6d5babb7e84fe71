#!/usr/bin/env bats
# Shell completion: brm __complete, and the bash, zsh and fish scripts
# that only ask it.  Bash is driven through its real entry point, _brm
# with COMP_WORDS/COMP_CWORD/COMP_LINE; zsh and fish through theirs.
load helpers
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup() {
	pin_env
	# the scripts run "brm" from PATH
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$BRM" "$BATS_TEST_TMPDIR/bin/brm"
	export PATH="$BATS_TEST_TMPDIR/bin:$PATH"
	P="$BATS_TEST_TMPDIR/p"
	brm init "$P" --provider "Nordlicht IT" >/dev/null
	cd "$P"
	brm add-customer "ACME Corp" >/dev/null
	brm add-customer "Globex" >/dev/null
	brm add-service "Managed Backup" >/dev/null
	brm add-service "Service Desk" --id desk >/dev/null
}

# bash_complete WORD...: what _brm puts in COMPREPLY, one per line, for
# the command line "WORD..." with the cursor at the end of the last word
# (pass "" to complete a new word).  COMP_WORDS are the words as given.
bash_complete() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_brm brm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" ||
			exit 1
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"
	' bash "$ROOT/completions/brm.bash" "$@"
}

# sorted output, one line, for comparison
flat() { sort | tr '\n' ' ' | sed 's/ $//'; }

# the commands starting with add-c, from brm help's list
add_c() {
	brm help | awk '/^   add-c/ { print $1 }' | flat
}

@test "brm __complete: commands, options, values, ids, fields" {
	[[ " $(add_c) " == *" add-contact "*" add-customer "* ]]
	run --separate-stderr brm __complete add-c
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "$(add_c)" ]
	run --separate-stderr brm __complete add-customer --k
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$output" = "--kind" ]
	run --separate-stderr brm __complete add-customer --kind ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "external internal" ]
	run --separate-stderr brm __complete subscribe acme-corp ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "desk managed-backup" ]
	run --separate-stderr brm __complete set acme-corp st
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$output" = "status=" ]
	# outside a portfolio: commands still, ids quietly none
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr brm __complete show ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ] && [ -z "$output" ]
	run --separate-stderr brm __complete he
	[ "$output" = "help" ]
}

@test "brm __complete: an option's value, short or long, attached or not" {
	# -n takes a number: no ids after it, and an operand after its value
	run --separate-stderr brm __complete log -n ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ] && [ -z "$output" ]
	run --separate-stderr brm __complete log --max-count ""
	[ -z "$output" ]
	run brm __complete log -n 5 g
	[ "$output" = "globex" ]
	run brm __complete log -n5 g
	[ "$output" = "globex" ]
	# a file: the shell completes it (the protocol's ":files")
	run brm __complete report -o ""
	[ "$output" = ":files" ]
	run brm __complete report --output ""
	[ "$output" = ":files" ]
	run brm __complete report --output=rep
	[ "$output" = ":files" ]
	run brm __complete report -o x ""
	[ "$(flat <<<"$output")" = "customer monthly portfolio suppliers" ]
	# --opt=value: each value after the option
	run brm __complete report --format=
	[ "$(flat <<<"$output")" = "--format=html --format=json --format=md" ]
	run brm __complete add-customer X --kind=i
	[ "$output" = "--kind=internal" ]
	run brm __complete add-service X --owner=
	[ -z "$output" ]
	run brm __complete record-complaint --service=d
	[ "$output" = "--service=desk" ]
	# a flag takes no value: what follows it is an operand
	run brm __complete rm --force a
	[ "$output" = "acme-corp" ]
	run brm __complete rm -f a
	[ "$output" = "acme-corp" ]
}

@test "brm __complete: operands from the command's table" {
	run --separate-stderr brm __complete report ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "customer monthly portfolio suppliers" ]
	run brm __complete report p
	[ "$output" = "portfolio" ]
	# only the customer report takes a customer
	run brm __complete report customer ""
	[ "$(flat <<<"$output")" = "acme-corp globex" ]
	run brm __complete report --format json customer g
	[ "$output" = "globex" ]
	run brm __complete report monthly ""
	[ -z "$output" ]
	# brm list: the kinds, as brm list names them in its usage error
	run brm __complete list ""
	for k in customers services meetings complaints disputes contracts; do
		grep -qx "$k" <<<"$output" || { echo "no $k" >&2; return 1; }
	done
	run --separate-stderr brm list no-such-kind
	[ "$status" -eq 2 ]
	for k in $(brm __complete list ""); do
		[[ "$stderr" == *"$k"* ]] || { echo "list does not take $k" >&2; return 1; }
	done
	run brm __complete list com
	[ "$output" = "complaints" ]
	# brm help: the commands and the other manuals
	run brm __complete help ""
	[ "$(flat <<<"$output")" = "$( (brm __complete ""; printf '%s\n' brm config records) | flat)" ]
	run brm __complete help co
	[ "$output" = "config" ]
	# directories: init's and clone's
	run brm __complete init ""
	[ "$output" = ":dirs" ]
	run brm __complete clone ../p ""
	[ "$output" = ":dirs" ]
	run brm __complete init --provider ""
	[ -z "$output" ]
}

@test "brm __complete: brm set completes fields, subfields and values" {
	run --separate-stderr brm __complete set acme-corp kind=
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "kind=external kind=internal" ]
	run brm __complete set acme-corp status=p
	[ "$output" = "status=prospect" ]
	run brm __complete set acme-corp review.
	[[ " $(flat <<<"$output") " == *" review.cadence= "* ]]
	[[ "$output" != *review.next_service_report* ]] # computed by brm
	run brm __complete set acme-corp review.cadence=q
	[ "$output" = "review.cadence=quarterly" ]
	# the second and later field=value words alike
	run brm __complete set acme-corp notes=x kind=e
	[ "$output" = "kind=external" ]
	# an item of a list by its index
	run brm __complete set acme-corp revenue.0.cur
	[ "$output" = "revenue.0.currency=" ]
	# fields brm computes are not offered, nor their values
	run brm __complete set acme-corp id
	[ -z "$output" ]
	run brm __complete set desk own
	[ "$output" = "owner=" ]
	run brm __complete set no-such-record k
	[ -z "$output" ]
}

# complaints CUSTOMER: one complaint in each state, their ids in the
# variables open ackd resolved closed
complaints() {
	open=$(brm record-complaint "$1" --summary one --received 2026-11-02T09:00)
	ackd=$(brm record-complaint "$1" --summary two --received 2026-11-03T09:00)
	resolved=$(brm record-complaint "$1" --summary three \
	    --received 2026-10-05T09:00)
	closed=$(brm record-complaint "$1" --summary four \
	    --received 2026-10-06T09:00)
	brm ack-complaint "$ackd" >/dev/null
	brm ack-complaint "$resolved" >/dev/null
	brm resolve-complaint "$resolved" --resolution fixed >/dev/null
	brm ack-complaint "$closed" >/dev/null
	brm resolve-complaint "$closed" --resolution fixed >/dev/null
	brm close-complaint "$closed" >/dev/null
}

@test "brm __complete: brm resolve completes what a sync left in conflict" {
	# no merge waiting: nothing to resolve
	run --separate-stderr brm __complete resolve ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ -z "$output" ]
	R="$BATS_TEST_TMPDIR/remote.git"
	B="$BATS_TEST_TMPDIR/b"
	git init -q --bare "$R"
	git remote add origin "$R"
	brm subscribe globex desk >/dev/null
	brm sync >/dev/null
	brm clone "$R" "$B" >/dev/null
	brm set acme-corp status=former business=Retail >/dev/null
	brm set globex status=former services.0.vital=true >/dev/null
	brm sync >/dev/null
	cd "$B"
	brm set acme-corp status=prospect business=Wholesale >/dev/null
	brm set globex status=prospect services.0.vital=false >/dev/null
	run brm sync
	[ "$status" -eq 1 ]
	# the records in conflict, each once
	run --separate-stderr brm __complete resolve ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "acme-corp globex" ]
	run brm __complete resolve --theirs g
	[ "$output" = "globex" ]
	# the fields of the record named, by id, prefix or path
	run --separate-stderr brm __complete resolve acme-corp ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "business status" ]
	run brm __complete resolve acme ""
	[ "$(flat <<<"$output")" = "business status" ]
	run brm __complete resolve customers/globex.yaml ""
	[ "$(flat <<<"$output")" = "services.0.vital status" ]
	run brm __complete resolve --ours acme-corp st
	[ "$output" = "status" ]
	run brm __complete resolve desk ""
	[ -z "$output" ]
	# --value: the values the field takes, as brm set offers them
	run --separate-stderr brm __complete resolve globex status --value ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "$(brm __complete set globex status= | sed 's/^status=//' | flat)" ]
	[ "$(flat <<<"$output")" = "active former prospect" ]
	run brm __complete resolve glob services.0.vital --value ""
	[ "$(flat <<<"$output")" = "false true" ]
	# no field named yet: no values
	run brm __complete resolve globex --value ""
	[ -z "$output" ]
	run brm __complete resolve globex status --value=p
	[ "$output" = "--value=prospect" ]
	run brm __complete resolve customers/globex.yaml status --value f
	[ "$output" = "former" ]
	run brm __complete resolve acme-corp business --value ""
	[ -z "$output" ]
	run brm __complete resolve acme-corp services.0.vital --value ""
	[ -z "$output" ]
	# a field settled is no longer offered
	brm resolve acme-corp status --theirs >/dev/null
	run brm __complete resolve acme-corp ""
	[ "$output" = "business" ]
	run bash_complete brm resolve glob
	[ "$output" = "globex" ]
	run bash_complete brm resolve globex ""
	[ "$(flat <<<"$output")" = "services.0.vital status" ]
	run bash_complete brm resolve globex status --value ""
	[ "$(flat <<<"$output")" = "active former prospect" ]
}

@test "brm __complete: ids of the records a command can take" {
	complaints acme-corp
	run --separate-stderr brm __complete ack-complaint ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$output" = "$open" ]
	run brm __complete resolve-complaint ""
	[ "$output" = "$ackd" ]
	run brm __complete close-complaint ""
	[ "$output" = "$resolved" ]
	run brm __complete reopen-complaint ""
	[ "$(flat <<<"$output")" = "$(printf '%s\n' "$resolved" "$closed" | flat)" ]
	run brm __complete resolve-complaint cmp-202610
	[ -z "$output" ]
	# every complaint where any will do
	run brm __complete show cmp-
	[ "$(wc -l <<<"$output")" -eq 4 ]
	# log-meeting: customers, suppliers and third parties
	brm add-supplier "Datacenter AG" >/dev/null
	brm add-third-party "TÜV" --role audit >/dev/null
	run brm __complete log-meeting ""
	[ "$(flat <<<"$output")" = "acme-corp datacenter-ag globex tuev" ]
	run brm __complete add-contact ""
	[ "$(flat <<<"$output")" = "acme-corp datacenter-ag globex tuev" ]
	# done-action: meetings with an action not done, and its numbers
	local m1 m2
	m1=$(brm log-meeting acme-corp --kind daily --action a --action b \
	    --action c)
	m2=$(brm log-meeting globex --kind daily --action a)
	brm log-meeting globex --kind daily >/dev/null
	brm done-action "$m1" 2 >/dev/null
	brm done-action "$m2" 1 >/dev/null
	run brm __complete done-action ""
	[ "$output" = "$m1" ]
	run brm __complete done-action "$m1" ""
	[ "$(flat <<<"$output")" = "1 3" ]
	# disputes: open ones; escalate only below the top level
	local d1 d2 d3
	d1=$(brm open-dispute --party tuev --subject a)
	d2=$(brm open-dispute --party tuev --subject b)
	d3=$(brm open-dispute --party tuev --subject c)
	brm escalate-dispute "$d2" && brm escalate-dispute "$d2" &&
	    brm escalate-dispute "$d2"
	brm resolve-dispute "$d3" --resolution settled >/dev/null
	run brm __complete escalate-dispute ""
	[ "$output" = "$d1" ]
	run brm __complete resolve-dispute ""
	[ "$(flat <<<"$output")" = "$(printf '%s\n' "$d1" "$d2" | flat)" ]
}

@test "brm __complete: what it remembers of a folder follows every change" {
	complaints acme-corp
	# folders older than a few seconds are remembered
	find complaints -type d -exec touch -d "2026-01-01 00:00" {} +
	run brm __complete ack-complaint ""
	[ "$output" = "$open" ]
	ls .git/brm-cache/ | grep -q complaint
	# brm writes: the folder changed, the answer too
	brm ack-complaint "$open" >/dev/null
	run brm __complete ack-complaint ""
	[ -z "$output" ]
	run brm __complete resolve-complaint ""
	[ "$(flat <<<"$output")" = "$(printf '%s\n' "$open" "$ackd" | flat)" ]
	# git changes files: so does the answer
	find complaints -type d -exec touch -d "2026-01-01 00:00" {} +
	run brm __complete resolve-complaint ""
	git checkout -q HEAD~1 -- complaints
	run brm __complete ack-complaint ""
	[ "$output" = "$open" ]
	git checkout -q HEAD -- complaints
	# a damaged or foreign cache is read again from the files
	for f in .git/brm-cache/*; do
		printf 'brm-where 1\ncomplaints/2026/11\t1\t2\tcmp-x\ngarbage' >"$f"
	done
	run --separate-stderr brm __complete resolve-complaint ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(flat <<<"$output")" = "$(printf '%s\n' "$open" "$ackd" | flat)" ]
	# and completion never changes the portfolio
	before=$(snapshot)
	brm __complete close-complaint "" >/dev/null
	unchanged_since "$before"
}

@test "brm __complete: a record written by hand in another form" {
	complaints acme-corp
	# quoted, or with a comment: read all the same
	sed -i 's/^status: acknowledged$/status: "acknowledged"/' \
	    complaints/2026/11/"$ackd".yaml
	sed -i 's/^status: open$/status: open # new/' \
	    complaints/2026/11/"$open".yaml
	run brm check
	[ "$status" -eq 0 ]
	run brm __complete resolve-complaint ""
	[ "$output" = "$ackd" ]
	run brm __complete ack-complaint ""
	[ "$output" = "$open" ]
	# one that does not load is offered by nothing that needs its state
	# (written as editors do, through a rename: the folder's time moves;
	# a rewrite in place may go unseen by a folder cached before it)
	printf 'status: [\n' >broken.tmp
	mv broken.tmp complaints/2026/11/"$open".yaml
	run --separate-stderr brm __complete ack-complaint ""
	[ "$status" -eq 0 ] && [ -z "$stderr" ] && [ -z "$output" ]
}

@test "bash: command names" {
	run bash_complete brm add-c
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "$(add_c)" ]
	run bash_complete brm ""
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "$(brm __complete "" | flat)" ]
	[[ "$output" != *__complete* ]]
}

@test "bash: options of the command" {
	run bash_complete brm add-customer --k
	[ "$status" -eq 0 ]
	[ "$output" = "--kind" ]
	run bash_complete brm add-customer --re
	[ "$(flat <<<"$output")" = "--representative --review-cadence" ]
	run bash_complete brm rm -
	[ "$(flat <<<"$output")" = "--force --help" ]
}

@test "bash: values of an enum option" {
	run bash_complete brm add-customer --kind ""
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "external internal" ]
	run bash_complete brm add-customer "Initech" --status p
	[ "$output" = "prospect" ]
	run bash_complete brm list customers --format ""
	[ "$(flat <<<"$output")" = "json table tsv yaml" ]
}

@test "bash: record ids, by the kind the operand wants" {
	run bash_complete brm show a
	[ "$status" -eq 0 ]
	[ "$output" = "acme-corp" ]
	run bash_complete brm show ""
	[ "$(flat <<<"$output")" = "acme-corp desk globex managed-backup" ]
	# subscribe CUSTOMER SERVICE: services only in the second place
	run bash_complete brm subscribe acme-corp ""
	[ "$(flat <<<"$output")" = "desk managed-backup" ]
	run bash_complete brm subscribe ""
	[ "$(flat <<<"$output")" = "acme-corp globex" ]
	# an option value in between does not count as an operand
	run bash_complete brm subscribe --availability 99 acme-corp m
	[ "$output" = "managed-backup" ]
	# a new record shows up at once
	brm add-customer "Acme Labs" >/dev/null
	run bash_complete brm show acme
	[ "$(flat <<<"$output")" = "acme-corp acme-labs" ]
}

@test "bash: fields of the record for brm set" {
	run bash_complete brm set acme-corp st
	[ "$status" -eq 0 ]
	[ "$output" = "status=" ]
	run bash_complete brm set acme-corp rev
	[ "$(flat <<<"$output")" = "revenue. review." ]
	# bash splits "status=ac" at '='; the script puts it together again
	run bash -c '
		source "$1"
		COMP_WORDS=(brm set acme-corp notes = x kind = e)
		COMP_CWORD=8
		COMP_LINE="brm set acme-corp notes=x kind=e"
		COMP_POINT=${#COMP_LINE}
		log=$2
		brm() { printf "%s|" "$@" >"$log"; echo kind=external; }
		_brm brm e =
		cat "$log"; echo
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$ROOT/completions/brm.bash" "$BATS_TEST_TMPDIR/args"
	[ "$status" -eq 0 ]
	# brm was asked about whole words, the reply is cut to bash's word
	[ "${lines[0]}" = "__complete|set|acme-corp|notes=x|kind=e|" ]
	[ "${lines[1]}" = "external" ]
}

@test "bash: global options, -C and the portfolio it names" {
	cd "$BATS_TEST_TMPDIR"
	run bash_complete brm -C "$P" show g
	[ "$status" -eq 0 ]
	[ "$output" = "globex" ]
	run bash_complete brm "-C$P" show g
	[ "$output" = "globex" ]
	run bash_complete brm --
	[ "$(flat <<<"$output")" = "--help --version" ]
	mkdir -p dirs/one dirs/two
	run bash_complete brm -C dirs/
	[ "$(flat <<<"$output")" = "dirs/one dirs/two" ]
}

@test "bash: init's and clone's directories fall back to file completion" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p place/new-portfolio place/other
	touch place/file
	run bash_complete brm init place/n
	[ "$status" -eq 0 ]
	[ "$output" = "place/new-portfolio" ]
	run bash_complete brm init --provider X place/
	[ "$(flat <<<"$output")" = "place/new-portfolio place/other" ]
	# an option's value is not a directory
	run bash_complete brm init --provider pl
	[ -z "$output" ]
	# nor is another command's operand
	run bash_complete brm add-customer pl
	[ -z "$output" ]
	# brm clone <url> [<dir>]: both may be directories
	run bash_complete brm clone place/o
	[ "$output" = "place/other" ]
	run bash_complete brm clone ../p place/n
	[ "$output" = "place/new-portfolio" ]
	# brm import <kind> <file>: the kinds, then any file
	run bash_complete brm import contr
	[ "$output" = "contracts" ]
	run bash_complete brm import customers place/f
	[ "$output" = "place/file" ]
}

@test "bash: an option that takes a file completes paths" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p out/reports
	touch out/report.md
	run bash_complete brm report -o out/r
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "out/report.md out/reports" ]
	run bash_complete brm report monthly --output out/report.
	[ "$output" = "out/report.md" ]
	# "--output=out/r" as one word, and as bash splits it at "="
	run bash_complete brm report --output=out/report.
	[ "$output" = "--output=out/report.md" ]
	run bash -c '
		source "$1"
		COMP_WORDS=(brm report --output = out/report.)
		COMP_CWORD=4
		COMP_LINE="brm report --output=out/report."
		COMP_POINT=${#COMP_LINE}
		_brm brm out/report. =
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$ROOT/completions/brm.bash"
	[ "$output" = "out/report.md" ]
	# a number is no file
	run bash_complete brm log -n o
	[ -z "$output" ]
	# and an option's value of fixed words is not one either
	run bash_complete brm report --format o
	[ -z "$output" ]
}

@test "bash: the script registers _brm for brm" {
	run bash -c 'source "$1"; complete -p brm' bash \
	    "$ROOT/completions/brm.bash"
	[ "$status" -eq 0 ]
	[ "$output" = "complete -F _brm brm" ]
}

# zsh: _brm with the completion system's variables set as it would set
# them and compadd/_files recorded, since the widgets need a terminal.
zsh_complete() {
	zsh -f -c '
		source "$1"; shift
		compadd() {
			local -a a; a=("$@")
			while [[ $a[1] == -* && $a[1] != -- ]]; do
				[[ $a[1] == -S ]] && a[1,2]=() || a[1]=()
			done
			[[ $a[1] == -- ]] && a[1]=()
			print -l -- "${a[@]}"
		}
		_files() { print -- "_files $*"; }
		words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
		_brm
	' zsh "$ROOT/completions/_brm" "$@"
}

@test "zsh: the script loads and completes through _brm" {
	command -v zsh || skip "zsh is not installed"
	run zsh -f -c 'source "$1" && whence -w _brm' zsh "$ROOT/completions/_brm"
	[ "$status" -eq 0 ]
	[ "$output" = "_brm: function" ]
	run zsh_complete brm add-c
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "$(add_c)" ]
	run zsh_complete brm add-customer --k
	[ "$output" = "--kind" ]
	run zsh_complete brm add-customer --kind ""
	[ "$(flat <<<"$output")" = "external internal" ]
	run zsh_complete brm subscribe acme-corp ""
	[ "$(flat <<<"$output")" = "desk managed-backup" ]
	run zsh_complete brm set acme-corp st
	[ "$output" = "status=" ]
	cd "$BATS_TEST_TMPDIR"
	run zsh_complete brm -C "$P" show g
	[ "$output" = "globex" ]
	run zsh_complete brm init ""
	[ "$output" = "_files -/" ]
	run zsh_complete brm clone ../p ""
	[ "$output" = "_files -/" ]
	run zsh_complete brm import customers ""
	[ "$output" = "_files " ]
	run zsh_complete brm add-customer ""
	[ -z "$output" ]
	run zsh_complete brm report -o ""
	[ "$output" = "_files " ]
	run zsh_complete brm report --format=j
	[ "$output" = "--format=json" ]
	run zsh_complete brm -C "$P" report ""
	[ "$(flat <<<"$output")" = "customer monthly portfolio suppliers" ]
}

@test "zsh: --opt=FILE completes the part after =" {
	command -v zsh || skip "zsh is not installed"
	run zsh -f -c '
		source "$1"
		_files() { print -r -- "_files $* [$IPREFIX|$PREFIX]"; }
		words=(brm report --output=out/r); CURRENT=3; PREFIX=$words[3]
		_brm
	' zsh "$ROOT/completions/_brm"
	[ "$status" -eq 0 ]
	[ "$output" = "_files  [--output=|out/r]" ]
}

@test "zsh: compinit picks the script up from fpath" {
	command -v zsh || skip "zsh is not installed"
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$ROOT/completions/_brm" "$BATS_TEST_TMPDIR/fpath/"
	run zsh -f -c '
		fpath=("$1" $fpath)
		autoload -Uz compinit && compinit -u -d "$2"
		print -- $_comps[brm]
	' zsh "$BATS_TEST_TMPDIR/fpath" "$BATS_TEST_TMPDIR/zcompdump"
	[ "$status" -eq 0 ]
	[ "$output" = "_brm" ]
}

fish_complete() {
	fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
	    "$ROOT/completions/brm.fish" "$1" | cut -f1
}

@test "fish: the script loads and completes through complete -C" {
	command -v fish || skip "fish is not installed"
	run fish --no-config -c 'source $argv[1]; and functions -q __brm_complete' \
	    "$ROOT/completions/brm.fish"
	[ "$status" -eq 0 ]
	run fish_complete "brm add-c"
	[ "$status" -eq 0 ]
	[ "$(flat <<<"$output")" = "$(add_c)" ]
	run fish_complete "brm add-customer --k"
	[ "$output" = "--kind" ]
	run fish_complete "brm add-customer --kind "
	[ "$(flat <<<"$output")" = "external internal" ]
	run fish_complete "brm show a"
	[ "$output" = "acme-corp" ]
	run fish_complete "brm subscribe acme-corp "
	[ "$(flat <<<"$output")" = "desk managed-backup" ]
	run fish_complete "brm set acme-corp st"
	[ "$output" = "status=" ]
	cd "$BATS_TEST_TMPDIR"
	run fish_complete "brm -C $P show g"
	[ "$output" = "globex" ]
	mkdir -p place/new-portfolio
	run fish_complete "brm init place/n"
	[ "$output" = "place/new-portfolio/" ]
	run fish_complete "brm clone ../p place/n"
	[ "$output" = "place/new-portfolio/" ]
	touch place/data.csv
	run fish_complete "brm import customers place/d"
	[ "$output" = "place/data.csv" ]
	run fish_complete "brm add-customer place/n"
	[ -z "$output" ]
	touch place/report.md
	run fish_complete "brm report -o place/r"
	[ "$output" = "place/report.md" ]
	run fish_complete "brm report --output=place/r"
	[ "$output" = "--output=place/report.md" ]
	run fish_complete "brm -C $P report "
	[ "$(flat <<<"$output")" = "customer monthly portfolio suppliers" ]
	run fish_complete "brm -C $P set acme-corp kind="
	[ "$(flat <<<"$output")" = "kind=external kind=internal" ]
}

# pty_complete SHELL LINE...: types each LINE (\t is TAB) into an
# interactive SHELL (bash or zsh) in a pseudo-terminal, where completion
# runs for real (readline, zle), and prints what each line became as
# "[[ <line>]]", as echo prints it.
pty_complete() {
	cat >"$BATS_TEST_TMPDIR/pty.zsh" <<-'ZSH'
	zmodload zsh/zpty || exit 1
	shell=$1 dir=$2
	shift 2
	case $shell in
	(bash)
		zpty z "TERM=dumb INPUTRC=/dev/null bash --norc --noprofile -i"
		zpty -w z "PS1='\$ '; set -o emacs; source ${(q)dir}/brm.bash" ;;
	(zsh)
		zpty z "TERM=dumb zsh -f -i"
		zpty -w z "PS1='%% '; bindkey -e; fpath=(${(q)dir} \$fpath);" \
		    "autoload -Uz compinit; compinit -u -D" ;;
	esac
	for l in "$@"; do
		# ^A: to the start, to make the line an echo; ^E: to the end
		zpty -w -n z "${(g::)l}"$'\x01echo "[[" \x05"]]"\n'
	done
	zpty -w z 'echo END-OF""-TEST'
	out=
	for i in {1..300}; do
		if zpty -rt z line; then
			out+=$line
			[[ $out == *END-OF-TEST* ]] && break
		else
			sleep 0.1
		fi
	done
	zpty -d z
	print -r -- ${out//$'\r'} | grep -o '\[\[ .*'
	ZSH
	zsh -f "$BATS_TEST_TMPDIR/pty.zsh" "$1" "$ROOT/completions" "${@:2}"
}

@test "bash and zsh: completion in a terminal" {
	command -v zsh || skip "zsh is needed for its pseudo-terminal module"
	cd "$BATS_TEST_TMPDIR"
	mkdir -p place
	touch place/report.md
	local sh want
	# "_" is typed right after TAB: "status=_" shows no space followed
	want=$(printf '%s\n' \
	    "[[ brm add-customer _]]" \
	    "[[ brm -C p show globex _]]" \
	    "[[ brm -C p set acme-corp status=_]]" \
	    "[[ brm add-customer X --kind internal _]]" \
	    "[[ brm -C p subscribe globex desk _]]" \
	    "[[ brm init place/_]]" \
	    "[[ brm report -o place/report.md _]]" \
	    "[[ brm report --output=place/report.md _]]" \
	    "[[ brm -C p set acme-corp kind=external _]]" \
	    "[[ brm -C p report customer globex _]]")
	for sh in bash zsh; do
		run pty_complete $sh 'brm add-cu\t_' 'brm -C p show glo\t_' \
		    'brm -C p set acme-corp sta\t_' \
		    'brm add-customer X --kind int\t_' \
		    'brm -C p subscribe gl\tde\t_' 'brm init pla\t_' \
		    'brm report -o place/rep\t_' \
		    'brm report --output=place/rep\t_' \
		    'brm -C p set acme-corp kind=ex\t_' \
		    'brm -C p report cu\tgl\t_'
		if [ "$output" != "$want" ]; then
			echo "$sh:" >&2
			diff <(echo "$want") <(echo "$output") >&2
			return 1
		fi
	done
}
