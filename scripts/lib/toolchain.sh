# Sourced by the setup and test scripts: puts a supported Node and actionlint on PATH, installing
# them under .tools/ when the machine lacks them, and the npm packages (the load engine, Artillery,
# among them) with the patches in patches/, and the small model the real-model tests run.
# Idempotent and quiet when done.

QAOPS_NODE_VERSION=24.21.0
QAOPS_ACTIONLINT_MODULE=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

qaops_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$qaops_root/scripts/lib/local-model.sh"
qaops_tools="$qaops_root/.tools"
export PATH="$qaops_tools/bin:$PATH"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }

node_is_supported() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}

ensure_node() {
  local bundled="$qaops_tools/node/node_modules/node-linux-$(node_arch)/bin"
  if [ -x "$bundled/node" ]; then export PATH="$bundled:$PATH"; fi
  node_is_supported && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js >= 22.18 is required and neither node nor npm is installed." >&2
    echo "       Install Node 24 LTS (https://nodejs.org) and run this again." >&2
    return 1
  fi
  say "Node $(node --version 2>/dev/null || echo 'none') is too old; installing Node $QAOPS_NODE_VERSION into .tools/node"
  npm install --silent --no-save --ignore-scripts --prefix "$qaops_tools/node" \
    "node-linux-$(node_arch)@$QAOPS_NODE_VERSION" >/dev/null
  export PATH="$bundled:$PATH"
  node_is_supported
}

node_arch() {
  case "$(uname -m)" in
    aarch64 | arm64) echo arm64 ;;
    *) echo x64 ;;
  esac
}

ensure_dependencies() {
  # Reinstall only when the lockfile or a patch changed since the last install: a changed patch
  # must be applied to clean packages, not on top of its earlier version.
  local stamp="$qaops_root/node_modules/.package-lock.json" changed
  changed=$(find "$qaops_root/package-lock.json" "$qaops_root/patches" -name '*.json' -newer "$stamp" -o -name '*.patch' -newer "$stamp" 2>/dev/null | head -n 1)
  if [ -f "$stamp" ] && [ -z "$changed" ]; then return 0; fi
  say "Installing npm dependencies"
  # No install script runs (.npmrc: ignore-scripts), so nothing downloads a browser; the variable
  # says the same to Playwright should scripts be turned back on. Load tests need no browser.
  (cd "$qaops_root" &&
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
}

# npm runs no install script here (.npmrc), so no postinstall applies patches/: this does, after
# every install and on every run, since a tree installed before a patch was added lacks it.
# patch-package passes over a patch already applied, and fails when one no longer applies or was
# made for another version than the one installed.
ensure_patches() {
  local log
  if ! log=$(cd "$qaops_root" && npm run --silent deps:patch 2>&1); then
    printf '%s\n' "$log" >&2
    echo "error: the patches in patches/ do not fit node_modules; patches/README.md says how to remake them." >&2
    return 1
  fi
}

# ensure_go_tool NAME MODULE: a Go-built CLI, from PATH or built into .tools/bin.
ensure_go_tool() {
  local name=$1 module=$2
  command -v "$name" >/dev/null 2>&1 && return 0
  if ! command -v go >/dev/null 2>&1; then
    echo "error: $name is not installed and Go is not available to build it." >&2
    echo "       Install Go (https://go.dev/dl) or $name itself, then run this again." >&2
    return 1
  fi
  say "Building $name ($module) into .tools/bin; the first build takes a few minutes"
  GOBIN="$qaops_tools/bin" GOFLAGS=-mod=mod go install "$module"
}

ensure_toolchain() {
  ensure_node &&
    ensure_dependencies &&
    ensure_patches &&
    ensure_local_model &&
    ensure_go_tool actionlint "$QAOPS_ACTIONLINT_MODULE"
}
