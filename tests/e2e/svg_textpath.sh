#!/bin/bash
# svg_textpath.sh — SVG <textPath>: text laid along a path in the brief's fonts, a character
# at a time, each turned to the path's direction where its middle falls, from startOffset (a
# length or a percentage) and anchored by text-anchor; characters past either end left out.
# tests/images/svg/textpath.svg in a brief is compared with Chromium's rendering of the same
# file (librsvg 2.54 draws no <textPath>, so rsvg-convert cannot be the reference here), at
# tighter bounds than svg.sh's (its bounds pass a drawing with no text at all); a shifted
# offset and librsvg's text-less drawing are the negative controls. Then the layout dump's
# glyphs, and bad references: warned about at their line, or refused with exit 1.
. "$(dirname "$0")/lib.sh"
needs python3 pdftoppm rsvg-convert chromium
SET="$TESTS/images/svg"
DIFF="$TESTS/images/svgdiff.py"
B="$TMP/b"
case $BRIEFC in /*) ;; *) BRIEFC=$PWD/$BRIEFC ;; esac
mkdir -p "$B/plugins" "$B/data"
cp "$SET/textpath.svg" "$B/data/"
cat > "$B/plugins/c.lua" <<'LUA'
return { name = "c", version = "1", api = 1, render = function(s, ctx)
  s:image{ file = "data/" .. ctx.params.svg .. ".svg", alt = "text on a path", width = 200 * 25.4 / 72, align = "left" }
end }
LUA
printf 'return { title = "Text on a path", params = { svg = "textpath" }, sections = { section "c" } }\n' > "$B/brief.lua"
close() { # close A.png B.png: pixels off by more than 64 <= 24 per mille, mean < 3
    r=$(python3 "$DIFF" "$1" "$2") || return 1
    echo "$r"
    _d=${r#differ=}; _d=${_d%% *}; _m=${r#*mean=}; _m=${_m%.*}
    [ "$_d" -le 24 ] && [ "$_m" -lt 3 ]
}
chrome() { # chrome SVG PNG: Chromium's rendering, 200 x 150 px
    timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$TMP/chromium" --force-device-scale-factor=1 --window-size=200,150 \
        --screenshot="$2" "file://$1" > /dev/null 2>&1 && [ -s "$2" ]
}

(cd "$TMP" && run_briefc 0 build b -o tp.pdf --dump-layout tp.dump 2> "$TMP/tp.err") || bad "the brief did not build"
check "no warning" test ! -s "$TMP/tp.err"
pdftoppm -r 72 -f 1 -l 1 -x 66 -y 64 -W 200 -H 150 -png -singlefile "$TMP/tp.pdf" "$TMP/tp-page"
if chrome "$SET/textpath.svg" "$TMP/tp-c.png"; then
    check "textpath.svg in a brief matches Chromium" close "$TMP/tp-page.png" "$TMP/tp-c.png"
    sed -e 's/startOffset="50%"/startOffset="25%"/' -e 's/href="#wave">/href="#wave" startOffset="30">/' \
        "$SET/textpath.svg" > "$TMP/shifted.svg"
    chrome "$TMP/shifted.svg" "$TMP/shifted-c.png" || bad "chromium failed on shifted.svg"
    check "text shifted along its path is noticed" pf "! close '$TMP/tp-page.png' '$TMP/shifted-c.png'"
else
    bad "chromium did not render textpath.svg"
fi
rsvg-convert -b white "$SET/textpath.svg" -o "$TMP/tp-r.png"
check "the drawing without its text (librsvg's) is noticed" pf "! close '$TMP/tp-page.png' '$TMP/tp-r.png'"

grep -E '^  text f[0-9]+ 14.00 #1f77b4 ' "$TMP/tp.dump" > "$TMP/wave.txt"
grep -E '^  text f[0-9]+ 11.00 #9467bd ' "$TMP/tp.dump" > "$TMP/slope.txt"
check "the wave: one op a character, spaces left out (20 of 25)" test "$(wc -l < "$TMP/wave.txt")" -eq 20
check "the wave: its first glyph at the path's start (10, 60 px: 76, 124 pt), turned up" \
    pf "head -1 '$TMP/wave.txt' | awk '{ split(\$6, p, \",\"); ok = \$NF == \"\\\"A\\\"\" && p[1] > 75.5 && p[1] < 76.5 && p[2] > 123.5 && p[2] < 124.5 && \$8 > 40 && \$8 < 55 } END { exit !ok }'"
check "the wave: the glyphs turn from rising to falling with the curve" \
    pf "awk '{ print \$8 }' '$TMP/wave.txt' | sed -n '1p;\$p' | tr '\\n' ' ' | awk '{ ok = \$1 > 30 && \$2 < -30 } END { exit !ok }'"
check "the arch: anchored at its middle, 50% along: first and last glyphs turned alike either way" \
    pf "grep -E '^  text f[0-9]+ 13.00 ' '$TMP/tp.dump' | awk '{ print \$8 }' | sed -n '1p;\$p' | tr '\\n' ' ' | awk '{ d = \$1 + \$2; ok = \$1 > 30 && \$2 < -30 && d < 10 && d > -10 } END { exit !ok }'"
check "the arch's tspan in the bold face" pf "grep -E '^  text f[0-9]+ 13.00 #2ca02c' '$TMP/tp.dump' | awk '{ print \$2 }' | sort -u | wc -l | grep -qx 1 &&
    [ \"\$(grep -E '^  text f[0-9]+ 13.00 #2ca02c' '$TMP/tp.dump' | awk '{ print \$2 }' | head -1)\" != \"\$(grep -E '^  text f[0-9]+ 13.00 #d62728' '$TMP/tp.dump' | awk '{ print \$2 }' | head -1)\" ]"
check "the sloping path: its own transform, every glyph at 20 degrees" \
    pf "[ \$(grep -c ' rot 20.00 ' '$TMP/slope.txt') -eq 7 ]"

# past the ends: characters whose middle is off the path are left out
cat > "$B/data/ends.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150">
  <path id="p" d="M 20 50 L 80 50"/>
  <text font-size="12" fill="#ff0000"><textPath href="#p">A line far too long for its short path</textPath></text>
  <text font-size="12" fill="#00ff00"><textPath href="#p" startOffset="200%">gone</textPath></text>
  <text font-size="12" fill="#0000ff"><textPath href="#p" startOffset="-30">Early start</textPath></text>
  <text font-size="12" fill="#00ffff" text-anchor="end"><textPath href="#p" startOffset="100%">End</textPath></text>
</svg>
SVG
(cd "$TMP" && run_briefc 0 build b -D svg=ends -o ends.pdf --dump-layout ends.dump 2> "$TMP/ends.err") || bad "ends.svg did not build"
n=$(grep -c '#ff0000' "$TMP/ends.dump")
check "a text longer than its path stops at the end ($n glyphs)" test "$n" -ge 4 -a "$n" -le 14
check "a start past the end draws nothing" pf "! grepq '#00ff00' '$TMP/ends.dump'"
check "a start before the path drops the first characters" pf "! grepq '#0000ff .* \"E\"' '$TMP/ends.dump' && grepq '#0000ff .* \"t\"' '$TMP/ends.dump'"
check "text-anchor end at 100%: the last glyph ends at the path's end" \
    pf "grep '#00ffff' '$TMP/ends.dump' | awk '{ split(\$6, p, \",\"); print p[1] }' | sort -n | tail -1 | awk '{ ok = \$1 > 66 + 60 - 10 && \$1 < 66 + 80 } END { exit !ok }' && [ \$(grep -c '#00ffff' '$TMP/ends.dump') -eq 3 ]"

# references that do not lead to a path: warned at their line, the text left out
{
    printf '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150">\n'
    printf '  <rect id="r" width="10" height="10"/>\n'
    printf '  <text><textPath href="#nowhere">lost</textPath></text>\n'
    printf '  <text><textPath href="#r">a rect</textPath></text>\n'
    printf '  <path id="long" d="M 0 0'
    for i in $(seq 1 400); do printf ' C %d 1 %d 2 %d 3' "$i" "$i" "$i"; done
    printf '"/>\n  <text><textPath href="#long">too long a path</textPath></text>\n'
    printf '  <path id="e" d=""/><text><textPath href="#e">  </textPath></text>\n'
    printf '  <path id="q" d="M 0 0 L 100 0"/>\n'
    printf '  <text><textPath href="#q">outer <textPath href="#q">inner</textPath></textPath></text>\n'
    printf '</svg>\n'
} > "$B/data/refs.svg"
(cd "$TMP" && run_briefc 0 build b -D svg=refs -o refs.pdf --dump-layout refs.dump 2> "$TMP/refs.err") || bad "refs.svg did not build"
check "a reference to nothing is warned about, at its line" grepq -E "refs.svg.*3: <textPath> does not refer to a <path>" "$TMP/refs.err"
check "a path of over 2500 points is warned about" grepq -E "refs.svg.*<textPath>.s path has more than 2500 points" "$TMP/refs.err"
check "a <textPath> inside a <textPath> is warned about" grepq -E "refs.svg.*<textPath> in <textPath> is not supported" "$TMP/refs.err"
check "only the outer text on q is drawn" pf "grepq '\"o\"' '$TMP/refs.dump' && ! grepq '\"l\"' '$TMP/refs.dump' && ! grepq '\"i\"' '$TMP/refs.dump'"
# a drawing's glyphs along paths are capped (one text op each): 30 uses of 5,000 characters
python3 - "$B/data/many.svg" <<'PY'
import sys
t = "x" * 5000
u = "".join('<use href="#t" y="%d"/>' % i for i in range(1, 30))
open(sys.argv[1], "w").write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="150">'
    '<path id="p" d="M 0 10 L 100000 10"/><text id="t" font-size="1" fill="#123456"><textPath href="#p">%s</textPath></text>%s</svg>' % (t, u))
PY
(cd "$TMP" && run_briefc 0 build b -D svg=many -o many.pdf --dump-layout many.dump -q) || bad "many.svg did not build"
check "150,000 glyphs along paths are cut to 100,000 ops" test "$(grep -c '#123456' "$TMP/many.dump")" -eq 100000
printf '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><text><textPath href="other.svg#p">x</textPath></text></svg>\n' > "$B/data/outside.svg"
run_briefc 1 build "$B" -D svg=outside -o "$TMP/outside.pdf" 2> "$TMP/outside.err"
check "a path in another file is refused" grepq -F "<textPath> refers to 'other.svg#p' outside the file" "$TMP/outside.err"
check "a path in another file: no PDF" test ! -e "$TMP/outside.pdf"
# hostile numbers and references: NaN and infinite sizes and offsets, a textPath naming its own
# <text>, an empty and a zero-length path: the brief builds, the PDF is clean, nothing is drawn
# from a number that is not finite
cat > "$B/data/odd.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><path id="p" d="M10 50 C 50 0 150 0 190 50"/><path id="z" d=""/><path id="d" d="M5 5 L5 5 L5 5"/><text font-size="NaN"><textPath href="#p" startOffset="NaN">Along NaN</textPath></text><text><textPath href="#p" startOffset="1e308%">inf</textPath></text><text><textPath href="#p" startOffset="-1e309">neg</textPath></text><text id="t"><textPath href="#t">self</textPath></text><text><textPath href="#z">empty</textPath></text><text><textPath href="#d">zero</textPath></text></svg>
SVG
(cd "$TMP" && timeout 60 "$BRIEFC" build b -D svg=odd -o odd.pdf --dump-layout odd.dump 2> odd.err)
check "odd textPaths: the brief builds" test -s "$TMP/odd.pdf"
check "odd textPaths: qpdf finds nothing wrong" qpdf --check "$TMP/odd.pdf"
check "odd textPaths: no nan or inf in the layout" pf "! grep -Eiq 'nan|inf' '$TMP/odd.dump'"
check "odd textPaths: the self reference is warned about" grepq -F "does not refer to a <path>" "$TMP/odd.err"
finish
