#!/bin/bash
# charts_more.sh — the richer charts of issue 18 read back from the PDF: the gallery's scatter
# (its trend equation checked against a least-squares fit computed here from the CSV), the
# right-hand axis, annotations, small multiples, range and dumbbell labels, value labels on
# chosen bars only, decimals per axis; no two words of any chart page overlap (poppler's word
# boxes); each new kind is a Figure with its own /Alt; the showcase's charts kept inside one
# column of a two-column page (the layout dump's geometry).
. "$(dirname "$0")/lib.sh"
needs pdftotext python3
G="$TMP/g.pdf"
check "gallery builds" run_briefc 0 build "$ROOT/briefs/charts/brief.lua" -o "$G"
check "gallery opens in five readers" bash "$TESTS/pdfcheck.sh" "$G"
pdftotext -enc UTF-8 "$G" - | sed 's/\xc2\xa0/ /g' > "$TMP/g.txt"
for s in "Scatter: economic against security-related aid" "A second value axis" "IMET, US\$" \
         "All aid, US\$" '$5 m' '$5 bn' "Oct 2009: Enhanced Partnership Act" \
         "Jan 2018: security aid suspended" "Small multiples: one panel per kind of aid" \
         "Range: each kind of aid" "Dumbbell: each kind of aid" '$23 m' '$1.8 bn' '$322 m' \
         '39.3 %' '77.8 %' '27.4 %' '21.3 %' "Security-related aid, US\$ millions" '1,500' \
         ; do
    check "gallery: '$s' extracts" contains "$TMP/g.txt" "$s"
done
# value labels on the chosen bars (FY2010, FY2018) only: FY2011's shares are not printed
for s in '35.7 %' '33.1 %'; do
    check "gallery: no value label '$s' on a bar not chosen" sh -c "! grep -qF '$s' '$TMP/g.txt'"
done
# decimals = { y = 0 }: the percent axis reads 20 %, not 20.0 %
check "gallery: the percent axis has no decimals" sh -c "grep -qx '20 %' '$TMP/g.txt' && ! grep -qF '20.0 %' '$TMP/g.txt'"

# the trend: slope, intercept and R² of economic on security aid, FY2008-FY2018
fit=$(awk -F, 'NR > 1 && $7 != "request" { n++; x[n] = $2; y[n] = $3; mx += $2; my += $3 }
    END { mx /= n; my /= n
          for (i = 1; i <= n; i++) { sxx += (x[i]-mx)^2; sxy += (x[i]-mx)*(y[i]-my); syy += (y[i]-my)^2 }
          a = sxy / sxx; printf "%.6f %.6f %.6f", a, my - a * mx, sxy * sxy / (sxx * syy) }' \
    "$ROOT/briefs/charts/data/us-aid-pakistan.csv")
eq=$(grep -o 'Trend: y = [0-9.]*x [+−] [0-9.,]* *R² = [0-9.]*' "$TMP/g.txt" | head -1)
check "gallery: the scatter prints its trend equation ($eq)" test -n "$eq"
check "gallery: the equation is the least-squares fit ($fit)" python3 - "$fit" "$eq" <<'EOF'
import re, sys
a, b, r2 = map(float, sys.argv[1].split())
m = re.match(r"Trend: y = ([\d.]+)x ([+−]) ([\d.,]+) +R² = ([\d.]+)", sys.argv[2])
ta, sign, tb, tr = float(m.group(1)), m.group(2), float(m.group(3).replace(",", "")), float(m.group(4))
tb = -tb if sign == "−" else tb
ok = abs(ta - a) < 0.006 and abs(tb - b) < 0.06 and abs(tr - r2) < 0.006
print(f"fit a={a} b={b} r2={r2}; printed {ta} {tb} {tr}")
sys.exit(0 if ok else 1)
EOF

# no word over another on any page (point labels, notes, end labels, ticks, legends)
pdftotext -bbox "$G" "$TMP/g.html"
check "gallery: no two words overlap" python3 "$TESTS/e2e/overlap.py" "$TMP/g.html" 1 99

# each new kind is a Figure with alt text written from its data
if have_pdfjs; then
    timeout 120 node "$TESTS/pdfua/tree.js" "$G" > "$TMP/tree.txt"
    for s in 'Figure alt="Scatter plot, Scatter: economic against security-related aid' \
             'trend line y = 1.13' 'Points: FY2008 (517, ' \
             'Figure alt="Range chart, Range: each kind of aid' \
             'Figure alt="Dumbbell chart, Dumbbell: each kind of aid in FY2010 and in FY2016: each category from FY2010 to FY2016: Security-related ' \
             'Figure alt="Small multiples, 3 bar charts on one scale, one per panel (Security-related, Economic-related, Coalition Support Fund)' \
             'on the right-hand axis (IMET, US$): IMET training (right axis)' \
             'Notes: Oct 2009: Enhanced Partnership Act (at FY2010, '; do
        check "gallery: alt text '$s'" grepq -F "$s" "$TMP/tree.txt"
    done
fi

# the showcase: one column, and two columns with charts inside a column
for b in brief columns; do
    check "showcase ($b) builds" run_briefc 0 build "$ROOT/briefs/showcase/$b.lua" -o "$TMP/s-$b.pdf" \
        --dump-layout "$TMP/s-$b.layout"
    check "showcase ($b) opens in five readers" bash "$TESTS/pdfcheck.sh" "$TMP/s-$b.pdf"
    pdftotext -bbox "$TMP/s-$b.pdf" "$TMP/s-$b.html"
    check "showcase ($b): no two words overlap" python3 "$TESTS/e2e/overlap.py" "$TMP/s-$b.html" 1 99
done
pdftotext -enc UTF-8 "$TMP/s-brief.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/s.txt"
for s in "Oct 1990: aid cut off" "Military" "Civilian" "Coalition Support Fund" '$4.5 bn' '$107 m'; do
    check "showcase: '$s' extracts" contains "$TMP/s.txt" "$s"
done
# geometry: every op of a chart set with span = false lies in the left column (the page is
# A4 with 18 mm margins and a 7 mm gap: the left column ends at 291.97 pt); the scatter
# after it runs across the page
check "two columns: the in-column chart stays inside the left column" python3 - "$TMP/s-columns.layout" <<'EOF'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def span(caption, until):
    xs, on = [], False
    for l in lines:
        if caption in l: on = True
        elif on and until in l: break
        if on:
            xs += [float(m.group(1)) for m in re.finditer(r"(\d+\.\d+),\d+\.\d+", l)]
            m = re.match(r"\s*rect ([\d.]+),[\d.]+ ([\d.]+)x", l)
            if m: xs.append(float(m.group(1)) + float(m.group(2)))
    return min(xs), max(xs)
lo, hi = span('"Figure 1 —"', '"Source:"')
lo2, hi2 = span('"Figure 3 —"', '"Source:"')
print(f"in-column chart x {lo}..{hi}; spanning chart x {lo2}..{hi2}")
sys.exit(0 if lo >= 51 and hi <= 291.97 and hi2 > 500 else 1)
EOF
finish
