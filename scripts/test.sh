#!/usr/bin/env bash
# Lint, type check, then the tests.
#   bash scripts/test.sh          everything: starts a Chroma server on 127.0.0.1 for the
#                                 scale-out tests, browser tests included
#   bash scripts/test.sh --fast   no browser, no Chroma server, no slow tests (< 60 s)
# Any other arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [[ "${1:-}" == "--fast" ]]; then fast=1; shift; fi
bash scripts/setup.sh --dev
. .venv/bin/activate
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 ORT_DISABLE_TELEMETRY=1 ANONYMIZED_TELEMETRY=False
tmp=$(mktemp -d)
export XDG_CACHE_HOME="$tmp/cache" GRADIO_TEMP_DIR="$tmp/gradio" MPLCONFIGDIR="$tmp/mpl" MYPY_CACHE_DIR="$tmp/mypy"
trap 'rm -rf "$tmp"' EXIT

ruff check .          # files and rules: [tool.ruff] in pyproject.toml
mypy                  # checked files: [tool.mypy] in pyproject.toml

if (( fast )); then
  python -m pytest -m "not slow and not browser and not server" "$@"
  exit
fi

port=$(python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
chroma run --path "$tmp/chroma-server" --host 127.0.0.1 --port "$port" >"$tmp/chroma.log" 2>&1 &
chroma_pid=$!
trap 'kill $chroma_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/api/v2/heartbeat" >/dev/null 2>&1 && break
  sleep 0.5
done
export CHATBOT_TEST_CHROMA_PORT=$port
python -m pytest "$@"
