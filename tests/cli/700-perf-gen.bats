#!/usr/bin/env bats
# tests/perf/gen.py, the benchmark's portfolio generator: what it writes is
# a portfolio brm accepts whole (brm check), in one commit, in brm's own
# canonical format, with every kind and every complaint state in it.
load helpers

GEN="$BATS_TEST_DIRNAME/../perf/gen.py"

setup_file() {
	command -v python3 >/dev/null || return 0
	pin_env
	G="$BATS_FILE_TMPDIR/g"
	python3 "$GEN" "$G" -n 2000 --seed 11 --brm "$BRM" 2>/dev/null
}

setup() {
	command -v python3 >/dev/null || skip "python3 is not installed"
	pin_env
	G="$BATS_FILE_TMPDIR/g"
	cd "$G"
}

@test "gen.py: 2,000 records in one commit, work tree clean" {
	[ "$(git rev-list --count HEAD)" -eq 1 ]
	[ "$(git log -1 --format=%s)" = "gen: 2000 records" ]
	[ "$(git ls-files '*.yaml' | grep -vc '^\.brm/')" -eq 2000 ]
	[ -z "$(git status --porcelain --untracked-files=all)" ]
	[ "$(git symbolic-ref HEAD)" = "refs/heads/main" ]
}

@test "gen.py: brm check accepts every record" {
	run brm check
	[ "$status" -eq 0 ] || { echo "$output" | head -20; false; }
	[ "$output" = "checked 2000 records: 0 errors, 0 warnings" ]
}

@test "gen.py: config, .gitattributes, git settings as brm init makes them" {
	brm init "$BATS_TEST_TMPDIR/ref" \
	    --provider "Nordlicht IT-Services GmbH" >/dev/null
	cmp .brm/config.yaml "$BATS_TEST_TMPDIR/ref/.brm/config.yaml"
	cmp .gitattributes "$BATS_TEST_TMPDIR/ref/.gitattributes"
	[ "$(git config --local --list | grep -v '^core\.' | sort)" = \
	    "$(git -C "$BATS_TEST_TMPDIR/ref" config --local --list |
	    grep -v '^core\.' | sort)" ]
}

@test "gen.py: every kind, 36 months, ids and paths as DESIGN 2 says" {
	local k
	for k in customers services suppliers third-parties; do
		[ "$(ls $k | wc -l)" -gt 1 ]
	done
	for k in meetings complaints praise surveys value-adds events audits \
	    disputes; do
		[ -n "$(ls $k/*/*/*.yaml 2>/dev/null | head -1)" ]
	done
	[ "$(ls -d meetings/*/* | wc -l)" -eq 36 ]
	[ "$(ls -d meetings/*/* | head -1)" = "meetings/2023/11" ]
	[ "$(ls -d meetings/*/* | tail -1)" = "meetings/2026/10" ]
	# the path follows from the id: <plural>/YYYY/MM/<pfx>-YYYYMMDD-xxxx
	run bash -c "git ls-files '*/*/*/*.yaml' | grep -Ev \
	    '^[a-z-]+/([0-9]{4})/([0-9]{2})/[a-z]{3}-\\1\\2[0-9]{2}-[a-z0-9]{4}\\.yaml$'"
	[ -z "$output" ]
	brm show "$(basename "$(ls meetings/2026/10/*.yaml | head -1)" .yaml)" \
	    >/dev/null
}

@test "gen.py: complaints in every lifecycle state, some reopened" {
	local s
	for s in open acknowledged resolved closed; do
		grep -rlq "^status: $s\$" complaints
	done
	grep -rlq '^reopened:' complaints
	grep -rlq '^satisfied: false' complaints
	brm list complaints --status open >/dev/null
}

@test "gen.py: names beyond ASCII, references that resolve" {
	grep -rqF -e 'Söhne' -e 'Ärztekammer' -e 'Straße' customers
	grep -rqF -e 'ООО Ромашка' -e 'Северсталь' -e 'Газпром' customers
	grep -rqF -e '株式会社' -e '東京' -e '北京' -e '大阪' customers
	grep -rqh '^about: cmp-\|^about: evt-' surveys
	grep -rqh '^with: ' meetings
}

@test "gen.py: records are canonical: brm rewrites them byte for byte" {
	local k f id
	# the kinds with the deepest structure (the rest are flat mappings)
	for k in customers suppliers third-parties meetings complaints \
	    disputes; do
		f=$(git ls-files "$k/" | head -1)
		id=$(basename "$f" .yaml)
		brm set "$id" notes=canonical >/dev/null
		# the one added line and nothing else (a replaced note: -N +1)
		run bash -c "git diff HEAD~1 -- '$f' | grep '^[-+][^-+]'"
		[ "${lines[${#lines[@]}-1]}" = "+notes: canonical" ]
		[ -z "$(git diff HEAD~1 -- "$f" | grep '^-[^-]' |
		    grep -v '^-notes:\|^-  ')" ]
	done
}

@test "gen.py: the same seed gives the same commit tree" {
	python3 "$GEN" "$BATS_TEST_TMPDIR/again" -n 2000 --seed 11 \
	    --brm "$BRM" 2>/dev/null
	[ "$(git -C "$BATS_TEST_TMPDIR/again" rev-parse HEAD^{tree})" = \
	    "$(git rev-parse "$(git rev-list --max-parents=0 HEAD)^{tree}")" ]
}

@test "gen.py portfolio: dated prefixes resolve from their year and month" {
	local id
	id=$(basename "$(ls meetings/2026/10/*.yaml | head -1)" .yaml)
	# completion lists exactly the records of the folders the prefix names
	[ "$(brm __complete show mtg-202610 | sort)" = \
	    "$(ls meetings/2026/10 | sed 's/\.yaml$//' | sort)" ]
	[ "$(brm __complete show mtg-2025 | sort)" = \
	    "$(ls meetings/2025/*/ | grep yaml | sed 's/\.yaml$//' | sort)" ]
	[ -z "$(brm __complete show mtg-2026x)" ]
	[ -z "$(brm __complete show mtgx)" ]
	# a full id and a unique prefix of it resolve; a month is ambiguous
	brm show "$id" >/dev/null
	brm show "${id%??}" >/dev/null
	run brm show mtg-202610
	[ "$status" -eq 1 ]
	[[ "$output" == *"id 'mtg-202610' is ambiguous"* ]]
	run brm show mtg-2026x
	[ "$status" -eq 1 ]
	[[ "$output" == *"no record 'mtg-2026x'"* ]]
}
