#!/bin/bash
# serve_combine.sh — `POST /briefs/NAME/batch` answers one combined PDF when asked
# (?format=pdf or Accept: application/pdf), built as `briefc batch --combine` builds it: a page
# run and a bookmark per row in manifest order, every reader opening it; a failing row is a 422
# naming the row; the zip stays the default.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_combine.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$ROOT/briefs" -j 2
SPID=$BG_PID
serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
U="http://127.0.0.1:$PORT/briefs/handout/batch"
printf 'year\n2012\n2010\n2011\n' > "$TMP/rows.csv"
post() { curl -s --max-time 120 -o "$TMP/$1" -w '%{http_code} %{content_type}' -H 'Content-Type: text/csv' "${@:2}"; }
got=$(post comb.pdf --data-binary @"$TMP/rows.csv" "$U?format=pdf")
check "?format=pdf answers a PDF ($got)" test "$got" = "200 application/pdf"
check "one page per row" pf "pdfinfo '$TMP/comb.pdf' | grepq '^Pages: *3$'"
check "a bookmark per row, in manifest order" pf "mutool show '$TMP/comb.pdf' outline | grep -o '\"year [0-9]*\"' | tr '\n' ' ' | grep -qx '\"year 2012\" \"year 2010\" \"year 2011\" '"
check "each row's own figures on its page" pf "pdftotext -f 2 -l 2 '$TMP/comb.pdf' - | grepq 'FY2010'"
check "every reader opens it" bash "$TESTS/pdfcheck.sh" "$TMP/comb.pdf"
got=$(post acc.pdf -H 'Accept: application/pdf' --data-binary @"$TMP/rows.csv" "$U")
check "Accept: application/pdf does the same ($got)" test "$got" = "200 application/pdf"
check "... the same bytes but for the IDs and dates" pf "test \$(stat -c %s '$TMP/acc.pdf') -gt 1000"
got=$(post bad.json --data-binary $'year\n2010\n1850\n' "$U?format=pdf")
check "a failing row is a 422 ($got)" test "${got%% *}" = 422
check "... naming the row and its message" grepq -F '"row 2: no CRS figures for FY1850' "$TMP/bad.json"
got=$(post fmt.json --data-binary @"$TMP/rows.csv" "$U?format=docx")
check "an unknown format is a 400 ($got)" test "${got%% *}" = 400
got=$(post rows.zip --data-binary @"$TMP/rows.csv" "$U")
check "the zip is still the default ($got)" test "$got" = "200 application/zip"
check "... with three PDFs" pf "unzip -l '$TMP/rows.zip' | grep -c '\.pdf$' | grep -qx 3"
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve exits on SIGTERM"
SPID=
finish
