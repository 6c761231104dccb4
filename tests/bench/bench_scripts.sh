#!/bin/sh
# bench_scripts.sh BRIEFC RUNBENCH OUT — the scripts rows of make bench (issue 15): a page of
# Urdu (shaped right to left, bidi), a page of Hindi (shaped, conjuncts) and a page of Latin
# (the cmap-and-kerning path), each one page of body text in prose paragraphs, built warm.
set -eu
briefc=$1 runbench=$2 out=$3
page() { # page NAME FONT LANG N SENTENCE: N paragraphs of SENTENCE, filling one page
    mkdir -p "$out/$1"
    {
        printf 'local p, ps = string.rep("%s ", 4), {}\n' "$5"
        printf 'for i = 1, %d do ps[i] = p end\n' "$4"
        printf 'return { title = "%s", language = "%s", limits = { pages = 1 },\n' "$1" "$3"
        printf '  theme = { body_font = "%s", heading_font = "%s", justify = false },\n' "$2" "$2"
        printf '  sections = { section "prose" { paragraphs = ps } } }\n'
    } > "$out/$1/brief.lua"
    "$briefc" build "$out/$1" -o "$out/$1.pdf" -q
    "$runbench" 20 "one page of $1 ($(pdftotext "$out/$1.pdf" - 2>/dev/null | wc -w) words)" \
        -- "$briefc" build "$out/$1" -o "$out/$1.pdf"
}
page latin NotoSerif en-GB 6 "The United States appropriated 4,504 million dollars for Pakistan in 2010, a fifth of all its aid to the country from 2008 to 2018, security and economic alike."
page urdu NotoNaskhArabic ur 8 "مالی سال 2010 میں امریکہ نے پاکستان کے لیے 4,504 ملین ڈالر کی امداد منظور کی، جو 2008 سے 2018 تک کی کل امریکی امداد کا پانچواں حصہ تھی۔"
page hindi NotoSansDevanagari hi 9 "वित्त वर्ष 2010 में संयुक्त राज्य अमेरिका ने पाकिस्तान के लिए 4,504 मिलियन डॉलर की सहायता स्वीकृत की, जो कुल सहायता का पाँचवाँ हिस्सा थी।"
