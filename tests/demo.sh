#!/usr/bin/env bash
# The main job: build a demo portfolio through the CLI, list it, check it
# and end by printing its monthly report.
#   tests/demo.sh [DIR]      default: ./demo-portfolio (recreated)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
brm=${BRM:-$root/brm}
dir=${1:-$root/demo-portfolio}

# The demo needs an identity; a fresh machine has none configured.
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-"Demo Manager"}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-"demo@nordlicht.example"}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}

step() { printf '\n\033[1m$ brm %s\033[0m\n' "$*"; "$brm" -C "$dir" "$@"; }

rm -rf "$dir"
"$brm" init "$dir" --provider "Nordlicht IT-Services GmbH"

step add-service "CRM Platform" --id crm --owner "Ivan Petrov" \
	--description "Hosted customer relationship management"
step add-service "Service Desk" --id service-desk --owner "Olga Berg"
step add-service "Data Warehouse" --id dwh --owner "Ivan Petrov"

step add-customer "Acme Corp" --kind external --status active \
	--business "Online retail in three countries" \
	--outcome "Checkout available 99.9% of the time" \
	--representative "Jane Roe <jane@acme.example>" \
	--review-cadence monthly --next-review 2027-03-01
step add-contact acme-corp "John Doe" --role sponsor --email john@acme.example
step subscribe acme-corp crm --vital --availability 99.9 \
	--response-hours 4 --resolution-hours 24
step add-requirement acme-corp crm "Single sign-on" --kano basic
step subscribe acme-corp service-desk --availability 99.5 --response-hours 8

step add-customer "Stadtwerke Nord" --kind external \
	--review-cadence quarterly --next-review 2027-01-15
step subscribe stadtwerke-nord service-desk --vital --availability 99.8 \
	--response-hours 2 --resolution-hours 8
step add-customer "Finance Department" --kind internal \
	--review-cadence monthly
step subscribe finance-department dwh --availability 99 --response-hours 24
step add-customer "Müller & Söhne" --status prospect

# A month of activity, in the month before this one: what the monthly
# report (default: the previous month) is about.
m=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)
quiet() { "$brm" -C "$dir" "$@" >/dev/null; }
last() { "$brm" -C "$dir" list "$1" --format tsv | tail -n 1 | cut -f1; }

step log-meeting acme-corp --kind periodic-review --date "$m-06" \
	--attendee "Jane Roe" --attendee "Ivan Petrov" \
	--summary "Monthly service review" \
	--decision "Move the maintenance window to Sunday" \
	--action "Send the capacity plan"
mtg=$(last meetings)
step add-action "$mtg" "Share the DR test results" --owner "Olga Berg" \
	--due "$m-20"
step done-action "$mtg" 1
quiet log-meeting stadtwerke-nord --kind daily --date "$m-09" \
	--summary "Ticket backlog call"

step record-complaint acme-corp --service crm --severity high \
	--channel email --received "$m-03T09:12:00+01:00" \
	--summary "Slow ticket response"
cmp=$(last complaints)
quiet ack-complaint "$cmp" --at "$m-03T10:00:00+01:00"
step resolve-complaint "$cmp" --resolution "Added a second on-call engineer" \
	--at "$m-05T16:00:00+01:00"
quiet close-complaint "$cmp" --satisfied yes --at "$m-07T09:00:00+01:00"
quiet record-complaint stadtwerke-nord --service service-desk \
	--severity critical --received "$m-21T08:00:00+01:00" \
	--summary "Outage of the self-service portal"

step record-praise acme-corp --text "Quick help with the checkout outage" \
	--about "Ivan Petrov" --from "Jane Roe" --date "$m-12" \
	--publicized newsletter
step record-survey acme-corp --score 4 --type case --channel phone \
	--about "$cmp" --comment "Resolved quickly" --date "$m-08"
quiet record-survey stadtwerke-nord --score 3 --type public \
	--channel web --date "$m-14"
step record-value-add acme-corp --title "Security awareness workshop" \
	--effort-hours 6 --date "$m-18" --fits-need --cost-acceptable
step record-event stadtwerke-nord --service service-desk --kind sla-breach \
	--summary "First response over target" --metric response_hours \
	--target 2 --actual 3.5 --date "$m-21"

step add-supplier "Nordic Datacenter AB" --id nordic-dc --status approved \
	--supplies crm
step add-contract nordic-dc crm --response-hours 2 --resolution-hours 12 \
	--availability 99.95
step audit-supplier nordic-dc --date "$m-25" --responsiveness 4 \
	--problem-solving 4 --efficiency 3 --stability 5 --feedback 4 \
	--cooperation 5 --finding "On-call rota is thin at weekends"

step list customers
step list complaints
step show acme
step set stadtwerke-nord status=active review.next_contract_review=2027-02-01
step log stadtwerke-nord
step check
step due
printf '\nThe portfolio is a git repository: git -C %s log --oneline\n' "$dir"
git -C "$dir" --no-pager log --oneline -n 20

# The end of the demo: last month's report, as CI would build it on the 1st.
step report monthly
