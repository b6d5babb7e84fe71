#!/bin/sh
# tests/fuzz/run.sh NAME... - run each libFuzzer harness build/fuzz/fuzz_NAME
# for FUZZ_SECONDS (default 60), one after the other.
#
# The working corpus grows in build/fuzz/corpus/NAME (seeded from
# tests/fuzz/corpus/NAME); crashes land in build/fuzz/crashes/NAME.  A
# crash stops with its file: minimise it (fuzz_NAME -minimize_crash=1
# FILE), copy it into tests/fuzz/regress/NAME/ and fix the bug; make check
# replays that folder from then on.  Prints executions per harness and in
# all.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
# a smaller quarantine: where page faults are dear (virtual machines) the
# default 256 MB one makes fuzz_yaml three times slower
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}
total=0 status=0
for name in "$@"; do
	bin=$root/build/fuzz/fuzz_$name
	work=$root/build/fuzz/corpus/$name
	crashes=$root/build/fuzz/crashes/$name
	log=$root/build/fuzz/$name.log
	mkdir -p "$work" "$crashes"
	dict=
	[ -f "$root/tests/fuzz/$name.dict" ] &&
		dict=-dict=$root/tests/fuzz/$name.dict
	# -close_fd_mask=3: the harnesses print usage and help; libFuzzer
	# still reports crashes on its own copy of stderr
	"$bin" -max_total_time="$secs" -print_final_stats=1 -max_len=4096 \
	    -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 $dict \
	    -artifact_prefix="$crashes/" "$work" "$root/tests/fuzz/corpus/$name" \
	    >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	echo "fuzz_$name: ${runs:-0} executions in ${secs}s, $cov," \
	    "corpus $(ls "$work" | wc -l) files"
	total=$((total + ${runs:-0}))
	if [ $rc -ne 0 ]; then
		status=1
		echo "fuzz_$name: FAILED (exit $rc), see $log:"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property failed)' "$log" |
			head -5
		ls "$crashes"
	fi
done
echo "fuzz: $total executions in all"
exit $status
