#!/bin/bash
# unicode.sh — text beyond ASCII renders and extracts; links are clickable; -D overrides params.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/u.pdf"
check "unicode brief builds" run_briefc 0 build "$TESTS/briefs/unicode" -o "$pdf" -D year=2020 -D label=override -Ddraft=true
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$pdf"
pdftotext -enc UTF-8 "$pdf" "$TMP/t.txt"
for s in 'Café – résumé “quoted” €' 'Ā. Ōtsuka, Zoë Brontë' 'café' 'naïve' 'Ångström' '‘single’' \
         '€12' '£3' 'Ā ā Ē ē' 'αβγ ΔΕΖ ό ώ' 'Ёлка' 'їжак' 'ўсё' 'both'; do
    check "'$s' extracts" contains "$TMP/t.txt" "$s"
done
check "\`code\` extracts literally" contains "$TMP/t.txt" "briefc build --stats"
check "code is set in the mono font" pf "pdffonts '$pdf' | grepq NotoSansMono"
check "^sup^ extracts as text" contains "$TMP/t.txt" "the 2nd round"
check "characters the body font lacks come from the fallback font" contains "$TMP/t.txt" "From the fallback font: ☃ snow, ⇒ implies, 😀 smile."
check "the fallback font is embedded" pf "pdffonts '$pdf' | grepq DejaVuSans"
for s in '☃ winter' '⇒ next' 'Mood ☺'; do
    check "chart label '$s' set with the fallback font" contains "$TMP/t.txt" "$s"
done
check "-D typed by the default" contains "$TMP/t.txt" "year=2020 (integer) label=override draft=true"
pdfinfo -enc UTF-8 "$pdf" > "$TMP/i.txt"
check "UTF-8 title in document info" contains "$TMP/i.txt" "Café – résumé “quoted” €"
check "link annotation to the URL" pf "qpdf --qdf --object-streams=disable '$pdf' - | grepq 'crsreports.congress.gov'"

# Issue 15: every script of a Pakistan-US brief with the default fonts, in a Latin paragraph,
# extracts in logical order from poppler (its embedding marks U+202A..U+202E read as spaces)
# and pdf.js (tests/pdfjs/text.js). pdf.js takes one item per font and reverses an item it
# finds right-to-left: a full stop set in the Urdu word's font read ".پاکستان" before (the
# stop is the sentence's now, inline.c ltr_tail), and its pen lags after a glyph that says
# nothing or a mark, so a Td after "प्रधानमंत्री" read as a space (pdf_text.c pdfjs_lags).
words() { python3 -c 'import sys; print(" ".join(sys.stdin.read().split()))'; }
pdftotext -enc UTF-8 "$pdf" - | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]/ /g' | words > "$TMP/pop.txt"
node "$TESTS/pdfjs/text.js" "$pdf" 2> /dev/null | words > "$TMP/js.txt"
for r in pop js; do
    for s in 'Urdu: پاکستان اور امریکہ کے تعلقات in a Latin sentence.' \
             'Pashto: د خیبر پښتونخوا ولایت and' \
             'Hindi conjuncts: क्षत्रिय राष्ट्रपति प्रधानमंत्री.' \
             'Chinese: 中巴经济走廊（CPEC）是“一带一路”的旗舰项目。' \
             'then a full stop: پاکستان زندہ باد' 'A conjunct, then one: राष्ट्रपति.'; do
        check "$r: '$s'" contains "$TMP/$r.txt" "$s"
    done
done
# the full stop after the slogan: the sentence's (Noto Serif), never the Urdu font's, whose
# item pdf.js would reverse; and no space before it, though the phrase was drawn word by word
# from its right end and the stop lies right of it (pdf_pen.c trail_space)
# (poppler: its embedding marks dropped, not read as spaces, and the RLM that keeps a last
# letter's mark in its word: pdf_text.c rtl_on_ltr_page)
pdftotext -enc UTF-8 "$pdf" - | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae\x8f]//g' | words > "$TMP/pop0.txt"
check "pop0: the vowelled phrase whole, its last kasra in place" contains "$TMP/pop0.txt" \
    'marks: بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ.'
check "pop: one RLM, at the phrase's end" \
    pf "test \$(pdftotext -enc UTF-8 '$pdf' - | grep -o \$'\\u200f' | wc -l) -eq 1"
# pdf.js: the space before a vowel-marked phrase in an English sentence, said at the end of
# the English item (a piece with a mark opens the phrase, whose place pdf.js does not compare:
# it read "marks:بِسْمِ  ٱللَّهِ", pdf_gaps.c says_space_before_marked); an Arabic comma at the
# line's level after a right-to-left run in the heading, read after the run, not first
# ("،اردو، پښتو، العربية": pdf_text.c trim_ends, pdf_pen.c trail_space)
check "js: the space before the vowelled phrase" contains "$TMP/js.txt" \
    'marks: بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ.'
check "js: the Arabic comma after the heading's run" contains "$TMP/js.txt" \
    'Scripts: اردو، پښتو، العربية، हिन्दी، 中文'
for r in pop0 js; do
    check "$r: the full stop right after the slogan" contains "$TMP/$r.txt" 'پاکستان زندہ باد. A conjunct'
    check "$r: the full stop right after the Pashto words" contains "$TMP/$r.txt" 'ګډون او ښځې.'
done

# Composite glyphs keep their base letters: Ё is a composite of Е and a diaeresis, and
# libharu's own subsetting drops the Е. Render a line of each and compare the ink.
ink() { # ink TEXT: dark pixels of a one-paragraph brief rendered at 100 dpi
    d="$TMP/ink$$-$(printf %s "$1" | od -An -tx1 | tr -d ' \n' | cut -c1-12)"
    mkdir -p "$d"
    printf 'return { title = "x", sections = { section "prose" { paragraphs = { "%s" } } } }\n' "$1" > "$d/brief.lua"
    run_briefc 0 build "$d" -o "$d/o.pdf" >/dev/null 2>&1 || { echo 0; return; }
    pdftoppm -r 100 -gray -x 0 -y 60 -W 900 -H 300 "$d/o.pdf" "$d/p"
    tail -c 270000 "$d"/p-1.pgm | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 { n++ } END { print n + 0 }'
}
with_base=$(ink "ЁЁЁЁЁЁЁЁ ЁЁЁЁЁЁЁЁ")
dots_only=$(ink "¨¨¨¨¨¨¨¨ ¨¨¨¨¨¨¨¨")
check "Ё keeps its base letter (ink $with_base vs diaeresis alone $dots_only)" test "$with_base" -gt $((dots_only * 3))

out=$(run_briefc 1 build "$TESTS/briefs/unicode" -o "$TMP/x.pdf" -D yeer=1 2>&1); rc=$?
check "unknown -D is a brief error (exit 1)" test "$rc" -eq 1
check "unknown -D suggests the right name" pf "echo \"\$1\" | grepq \"unknown parameter 'yeer' (did you mean 'year'?)\"" _ "$out"
check "no PDF after a -D error" test ! -e "$TMP/x.pdf"
out=$(run_briefc 1 build "$TESTS/briefs/unicode" -o "$TMP/x.pdf" -D year=soon 2>&1); rc=$?
check "-D of the wrong type is an error" pf "test $rc -eq 1 && echo \"\$1\" | grepq 'expected a number'" _ "$out"
finish
