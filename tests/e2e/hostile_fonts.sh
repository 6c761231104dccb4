#!/bin/bash
# hostile_fonts.sh — crafted fonts in a brief's fonts/ folder (tests/hostile/fonts/mutate.py):
# counts past their tables (65,535 glyphs, metrics, cmap records, 4,095 table entries),
# offsets and lengths past the file, units per em of 0 and 65,535, names made of PDF syntax,
# GPOS and GSUB bytes at random, glyph ids shaping cannot have, a file cut short. Each build
# either fails with an error naming the font and writes no PDF, or writes a PDF that qpdf and
# poppler read whole; never a crash, a hang or a sanitizer report.
. "$(dirname "$0")/lib.sh"
needs python3 qpdf pdffonts
MUT="$TESTS/hostile/fonts/mutate.py"
latin="office affluent AVATAR Toward WAVE 1,234.5 café naïve — fjord"
arabic="السلام عليكم ورحمة الله وبركاته، باكستان"
kinds="glyphs65535 glyphs1 nometrics metrics65535 upem0 upem65535 cmapdelta cmapcount loca names
namelong gposnoise gsubnoise os2 tableoff tablelen truncated ntables"
try() { # try BASE-FONT KIND TEXT LANG
    local base=$1 kind=$2 text=$3 lang=$4 dir="$TMP/$(basename "$1" .ttf)-$2"
    mkdir -p "$dir/fonts"
    python3 "$MUT" "$ROOT/fonts/$base" "$dir/fonts/Evil-Regular.ttf" "$kind" || { bad "$kind: mutate.py"; return; }
    for s in Bold Italic BoldItalic; do cp "$dir/fonts/Evil-Regular.ttf" "$dir/fonts/Evil-$s.ttf"; done
    cat > "$dir/brief.lua" <<LUA
return { title = "Hostile font $kind", language = "$lang",
  theme = { body_font = "Evil", heading_font = "Evil", justify = true },
  sections = { section "prose" { paragraphs = { "$text", "**$text** *$text*" } } } }
LUA
    timeout 120 "$BRIEFC" build "$dir" -o "$dir/out.pdf" -q > /dev/null 2> "$dir/err"
    local rc=$?
    san_clean "$kind on $base" "$dir/err"
    if [ "$rc" -eq 0 ]; then
        check "$base $kind: built, qpdf reads it whole" qpdf --check "$dir/out.pdf"
        check "$base $kind: ... and poppler lists its fonts" pdffonts "$dir/out.pdf"
    else
        check "$base $kind: refused with an error, not a crash (exit $rc)" test "$rc" -lt 124
        check "$base $kind: ... naming the font ($(head -c 160 "$dir/err"))" grepq -E 'error: .*Evil-' "$dir/err"
        check "$base $kind: ... and no PDF" test ! -e "$dir/out.pdf"
    fi
}
for k in $kinds; do try NotoSerif-Regular.ttf "$k" "$latin" en; done
for k in glyphs1 glyphs65535 cmapdelta gposnoise gsubnoise nometrics names; do
    try NotoNaskhArabic-Regular.ttf "$k" "$arabic" ar
done
finish
