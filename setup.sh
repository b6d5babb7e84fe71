#!/bin/sh
# One command on a fresh Debian machine, as root: install what brm needs,
# build it, and run its main job (a demo portfolio in ./demo-portfolio).
set -e
cd "$(dirname "$0")"
sh tests/deps.sh --runtime
make demo
