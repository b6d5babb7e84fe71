#!/bin/sh
# tests/valgrind.sh [BATS_FILE...] - make valgrind: the CLI tests with every
# brm process run under valgrind memcheck (the release build ./brm, which
# has debugging symbols; ASan and valgrind do not mix).
#
# Each process logs to build/valgrind/vg.<pid>.log; the tests' own exit
# codes are brm's, so the suite runs as usual, only slower.  The verdict
# is the logs: no invalid read or write, no use of uninitialised memory,
# no definite leak (tests/valgrind.supp holds the two known leaks, inside
# cmark-gfm and libgit2 1.5, as tests/lsan.supp does).  Prints the
# tests' summary and the logs that show errors.
# VALGRIND_JOBS=N runs N test files at a time (GNU parallel; default 1).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
log=${VALGRIND_LOG:-$root/build/valgrind}
rm -rf "$log"
mkdir -p "$log"
cat >"$log/brm" <<EOS
#!/bin/sh
exec valgrind --tool=memcheck --leak-check=full \\
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --error-exitcode=0 --suppressions=$root/tests/valgrind.supp \\
    --log-file=$log/vg.%p.log "$root/brm" "\$@"
EOS
chmod +x "$log/brm"
[ $# -gt 0 ] || set -- "$root"/tests/cli/*.bats
# 730-concurrency.bats: a few commands per writer show its code paths;
# more only make eight slow processes queue for the lock
export BRM_STRESS_COMMANDS=${BRM_STRESS_COMMANDS:-3}
jobs=
if [ "${VALGRIND_JOBS:-1}" -gt 1 ] && command -v parallel >/dev/null; then
	jobs="--jobs $VALGRIND_JOBS --no-parallelize-within-files"
fi
# shellcheck disable=SC2086
BRM=$log/brm bats --tap $jobs "$@" >"$log/cli.tap" 2>&1
passed=$(grep -c '^ok ' "$log/cli.tap")
failed=$(grep -c '^not ok ' "$log/cli.tap")
procs=$(ls "$log"/vg.*.log 2>/dev/null | wc -l)
bad=$(grep -l 'ERROR SUMMARY: [1-9]' "$log"/vg.*.log 2>/dev/null)
echo "valgrind: $procs brm processes, tests: $passed passed, $failed failed"
if [ -n "$bad" ]; then
	echo "valgrind: $(echo "$bad" | wc -l) processes with errors:"
	for f in $bad; do
		echo "== $f"
		sed -n '/Command:/p' "$f"
		grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|[0-9,]+ bytes in .* definitely)' "$f" | head -5
	done | head -80
	exit 1
fi
[ "$failed" -eq 0 ] || grep -A5 '^not ok' "$log/cli.tap" | head -60
echo "valgrind: clean"
