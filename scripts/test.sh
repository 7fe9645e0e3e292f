#!/usr/bin/env bash
# Installs the test dependencies and runs every test layer; exits 0 only when all pass.
#   formatting and lints -> native `cargo test` -> browser component tests (wasm-bindgen-test in
#   headless Chromium, then Firefox ESR) -> release build -> size budgets -> Playwright end-to-end tests against
#   the real backend -> the reader's journeys in Firefox and WebKit.
# Playwright traces and screenshots of failures are kept in test-results/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
set +e
cd "$ROOT"

# Every temporary file of the run (browser profiles that chromedriver leaves behind when the test
# runner stops it, data folders, copies of dist/) goes in one folder, removed when the run ends:
# runs on the same machine do not fill its disk.
run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-test.XXXXXX")"
# Open to others like /tmp itself: nginx's workers (another user) serve a site from inside it.
chmod 755 "$run_tmp"
trap 'rm -rf "$run_tmp"' EXIT
export TMPDIR="$run_tmp"

logs="$ROOT/target/test-logs"
mkdir -p "$logs"
failed_layers=()
passed=0
failed=0

# run_layer NAME COMMAND...: runs one layer, keeps its output in target/test-logs/NAME.log.
run_layer() {
  local name="$1"
  shift
  say "$name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then
    failed_layers+=("$name")
    printf '\033[31m%s failed (exit %s); full output in %s\033[0m\n' "$name" "$status" "$logs/$name.log"
  fi
}

# Adds up the counts that cargo test, Playwright and tests/engines/run.mjs printed for one layer.
count_tests() {
  local log="$logs/$1.log" p f
  p=$(grep -hoE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" 2>/dev/null | awk '{s += $4} END {print s + 0}')
  f=$(grep -hoE '; [0-9]+ failed' "$log" 2>/dev/null | awk '{s += $2} END {print s + 0}')
  p=$((p + $(grep -hoE '^ +[0-9]+ passed' "$log" 2>/dev/null | awk '{s += $1} END {print s + 0}')))
  f=$((f + $(grep -hoE '^ +[0-9]+ failed' "$log" 2>/dev/null | awk '{s += $1} END {print s + 0}')))
  passed=$((passed + p))
  failed=$((failed + f))
}

ensure_test_tools || { echo "Installing the test tools failed" >&2; exit 1; }

run_layer format cargo fmt --all --check
run_layer docs node scripts/check-docs.mjs
# The repository is cloned alone: no path outside it, its licence and front files in place.
run_layer repo node scripts/check-repo.mjs
run_layer lint-native cargo clippy --workspace --all-targets --quiet -- -D warnings
# As Trunk builds it: with its parts split out (src/parts.rs).
run_layer lint-wasm cargo clippy -p broadsheet --target wasm32-unknown-unknown --all-targets --features split --quiet -- -D warnings
run_layer native cargo test --workspace
count_tests native
run_layer browser env CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test -p broadsheet --target wasm32-unknown-unknown --test browser --test browser_comments
count_tests browser
# The same component tests in Firefox ESR: wasm-bindgen's runner drives it through geckodriver.
# (It has no WebKitWebDriver support: WebKit runs the journeys below.)
run_layer browser-firefox env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
  cargo test -p broadsheet --target wasm32-unknown-unknown --test browser --test browser_comments
count_tests browser-firefox
run_layer release build_release
# The prerender command the static-hosting specs run (its crates are built by the native layer).
run_layer prerender cargo build -p broadsheet-prerender --quiet
# Sizes are deterministic: embed.js within its budget, each part of the app and its core not past
# their ceilings (the core is still over its 110 KB budget, which `make sizes` enforces).
run_layer sizes node scripts/check-sizes.mjs dist --ceiling
run_layer e2e npx playwright test --config tests/e2e/playwright.config.ts
count_tests e2e
# The same build in Firefox ESR and WebKitGTK over WebDriver (tests/engines/run.mjs).
run_layer engines node tests/engines/run.mjs
count_tests engines

echo
if [ "${#failed_layers[@]}" -gt 0 ]; then
  printf 'Failed layers: %s (logs in %s' "${failed_layers[*]}" "$logs"
  [ -d "$ROOT/test-results" ] && printf '; Playwright traces and screenshots in %s' "$ROOT/test-results"
  printf ')\n'
  # A layer can fail before its runner counts anything (a build error): count it as a failure.
  [ "$failed" -eq 0 ] && failed=${#failed_layers[@]}
fi
echo "tests: $passed passed, $failed failed"
[ "${#failed_layers[@]}" -eq 0 ]
