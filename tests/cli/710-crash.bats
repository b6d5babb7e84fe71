#!/usr/bin/env bats
# A crash at each step of a write (core/fault.h; the fault build
# build/faults/brm stops with _exit(99) at BRM_CRASH_AT) leaves a valid
# repository, and the next writing command settles what the crash left
# (core/journal.h), so that each record is wholly there (in HEAD, in the
# work tree and in the index) or wholly absent:
#
#   after-tmp     absent: the temporary file is removed
#   after-rename  there: the file was in place, the commit is made then
#   after-blob    there: as after-rename (the blob is left dangling)
#   after-commit  there: as after-rename (the commit is left dangling)
#   after-ref     there: the commit exists; the index entry is refreshed
#   before-index  there: as after-ref
#
# Between the crash and the next writing command, reading commands see
# the work tree: the record shows from after-rename on.
load helpers

FAULTS=${BRM_FAULTS_BIN:-$BATS_TEST_DIRNAME/../../build/faults/brm}

setup() {
	[ -x "$FAULTS" ] || skip "no fault build: make build/faults/brm"
	pin_env
	P="$BATS_TEST_TMPDIR/p"
	brm init "$P" --provider "Nordlicht IT" >/dev/null
	cd "$P"
}

# crash POINT ARGS...: the fault build stops at POINT
crash() {
	local point=$1
	shift
	run env BRM_CRASH_AT="$point" "$FAULTS" "$@"
	if [ "$status" -ne 99 ]; then
		echo "expected a crash at $point, got exit $status: $output" >&2
		return 1
	fi
}

# fsck_clean: git fsck --strict passes; dangling objects are allowed
fsck_clean() {
	run git fsck --strict --no-progress
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	if grep -v '^dangling ' <<<"$output" | grep -q .; then
		echo "$output" >&2
		return 1
	fi
}

# settled: nothing left to recover, git status clean
settled() {
	[ ! -e .git/brm-pending ] || { echo "journal left" >&2; return 1; }
	[ -z "$(git status --porcelain --untracked-files=all)" ] ||
		{ git status --porcelain --untracked-files=all >&2; return 1; }
	fsck_clean
}

# wholly_there PATH: in HEAD, in the index and in the work tree, the same
wholly_there() {
	local head
	head=$(git rev-parse "HEAD:$1") || return 1
	[ "$(git hash-object --no-filters "$1")" = "$head" ] || return 1
	[ "$(git ls-files -s -- "$1" | cut -d' ' -f2)" = "$head" ]
}

# wholly_absent PATH: in none of them, and no debris beside it
wholly_absent() {
	! git cat-file -e "HEAD:$1" 2>/dev/null || return 1
	[ ! -e "$1" ] && [ -z "$(git ls-files -- "$1")" ] || return 1
	[ -z "$(find . -path ./.git -prune -o -name '*.brm-tmp-*' -print \
	    -o -name '*.brm-old-*' -print)" ]
}

# The record add-customer "Acme Corp" writes, for comparison.
acme_yaml() {
	printf 'id: acme-corp\nname: Acme Corp\nkind: external\nstatus: active\n'
}

@test "crash after-tmp: the record is absent, the temporary file goes" {
	crash after-tmp add-customer "Acme Corp"
	fsck_clean
	[ -n "$(ls customers/acme-corp.yaml.brm-tmp-* 2>/dev/null)" ]
	[ ! -e customers/acme-corp.yaml ]
	run brm show acme-corp
	[ "$status" -eq 1 ]
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: an earlier brm command ('add-customer: Acme Corp') was interrupted before it committed anything; cleaned up after it"* ]]
	wholly_absent customers/acme-corp.yaml
	[ ! -e customers ]
	[ "$(git log --format=%s)" = "add-service: CRM
init: create portfolio" ]
	settled
}

@test "crash after-tmp: the same command then just works" {
	crash after-tmp add-customer "Acme Corp"
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	wholly_there customers/acme-corp.yaml
	[ "$(cat customers/acme-corp.yaml)" = "$(acme_yaml)" ]
	settled
}

# The points between the rename and the branch update: the file is in
# place, HEAD lacks it; the next writer makes the commit the command
# would have made, with its message, then its own.
@test "crash after-rename: the next writer finishes the commit" {
	crash_then_finish after-rename
}

@test "crash after-blob: the next writer finishes the commit" {
	crash_then_finish after-blob
}

@test "crash after-commit: the next writer finishes the commit" {
	crash_then_finish after-commit
}

crash_then_finish() {
	crash "$1" add-customer "Acme Corp"
	fsck_clean
	[ "$(git log --format=%s)" = "init: create portfolio" ]
	[ "$(git status --porcelain)" = "?? customers/" ]
	[ "$(cat customers/acme-corp.yaml)" = "$(acme_yaml)" ]
	# readers see the work tree
	run brm show acme-corp
	[ "$status" -eq 0 ]
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: an earlier brm command was interrupted before its commit; finished it: "*" add-customer: Acme Corp"* ]]
	[ "$(git log --format=%s)" = "add-service: CRM
add-customer: Acme Corp
init: create portfolio" ]
	[ "$(git log -1 --skip=1 --format=%B)" = "add-customer: Acme Corp

Brm-Command: add-customer
Brm-Kind: customer
Brm-Id: acme-corp" ]
	[ "$(git show --format= --name-only HEAD~1)" = customers/acme-corp.yaml ]
	wholly_there customers/acme-corp.yaml
	settled
}

@test "crash after-ref: the commit exists, the next writer fixes the index" {
	crash_after_commit after-ref
}

@test "crash before-index: the commit exists, the next writer fixes the index" {
	crash_after_commit before-index
}

crash_after_commit() {
	crash "$1" add-customer "Acme Corp"
	fsck_clean
	committed_before=$(git log --format=%s)
	[ "$committed_before" = "add-customer: Acme Corp
init: create portfolio" ]
	# the index still lacks it: git status shows it staged away
	[ "$(git status --porcelain | sort)" = "?? customers/
D  customers/acme-corp.yaml" ]
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: an earlier brm command ('add-customer: Acme Corp') was interrupted after its commit; refreshed the index"* ]]
	[ "$(git log --format=%s)" = "add-service: CRM
add-customer: Acme Corp
init: create portfolio" ]
	wholly_there customers/acme-corp.yaml
	settled
}

@test "crash while changing a record: the change is finished, not half made" {
	brm add-customer "Acme Corp" >/dev/null
	crash after-rename set acme-corp status=former
	# the old file's second name, which undo would have renamed back
	[ "$(git status --porcelain | sed 's/-[0-9]*$/-PID/')" = \
	    " M customers/acme-corp.yaml
?? customers/acme-corp.yaml.brm-old-PID" ]
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[ "$(git show HEAD~1:customers/acme-corp.yaml | grep status)" = \
	    "status: former" ]
	[ "$(git log -1 --skip=1 --format=%s)" = \
	    "set: acme-corp — status: former" ]
	wholly_there customers/acme-corp.yaml
	settled
}

@test "crash while removing a record: the removal is finished" {
	brm add-customer "Acme Corp" >/dev/null
	crash after-rename rm acme-corp
	[ ! -e customers/acme-corp.yaml ]
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[[ "$(git log -1 --skip=1 --format=%s)" == "rm: "* ]]
	wholly_absent customers/acme-corp.yaml
	settled
}

@test "crash after-tmp while changing a record: the old record stays" {
	brm add-customer "Acme Corp" >/dev/null
	crash after-tmp set acme-corp status=former
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[ "$(grep status customers/acme-corp.yaml)" = "status: active" ]
	wholly_there customers/acme-corp.yaml
	settled
}

@test "a file changed by hand after the crash is never overwritten" {
	crash after-rename add-customer "Acme Corp"
	echo "notes: typed by hand" >>customers/acme-corp.yaml
	before=$(snapshot)
	run brm add-service CRM
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: an interrupted brm command ('add-customer: Acme Corp') left files that were changed since: customers/acme-corp.yaml"* ]]
	[[ "$output" == *"hint:   git add customers/acme-corp.yaml && git commit"* ]]
	[[ "$output" == *"hint:   git checkout HEAD -- customers/acme-corp.yaml"* ]]
	unchanged_since "$before"
	# reading still works, and the user's way out is the one given
	run brm show acme-corp
	[ "$status" -eq 0 ]
	git add customers/acme-corp.yaml
	git commit -qm "Acme by hand"
	run brm add-service CRM
	[ "$status" -eq 0 ]
	[ "$(git log --format=%s)" = "add-service: CRM
Acme by hand
init: create portfolio" ]
	settled
}

@test "a crash at each point while changing a record: all or nothing" {
	brm add-customer "Acme Corp" >/dev/null
	for point in after-tmp after-rename after-blob after-commit \
	    after-ref before-index; do
		crash "$point" add-contact acme-corp "Crash $point"
		fsck_clean
		run brm add-contact acme-corp "After $point"
		[ "$status" -eq 0 ]
		settled
		wholly_there customers/acme-corp.yaml
		grep -q "name: After $point" customers/acme-corp.yaml
		if [ "$point" = after-tmp ]; then
			! grep -q "name: Crash $point" customers/acme-corp.yaml
		else
			grep -q "name: Crash $point" customers/acme-corp.yaml
		fi
	done
	run brm check
	[ "$status" -eq 0 ]
	# one commit per contact that exists, no more
	[ "$(git log --format=%s | grep -c '^add-contact: ')" -eq 11 ]
}

@test "a stale index.lock (a git crash): brm says how to clear it" {
	touch .git/index.lock
	before=$(snapshot)
	run brm add-customer "Acme Corp"
	[ "$status" -eq 1 ]
	[[ "$output" == *"index.lock' exists"* ]]
	[[ "$output" == *"hint: "*"remove the file: rm '"*".git/index.lock'"* ]]
	unchanged_since "$before"
	rm .git/index.lock
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	settled
}

@test "a journal cut short (a crash while writing it) is dropped" {
	printf 'brm-pending 1\npid 1\npath - customers/x.yaml\nmess' \
	    >.git/brm-pending
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	[ "$output" = acme-corp ]
	settled
}

@test "a journal brm did not write: brm says what it is and how to clear it" {
	echo "something else" >.git/brm-pending
	before=$(snapshot)
	run brm add-customer "Acme Corp"
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: '$P/.git/brm-pending' is not a brm journal"* ]]
	[[ "$output" == *"hint: if no brm command is running, check 'git status' and remove it: rm '$P/.git/brm-pending'"* ]]
	unchanged_since "$before"
	rm .git/brm-pending
	run brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	settled
}
