# Shared setup for the CLI tests: a fresh portfolio per test, a pinned
# clock and identity, and helpers to prove that a refused command changed
# nothing.

: "${BRM:=$BATS_TEST_DIRNAME/../../brm}"

brm() { "$BRM" "$@"; }

pin_env() {
	export HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p "$HOME"
	export XDG_CONFIG_HOME="$HOME/.config"
	export GIT_CONFIG_NOSYSTEM=1
	export GIT_AUTHOR_NAME="Olga Test" GIT_AUTHOR_EMAIL="olga@example.com"
	export GIT_COMMITTER_NAME="Olga Test"
	export GIT_COMMITTER_EMAIL="olga@example.com"
	export GIT_AUTHOR_DATE="2026-11-22T10:00:00+01:00"
	export GIT_COMMITTER_DATE="2026-11-22T10:00:00+01:00"
	export BRM_NOW="2026-11-22T10:00:00+01:00"
	export TZ=Europe/Berlin
	export NO_COLOR=1
	unset BRM_DIR VISUAL EDITOR
}

setup() {
	pin_env
	P="$BATS_TEST_TMPDIR/p"
	brm init "$P" --provider "Nordlicht IT" >/dev/null
	cd "$P"
}

# snapshot: everything a refused command must leave as it was
snapshot() {
	{
		git rev-parse HEAD
		git status --porcelain --untracked-files=all
		git ls-files -s
		find . -path ./.git -prune -o -type f -print0 | sort -z |
			xargs -0 sha1sum
	} 2>&1
}

# unchanged_since "$before": the repository is exactly as snapshotted
unchanged_since() {
	local now
	now=$(snapshot)
	if [ "$now" != "$1" ]; then
		diff <(echo "$1") <(echo "$now") >&2
		return 1
	fi
}

# commits: how many commits the branch has
commits() { git rev-list --count HEAD; }

# py: Python with PyYAML, for reading records as a third party would
py() { /usr/bin/python3 "$@"; }

# yget FILE EXPR: a value from a YAML file, e.g. yget f.yaml "d['kind']"
yget() {
	py -c "import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); print($2)" "$1"
}

# committed N SUBJECT COMMAND KIND ID PATH: the last command made exactly
# one commit on top of N commits, with this subject and brm's trailers,
# touching only PATH, and left the work tree clean
committed() {
	local want
	want=$(printf '%s\n\nBrm-Command: %s\nBrm-Kind: %s\nBrm-Id: %s' \
	    "$2" "$3" "$4" "$5")
	if [ "$(commits)" -ne $(($1 + 1)) ]; then
		echo "expected $(($1 + 1)) commits, found $(commits)" >&2
		return 1
	fi
	if [ "$(git log -1 --format=%B)" != "$want" ]; then
		diff <(echo "$want") <(git log -1 --format=%B) >&2
		return 1
	fi
	if [ "$(git show --format= --name-only HEAD)" != "$6" ]; then
		git show --format= --name-only HEAD >&2
		return 1
	fi
	if [ -n "$(git status --porcelain --untracked-files=all)" ]; then
		git status --porcelain --untracked-files=all >&2
		return 1
	fi
}

# json_is FILE FILTER EXPECTED: jq FILTER of FILE equals EXPECTED (JSON,
# numbers compared as numbers)
json_is() {
	local got
	got=$(jq -cS "$2" "$1")
	if ! jq -en --argjson a "$got" --argjson b "$3" '$a == $b' >/dev/null
	then
		printf '%s\n  got:  %s\n  want: %s\n' "$2" "$got" \
		    "$(jq -cS . <<<"$3")" >&2
		return 1
	fi
}
