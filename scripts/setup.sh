#!/usr/bin/env bash
# Installs what Broadsheet's build and tests need, skipping whatever is already present.
# Sourced by run.sh and test.sh; run it directly to install everything:
#   scripts/setup.sh [build|test|all]
# No release binaries are downloaded: tools come from crates.io, npm and Debian (see
# CONTRIBUTING.md for why).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
# geckodriver is not in Debian: built from crates.io (about 3 minutes on 2 cores).
GECKODRIVER_VERSION="0.37.1"
WASM_SPLIT_VERSION="0.2.4"
# 12.x: Lighthouse 13 needs Node.js 22.19 or later.
LIGHTHOUSE_VERSION="12.2.3"
# Where Lighthouse is installed, for the SEO spec and the benchmark (tests/e2e/kit/lighthouse.mjs).
export LIGHTHOUSE_PREFIX="$ROOT/target/lighthouse"
export TRUNK_OFFLINE=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# Says what is missing and how to get it, before the long steps start.
fail_prerequisite() {
  printf '\033[31mBroadsheet needs %s\033[0m\n' "$*" >&2
  exit 1
}

# What the steps below rely on and do not install themselves, or install only through apt.
check_prerequisites() {
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    fail_prerequisite "root or sudo, to install Debian packages (Chromium, a C toolchain, nginx): run as root, or install sudo."
  fi
  command -v rustup >/dev/null && command -v cargo >/dev/null \
    || fail_prerequisite "Rust through rustup (the toolchain is pinned in rust-toolchain.toml): see https://rustup.rs, then open a new shell."
  # The linker and SQLite's bundled C build need a C compiler.
  if ! command -v cc >/dev/null; then
    say "Installing a C toolchain (build-essential)"
    apt_install build-essential || fail_prerequisite "a C compiler and linker: apt-get install build-essential."
  fi
  ensure_node
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 20 ]; then
    fail_prerequisite "Node.js 20 or later (found $(node --version 2>/dev/null || echo none); Debian 12's own is 18): install a newer Node.js, e.g. from your distribution's backports or NodeSource, and run again."
  fi
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  # Any working Trunk 0.21 or later will do: building it takes ~13 minutes on 2 cores.
  if trunk --version 2>/dev/null | grep -qE '^trunk 0\.(2[1-9]|[3-9][0-9])\.'; then return; fi
  say "Installing Trunk $TRUNK_VERSION (about 13 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

# The wasm-bindgen version that Cargo.lock pins; the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local version
  version="$(locked_wasm_bindgen_version)"
  if [ -z "$version" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $version" ]; then return; fi
  say "Installing wasm-bindgen-cli $version (matches Cargo.lock)"
  # No --locked: the published lockfile pins a dependency the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$version" --force
}

# Splits the app's wasm into its core and the parts it loads when needed (scripts/split-wasm.mjs):
# the same splitter the Leptos build tool uses.
ensure_wasm_split() {
  if cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then return; fi
  say "Installing wasm-split-cli $WASM_SPLIT_VERSION (about a minute)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
}

ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return; fi
  say "Installing Node.js and npm"
  apt_install nodejs npm
}

ensure_node_modules() {
  ensure_node
  # npm writes node_modules/.package-lock.json: reinstall only when package-lock.json changed.
  if [ -f "$ROOT/node_modules/.package-lock.json" ] \
    && [ "$ROOT/node_modules/.package-lock.json" -nt "$ROOT/package-lock.json" ]; then
    return
  fi
  say "Installing node packages (wasm-opt, esbuild, Playwright)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  say "Installing Debian's Chromium and ChromeDriver"
  apt_install chromium chromium-driver
}

# Lighthouse in a private npm prefix, not in package.json: its 146 packages (111 MB) would make
# every `npm ci`, also those that only build the app, 70% bigger (node_modules is 156 MB).
ensure_lighthouse() {
  local installed
  installed="$(node -p "require('$LIGHTHOUSE_PREFIX/node_modules/lighthouse/package.json').version" 2>/dev/null || true)"
  if [ "$installed" = "$LIGHTHOUSE_VERSION" ]; then return; fi
  say "Installing lighthouse@$LIGHTHOUSE_VERSION into $LIGHTHOUSE_PREFIX"
  mkdir -p "$LIGHTHOUSE_PREFIX"
  npm install --prefix "$LIGHTHOUSE_PREFIX" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION"
}

ensure_build_tools() {
  check_prerequisites
  ensure_wasm_target
  ensure_node_modules
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_trunk
  # Trunk runs cargo offline: fetch the crates first.
  (cd "$ROOT" && cargo fetch --quiet)
}

# nginx and Caddy from Debian, for specs/static-host.spec.ts: it serves dist/ with the
# configuration scripts/static-host.mjs writes, from its own unprivileged processes on free ports
# (a service the package may start is not used).
ensure_nginx() {
  if command -v nginx >/dev/null; then return; fi
  say "Installing Debian's nginx"
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  # nginx-light (Debian 12) has every module the generated nginx.conf uses; later releases
  # only have nginx.
  if apt-cache policy nginx-light 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt_install nginx-light
  else
    apt_install nginx
  fi
}

ensure_caddy() {
  if command -v caddy >/dev/null; then return; fi
  say "Installing Debian's Caddy"
  apt_install caddy
}

# The other engines readers use, for the engines layer (tests/engines/): Debian's Firefox ESR and
# WebKitGTK's WebDriver (its MiniBrowser has no headless mode, so it runs under Xvfb).
ensure_firefox() {
  if command -v firefox-esr >/dev/null; then return; fi
  say "Installing Debian's Firefox ESR"
  apt_install firefox-esr
}

ensure_webkit() {
  if command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null && command -v xauth >/dev/null; then
    return
  fi
  say "Installing Debian's WebKitGTK WebDriver and Xvfb"
  apt_install webkit2gtk-driver xvfb xauth
}

ensure_geckodriver() {
  if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)" = "geckodriver $GECKODRIVER_VERSION" ]; then
    return
  fi
  say "Installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
}

ensure_test_tools() {
  ensure_build_tools
  ensure_chromium
  ensure_lighthouse
  ensure_firefox
  ensure_webkit
  ensure_geckodriver
  ensure_nginx
  ensure_caddy
}

# Builds the app (release, size-optimised wasm) into dist/ and the reference backend. dist/ also
# gets the files a static host needs (_headers, _redirects, nginx.conf, Caddyfile: see
# docs/static-hosting.md); after editing dist/config.json, run `node scripts/static-host.mjs dist`.
build_release() {
  say "Building the app (release) into dist/"
  # PUBLIC_URL: the path the app is served under, e.g. /news/ (docs/static-hosting.md).
  (cd "$ROOT" && trunk build --release --public-url "${PUBLIC_URL:-/}" \
    && node scripts/compress-dist.mjs dist \
    && node scripts/static-host.mjs dist)
  say "Building the reference backend"
  (cd "$ROOT" && cargo build --profile server -p broadsheet-backend)
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-all}" in
    build) ensure_build_tools ;;
    test | all) ensure_test_tools ;;
    *) echo "usage: scripts/setup.sh [build|test|all]" >&2; exit 2 ;;
  esac
fi
