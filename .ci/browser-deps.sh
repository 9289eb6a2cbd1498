#!/usr/bin/env bash
# Installs what the browser test (tests/web/test_browser.py) needs: Debian's chromium and
# chromium-driver, from the distribution's package archive. Idempotent and quiet: does
# nothing when both are on PATH. Needs root (or sudo) and apt-get; elsewhere it says why
# and exits 0, and the browser test skips itself with the reason.
set -euo pipefail
if command -v chromedriver >/dev/null 2>&1 && { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "browser-deps: no apt-get here; install chromium and chromedriver yourself (the browser test skips)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "browser-deps: not root and no sudo; cannot install chromium (the browser test skips)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq >/dev/null && \
       $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }; then
  echo "browser-deps: apt-get could not install chromium and chromium-driver (the browser test skips)" >&2
  exit 0
fi
command -v chromedriver >/dev/null || echo "browser-deps: chromedriver still missing (the browser test skips)" >&2
