#!/bin/sh
# Installs pdf.js (pinned; 3.11 runs on Debian 12's Node 18 and on newer ones) beside the check.
set -eu
cd "$(dirname "$0")"
[ -f node_modules/pdfjs-dist/legacy/build/pdf.js ] && exit 0
npm install --no-audit --no-fund --omit=optional --loglevel=error >/dev/null
