#!/bin/bash
# indic_pdfjs.sh — issue 15: Devanagari words extract from pdf.js and poppler with their spaces
# where the source has them. pdf.js reads a glyph whose ToUnicode text holds a mark (\p{Mn}:
# anusvara, candrabindu, virama, a vowel sign such as े) as a zero-width diacritic, appended to
# its text item without comparing positions; a word whose first cluster was said whole by its
# first glyph (के, संबंध) was glued to the word before and the space went inside the word
# ("बीचसंबं ध"). The first glyph drawn of such a cluster now stands for the text before the
# mark, the rest for the cluster's next glyph or a blank glyph of no width drawn after it
# (pdf_fonts.c, split_lead). Checked: the words, split on white space, of each paragraph and
# table cell appear in that order, whole, in pdf.js's and pdftotext's text of the page, with
# the default fonts (fallback chain) and with Noto Sans Devanagari as the body font; every PDF
# opens cleanly in the five readers.
. "$(dirname "$0")/lib.sh"
have_pdfjs || { finish; exit; }

# words that begin with a marked cluster (के, सं, हँ), a conjunct (क्षे, स्थि, द्व, the
# one-glyph conjunct क्ष of क्षमा), and words after a Latin one
HI=("भारत और पाकिस्तान के बीच संबंध"
    "राष्ट्रपति ने क्षेत्रीय स्थिति पर हिन्दी में बयान दिया"
    "सरकार द्वारा संसद में हँसी और क्षमा की बात हुई"
    "The minister said स्थिति ठीक है and left")
CELL="क्षेत्र के संबंध में स्थिति"

brief() { # brief NAME FONT: the paragraphs and a table with CELL in a cell
    local name=$1 font=$2
    mkdir -p "$TMP/$name/plugins"
    {
        printf 'return { name = "hi", version = "1.0.0", api = 1, description = "Hindi",\n'
        printf '  render = function(s, ctx)\n'
        for p in "${HI[@]}"; do printf '    s:paragraph("%s")\n' "$p"; done
        printf '    s:table { caption = "Table", columns = { "Name", "Text" },\n'
        printf '      rows = { { "Hindi", "%s" } } }\n' "$CELL"
        printf '  end }\n'
    } > "$TMP/$name/plugins/hi.lua"
    {
        printf 'return { title = "t", language = "hi",\n'
        [ -n "$font" ] && printf '  theme = { body_font = "%s", justify = false },\n' "$font"
        printf '  sections = { section "hi" } }\n'
    } > "$TMP/$name/brief.lua"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q
    check "$name: five readers open it without a warning" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    node "$TESTS/pdfjs/text.js" "$TMP/$name.pdf" > "$TMP/$name.js.txt" 2> /dev/null
    pdftotext -enc UTF-8 "$TMP/$name.pdf" "$TMP/$name.pop.txt"
}
words() { # words FILE TEXT: TEXT's words, split on white space, follow one another in FILE's
    python3 -c 'import sys
w = open(sys.argv[1], encoding="utf-8").read().split()
s = sys.argv[2].split()
sys.exit(0 if any(w[i:i + len(s)] == s for i in range(len(w))) else 1)' "$1" "$2"
}
reads() { # reads NAME TEXT
    check "$1: '$2' word for word (pdf.js)" words "$TMP/$1.js.txt" "$2"
    check "$1: '$2' word for word (pdftotext)" words "$TMP/$1.pop.txt" "$2"
}

brief fallback ""
brief deva NotoSansDevanagari
for name in fallback deva; do
    for p in "${HI[@]}" "$CELL"; do reads "$name" "$p"; done
done
finish
