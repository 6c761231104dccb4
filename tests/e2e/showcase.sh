#!/bin/bash
# showcase.sh — briefs/showcase shows the authoring features of issue 18 on its pages, each
# read back: its house style (themes/showcase.lua through require_theme: fonts by family name,
# booktabs tables, every heading level in the heading colour, running header and footer),
# bound pages (inner/outer margins mirrored, a deeper first-page top margin), a landscape
# page, a custom page size (columns.lua), row-spanning cells (pdftotext -layout), subscripts
# and small capitals (the layout dump), and a Stata file read with ctx:stat_file, whose bytes
# tests/stat/aiddta.c makes again from the CSV beside it, and a bar-and-line chart of it.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo pdffonts
S="$ROOT/briefs/showcase"

run_briefc 0 build "$S" -o "$TMP/s.pdf" -q
run_briefc 0 check "$S" -q --dump-layout "$TMP/s.layout" > /dev/null
pdftotext -layout "$TMP/s.pdf" "$TMP/s.txt"
pdfinfo -f 1 -l 20 "$TMP/s.pdf" > "$TMP/s.info"
for n in 1 2 3 4 5 6 7 8; do # each page's layout dump ($TMP/L$n) and text ($TMP/p$n.txt)
    awk -v p="$n" '$1 == "page" { on = ($2 == p) } on' "$TMP/s.layout" > "$TMP/L$n"
    pdftotext -layout -f "$n" -l "$n" "$TMP/s.pdf" "$TMP/p$n.txt"
done

# pages: 8, A4 portrait but for the wide table's landscape page
check "the showcase has 8 pages" grepq -E '^Pages: +8$' "$TMP/s.info"
check "page 4 is A4 landscape, the others portrait" \
    pf "[ \$(grep -c 'size: *595.276 x 841.89 pts' '$TMP/s.info') = 7 ] && grepq -E 'Page +4 size: +841.89 x 595.276' '$TMP/s.info'"

# the house style comes from themes/showcase.lua, by require_theme
check "brief.lua and columns.lua take the house style" \
    pf "grepq -F 'require_theme(\"showcase\")' '$S/brief.lua' && grepq -F 'require_theme(\"showcase\",' '$S/columns.lua'"
# fonts by family name: the theme names "Noto Serif" and "Noto Sans", the PDF embeds them
check "the theme names fonts by family" \
    pf "grepq -F 'body_font = \"Noto Serif\"' '$S/themes/showcase.lua' && grepq -F 'heading_font = \"Noto Sans\"' '$S/themes/showcase.lua'"
pdffonts "$TMP/s.pdf" > "$TMP/s.fonts"
for f in NotoSerif-Regular NotoSerif-Bold NotoSerif-Italic NotoSerif-BoldItalic NotoSans-Bold; do
    check "fonts by name: $f embedded" grepq -E "\+$f +CID TrueType" "$TMP/s.fonts"
done
# every heading level in the heading colour
check "heading_colour: level 1 in #0f5e6e" grepq -E 'text f[0-9]+ 14.00 #0f5e6e .*"1 Charts"' "$TMP/s.layout"
check "heading_colour: level 2 in #0f5e6e too" grepq -E 'text f[0-9]+ 11.50 #0f5e6e .*"2.1 Three phases of aid"' "$TMP/s.layout"
# booktabs: no table row is shaded (the only fills are chart marks and the boxes)
check "table_style = booktabs: no zebra stripes under table rows" \
    pf "! grepq -E 'rect [0-9.]+,[0-9.]+ 4[0-9][0-9].[0-9]+x1[0-9].[0-9]+ fill' '$TMP/s.layout'"
check "table_style = booktabs: a black top rule over Table 4" \
    pf "grep -A12 -F '\"Aid to Pakistan in two periods' '$TMP/s.layout' | grepq -E '^  line 48.19,[0-9.]+ -> 527.24,[0-9.]+ stroke #1d1d1f lw 0.90 solid'"

# bound pages: the inner margin (24 mm = 68.03 pt) on the left of odd pages, the outer
# (17 mm = 48.19 pt) on the left of even ones; the series at the outer edge
check "mirrored margins: page 3 (odd) text starts at 68.03 pt" \
    pf "cat '$TMP/L3' | grepq -F 'at 68.03,' && ! cat '$TMP/L3' | grep -v '#5f6670' | grepq -F 'at 48.19,'"
check "mirrored margins: page 2 (even) text starts at 48.19 pt" \
    pf "cat '$TMP/L2' | grepq -F 'at 48.19,' && ! cat '$TMP/L2' | grepq -F 'at 68.03,'"
check "running header: the series at the outer edge on even and odd pages" \
    pf "cat '$TMP/L2' | grepq -E 'text f[0-9]+ 7.50 #5f6670 at 48.19,[0-9.]+ \"BRIEFC  ·  SHOWCASE\"' &&
        cat '$TMP/L3' | grepq -E 'text f[0-9]+ 7.50 #5f6670 at 4[0-9][0-9].[0-9]+,[0-9.]+ \"BRIEFC  ·  SHOWCASE\"'"
check "header.first = false: no running header on page 1" \
    pf "! cat '$TMP/p1.txt' | sed -n 1,3p | grepq -F 'briefc showcase     '"
check "footer: the page number at the outer edge" \
    pf "cat '$TMP/p2.txt' | grep -F 'Page 2 of 8' | grepq -E '^ *Page 2 of 8 +November 2026' &&
        cat '$TMP/p3.txt' | grep -F 'Page 3 of 8' | grepq -E 'November 2026 +Page 3 of 8'"
# the first page's top margin (28 mm = 79.37 pt): its first line sits below it, and lower
# than the first line of page 3 (20 mm)
check "page.first.top: page 1 starts lower than page 3" \
    pf "y1=\$(cat '$TMP/L1' | awk '/ text /{split(\$6,a,\",\"); print a[2]; exit}'); y3=\$(cat '$TMP/L3' | grep -v '#5f6670' | awk '/ text /{split(\$6,a,\",\"); print a[2]; exit}');
        awk -v a=\"\$y1\" -v b=\"\$y3\" 'BEGIN { exit !(a > 79.37 && a < 95 && b < 75) }'"

# row-spanning cells. Table 2: one cell two columns wide and two years deep
check "rowspan + colspan: FY2017's row carries the cell" \
    pf "grep -A1 -E '^ *FY2017 +305 ' '$TMP/s.txt' | tr -s ' \n' ' ' | grepq -E 'FY2017 305 no figure in the source( ?[0-9])? 285 590'"
check "rowspan + colspan: FY2018's row has nothing under it" \
    grepq -E '^ *FY2018 +23 +84 +108 *$' "$TMP/s.txt"
# Table 5: the CRS report down the rows it supplies
check "rowspan: the report on its first year's line" \
    grepq -E '^ *CRS-2014-03, 6 Mar 2014 +FY2009 +enacted +2 +685 +3,040 +0' "$TMP/s.txt"
check "rowspan: the years under it start with the year" \
    pf "grepq -E '^ {20,}FY2010 +enacted +5 +1,499 +4,504 +0' '$TMP/s.txt' &&
        grepq -E '^ {20,}FY2013 +enacted, CSF estimated +5 +353 +1,548 +0' '$TMP/s.txt'"
check "rowspan: the last report on its first year's line" \
    grepq -E '^ *CRS-2019-03, 12 Mar 2019 +FY2014 +enacted' "$TMP/s.txt"
# a table that goes on to another page: the spanning cell is repeated on the first row there
for n in 2 3 4 5 6 7 8; do
    grepq -F 'Stata file (US$ millions) (continued)' "$TMP/p$n.txt" || continue
    check "rowspan over a page break: page $n's first row names its report" \
        pf "grep -A2 -F 'CRS report' '$TMP/p$n.txt' | sed -n 2p | grepq -E '^ *CRS-20[0-9]{2}-[0-9]{2}, '"
done

# the Stata file: value labels, a missing CSF as an en dash, the variable label in the source
check "stat_file: value labels in place of codes" \
    pf "grepq -E 'FY2013 +enacted, CSF estimated +5' '$TMP/s.txt' && grepq -E 'FY2020 +requested +0' '$TMP/s.txt'"
check "stat_file: a missing CSF is an en dash" grepq -E 'FY2018 +enacted +0 +– +108 +1' "$TMP/s.txt"
check "stat_file: the variable's label in the source line" \
    grepq -F 'IMET: International Military Education and Training, US$ m.' "$TMP/s.txt"
check "stat_file: counts from the file in the prose" \
    pf "tr -s ' \n' ' ' < '$TMP/s.txt' | grepq -F '12 fiscal years with their types'"
MK="$(dirname "$BRIEFC")/aiddta"
if [ -x "$MK" ]; then
    check "the .dta is what aiddta makes from the CSV, byte for byte" \
        pf "'$MK' '$S/data/us-aid-pakistan.csv' '$TMP/aid.dta' && cmp '$TMP/aid.dta' '$S/data/us-aid-pakistan.dta'"
    sed 's/^2012,849,/2012,848,/' "$S/data/us-aid-pakistan.csv" > "$TMP/changed.csv"
    check "aiddta: a changed figure changes the file" \
        pf "'$MK' '$TMP/changed.csv' '$TMP/changed.dta' && ! cmp -s '$TMP/changed.dta' '$S/data/us-aid-pakistan.dta'"
else
    bad "no aiddta beside $BRIEFC"
fi

# a bar-and-line chart: totals as 11 bars, CSF's share as a line over them on the right axis,
# broken where the file has no CSF (FY2017, FY2018): 9 points, 8 segments, each point over the
# centre of its year's bar; the line's legend entry is a line
check "bar and line: 11 bars, a line of 8 segments through the bars' centres" python3 - "$TMP/s.layout" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(k for k, l in enumerate(lines) if "Total aid and the Coalition Support Fund" in l)
j = next(k for k in range(i, len(lines)) if '"Source: "' in lines[k])
part = lines[i:j]
bars = [tuple(map(float, m.groups())) for l in part
        for m in [re.match(r"\s*rect ([\d.]+),[\d.]+ ([\d.]+)x([\d.]+) fill #17406d", l)] if m and float(m.group(3)) != 7]
segs = [tuple(map(float, m.groups())) for l in part
        for m in [re.match(r"\s*line ([\d.]+),([\d.]+) -> ([\d.]+),([\d.]+) stroke #e69f00 lw 1.40", l)] if m]
centres = [x + w / 2 for x, w, h in bars]
pts = sorted({round(s[0], 2) for s in segs} | {round(s[2], 2) for s in segs})
print(f"{len(bars)} bars, {len(segs)} segments, points at {pts}")
ok = len(bars) == 11 and len(segs) == 8 and len(pts) == 9
ok = ok and all(abs(p - c) < 0.05 for p, c in zip(pts, centres[:9]))
legend = [k for k, l in enumerate(part) if '"CSF share of the total, %"' in l]
ok = ok and legend and any("line" in part[k] and "#e69f00 lw 1.60" in part[k] for k in range(legend[0] - 3, legend[0]))
sys.exit(0 if ok else 1)
PY
check "bar and line: the right axis runs 0 to 100 under its title" \
    pf "grep -A1 -E '^US\\$ millions +CSF share, %' '$TMP/s.txt' | grepq -E '^5,000 +100 *$'"
if [ -f "$TESTS/pdfua/tree.js" ] && have_pdfjs; then
    timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/s.pdf" > "$TMP/tree.txt"
    sed 's/\xc2\xa0/ /g' "$TMP/tree.txt" > "$TMP/tree.sp" # no-break spaces as spaces
    check "bar and line: the alt text names the line" \
        grepq -F 'drawn as a line over the bars: CSF share of the total, %' "$TMP/tree.txt"
fi

# a scatter of three series (the phases): each its colour and shape (dot, diamond, square),
# named in a legend above the plot, and in the alt text with its count of points
check "scatter in series: 2 dots, 5 diamonds, 2 squares, each with a legend entry" python3 - "$TMP/s.layout" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(k for k, l in enumerate(lines) if "Coalition Support Fund reimbursements against" in l)
j = next(k for k in range(i, len(lines)) if '"Source: "' in lines[k])
part = lines[i:j]
def n(colour, pts):
    return sum(1 for l in part if re.match(r"\s*poly fill " + colour + r" stroke #ffffff", l)
               and len(l.split(":")[1].split()) == pts)
got = (n("#17406d", 10), n("#e69f00", 4), n("#7fb7e0", 4))
names = all(any(f'"{t}"' in l for l in part[:8]) for t in
            ("Front-line partner, FY2008–09", "Enhanced Partnership, FY2010–14", "Decline, FY2015–16"))
print("marks with their legend entries:", got, "legend names:", names)
sys.exit(0 if got == (3, 6, 3) and names else 1)
PY
if [ -f "$TMP/tree.txt" ]; then
    check "scatter in series: the alt text counts each series' points" grepq -F \
        'in series: Front-line partner, FY2008–09 (2 points); Enhanced Partnership, FY2010–14 (5 points); Decline, FY2015–16 (2 points)' "$TMP/tree.txt"
fi

# notes on small multiples: each in the panel it names (the Military panel left of the
# Civilian panel's title, the Civilian note right of it), and in the alt text with its panel
check "small multiples: each note in its own panel" python3 - "$TMP/s.layout" <<'PY'
import re, sys
x = {}
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r'\s*text f\d+ [\d.]+ #1d1d1f at ([\d.]+),[\d.]+ "(Military|Civilian|Jan 2018: security aid suspended|Enhanced Partnership Act)"', l)
    if m and m.group(2) not in x: x[m.group(2)] = float(m.group(1))
print(x)
ok = len(x) == 4 and x["Military"] < x["Jan 2018: security aid suspended"] < x["Civilian"] < x["Enhanced Partnership Act"]
sys.exit(0 if ok else 1)
PY
if [ -f "$TMP/tree.txt" ]; then
    check "small multiples: the notes in the alt text name their panels" grepq -F \
        'Notes: Jan 2018: security aid suspended (in Military, at FY2018, $23 m); Enhanced Partnership Act (in Civilian, at FY2010, $1.8 bn)' "$TMP/tree.sp"
fi

# subscripts and small capitals: T~t~ as a smaller t below the baseline, [csf]{.smallcaps}
# as capitals smaller than the body text
check "subscript: T~t~ sets the t at 0.65 of the size, below the line" \
    pf "awk '/ 9.60 .*\"T\"\$/ { split(\$6, a, \",\"); y = a[2]; next } y && / 6.24 .*\"t\"\$/ { split(\$6, b, \",\"); if (b[2] > y) ok = 1 } { y = 0 } END { exit !ok }' '$TMP/s.layout'"
check "small capitals: csf set as CSF at 7.68 pt beside 9.60 pt text" \
    grepq -E 'text f0 7.68 #1d1d1f at [0-9.]+,[0-9.]+ "CSF"' "$TMP/s.layout"
check "small capitals: the text reads CSF" pf "tr -s ' \n' ' ' < '$TMP/s.txt' | grepq -F 'whose CSF figure is missing'"

# the custom page size: columns.lua on 190 x 260 mm (538.58 x 737.01 pt), in two columns
run_briefc 0 build "$S/columns.lua" -o "$TMP/c.pdf" -q
check "page.size = { 190, 260 }: 538.58 x 737.01 pt" \
    pf "pdfinfo '$TMP/c.pdf' | grepq -E 'Page size: +538.58[0-9]* x 737.00[0-9]* pts'"
check "columns.lua: charts and text in two columns" \
    pf "[ \$(pdftotext -layout -f 1 -l 1 '$TMP/c.pdf' - | grep -cE '^[^ ].{0,60} {6,}[A-Za-z]') -ge 6 ]"

finish
