#!/bin/sh
# Install what brm needs from Debian when it is missing.
#   tests/deps.sh            build + test dependencies (make check)
#   tests/deps.sh --runtime  build + runtime dependencies only (make deps)
set -eu
build="pkg-config gcc make libgit2-dev libyaml-dev libcmark-gfm-dev
libcmark-gfm-extensions-dev libjansson-dev libcsv-dev"
tests="bats parallel libcmocka-dev mandoc python3-yaml git bash-completion zsh fish
jq cmark-gfm"
want=$build
[ "${1:-}" = "--runtime" ] || want="$build $tests"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "brm: missing Debian packages:$missing" >&2
	echo "hint: run 'sudo make deps' or 'sudo apt-get install$missing'" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
