#!/usr/bin/env bash
# Installs what is missing, builds the app in release mode, and serves the reader with the
# reference backend and its demo content at http://127.0.0.1:8080 (HOST and PORT override the
# address, e.g. HOST=0.0.0.0 to be reached from other machines). Ctrl-C stops it.
#   scripts/run.sh [backend]   `backend`: serve the last build without rebuilding the app, as the
#                              API for `trunk serve` (see Trunk.toml's proxy)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

host="${HOST:-127.0.0.1}"
port="${PORT:-8080}"
if [ "${1:-}" = backend ]; then
  say "Building the reference backend"
  (cd "$ROOT" && cargo build --profile server -p broadsheet-backend)
  # The backend needs a built app to serve; an empty one is enough behind `trunk serve`.
  [ -f "$ROOT/dist/index.html" ] || { mkdir -p "$ROOT/dist" && cp "$ROOT/index.html" "$ROOT/dist/"; }
else
  ensure_build_tools
  build_release
fi
say "Broadsheet: open http://$host:$port (Ctrl-C stops it)"
cd "$ROOT"
exec target/server/broadsheet-backend --host "$host" --port "$port" --data-dir "${DATA_DIR:-.data}" --dist dist
