#!/bin/bash
# browser.sh — briefc serve in a real browser: headless Chromium (Debian's `chromium`, driven
# by puppeteer-core from tests/browser) opens the list of briefs on a loopback server, follows
# the handout, types a year into the form, presses Preview; the PDF the form asked for is read
# back with poppler. The form page's screenshot is kept beside briefc: serve-form.png in the
# build folder. Fails when chromium or puppeteer-core is missing: `make test-deps` installs them,
# and a test that skips silently would pass on a machine that never ran it.
. "$(dirname "$0")/lib.sh"
DRIVER="$TESTS/browser/browser.js"
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 ||
   [ ! -f "$TESTS/browser/node_modules/puppeteer-core/package.json" ]; then
    echo "FAIL: needs chromium, node and puppeteer-core (make test-deps)" >&2
    exit 1
fi
export CHROMIUM
SHOT="$(dirname "$BRIEFC")/serve-form.png"
rm -f "$SHOT"
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
"$BRIEFC" serve --listen 127.0.0.1:0 --briefs "$ROOT/briefs" -j 2 2> "$TMP/server.err" &
SPID=$!
serve_port "$SPID" "$TMP/server.err"
check "the server starts" test -n "$PORT"
HOME="$TMP" timeout 120 node "$DRIVER" "http://127.0.0.1:$PORT" "$SHOT" "$TMP/form.pdf" > "$TMP/steps" 2>&1
rc=$?
cat "$TMP/steps"
check "the browser went through every step" test "$rc" -eq 0
check "the screenshot of the form page is kept" test -s "$SHOT"
check "the screenshot is a PNG" sh -c "head -c 8 '$SHOT' | od -An -c | grep -q 'P   N   G'"
check "the PDF the form asked for is the year typed" sh -c "pdftotext '$TMP/form.pdf' - | grep -q 'US aid to Pakistan in FY2015'"
kill -TERM "$SPID"; wait "$SPID"; src=$?; SPID=
check "the server exits 0 on SIGTERM" test "$src" -eq 0
finish
