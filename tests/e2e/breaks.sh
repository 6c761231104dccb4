#!/bin/bash
# breaks.sh — lines break right in every script (issue 15 items 3 and 5): a German compound
# longer than the line is hyphenated on the line it starts on, an Urdu word longer than the
# line is cut between grapheme clusters without sending the words before it away, Chinese
# breaks between ideographs and never before "，" or "。", French keeps ": ; ! ?" and « »
# with their words (a narrow no-break space), --stats tells the truth about all of them; a
# language without patterns is warned about, and so is a plugin whose name is not its file's.
. "$(dirname "$0")/lib.sh"
needs pdftotext
brief() { # brief NAME LANGUAGE THEME TEXT: a one-paragraph brief in $TMP/NAME
    mkdir -p "$TMP/$1"
    printf 'return { title = "x", language = "%s", theme = { %s }, sections = { section "prose" { paragraphs = { "%s" } } } }\n' \
        "$2" "$3" "$4" > "$TMP/$1/brief.lua"
}
stats() { grep -o "$2" "$TMP/$1.stats" | grep -o '[0-9][0-9.]*' | head -1; }
lines() { # lines NAME: each text line of the body as "x|y|text" (the dump), page text only
    awk '/^  text f[0-9]+ [0-9.]+ #1d1d1f at / { split($6, xy, ","); t = $0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t); print xy[1] "|" xy[2] "|" t }' "$TMP/$1.layout"
}
build() { # build NAME: PDF, stats, layout dump and warnings
    run_briefc 0 build "$TMP/$1" -o "$TMP/$1.pdf" --stats --dump-layout "$TMP/$1.layout" \
        > "$TMP/$1.stats" 2> "$TMP/$1.warn"
}

# German: the compound starts on the line after "zur" and breaks at its syllables
long="Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaftsvorsitzendenstellvertreterinnenwahlordnungsreform"
brief de de-DE "" "Die Bundesregierung hat heute in Berlin beschlossen, dass die neue Regelung zur $long ab morgen gilt und alle betrifft."
check "German brief builds" build de
pdftotext -layout "$TMP/de.pdf" "$TMP/de.txt"
check "the compound begins on the line of the words before it" pf "head -1 '$TMP/de.txt' | grepq 'Regelung zur Donau'"
check "and breaks at a syllable, with a hyphen" pf "head -1 '$TMP/de.txt' | grepq 'Donaudampf-\$'"
check "no overfull line, none loose (stats: $(head -c 200 "$TMP/de.stats"))" pf "grepq ', 0 overfull,.* 0 loose,' '$TMP/de.stats'"
check "two hyphenated lines counted" test "$(stats de '[0-9]* hyphenated')" = 2
check "German patterns are found: no warning" test ! -s "$TMP/de.warn"
pdftotext "$TMP/de.pdf" "$TMP/de-raw.txt"
check "the compound extracts whole" contains "$TMP/de-raw.txt" "$long"

# Urdu, no patterns: a word 30 times the length of "پاکستان", with vowel marks
word=$(printf 'پَاکِستان%.0s' $(seq 30))
brief ur ur "" "Pakistan and the United States agreed today that $word is a long word in the text."
check "Urdu brief builds" build ur
check "a warning: no hyphenation patterns for ur" grep -q "language 'ur' has no hyphenation patterns" "$TMP/ur.warn"
check "no overfull line" grep -q ', 0 overfull,' "$TMP/ur.stats"
ratio=$(stats ur 'largest stretch [0-9.]*')
check "the line before the word is not stretched (largest stretch $ratio, was 25.60)" \
    awk -v r="$ratio" 'BEGIN { exit !(r < 2) }'
lines ur > "$TMP/ur.lines"
first_y=$(head -1 "$TMP/ur.lines" | cut -d'|' -f2)
check "the first line holds the English words and the start of the Urdu word" \
    pf "grep '|$first_y|' '$TMP/ur.lines' | grepq 'that' && grep '|$first_y|' '$TMP/ur.lines' | grepq 'پ'"
check "no piece of the word begins with a vowel mark (cut between clusters)" \
    pf "! cut -d'|' -f3 '$TMP/ur.lines' | grepq -P '^[\x{064B}-\x{065F}\x{0670}]'"
check "at least four lines" test "$(cut -d'|' -f2 "$TMP/ur.lines" | sort -u | wc -l)" -ge 4

# Chinese: between ideographs, never a line starting with "，" or "。"
zh=""
for i in 1 2 3 4 5 6; do zh="$zh中巴经济走廊是一带一路倡议的旗舰项目，连接中国新疆喀什与巴基斯坦瓜达尔港，全长约三千公里。"; done
brief zh zh-CN "" "$zh"
check "Chinese brief builds" build zh
lines zh | sort -t'|' -k2,2n -k1,1n | awk -F'|' '$2 != y { print; y = $2 }' > "$TMP/zh.starts"
check "several lines, each broken between ideographs ($(wc -l < "$TMP/zh.starts"))" test "$(wc -l < "$TMP/zh.starts")" -ge 3
check "no line starts with ， or 。" pf "! cut -d'|' -f3 '$TMP/zh.starts' | grepq -E '^(，|。)'"
check "no overfull line" grep -q ', 0 overfull,' "$TMP/zh.stats"

# French: narrow columns, so that many lines end near the marks
fr="Le gouvernement a décidé : la coopération économique doit être renforcée ! Pourquoi ? Parce que « la stabilité régionale » en dépend ; les négociations continueront."
brief fr fr-FR "columns = 2" "$fr $fr $fr $fr $fr $fr"
check "French brief builds" build fr
check "French patterns are found: no warning" test ! -s "$TMP/fr.warn"
pdftotext -layout "$TMP/fr.pdf" "$TMP/fr.txt"
nnbsp=$(printf '\xe2\x80\xaf')
check "a narrow no-break space (U+202F) before : ; ! ?" contains "$TMP/fr.layout" "décidé$nnbsp:"
check "and inside « »" pf "grepq \"«${nnbsp}la\" \"\$1\" && grepq \"régionale${nnbsp}»\" \"\$1\"" _ "$TMP/fr.layout"
check "which extracts as a space" contains "$TMP/fr.txt" "décidé :"
check "no line starts with : ; ! ? or »" pf "! sed 's/^ *//; s/   .*//' '$TMP/fr.txt' | grepq -E '^(:|;|!|\\?|»)'"
check "no line ends with «" pf "! sed 's/ *\$//' '$TMP/fr.txt' | grepq '«\$'"
check "French words are hyphenated ($(stats fr '[0-9]* hyphenated'))" test "$(stats fr '[0-9]* hyphenated')" -ge 1
check "no overfull line" grep -q ', 0 overfull,' "$TMP/fr.stats"

# a plugin whose name is not its file's
mkdir -p "$TMP/pn/plugins"
printf 'return { name = "aid_totals", version = "1", api = 1, render = function(s, ctx) s:paragraph("x") end }\n' \
    > "$TMP/pn/plugins/aid.lua"
printf 'return { title = "x", sections = { section "aid", section "aid" } }\n' > "$TMP/pn/brief.lua"
run_briefc 0 build "$TMP/pn" -o "$TMP/pn.pdf" 2> "$TMP/pn.warn"
check "a plugin named unlike its file is warned about" \
    grep -q "aid.lua: warning: the plugin calls itself 'aid_totals' but sections find it by its file name 'aid'" "$TMP/pn.warn"
check "once" test "$(grep -c 'calls itself' "$TMP/pn.warn")" -eq 1
finish
