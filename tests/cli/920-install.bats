#!/usr/bin/env bats
# make install and make uninstall: the binary, every manual page and the
# three completion scripts in their standard places under DESTDIR.
load helpers
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup() {
	pin_env
	D="$BATS_TEST_TMPDIR/dest"
	# a make of our own, not a sub-make of make check's
	unset MAKEFLAGS MAKELEVEL MFLAGS MAKEOVERRIDES
}

# what install must put where, below $D
expected_files() {
	local p
	echo usr/bin/brm
	for p in "$ROOT"/man/*.1; do
		echo "usr/share/man/man1/$(basename "$p")"
	done
	for p in "$ROOT"/man/*.5; do
		echo "usr/share/man/man5/$(basename "$p")"
	done
	echo usr/share/bash-completion/completions/brm
	echo usr/share/zsh/site-functions/_brm
	echo usr/share/fish/vendor_completions.d/brm.fish
}

@test "make install puts everything in its place, make uninstall removes it" {
	# make install builds ./brm when it is missing or stale
	run make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/usr
	[ "$status" -eq 0 ]

	local f n=0
	while read -r f; do
		[ -f "$D/$f" ] || { echo "not installed: $f" >&2; return 1; }
		n=$((n + 1))
	done < <(expected_files)
	[ "$n" -ge 20 ]
	# nothing else
	[ "$(cd "$D" && find . -type f | sed 's|^\./||' | sort)" = \
	    "$(expected_files | sort)" ]

	# the binary runs, the pages and scripts are the ones in the tree
	[ -x "$D/usr/bin/brm" ]
	run "$D/usr/bin/brm" --version
	[ "$status" -eq 0 ] && [[ "$output" == "brm version "* ]]
	for f in "$ROOT"/man/*.1; do
		cmp "$f" "$D/usr/share/man/man1/$(basename "$f")"
		[ "$(stat -c %a "$D/usr/share/man/man1/$(basename "$f")")" = 644 ]
	done
	cmp "$ROOT/man/brm-records.5" "$D/usr/share/man/man5/brm-records.5"
	cmp "$ROOT/completions/brm.bash" \
	    "$D/usr/share/bash-completion/completions/brm"
	cmp "$ROOT/completions/_brm" "$D/usr/share/zsh/site-functions/_brm"
	cmp "$ROOT/completions/brm.fish" \
	    "$D/usr/share/fish/vendor_completions.d/brm.fish"

	# man finds the installed pages
	MANPATH="$D/usr/share/man" MANPAGER=cat run man 5 brm-records
	[ "$status" -eq 0 ] && [[ "${lines[0]}" == "BRM-RECORDS(5)"* ]]

	run make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX=/usr
	[ "$status" -eq 0 ]
	[ -z "$(find "$D" -type f)" ]
}

@test "make install honours PREFIX and the directory variables" {
	run make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/opt/brm \
	    BASHCOMPDIR=/etc/bash_completion.d
	[ "$status" -eq 0 ]
	[ -x "$D/opt/brm/bin/brm" ]
	[ -f "$D/opt/brm/share/man/man1/brm.1" ]
	[ -f "$D/opt/brm/share/man/man5/brm-config.5" ]
	[ -f "$D/etc/bash_completion.d/brm" ]
	[ -f "$D/opt/brm/share/zsh/site-functions/_brm" ]
	run make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX=/opt/brm \
	    BASHCOMPDIR=/etc/bash_completion.d
	[ "$status" -eq 0 ]
	[ -z "$(find "$D" -type f)" ]
}
