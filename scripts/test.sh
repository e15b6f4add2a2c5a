#!/usr/bin/env bash
# Quick start, step 2: every check and test, ending with one line `N passed, N failed`.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
cd "$qaops_root"

ensure_toolchain >&2
exec node scripts/run-tests.ts
