#!/bin/bash
# charts_rtl.sh — issue 15, chart labels: a label in a script that joins, reorders or runs right
# to left (Urdu, Hindi) is set as body text is (fallback font, HarfBuzz, bidi) and extracts in
# logical order; a chart in a right-to-left brief is mirrored (value axis at the right, the first
# category and the first legend entry at the right, a horizontal chart's labels at the right),
# and the same chart in a left-to-right brief is not.
. "$(dirname "$0")/lib.sh"

# chartbrief NAME LANG FONT: the same four charts in a brief of that language and body font
chartbrief() {
    mkdir -p "$TMP/$1/plugins"
    cat > "$TMP/$1/plugins/ch.lua" <<'LUA'
return { name = "ch", version = "1.0.0", api = 1, description = "charts in every script",
  render = function(s, ctx)
    s:chart { kind = "bar", stacked = true, caption = "امداد", y_title = "ملین ڈالر",
      categories = { "FY2008", "FY2009", "FY2010", "FY2011" },
      series = { { name = "سلامتی", values = { 1000, 1200, 1500, 1100 } },
                 { name = "सुरक्षा सहायता", values = { 500, 900, 1300, 1200 } } } }
    s:chart { kind = "hbar", caption = "صوبے",
      categories = { "پنجاب", "سندھ", "خیبر پختونخوا", "中巴经济走廊" },
      series = { { name = "امداد", values = { 40, 30, 20, 10 } } } }
  end }
LUA
    printf 'return { title = "t", language = "%s", theme = { body_font = "%s", justify = false },\n  sections = { section "ch" } }\n' "$2" "$3" > "$TMP/$1/brief.lua"
    check "$1 builds" run_briefc 0 build "$TMP/$1" -o "$TMP/$1.pdf" --dump-layout "$TMP/$1.layout" -q
    check "$1: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/$1.pdf"
}
# x NAME TEXT: the x of the first text op drawing exactly TEXT
x() { grep -F "\"$2\"" "$TMP/$1.layout" | head -1 | sed -E 's/.* at ([0-9.]+),.*/\1/'; }
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && b != "" && a + 0 > b + 0) }'; }

chartbrief ur ur NotoNaskhArabic
chartbrief en en NotoSerif

for b in ur en; do
    check "$b: the Urdu legend entry is shaped right to left" grepq -F 'shaped rtl "سلامتی"' "$TMP/$b.layout"
    check "$b: the Urdu axis title is shaped right to left" grepq -F 'shaped rtl "ملین"' "$TMP/$b.layout"
    check "$b: the Hindi legend entry is shaped (conjunct क्ष)" grepq -E 'shaped "सुरक्षा' "$TMP/$b.layout"
    check "$b: the Chinese label is drawn" grepq -F '"中巴经济走廊"' "$TMP/$b.layout"
    pdftotext -enc UTF-8 "$TMP/$b.pdf" "$TMP/$b.txt"
    node "$TESTS/pdfjs/text.js" "$TMP/$b.pdf" 2>/dev/null | tr -d ' \n' > "$TMP/$b.js.txt"
    for w in "خیبر پختونخوا" "سلامتی" "ملین ڈالر" "सुरक्षा सहायता" "中巴经济走廊"; do
        check "$b: '$w' extracts in logical order (poppler)" contains "$TMP/$b.txt" "$w"
        check "$b: '$w' extracts in logical order (pdf.js)" contains "$TMP/$b.js.txt" "$(printf %s "$w" | tr -d ' ')"
    done
done

# left to right: value axis at the left, first category and legend entry at the left
check "en: the value axis is at the left" gt 120 "$(x en 1,000)"
check "en: FY2008 left of FY2011" gt "$(x en FY2011)" "$(x en FY2008)"
check "en: the first legend entry at the left" gt "$(x en सुरक्षा)" "$(x en سلامتی)"
check "en: the horizontal chart's labels at the left" gt 120 "$(x en پنجاب)"
# right to left: all mirrored
check "ur: the value axis is at the right" gt "$(x ur 1,000)" 400
check "ur: FY2008 right of FY2011" gt "$(x ur FY2008)" "$(x ur FY2011)"
check "ur: the first legend entry at the right" gt "$(x ur سلامتی)" "$(x ur सुरक्षा)"
check "ur: the horizontal chart's labels at the right" gt "$(x ur پنجاب)" 400
# the value axis's 0 tick of the horizontal chart at the right, 40 at the left
check "ur: the horizontal chart's values grow to the left" gt "$(grep -F '"0"' "$TMP/ur.layout" | tail -1 | sed -E 's/.* at ([0-9.]+),.*/\1/')" "$(x ur 40)"
# the bars themselves: the widest mark (the horizontal chart's longest bar) ends at the right
# in Urdu, starts at the left in English; no mark leaves the page
widest() { # widest NAME: "x w" of the widest filled rect of page 1
    awk '/^page 2/ { exit } $1 == "rect" && $4 == "fill" { split($2, p, ","); split($3, d, "x");
         if (d[1] + 0 > w) { w = d[1] + 0; x = p[1] + 0 } } END { print x, w }' "$TMP/$1.layout"
}
read -r urx urw <<< "$(widest ur)"
read -r enx enw <<< "$(widest en)"
urend=$(awk -v a="$urx" -v b="$urw" 'BEGIN { print a + b }')
check "ur: the longest bar ($urx to $urend) is left of its label" gt "$(x ur پنجاب)" "$urend"
check "en: the longest bar ($enx) is right of its label" gt "$enx" "$(x en پنجاب)"
check "ur: no mark outside the page" pf "! awk '\$1 == \"rect\" { split(\$2, p, \",\"); if (p[1] < 0 || p[1] > 600) bad = 1 } END { exit !bad }' '$TMP/ur.layout'"
finish
