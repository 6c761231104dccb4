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
             'on the right-hand axis (IMET, US$): IMET training (right axis) from $2' \
             '(All aid, US$): values from 2,043 in FY2008' \
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
# 190 x 260 mm with 16 mm margins and a 7 mm gap: the left column ends at 259.37 pt); the
# scatter after it runs across the page
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
lo, hi = span('"Figure 1 —', '"Source:')
lo2, hi2 = span('"Figure 3 —', '"Source:')
print(f"in-column chart x {lo}..{hi}; spanning chart x {lo2}..{hi2}")
sys.exit(0 if lo >= 45.35 and hi <= 259.37 and hi2 > 450 else 1)
EOF
# the house style: theme.charts sets the legend's place and the labelled bars of every chart
# whose plugin leaves them unset
H="$TMP/house"
mkdir -p "$H/plugins"
cat > "$H/plugins/bars.lua" <<'LUA'
return { name = "bars", version = "1", api = 1, render = function(s, ctx)
  s:chart { kind = "bar", caption = "House", categories = { "Alpha", "Beta", "Gamma" },
    series = { { name = "Left", values = { 811, 833, 822 } }, { name = "Right", values = { 701, 703, 702 } } } }
  s:chart { kind = "bar", caption = "Own", value_labels = false, legend = "top", categories = { "Alpha", "Beta" },
    series = { { name = "Mine", values = { 644, 655 } }, { name = "Yours", values = { 604, 605 } } } }
end }
LUA
house() { # house VALUE_LABELS LEGEND: builds with those theme.charts and prints the labels drawn
    printf 'return { title = "House", theme = { charts = { legend = "%s", value_labels = "%s" } },\n  sections = { section "bars" } }\n' "$2" "$1" > "$H/brief.lua"
    run_briefc 0 build "$H" -o "$H/$1.pdf" || return 1
    pdftotext "$H/$1.pdf" - | grep -oxE '811|822|833|701|702|703|644|655|604|605' | sort | tr '\n' ' '
}
check "house value_labels = last: the last bar of each series" test "$(house last bottom)" = "702 822 "
check "house value_labels = max: the highest category" test "$(house max bottom)" = "703 833 "
check "house value_labels = ends: the first and the last" test "$(house ends bottom)" = "701 702 811 822 "
check "house value_labels = all (a chart's own false stays off)" test "$(house all bottom)" = "701 702 703 811 822 833 "
check "house value_labels = none" test "$(house none bottom)" = ""
house last bottom > /dev/null
pdftotext -bbox "$H/last.pdf" "$H/last.html"
check "house legend = bottom: under the category labels; a chart's own top stays on top" python3 - "$H/last.html" <<'PY'
import re, sys
y = {}
for m in re.finditer(r'yMin="([\d.]+)"[^>]*>(\w+)</word>', open(sys.argv[1]).read()):
    y.setdefault(m.group(2), float(m.group(1)))
print(y.get("Left"), y.get("Gamma"), y.get("Mine"), y.get("Own"))
sys.exit(0 if y["Left"] > y["Gamma"] and y["Mine"] < y["Own"] + 20 else 1)
PY
for t in 'legnd = "bottom"|unknown chart setting '"'legnd'"' (did you mean '"'legend'"'?)' \
         'legend = "left"|theme.charts.legend must be one of "top", "right", "bottom", "none"' \
         'value_labels = "lats"|theme.charts.value_labels must be one of "none", "all", "last", "max", "ends", "highlighted" (did you mean "last"?)'; do
    printf 'return { title = "House", theme = { charts = { %s } }, sections = { section "bars" } }\n' "${t%%|*}" > "$H/brief.lua"
    out=$(run_briefc 1 build "$H" -o "$H/bad.pdf" 2>&1)
    check "house: theme.charts { ${t%%|*} } is refused" grepq -F "${t#*|}" <<< "$out"
done
# a dense chart: 10,000 labelled points and a line chart of 80,000 pieces with 50 notes
# builds (the label search reads a grid of cells and has a bounded budget, not all boxes)
D="$TMP/dense"
mkdir -p "$D/plugins"
cp "$TESTS/e2e/charts_dense.lua" "$D/plugins/dense.lua"
echo 'return { title = "Dense", sections = { section "dense" } }' > "$D/brief.lua"
check "a dense scatter and an annotated 10,000-point line chart build" run_briefc 0 build "$D" -o "$D/d.pdf"
check "the dense charts' notes are drawn" sh -c "pdftotext -raw '$D/d.pdf' - | grep -o 'note number [0-9]*' | wc -l | grep -qx 50"
finish
