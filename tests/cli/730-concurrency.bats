#!/usr/bin/env bats
# Many writers on one portfolio at once: 8 processes, each running a mix
# of writing commands one after the other, all at the same time.  Nothing
# may be lost: one commit per command with its trailers, every record
# there with the content last written, a clean index and a sound object
# store.  BRM_STRESS_COMMANDS sets the commands per process (make check:
# 25; make stress: 100, see tests/README.md).
load helpers
bats_require_minimum_version 1.5.0

WRITERS=8
COMMANDS=${BRM_STRESS_COMMANDS:-25}

# writer I N: run N writing commands as writer I; log one line per command,
# "command<TAB>id<TAB>field<TAB>value written", to $BATS_TEST_TMPDIR/log.I
writer() {
	local i=$1 n=$2 j id what log="$BATS_TEST_TMPDIR/log.$1"
	id=$(brm add-customer "Worker $i") || return 1
	printf 'add-customer\t%s\tname\tWorker %s\n' "$id" "$i" >>"$log"
	for ((j = 1; j < n; j++)); do
		what="w$i #$j"
		case $((j % 6)) in
		0)	brm set acme-corp "outcomes+=$what" || return 1
			printf 'set\tacme-corp\toutcomes\t%s\n' "$what" ;;
		1)	id=$(brm log-meeting --kind daily --summary "$what" \
			    "worker-$i") || return 1
			printf 'log-meeting\t%s\tsummary\t%s\n' "$id" "$what" ;;
		2)	id=$(brm record-complaint --summary "$what" \
			    "worker-$i") || return 1
			printf 'record-complaint\t%s\tsummary\t%s\n' "$id" "$what" ;;
		3)	brm set "worker-$i" "business=$what" || return 1
			printf 'set\tworker-%s\tbusiness\t%s\n' "$i" "$what" ;;
		4)	id=$(brm add-customer "W$i client $j") || return 1
			printf 'add-customer\t%s\tname\tW%s client %s\n' "$id" \
			    "$i" "$j" ;;
		5)	id=$(brm record-praise --text "$what" "worker-$i") ||
			    return 1
			printf 'record-praise\t%s\ttext\t%s\n' "$id" "$what" ;;
		esac >>"$log"
	done
}

# Each record's file holds the value last written to each field logged;
# "outcomes" is a list every writer appended to.
check_contents() {
	py - "$@" <<'EOF'
import os, sys, yaml
files = {}
for top, dirs, names in os.walk('.'):
    dirs[:] = [d for d in dirs if d != '.git']
    for name in names:
        if name.endswith('.yaml'):
            files[name[:-5]] = os.path.join(top, name)
want, appended = {}, {}
for log in sys.argv[1:]:
    for line in open(log, encoding='utf-8'):
        cmd, rid, field, value = line.rstrip('\n').split('\t')
        if field == 'outcomes':
            appended.setdefault(rid, []).append(value)
        else:
            want.setdefault(rid, {})[field] = value
bad = 0
for rid, fields in want.items():
    if rid not in files:
        print('missing record', rid); bad += 1; continue
    d = yaml.safe_load(open(files[rid], encoding='utf-8'))
    for field, value in fields.items():
        if d.get(field) != value:
            print(rid, field, repr(d.get(field)), '!=', repr(value)); bad += 1
for rid, values in appended.items():
    d = yaml.safe_load(open(files[rid], encoding='utf-8'))
    if sorted(d.get('outcomes') or []) != sorted(values):
        print(rid, 'outcomes', d.get('outcomes'), '!=', values); bad += 1
sys.exit(1 if bad else 0)
EOF
}

@test "8 writers at once: every commit, every record with its last content, a clean index, fsck clean" {
	brm add-customer "Acme Corp" >/dev/null
	local start pids=() i logs=()
	start=$(git rev-parse HEAD)
	for ((i = 0; i < WRITERS; i++)); do
		writer "$i" "$COMMANDS" >/dev/null 2>"$BATS_TEST_TMPDIR/err.$i" &
		pids+=($!)
		logs+=("$BATS_TEST_TMPDIR/log.$i")
	done
	for ((i = 0; i < WRITERS; i++)); do
		wait "${pids[$i]}" || { cat "$BATS_TEST_TMPDIR/err.$i" >&2; return 1; }
		# no command complained, not even with a warning
		[ ! -s "$BATS_TEST_TMPDIR/err.$i" ] ||
			{ cat "$BATS_TEST_TMPDIR/err.$i" >&2; return 1; }
		[ "$(wc -l <"${logs[$i]}")" -eq "$COMMANDS" ]
	done

	# one commit per command, in one straight line
	[ "$(git rev-list --count "$start..HEAD")" -eq $((WRITERS * COMMANDS)) ]
	[ "$(git rev-list --merges --count HEAD)" -eq 0 ]
	# each command's commit, found by its trailers
	diff <(cut -f1,2 "${logs[@]}" | sort) \
	    <(git log --format='%(trailers:key=Brm-Command,valueonly,separator=)%x09%(trailers:key=Brm-Id,valueonly,separator=)' \
	    "$start..HEAD" | sort)
	# each record in HEAD, holding what was written last
	check_contents "${logs[@]}"
	# the index and the work tree match HEAD: nothing staged, nothing left
	[ -z "$(git status --porcelain --untracked-files=all --ignored)" ]
	[ ! -e .git/brm-pending ]
	run git fsck --strict --no-dangling
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run brm check
	[ "$status" -eq 0 ]
	[ "$output" = "checked $(git ls-files '*/*.yaml' ':!.brm' | wc -l) records: 0 errors, 0 warnings" ]
}

@test "a writer that cannot get the lock within BRM_LOCK_TIMEOUT gives up, changing nothing" {
	brm add-customer "Acme Corp" >/dev/null
	before=$(snapshot)
	# this shell holds the writer lock, as a running brm would
	exec 9>.git/brm.lock
	flock 9
	BRM_LOCK_TIMEOUT=1 run --separate-stderr brm add-customer "Globex"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: another brm command is writing to this portfolio; gave up after 1 s
hint: wait for it to finish, or stop it; the lock goes away with the process
hint: to wait longer than 1 s, set BRM_LOCK_TIMEOUT to the seconds to wait" ]
	unchanged_since "$before"
	# 0: do not wait at all
	BRM_LOCK_TIMEOUT=0 run --separate-stderr brm set acme-corp status=former
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "brm: error: another brm command is writing to this portfolio" ]
	unchanged_since "$before"
	# readers take no lock
	BRM_LOCK_TIMEOUT=0 run --separate-stderr brm show acme-corp
	[ "$status" -eq 0 ]
	exec 9>&-
	BRM_LOCK_TIMEOUT=1 run --separate-stderr brm add-customer "Globex"
	[ "$status" -eq 0 ]
	[ "$output" = "globex" ]
}

@test "a BRM_LOCK_TIMEOUT that is not a number of seconds is a usage error naming it" {
	before=$(snapshot)
	for v in x -1 1.5 " 1" 1s 86401 99999999999999999999; do
		BRM_LOCK_TIMEOUT=$v run --separate-stderr brm add-customer "Acme Corp"
		[ "$status" -eq 2 ]
		[ "$stderr" = "brm: error: invalid BRM_LOCK_TIMEOUT '$v' (expected a number of seconds from 0 to 86400)" ]
		unchanged_since "$before"
	done
	# empty is unset: the default
	BRM_LOCK_TIMEOUT= run --separate-stderr brm add-customer "Acme Corp"
	[ "$status" -eq 0 ]
	BRM_LOCK_TIMEOUT=86400 run --separate-stderr brm add-customer "Globex"
	[ "$status" -eq 0 ]
}
