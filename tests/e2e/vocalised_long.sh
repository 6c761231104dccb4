#!/bin/bash
# vocalised_long.sh — a long fully vocalised Arabic brief (18,000 words of random letters each
# with a haraka more often than not, 45 pages) builds: each marked right-to-left word is said
# by pieces drawn with variant codes of the space glyph, tens of thousands of consecutive codes
# whose widths once made one /W run longer than libharu's 32,767-element arrays ("cannot embed
# font"). The PDF reads whole in qpdf and poppler, and its first and last words extract.
. "$(dirname "$0")/lib.sh"
needs python3 qpdf pdftotext
mkdir -p "$TMP/v"
python3 - "$TMP/v" <<'PY'
import random, sys
rnd = random.Random(5)
letters = [chr(c) for c in range(0x628, 0x64B) if not 0x63B <= c <= 0x640]
marks = [chr(c) for c in range(0x64B, 0x653)]
def word(n):
    return "".join(rnd.choice(letters) + (rnd.choice(marks) if rnd.random() < 0.6 else "")
                   for _ in range(n))
paras = [" ".join(word(rnd.randint(6, 14)) for _ in range(400)) for _ in range(45)]
with open(sys.argv[1] + "/brief.lua", "w") as f:
    # limits far above the defaults: a sanitizer build on a loaded machine is slow
    f.write('return { title = "Vocalised", language = "ar", '
            'limits = { instructions = 1e12, seconds = 600 }, sections = { section "prose" '
            '{ paragraphs = {\n')
    for p in paras:
        f.write("[==[%s]==],\n" % p)
    f.write("} } } }\n")
with open(sys.argv[1] + "/first", "w") as f:
    f.write(paras[0].split()[0])
with open(sys.argv[1] + "/last", "w") as f:
    f.write(paras[-1].split()[-1])
PY
check "the brief builds" run_briefc 0 build "$TMP/v" -o "$TMP/v.pdf" -q
check "qpdf reads it whole" qpdf --check "$TMP/v.pdf"
check "poppler lists the Arabic font" pf "pdffonts '$TMP/v.pdf' | grepq NotoNaskhArabic-Regular"
pdftotext -enc UTF-8 "$TMP/v.pdf" "$TMP/v.txt"
has_either() { grep -qF -- "$2" "$1" || grep -qF -- "$(printf %s "$2" | rev)" "$1"; }
check "the first word extracts" has_either "$TMP/v.txt" "$(cat "$TMP/v/first")"
check "the last word extracts" has_either "$TMP/v.txt" "$(cat "$TMP/v/last")"
finish
