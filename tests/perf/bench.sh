#!/usr/bin/env bash
# tests/perf/bench.sh - make bench: how fast brm is, each figure beside a
# baseline measured in the same run on the same repository.
#
#   BENCH_SIZES="10000 100000"  portfolio sizes (records)
#   BENCH_RUNS=7                runs per measurement (the median is shown)
#   BENCH_DIR=build/perf        where portfolios and helpers go
#   BRM=./brm                   the binary measured (a release build)
#
# Prints a Markdown table per size, then how memory and commit cost grow;
# the same text goes to $BENCH_DIR/bench.md.  Figures only, no pass/fail:
# the targets are those of issue 7.
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=${BENCH_SIZES:-10000 100000}
runs=${BENCH_RUNS:-7}
work=${BENCH_DIR:-$root/build/perf}
brm=${BRM:-$root/brm}
case $brm in /*) ;; *) brm=$root/$brm ;; esac
month=2026-10			# the generator's last month

# ---- tools (as tests/deps.sh: Debian packages, installed when root) ----
need=""
command -v python3 >/dev/null || need="$need python3"
python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
[ -x /usr/bin/time ] || need="$need time"
command -v git >/dev/null || need="$need git"
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench: missing Debian packages:$need" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $need >/dev/null
fi
[ -x "$brm" ] || { echo "bench: no $brm; run make brm" >&2; exit 1; }

mkdir -p "$work/bin" "$work/home"
flags=$(pkg-config --cflags --libs libgit2 yaml-0.1)
for p in hello_git2 parse_all bare_commit; do
	if [ ! -x "$work/bin/$p" ] ||
	    [ "$root/tests/perf/$p.c" -nt "$work/bin/$p" ]; then
		# shellcheck disable=SC2086
		cc -std=c17 -O2 -o "$work/bin/$p" "$root/tests/perf/$p.c" \
		    $flags
	fi
done
bin=$work/bin

# A neutral environment: no user or system git config, a fixed identity.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
export GIT_AUTHOR_NAME="Bench" GIT_AUTHOR_EMAIL="bench@example.com"
export GIT_COMMITTER_NAME="Bench" GIT_COMMITTER_EMAIL="bench@example.com"
unset BRM_DIR BRM_NOW GIT_AUTHOR_DATE GIT_COMMITTER_DATE

out=$work/bench.md
: >"$out"
say() { printf '%s\n' "$*" | tee -a "$out"; }

# us CMD...: run CMD once, print the wall time in microseconds
us() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
	t1=$EPOCHREALTIME
	echo $(( ${t1/./} - ${t0/./} ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# time_of N CMD...: median of N runs (after one warm-up), microseconds
time_of() {
	local n=$1 i
	shift
	us "$@" >/dev/null
	for ((i = 0; i < n; i++)); do us "$@"; done | median
}

ms() { awk -v u="$1" 'BEGIN { printf "%.1f ms", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
peak() {	# peak RSS in KiB of one run
	/usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true
	tail -1 "$work/rss"
}

row() {	# row OPERATION BRM_US BASELINE BASE_US TARGET
	say "| $1 | $(ms "$2") | $3 | $(ms "$4") | $(ratio "$2" "$4") | $5 |"
}

# git_commit PATH: the git CLI baseline, in this shell (no extra bash)
git_commit() { git add "$1" && git commit -q -m "add $1"; }

customer_yaml() {
	printf 'id: %s\nname: %s\nkind: external\nstatus: active\n' "$1" "$2"
}

say "# brm benchmark"
say ""
say "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r); brm: $brm"
say "(medians of $runs runs after a warm-up, wall time)"

for n in $sizes; do
	p=$work/p$n
	rm -rf "$p"
	t0=$EPOCHREALTIME
	python3 "$root/tests/perf/gen.py" "$p" -n "$n" 2>"$work/gen.log"
	t1=$EPOCHREALTIME
	gen_s=$(awk -v u=$(( ${t1/./} - ${t0/./} )) \
	    'BEGIN { printf "%.1f", u / 1e6 }')
	cd "$p"
	git config gc.auto 0	# no background gc in the git CLI baseline

	say ""
	say "## $n records"
	say ""
	say "Generated in $gen_s s ($(cat "$work/gen.log" | sed 's/^gen.py: //'))."
	say ""
	say "| operation | brm | baseline | baseline time | ratio | target |"
	say "| --- | ---: | --- | ---: | ---: | --- |"

	# -- one mutating command, three ways, interleaved on one repository
	a=() g=() b=() m=()
	# (sed reads it all: head would leave ls to SIGPIPE, and pipefail)
	party=$(ls customers | sed -n '1s/\.yaml$//p')
	for ((i = 0; i <= runs; i++)); do
		t=$(us "$brm" add-customer "Bench Kunde $i")
		customer_yaml "bench-git-$i" "Bench Git $i" \
		    >"customers/bench-git-$i.yaml"
		u=$(us git_commit "customers/bench-git-$i.yaml")
		v=$(us "$bin/bare_commit" "customers/bench-bare-$i.yaml" \
		    "$(customer_yaml "bench-bare-$i" "Bench Bare $i")")
		w=$(us "$brm" log-meeting "$party" --kind daily \
		    --date 2026-10-15 --summary "Bench $i")
		if [ "$i" -gt 0 ]; then	# the first is the warm-up
			a+=("$t") g+=("$u") b+=("$v") m+=("$w")
		fi
	done
	add=$(printf '%s\n' "${a[@]}" | median)
	gitc=$(printf '%s\n' "${g[@]}" | median)
	bare=$(printf '%s\n' "${b[@]}" | median)
	mtg=$(printf '%s\n' "${m[@]}" | median)
	clean=$(git status --porcelain --untracked-files=all | wc -l)
	row "\`brm add-customer\` (whole process)" "$add" \
	    "\`git add f && git commit\` (git CLI)" "$gitc" "≤ 0.5× at 100k"
	row "\`brm add-customer\` (whole process)" "$add" \
	    "bare libgit2 commit of one file (bare_commit.c)" "$bare" \
	    "≤ 1.5× at 10k"
	row "\`brm log-meeting\` (a dated record)" "$mtg" \
	    "bare libgit2 commit of one file (bare_commit.c)" "$bare" "—"

	# -- reading everything
	dirs=$(ls -d customers services suppliers third-parties meetings \
	    complaints praise surveys value-adds events audits disputes \
	    2>/dev/null)
	# shellcheck disable=SC2086
	row "\`brm check\` (every record)" \
	    "$(time_of $(( (runs + 1) / 2 )) "$brm" check -q)" \
	    "open + read + libyaml-parse every file (parse_all.c)" \
	    "$(time_of $(( (runs + 1) / 2 )) "$bin/parse_all" $dirs)" "≤ 1.5×"

	# -- the monthly report, when this brm has it
	if "$brm" report -h >/dev/null 2>&1; then
		# what report monthly reads (core/report.c visit_all):
		# named records; meetings, complaints, disputes up to the
		# month; praise, value-adds, events of it and the one before;
		# surveys of the 6-month trend; audits of the month
		need="customers services suppliers third-parties"
		for k in meetings complaints disputes; do
			need="$need $(ls -d $k/*/* | awk -v m="$k/${month%-*}/${month#*-}" '$0 <= m')"
		done
		for k in praise value-adds events; do
			need="$need $k/2026/09 $k/2026/10"
		done
		need="$need $(ls -d surveys/2026/0[5-9] surveys/2026/10) audits/2026/10"
		# shellcheck disable=SC2086
		rep=$(time_of "$runs" "$brm" report monthly --month "$month")
		row "\`brm report monthly\`" "$rep" \
		    "open + read + parse of the files that month needs" \
		    "$(time_of "$runs" "$bin/parse_all" $need)" "≤ 1.5×"
		pyr=$(time_of $(( (runs + 1) / 2 )) python3 \
		    "$root/tests/perf/report_py.py" . "$month")
		say "| \`brm report monthly\` | $(ms "$rep") | Python + PyYAML ($(python3 -c 'import yaml; print("C loader" if hasattr(yaml, "CSafeLoader") else "pure Python")')) computing the same figures (report_py.py) | $(ms "$pyr") | $(awk -v a="$pyr" -v b="$rep" 'BEGIN { printf "%.1f× faster", a / b }') | ≥ 6× faster |"
	else
		# report monthly rows go here once brm report exists:
		#   report monthly vs parse_all of the month's files,
		#   report monthly vs tests/perf/report_py.py
		say "| \`brm report monthly\` | — | (this brm has no report command) | — | — | ≤ 1.5× |"
	fi

	# -- commands that only start, look and answer
	hello=$(time_of "$runs" "$bin/hello_git2")
	id=$(ls meetings/2026/10 | sed -n '1s/\.yaml$//p')
	row "\`brm show $id\`" "$(time_of "$runs" "$brm" show "$id")" \
	    "process start, C + libgit2 (hello_git2.c)" "$hello" "≤ 1.3×"
	row "\`brm --help\`" "$(time_of "$runs" "$brm" --help)" \
	    "process start, C + libgit2 (hello_git2.c)" "$hello" "≤ 1.3×"
	row "\`brm __complete show mtg-202610\`" \
	    "$(time_of "$runs" "$brm" __complete show mtg-202610)" \
	    "process start, C + libgit2 (hello_git2.c)" "$hello" "≤ 1.3×"

	say ""
	say "Peak memory (max RSS): \`brm check\` $(peak "$brm" check -q) KiB;"\
	    "\`brm report monthly\` $(peak "$brm" report monthly --month \
	    "$month") KiB; parse_all of everything $(peak "$bin/parse_all" \
	    $dirs) KiB; hello_git2 $(peak "$bin/hello_git2") KiB."
	say "\`git status\` after the $(( 3 * (runs + 1) )) commits and" \
	    "$((runs + 1)) meetings: $([ "$clean" -eq 0 ] && echo clean ||
	    echo "$clean lines")."

	# -- why a commit costs what it costs at this size
	idx=$(stat -c %s .git/index)
	entries=$(git ls-files | wc -l)
	root_tree=$(git cat-file -s 'HEAD^{tree}')
	cust_tree=$(git cat-file -s HEAD:customers)
	month_tree=$(git cat-file -s HEAD:meetings/2026/10)
	month_n=$(git ls-tree HEAD:meetings/2026/10 | wc -l)
	cust_n=$(git ls-tree HEAD:customers | wc -l)
	loose=$(git count-objects | cut -d' ' -f1)
	say "Commit anatomy: index $idx bytes ($entries entries), rewritten" \
	    "whole by every commit that refreshes it; trees written for" \
	    "add-customer: root $root_tree B + customers/ $cust_tree B" \
	    "($cust_n entries); for log-meeting: root + meetings/ +" \
	    "2026/ + 2026/10/ $month_tree B ($month_n entries);" \
	    "loose objects now $loose."
	echo "$n $add $gitc $bare $mtg $idx $entries $cust_tree $month_tree" \
	    >>"$work/growth"
	cd "$work"
done

# ---- how the commit cost grows between the sizes measured ----
if [ "$(wc -l <"$work/growth")" -ge 2 ]; then
	say ""
	say "## Commit cost growth"
	say ""
	awk '
	NR == 1 { n0 = $1; a0 = $2; g0 = $3; b0 = $4; m0 = $5; i0 = $6;
		c0 = $8; t0 = $9 }
	END {
		printf "From %d to %d records (%.0f×): add-customer %.1f → %.1f ms (%.2f×), git CLI commit %.1f → %.1f ms (%.2f×), bare libgit2 commit %.1f → %.1f ms (%.2f×), log-meeting %.1f → %.1f ms (%.2f×).\n",
		    n0, $1, $1 / n0, a0 / 1000, $2 / 1000, $2 / a0,
		    g0 / 1000, $3 / 1000, $3 / g0, b0 / 1000, $4 / 1000,
		    $4 / b0, m0 / 1000, $5 / 1000, $5 / m0
		printf "\nThe index grows with the record count (%d → %d bytes, %.1f×) and each commit reads, checksums and rewrites all of it (git does the same); the trees a commit writes grow only with the folder touched (customers/ %d → %d B, a month folder %d → %d B), since records are sharded by month. So the growth that remains is the index: O(records) bytes per commit, against O(records in one folder) for the trees.\n",
		    i0, $6, $6 / i0, c0, $8, t0, $9
	}' "$work/growth" | tee -a "$out"
fi
rm -f "$work/growth"

# ---- memory against months: same records per month, 12 vs 36 months ----
say ""
say "## Peak memory against the months in the repository"
say ""
say "| months | records | \`check\` KiB | \`report monthly\` KiB |"
say "| ---: | ---: | ---: | ---: |"
for spec in "12 3400" "36 10200"; do
	set -- $spec
	q=$work/m$1
	rm -rf "$q"
	python3 "$root/tests/perf/gen.py" "$q" -n "$2" --months "$1" 2>/dev/null
	rep=—
	if "$brm" report -h >/dev/null 2>&1; then
		rep=$(peak "$brm" -C "$q" report monthly --month "$month")
	fi
	say "| $1 | $2 | $(peak "$brm" -C "$q" check -q) | $rep |"
	rm -rf "$q"
done
say ""
say "(written to $out)"
