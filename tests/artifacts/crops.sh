#!/bin/bash
# crops.sh — the issue 15 closing note's crops: one line of Urdu, Arabic with vowel marks,
# Hindi conjuncts and Chinese as briefc sets it (its PDF rendered by pdftoppm) next to the same
# text from hb-view (HarfBuzz with cairo) in the same font, as PNG pairs in this folder:
#   bash tests/artifacts/crops.sh build/briefc
# <script>-briefc.png and <script>-hbview.png, both at 16 pt and 144 dpi. cjkpunct: adjacent
# Chinese punctuation in 1.5 em, hb-view given the font's 'halt' on the marks briefc cuts.
set -eu
BRIEFC=$(realpath "${1:-build/briefc}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CJK=$(fc-match -f '%{file}' 'Noto Sans CJK SC')
one() { # one NAME FONT-NAME FONT-FILE LANG DIR TEXT [FEATURES]
    local name=$1 font=$2 file=$3 lang=$4 dir=$5 text=$6 features=${7:-}
    mkdir -p "$TMP/$name"
    printf 'return { title = "t", language = "%s", theme = { body_font = "%s", body_size = 16, justify = false },\n  sections = { section "prose" { paragraphs = { "%s" } } } }\n' \
        "$lang" "$font" "$text" > "$TMP/$name/brief.lua"
    "$BRIEFC" build "$TMP/$name" -q -o "$TMP/$name.pdf" --dump-layout "$TMP/$name.layout"
    # the paragraph's baseline: the last text op at 24 pt
    local y
    y=$(awk '$1 == "text" && $3 == "16.00" { split($6, a, ","); y = a[2] } END { print int(y) }' "$TMP/$name.layout")
    pdftoppm -r 144 -png -singlefile -x 100 -y $(( (y - 26) * 2 )) -W 1000 -H 80 "$TMP/$name.pdf" "$HERE/$name-briefc"
    hb-view --font-size=32 --margin=10 --language="$lang" --direction="$dir" --features="$features" \
        --output-format=png -o "$HERE/$name-hbview.png" "$file" "$text"
}
one urdu NotoNastaliqUrdu "$ROOT/fonts/NotoNastaliqUrdu-Regular.ttf" ur rtl 'پاکستان اور امریکہ کے تعلقات'
one arabic NotoNaskhArabic "$ROOT/fonts/NotoNaskhArabic-Regular.ttf" ar rtl 'بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ'
one hindi NotoSansDevanagari "$ROOT/fonts/NotoSansDevanagari-Regular.ttf" hi ltr 'क्षत्रिय राष्ट्रपति प्रधानमंत्री'
one chinese "Noto Sans CJK SC" "$CJK" zh ltr '中巴经济走廊的建设，促进了两国合作。'
# 。」 」「 。」 」（ ）、: the first mark of each pair (characters 8 9 13 14 18)
one cjkpunct "Noto Sans CJK SC" "$CJK" zh ltr '他说：「我们出发。」「好的。」（中巴）、项目。' \
    'halt[8],halt[9],halt[13],halt[14],halt[18]'
echo "crops.sh: wrote $(ls "$HERE"/*.png | wc -l) PNGs in $HERE"
