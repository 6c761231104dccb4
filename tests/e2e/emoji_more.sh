#!/bin/bash
# emoji_more.sh — colour emoji (issue 15 item 4) where emoji.sh does not look: chart labels, a
# flag in a right-to-left paragraph, ZWJ sequences in pdf.js.
# - Chart labels (the axis, the rotated category labels) draw their emoji as the same colour
#   images as body text, at the label's size, turned with a turned label, over their text.
# - A flag in a right-to-left paragraph (alone between Urdu words, before Latin, after Latin)
#   reads 🇵🇰, never 🇰🇵, in pdftotext, mutool and pdf.js, tagged and untagged.
# - ZWJ sequences: poppler and MuPDF read eight whole; pdf.js, which drops a code whose text
#   ends in a format character, reads whole the six whose joiners stand next to a character
#   of the BMP or U+FE0F (🏃‍♀️ 🏳️‍🌈 👩‍❤️‍👨 🏴‍☠️ 🐻‍❄️ ❤️‍🔥); a joiner between two characters outside
#   the BMP (👩‍🔬) it still drops: MuPDF 1.21 cannot read such a pair in one code.
. "$(dirname "$0")/lib.sh"
needs pdfimages pdftoppm pdftotext mutool python3 node qpdf
color=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
[ -f "$color" ] || bad "Noto Color Emoji is not installed (fonts-noto-color-emoji: scripts/deps.sh)"


# {== chart labels: upright (a plain emoji, a flag, a ZWJ sequence) and turned 45°
mkdir -p "$TMP/ch/plugins"
cat > "$TMP/ch/plugins/ch.lua" <<'LUA'
return { name = "ch", version = "1.0.0", api = 1, description = "charts with emoji",
  render = function(s, ctx)
    s:chart { kind = "bar", caption = "Upright", y_title = "Count",
      categories = { "🚀 rockets", "🇵🇰 Pakistan", "👩‍🔬 science", "plain" },
      series = { { name = "Aid", values = { 10, 20, 15, 5 } } } }
    s:chart { kind = "bar", caption = "Turned",
      categories = { "🚀 one long label", "two long label", "three long label", "four long label",
        "five long label", "six long label", "seven long label", "eight long label",
        "nine long label", "ten long label", "eleven long label", "twelve long label" },
      series = { { name = "S", values = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 } } } }
  end }
LUA
printf 'return { title = "Charts", sections = { section "ch" } }\n' > "$TMP/ch/brief.lua"
run_briefc 0 build "$TMP/ch" -o "$TMP/ch.pdf" --dump-layout "$TMP/ch.layout" 2> "$TMP/chw.txt"; rc=$?
check "a chart with emoji in its labels builds (exit $rc)" test "$rc" -eq 0
check "… without a warning" pf "! grepq warning '$TMP/chw.txt'"
check "every label's emoji is set in the colour font (4 ops, one turned)" \
    pf "test \$(grep -c '^ *text f28 7.50 .* shaped \"' '$TMP/ch.layout') -eq 4 && grepq '^ *text f28 7.50 .* rot 45.00 shaped \"🚀\"' '$TMP/ch.layout'"
pdfimages -list "$TMP/ch.pdf" | awk '$3 == "image"' > "$TMP/chimg.txt"
check "… drawn as four images" pf "test \$(wc -l < '$TMP/chimg.txt') -eq 4"
# Noto Color Emoji's 136 px wide bitmap on a 109 ppem strike, at the labels' 7.5 pt: 9.36 pt
check "… at the labels' size (1046 ppi: 7.5 pt on the 109 ppem strike)" \
    pf "test \$(awk '\$13 >= 1040 && \$13 <= 1052' '$TMP/chimg.txt' | wc -l) -eq 4"
check "… sharing the XObject of the same emoji" pf "test \$(awk '{ print \$11 }' '$TMP/chimg.txt' | sort -u | wc -l) -eq 3"
check "… and no monochrome emoji font embedded" pf "! pdffonts '$TMP/ch.pdf' | grepq -i 'symbola\\|dejavu\\|emoji'"
qpdf --qdf --object-streams=disable "$TMP/ch.pdf" "$TMP/chq.pdf"
check "the turned label's picture is drawn turned 45°" \
    pf "grep -a -A1 '^q 0.70711 0.70711 -0.70711 0.70711 ' '$TMP/chq.pdf' | grepq -a ' Do Q'"
check "… and its invisible text too" pf "grepq -a '^3 Tr 0.70711 0.70711 -0.70711 0.70711 ' '$TMP/chq.pdf'"
pdftotext -enc UTF-8 "$TMP/ch.pdf" "$TMP/chp.txt"
mutool draw -F txt -o "$TMP/chm.txt" "$TMP/ch.pdf" 2> /dev/null
for r in p m; do
    check "$r: the labels extract" pf "grepq -F '🚀 rockets' '$TMP/ch$r.txt' && grepq -F '🇵🇰 Pakistan' '$TMP/ch$r.txt' && grepq -F '👩‍🔬 science' '$TMP/ch$r.txt'"
done
pdftotext -bbox -enc UTF-8 "$TMP/ch.pdf" - | grep -F '>🚀<' | head -1 > "$TMP/box.txt"
box() { sed -E "s/.*$1=\"([0-9.]+)\".*/\\1/" "$TMP/box.txt"; }
n=$(coloured "$TMP/ch.pdf" 1 "$(box xMin)" "$(box yMin)" "$(box xMax)" "$(box yMax)")
check "the rocket of the upright label is in colour ($n saturated pixels)" test "${n:-0}" -gt 30
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/ch.pdf"
# }==

# {== ZWJ sequences, whole in every reader where the three can agree
mkdir -p "$TMP/zwj"
python3 - "$TMP/zwj" <<'PY'
import sys
whole = ['\U0001F3C3\u200D\u2640\uFE0F', '\U0001F3F3\uFE0F\u200D\U0001F308',
         '\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468', '\U0001F3F4\u200D\u2620\uFE0F',
         '\U0001F43B\u200D\u2744\uFE0F', '\u2764\uFE0F\u200D\U0001F525']
apart = ['\U0001F469\u200D\U0001F52C',
         '\U0001F469\U0001F3FD\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468\U0001F3FF']
seqs = whole + apart
open(sys.argv[1] + '/brief.lua', 'w').write(
    'return { title = "Z", sections = { section "prose" { paragraphs = { %s } } } }\n'
    % ', '.join('"S%d %s end."' % (i, q) for i, q in enumerate(seqs)))
for name, part in (('whole', whole), ('all', seqs)):
    open(sys.argv[1] + '/' + name + '.txt', 'w').write(
        ''.join('S%d %s end.\n' % (i, q) for i, q in enumerate(part)))
PY
run_briefc 0 build "$TMP/zwj" -o "$TMP/zwj.pdf" 2> /dev/null; rc=$?
check "eight ZWJ sequences build (exit $rc)" test "$rc" -eq 0
pdftotext -enc UTF-8 "$TMP/zwj.pdf" "$TMP/zp.txt"
mutool draw -F txt -o "$TMP/zm.txt" "$TMP/zwj.pdf" 2> /dev/null
node "$TESTS/pdfjs/text.js" "$TMP/zwj.pdf" > "$TMP/zj.txt" 2> /dev/null
# lines_in WANT GOT: every line of WANT is a whole line of GOT
lines_in() {
    python3 -c 'import sys; got = open(sys.argv[2]).read().split("\n")
sys.exit(any(l not in got for l in open(sys.argv[1]).read().split("\n") if l))' "$1" "$2"
}
check "pdftotext reads all eight whole" lines_in "$TMP/zwj/all.txt" "$TMP/zp.txt"
check "mutool reads all eight whole" lines_in "$TMP/zwj/all.txt" "$TMP/zm.txt"
check "pdf.js reads the six with a joiner by the BMP or U+FE0F whole" lines_in "$TMP/zwj/whole.txt" "$TMP/zj.txt"
check "… and the woman scientist as her two emoji, nothing else" \
    pf "grepq -Fx 'S6 👩🔬 end.' '$TMP/zj.txt' || grepq -Fx 'S6 👩‍🔬 end.' '$TMP/zj.txt'"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/zwj.pdf"
# }==

# {== a flag in right-to-left paragraphs: between Urdu words, before and after a Latin word
mkdir -p "$TMP/ur"
printf 'return { title = "Urdu", language = "ur", sections = { section "prose" { paragraphs = { "%s", "%s", "%s" } } } }\n' \
    'پاکستان زندہ باد 🇵🇰 اور سب' 'ہمارا 🇵🇰 Pakistan ملک' 'ملک Pakistan 🇵🇰 ہمارا' > "$TMP/ur/brief.lua"
for std in tagged none; do
    opt=
    [ $std = none ] && opt="--pdf-standard none"
    run_briefc 0 build "$TMP/ur" -o "$TMP/ur-$std.pdf" $opt 2> /dev/null; rc=$?
    check "$std: an Urdu brief with flags builds (exit $rc)" test "$rc" -eq 0
    pdftotext -enc UTF-8 "$TMP/ur-$std.pdf" "$TMP/urp.txt"
    mutool draw -F txt -o "$TMP/urm.txt" "$TMP/ur-$std.pdf" 2> /dev/null
    node "$TESTS/pdfjs/text.js" "$TMP/ur-$std.pdf" > "$TMP/urj.txt" 2> /dev/null
    for r in p m j; do # three lines hold the flag, each in logical order, none reversed
        check "$std $r: the flag reads 🇵🇰 in all three paragraphs" \
            pf "test \$(grep -c \$'\\U1F1F5\\U1F1F0' '$TMP/ur$r.txt') -eq 3 && ! grepq \$'\\U1F1F0\\U1F1F5' '$TMP/ur$r.txt'"
    done
    check "$std: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/ur-$std.pdf"
done
check "tagged: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/ur-tagged.pdf"
# }==

finish
