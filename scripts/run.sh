#!/usr/bin/env bash
# Installs what is missing, builds the app in release mode, and serves the reader with the
# reference backend and its demo content at http://127.0.0.1:8080 (PORT overrides). Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_build_tools
build_release
port="${PORT:-8080}"
say "Broadsheet: open http://127.0.0.1:$port (Ctrl-C stops it)"
cd "$ROOT"
exec target/server/broadsheet-backend --port "$port" --data-dir "${DATA_DIR:-.data}" --dist dist
