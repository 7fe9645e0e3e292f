#!/usr/bin/env bash
# The benchmark of issue 8 (`make bench`): builds the release app, installs Lighthouse into a
# private npm prefix (target/bench-tools) when missing, serves a copy of the build with the
# reference backend on a free port and a throw-away data dir, runs bench/run.mjs, stops the
# backend (also on failure or Ctrl-C) and leaves BENCHMARKS.md. See docs/performance.md.
#
#   BENCH_RUNS=5            runs per timed figure (medians)
#   BENCH_ONLY=sizes,...    a subset of: sizes, lighthouse, lcp, navigation, comments, summary
#   BENCH_LABEL="..."       tags the run and adds (or replaces) its row in the history table
#   BENCH_SKIP_BUILD=1      measure the existing dist/ and backend build as they are
#   BENCH_LOAD_NOTE="..."   a note on the machine's load, written next to the load average
set -euo pipefail

BENCH_STARTED="$(date +%s)"
export BENCH_STARTED
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

LIGHTHOUSE_VERSION="12.2.3"
TOOLS="$ROOT/target/bench-tools"
BENCH_DIR="$ROOT/target/bench"
BACKEND="$ROOT/target/server/broadsheet-backend"

ensure_lighthouse() {
  local installed
  installed="$(node -p "require('$TOOLS/node_modules/lighthouse/package.json').version" 2>/dev/null || true)"
  if [ "$installed" = "$LIGHTHOUSE_VERSION" ]; then return; fi
  say "Installing lighthouse@$LIGHTHOUSE_VERSION into $TOOLS (benchmark only)"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION"
}

backend_pid=""
data_dir=""
cleanup() {
  local status=$?
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill -TERM "$backend_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  [ -n "$data_dir" ] && rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The build tools, as setup.sh installs them, except that a node_modules that is a symlink (a
# git worktree sharing another checkout's packages) is never reinstalled: `npm ci` would empty
# the shared folder. Such a checkout only needs the packages to be there.
ensure_bench_build_tools() {
  ensure_wasm_target
  if [ -L "$ROOT/node_modules" ]; then
    local needed
    for needed in .bin/wasm-opt @playwright/test/package.json; do
      if [ ! -e "$ROOT/node_modules/$needed" ]; then
        echo "bench: node_modules is a link to $(readlink "$ROOT/node_modules") that has no $needed;" \
          "install the packages in that checkout (scripts/setup.sh build)" >&2
        exit 1
      fi
    done
  else
    ensure_node_modules
  fi
  ensure_wasm_bindgen
  ensure_trunk
  cargo fetch --quiet
}

node "$ROOT/bench/run.mjs" --check-options
ensure_bench_build_tools
ensure_chromium
if [ "${BENCH_SKIP_BUILD:-}" = "1" ]; then
  say "BENCH_SKIP_BUILD=1: measuring the existing dist/ and backend"
  [ -f "$ROOT/dist/index.html" ] && [ -x "$BACKEND" ] || { echo "bench: no build to measure (dist/index.html, $BACKEND)" >&2; exit 1; }
  BENCH_BUILD_SECONDS=""
else
  build_started="$(date +%s)"
  build_release
  BENCH_BUILD_SECONDS="$(($(date +%s) - build_started))"
fi
export BENCH_BUILD_SECONDS
ensure_lighthouse

# The backend serves a copy of the build, so the static floor page can sit next to the app.
say "Starting the backend on a free port"
rm -rf "$BENCH_DIR/dist"
mkdir -p "$BENCH_DIR"
cp -R "$ROOT/dist" "$BENCH_DIR/dist"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")"
"$BACKEND" --port 0 --dist "$BENCH_DIR/dist" --data-dir "$data_dir" --posts-per-minute 1000 \
  >"$BENCH_DIR/backend.log" 2>&1 &
backend_pid=$!
url=""
for _ in $(seq 300); do
  url="$(sed -n 's/^Broadsheet is listening on \(http:\/\/[^ ]*\).*/\1/p' "$BENCH_DIR/backend.log" | head -n 1)"
  [ -n "$url" ] && break
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    echo "bench: the backend exited before listening; its output ($BENCH_DIR/backend.log):" >&2
    cat "$BENCH_DIR/backend.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "bench: the backend did not say where it listens within 30 s (see $BENCH_DIR/backend.log)" >&2
  exit 1
fi
say "Backend at $url (pid $backend_pid, data in $data_dir)"

say "Measuring (BENCH_RUNS=${BENCH_RUNS:-5}${BENCH_ONLY:+, BENCH_ONLY=$BENCH_ONLY}${BENCH_LABEL:+, BENCH_LABEL=$BENCH_LABEL})"
BENCH_BASE_URL="$url" BENCH_DIST="$ROOT/dist" BENCH_SERVE_DIST="$BENCH_DIR/dist" \
  BENCH_TOOLS="$TOOLS" CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" \
  node "$ROOT/bench/run.mjs"
say "Wrote BENCHMARKS.md ($(($(date +%s) - BENCH_STARTED)) s in all)"
