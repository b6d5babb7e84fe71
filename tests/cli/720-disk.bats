#!/usr/bin/env bats
# Disk trouble during a write: a file-size limit (ulimit -f; brm ignores
# SIGXFSZ, so the write fails with EFBIG instead of killing it half-way)
# and a full disk (a small tmpfs, which needs root).  Whatever step
# fails, the command says why and the repository is as it was; or the
# command completes.
load helpers

setup() {
	pin_env
	P="$BATS_TEST_TMPDIR/p"
	M=
}

teardown() {
	if [ -n "$M" ]; then
		cd /
		umount "$M" 2>/dev/null || true
	fi
}

# portfolio DIR: a portfolio with a customer and a service, cd into it
portfolio() {
	brm init "$1" --provider "Nordlicht IT" >/dev/null
	cd "$1"
	brm add-customer "Acme Corp" >/dev/null
	brm add-service CRM >/dev/null
}

# tmpfs KB: mount a tmpfs of that size at $M, or skip
tmpfs() {
	M="$BATS_TEST_TMPDIR/disk"
	mkdir -p "$M"
	if [ "$(id -u)" != 0 ] ||
	    ! mount -t tmpfs -o "size=${1}k" tmpfs "$M" 2>/dev/null; then
		M=
		skip "cannot mount a tmpfs here (it needs root)"
	fi
}

# as_before SNAPSHOT: unchanged, no journal or debris, fsck clean
as_before() {
	unchanged_since "$1" || return 1
	[ ! -e .git/brm-pending ] || { echo "journal left" >&2; return 1; }
	run git fsck --strict --no-progress
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}

big() { head -c "$1" /dev/zero | tr '\0' x; }

@test "ulimit -f: a new record over the limit is refused, nothing changes" {
	portfolio "$P"
	before=$(snapshot)
	run bash -c "ulimit -f 2 && exec \"\$BRM\" add-customer Big \
	    --business $(big 4000)"
	[ "$status" -eq 1 ]
	[ "$output" = "brm: error: cannot write '$P/customers/big.yaml': File too large" ]
	as_before "$before"
	# within the limit the same command works
	run bash -c "ulimit -f 2 && exec \"\$BRM\" add-customer Big"
	[ "$status" -eq 0 ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
}

@test "ulimit -f: a change over the limit keeps the old record" {
	portfolio "$P"
	before=$(snapshot)
	run bash -c "ulimit -f 2 && exec \"\$BRM\" set acme-corp \
	    business=$(big 4000)"
	[ "$status" -eq 1 ]
	[[ "$output" == *"File too large"* ]]
	as_before "$before"
	[ "$(cat customers/acme-corp.yaml)" = "$(git show HEAD:customers/acme-corp.yaml)" ]
}

@test "ulimit -f below the index size: committed, and brm says how to fix the index" {
	portfolio "$P"
	mkdir other
	# an index of about 200 KB: 3,000 entries
	(cd other && seq 3000 | xargs touch)
	git add other
	git commit -qm "3,000 other files"
	[ "$(stat -c %s .git/index)" -gt 150000 ]
	run bash -c "ulimit -f 100 && exec \"\$BRM\" add-customer Small"
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: commit "*" made, but the index could not be updated"*"run: git reset -q -- customers/small.yaml"* ]]
	[ "$(git log -1 --format=%s)" = "add-customer: Small" ]
	[ ! -e .git/index.lock ]
	[ ! -e .git/brm-pending ]
	git reset -q -- customers/small.yaml
	[ -z "$(git status --porcelain --untracked-files=all)" ]
}

# fill_then_free CMD...: fill the tmpfs, then free 4 KiB at a time and
# run CMD until it succeeds; every failure must leave the repository as
# it was and say "No space left on device".
fill_then_free() {
	local i before
	dd if=/dev/zero of="$M/filler" bs=4k 2>/dev/null || true
	for i in $(seq 1 64); do
		before=$(snapshot)
		run "$@"
		if [ "$status" -eq 0 ]; then
			echo "# succeeded after freeing $i x 4 KiB" >&3
			return 0
		fi
		[ "$status" -eq 1 ] || { echo "$output" >&2; return 1; }
		[[ "$output" == *"No space left on device"* ]] ||
			[[ "$output" == *"cannot commit"* ]] ||
			{ echo "$output" >&2; return 1; }
		as_before "$before" || { echo "after: $output" >&2; return 1; }
		truncate -s -4K "$M/filler"
	done
	echo "never succeeded: $output" >&2
	return 1
}

@test "full disk: a new record is written whole or not at all" {
	tmpfs 2048
	portfolio "$M/p"
	fill_then_free brm add-customer "Big Customer" --business "$(big 3000)"
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(git log -1 --format=%s)" = "add-customer: Big Customer" ]
	git cat-file -e HEAD:customers/big-customer.yaml
}

@test "full disk: a changed record is changed whole or not at all" {
	tmpfs 2048
	portfolio "$M/p"
	fill_then_free brm subscribe acme-corp crm --availability 99.5 \
	    --response-hours 4
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(git log -1 --format=%s)" = "subscribe: Acme Corp — crm" ]
	grep -q 'availability: 99.5' customers/acme-corp.yaml
}

@test "full disk: a removal is made whole or not at all" {
	tmpfs 2048
	portfolio "$M/p"
	fill_then_free brm rm crm
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	! git cat-file -e HEAD:services/crm.yaml 2>/dev/null
	[ ! -e services/crm.yaml ]
}
