#!/usr/bin/env bats
# brm report monthly|customer|portfolio|suppliers on a fixture portfolio
# built through the CLI, its figures worked out by hand below; Markdown,
# HTML and JSON; user text that looks like markup; reproducibility from a
# commit (--at); -o; the refusals.
#
# BRM_NOW is Sunday 2026-11-22T10:00:00+01:00, so the monthly report
# defaults to October 2026 (previous month September, trend May to
# October), the customer sheet covers December 2025 to November 2026 and
# the portfolio's satisfaction September to November 2026.
load helpers
bats_require_minimum_version 1.5.0

PIPE='Pipe | Co *bold* <script>alert(1)</script>'
PIPE_ID=pipe-co-bold-script-alert-1-script
SOC='Société Générale Łódź'

# The fixture.  Every record goes in through a brm command; the ids it
# prints are kept in ids.sh for the tests.
#
# Customers: Acme Corp (monthly reviews, contract review 2026-11-16, two
# services one vital, revenue), Société Générale Łódź (quarterly),
# the markup name (monthly, no review in October), Globex (former, quiet).
# Complaints, with their months:
#   k1 acme  received 09-28 10:00+02  acked  resolved 10-02 10:00  (96 h)
#   k2 acme  received 09-10 09:00+02  resolved 09-12 09:00 (48 h),
#            reopened 10-03, resolved again 10-09 09:00 (696 h)
#   k3 soc   received 08-20, resolved 08-25, reopened 10-15: open since
#   k4 pipe  received 10-28 09:00+01 critical, never acknowledged: its
#            4 working hours ran out 10-28 13:00, overdue
#   k5 soc   received 10-31 23:30-05:00 (November in UTC, October as
#            written), low: due 11-05, not overdue in October
#   k6 pipe  received 09-01 09:00+02, resolved 09-02, reopened 09-03,
#            resolved 09-04 09:00: one complaint resolved in September
#            (72 h), however often
#   k7 acme  received 11-01 00:30+02:00 (October in UTC, November as
#            written): not in October; due 11-03 00:00, overdue since
# Surveys: acme 05:5 07:2 09:3 10:4,5   soc 06:1 10:3,4,4   pipe none.
setup_file() {
	export HOME="$BATS_FILE_TMPDIR/home"
	mkdir -p "$HOME"
	export XDG_CONFIG_HOME="$HOME/.config" GIT_CONFIG_NOSYSTEM=1
	export GIT_AUTHOR_NAME="Olga Test" GIT_AUTHOR_EMAIL="olga@example.com"
	export GIT_COMMITTER_NAME="Olga Test"
	export GIT_COMMITTER_EMAIL="olga@example.com"
	export GIT_AUTHOR_DATE="2026-11-22T10:00:00+01:00"
	export GIT_COMMITTER_DATE="2026-11-22T10:00:00+01:00"
	export BRM_NOW="2026-11-22T10:00:00+01:00" TZ=Europe/Berlin NO_COLOR=1
	unset BRM_DIR VISUAL EDITOR
	local F="$BATS_FILE_TMPDIR/fixture"
	brm init "$F" --provider "Nordlicht IT" >/dev/null
	cd "$F"
	fixture >/dev/null 2>"$BATS_FILE_TMPDIR/fixture.err"
}

fixture() {
	brm add-customer "Acme Corp" --kind external --status active \
	    --review-cadence monthly --next-review 2026-11-16
	brm add-customer "$SOC" --kind external --status active \
	    --review-cadence quarterly
	brm add-customer "$PIPE" --kind internal --status active \
	    --review-cadence monthly
	brm add-customer "Globex" --kind external --status former
	brm add-service "Managed Backup"
	brm add-service "Service Desk"
	brm subscribe --vital --availability 99.9 --response-hours 4 \
	    --resolution-hours 8 acme managed
	brm subscribe --response-hours 8 --resolution-hours 24 acme service
	brm subscribe --vital --availability 99.5 --response-hours 2 \
	    --resolution-hours 12 soc service
	brm subscribe pipe managed
	printf '%s\n' 'revenue:' '- period: 2026-Q2' '  actual: 120000' \
	    '  projected: 125000' '- period: 2026-Q3' '  actual: 131000.5' \
	    '- period: 2026-Q4' '  projected: 140000' >"$BATS_FILE_TMPDIR/rev"
	EDITOR="cat $BATS_FILE_TMPDIR/rev >>" brm edit acme

	# suppliers: Backup Co promises a response in 8 hours where Acme was
	# promised 4 (one looser contract); Desk Partners backs its SLAs
	brm add-supplier "Backup Co" --status approved --supplies managed-backup
	brm add-contract --response-hours 8 --resolution-hours 6 \
	    --availability 99.95 --review 2026-11-20 backup-co managed-backup
	brm add-supplier "Desk Partners" --status probation \
	    --supplies service-desk
	brm add-contract --response-hours 1 --resolution-hours 8 \
	    --availability 99.9 --end 2027-03-31 desk service-desk
	brm audit-supplier --date 2026-06-10 --responsiveness 4 \
	    --problem-solving 4 --efficiency 4 --stability 4 --feedback 4 \
	    --cooperation 4 backup-co
	brm audit-supplier --date 2026-08-14 --responsiveness 2 \
	    --problem-solving 3 --efficiency 3 --stability 4 --feedback 3 \
	    --cooperation 4 backup-co
	aud=$(brm audit-supplier --date 2026-10-09 --responsiveness 5 \
	    --problem-solving 4 --efficiency 4 --stability 4 --feedback 5 \
	    --cooperation 5 --finding "Restore tests documented" backup-co)
	dsp1=$(brm open-dispute --opened 2026-10-02T09:00:00+02:00 \
	    --party backup-co --customer acme \
	    --subject "Who pays for the failed restore")
	brm escalate-dispute --at 2026-10-16T09:00:00+02:00 "$dsp1"
	dsp2=$(brm open-dispute --opened 2026-09-01T09:00:00+02:00 \
	    --party desk --subject "Licence count")
	brm resolve-dispute --at 2026-09-20T09:00:00+02:00 \
	    --resolution "Counted again" "$dsp2"
	dsp3=$(brm open-dispute --opened 2026-11-02T09:00:00+01:00 \
	    --party desk --customer soc --subject "Night shift cover")

	# meetings and action items
	m1=$(brm log-meeting acme --kind periodic-review --date 2026-10-05 \
	    --summary "October review" --decision "Add a second backup site" \
	    --action "Write the restore plan")
	brm add-action --owner "Ivan Petrov" --due 2026-10-20 "$m1" \
	    "Send the capacity plan"
	brm add-action --due 2026-11-30 "$m1" "Price the second site"
	brm done-action "$m1" 1
	brm log-meeting acme --kind daily --date 2026-10-12 --summary "Standup"
	brm log-meeting acme --kind periodic-review --date 2026-09-07 \
	    --summary "September review"
	m2=$(brm log-meeting soc --kind periodic-review --date 2026-09-15 \
	    --summary "Q3 review")
	brm add-action --due 2026-11-30 "$m2" "Confirm the new contacts"
	brm log-meeting soc --kind escalation --date 2026-10-20 \
	    --summary "Desk backlog"
	brm log-meeting pipe --kind daily --date 2026-10-08 --summary "Standup"
	brm log-meeting pipe --kind periodic-review --date 2026-09-10 \
	    --summary "September review"
	m3=$(brm log-meeting backup-co --kind escalation --date 2026-10-16 \
	    --summary "Failed restore")
	brm add-action --due 2026-10-23 "$m3" "Send the restore report"

	# complaints (see the table above)
	k1=$(brm record-complaint acme --received 2026-09-28T10:00:00+02:00 \
	    --severity high --summary "Backup window overran")
	brm ack-complaint --at 2026-09-28T12:00:00+02:00 "$k1"
	brm resolve-complaint --at 2026-10-02T10:00:00+02:00 \
	    --resolution "Window moved" "$k1"
	k2=$(brm record-complaint acme --received 2026-09-10T09:00:00+02:00 \
	    --summary "Tickets closed without asking")
	brm ack-complaint --at 2026-09-10T10:00:00+02:00 "$k2"
	brm resolve-complaint --at 2026-09-12T09:00:00+02:00 \
	    --resolution "Coached the desk" "$k2"
	brm reopen-complaint --at 2026-10-03T09:00:00+02:00 \
	    --reason "It happened again" "$k2"
	brm resolve-complaint --at 2026-10-09T09:00:00+02:00 \
	    --resolution "Closing needs consent" "$k2"
	k3=$(brm record-complaint soc --received 2026-08-20T09:00:00+02:00 \
	    --severity low --summary "Slow password resets")
	brm ack-complaint --at 2026-08-20T11:00:00+02:00 "$k3"
	brm resolve-complaint --at 2026-08-25T09:00:00+02:00 \
	    --resolution "Self-service reset" "$k3"
	brm reopen-complaint --at 2026-10-15T09:00:00+02:00 \
	    --reason "Self-service is down" "$k3"
	k4=$(brm record-complaint pipe --received 2026-10-28T09:00:00+01:00 \
	    --severity critical --summary 'Restore | failed *again*')
	k5=$(brm record-complaint soc --received 2026-10-31T23:30:00-05:00 \
	    --severity low --summary "Portal slow")
	k6=$(brm record-complaint pipe --received 2026-09-01T09:00:00+02:00 \
	    --summary "Wrong tape labels")
	brm ack-complaint --at 2026-09-01T09:30:00+02:00 "$k6"
	brm resolve-complaint --at 2026-09-02T09:00:00+02:00 \
	    --resolution "Relabelled" "$k6"
	brm reopen-complaint --at 2026-09-03T09:00:00+02:00 "$k6"
	brm resolve-complaint --at 2026-09-04T09:00:00+02:00 \
	    --resolution "Relabelled, all of them" "$k6"
	k7=$(brm record-complaint acme --received 2026-11-01T00:30:00+02:00 \
	    --summary "Night restore slow")

	# praise, surveys, value-adds, events
	brm record-praise acme --date 2026-10-14 --about "Desk team" \
	    --text "Quick restore"
	brm record-praise pipe --date 2026-09-03 --text "Great kickoff"
	brm record-survey acme --date 2026-05-20 --score 5
	brm record-survey acme --date 2026-07-20 --score 2
	brm record-survey acme --date 2026-09-20 --score 3
	brm record-survey acme --date 2026-10-10 --score 4 --comment "Better"
	brm record-survey acme --date 2026-10-25 --score 5
	brm record-survey soc --date 2026-06-01 --score 1
	brm record-survey soc --date 2026-10-05 --score 3
	brm record-survey soc --date 2026-10-06 --score 4
	brm record-survey soc --date 2026-10-07 --score 4
	brm record-value-add acme --date 2026-10-21 \
	    --title "Backup health dashboard"
	brm record-value-add soc --date 2026-09-11 --title "Password self-service"
	brm record-event acme --service managed --date 2026-10-07 \
	    --kind sla-breach --summary "Restore took 11 hours" \
	    --metric resolution_hours --target 8 --actual 11
	brm record-event acme --service managed --date 2026-10-08 \
	    --kind major-incident --summary "Backup cluster down"
	brm record-event soc --service service --date 2026-09-18 \
	    --kind sla-breach --summary "Desk unreachable"

	local v
	for v in aud dsp1 dsp2 dsp3 m1 m2 m3 k1 k2 k3 k4 k5 k6 k7; do
		printf '%s=%q\n' "$v" "${!v}"
	done >"$BATS_FILE_TMPDIR/ids.sh"
}

# A copy of the fixture for each test.
setup() {
	pin_env
	P="$BATS_TEST_TMPDIR/p"
	cp -a "$BATS_FILE_TMPDIR/fixture" "$P"
	. "$BATS_FILE_TMPDIR/ids.sh"
	cd "$P"
}

# The figures in the order of the JSON objects, as one array.
FIGS='[.meetings, .periodic_reviews, .complaints_opened,
    .complaints_resolved, .complaints_open, .complaints_overdue,
    .resolution_hours, .praise, .surveys, .satisfaction, .value_adds,
    .sla_breaches, .major_incidents]'

@test "the monthly figures agree with the records, worked out by hand" {
	run --separate-stderr brm report monthly --format json
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	echo "$output" >r.json
	json_is r.json '[.report, .month, .provider]' \
	    '["monthly", "2026-10", "Nordlicht IT"]'
	[ "$(jq -r .commit r.json)" = "$(git rev-parse HEAD)" ]
	# October, the portfolio:
	#  meetings 4: acme 10-05 (review) and 10-12, soc 10-20, pipe 10-08;
	#    the meeting with Backup Co is not a customer's
	#  periodic reviews 1: acme's
	#  opened 2: k4, k5 (k5 is 11-01 in UTC, October as written; k7 is
	#    October in UTC, November as written)
	#  resolved 2: k1 (10-02), k2 (10-09); mean (96 + 696) / 2 = 396.0 h
	#  open at the month's end 3: k3 (reopened 10-15), k4, k5
	#  overdue 1: k4, critical, unacknowledged past 10-28 13:00
	#  praise 1, surveys 5 (4 5 3 4 4) mean 20/5 = 4.00, value-adds 1,
	#  SLA breaches 1 and major incidents 1 (acme, 10-07 and 10-08)
	json_is r.json ".summary | $FIGS" \
	    '[4, 1, 2, 2, 3, 1, 396.0, 1, 5, 4.00, 1, 1, 1]'
	# September:
	#  meetings 3, all periodic reviews (acme 09-07, soc 09-15, pipe 09-10)
	#  opened 3: k1, k2, k6
	#  resolved 2: k2 on 09-12 (undone in October, but resolved in
	#    September all the same) and k6 once, though resolved twice;
	#    mean (48 + 72) / 2 = 60.0 h
	#  open at the month's end 1: k1; k2 was resolved then, k3 too
	#  praise 1 (pipe), surveys 1 (acme, 3), value-adds 1 (soc),
	#  SLA breaches 1 (soc)
	json_is r.json ".previous | $FIGS" \
	    '[3, 3, 3, 2, 1, 0, 60.0, 1, 1, 3.00, 1, 1, 0]'
	# the customers, by id; Globex is former and quiet: not listed
	json_is r.json '[.customers[] | [.id, .name]]' \
	    "[[\"acme-corp\", \"Acme Corp\"], [\"$PIPE_ID\", $(jq -Rn --arg s "$PIPE" '$s')], [\"societe-generale-lodz\", \"$SOC\"]]"
	# Acme, October: 2 meetings (1 review); k1 and k2 resolved (396.0 h),
	# nothing open; praise 1; surveys 4 and 5: 4.50; 1 value-add; the
	# SLA breach and the major incident
	json_is r.json ".customers[0] | $FIGS" \
	    '[2, 1, 0, 2, 0, 0, 396.0, 1, 2, 4.50, 1, 1, 1]'
	# Acme, September: 1 review; k1 and k2 opened, k2 resolved (48 h), k1
	# open; survey 3
	json_is r.json ".customers[0].previous | $FIGS" \
	    '[1, 1, 2, 1, 1, 0, 48.0, 0, 1, 3.00, 0, 0, 0]'
	# Pipe, October: 1 daily meeting; k4 opened, open and overdue; no
	# surveys at all: satisfaction null
	json_is r.json ".customers[1] | $FIGS" \
	    '[1, 0, 1, 0, 1, 1, null, 0, 0, null, 0, 0, 0]'
	# Pipe, September: its review; k6 opened and resolved once (72 h);
	# the praise
	json_is r.json ".customers[1].previous | $FIGS" \
	    '[1, 1, 1, 1, 0, 0, 72.0, 1, 0, null, 0, 0, 0]'
	# Société Générale, October: the escalation; k5 opened; k3 and k5
	# open; surveys 3 4 4: 11/3 = 3.67
	json_is r.json ".customers[2] | $FIGS" \
	    '[1, 0, 1, 0, 2, 0, null, 0, 3, 3.67, 0, 0, 0]'
	# Société Générale, September: its Q3 review; k3 resolved (08-25)
	# and not yet reopened; the value-add and the SLA breach
	json_is r.json ".customers[2].previous | $FIGS" \
	    '[1, 1, 0, 0, 0, 0, null, 0, 0, null, 1, 1, 0]'
	# the 6-month trend, May to October, each month's mean score
	json_is r.json '[.customers[].satisfaction_trend]' \
	    '[[5, null, 2, null, 3, 4.5], [null, null, null, null, null, null],
	      [null, 1, null, null, null, 3.67]]'
	# the review: Pipe (monthly) had none in October; Société Générale
	# is quarterly and October does not end a quarter
	json_is r.json '[.customers[].review_missing]' '[false, true, false]'
	# open actions: Acme's capacity plan (due 10-20, overdue) and second
	# site (due 11-30); Société Générale's contacts (11-30); the
	# restore plan is done
	json_is r.json '[.customers[] | [.open_actions[] | [.text, .overdue,
	    .meeting]]]' "[[[\"Send the capacity plan\", true, \"$m1\"],
	    [\"Price the second site\", false, \"$m1\"]], [],
	    [[\"Confirm the new contacts\", false, \"$m2\"]]]"
	# what each customer's section lists
	json_is r.json '[.customers[] | [(.meetings_held | length),
	    [.complaints[].id], (.praise_items | length),
	    [.survey_items[].score], (.value_add_items | length),
	    [.events[].kind]]]' "[[2, [\"$k2\", \"$k1\"], 1, [4, 5], 1,
	    [\"sla-breach\", \"major-incident\"]], [1, [\"$k4\"], 0, [], 0, []],
	    [1, [\"$k3\", \"$k5\"], 0, [3, 4, 4], 0, []]]"
	# each complaint as it stood at October's end, with its resolution
	# time: k2 696 h (its last resolution), k1 96 h; k3 reopened
	json_is r.json '[.customers[].complaints[] | [.month_end_status,
	    .resolution_hours]]' '[["resolved", 696.0], ["resolved", 96.0],
	    ["open", null], ["acknowledged", null], ["open", null]]'
	# September, as it stood then: k2 resolved after 48 h, k1 still
	# waiting; k6 resolved (once) after 72 h
	brm report monthly --month 2026-09 --format json >s.json
	json_is s.json '[.customers[] | [.complaints[] | [.id,
	    .month_end_status, .resolution_hours]]]' "[
	    [[\"$k2\", \"resolved\", 48.0], [\"$k1\", \"acknowledged\", null]],
	    [[\"$k6\", \"resolved\", 72.0]], []]"
	brm report monthly --month 2026-09 >s.md
	grep -qx "  - \*\*$k2\*\* Tickets closed without asking (medium, resolved, received 2026-09-10, resolved 2026-09-12 after 48.0 hours)" s.md
	grep -qx "  - \*\*$k1\*\* Backup window overran (high, acknowledged, received 2026-09-28)" s.md
}

@test "the attention list, the supplier section and what comes next month" {
	brm report monthly --format json >r.json
	# in the order of issue 5 (overdue complaints, missing reviews,
	# actions past due, looser supplier contracts, contract reviews next
	# month), in the order found within each: meetings by date, customers
	# by id, then suppliers
	json_is r.json '[.attention[] | [.category, .id]]' \
	    "[[\"complaint\", \"$k4\"], [\"review\", \"$PIPE_ID\"],
	      [\"action\", \"$m1\"], [\"action\", \"$m3\"],
	      [\"contract\", \"backup-co\"], [\"renewal\", \"acme-corp\"],
	      [\"renewal\", \"backup-co\"]]"
	json_is r.json '[.attention[].text]' "$(jq -n --arg p "$PIPE" \
	    --arg m1 "$m1" --arg m3 "$m3" --arg k4 "$k4" '[
	    "Complaint \($k4) of \($p) (critical) missed its response target 2026-10-28T13:00:00+01:00: Restore | failed *again*",
	    "\($p) had no monthly review meeting",
	    "Action past due since 2026-10-20: Send the capacity plan (Acme Corp, meeting \($m1))",
	    "Action past due since 2026-10-23: Send the restore report (Backup Co, meeting \($m3))",
	    "Supplier contract looser than a customer SLA: contract of supplier '"'"'backup-co'"'"' for service '"'"'managed-backup'"'"' is looser than the SLA of customer '"'"'acme-corp'"'"': response_hours 8 is not below the customer'"'"'s 4",
	    "Contract review with Acme Corp next month, on 2026-11-16",
	    "Contract review of Backup Co for managed-backup next month, on 2026-11-20"]')"
	# the audit of October; the dispute open at October's end (dsp2 was
	# resolved in September, dsp3 opened in November)
	json_is r.json '[.audits[] | [.id, .mean]]' "[[\"$aud\", 4.50]]"
	json_is r.json '[.open_disputes[] | [.id, .level]]' "[[\"$dsp1\", 2]]"
	json_is r.json '.coming_next_month' '[
	    "Contract review with Acme Corp on 2026-11-16",
	    "Contract review of Backup Co for managed-backup on 2026-11-20"]'
}

@test "a month not over yet: nothing is overdue before it is due" {
	# November on the 22nd: the actions due 11-30 are open, not overdue,
	# those due in October still are; k4 is still overdue, k5 (due 11-05)
	# and k7 (due 11-03) are by now
	brm report monthly --month 2026-11 --format json >r.json
	json_is r.json '[.attention[] | select(.category == "action" or
	    .category == "complaint") | .id]' \
	    "[\"$k4\", \"$k5\", \"$k7\", \"$m1\", \"$m3\"]"
	json_is r.json '[.customers[].open_actions[].overdue]' \
	    '[true, false, false]'
	# opened: k7; open: k3, k4, k5, k7; overdue: k4, k5, k7
	json_is r.json '.summary | [.complaints_opened, .complaints_open,
	    .complaints_overdue]' '[1, 4, 3]'
}

@test "a reopened complaint keeps the resolution it undid" {
	f=complaints/2026/09/$k2.yaml
	[ "$(yget "$f" "[(str(r['at']), str(r['resolved'])) for r in d['reopened']]")" = \
	    "[('2026-10-03 09:00:00+02:00', '2026-09-12 09:00:00+02:00')]" ]
	[ "$(yget "$f" "str(d['resolved'])")" = "2026-10-09 09:00:00+02:00" ]
	run brm check -q
	[[ "$output" != *"$k2"* ]]
	# an undone resolution after the reopening is refused by brm check
	sed -i 's/^  resolved: 2026-09-12T09:00:00+02:00$/  resolved: 2026-10-04T09:00:00+02:00/' "$f"
	run brm check
	[ "$status" -ne 0 ]
	[[ "$output" == *"reopened (2026-10-03T09:00:00+02:00) is before resolved (2026-10-04T09:00:00+02:00)"* ]]
}

@test "resolutions and reopenings are ordered in time, not as written" {
	# reopened at 08:30 UTC, half an hour after the 09:00+02:00 (07:00
	# UTC) resolution, though "08:30" sorts before "09:00" as text
	k8=$(brm record-complaint acme --received 2026-10-01T08:00:00+02:00 \
	    --summary "Offsite copy missing")
	brm ack-complaint --at 2026-10-01T09:00:00+02:00 "$k8"
	brm resolve-complaint --at 2026-10-03T09:00:00+02:00 \
	    --resolution "Copied" "$k8"
	brm reopen-complaint --at 2026-10-03T08:30:00Z "$k8"
	brm report monthly --format json >r.json
	# Acme: k8 opened, resolved once (49 h) and open at the month's end,
	# besides k1 and k2 resolved: (96 + 696 + 49) / 3 = 280.3 h
	json_is r.json '.customers[0] | [.complaints_opened,
	    .complaints_resolved, .complaints_open, .resolution_hours]' \
	    '[1, 3, 1, 280.3]'
	json_is r.json ".customers[0].complaints[] | select(.id == \"$k8\") |
	    [.month_end_status, .resolution_hours]" '["acknowledged", null]'
}

# headings FILE: the Markdown headings
headings() { grep '^#' "$1"; }

@test "the Markdown has its sections in order" {
	run --separate-stderr brm report monthly
	[ "$status" -eq 0 ]
	echo "$output" >r.md
	[ "$(headings r.md)" = '# Monthly relationship report — October 2026
## Attention needed
## Portfolio summary
## Customers
### Acme Corp
### Pipe | Co \*bold\* \<script\>alert(1)\</script\>
### Société Générale Łódź
## Suppliers
## Coming next month' ]
	[ "${lines[1]}" = "Nordlicht IT. Built from commit $(git rev-parse --short=12 HEAD) as of 2026-11-22T10:00:00+01:00." ]
	grep -qx '| Satisfaction (mean score) | 4.00 | 3.00 | +1.00 |' r.md
	grep -qx '| Complaints resolved | 2 | 2 | 0 |' r.md
	grep -qx '| Mean resolution time (hours) | 396.0 | 60.0 | +336.0 |' r.md
	# satisfaction 4.50 against September's 3.00: +1.50
	grep -qx '| Acme Corp | 2 | held | 0 | 2 | 0 | 0 | 1 | 2 | 4.50 | +1.50 | █·▃·▅▇ | 1 |' r.md
	grep -qx '| Société Générale Łódź | 1 | – | 1 | 0 | 2 | 0 | 0 | 3 | 3.67 | – | ·▁···▆ | 0 |' r.md
	grep -qx '| Pipe \\| Co \\\*bold\\\* \\<script\\>alert(1)\\</script\\> | 1 | missing | 1 | 0 | 1 | 1 | 0 | 0 | – | – | ······ | 0 |' r.md
	# a customer's empty parts in one line
	grep -qx '\*\*Nothing recorded:\*\* Action items, Praise, Surveys, Value-added services, Events' r.md
	grep -qx '  - \*\*Overdue:\*\* Send the capacity plan — Ivan Petrov, due 2026-10-20 (meeting '"$m1"')' r.md
}

@test "empty sections say so in one line" {
	E="$BATS_TEST_TMPDIR/empty"
	brm init "$E" >/dev/null
	run --separate-stderr brm -C "$E" report monthly
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	echo "$output" >r.md
	[ "$(headings r.md)" = '# Monthly relationship report — October 2026
## Attention needed
## Portfolio summary
## Customers
## Suppliers
## Coming next month' ]
	# each empty section: its heading, one line, the next heading
	[ "$(sed -n '/^## Attention needed$/,/^## /p' r.md)" = '## Attention needed

Nothing needs attention.

## Portfolio summary' ]
	[ "$(sed -n '/^## Customers$/,/^## /p' r.md)" = '## Customers

No customers yet.

## Suppliers' ]
	[ "$(sed -n '/^## Suppliers$/,/^## /p' r.md)" = '## Suppliers

**Audits this month**

No supplier audits this month.

**Open disputes**

No open disputes.

## Coming next month' ]
	[ "$(sed -n '/^## Coming next month$/,$p' r.md)" = '## Coming next month

No reviews or contract renewals next month.' ]
	# the other reports of an empty portfolio
	run brm -C "$E" report portfolio
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "No customers yet." ]
	run brm -C "$E" report suppliers
	[ "$status" -eq 0 ]
	[[ "$output" == *"No suppliers yet."* ]]
	[[ "$output" == *"Every contract backs the customer SLAs."* ]]
	[ "${lines[-1]}" = "No open disputes." ]
}

# md_tables FILE: each GFM table of FILE as a JSON array of rows, each an
# array of cells, split on the pipes that are not escaped and with the
# backslash escapes undone; the delimiter row is dropped
md_tables() {
	py - "$1" <<'EOF'
import json, re, sys
def cells(line):
    out, cur, i = [], '', 0
    line = line.strip()
    assert line.startswith('|') and line.endswith('|'), line
    line = line[1:-1]
    while i < len(line):
        c = line[i]
        if c == '\\' and i + 1 < len(line):
            cur += line[i:i + 2]
            i += 2
            continue
        if c == '|':
            out.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    out.append(cur)
    # CommonMark: a backslash before ASCII punctuation escapes it
    return [re.sub(r'\\([!-/:-@\[-`{-~])', r'\1', x.strip()) for x in out]
tables, cur = [], None
for line in open(sys.argv[1], encoding='utf-8'):
    if line.startswith('|'):
        if cur is None:
            cur = []
            tables.append(cur)
        cur.append(cells(line))
    else:
        cur = None
for t in tables:
    assert all(re.fullmatch(r':?-+:?', c) for c in t[1]), t[1]
    del t[1]
print(json.dumps(tables, ensure_ascii=False))
EOF
}

# html_tables FILE: the tables of an HTML file the same way, from its
# <th> and <td> text; fails on any <script> element or raw HTML that
# cmark-gfm left out
html_tables() {
	py - "$1" <<'EOF'
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell = [], None
    def handle_starttag(self, tag, attrs):
        assert tag != 'script', 'a script element'
        if tag == 'table': self.tables.append([])
        elif tag == 'tr': self.tables[-1].append([])
        elif tag in ('td', 'th'): self.cell = ''
    def handle_endtag(self, tag):
        if tag in ('td', 'th'):
            self.tables[-1][-1].append(self.cell)
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
    def handle_comment(self, data):
        raise AssertionError('comment: ' + data)
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
print(json.dumps(p.tables, ensure_ascii=False))
EOF
}

@test "Markdown: a name like markup shows as typed and breaks no table" {
	brm report monthly >r.md
	md_tables r.md >t.json
	# the summary (13 figures), the customers, the audits, the disputes;
	# every row has the header's number of cells
	json_is t.json '[.[] | [length, (map(length) | unique)]]' \
	    '[[14, [4]], [4, [13]], [2, [10]], [2, [6]]]'
	json_is t.json '[.[1][1:][][0]]' "$(jq -n --arg p "$PIPE" --arg s "$SOC" \
	    '["Acme Corp", $p, $s]')"
	# cmark-gfm reads the same tables back, cell for cell
	cmark-gfm -e table r.md >r.html
	html_tables r.html >h.json
	json_is h.json '.' "$(cat t.json)"
	[[ "$(cat r.html)" == *"<h3>$(sed 's/</\&lt;/g; s/>/\&gt;/g' <<<"$PIPE")</h3>"* ]]
	# the customer sheet and the portfolio too
	brm report customer pipe >c.md
	md_tables c.md >t.json
	json_is t.json '[.[] | map(length) | unique]' \
	    '[[2], [6], [12]]'
	cmark-gfm -e table c.md >c.html
	html_tables c.html >h.json
	json_is h.json '.' "$(cat t.json)"
	[ "$(head -n 1 c.md)" = '# Customer sheet — Pipe | Co \*bold\* \<script\>alert(1)\</script\>' ]
	brm report portfolio >p.md
	md_tables p.md >t.json
	json_is t.json '[.[] | [length, (map(length) | unique)]]' '[[5, [10]]]'
	json_is t.json '.[0][3][0]' "$(jq -n --arg p "$PIPE" '$p')"
}

# html_ok FILE: a complete page that parses element by element: every
# end tag closes the element open, nothing is left open, no script
html_ok() {
	[ "$(head -n 1 "$1")" = "<!DOCTYPE html>" ]
	[ "$(tail -n 1 "$1")" = "</html>" ]
	py - "$1" <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {'meta', 'br', 'hr', 'img', 'input', 'link'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.decl, self.seen = [], None, set()
    def handle_decl(self, decl):
        self.decl = decl
    def handle_starttag(self, tag, attrs):
        assert tag != 'script', 'a script element'
        self.seen.add(tag)
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.seen.add(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
assert p.decl == 'DOCTYPE html', p.decl
assert not p.stack, p.stack
assert {'html', 'head', 'title', 'style', 'body', 'h1'} <= p.seen, p.seen
EOF
}

@test "HTML: a complete page, the name escaped, nothing injected" {
	run --separate-stderr brm report monthly --format html
	[ "$status" -eq 0 ]
	echo "$output" >r.html
	html_ok r.html
	[[ "$output" != *"<script"* ]]
	[[ "$output" == *"<td align=\"left\">Pipe | Co *bold* &lt;script&gt;alert(1)&lt;/script&gt;</td>"* ]]
	[[ "$output" == *"<h3>Pipe | Co *bold* &lt;script&gt;alert(1)&lt;/script&gt;</h3>"* ]]
	[[ "$output" == *"<title>Monthly relationship report — October 2026</title>"* ]]
	[[ "$output" == *"<h2>Attention needed</h2>"* ]]
	html_tables r.html >h.json
	json_is h.json '[.[] | [length, (map(length) | unique)]]' \
	    '[[14, [4]], [4, [13]], [2, [10]], [2, [6]]]'
	json_is h.json '.[1][2][0]' "$(jq -n --arg p "$PIPE" '$p')"
	# the sparkline as it is in Markdown and JSON
	json_is h.json '.[1][1][11]' '"█·▃·▅▇"'
	local r
	for r in "customer pipe" portfolio suppliers; do
		brm report $r --format html >o.html
		html_ok o.html
		! grep -q '<script' o.html
	done
	# each page's title is its heading
	grep -qx "<title>Customer sheet — Pipe | Co \*bold\* &lt;script&gt;alert(1)&lt;/script&gt;</title>" \
	    <(brm report customer pipe --format html)
	grep -qx "<title>Portfolio — Nordlicht IT</title>" \
	    <(brm report portfolio --format html)
	grep -qx "<title>Supplier report</title>" \
	    <(brm report suppliers --format html)
}

@test "the same commit gives the same bytes, in every report and format" {
	local r f
	for r in monthly "monthly --month 2026-09" "customer acme" portfolio \
	    suppliers; do
		for f in md html json; do
			brm report $r --format $f >a
			brm report $r --format $f >b
			cmp a b
			[ -s a ]
		done
	done
}

@test "--at reproduces what the report said at that commit, from the commit only" {
	c1=$(git rev-parse HEAD)
	local f
	for f in md html json; do
		brm report monthly --month 2026-10 --format $f >"then.$f"
	done
	# later: a survey for October recorded late, k1 (resolved in
	# October) reopened in November, the dispute escalated again
	brm record-survey pipe --date 2026-10-25 --score 2 >/dev/null
	brm reopen-complaint --at 2026-11-05T09:00:00+01:00 "$k1"
	brm escalate-dispute --at 2026-11-06T09:00:00+01:00 "$dsp1" >/dev/null
	brm report monthly --month 2026-10 --format json >now.json
	# the survey counts: 6 surveys, (20 + 2) / 6 = 3.67
	json_is now.json '.summary | [.surveys, .satisfaction]' '[6, 3.67]'
	json_is now.json '.customers[1] | [.surveys, .satisfaction,
	    .satisfaction_trend[5]]' '[1, 2.00, 2.00]'
	# k1 still resolved in October, still not open at its end
	json_is now.json '.summary | [.complaints_resolved, .complaints_open,
	    .resolution_hours]' '[2, 3, 396.0]'
	# ... and shown as it stood then; the dispute at its October level
	json_is now.json ".customers[0].complaints[] | select(.id == \"$k1\")
	    | [.status, .month_end_status, .resolution_hours]" \
	    '["acknowledged", "resolved", 96.0]'
	json_is now.json '.open_disputes[] | [.level, .month_end_level]' '[3, 2]'
	brm report monthly --month 2026-10 >now.md
	grep -qx "  - \*\*$k1\*\* Backup window overran (high, resolved, received 2026-09-28, resolved 2026-10-02 after 96.0 hours)" now.md
	grep -qx "| Who pays for the failed restore | backup-co | acme-corp | 2 | 2026-10-02 | $dsp1 |" now.md
	[ "$(jq -r .commit now.json)" = "$(git rev-parse HEAD)" ]
	! cmp -s now.json then.json
	# the old commit, by full id, short id or relative name
	for f in md html json; do
		brm report monthly --month 2026-10 --at "$c1" --format $f >at
		cmp at "then.$f"
	done
	brm report monthly --month 2026-10 --at "${c1:0:7}" >at
	cmp at then.md
	brm report monthly --month 2026-10 --at HEAD~3 >at
	cmp at then.md
	grep -qx "Nordlicht IT. Built from commit ${c1:0:12} as of 2026-11-22T10:00:00+01:00." then.md
	# the work tree is never read: edits not committed change nothing
	brm report monthly --month 2026-10 >head.md
	sed -i 's/^score: .*/score: 1/' surveys/2026/10/*.yaml
	sed -i 's/^name: Acme Corp$/name: Edited Corp/' customers/acme-corp.yaml
	rm customers/globex.yaml
	[ -n "$(git status --porcelain)" ]
	brm report monthly --month 2026-10 >now.md
	cmp now.md head.md
	brm report monthly --month 2026-10 --at "$c1" >at
	cmp at then.md
	brm report customer acme --format json >c.json
	[ "$(jq -r .customer.name c.json)" = "Acme Corp" ]
}

@test "-o FILE writes the report there and nothing to stdout" {
	brm report monthly >want.md
	run --separate-stderr brm report monthly -o out.md
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	cmp out.md want.md
	run --separate-stderr brm report suppliers --format json \
	    --output "$BATS_TEST_TMPDIR/s.json"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	jq -e '.report == "suppliers"' "$BATS_TEST_TMPDIR/s.json"
	# no temporary file left behind
	[ "$(ls "$BATS_TEST_TMPDIR" | grep -c brm-tmp)" -eq 0 ]
	[ "$(git status --porcelain)" = "?? out.md
?? want.md" ]
	run --separate-stderr brm report monthly -o no/such/dir/r.md
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "brm: error: cannot write 'no/such/dir/r.md': No such file or directory" ]
}

@test "-o takes a relative file from -C's directory, as git does" {
	brm report monthly >"$BATS_TEST_TMPDIR/want.md"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	run --separate-stderr brm -C "$P" report monthly -o out.md
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	cmp "$P/out.md" "$BATS_TEST_TMPDIR/want.md"
	[ ! -e out.md ]
	# BRM_DIR picks the portfolio only
	BRM_DIR="$P" run --separate-stderr brm report monthly -o here.md
	[ "$status" -eq 0 ]
	cmp here.md "$BATS_TEST_TMPDIR/want.md"
	[ ! -e "$P/here.md" ]
	run --separate-stderr brm -C "$P" report monthly -o no/such/r.md
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: cannot write '$P/no/such/r.md': No such file or directory" ]
}

@test "report customer resolves a prefix; the sheet's figures by month" {
	run --separate-stderr brm report customer acm --format json
	[ "$status" -eq 0 ]
	echo "$output" >c.json
	json_is c.json '[.report, .customer.id, .customer.name]' \
	    '["customer", "acme-corp", "Acme Corp"]'
	json_is c.json '[.months[0].month, .months[11].month, (.months |
	    length)]' '["2025-12", "2026-11", 12]'
	# the months with anything in them; the others are all zero
	#  05: survey 5            07: survey 2
	#  09: review; k1 and k2 opened, k2 resolved (48 h), k1 open; survey 3
	#  10: as in the monthly report
	#  11: k7 opened, open and overdue (due 11-03 00:00+02:00)
	json_is c.json "[.months[] | select(.month == (\"2026-05\", \"2026-07\",
	    \"2026-09\", \"2026-10\", \"2026-11\")) | [.month] + $FIGS]" '[
	    ["2026-05", 0, 0, 0, 0, 0, 0, null, 0, 1, 5.00, 0, 0, 0],
	    ["2026-07", 0, 0, 0, 0, 0, 0, null, 0, 1, 2.00, 0, 0, 0],
	    ["2026-09", 1, 1, 2, 1, 1, 0, 48.0, 0, 1, 3.00, 0, 0, 0],
	    ["2026-10", 2, 1, 0, 2, 0, 0, 396.0, 1, 2, 4.50, 1, 1, 1],
	    ["2026-11", 0, 0, 1, 0, 1, 1, null, 0, 0, null, 0, 0, 0]]'
	json_is c.json "[.months[] | select(.month | IN(\"2026-05\", \"2026-07\",
	    \"2026-09\", \"2026-10\", \"2026-11\") | not) | $FIGS | map(. // 0)
	    | add]" '[0, 0, 0, 0, 0, 0, 0]'
	# the activity of the whole year
	json_is c.json '[(.meetings | length), [.complaints[].id],
	    [.surveys[].score], (.praise | length), (.events | length)]' \
	    "[3, [\"$k2\", \"$k1\", \"$k7\"], [5, 2, 3, 4, 5], 1, 2]"
	# the sheet: facts, services, revenue; on the 22nd the action due
	# on the 30th is open, not overdue
	run --separate-stderr brm report customer acme
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "# Customer sheet — Acme Corp" ]
	[ "${lines[1]}" = "Nordlicht IT. Built from commit $(git rev-parse --short=12 HEAD) as of 2026-11-22T10:00:00+01:00. Activity from December 2025 to November 2026." ]
	[[ "$output" == *"| managed-backup | yes | 99.9 | 4 | 8 |  |"* ]]
	[[ "$output" == *"| 2026-Q3 | 131000.5 |  |  |"* ]]
	[[ "$output" == *"| 2026-10 | 2 | 1 | 0 | 2 | 0 | 0 | 1 | 2 | 4.50 | 1 | 1 |"* ]]
	# November, as of the 22nd: k7 open and overdue (due 11-03)
	[[ "$output" == *"| 2026-11 | 0 | 0 | 1 | 0 | 1 | 1 | 0 | 0 | – | 0 | 0 |"* ]]
	[[ "$output" == *"**Overdue:** Send the capacity plan"* ]]
	[[ "$output" == *"**Open:** Price the second site, due 2026-11-30"* ]]
	# a full id, the markup name's prefix, Unicode
	run brm report customer societe-generale-lodz
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "# Customer sheet — $SOC" ]
	run brm report customer pipe --format json
	[ "$(jq -r .customer.name <<<"$output")" = "$PIPE" ]
	# unknown and ambiguous ids
	run --separate-stderr brm report customer nosuch
	[ "$status" -eq 1 ]
	[ "$stderr" = "brm: error: no customer 'nosuch'" ]
}

@test "report portfolio: services, revenue, satisfaction, complaints, reviews" {
	run --separate-stderr brm report portfolio --format json
	[ "$status" -eq 0 ]
	echo "$output" >p.json
	json_is p.json '[.report, .from, .to]' '["portfolio", "2026-09", "2026-11"]'
	# Acme: 2 services, 1 vital; the latest actual (Q3) and projected
	# (Q4) revenue; surveys 3 4 5 from September: 4.00; k7 open
	# Pipe: 1 service, none vital; no revenue, no surveys; k4 open
	# Société Générale: 1 vital service; surveys 3 4 4 (June's 1 is
	# older): 3.67; k3 and k5 open
	# Globex: former, and listed all the same: one row per customer
	json_is p.json '[.customers[] | [.id, .kind, .status, .services,
	    .vital_services, .revenue_actual, .revenue_projected,
	    .satisfaction, .open_complaints, .next_review]]' "[
	    [\"acme-corp\", \"external\", \"active\", 2, 1,
	     {\"period\": \"2026-Q3\", \"amount\": 131000.5},
	     {\"period\": \"2026-Q4\", \"amount\": 140000}, 4.00, 1,
	     \"2026-11-16\"],
	    [\"globex\", \"external\", \"former\", 0, 0, null, null, null, 0,
	     null],
	    [\"$PIPE_ID\", \"internal\", \"active\", 1, 0, null, null, null, 1,
	     null],
	    [\"societe-generale-lodz\", \"external\", \"active\", 1, 1, null,
	     null, 3.67, 2, null]]"
	run --separate-stderr brm report portfolio
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "# Portfolio — Nordlicht IT" ]
	# Acme's contract review of 11-16 is past on the 22nd (the commit's
	# day), not on the 15th
	[[ "$output" == *"| Acme Corp | external | active | 2 | 1 | 131000.5 (2026-Q3) | 140000 (2026-Q4) | 4.00 | 1 | 2026-11-16 (passed) |"* ]]
	json_is p.json '[.customers[].next_review_passed]' \
	    '[true, false, false, false]'
	brm report portfolio --as-of 2026-11-15 --format json >p15.json
	json_is p15.json '[.customers[].next_review_passed]' \
	    '[false, false, false, false]'
	[[ "$output" == *"| Société Générale Łódź | external | active | 1 | 1 | – | – | 3.67 | 2 |  |"* ]]
	[[ "$output" == *"| Globex | external | former | 0 | 0 | – | – | – | 0 |  |"* ]]
	run --separate-stderr brm report portfolio --format html
	[ "$status" -eq 0 ]
	[[ "$output" == *"<td align=\"left\">Acme Corp</td>"* ]]
	[[ "$output" == *"<td align=\"right\">131000.5 (2026-Q3)</td>"* ]]
}

@test "report suppliers: scorecard, looser contracts, open disputes by level" {
	run --separate-stderr brm report suppliers --format json
	[ "$status" -eq 0 ]
	echo "$output" >s.json
	# Backup Co, audits of 06-10 (4 4 4 4 4 4: 4.00), 08-14 (2 3 3 4 3 4:
	# 19/6 = 3.17) and 10-09 (5 4 4 4 5 5: 27/6 = 4.50); per score the
	# mean of the three: responsiveness 11/3 = 3.67, problem solving
	# 11/3 = 3.67, efficiency 11/3 = 3.67, stability 4, feedback 12/3 = 4,
	# cooperation 13/3 = 4.33
	json_is s.json '.suppliers[0] | [.id, .audits, .latest_average,
	    .latest_date, .mean_scores.responsiveness,
	    .mean_scores.problem_solving, .mean_scores.efficiency,
	    .mean_scores.stability, .mean_scores.feedback,
	    .mean_scores.cooperation, .trend]' \
	    '["backup-co", 3, 4.50, "2026-10-09", 3.67, 3.67, 3.67, 4.00, 4.00,
	      4.33, [4.00, 3.17, 4.50]]'
	json_is s.json '.suppliers[1] | [.id, .audits, .latest_average,
	    .mean_scores.feedback, .trend]' '["desk-partners", 0, null, null, []]'
	json_is s.json '.looser_contracts' '[{"supplier": "backup-co",
	    "service": "managed-backup", "customer": "acme-corp",
	    "metric": "response_hours", "contract": "8", "sla": "4"}]'
	# open: dsp1 (level 2) and dsp3 (level 1); dsp2 is resolved
	json_is s.json '[.open_disputes[] | [.id, .level]]' \
	    "[[\"$dsp1\", 2], [\"$dsp3\", 1]]"
	run --separate-stderr brm report suppliers
	[ "$status" -eq 0 ]
	[[ "$output" == *"| Backup Co | approved | 3 | 4.50 (2026-10-09) | 3.67 | 3.67 | 3.67 | 4.00 | 4.00 | 4.33 | ···▆▅▇ |"* ]]
	[[ "$output" == *"| Desk Partners | probation | 0 | – | – | – | – | – | – | – | ······ |"* ]]
	[[ "$output" == *"Open by level: 1 initial coordination 1, 2 mediated 1, 3 formal process 0, 4 legal 0."* ]]
	[[ "$output" == *"response\\_hours 8 is not below the customer's 4"* ]]
	run --separate-stderr brm report suppliers --format html
	[ "$status" -eq 0 ]
	[[ "$output" == *"<td align=\"left\">Backup Co</td>"* ]]
	[[ "$output" == *"Open by level: 1 initial coordination 1, 2 mediated 1"* ]]
}

# refused CODE MESSAGE ARGS...: brm report ARGS exits CODE, prints
# nothing on stdout and MESSAGE as its first line on stderr
refused() {
	local code=$1 msg=$2
	shift 2
	run --separate-stderr brm report "$@"
	[ "$status" -eq "$code" ] ||
		{ echo "exit $status, not $code: $stderr" >&2; return 1; }
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "$msg" ] ||
		{ echo "stderr: $stderr" >&2; return 1; }
}

@test "refusals: each with its exit status and message" {
	before=$(snapshot)
	refused 2 "brm: error: invalid --month '2026-13' (expected YYYY-MM)" \
	    monthly --month 2026-13
	[ "${stderr_lines[1]}" = "usage: $(brm report -h | head -n 1 | sed 's/^usage: //')" ]
	refused 2 "brm: error: invalid --month '2026-1' (expected YYYY-MM)" \
	    monthly --month 2026-1
	refused 2 "brm: error: unknown report 'weekly' (expected monthly, customer, portfolio or suppliers)" \
	    weekly
	refused 2 "brm: error: unknown format 'pdf' (expected md, html or json)" \
	    monthly --format pdf
	refused 2 "brm: error: report customer needs a customer id" customer
	refused 2 "brm: error: only the customer report takes an id" \
	    monthly acme
	refused 2 "brm: error: --month applies to the monthly report only" \
	    portfolio --month 2026-10
	refused 2 "brm: error: missing arguments"
	refused 1 "brm: error: unknown revision 'nosuchrev': revspec 'nosuchrev' not found" \
	    monthly --at nosuchrev
	refused 1 "brm: error: no customer 'zzz'" customer zzz
	unchanged_since "$before"
}

@test "a record that cannot be read: every report refuses, naming it" {
	# hand edits that broke a meeting and a supplier, committed past brm
	m=$(ls meetings/2026/10/*.yaml | head -n 1)
	sup=$(ls suppliers/*.yaml | head -n 1)
	printf 'id: [x\n' >"$m"
	printf 'id: [x\n' >"$sup"
	git commit -qam "hand edits"
	before=$(snapshot)
	for r in monthly portfolio suppliers "customer acme"; do
		# shellcheck disable=SC2086
		run --separate-stderr brm report $r -o out.md
		[ "$status" -eq 1 ]
		[ -z "$output" ]
		[[ "${stderr_lines[0]}" == "brm: warning: "*" ($m:2:1)" ||
		    "${stderr_lines[0]}" == "brm: warning: "*" ($sup:2:1)" ]]
		[[ "$stderr" == *"could not be read; no report was written
hint: run 'brm check' to see what to fix" ]]
		[ ! -e out.md ]
	done
	unchanged_since "$before"
}
