#!/usr/bin/env bash
# Quick start, step 1: bring the toolchain (Node 24 when the system's is older, npm packages with
# the load engine Artillery, actionlint), then run the main job: the API suites against the demo
# platform.
#   bash scripts/setup.sh                 set up, then run the suites and show the report
#   bash scripts/setup.sh --install-only  set up only
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
cd "$qaops_root"

ensure_toolchain

if [ "${1:-}" = "--install-only" ]; then exit 0; fi

say "Running the API suites against the demo platform (Playwright starts it)"
status=0
npx playwright test || status=$?
say "HTML report: $qaops_root/playwright-report/index.html (open it with: npx playwright show-report)"
say "Next: bash scripts/test.sh runs every test; npx qaops --help lists the commands"
exit "$status"
