#!/bin/bash
# charts.sh — the chart gallery in colour and monochrome: every PDF opens in five readers and
# its axis labels, legend entries, event labels and captions extract as text.
. "$(dirname "$0")/lib.sh"
for v in brief mono; do
    pdf="$TMP/$v.pdf"
    check "gallery ($v) builds" run_briefc 0 build "$ROOT/briefs/charts/$v.lua" -o "$pdf"
    check "gallery ($v) opens in five readers" bash "$TESTS/pdfcheck.sh" "$pdf"
    pdftotext -enc UTF-8 "$pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/$v.txt"
    for s in "Figure 1 — Stacked bars" "Figure 10 — Negative values" '$4 bn' '$4.5 bn' '100 %' '80 %' \
             "Coalition Support Fund" "Security-related" "Oct 1990: aid cut off" \
             "Jan 2018: aid suspended" '10,000' "FY2010" '$34.2 bn' '43 %' "Illustrative values" \
             '–10' '$1 bn'; do
        check "gallery ($v): '$s' extracts" contains "$TMP/$v.txt" "$s"
    done
done
check "the monochrome gallery differs from the colour one" sh -c "! cmp -s '$TMP/brief.pdf' '$TMP/mono.pdf'"
finish
