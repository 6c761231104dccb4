#!/bin/sh
# Installs puppeteer-core (pinned; it drives Debian's chromium, and downloads no browser of its
# own) beside the browser test.
set -eu
cd "$(dirname "$0")"
[ -f node_modules/puppeteer-core/package.json ] && exit 0
npm install --no-audit --no-fund --omit=optional --loglevel=error >/dev/null
