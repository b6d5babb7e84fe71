#!/usr/bin/env bats
# The git side: concurrent writers, the user's own changes, hand-added
# fields, text round-trips, identity.
load helpers
bats_require_minimum_version 1.5.0

@test "10 concurrent add-customer writers: 10 records, 11 commits, fsck clean" {
	local pids=() i
	for i in 0 1 2 3 4 5 6 7 8 9; do
		brm add-customer "Customer $i" >"$BATS_TEST_TMPDIR/out$i" \
		    2>"$BATS_TEST_TMPDIR/err$i" &
		pids+=($!)
	done
	for i in 0 1 2 3 4 5 6 7 8 9; do
		wait "${pids[$i]}" || { cat "$BATS_TEST_TMPDIR/err$i" >&2; return 1; }
		[ "$(cat "$BATS_TEST_TMPDIR/out$i")" = "customer-$i" ]
		[ ! -s "$BATS_TEST_TMPDIR/err$i" ]
	done
	[ "$(git ls-tree --name-only HEAD customers/)" = "$(printf 'customers/customer-%d.yaml\n' 0 1 2 3 4 5 6 7 8 9)" ]
	[ "$(commits)" -eq 11 ]
	# a straight line of commits, each adding exactly its own record
	[ "$(git rev-list --merges --count HEAD)" -eq 0 ]
	for c in $(git rev-list HEAD~10..HEAD); do
		id=$(git log -1 --format='%(trailers:key=Brm-Id,valueonly)' "$c")
		[ "$(git show --format= --name-status "$c")" = "A	customers/$id.yaml" ]
	done
	git fsck --strict --no-dangling 2>&1
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	run brm check
	[ "$status" -eq 0 ]
	[ "$output" = "checked 10 records: 0 errors, 0 warnings" ]
}

@test "concurrent writers to one record: every change lands, none is lost" {
	brm add-customer "Acme Corp" >/dev/null
	local pids=() i
	for i in 0 1 2 3 4 5; do
		brm set acme "outcomes+=Outcome $i" 2>"$BATS_TEST_TMPDIR/err$i" &
		pids+=($!)
	done
	for i in 0 1 2 3 4 5; do
		wait "${pids[$i]}" || { cat "$BATS_TEST_TMPDIR/err$i" >&2; return 1; }
	done
	[ "$(commits)" -eq 8 ]
	[ "$(yget customers/acme-corp.yaml "sorted(d['outcomes'])")" = \
	    "['Outcome 0', 'Outcome 1', 'Outcome 2', 'Outcome 3', 'Outcome 4', 'Outcome 5']" ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	git fsck --strict --no-dangling 2>&1
}

@test "the user's staged and unstaged changes survive and stay out of brm's commit" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-customer "Beta" >/dev/null
	echo "meeting notes" >notes.txt
	git add notes.txt
	echo "# my comment" >>customers/beta.yaml
	echo "scratch" >scratch.txt
	[ "$(git status --porcelain)" = " M customers/beta.yaml
A  notes.txt
?? scratch.txt" ]
	staged=$(git diff --cached)
	unstaged=$(git diff)
	run brm set acme status=former
	[ "$status" -eq 0 ]
	[ "$(git show --format= --name-only HEAD)" = customers/acme-corp.yaml ]
	[ "$(git status --porcelain)" = " M customers/beta.yaml
A  notes.txt
?? scratch.txt" ]
	[ "$(git diff --cached)" = "$staged" ]
	[ "$(git diff)" = "$unstaged" ]
	[ "$(tail -1 customers/beta.yaml)" = "# my comment" ]
	# and the same for a command that creates a record
	run brm add-service "CRM"
	[ "$status" -eq 0 ]
	[ "$(git show --format= --name-only HEAD)" = services/crm.yaml ]
	[ "$(git status --porcelain)" = " M customers/beta.yaml
A  notes.txt
?? scratch.txt" ]
	[ "$(git diff --cached)" = "$staged" ]
}

@test "fields added by hand are kept in place through brm set" {
	brm add-customer "Acme Corp" --review-cadence monthly >/dev/null
	brm add-customer "Beta" >/dev/null
	cat >customers/acme-corp.yaml <<-'EOF'
	# kept by the account team
	id: acme-corp
	crm_ref: "12345"
	name: Acme Corp
	kind: external
	status: active
	review:
	  cadence: monthly
	  room: B12   # the usual one
	x-legacy:
	  owner: Ann
	  tags: [gold, "2019"]
	EOF
	git commit -q -am "hand edit"
	run brm set acme status=former review.cadence=quarterly 'outcomes+=Uptime'
	[ "$status" -eq 0 ]
	[ "$(cat customers/acme-corp.yaml)" = 'id: acme-corp
crm_ref: "12345"
name: Acme Corp
kind: external
status: former
outcomes:
- Uptime
review:
  cadence: quarterly
  room: B12
x-legacy:
  owner: Ann
  tags:
  - gold
  - "2019"' ]
	[ "$(yget customers/acme-corp.yaml "d['crm_ref'], d['x-legacy']['tags']")" = "12345 ['gold', '2019']" ]
	[ -z "$(git status --porcelain)" ]
	run brm check
	[ "$status" -eq 0 ]
	# the diff of that commit touches only what changed
	[ "$(git diff HEAD~1 HEAD --stat | tail -1)" = " 1 file changed, 8 insertions(+), 5 deletions(-)" ]
}

@test "text round-trips byte-identical through the file, show --format json and PyYAML" {
	names=(yes No null "~" "- x" "a: b" "#" "a #b" "  leading" "trailing  "
	    "Привет, мир" "東京株式会社" "0x10" "1e3" "007" "+4930123" ".5" "1:20"
	    "2026-11-22" "true" "<<" "=" "it's" '"quoted"' "[a]" "{a}" "*x" "&x"
	    "!x" "%x" "@x" '`x`' "|" ">" "?" "---" "..." "emoji 😀" "a\\b" "ä ö ü")
	printf '%s\0' "${names[@]}" >"$BATS_TEST_TMPDIR/names"
	i=0
	for n in "${names[@]}"; do
		i=$((i + 1))
		run brm add-customer --id "t$i" --business "$n" -- "$n"
		[ "$status" -eq 0 ] || { echo "add-customer '$n': $output" >&2; return 1; }
	done
	brm list customers --format json >"$BATS_TEST_TMPDIR/list.json"
	# all of them in one list, rewritten by a change to another field
	args=()
	for n in "${names[@]}"; do args+=(--outcome "$n"); done
	brm add-customer "All" "${args[@]}" >/dev/null
	run brm set all status=former
	[ "$status" -eq 0 ]
	brm show all --format json >"$BATS_TEST_TMPDIR/all.json"
	[ "$(brm show all)" = "$(cat customers/all.yaml)" ]
	cd "$BATS_TEST_TMPDIR"
	py - <<-'EOF'
	import json, yaml
	names = open("names", "rb").read().decode().split("\0")[:-1]
	bad = []
	listed = {r["id"]: r for r in json.load(open("list.json", encoding="utf-8"))}
	for i, n in enumerate(names, 1):
	    y = yaml.safe_load(open(f"p/customers/t{i}.yaml", encoding="utf-8"))
	    for src, d in (("json", listed[f"t{i}"]), ("yaml", y)):
	        if (d["name"], d["business"]) != (n, n):
	            bad.append(f"{src}: {n!r} came back as {d['name']!r}")
	for src, d in (("json", json.load(open("all.json", encoding="utf-8"))),
	               ("yaml", yaml.safe_load(open("p/customers/all.yaml", encoding="utf-8")))):
	    if d["outcomes"] != names:
	        bad.append(f"{src}: outcomes came back as {d['outcomes']!r}")
	assert len(names) == 40 and not bad, "\n".join(bad)
	EOF
}

@test "multi-line text round-trips byte-identical" {
	texts=($'two\nlines' $'trailing newline\n' $'two trailing\n\n' $'  indented\nfirst' \
	    $'blank\n\nline' $'\ttab first' $'tab\tinside\n' $'# not a comment\n- not a list')
	printf '%s\0' "${texts[@]}" >"$BATS_TEST_TMPDIR/texts"
	brm add-customer "Acme Corp" >/dev/null
	i=0
	for t in "${texts[@]}"; do
		i=$((i + 1))
		run brm set acme "business=$t" "notes=$t"
		[ "$status" -eq 0 ] || { echo "set '$t': $output" >&2; return 1; }
		brm show acme --format json >"$BATS_TEST_TMPDIR/m$i.json"
		cp customers/acme-corp.yaml "$BATS_TEST_TMPDIR/m$i.yaml"
	done
	cd "$BATS_TEST_TMPDIR"
	py - <<-'EOF'
	import json, yaml
	texts = open("texts", "rb").read().decode().split("\0")[:-1]
	bad = []
	for i, t in enumerate(texts, 1):
	    for src, d in (("json", json.load(open(f"m{i}.json"))),
	                   ("yaml", yaml.safe_load(open(f"m{i}.yaml")))):
	        if (d["business"], d["notes"]) != (t, t):
	            bad.append(f"{src}: {t!r} came back as {d['business']!r}")
	assert not bad, "\n".join(bad)
	EOF
}

@test "no identity configured: exit 1 with git's kind of hint, nothing changed" {
	brm add-customer "Acme Corp" >/dev/null
	before=$(snapshot)
	mkdir "$BATS_TEST_TMPDIR/empty-home"
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	HOME="$BATS_TEST_TMPDIR/empty-home" XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/empty-home/.config" \
	    run --separate-stderr brm set acme status=former
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = 'brm: error: cannot commit: author identity unknown
hint: run
hint:   git config --global user.email "you@example.com"
hint:   git config --global user.name "Your Name"
hint: to set your account'"'"'s default identity' ]
	unchanged_since "$before"
	HOME="$BATS_TEST_TMPDIR/empty-home" XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/empty-home/.config" \
	    run --separate-stderr brm add-customer "Beta"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: cannot commit: author identity unknown" ]
	[ ! -e customers/beta.yaml ]
	unchanged_since "$before"
}

@test "identity comes from git config when GIT_* is not set, and GIT_* wins" {
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	git config user.name "Repo User"
	git config user.email "repo@example.com"
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	[ "$(git log -1 --format='%an <%ae>|%cn <%ce>')" = \
	    "Repo User <repo@example.com>|Repo User <repo@example.com>" ]
	GIT_AUTHOR_NAME="Env Author" GIT_AUTHOR_EMAIL="env@example.com" \
	    run brm set acme status=former
	[ "$status" -eq 0 ]
	[ "$(git log -1 --format='%an <%ae>|%cn <%ce>')" = \
	    "Env Author <env@example.com>|Repo User <repo@example.com>" ]
}

@test "a detached HEAD is refused and nothing changes" {
	brm add-customer "Acme Corp" >/dev/null
	git checkout -q --detach
	before=$(snapshot)
	run --separate-stderr brm set acme status=former
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == "brm: error: "*"detached"* ]]
	unchanged_since "$before"
}

@test "read-only commands never commit or touch the work tree" {
	brm add-customer "Acme Corp" >/dev/null
	brm add-service "CRM" >/dev/null
	before=$(snapshot)
	brm show acme >/dev/null
	brm show acme --format json >/dev/null
	brm list customers >/dev/null
	brm list services --format yaml >/dev/null
	brm check >/dev/null
	brm log >/dev/null
	brm log acme >/dev/null
	unchanged_since "$before"
}
