#!/usr/bin/env bash
# tests/perf/bench.sh - make bench: how fast brm is, each figure beside a
# baseline measured in the same run on the same repository (issues 5, 6
# and 7).
#
#   BENCH_SIZES="10000 100000"  portfolio sizes (records, 36 months)
#   BENCH_RUNS=5                runs per measurement (the median is shown)
#   BENCH_DIR=build/perf        where portfolios and helpers go
#   BRM=./brm                   the binary measured (a release build)
#
# Every row runs brm and its baseline alternately, after one warm-up run
# of each, and shows the medians of wall time and of CPU time (user +
# system, tests/perf/measure.c).  Ratios and the verdict against the
# target are taken on CPU time: on a shared machine wall time is mostly
# the wait for a core, and that wait is no property of brm.  Prints
# Markdown; the same text goes to $BENCH_DIR/bench.md.
set -euo pipefail
export LC_ALL=C.UTF-8
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=${BENCH_SIZES:-10000 100000}
runs=${BENCH_RUNS:-5}
few=$(( runs < 3 ? runs : 3 ))	# for the slow Python baseline
work=${BENCH_DIR:-$root/build/perf}
brm=${BRM:-$root/brm}
case $brm in /*) ;; *) brm=$root/$brm ;; esac
case $work in /*) ;; *) work=$root/$work ;; esac
month=2026-10			# the generator's last month

# ---- tools (as tests/deps.sh: Debian packages, installed when root) ----
need=""
command -v python3 >/dev/null || need="$need python3"
python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
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
for p in measure hello_git2 parse_all bare_commit; do
	if [ ! -x "$work/bin/$p" ] ||
	    [ "$root/tests/perf/$p.c" -nt "$work/bin/$p" ]; then
		# shellcheck disable=SC2086
		cc -std=c17 -O2 -Wall -Wextra -o "$work/bin/$p" \
		    "$root/tests/perf/$p.c" $flags
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

# m CMD...: run CMD once: "wall_us cpu_us maxrss_kib"
m() { "$bin/measure" "$@" || { echo "bench: failed: $*" >&2; exit 1; }; }

# median COLUMN: the median of that column of the lines on stdin
median() {
	awk -v c="$1" '{ print $c }' | sort -n |
	    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
maxcol() { awk -v c="$1" '$c > x { x = $c } END { print x + 0 }'; }

ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }

# pair N A B: run the commands in files A and B (one word a line)
# alternately, one warm-up and N measured runs each; leaves the samples
# in $work/a and $work/b
pair() {
	local n=$1 i
	local -a a b
	mapfile -t a <"$2"
	mapfile -t b <"$3"
	: >"$work/a"
	: >"$work/b"
	for ((i = 0; i <= n; i++)); do
		if [ "$i" -eq 0 ]; then
			m "${a[@]}" >/dev/null
			m "${b[@]}" >/dev/null
			continue
		fi
		m "${a[@]}" >>"$work/a"
		m "${b[@]}" >>"$work/b"
	done
}
args() { printf '%s\n' "$@"; }

# verdict RATIO TARGET: met/missed for "≤ X×" and "≥ X× faster" targets;
# one "at 10k" is judged at that size ($n) only
verdict() {
	awk -v r="$1" -v t="$2" -v n="$n" 'BEGIN {
		if (t !~ /[0-9]/) { print "—"; exit }
		if (match(t, /at [0-9]+k/) &&
		    substr(t, RSTART + 3, RLENGTH - 4) * 1000 != n) {
			print "—"; exit
		}
		x = t; gsub(/[^0-9.]/, " ", x); split(x, f, " ")
		if (t ~ /faster/) ok = 1 / r >= f[1]; else ok = r <= f[1]
		print ok ? "met" : "**missed**"
	}'
}

# row OPERATION BASELINE TARGET A_SAMPLES B_SAMPLES
row() {
	local aw ac bw bc r shown
	aw=$(median 1 <"$4") ac=$(median 2 <"$4")
	bw=$(median 1 <"$5") bc=$(median 2 <"$5")
	r=$(awk -v a="$ac" -v b="$bc" 'BEGIN { printf "%.2f", a / b }')
	shown="${r}×"
	case $3 in *faster*) shown=$(awk -v r="$r" \
	    'BEGIN { printf "%.1f× faster", 1 / r }') ;; esac
	say "| $1 | $(ms "$aw") | $(ms "$ac") | $2 | $(ms "$bw") |" \
	    "$(ms "$bc") | $shown | $3 | $(verdict "$r" "$3") |"
}

customer_yaml() {
	printf 'id: %s\nname: %s\nkind: external\nstatus: active\n' "$1" "$2"
}

# The files `brm report monthly --month $month` reads (core/report.c
# visit_all, suppliers, sla_attention): customers and suppliers; meetings,
# complaints and disputes filed up to the month; praise, value-adds and
# events of the month and the one before; surveys of the six months of
# the trend; audits of the month.  Each once (brm reads customers and
# suppliers twice).
month_files() {
	local y=${month%-*} mo=${month#*-} k i d back at
	printf '%s\n' customers suppliers
	for k in meetings complaints disputes; do
		for d in "$k"/*/*; do
			[[ "$d" < "$k/$y/$mo" || "$d" == "$k/$y/$mo" ]] &&
			    printf '%s\n' "$d"
		done
	done
	for k in praise value-adds events surveys; do
		back=1
		[ "$k" = surveys ] && back=5
		for ((i = back; i >= 0; i--)); do
			at=$(( 10#$y * 12 + 10#$mo - 1 - i ))
			d=$(printf '%s/%04d/%02d' "$k" $(( at / 12 )) \
			    $(( at % 12 + 1 )))
			[ -d "$d" ] && printf '%s\n' "$d"
		done
	done
	[ -d "audits/$y/$mo" ] && printf '%s\n' "audits/$y/$mo"
	return 0
}

say "# brm benchmark"
say ""
say "$(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs ($(uname -m)," \
    "$(uname -r)); load average at the start: $(cut -d' ' -f1-3 \
    /proc/loadavg); brm $(git -C "$root" rev-parse --short HEAD 2>/dev/null ||
    echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo '+changes')."
say "Medians of $runs runs ($few for the Python script) after a warm-up,"\
    "brm and its baseline alternating.  Times in ms: wall, then CPU (user"\
    "+ system).  Ratios and verdicts on CPU time."

for n in $sizes; do
	p=$work/p$n
	rm -rf "$p"
	t0=$EPOCHREALTIME
	python3 "$root/tests/perf/gen.py" "$p" -n "$n" --brm "$brm" \
	    2>"$work/gen.log"
	t1=$EPOCHREALTIME
	gen_s=$(awk -v u=$(( ${t1/./} - ${t0/./} )) \
	    'BEGIN { printf "%.1f", u / 1e6 }')
	cd "$p"
	git config gc.auto 0	# no background gc in the git CLI baseline

	say ""
	say "## $n records over 36 months"
	say ""
	say "Generated in $gen_s s ($(sed 's/^gen.py: //' "$work/gen.log"));"\
	    "$(find . -path ./.git -prune -o -name '*.yaml' -print | wc -l)"\
	    "YAML files, $(du -sk --exclude=.git . | cut -f1) KiB."
	say ""
	say "| operation | wall | CPU | baseline | wall | CPU | ratio | target | |"
	say "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |"

	# -- one mutating command, and its baselines, interleaved
	: >"$work/add" ; : >"$work/gitc"; : >"$work/bare"; : >"$work/mtg"
	party=$(ls customers | sed -n '1s/\.yaml$//p')
	for ((i = 0; i <= runs; i++)); do
		a=$(m "$brm" add-customer "Bäckerei Nüßli Ørsted $i")
		customer_yaml "bench-git-$i" "Bench Git $i" \
		    >"customers/bench-git-$i.yaml"
		g1=$(m git add "customers/bench-git-$i.yaml")
		g2=$(m git commit -q -m "add bench-git-$i")
		b=$(m "$bin/bare_commit" "customers/bench-bare-$i.yaml" \
		    "$(customer_yaml "bench-bare-$i" "Bench Bare $i")")
		w=$(m "$brm" log-meeting "$party" --kind daily \
		    --date 2026-10-15 --summary "Bench $i — Besprechung")
		[ "$i" -gt 0 ] || continue	# the first is the warm-up
		echo "$a" >>"$work/add"
		echo "$g1 $g2" | awk '{ print $1 + $4, $2 + $5, $6 }' \
		    >>"$work/gitc"
		echo "$b" >>"$work/bare"
		echo "$w" >>"$work/mtg"
	done
	dirty=$(git status --porcelain --untracked-files=all | wc -l)
	row "\`brm add-customer\` (whole process)" \
	    "\`git add f && git commit\` (git CLI)" "≤ 0.5× at 100k" \
	    "$work/add" "$work/gitc"
	row "\`brm add-customer\` (whole process)" \
	    "one bare libgit2 commit of one file (bare_commit.c)" \
	    "≤ 1.5× at 10k" "$work/add" "$work/bare"
	row "\`brm log-meeting\` (a dated record)" \
	    "one bare libgit2 commit of one file (bare_commit.c)" "—" \
	    "$work/mtg" "$work/bare"

	# -- reading everything
	mapfile -t all < <(ls -d customers services suppliers third-parties \
	    meetings complaints praise surveys value-adds events audits \
	    disputes 2>/dev/null)
	args "$brm" check -q >"$work/A"
	args "$bin/parse_all" "${all[@]}" >"$work/B"
	pair "$few" "$work/A" "$work/B"
	check_rss=$(maxcol 3 <"$work/a")
	row "\`brm check\` (every record)" \
	    "open + read + libyaml-parse every file (parse_all.c)" "≤ 1.5×" \
	    "$work/a" "$work/b"

	# -- the monthly report: first, both compute the same figures
	mapfile -t need < <(month_files)
	"$brm" report monthly --month "$month" --format json >"$work/r.json"
	python3 "$root/tests/perf/report_py.py" --from-brm "$work/r.json" \
	    >"$work/brm-figures.json"
	python3 "$root/tests/perf/report_py.py" . "$month" \
	    >"$work/py-figures.json"
	same=1
	cmp -s "$work/brm-figures.json" "$work/py-figures.json" || same=0
	args "$brm" report monthly --month "$month" >"$work/A"
	args "$bin/parse_all" "${need[@]}" >"$work/B"
	pair "$runs" "$work/A" "$work/B"
	report_rss=$(maxcol 3 <"$work/a")
	cp "$work/a" "$work/report"
	row "\`brm report monthly\`" \
	    "open + read + libyaml-parse the $("$bin/parse_all" "${need[@]}" |
	    cut -d' ' -f1) files that month needs (parse_all.c)" "≤ 1.5×" \
	    "$work/a" "$work/b"
	args "$brm" report monthly --month "$month" >"$work/A"
	args python3 "$root/tests/perf/report_py.py" . "$month" >"$work/B"
	pair "$few" "$work/A" "$work/B"
	if [ "$same" = 1 ]; then
		row "\`brm report monthly\`" \
		    "Python + PyYAML ($(python3 -c 'import yaml; print("C loader" if hasattr(yaml, "CSafeLoader") else "pure Python")')) computing the same figures (report_py.py)" \
		    "≥ 6× faster" "$work/a" "$work/b"
	else
		say "| \`brm report monthly\` | | | Python + PyYAML: **its figures differ from brm's**, no ratio (diff $work/brm-figures.json $work/py-figures.json) | | | — | ≥ 6× faster | |"
	fi

	# -- commands that only start, look and answer
	id=$(ls meetings/2026/10 | sed -n '1s/\.yaml$//p')
	args "$bin/hello_git2" >"$work/B"
	for c in "show $id" "--help" "__complete re" \
	    "__complete resolve-complaint --" "__complete resolve-complaint ''" \
	    "__complete show mtg-202610"; do
		if [ "$c" = "__complete resolve-complaint ''" ]; then
			args "$brm" __complete resolve-complaint "" >"$work/A"
		else
			# shellcheck disable=SC2086
			args "$brm" $c >"$work/A"
		fi
		pair "$runs" "$work/A" "$work/B"
		row "\`brm $c\`" \
		    "process start, C linked with libgit2 + libyaml (hello_git2.c)" \
		    "≤ 1.3×" "$work/a" "$work/b"
		case $c in __complete*)
			echo "$c|$(median 1 <"$work/a")|$(median 2 <"$work/a")" \
			    >>"$work/complete" ;;
		esac
	done
	ncand=$("$brm" __complete resolve-complaint "" | wc -l)
	nopen=$(grep -lE '^status: (open|acknowledged)' complaints/*/*/*.yaml |
	    wc -l)

	say ""
	say "\`__complete\` within 50 ms (issue 6), CPU time: $(awk -F'|' '
	    { printf "%s`%s` %.1f ms", (NR > 1 ? ", " : ""), $1, $3 / 1000 }
	    $3 >= 50000 { bad = 1 }
	    END { print (bad ? " (**missed**)" : " (met)") }' \
	    "$work/complete").  \`resolve-complaint ''\` offers $ncand ids;"\
	    "$nopen complaints are open or acknowledged."
	rm -f "$work/complete"
	say "Peak memory (max RSS): \`brm check\` $check_rss KiB," \
	    "\`brm report monthly\` $report_rss KiB."
	say "The figures of \`brm report monthly --format json\` and of" \
	    "report_py.py for $month: $([ "$same" = 1 ] && echo identical ||
	    echo '**different**')."
	say "\`git status\` after the $(( 3 * (runs + 1) )) commits and" \
	    "$((runs + 1)) meetings: $([ "$dirty" -eq 0 ] && echo clean ||
	    echo "**$dirty lines**")."

	# -- why a commit costs what it costs at this size
	idx=$(stat -c %s .git/index)
	entries=$(git ls-files | wc -l)
	root_tree=$(git cat-file -s 'HEAD^{tree}')
	cust_tree=$(git cat-file -s HEAD:customers)
	cust_n=$(git ls-tree HEAD:customers | wc -l)
	mtg_tree=$(git cat-file -s HEAD:meetings)
	year_tree=$(git cat-file -s HEAD:meetings/2026)
	month_tree=$(git cat-file -s HEAD:meetings/2026/10)
	month_n=$(git ls-tree HEAD:meetings/2026/10 | wc -l)
	objs=$(git count-objects -v | awk '/^in-pack/ { p = $2 }
	    /^count/ { l = $2 } /^size-pack/ { s = $2 }
	    END { printf "%d packed (%d KiB) + %d loose", p, s, l }')
	say "Commit anatomy: the index is $idx bytes ($entries entries);"\
	    "brm and git read it whole, checksum it and write it whole for"\
	    "every commit.  Trees a commit writes: add-customer the root"\
	    "($root_tree B) and customers/ ($cust_tree B, $cust_n entries);"\
	    "log-meeting the root, meetings/ ($mtg_tree B), meetings/2026/"\
	    "($year_tree B) and meetings/2026/10/ ($month_tree B, $month_n"\
	    "entries).  Objects: $objs."
	echo "$n $(median 2 <"$work/add") $(median 2 <"$work/gitc")" \
	    "$(median 2 <"$work/bare") $(median 2 <"$work/mtg") $idx" \
	    "$entries $cust_tree $month_tree" >>"$work/growth"
	cd "$work"
	largest=$n
done

# ---- how the commit cost grows between the sizes measured ----
if [ "$(wc -l <"$work/growth")" -ge 2 ]; then
	say ""
	say "## Commit cost from $(head -1 "$work/growth" | cut -d' ' -f1)" \
	    "to $(tail -1 "$work/growth" | cut -d' ' -f1) records (CPU ms)"
	say ""
	say "| | $(head -1 "$work/growth" | cut -d' ' -f1) |" \
	    "$(tail -1 "$work/growth" | cut -d' ' -f1) | growth |"
	say "| --- | ---: | ---: | ---: |"
	awk 'NR == 1 { for (i = 1; i <= NF; i++) a[i] = $i }
	END {
		split("records|brm add-customer|git add + commit|bare libgit2 commit|brm log-meeting|index bytes|index entries|customers/ tree bytes|a month tree bytes", name, "|")
		for (i = 2; i <= NF; i++)
			printf "| %s | %s | %s | %.2f× |\n", name[i],
			    i <= 5 ? sprintf("%.1f", a[i] / 1000) : a[i],
			    i <= 5 ? sprintf("%.1f", $i / 1000) : $i, $i / a[i]
	}' "$work/growth" | tee -a "$out"
fi
rm -f "$work/growth"

# ---- memory against months: the same records per month, 12 vs 36 ----
if [ -n "${largest:-}" ]; then
	# as many customers, services, suppliers and third parties, and as
	# many dated records a month, as the 36-month portfolio
	q=$work/m12
	rm -rf "$q"
	big=$work/p$largest
	named=$(ls "$big"/{customers,services,suppliers,third-parties} | grep -c yaml)
	python3 "$root/tests/perf/gen.py" "$q" --months 12 --brm "$brm" \
	    -n $(( (largest - named) / 3 + named )) --named-as "$largest" \
	    2>/dev/null
	say ""
	say "## Peak memory against the months in the repository"
	say ""
	say "The same customers, services, suppliers and third parties, and the"\
	    "same records a month; max RSS in KiB of one run (it varies by"\
	    "about 1 % between runs)."
	say ""
	say "| months | records | customers | \`check\` | \`report monthly\` | open action items, complaints, disputes in the report |"
	say "| ---: | ---: | ---: | ---: | ---: | --- |"
	for spec in "12 $q" "36 $big"; do
		set -- $spec
		rss_c=$(m "$brm" -C "$2" check -q | maxcol 3)
		rss_r=$(m "$brm" -C "$2" report monthly --month "$month" |
		    maxcol 3)
		kept=$("$brm" -C "$2" report monthly --month "$month" \
		    --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(sum(len(c["open_actions"]) for c in r["customers"]),
      sum(c["complaints_open"] for c in r["customers"]),
      len(r["open_disputes"]), sep=", ")')
		say "| $1 | $(find "$2" -path "$2/.git" -prune -o \
		    -name '*.yaml' -print | wc -l) | $(ls "$2/customers" |
		    wc -l) | $rss_c | $rss_r | $kept |"
	done
	rm -rf "$q"
fi
say ""
say "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
say "(written to $out)"
