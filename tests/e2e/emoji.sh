#!/bin/bash
# emoji.sh — colour emoji (issue 15 item 4): emoji in body text, a table cell and a heading are
# drawn as Noto Color Emoji's bitmaps, one image XObject per distinct emoji reused across
# pages, over their text, which pdftotext, mutool and pdf.js read back code point for code
# point (a ZWJ sequence whole, a flag as its two regional indicators); the pixels there are
# coloured; a line with emoji is as high as one without; with no colour font (fontconfig
# told to reject it, or no installed fonts) the monochrome chain as before, with a warning
# only for emoji it lacks; a colour font with damaged bitmap tables is drawn as text only.
. "$(dirname "$0")/lib.sh"
needs pdfimages pdftoppm pdftotext mutool python3 node
color=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
[ -f "$color" ] || bad "Noto Color Emoji is not installed (fonts-noto-color-emoji: scripts/deps.sh)"
E='🚀 👍🏽 👩‍💻 🇵🇰 1️⃣ ❤️'
mkdir -p "$TMP/b/plugins"
cat > "$TMP/b/brief.lua" <<'LUA'
return { title = "Emoji", date = "1 January 2026", sections = { section "emoji" } }
LUA
cat > "$TMP/b/plugins/emoji.lua" <<LUA
return { name = "emoji", version = "1.0.0", api = 1, description = "emoji",
  render = function(s, ctx)
    s:heading("Launch $E heading")
    s:paragraph("Body: $E end.")
    s:paragraph("Plain text of the same length that wraps onto a second line of the measure, with nothing but letters in it at all, line one and line two.")
    s:paragraph("Plain text of the same length 🚀 wraps onto a second line of the measure, with one emoji in it at all here, line one and line two.")
    s:table { caption = "Cells", columns = { "Name", "Emoji" }, rows = { { "all", "$E" } } }
    s:page_break()
    s:paragraph("Second page: $E again.")
  end }
LUA
run_briefc 0 build "$TMP/b" -o "$TMP/e.pdf" --dump-layout "$TMP/e.layout" 2> "$TMP/w.txt"; rc=$?
check "the emoji brief builds (exit $rc)" test "$rc" -eq 0
check "… without a warning" pf "! grepq warning '$TMP/w.txt'"
# one image XObject (with its soft mask) per distinct emoji, drawn on both pages
pdfimages -list "$TMP/e.pdf" | awk '$3 == "image" { print $1, $11 }' > "$TMP/img.txt"
check "six image XObjects for six distinct emoji" pf "test \$(awk '{ print \$2 }' '$TMP/img.txt' | sort -u | wc -l) -eq 6"
check "… each with a soft mask" pf "test \$(pdfimages -list '$TMP/e.pdf' | awk '\$3 == \"smask\" { print \$11 }' | sort -u | wc -l) -eq 6"
check "… reused on page 2 (the same objects)" pf "test \$(awk '\$1 == 2 { print \$2 }' '$TMP/img.txt' | sort -u | wc -l) -eq 6 && test \$(sort -u '$TMP/img.txt' | awk '{ print \$2 }' | sort -u | wc -l) -eq 6"
check "… placed 25 times (heading, body, paragraph, cell, page 2)" pf "test \$(wc -l < '$TMP/img.txt') -eq 25"
check "the layout dump shows the emoji slot" pf "grep -c '^ *text f28 .* shaped \"' '$TMP/e.layout' | awk '{ exit !(\$1 >= 4) }'"
# extraction: the code points, in the three readers
pdftotext -enc UTF-8 "$TMP/e.pdf" "$TMP/p.txt"
mutool draw -F txt -o "$TMP/m.txt" "$TMP/e.pdf" 2> /dev/null
node "$TESTS/pdfjs/text.js" "$TMP/e.pdf" > "$TMP/j.txt" 2> /dev/null
# pdf.js drops a character mapped to a lone format character (U+200D, \p{Cf}), so it reads
# a ZWJ sequence without its joiner; MuPDF 1.21 reads a code mapped to several characters
# outside the BMP as broken surrogates: one character a code keeps poppler and MuPDF exact
nozwj() { printf %s "$1" | sed 's/\xe2\x80\x8d//g'; }
for r in p m j; do
    want=$E
    [ $r = j ] && want=$(nozwj "$E")
    check "$r: the body line extracts exactly" contains "$TMP/$r.txt" "Body: $want end."
    check "$r: the heading extracts" contains "$TMP/$r.txt" "Launch $want heading"
    check "$r: page 2 extracts" contains "$TMP/$r.txt" "Second page: $want again."
    check "$r: the table cell extracts" pf "tr -d ' \\n' < '$TMP/$r.txt' | grepq -F '$(printf %s "all$want" | tr -d ' ')'"
done
check "pdftotext: the flag is its two regional indicators" pf "grepq -F \$'\\U1F1F5\\U1F1F0' '$TMP/p.txt'"
# the pixels where the first emoji of the body line stands are coloured (not grey)
pdftotext -bbox -enc UTF-8 "$TMP/e.pdf" - | grep -m1 -A1 '>Body:<' | tail -1 > "$TMP/box.txt"
box() { sed -E "s/.*$1=\"([0-9.]+)\".*/\\1/" "$TMP/box.txt"; }
x0=$(box xMin); y0=$(box yMin); x1=$(box xMax); y1=$(box yMax)
check "the rocket's box was found ($x0,$y0 $x1,$y1)" test -n "$x0"
check "… and its text box is about a line high, as poppler reads it (under 20 pt)" pf "awk 'BEGIN { exit !($y1 - $y0 < 20) }'"
n=$(coloured "$TMP/e.pdf" 1 "$x0" "$y0" "$x1" "$y1")
check "the rocket is drawn in colour ($n saturated pixels)" test "${n:-0}" -gt 60
# a line with an emoji is as high as one without: the two long paragraphs' first line gaps
# (from each "Plain " op to the next baseline below it) agree
gaps=$(awk '/ at [0-9.]+,[0-9.]+ / { match($0, / at [0-9.]+,[0-9.]+ /); split(substr($0, RSTART + 4, RLENGTH - 5), xy, ",")
         if (want && xy[2] > y0) { print xy[2] - y0; want = 0 }
         if ($0 ~ /"Plain "/) { y0 = xy[2]; want = 1 } }' "$TMP/e.layout" | tr '\n' ' ')
check "a line holding an emoji keeps its baseline gap ($gaps)" pf "echo '$gaps' | awk '{ exit !(NF == 2 && \$1 == \$2) }'"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/e.pdf"
check "the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/e.pdf"

# 393 distinct emoji (more than one Type 3 font holds) all extract, in reading order of
# their codes; a 35-byte sequence with three ZWJs (kiss, two skin tones) extracts whole
mkdir -p "$TMP/many"
python3 - "$TMP/many" <<'PY'
import sys
many = ''.join(chr(c) for c in [*range(0x1F600, 0x1F650), *range(0x1F300, 0x1F3FA), *range(0x1F400, 0x1F43F)])
kiss = '\U0001F469\U0001F3FD\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468\U0001F3FF'
open(sys.argv[1] + '/brief.lua', 'w').write('return { title = "Many", sections = { section "prose" { paragraphs = { "%s", "Kiss %s end." } } } }\n' % (' '.join(many), kiss))
open(sys.argv[1] + '/want.txt', 'w').write(many)
PY
run_briefc 0 build "$TMP/many" -o "$TMP/many.pdf" 2> /dev/null; rc=$?
check "393 distinct emoji build (exit $rc)" test "$rc" -eq 0
check "… and every one extracts in pdftotext" pf "pdftotext -enc UTF-8 '$TMP/many.pdf' - | tr -d ' \n' | grepq -F \"\$(cat '$TMP/many/want.txt')\""
for r in pdftotext mutool; do
    case $r in pdftotext) pdftotext -enc UTF-8 "$TMP/many.pdf" "$TMP/k.txt" ;; mutool) mutool draw -F txt -o "$TMP/k.txt" "$TMP/many.pdf" 2> /dev/null ;; esac
    check "$r: a sequence with three ZWJs extracts whole" contains "$TMP/k.txt" "Kiss 👩🏽‍❤️‍💋‍👨🏿 end."
done
check "… five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/many.pdf"
check "… the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/many.pdf"

# In a right-to-left paragraph emoji are shaped right to left (the rocket right of the thumbs,
# as browsers set them) and poppler reads them back in logical order
mkdir -p "$TMP/ur"
printf 'return { title = "Urdu", language = "ur", sections = { section "prose" { paragraphs = { "%s" } } } }\n' \
    'پاکستان زندہ باد 🚀👍🏽 and English 😀 end.' > "$TMP/ur/brief.lua"
run_briefc 0 build "$TMP/ur" -o "$TMP/ur.pdf" --dump-layout "$TMP/ur.layout" 2> /dev/null; rc=$?
check "an Urdu paragraph with emoji builds (exit $rc)" test "$rc" -eq 0
check "… its emoji run is shaped right to left" pf "grepq 'text f28 .* rtl \"🚀👍🏽\"' '$TMP/ur.layout'"
check "… and pdftotext reads it in logical order" pf "pdftotext -enc UTF-8 '$TMP/ur.pdf' - | grepq -F '🚀👍🏽'"

# No colour font: fontconfig told to reject it. The monochrome chain as before, and a warning
# for the emoji no outline font has (the flag, the ZWJ sequence's woman technologist)
mkdir -p "$TMP/fc"
cat > "$TMP/reject.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>$TMP/fc</cachedir>
  <selectfont><rejectfont><glob>*NotoColorEmoji*</glob></rejectfont></selectfont>
</fontconfig>
XML
FONTCONFIG_FILE="$TMP/reject.conf" run_briefc 0 build "$TMP/b" -o "$TMP/mono.pdf" 2> "$TMP/mono.txt"; rc=$?
check "without the colour font it builds (exit $rc)" test "$rc" -eq 0
check "… with no image" pf "test \$(pdfimages -list '$TMP/mono.pdf' | awk '\$3 == \"image\"' | wc -l) -eq 0"
check "… the emoji from DejaVu Sans in monochrome" pf "pdffonts '$TMP/mono.pdf' | grepq DejaVuSans"
check "… the ZWJ sequence and flag still extract" pf "pdftotext -enc UTF-8 '$TMP/mono.pdf' - | grepq -F '👩‍💻 🇵🇰'"
check "… and an emoji no outline font has is warned about" pf "grepq 'no glyph for U+1F680' '$TMP/mono.txt'"
BRIEFC_NO_SYSTEM_FONTS=1 run_briefc 0 build "$TMP/b" -o "$TMP/nosys.pdf" 2> "$TMP/nosys.txt"; rc=$?
check "with no installed fonts it builds in monochrome (exit $rc)" pf "test $rc -eq 0 && test \$(pdfimages -list '$TMP/nosys.pdf' | awk '\$3 == \"image\"' | wc -l) -eq 0"
check "… and five readers open that" bash "$TESTS/pdfcheck.sh" "$TMP/mono.pdf"

# A colour font whose bitmap index points outside its table: the emoji are drawn as text only
mkdir -p "$TMP/hostile"
python3 - "$color" "$TMP/hostile/NotoColorEmoji.ttf" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
n = struct.unpack('>H', d[4:6])[0]
for i in range(n):
    tag, _, off, ln = struct.unpack('>4sIII', d[12 + 16 * i:28 + 16 * i])
    if tag == b'CBLC':
        arr = struct.unpack('>I', d[off + 8:off + 12])[0]
        nsub = struct.unpack('>I', d[off + 16:off + 20])[0]
        for k in range(nsub):  # every index subtable's image offset far outside CBDT
            e = off + arr + 8 * k
            add = struct.unpack('>I', d[e + 4:e + 8])[0]
            d[off + arr + add + 4:off + arr + add + 8] = struct.pack('>I', 0x7FFFFFF0)
open(sys.argv[2], 'wb').write(bytes(d))
PY
cat > "$TMP/hostile.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$TMP/hostile</dir>
  <cachedir>$TMP/fc</cachedir>
  <selectfont><rejectfont><glob>/usr/share/fonts/*NotoColorEmoji*</glob></rejectfont></selectfont>
</fontconfig>
XML
FONTCONFIG_FILE="$TMP/hostile.conf" run_briefc 0 build "$TMP/b" -o "$TMP/bad.pdf" 2> "$TMP/bad.txt"; rc=$?
check "a damaged colour font is refused cleanly (exit $rc)" test "$rc" -eq 0
check "… no image drawn from it" pf "test \$(pdfimages -list '$TMP/bad.pdf' | awk '\$3 == \"image\"' | wc -l) -eq 0"
check "… its emoji still extract" pf "pdftotext -enc UTF-8 '$TMP/bad.pdf' - | grepq -F 'Body: $E end.'"
check "… and five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/bad.pdf"
finish
