#!/usr/bin/env bats
# brm clone, sync and resolve: clones of a bare repository on this
# machine, each working as its own person, and the record-aware merge
# (also as git's merge driver).
load helpers
bats_require_minimum_version 1.5.0

setup() {
	pin_env
	R="$BATS_TEST_TMPDIR/remote.git"
	A="$BATS_TEST_TMPDIR/olga"
	B="$BATS_TEST_TMPDIR/ivan"
	git init -q --bare "$R"
	brm init "$A" --provider "Nordlicht IT" >/dev/null
	git -C "$A" remote add origin "$R"
	olga add-customer "Acme Corp" >/dev/null
	olga add-service CRM --id crm >/dev/null
	olga subscribe acme-corp crm >/dev/null
	olga sync >/dev/null
	brm clone "file://$R" "$B" >/dev/null
	cd "$BATS_TEST_TMPDIR"
}

olga() { brm -C "$A" "$@"; }

ivan() {
	GIT_AUTHOR_NAME="Ivan Petrov" GIT_AUTHOR_EMAIL=ivan@example.com \
	GIT_COMMITTER_NAME="Ivan Petrov" GIT_COMMITTER_EMAIL=ivan@example.com \
	    brm -C "$B" "$@"
}

# healthy DIR...: git fsck --strict and brm check pass, nothing is left
# uncommitted, no merge is pending; and the remote passes fsck too
healthy() {
	local d
	for d in "$@"; do
		git -C "$d" fsck --strict >/dev/null 2>&1 ||
			{ git -C "$d" fsck --strict >&2; return 1; }
		brm -C "$d" check >/dev/null ||
			{ brm -C "$d" check >&2; return 1; }
		[ -z "$(git -C "$d" status --porcelain --untracked-files=all)" ] ||
			{ git -C "$d" status --porcelain >&2; return 1; }
		[ ! -e "$d/.git/brm-merge" ]
	done
	git --git-dir="$R" fsck --strict >/dev/null 2>&1 ||
		{ git --git-dir="$R" fsck --strict >&2; return 1; }
}

# agree DIR...: every clone is at the remote's commit
agree() {
	local d want
	want=$(git --git-dir="$R" rev-parse main)
	for d in "$@"; do
		[ "$(git -C "$d" rev-parse HEAD)" = "$want" ] ||
			{ echo "$d is not at the remote's $want" >&2; return 1; }
	done
}

# field DIR FILE EXPR: a value of a record, read by PyYAML
field() { yget "$1/$2" "$3"; }

# ids DIR KIND: the ids brm list shows, sorted, on one line
ids() {
	brm -C "$1" list "$2" --format tsv | tail -n +2 | cut -f1 | sort |
		tr '\n' ' ' | sed 's/ $//'
}

# count DIR KIND: how many records brm list shows
count() { brm -C "$1" list "$2" --format tsv | tail -n +2 | wc -l; }

@test "clone: a working portfolio, set up for sync and git merges" {
	[ -f "$B/.brm/config.yaml" ]
	[ "$(ids "$B" customers)" = "acme-corp" ]
	[ "$(git -C "$B" config merge.brm.driver)" = \
	    "brm merge-driver %O %A %B %P" ]
	[ -n "$(git -C "$B" config merge.brm.name)" ]
	[ "$(git -C "$B" rev-parse --abbrev-ref main@{upstream})" = "origin/main" ]
	[ "$(git -C "$A" rev-parse --abbrev-ref main@{upstream})" = "origin/main" ]
	agree "$A" "$B"
	healthy "$A" "$B"
	# the directory defaults to the URL's last part
	run brm clone "$R"
	[ "$status" -eq 0 ]
	[ "$output" = "Cloned $R into remote" ]
	[ -f remote/.brm/config.yaml ]
	# a directory in the way
	run brm clone "$R" "$B"
	[ "$status" -eq 1 ]
	[[ "$output" == *"brm: error: cannot clone '$R': "* ]]
}

@test "clone puts a relative directory in -C's, as git does" {
	mkdir x
	run --separate-stderr brm -C x clone "$R" c
	[ "$status" -eq 0 ]
	[ "$output" = "Cloned $R into x/c" ]
	[ -f x/c/.brm/config.yaml ]
	[ ! -e c ]
	# the default directory too
	run --separate-stderr brm -C x clone "$R"
	[ "$status" -eq 0 ]
	[ "$output" = "Cloned $R into x/remote" ]
	[ -f x/remote/.brm/config.yaml ]
	# BRM_DIR picks a portfolio; it does not move the clone
	BRM_DIR="$A" run --separate-stderr brm clone "$R" d
	[ "$status" -eq 0 ]
	[ -f d/.brm/config.yaml ]
	[ ! -e "$A/d" ]
}

@test "clone takes a relative path to clone from in -C's directory, as git does" {
	mkdir x
	run --separate-stderr brm -C x clone ../remote.git c
	[ "$status" -eq 0 ]
	[ "$output" = "Cloned ../remote.git into x/c" ]
	[ "$(ids x/c customers)" = "acme-corp" ]
	# the clone syncs from anywhere
	[[ "$(git -C x/c config remote.origin.url)" == /* ]]
	run brm -C x/c sync
	[ "$status" -eq 0 ]
	[ "$output" = "up to date with origin/main" ]
	# without -C, or with BRM_DIR, from the current directory
	run --separate-stderr brm clone remote.git d
	[ "$status" -eq 0 ]
	[ "$(ids d customers)" = "acme-corp" ]
	BRM_DIR="$A" run --separate-stderr brm clone remote.git e
	[ "$status" -eq 0 ]
	[ -f e/.brm/config.yaml ]
	# not there from -C's directory: nothing is made
	run --separate-stderr brm -C x clone remote.git f
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == "brm: error: cannot clone 'x/remote.git': "* ]]
	[ ! -e x/f ] && [ ! -e f ]
}

@test "clone of an empty repository says how to start a portfolio" {
	git init -q --bare --initial-branch=main empty.git
	run --separate-stderr brm clone "$PWD/empty.git" e
	[ "$status" -eq 0 ]
	[ "$output" = "Cloned $PWD/empty.git into e" ]
	[[ "$stderr" == *"holds no brm portfolio yet"*"brm init e"* ]]
	brm init e >/dev/null
	run brm -C e sync
	[ "$status" -eq 0 ]
	[ "$output" = "pushed 1 commit to origin/main (a new branch)" ]
	git --git-dir=empty.git rev-parse main
	[ "$(git --git-dir=empty.git symbolic-ref HEAD)" = "refs/heads/main" ]
}

@test "sync with nothing to do changes nothing" {
	before=$(git -C "$A" rev-parse HEAD)
	run olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "up to date with origin/main" ]
	run ivan sync
	[ "$status" -eq 0 ]
	[ "$output" = "up to date with origin/main" ]
	[ "$(git -C "$A" rev-parse HEAD)" = "$before" ]
	agree "$A" "$B"
	healthy "$A" "$B"
}

@test "sync without a remote fails with a clear message" {
	brm init lone >/dev/null
	run --separate-stderr brm -C lone sync
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: this portfolio has no remote to sync with" ]
	[ "${stderr_lines[1]}" = "hint: add the team's shared repository first: git remote add origin <url>" ]
	run --separate-stderr olga sync upstream
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: no remote 'upstream'" ]
	[[ "${stderr_lines[1]}" == *"the remotes are: origin"* ]]
	# an unreachable remote
	git -C lone remote add origin "$BATS_TEST_TMPDIR/nowhere.git"
	run --separate-stderr brm -C lone sync
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == "brm: error: cannot fetch from '$BATS_TEST_TMPDIR/nowhere.git': "* ]]
	run brm sync -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: brm sync [--abort] [<remote>]" ]
}

@test "edits to different records: fast-forward, merge, both clones get both" {
	olga log-meeting acme-corp --kind daily --summary "Weekly call" >/dev/null
	olga log-meeting acme-corp --kind escalation --summary "Outage" >/dev/null
	run olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "pushed 2 commits to origin/main" ]
	ivan add-customer "Globex" >/dev/null
	run ivan sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "from origin: 2 new meetings by Olga Test" ]
	[ "${lines[1]}" = "pushed 2 commits to origin/main" ]
	[ "$(git -C "$B" log -1 --format=%s)" = "sync: merge origin/main" ]
	[ "$(git -C "$B" log -1 --format=%an)" = "Ivan Petrov" ]
	[ "$(git -C "$B" rev-list --count --merges HEAD)" -eq 1 ]
	run olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "from origin: 1 new customer by Ivan Petrov" ]
	# a fast-forward: no merge commit of Olga's
	[ "$(git -C "$A" rev-list --count --merges HEAD)" -eq 1 ]
	agree "$A" "$B"
	healthy "$A" "$B"
	for d in "$A" "$B"; do
		[ "$(ids "$d" customers)" = "acme-corp globex" ]
		[ "$(count "$d" meetings)" -eq 2 ]
	done
}

@test "different fields of one record merge field by field" {
	olga set acme-corp status=former >/dev/null
	olga add-contact acme-corp "John Doe" --role sponsor >/dev/null
	olga sync >/dev/null
	ivan set acme-corp business="Online retail" >/dev/null
	ivan add-contact acme-corp "Jane Roe" --role user >/dev/null
	ivan subscribe acme-corp crm --availability 99.9 >/dev/null
	run ivan sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "from origin: 1 customer changed, 1 new contact by Olga Test" ]
	[ "${lines[1]}" = "merged field by field: customers/acme-corp.yaml" ]
	[ "${lines[2]}" = "pushed 4 commits to origin/main" ]
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	for d in "$A" "$B"; do
		f=customers/acme-corp.yaml
		[ "$(field "$d" $f "d['status']")" = "former" ]
		[ "$(field "$d" $f "d['business']")" = "Online retail" ]
		[ "$(field "$d" $f "[c['name'] for c in d['contacts']]")" = \
		    "['John Doe', 'Jane Roe']" ]
		[ "$(field "$d" $f "d['services'][0]['sla']['availability']")" = "99.9" ]
	done
	# the merge commit says which records it merged
	git -C "$B" log -1 --format=%B | grep -qx '  customers/acme-corp.yaml'
	git -C "$B" log -1 --format=%B | grep -qx 'Brm-Command: sync'
}

@test "the same field changed twice: conflict, nothing pushed, resolve, sync" {
	olga set acme-corp status=former >/dev/null
	olga sync >/dev/null
	remote=$(git --git-dir="$R" rev-parse main)
	ivan set acme-corp status=prospect >/dev/null
	ivan log-meeting acme-corp --kind daily >/dev/null
	before=$(git -C "$B" rev-parse HEAD)
	run --separate-stderr ivan sync
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "from origin: 1 customer changed by Olga Test" ]
	[ "${lines[1]}" = "1 conflict between this clone (ours) and origin/main (theirs):" ]
	[ "${lines[2]}" = "conflict in customer acme-corp (customers/acme-corp.yaml):" ]
	[ "${lines[3]}" = "  status: ours 'prospect', theirs 'former' (was 'active')" ]
	[ "${lines[4]}" = "    pick one: brm resolve acme-corp status --ours|--theirs|--value <value>" ]
	[ "${stderr_lines[0]}" = "brm: error: cannot merge origin/main: 1 conflict; nothing was committed or pushed" ]
	# nothing committed, nothing pushed, nothing half-merged
	[ "$(git -C "$B" rev-parse HEAD)" = "$before" ]
	[ "$(git --git-dir="$R" rev-parse main)" = "$remote" ]
	[ -z "$(git -C "$B" status --porcelain)" ]
	[ "$(field "$B" customers/acme-corp.yaml "d['status']")" = "prospect" ]
	[ -f "$B/.git/brm-merge/state.yaml" ]
	# syncing again does not push either
	run ivan sync
	[ "$status" -eq 1 ]
	[ "$(git --git-dir="$R" rev-parse main)" = "$remote" ]
	# choices are checked
	run ivan resolve acme-corp status
	[ "$status" -eq 2 ]
	cp "$B/.git/brm-merge/state.yaml" state.before
	run --separate-stderr ivan resolve acme-corp --value former
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "brm: error: --value needs a field" ]
	cmp "$B/.git/brm-merge/state.yaml" state.before
	run --separate-stderr ivan resolve globex status --theirs
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: 'globex' has no conflict to resolve" ]
	[ "${stderr_lines[1]}" = "hint: the conflicts are in: acme-corp" ]
	run --separate-stderr ivan resolve acme-corp status --value nonsense
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == *"--value"*"nonsense"* ]]
	run ivan resolve acme-corp status --theirs
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "resolved acme-corp status: theirs ('former')" ]
	[ "${lines[1]}" = "no conflicts left: run 'brm sync' to commit the merge and push" ]
	run ivan sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "merged origin/main, with the conflicts resolved" ]
	[[ "$output" == *"pushed 3 commits to origin/main"* ]]
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	[ "$(field "$A" customers/acme-corp.yaml "d['status']")" = "former" ]
	[ "$(field "$B" customers/acme-corp.yaml "d['status']")" = "former" ]
	[ "$(count "$A" meetings)" -eq 1 ]
}

@test "a conflict settled with --value, and a merge dropped with --abort" {
	olga set acme-corp status=former name="Acme Inc" >/dev/null
	olga sync >/dev/null
	ivan set acme-corp status=prospect name="ACME" >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"2 conflicts"*"  name: ours 'ACME', theirs 'Acme Inc' (was 'Acme Corp')"*"  status: ours 'prospect', theirs 'former' (was 'active')"* ]]
	run ivan resolve acme-corp name --ours
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "resolved acme-corp name: ours ('ACME')" ]
	[ "${lines[1]}" = "1 conflict between this clone (ours) and origin/main (theirs):" ]
	# changing one's mind: a later choice for the same field wins
	run ivan resolve acme-corp name --theirs
	[ "$status" -eq 0 ]
	run ivan sync --abort
	[ "$status" -eq 0 ]
	[ "$output" = "dropped the merge of origin/main; nothing had been committed" ]
	[ ! -e "$B/.git/brm-merge" ]
	run --separate-stderr ivan sync --abort
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: no merge is waiting for its conflicts to be resolved" ]
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"2 conflicts"* ]]
	ivan resolve acme-corp name --ours >/dev/null
	run ivan resolve acme-corp status --value active
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "resolved acme-corp status: 'active'" ]
	ivan sync >/dev/null
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	[ "$(field "$A" customers/acme-corp.yaml "d['status'], d['name']")" = "active ACME" ]
}

@test "a complaint resolved on one side and reopened on the other" {
	id=$(ivan record-complaint acme-corp --service crm --summary "Slow tickets" \
	    --received 2026-11-16T09:00:00+01:00)
	ivan ack-complaint "$id" --at 2026-11-16T10:00:00+01:00 >/dev/null
	ivan sync >/dev/null
	olga sync >/dev/null
	f=$(git -C "$A" ls-files complaints)
	# Olga resolves it; Ivan had resolved it too, and reopened it since
	olga resolve-complaint "$id" --resolution "Second on-call engineer" \
	    --at 2026-11-20T12:00:00+01:00 >/dev/null
	olga sync >/dev/null
	ivan resolve-complaint "$id" --resolution "Restarted the queue" \
	    --at 2026-11-18T10:00:00+01:00 >/dev/null
	ivan reopen-complaint "$id" --reason "Slow again" \
	    --at 2026-11-19T09:00:00+01:00 >/dev/null
	run ivan sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "from origin: 1 complaint resolved by Olga Test" ]
	[ "${lines[1]}" = "merged field by field: $f" ]
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	# Olga's resolution stands, after Ivan's reopening, which is kept
	for d in "$A" "$B"; do
		[ "$(field "$d" "$f" "d['status'], d['resolution']")" = \
		    "resolved Second on-call engineer" ]
		[ "$(field "$d" "$f" "[(r['reason'], str(r['resolved'])) for r in d['reopened']]")" = \
		    "[('Slow again', '2026-11-18 10:00:00+01:00')]" ]
	done
}

@test "a complaint closed on one side and reopened on the other" {
	id=$(olga record-complaint acme-corp --service crm --summary "Slow tickets" \
	    --received 2026-11-16T09:00:00+01:00)
	olga ack-complaint "$id" --at 2026-11-16T10:00:00+01:00 >/dev/null
	olga resolve-complaint "$id" --resolution "Restarted the queue" \
	    --at 2026-11-17T10:00:00+01:00 >/dev/null
	olga sync >/dev/null
	ivan sync >/dev/null
	olga close-complaint "$id" --satisfied yes \
	    --at 2026-11-18T10:00:00+01:00 >/dev/null
	olga sync >/dev/null
	ivan reopen-complaint "$id" --reason "Slow again" \
	    --at 2026-11-19T09:00:00+01:00 >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"conflict in complaint $id ("*"  status: ours 'acknowledged', theirs 'closed' (was 'resolved')"* ]]
	# Ivan's status alone would leave the closing stamps: not a valid
	# complaint, so still a conflict, with the way out
	run ivan resolve "$id" status --ours
	[ "$status" -eq 0 ]
	[[ "$output" == *"the merged record would be invalid: "*"'closed' is set but the status is 'acknowledged'"* ]]
	[[ "$output" == *"take one side whole: brm resolve $id --ours|--theirs"* ]]
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"would be invalid"* ]]
	run ivan resolve "${id:0:14}" --ours
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "resolved $id: ours (the whole record)" ]
	ivan sync >/dev/null
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	f=$(git -C "$A" ls-files complaints)
	[ "$(field "$A" "$f" "d['status'], len(d['reopened'])")" = "acknowledged 1" ]
}

@test "a record deleted on one side and edited on the other" {
	olga add-customer "Globex" >/dev/null
	olga sync >/dev/null
	ivan sync >/dev/null
	olga rm globex >/dev/null
	olga sync >/dev/null
	ivan set globex status=former >/dev/null
	before=$(git -C "$B" rev-parse HEAD)
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"conflict in customer globex (customers/globex.yaml):"* ]]
	[[ "$output" == *"  the record: ours changed it, theirs deleted it"* ]]
	[[ "$output" == *"    pick one: brm resolve globex --ours|--theirs"* ]]
	[ "$(git -C "$B" rev-parse HEAD)" = "$before" ]
	[ -f "$B/customers/globex.yaml" ]
	run ivan resolve globex --theirs
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "resolved globex: theirs (the whole record)" ]
	ivan sync >/dev/null
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	[ ! -e "$A/customers/globex.yaml" ]
	[ ! -e "$B/customers/globex.yaml" ]
	# and the other way round: the edit kept, the record back
	olga add-customer "Initech" >/dev/null
	olga sync >/dev/null
	ivan sync >/dev/null
	olga set initech status=former >/dev/null
	olga sync >/dev/null
	ivan rm initech >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"  the record: ours deleted it, theirs changed it"* ]]
	ivan resolve initech --theirs >/dev/null
	ivan sync >/dev/null
	olga sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
	[ "$(field "$B" customers/initech.yaml "d['status']")" = "former" ]
}

@test "uncommitted edits in the way stop the sync before anything moves" {
	olga set acme-corp status=former >/dev/null
	olga sync >/dev/null
	echo "notes: by hand" >>"$B/customers/acme-corp.yaml"
	before=$(git -C "$B" rev-parse HEAD)
	run --separate-stderr ivan sync
	[ "$status" -eq 1 ]
	[[ "${stderr_lines[0]}" == "brm: error: cannot sync: it would overwrite changes not committed yet in 'customers/acme-corp.yaml'" ]]
	[ "$(git -C "$B" rev-parse HEAD)" = "$before" ]
	[ "$(tail -n 1 "$B/customers/acme-corp.yaml")" = "notes: by hand" ]
	git -C "$B" checkout -q -- customers/acme-corp.yaml
	ivan sync >/dev/null
	agree "$A" "$B"
	healthy "$A" "$B"
}

@test "push race: clones syncing at the same time lose no commit" {
	C="$BATS_TEST_TMPDIR/anna"
	brm clone "$R" "$C" >/dev/null
	local round d p1 p2 p3
	for round in 1 2 3; do
		olga log-meeting acme-corp --kind daily --summary "olga $round" >/dev/null
		ivan log-meeting acme-corp --kind daily --summary "ivan $round" >/dev/null
		brm -C "$C" add-customer "Customer $round" >/dev/null
		olga set acme-corp notes="olga $round" >/dev/null
		olga sync >olga.out 2>&1 & p1=$!
		ivan sync >ivan.out 2>&1 & p2=$!
		brm -C "$C" sync >anna.out 2>&1 & p3=$!
		wait $p1 || { cat olga.out >&2; return 1; }
		wait $p2 || { cat ivan.out >&2; return 1; }
		wait $p3 || { cat anna.out >&2; return 1; }
	done
	for d in "$A" "$B" "$C" "$A" "$B"; do
		brm -C "$d" sync >/dev/null
	done
	agree "$A" "$B" "$C"
	healthy "$A" "$B" "$C"
	# every commit each clone made is in the remote's history
	for d in "$A" "$B" "$C"; do
		for c in $(git -C "$d" rev-list HEAD); do
			git --git-dir="$R" merge-base --is-ancestor "$c" main
		done
	done
	[ "$(count "$C" meetings)" -eq 6 ]
	[ "$(count "$A" customers)" -eq 4 ]
	[ "$(field "$B" customers/acme-corp.yaml "d['notes']")" = "olga 3" ]
}

@test "brm resolve without a pending merge" {
	run --separate-stderr olga resolve acme-corp status --ours
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: no merge is waiting for its conflicts to be resolved" ]
	run olga resolve acme-corp
	[ "$status" -eq 2 ]
	run olga resolve acme-corp --ours --theirs
	[ "$status" -eq 2 ]
}

@test "a damaged pending merge: one clear message, and --abort drops it" {
	olga set acme-corp status=former >/dev/null
	olga sync >/dev/null
	ivan set acme-corp status=prospect >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	state="$B/.git/brm-merge/state.yaml"
	printf 'remote: [origin\n' >"$state"
	cp "$state" damaged.yaml
	head=$(git -C "$B" rev-parse HEAD)
	for cmd in "resolve acme-corp status --theirs" "sync"; do
		run --separate-stderr ivan $cmd
		[ "$status" -eq 1 ]
		[ -z "$output" ]
		[ "${stderr_lines[0]}" = "brm: error: the pending merge in '$state' is damaged: did not find expected ',' or ']' (while parsing a flow sequence) ($state:2:1)" ]
		[ "${stderr_lines[1]}" = "hint: drop it with 'brm sync --abort' and sync again" ]
		[ "${#stderr_lines[@]}" -eq 2 ]
		cmp "$state" damaged.yaml
		[ "$(git -C "$B" rev-parse HEAD)" = "$head" ]
	done
	# what the hint says works
	run ivan sync --abort
	[ "$status" -eq 0 ]
	[ "$output" = "dropped the damaged pending merge; nothing had been committed" ]
	[ ! -e "$B/.git/brm-merge" ]
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"  status: ours 'prospect', theirs 'former' (was 'active')"* ]]
}

@test "a sync that cannot fetch or push claims nothing on stdout" {
	mv "$R" "$R.away"
	run --separate-stderr olga sync
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == "brm: error: cannot fetch from '$R': "* ]]
	mv "$R.away" "$R"
	# someone holds the remote's branch: every push is refused
	ivan log-meeting acme-corp --kind daily >/dev/null
	remote=$(git --git-dir="$R" rev-parse main)
	: >"$R/refs/heads/main.lock"
	run --separate-stderr ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" != *"up to date"* ]]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "brm: error: cannot push to origin: it kept changing while brm merged" ]
	[ "$(git --git-dir="$R" rev-parse main)" = "$remote" ]
	rm "$R/refs/heads/main.lock"
	run ivan sync
	[ "$status" -eq 0 ]
	[ "$output" = "pushed 1 commit to origin/main" ]
}

@test "a field cannot be chosen in a file that is not a record, or a deleted record" {
	olga add-customer "Globex" >/dev/null
	echo one >"$A/notes.txt"
	git -C "$A" add notes.txt
	git -C "$A" commit -qm "notes"
	olga sync >/dev/null
	ivan sync >/dev/null
	echo two >"$A/notes.txt"
	git -C "$A" commit -qam "notes: two"
	olga rm globex >/dev/null
	olga sync >/dev/null
	echo three >"$B/notes.txt"
	git -C "$B" commit -qam "notes: three"
	ivan set globex status=former >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"2 conflicts between"* ]]
	state="$B/.git/brm-merge/state.yaml"
	cp "$state" state.before
	cd "$B"
	before=$(snapshot)
	run --separate-stderr ivan resolve notes.txt status --ours
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: cannot choose 'status' of notes.txt: both sides changed this file, which is not a record, in the same place" ]
	[ "${stderr_lines[1]}" = "hint: only the whole file can be taken: brm resolve notes.txt --ours|--theirs" ]
	run ivan resolve notes.txt status --value x
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "brm: error: cannot choose 'status' of notes.txt: "* ]]
	for side in --ours --theirs; do
		run --separate-stderr ivan resolve globex status $side
		[ "$status" -eq 1 ]
		[ "${stderr_lines[0]}" = "brm: error: cannot choose 'status' of globex: ours changed it, theirs deleted it" ]
		[ "${stderr_lines[1]}" = "hint: only the whole record can be taken: brm resolve globex --ours|--theirs" ]
	done
	cmp "$state" "$BATS_TEST_TMPDIR/state.before"
	unchanged_since "$before"
	# a whole choice made, a field choice after it is refused too, and
	# the whole choice stands
	ivan resolve globex --ours >/dev/null
	cp "$state" "$BATS_TEST_TMPDIR/state.before"
	run ivan resolve globex status --ours
	[ "$status" -eq 1 ]
	cmp "$state" "$BATS_TEST_TMPDIR/state.before"
	run ivan resolve notes.txt --theirs
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "no conflicts left: run 'brm sync' to commit the merge and push" ]
	ivan sync >/dev/null
	olga sync >/dev/null
	agree "$A" "$B"
	[ "$(cat "$B/notes.txt")" = "two" ]
	[ "$(field "$A" customers/globex.yaml "d['status']")" = "former" ]
}

@test "a branch other than main: its short name wherever sync and resolve name it" {
	git -C "$A" switch -q -c team/crm
	olga set acme-corp notes="on the branch" >/dev/null
	run olga sync
	[ "$status" -eq 0 ]
	[[ "$output" == "pushed "*" to origin/team/crm (a new branch)" ]]
	[ "$(git -C "$A" rev-parse --abbrev-ref team/crm@{upstream})" = "origin/team/crm" ]
	git -C "$B" fetch -q origin
	git -C "$B" switch -q --no-track -c team/crm origin/team/crm
	olga set acme-corp status=former name="Acme Inc" >/dev/null
	olga sync >/dev/null
	ivan set acme-corp status=prospect name="ACME" >/dev/null
	run ivan sync
	[ "$status" -eq 1 ]
	[[ "$output" == *"2 conflicts between this clone (ours) and origin/team/crm (theirs):"* ]]
	run ivan resolve acme-corp name --ours
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "1 conflict between this clone (ours) and origin/team/crm (theirs):" ]
	git -C "$B" switch -q main
	run --separate-stderr ivan sync
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: a merge of origin/team/crm is waiting for its conflicts to be resolved" ]
	git -C "$B" switch -q team/crm
	run ivan sync --abort
	[ "$status" -eq 0 ]
	[ "$output" = "dropped the merge of origin/team/crm; nothing had been committed" ]
}

@test "a new branch: only the commits the remote has on no branch are counted" {
	olga log-meeting acme-corp --kind daily >/dev/null
	olga sync >/dev/null
	git -C "$A" switch -q -c team/crm
	olga set acme-corp notes="on the branch" >/dev/null
	run --separate-stderr olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "pushed 1 commit to origin/team/crm (a new branch)" ]
	[ "$(git --git-dir="$R" rev-parse team/crm)" = "$(git -C "$A" rev-parse HEAD)" ]
	# a branch with nothing new is still created on the remote
	git -C "$A" switch -q -c team/empty main
	run --separate-stderr olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "created origin/team/empty, with no commits new to origin" ]
	[ "$(git --git-dir="$R" rev-parse team/empty)" = "$(git -C "$A" rev-parse main)" ]
	run olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "up to date with origin/team/empty" ]
}

@test "a remote's push URL (remote.origin.pushurl) takes the pushes; the fetch URL is left alone" {
	# fetch from a mirror of the shared repository that lags behind it
	P="$BATS_TEST_TMPDIR/primary.git"
	git clone -q --bare "$R" "$P"
	git -C "$A" config remote.origin.pushurl "$P"
	fetched=$(git --git-dir="$R" rev-parse main)
	olga add-customer "Globex" >/dev/null
	run --separate-stderr olga sync
	[ "$status" -eq 0 ]
	[ "$output" = "pushed 1 commit to origin/main" ]
	[ "$(git --git-dir="$P" rev-parse main)" = "$(git -C "$A" rev-parse HEAD)" ]
	# again while the mirror still holds the old commit
	olga add-customer "Initech" >/dev/null
	run --separate-stderr olga sync
	[ "$status" -eq 0 ]
	[[ "$output" == "pushed "*" to origin/main" ]]
	[ "$(git --git-dir="$P" rev-parse main)" = "$(git -C "$A" rev-parse HEAD)" ]
	[ "$(git --git-dir="$R" rev-parse main)" = "$fetched" ]
	git --git-dir="$P" fsck --strict
	# commits the push repository has and the clone has not fetched
	# yet: refused, as git refuses a push that is not a fast-forward
	git -C "$B" config remote.origin.pushurl "$P"
	ivan log-meeting acme-corp --kind daily >/dev/null
	cd "$B"
	before=$(snapshot)
	run --separate-stderr ivan sync
	[ "$status" -eq 1 ]
	[ "$(git --git-dir="$P" rev-parse main)" = "$(git -C "$A" rev-parse HEAD)" ]
	unchanged_since "$before"
}

@test "git merge uses brm's merge driver: fields merge, conflicts are marked" {
	export PATH="$(dirname "$BRM"):$PATH"
	[ "$(type -P brm)" -ef "$BRM" ] || skip "the brm binary is not named brm"
	olga set acme-corp status=former >/dev/null
	olga sync >/dev/null
	ivan set acme-corp business="Retail" >/dev/null
	# plain git: a pull that merges one record changed on both sides
	git -C "$B" -c pull.rebase=false pull -q --no-edit origin main
	[ "$(field "$B" customers/acme-corp.yaml "d['status'], d['business']")" = \
	    "former Retail" ]
	brm -C "$B" check >/dev/null
	git -C "$B" push -q origin main
	olga sync >/dev/null
	# the same field: git stops, with the notes and markers
	olga set acme-corp status=active >/dev/null
	olga sync >/dev/null
	ivan set acme-corp status=prospect >/dev/null
	run git -C "$B" -c pull.rebase=false pull --no-edit origin main
	[ "$status" -ne 0 ]
	[[ "$output" == *"brm: customers/acme-corp.yaml: conflict in status: ours 'prospect', theirs 'active'"* ]]
	grep -q '^<<<<<<< ' "$B/customers/acme-corp.yaml"
	git -C "$B" merge --abort
}

@test "brm merge-driver merges three files and exits as git expects" {
	cat >base.yaml <<-'EOF'
	id: acme-corp
	name: Acme Corp
	contacts:
	- name: John Doe
	  role: sponsor
	EOF
	cat >ours.yaml <<-'EOF'
	id: acme-corp
	name: Acme Corp
	status: former
	contacts:
	- name: John Doe
	  role: sponsor
	- name: Jane Roe
	EOF
	cat >theirs.yaml <<-'EOF'
	id: acme-corp
	name: Acme Corp
	contacts:
	- name: Zed Zero
	- name: John Doe
	  role: stakeholder
	EOF
	run brm merge-driver base.yaml ours.yaml theirs.yaml customers/acme-corp.yaml
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(cat ours.yaml)" = "id: acme-corp
name: Acme Corp
status: former
contacts:
- name: Zed Zero
- name: John Doe
  role: stakeholder
- name: Jane Roe" ]
	# a conflict: markers in ours, notes on stderr, exit 1
	printf 'id: acme-corp\nname: Acme\n' >base.yaml
	printf 'id: acme-corp\nname: Acme A\n' >ours.yaml
	printf 'id: acme-corp\nname: Acme B\n' >theirs.yaml
	run --separate-stderr brm merge-driver base.yaml ours.yaml theirs.yaml customers/acme-corp.yaml
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: customers/acme-corp.yaml: conflict in name: ours 'Acme A', theirs 'Acme B'" ]
	grep -qx '<<<<<<< ours' ours.yaml
	grep -qx '>>>>>>> theirs' ours.yaml
	# a merged record that would be invalid is a conflict too
	printf 'id: acme-corp\nname: Acme\n' >base.yaml
	printf 'id: acme-corp\nname: Acme\nstatus: former\n' >ours.yaml
	printf 'id: acme-corp\n' >theirs.yaml
	run --separate-stderr brm merge-driver base.yaml ours.yaml theirs.yaml customers/acme-corp.yaml
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"the merged record would be invalid"* ]]
	# files brm cannot read as records fall back to git's text merge
	printf 'a\nb\nc\n' >base.yaml
	printf 'A\nb\nc\n' >ours.yaml
	printf 'a\nb\nC\n' >theirs.yaml
	run --separate-stderr brm merge-driver base.yaml ours.yaml theirs.yaml notes.yaml
	[ "$status" -eq 0 ]
	[ "$(cat ours.yaml)" = "A
b
C" ]
}
