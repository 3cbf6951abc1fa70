#!/usr/bin/env bash
# Install, index the bundled corpus if the index is missing, and open the web chat
# on http://127.0.0.1:7860 . Extra arguments go to `chatbot serve` (e.g. --port 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1
exec .venv/bin/chatbot serve "$@"
