#!/usr/bin/env bats
# The manual: a page per command, clean mdoc, SYNOPSIS equal to the usage
# that -h prints, brm-records(5) equal to what the schema generates, and
# brm help showing pages and the grouped command list.
load helpers
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
MAN=$ROOT/man

setup() {
	pin_env
	cd "$BATS_TEST_TMPDIR"
}

# The commands brm help lists: the non-hidden rows of brm_commands[].
commands() {
	brm __complete ""
}

# synopses PAGE...: "page<TAB>synopsis" for each page, its SYNOPSIS
# rendered as text on one line, blanks squeezed.  One mandoc for all.
synopses() {
	mandoc -Tascii -O width=1000 "$@" 2>/dev/null | col -bx | awk '
		function flush() {
			if (page == "")
				return
			$0 = syn
			$1 = $1
			print page "\t" $0
		}
		/^[A-Z0-9-]+\([1-9]\)[ \t]/ {	# the header line starts a page
			next_page = tolower($1)
			flush()		# (which changes $0)
			page = next_page
			sub(/\(.*/, "", page)
			syn = ""
			on = 0
			next
		}
		/^[A-Z]/ { on = ($0 == "SYNOPSIS"); next }
		on { syn = syn " " $0 }
		END { flush() }'
}

# usage CMD...: the first line of -h without "usage: ", blanks squeezed
usage() {
	brm "$@" -h | awk 'NR == 1 { sub(/^usage: /, ""); $1 = $1; print }'
}

@test "brm __complete lists the commands, and brm help lists the same" {
	local c cmds
	cmds=$(commands)
	run --separate-stderr commands
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "${#lines[@]}" -ge 14 ]
	for c in init check log add-customer add-contact add-service subscribe \
	    add-requirement show list set edit rm help; do
		[[ $'\n'$cmds$'\n' == *$'\n'$c$'\n'* ]]
	done
	[[ $cmds != *__* ]]
	run --separate-stderr brm help
	[ "$status" -eq 0 ]
	for c in $cmds; do
		[[ $output == *$'\n'"   $c "* ]] ||
			{ echo "brm help does not list $c" >&2; return 1; }
	done
}

@test "every command has a manual page, and every page a command" {
	local c p missing= cmds
	cmds=$(commands)
	for c in $cmds; do
		[ -f "$MAN/brm-$c.1" ] || missing="$missing brm-$c.1"
	done
	[ -z "$missing" ] || { echo "no manual page:$missing" >&2; return 1; }
	for p in "$MAN"/brm-*.1; do
		c=${p##*/brm-}
		c=${c%.1}
		[[ $'\n'$cmds$'\n' == *$'\n'$c$'\n'* ]] ||
			{ echo "$p: no command '$c'" >&2; return 1; }
	done
	[ -f "$MAN/brm.1" ]
	[ -f "$MAN/brm-config.5" ]
	[ -f "$MAN/brm-records.5" ]
}

@test "every manual page passes mandoc -Tlint" {
	local p out bad=0
	for p in "$MAN"/*.1 "$MAN"/*.5; do
		out=$(mandoc -Tlint -W warning "$p" 2>&1) && [ -z "$out" ] ||
			{ echo "$out" >&2; bad=1; }
	done
	[ "$bad" -eq 0 ]
}

@test "a command's page has the sections of STYLE.md and .Ex -std" {
	local c p s text bad=0
	for c in $(commands); do
		p=$MAN/brm-$c.1
		text=$'\n'$(<"$p")$'\n'
		for s in ".Dt BRM-${c^^} 1" ".Nm brm-$c" ".Sh NAME" \
		    ".Sh SYNOPSIS" ".Sh DESCRIPTION" ".Sh EXIT STATUS" \
		    ".Ex -std" ".Sh EXAMPLES" ".Sh SEE ALSO"; do
			[[ $text == *$'\n'"$s"$'\n'* ]] ||
				{ echo "$p: no '$s' line" >&2; bad=1; }
		done
	done
	[ "$bad" -eq 0 ]
}

@test "every SYNOPSIS renders exactly as the usage line of -h" {
	local c want got bad=0 n=0
	local -A man
	while IFS=$'\t' read -r c got; do
		man[$c]=$got
	done < <(synopses "$MAN"/brm.1 "$MAN"/brm-*.1)
	for c in $(commands); do
		n=$((n + 1))
		want=$(usage "$c")
		[[ $want == "brm $c"* ]]
		got=${man[brm-$c]-}
		if [ "$want" != "$got" ]; then
			printf 'brm-%s.1:\n  -h:  %s\n  man: %s\n' "$c" "$want" \
			    "$got" >&2
			bad=1
		fi
	done
	[ "$n" -ge 14 ]
	# brm(1) itself: the usage line brm -h prints
	want=$(usage)
	[[ $want == "brm [-C <dir>]"* ]]
	[ "$want" = "${man[brm]-}" ] || {
		printf 'brm.1:\n  -h:  %s\n  man: %s\n' "$want" "${man[brm]-}" >&2
		bad=1
	}
	[ "$bad" -eq 0 ]
}

@test "the synopsis check notices a difference" {
	sed 's/^\.Op Fl \\-id Aq Ar id$/.Op Fl \\-ident Aq Ar id/' \
	    "$MAN/brm-add-customer.1" >brm-add-customer.1
	! cmp -s brm-add-customer.1 "$MAN/brm-add-customer.1"
	[ "$(synopses brm-add-customer.1)" != \
	    "brm-add-customer	$(usage add-customer)" ]
	[ "$(synopses "$MAN/brm-add-customer.1")" = \
	    "brm-add-customer	$(usage add-customer)" ]
}

@test "man/brm-records.5 is what brm __records-man generates" {
	run --separate-stderr brm __records-man
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	brm __records-man >generated.5
	cmp generated.5 "$MAN/brm-records.5" || {
		echo "man/brm-records.5 is stale: ./brm __records-man > man/brm-records.5" >&2
		diff -u "$MAN/brm-records.5" generated.5 >&2
		return 1
	}
}

@test "every schema field is in brm-records(5)" {
	local f missing= n=0
	for f in $(sed -n 's/.*BRM_\(FIELD\|MAP\)("\([a-z_]*\)".*/\2/p' \
	    "$ROOT"/core/kinds/*.c | sort -u); do
		n=$((n + 1))
		grep -qx ".It Cm $f" "$MAN/brm-records.5" ||
			missing="$missing $f"
	done
	[ "$n" -gt 20 ]
	[ -z "$missing" ] || { echo "not in brm-records.5:$missing" >&2; return 1; }
	# and every kind its files (.plural = "customers": customers/...);
	# brm list also takes views such as contracts, which are not kinds
	n=0
	for f in $(sed -n 's/.*\.plural *= *"\([a-z-]*\)".*/\1/p' \
	    "$ROOT"/core/kinds/*.c); do
		[ "$f" != config ] || continue
		n=$((n + 1))
		grep -q "^\.Pa $f/" "$MAN/brm-records.5" ||
			{ echo "kind $f not in brm-records.5" >&2; return 1; }
	done
	[ "$n" -ge 2 ]
	grep -qx '.Ss customer' "$MAN/brm-records.5"
	grep -qx '.Ss service' "$MAN/brm-records.5"
}

# A copy of brm with the manual beside it, as in a build tree.
brm_with_pages() {
	mkdir -p tree
	cp "$BRM" tree/brm
	ln -s "$MAN" tree/man
}

@test "brm help <command> shows the page beside the binary" {
	brm_with_pages
	export MANPAGER=cat PAGER=cat MANWIDTH=80
	local c
	# the mechanism is the same for every command; a page exists for
	# each (above), so a few show it works
	for c in init add-customer set help; do
		run --separate-stderr tree/brm help "$c"
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "BRM-${c^^}(1)"* ]]
		[[ "$output" == *"brm-$c "* ]]
		[[ "$output" == *SYNOPSIS*"brm $c"*DESCRIPTION* ]]
	done
	run --separate-stderr tree/brm help records
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "BRM-RECORDS(5)"* ]]
	run --separate-stderr tree/brm help config
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "BRM-CONFIG(5)"* ]]
	run --separate-stderr tree/brm help brm
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "BRM(1)"* ]]
}

@test "brm help <command> finds an installed page through man's path" {
	mkdir -p bin share/man/man1 share/man/man5
	cp "$BRM" bin/brm
	cp "$MAN"/*.1 share/man/man1/
	cp "$MAN"/*.5 share/man/man5/
	export MANPATH=$PWD/share/man MANPAGER=cat PAGER=cat MANWIDTH=80
	run --separate-stderr bin/brm help subscribe
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "BRM-SUBSCRIBE(1)"* ]]
	[[ "$output" == *"brm subscribe [--vital]"* ]]
}

@test "brm help for an unknown command fails with a hint" {
	run --separate-stderr brm help no-such-command
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"no manual for 'no-such-command'"* ]]
	[[ "$stderr" == *"hint: "* ]]
}

# groups CMD: "Title<TAB>command" for each command brm help lists
help_groups() {
	brm help | awk '
		/^[A-Z][a-z]/ && !/^See / { title = $0; next }
		/^   [a-z]/ { print title "\t" $1 }'
}

# The same from brm(1): each .Ss and the .It Xr brm-X 1 entries under it.
page_groups() {
	awk '
		/^\.Sh / { on = ($2 == "COMMANDS"); next }
		on && /^\.Ss / { sub(/^\.Ss /, ""); title = $0; next }
		on && /^\.It Xr brm-/ { c = $3; sub(/^brm-/, "", c);
		    print title "\t" c }' "$MAN/brm.1"
}

@test "brm help lists the commands grouped, and brm(1) groups them alike" {
	run --separate-stderr help_groups
	[ "$status" -eq 0 ]
	# every command once, under a title, with its summary
	[ "$(cut -f2 <<<"$output" | sort)" = "$(commands | sort)" ]
	[ "$(cut -f1 <<<"$output" | uniq | sort | uniq -d)" = "" ]
	grep -qx $'Work with the portfolio\tinit' <<<"$output"
	grep -qx $'Customers and services\tadd-customer' <<<"$output"
	grep -qx $'Any record\tshow' <<<"$output"
	grep -qx $'Help\thelp' <<<"$output"
	if [ "$(page_groups)" != "$output" ]; then
		diff <(echo "$output") <(page_groups) >&2
		return 1
	fi
}

@test "brm help -a lists the internal commands too, and takes no command" {
	run --separate-stderr brm help -a
	[ "$status" -eq 0 ]
	# everything brm help lists, in the same order, then the rest
	[ "$(brm help | sed -n '/^   /p')" = \
	    "$(sed -n '/^Internal/q; /^   /p' <<<"$output")" ]
	for c in __complete merge-driver __records-man; do
		grep -q "^   $c  *[A-Z]" <<<"$output" ||
			{ echo "brm help -a does not list $c" >&2; return 1; }
	done
	run brm help
	[[ "$output" != *__complete* ]]
	run --separate-stderr brm help --all set
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"usage: brm help"* ]]
	run --separate-stderr brm help __complete
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"no manual for '__complete'"* ]]
}
