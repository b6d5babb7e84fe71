#!/usr/bin/env bash
# The main job: build a demo portfolio through the CLI, list it, check it
# (and, once reports exist, print its monthly report).
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

step list customers
step list services
step show acme
step set stadtwerke-nord status=active review.next_contract_review=2027-02-01
step log stadtwerke-nord
step check
printf '\nThe portfolio is a git repository: git -C %s log --oneline\n' "$dir"
git -C "$dir" log --oneline | head -20
