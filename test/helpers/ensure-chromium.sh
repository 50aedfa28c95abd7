#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright never downloads a browser). Installs the
# chromium package when it is missing; `npm test` runs this first, so a fresh machine needs nothing else.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
echo "Chromium is missing at $CHROMIUM: installing Debian's chromium package for the browser tests" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "cannot install chromium without root: run 'sudo apt-get install -y chromium', or set CHROMIUM_PATH to a Chromium binary" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
[ -x "$CHROMIUM" ] || { echo "chromium did not install at $CHROMIUM" >&2; exit 1; }
