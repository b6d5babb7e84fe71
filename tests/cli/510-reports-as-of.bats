#!/usr/bin/env bats
# Reports are as of their commit, not the clock: the same commit gives the
# same bytes whatever BRM_NOW says and whatever the work tree holds;
# --at <older commit> gives what that commit gave when it was HEAD;
# --as-of DATE; which customers the monthly report and the portfolio
# list; only periodic-review meetings are the review; what an overdue
# complaint is.  The figures are worked out by hand below.
#
# The fixture is made in two commit times:
#  c1  committed 2026-10-20T12:00:00+02:00 (October not over yet):
#      customers Active Quiet (active, monthly reviews, nothing in
#      October), Complainer (active), Former Open (former, a complaint
#      still open), Former Quiet (former), Prospect Met (prospect, a
#      kickoff on 10-12), Prospect Quiet (prospect), Service Only
#      (active, monthly reviews, only a service-review on 10-14);
#      Complainer's SLA on the service desk: response 4 h; Slow Co's
#      contract for it promises 8 h and ends 2026-11-10;
#      complaints (response targets in hours of working days, the config
#      of brm init: every hour of Monday to Friday counts):
#        L  Complainer, critical, received Mon 10-05 09:00+02:00: due
#           13:00 (4 h); acknowledged 15:30, 2.5 h late; still open
#        U  Complainer, high, received Tue 10-06 09:00+02:00: due 17:00
#           (8 h); never acknowledged
#        F  Former Open, medium, received Tue 09-15 09:00+02:00: due
#           09-16 09:00 (24 h); acknowledged 10:00, in time; still open
#  HEAD committed 2026-11-22T10:00:00+01:00, adds
#        N  Complainer, low, received Fri 10-30 12:00+01:00: due Wed
#           11-04 12:00+01:00 (12 h of Friday, 24 of Monday and of
#           Tuesday, 12 of Wednesday: 72 h); never acknowledged
load helpers
bats_require_minimum_version 1.5.0

c1_time=2026-10-20T12:00:00+02:00
head_time=2026-11-22T10:00:00+01:00

at_time() {
	export GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 BRM_NOW=$1
}

# Every report in every format, as "name format" lines; the monthly one
# for October.
REPORTS=("monthly --month 2026-10" "customer complainer" portfolio suppliers)
FORMATS=(md html json)

# out_name REPORT FORMAT: a file name for the pair
out_name() { printf '%s.%s' "${1// /_}" "$2"; }

setup_file() {
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR pin_env
	local F="$BATS_FILE_TMPDIR/fixture" r f
	at_time "$c1_time"
	brm init "$F" --provider "Nordlicht IT" >/dev/null
	cd "$F"
	fixture_c1 >/dev/null 2>"$BATS_FILE_TMPDIR/fixture.err"
	git rev-parse HEAD >"$BATS_FILE_TMPDIR/c1"
	# what c1 gave when it was HEAD
	mkdir "$BATS_FILE_TMPDIR/then"
	for r in "${REPORTS[@]}"; do
		for f in "${FORMATS[@]}"; do
			brm report $r --format $f \
			    >"$BATS_FILE_TMPDIR/then/$(out_name "$r" $f)"
		done
	done
	at_time "$head_time"
	fixture_head >/dev/null 2>>"$BATS_FILE_TMPDIR/fixture.err"
}

fixture_c1() {
	brm add-customer "Active Quiet" --status active --review-cadence monthly
	brm add-customer "Complainer" --status active
	brm add-customer "Former Open" --status former
	brm add-customer "Former Quiet" --status former
	brm add-customer "Prospect Met" --status prospect
	brm add-customer "Prospect Quiet" --status prospect
	brm add-customer "Service Only" --status active \
	    --review-cadence monthly
	brm add-service "Service Desk"
	brm subscribe --response-hours 4 --resolution-hours 24 complainer \
	    service-desk
	brm add-supplier "Slow Co" --status approved --supplies service-desk
	brm add-contract --response-hours 8 --resolution-hours 12 \
	    --end 2026-11-10 slow-co service-desk
	brm log-meeting prospect-met --kind kickoff --date 2026-10-12 \
	    --summary "Kickoff"
	brm log-meeting service-only --kind service-review --date 2026-10-14 \
	    --summary "Service review"
	kL=$(brm record-complaint complainer --severity critical \
	    --received 2026-10-05T09:00:00+02:00 --summary "Late answer")
	brm ack-complaint --at 2026-10-05T15:30:00+02:00 "$kL"
	kU=$(brm record-complaint complainer --severity high \
	    --received 2026-10-06T09:00:00+02:00 --summary "No answer")
	kF=$(brm record-complaint former-open --severity medium \
	    --received 2026-09-15T09:00:00+02:00 --summary "Old matter")
	brm ack-complaint --at 2026-09-15T10:00:00+02:00 "$kF"
	printf 'kL=%q\nkU=%q\nkF=%q\n' "$kL" "$kU" "$kF" \
	    >"$BATS_FILE_TMPDIR/ids.sh"
}

fixture_head() {
	kN=$(brm record-complaint complainer --severity low \
	    --received 2026-10-30T12:00:00+01:00 --summary "Slow portal")
	printf 'kN=%q\n' "$kN" >>"$BATS_FILE_TMPDIR/ids.sh"
}

setup() {
	pin_env
	P="$BATS_TEST_TMPDIR/p"
	cp -a "$BATS_FILE_TMPDIR/fixture" "$P"
	. "$BATS_FILE_TMPDIR/ids.sh"
	c1=$(cat "$BATS_FILE_TMPDIR/c1")
	cd "$P"
}

@test "the fixture went in as described" {
	[ ! -s "$BATS_FILE_TMPDIR/fixture.err" ] ||
	    ! grep -v "warning: contract of supplier 'slow-co'" \
	    "$BATS_FILE_TMPDIR/fixture.err"
	[ "$(git log -1 --format=%cI "$c1")" = "$c1_time" ]
	[ "$(git log -1 --format=%cI HEAD)" = "$head_time" ]
	[ "$(yget complaints/2026/10/$kL.yaml "str(d['response_due'])")" = \
	    "2026-10-05 13:00:00+02:00" ]
	[ "$(yget complaints/2026/10/$kU.yaml "str(d['response_due'])")" = \
	    "2026-10-06 17:00:00+02:00" ]
	[ "$(yget complaints/2026/10/$kN.yaml "str(d['response_due'])")" = \
	    "2026-11-04 12:00:00+01:00" ]
	[ "$(yget complaints/2026/09/$kF.yaml "str(d['response_due'])")" = \
	    "2026-09-16 09:00:00+02:00" ]
}

@test "same commit, another BRM_NOW, a dirty work tree: the same bytes" {
	local r f name
	# edits nobody committed: a customer renamed, a complaint
	# acknowledged, a file deleted
	sed -i 's/^name: Complainer$/name: Edited/' customers/complainer.yaml
	printf 'acknowledged: 2026-10-06T10:00:00+02:00\n' \
	    >>"complaints/2026/10/$kU.yaml"
	rm customers/former-quiet.yaml
	[ -n "$(git status --porcelain)" ]
	for r in "${REPORTS[@]}"; do
		for f in "${FORMATS[@]}"; do
			name=$(out_name "$r" $f)
			BRM_NOW=2026-11-25T08:00:00+01:00 brm report $r \
			    --format $f >"a.$name"
			BRM_NOW=2027-06-01 TZ=America/New_York brm report $r \
			    --format $f >"b.$name"
			cmp "a.$name" "b.$name"
			[ -s "a.$name" ]
		done
	done
	# the as-of time is the commit's, stated next to it
	for r in "${REPORTS[@]}"; do
		name=$(out_name "$r" json)
		json_is "a.$name" '[.commit, .as_of]' \
		    "[\"$(git rev-parse HEAD)\", \"$head_time\"]"
		grep -qx "\(Nordlicht IT\. \)\?Built from commit $(git rev-parse --short=12 HEAD) as of $head_time\..*" \
		    "a.$(out_name "$r" md)"
	done
}

@test "--at an older commit gives the bytes it gave as HEAD, whatever the clock" {
	local r f name
	for r in "${REPORTS[@]}"; do
		for f in "${FORMATS[@]}"; do
			name=$(out_name "$r" $f)
			BRM_NOW=2027-02-01 brm report $r --format $f \
			    --at "$c1" >"at.$name"
			cmp "at.$name" "$BATS_FILE_TMPDIR/then/$name"
		done
	done
	# and they are not what HEAD gives now
	brm report monthly --month 2026-10 --format json >now.json
	! cmp -s now.json "$BATS_FILE_TMPDIR/then/monthly_--month_2026-10.json"
}

@test "as of c1, October was not over: overdue then, no review missing yet" {
	local then=$BATS_FILE_TMPDIR/then
	json_is "$then/monthly_--month_2026-10.json" '.as_of' "\"$c1_time\""
	# opened L and U; open L, U and F; overdue U alone (L was
	# acknowledged, late); no review is missing before October ends;
	# Slow Co's contract was in force, and ends next month
	json_is "$then/monthly_--month_2026-10.json" '.summary |
	    [.complaints_opened, .complaints_open, .complaints_overdue]' \
	    '[2, 3, 1]'
	json_is "$then/monthly_--month_2026-10.json" \
	    '[.attention[] | [.category, .id]]' \
	    "[[\"complaint\", \"$kU\"], [\"contract\", \"slow-co\"],
	      [\"renewal\", \"slow-co\"]]"
	json_is "$then/monthly_--month_2026-10.json" \
	    '[.customers[].review_missing]' '[false, false, false, false, false]'
	# the sheet of c1 covers the 12 months up to October
	grep -qx "Nordlicht IT. Built from commit ${c1:0:12} as of $c1_time. Activity from November 2025 to October 2026." \
	    "$then/customer_complainer.md"
	json_is "$then/suppliers.json" '[.looser_contracts[] | .supplier]' \
	    '["slow-co"]'
}

@test "the monthly report lists the active customers and any with activity" {
	brm report monthly --month 2026-10 --format json >r.json
	# active: Active Quiet, Complainer, Service Only; with activity:
	# Former Open (its complaint still open at the month's end) and
	# Prospect Met (its kickoff); Former Quiet and Prospect Quiet are not
	json_is r.json '[.customers[] | [.id, .status]]' '[
	    ["active-quiet", "active"], ["complainer", "active"],
	    ["former-open", "former"], ["prospect-met", "prospect"],
	    ["service-only", "active"]]'
	brm report monthly --month 2026-10 >r.md
	# the table says which are not active
	grep -q '^| Former Open (former) | 0 | – | 0 | 0 | 1 | 0 |' r.md
	grep -q '^| Prospect Met (prospect) | 1 | – |' r.md
	grep -q '^| Active Quiet | 0 | missing |' r.md
	grep -qx '\*\*No activity in October 2026:\*\* Active Quiet' r.md
	[ "$(grep '^### ' r.md)" = '### Complainer
### Former Open
### Prospect Met
### Service Only' ]
	! grep -q 'Former Quiet\|Prospect Quiet' r.md
}

@test "the portfolio has one row per customer, former ones included" {
	brm report portfolio --format json >p.json
	# open complaints as of HEAD: Complainer L, U and N; Former Open F
	json_is p.json '[.customers[] | [.id, .status, .open_complaints]]' '[
	    ["active-quiet", "active", 0], ["complainer", "active", 3],
	    ["former-open", "former", 1], ["former-quiet", "former", 0],
	    ["prospect-met", "prospect", 0], ["prospect-quiet", "prospect", 0],
	    ["service-only", "active", 0]]'
	brm report portfolio >p.md
	grep -qx '| Former Quiet | external | former | 0 | 0 | – | – | – | 0 |  |' p.md
}

@test "a service-review is not the periodic review" {
	brm report monthly --month 2026-10 --format json >r.json
	# Service Only: 1 meeting, 0 periodic reviews, its review missing;
	# Active Quiet: nothing at all, missing too
	json_is r.json '[.customers[] | [.id, .meetings, .periodic_reviews,
	    .review_missing]]' '[["active-quiet", 0, 0, true],
	    ["complainer", 0, 0, false], ["former-open", 0, 0, false],
	    ["prospect-met", 1, 0, false], ["service-only", 1, 0, true]]'
	json_is r.json '[.attention[] | select(.category == "review") | .text]' \
	    '["Active Quiet had no monthly review meeting",
	      "Service Only had no monthly review meeting"]'
	brm report monthly --month 2026-10 >r.md
	grep -qx '| Service Only | 1 | missing | 0 | 0 | 0 | 0 | 0 | 0 | – | – | ······ | 0 |' r.md
}

@test "overdue: the target passed and still unacknowledged; late is not overdue" {
	brm report monthly --month 2026-10 --format json >r.json
	# October: opened L, U, N; open L, U, N and F; overdue U only: L was
	# acknowledged (late), N is due in November, F was acknowledged
	json_is r.json '.summary | [.complaints_opened, .complaints_open,
	    .complaints_overdue]' '[3, 4, 1]'
	json_is r.json '.customers[1].complaints | map([.id, .overdue,
	    .acknowledged_late_hours])' "[[\"$kL\", false, 2.5],
	    [\"$kU\", true, null], [\"$kN\", false, null]]"
	json_is r.json '[.attention[] | select(.category == "complaint") | .id]' \
	    "[\"$kU\"]"
	brm report monthly --month 2026-10 >r.md
	grep -qx "  - \*\*$kL\*\* Late answer (critical, acknowledged, received 2026-10-05, acknowledged 2.5 hours late)" r.md
	grep -qx "  - \*\*$kU\*\* No answer (high, open, received 2026-10-06, response overdue since 2026-10-06T17:00:00+02:00)" r.md
	grep -qx "  - \*\*$kN\*\* Slow portal (low, open, received 2026-10-30)" r.md
	# the sheet, as of HEAD (11-22): in November N's target has passed
	# too; October keeps U alone
	brm report customer complainer --format json >c.json
	json_is c.json '[.months[] | select(.month == ("2026-10", "2026-11")) |
	    [.month, .complaints_open, .complaints_overdue]]' \
	    '[["2026-10", 3, 1], ["2026-11", 3, 2]]'
	json_is c.json '.complaints | map([.id, .overdue])' \
	    "[[\"$kL\", false], [\"$kU\", true], [\"$kN\", true]]"
}

@test "--as-of DATE: the end of that day, stated, for every report" {
	# 11-03: N (due 11-04 12:00) has not passed yet
	brm report customer complainer --as-of 2026-11-03 --format json >c.json
	json_is c.json '[.as_of, (.months | length), .months[0].month,
	    .months[11].month, .months[11].complaints_overdue]' \
	    '["2026-11-03", 12, "2025-12", "2026-11", 1]'
	brm report customer complainer --as-of 2026-11-04 --format json >c.json
	json_is c.json '.months[11].complaints_overdue' '2'
	brm report customer complainer --as-of 2026-11-03 >c.md
	grep -qx "Nordlicht IT. Built from commit $(git rev-parse --short=12 HEAD) as of 2026-11-03. Activity from December 2025 to November 2026." c.md
	# Slow Co's contract ends 11-10: looser on the 10th, over on the 11th
	brm report suppliers --as-of 2026-11-10 --format json >s.json
	json_is s.json '[.as_of, (.looser_contracts | length)]' '["2026-11-10", 1]'
	brm report suppliers --as-of 2026-11-11 --format json >s.json
	json_is s.json '[.as_of, (.looser_contracts | length)]' '["2026-11-11", 0]'
	# the portfolio's three months end with the as-of month
	brm report portfolio --as-of 2026-06-30 --format json >p.json
	json_is p.json '[.as_of, .from, .to]' '["2026-06-30", "2026-04", "2026-06"]'
	# the monthly report: the month before the as-of day by default
	brm report monthly --as-of 2026-11-03 --format json >m.json
	json_is m.json '[.month, .as_of]' '["2026-10", "2026-11-03"]'
	# the clock plays no part
	BRM_NOW=2030-01-01 brm report monthly --as-of 2026-11-03 \
	    --format json >m2.json
	cmp m.json m2.json
}

@test "monthly without --month: the month before today, by the clock" {
	BRM_NOW=2026-11-01T00:30:00+01:00 brm report monthly >a.md
	BRM_NOW=2026-11-30T23:00:00+01:00 brm report monthly >b.md
	cmp a.md b.md
	[ "$(head -n 1 a.md)" = "# Monthly relationship report — October 2026" ]
	BRM_NOW=2026-12-01 brm report monthly --format json >c.json
	json_is c.json '[.month, .as_of]' "[\"2026-11\", \"$head_time\"]"
	# January's previous month is December of the year before
	BRM_NOW=2027-01-15 brm report monthly --format json >d.json
	json_is d.json '.month' '"2026-12"'
}

@test "a bad --as-of is a usage error and changes nothing" {
	before=$(snapshot)
	local bad
	for bad in 2026-13-01 2026-11 tomorrow ""; do
		run --separate-stderr brm report portfolio --as-of "$bad"
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[ "${stderr_lines[0]}" = "brm: error: invalid --as-of '$bad' (expected YYYY-MM-DD, today or yesterday)" ]
	done
	unchanged_since "$before"
}
