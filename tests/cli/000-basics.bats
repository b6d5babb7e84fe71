#!/usr/bin/env bats
# The command table, global options, finding the portfolio, brm init.
load helpers
bats_require_minimum_version 1.5.0

@test "brm with no command prints usage and the commands, exit 2" {
	run --separate-stderr brm
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "usage: brm [-C <dir>] [--version] [-h] <command> [<args>]" ]
	[[ "$output" == *"   add-customer       Create a customer record"* ]]
}

@test "brm -h and brm help list the commands, exit 0" {
	for h in -h --help help; do
		run --separate-stderr brm $h
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "${lines[0]}" = "usage: brm [-C <dir>] [--version] [-h] <command> [<args>]" ]
		[[ "$output" == *$'\nCustomers and services\n   add-customer       Create a customer record\n'* ]]
		[[ "$output" == *"   rm                 Remove a record"* ]]
		# hidden commands stay hidden
		[[ "$output" != *"__complete"* ]]
	done
}

@test "a command's -h prints its usage and options to stdout, exit 0" {
	run --separate-stderr brm add-customer -h
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "${lines[0]}" == "usage: brm add-customer [--id <id>] "*" <name>" ]]
	[[ "$output" == *"--kind internal|external"* ]]
}

@test "--version prints the version, exit 0" {
	run --separate-stderr brm --version
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" =~ ^brm\ version\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "an unknown command suggests the nearest ones, exit 2" {
	run --separate-stderr brm add-custmer "Acme"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: 'add-custmer' is not a brm command" ]
	[ "${stderr_lines[1]}" = "hint: did you mean one of these?" ]
	[ "${stderr_lines[2]}" = "hint:   add-customer" ]
	[ "${stderr_lines[3]}" = "hint: see 'brm help' for the list of commands" ]
	[ "${#stderr_lines[@]}" -eq 4 ]
}

@test "an unknown command with no near match only points to help" {
	run --separate-stderr brm frobnicate
	[ "$status" -eq 2 ]
	[ "$stderr" = "brm: error: 'frobnicate' is not a brm command
hint: see 'brm help' for the list of commands" ]
}

@test "an unknown global option is a usage error, exit 2" {
	run --separate-stderr brm --frob list customers
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: unknown option '--frob'" ]
	[ "${stderr_lines[1]}" = "usage: brm [-C <dir>] [--version] [-h] <command> [<args>]" ]
}

@test "-C without a directory is a usage error, exit 2" {
	run --separate-stderr brm -C
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: option '-C' requires a directory" ]
}

@test "an unknown command option is a usage error with the synopsis" {
	before=$(snapshot)
	run --separate-stderr brm add-customer --frob "Acme"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: unknown option '--frob'" ]
	[[ "${stderr_lines[1]}" == "usage: brm add-customer "* ]]
	[ "${stderr_lines[2]}" = "hint: see 'brm add-customer -h'" ]
	unchanged_since "$before"
}

@test "-C and BRM_DIR pick the portfolio from anywhere" {
	cd "$BATS_TEST_TMPDIR"
	run brm -C "$P" add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	[ "$output" = "acme-corp" ]
	[ -f "$P/customers/acme-corp.yaml" ]
	BRM_DIR="$P" run brm show acme-corp --format json
	[ "$status" -eq 0 ]
	[[ "$output" == *'"name": "Acme Corp"'* ]]
	# -C also takes its value attached, and wins over BRM_DIR
	BRM_DIR="$BATS_TEST_TMPDIR/nowhere" run brm -C"$P" list customers --format tsv
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = $'acme-corp\tAcme Corp\texternal\tactive\t' ]
}

@test "several -C compose as in git; -C '' changes nothing" {
	brm add-customer "Acme Corp" >/dev/null
	mkdir -p "$BATS_TEST_TMPDIR/a/b"
	cd "$BATS_TEST_TMPDIR/a/b"
	# each relative -C is taken from the one before
	run --separate-stderr brm -C "$BATS_TEST_TMPDIR" -C p list customers --format tsv
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = $'acme-corp\tAcme Corp\texternal\tactive\t' ]
	run --separate-stderr brm -C .. -C ../p -Ccustomers show acme
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id: acme-corp" ]
	# an absolute one starts afresh
	run --separate-stderr brm -C nowhere -C "$P" show acme
	[ "$status" -eq 0 ]
	# an empty one is no step at all: not the current directory, and
	# BRM_DIR still applies
	run --separate-stderr brm -C "$P" -C '' show acme
	[ "$status" -eq 0 ]
	BRM_DIR="$P" run --separate-stderr brm -C '' show acme
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id: acme-corp" ]
	# the first relative -C is taken from the current directory, not
	# from BRM_DIR, and wins over it
	BRM_DIR="$P" run --separate-stderr brm -C customers show acme
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: cannot use 'customers': No such file or directory" ]
}

@test "an empty BRM_DIR is ignored" {
	brm add-customer "Acme Corp" >/dev/null
	BRM_DIR= run brm show acme
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id: acme-corp" ]
}

@test "the portfolio is found from a subdirectory" {
	brm add-customer "Acme Corp" >/dev/null
	cd customers
	run brm show acme
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id: acme-corp" ]
}

@test "outside a portfolio: exit 1 and a hint to run brm init" {
	mkdir "$BATS_TEST_TMPDIR/plain"
	cd "$BATS_TEST_TMPDIR/plain"
	run --separate-stderr brm list customers
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: not a brm portfolio (or any of the parent directories): $BATS_TEST_TMPDIR/plain" ]
	[ "${stderr_lines[1]}" = "hint: run 'brm init' to create one, or use -C <dir> or BRM_DIR" ]
	[ -z "$(ls -A)" ]
}

@test "a git repository without .brm is not a portfolio" {
	git init -q "$BATS_TEST_TMPDIR/g"
	run --separate-stderr brm -C "$BATS_TEST_TMPDIR/g" add-customer Acme
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: '$BATS_TEST_TMPDIR/g' is a git repository but not a brm portfolio" ]
	[ "${stderr_lines[1]}" = "hint: run 'brm init' there to make it one" ]
	[ -z "$(git -C "$BATS_TEST_TMPDIR/g" status --porcelain --untracked-files=all)" ]
}

@test "-C with a directory that does not exist fails, exit 1" {
	run --separate-stderr brm -C "$BATS_TEST_TMPDIR/nowhere" list customers
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: cannot use '$BATS_TEST_TMPDIR/nowhere': No such file or directory" ]
	[ ! -e "$BATS_TEST_TMPDIR/nowhere" ]
}

@test "init commits .brm/config.yaml and .gitattributes and leaves status clean" {
	# setup() ran brm init "$P"
	[ "$(commits)" -eq 1 ]
	[ "$(git log -1 --format=%B)" = "init: create portfolio

Brm-Command: init" ]
	[ "$(git log -1 --format='%an <%ae> %ad' --date=iso-strict)" = \
	    "Olga Test <olga@example.com> 2026-11-22T10:00:00+01:00" ]
	[ "$(git show --format= --name-only HEAD | sort)" = ".brm/config.yaml
.gitattributes" ]
	[ "$(cat .gitattributes)" = "*.yaml -text merge=brm" ]
	[ "$(git config merge.brm.driver)" = "brm merge-driver %O %A %B %P" ]
	[ "$(yget .brm/config.yaml "d['provider'], d['currency'], d['complaint_response_hours']['critical']")" = \
	    "Nordlicht IT EUR 4" ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(git symbolic-ref HEAD)" = "refs/heads/main" ]
	git fsck --strict 2>&1
	run brm check
	[ "$status" -eq 0 ]
	[ "$output" = "checked 0 records: 0 errors, 0 warnings" ]
}

@test "init prints where it made the portfolio and takes --currency" {
	cd "$BATS_TEST_TMPDIR"
	run brm init q --provider "Q GmbH" --currency CHF
	[ "$status" -eq 0 ]
	[ "$output" = "Initialized brm portfolio in q" ]
	[ "$(yget q/.brm/config.yaml "d['provider'], d['currency']")" = "Q GmbH CHF" ]
}

@test "init takes a relative directory from -C's, as git does, not from BRM_DIR" {
	cd "$BATS_TEST_TMPDIR"
	mkdir x
	run --separate-stderr brm -C x init y
	[ "$status" -eq 0 ]
	[ "$output" = "Initialized brm portfolio in x/y" ]
	[ -f x/y/.brm/config.yaml ]
	[ ! -e y ]
	# -C's compose first; an absolute directory is taken as it is
	run --separate-stderr brm -C x -C y init z
	[ "$status" -eq 0 ]
	[ -f x/y/z/.brm/config.yaml ]
	run --separate-stderr brm -C x init "$BATS_TEST_TMPDIR/abs"
	[ "$status" -eq 0 ]
	[ -f abs/.brm/config.yaml ]
	# BRM_DIR picks a portfolio; it does not move relative paths
	BRM_DIR="$BATS_TEST_TMPDIR/x" run --separate-stderr brm init w
	[ "$status" -eq 0 ]
	[ -f w/.brm/config.yaml ]
	[ ! -e x/w ]
}

@test "init in an existing directory keeps what is there and commits only its files" {
	d="$BATS_TEST_TMPDIR/existing"
	mkdir "$d"
	echo "hello" >"$d/README"
	run brm init "$d"
	[ "$status" -eq 0 ]
	[ "$(git -C "$d" rev-list --count HEAD)" -eq 1 ]
	[ "$(git -C "$d" show --format= --name-only HEAD | sort)" = ".brm/config.yaml
.gitattributes" ]
	[ "$(git -C "$d" status --porcelain)" = "?? README" ]
	[ "$(cat "$d/README")" = "hello" ]
}

@test "init in an existing git repository adds one commit and keeps the user's changes" {
	d="$BATS_TEST_TMPDIR/repo"
	git init -q -b main "$d"
	cd "$d"
	echo a >a && git add a && git commit -q -m first
	echo b >>a
	echo n >new && git add new
	run brm init
	[ "$status" -eq 0 ]
	[ "$output" = "Initialized brm portfolio in ." ]
	[ "$(git rev-list --count HEAD)" -eq 2 ]
	[ "$(git log -1 --format=%s)" = "init: create portfolio" ]
	[ "$(git status --porcelain)" = " M a
A  new" ]
	# the user's staged file is not in brm's commit
	[ "$(git show --format= --name-only HEAD | sort)" = ".brm/config.yaml
.gitattributes" ]
}

@test "init keeps a repository's own .gitattributes" {
	d="$BATS_TEST_TMPDIR/attrs"
	mkdir "$d"
	echo "*.md text" >"$d/.gitattributes"
	run brm init "$d"
	[ "$status" -eq 0 ]
	[ "$(git -C "$d" show --format= --name-only HEAD)" = ".brm/config.yaml" ]
	[ "$(cat "$d/.gitattributes")" = "*.md text" ]
}

@test "init twice is refused and changes nothing" {
	before=$(snapshot)
	run --separate-stderr brm init "$P"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: '$P' is already a brm portfolio" ]
	unchanged_since "$before"
	# the same from inside, without an argument
	run --separate-stderr brm init
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: '.' is already a brm portfolio" ]
	unchanged_since "$before"
}

@test "init refused over a stray .brm/config.yaml creates no repository" {
	d="$BATS_TEST_TMPDIR/stray"
	mkdir -p "$d/.brm"
	echo "provider: x" >"$d/.brm/config.yaml"
	run --separate-stderr brm init "$d"
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: '$d' is already a brm portfolio" ]
	[ ! -e "$d/.git" ]
}

@test "exit status: 0 success, 1 failure, 2 usage" {
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	run brm show nobody
	[ "$status" -eq 1 ]
	[ "$output" = "brm: error: no record 'nobody'" ]
	run brm show
	[ "$status" -eq 2 ]
	run brm show acme --format xml
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "brm: error: unknown format 'xml' (expected yaml or json)" ]
}

@test "a write error on stdout is reported, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr bash -c '"$1" --version >/dev/full' _ "$BRM"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "brm: error: cannot write to standard output: "* ]]
}
