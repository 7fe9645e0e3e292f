#!/usr/bin/env bash
# The benchmark of issue 8 (`make bench`): builds the release app, installs Lighthouse (into
# target/lighthouse, as setup.sh's ensure_lighthouse does for the tests) when missing, serves a
# copy of the build with the reference backend on a free port and a throw-away data dir, runs
# bench/run.mjs, stops the backend (also on failure or Ctrl-C) and leaves BENCHMARKS.md. See
# docs/performance.md.
# For the "baseline" section it also builds the plain Leptos page of bench/baseline (its own
# crate) and serves it with a second backend instance, seeded with the same demo data.
#
#   BENCH_RUNS=5            runs per timed figure (medians)
#   BENCH_ONLY=sizes,...    a subset of: sizes, lighthouse, lcp, navigation, comments, baseline,
#                           summary
#   BENCH_LABEL="..."       tags the run and adds (or replaces) its row in the history table
#   BENCH_SKIP_BUILD=1      measure the existing dist/ and backend build as they are (and the
#                           baseline page's build, when there is one)
#   BENCH_APP_DIST=dir      with BENCH_SKIP_BUILD=1: measure the app built in dir, not dist/
#   BENCH_BASELINE_DIST=dir where the baseline page is built (default target/bench/baseline-dist)
#   BENCH_LOAD_NOTE="..."   a note on the machine's load, written next to the load average
set -euo pipefail

BENCH_STARTED="$(date +%s)"
export BENCH_STARTED
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

BENCH_DIR="$ROOT/target/bench"
BACKEND="$ROOT/target/server/broadsheet-backend"
APP_DIST="$ROOT/dist"
BASELINE_SRC="$ROOT/bench/baseline"
BASELINE_DIST="${BENCH_BASELINE_DIST:-$BENCH_DIR/baseline-dist}"
case "$BASELINE_DIST" in /*) ;; *) BASELINE_DIST="$ROOT/$BASELINE_DIST" ;; esac

backend_pid=""
data_dir=""
baseline_pid=""
baseline_data_dir=""
stop_backend() {
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  local status=$?
  stop_backend "$backend_pid"
  stop_backend "$baseline_pid"
  [ -n "$data_dir" ] && rm -rf "$data_dir"
  [ -n "$baseline_data_dir" ] && rm -rf "$baseline_data_dir"
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

# Whether the "baseline" section is measured (BENCH_ONLY names it, or names nothing).
wants_baseline() {
  [ -z "${BENCH_ONLY:-}" ] && return 0
  tr ',' '\n' <<<"$BENCH_ONLY" | tr -d ' ' | tr '[:upper:]' '[:lower:]' | grep -qxE 'baseline|plain'
}

# The plain Leptos page of bench/baseline: its own crate and Cargo.lock (the root workspace
# excludes it), Trunk's default loader, built without the app's `erase_components` cfg (an empty
# RUSTFLAGS overrides .cargo/config.toml's), as a plain Leptos app is. Precompressed like the app.
build_baseline() {
  say "Building the plain Leptos page (bench/baseline) into $BASELINE_DIST"
  (cd "$BASELINE_SRC" && cargo fetch --quiet \
    && RUSTFLAGS="" trunk build --release --dist "$BASELINE_DIST" --public-url /)
  node "$ROOT/scripts/compress-dist.mjs" "$BASELINE_DIST" >/dev/null
}

# Starts the backend serving $1 on a free port with a fresh data dir, logging to $2; sets
# started_pid, started_data_dir and started_url.
start_backend() {
  local serve_dist="$1" log="$2"
  started_data_dir="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")"
  "$BACKEND" --port 0 --dist "$serve_dist" --data-dir "$started_data_dir" --posts-per-minute 1000 \
    >"$log" 2>&1 &
  started_pid=$!
  started_url=""
  for _ in $(seq 300); do
    started_url="$(sed -n 's/^Broadsheet is listening on \(http:\/\/[^ ]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$started_url" ] && return 0
    if ! kill -0 "$started_pid" 2>/dev/null; then
      echo "bench: the backend exited before listening; its output ($log):" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "bench: the backend did not say where it listens within 30 s (see $log)" >&2
  exit 1
}

node "$ROOT/bench/run.mjs" --check-options
ensure_bench_build_tools
ensure_chromium
if [ "${BENCH_SKIP_BUILD:-}" = "1" ]; then
  APP_DIST="${BENCH_APP_DIST:-$ROOT/dist}"
  case "$APP_DIST" in /*) ;; *) APP_DIST="$ROOT/$APP_DIST" ;; esac
  say "BENCH_SKIP_BUILD=1: measuring the existing $APP_DIST and backend"
  [ -f "$APP_DIST/index.html" ] && [ -x "$BACKEND" ] || { echo "bench: no build to measure ($APP_DIST/index.html, $BACKEND)" >&2; exit 1; }
  BENCH_BUILD_SECONDS=""
  if wants_baseline && [ ! -f "$BASELINE_DIST/index.html" ]; then build_baseline; fi
else
  build_started="$(date +%s)"
  build_release
  if wants_baseline; then build_baseline; fi
  BENCH_BUILD_SECONDS="$(($(date +%s) - build_started))"
fi
export BENCH_BUILD_SECONDS
ensure_lighthouse

# The backend serves a copy of the build, so the static floor page can sit next to the app.
say "Starting the backend on a free port"
rm -rf "$BENCH_DIR/dist"
mkdir -p "$BENCH_DIR"
cp -R "$APP_DIST" "$BENCH_DIR/dist"
start_backend "$BENCH_DIR/dist" "$BENCH_DIR/backend.log"
backend_pid="$started_pid" data_dir="$started_data_dir" url="$started_url"
say "Backend at $url (pid $backend_pid, data in $data_dir)"

# The plain Leptos page, from a second backend with its own copy of the same seeded data: the
# same article at the same path, on another port.
baseline_url=""
if wants_baseline; then
  say "Starting a second backend for the plain Leptos page"
  start_backend "$BASELINE_DIST" "$BENCH_DIR/baseline-backend.log"
  baseline_pid="$started_pid" baseline_data_dir="$started_data_dir" baseline_url="$started_url"
  say "Plain Leptos page at $baseline_url (pid $baseline_pid)"
fi

say "Measuring (BENCH_RUNS=${BENCH_RUNS:-5}${BENCH_ONLY:+, BENCH_ONLY=$BENCH_ONLY}${BENCH_LABEL:+, BENCH_LABEL=$BENCH_LABEL})"
BENCH_BASE_URL="$url" BENCH_DIST="$APP_DIST" BENCH_SERVE_DIST="$BENCH_DIR/dist" \
  BENCH_BASELINE_URL="$baseline_url" BENCH_BASELINE_DIST="$BASELINE_DIST" \
  CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" \
  node "$ROOT/bench/run.mjs"
say "Wrote BENCHMARKS.md ($(($(date +%s) - BENCH_STARTED)) s in all)"
