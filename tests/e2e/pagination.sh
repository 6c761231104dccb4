#!/bin/bash
# pagination.sh — page breaking measured from the PDF, not from the layout's own counters: on
# the stress brief (a 400-row table to keep it quick), poppler's word positions give the lines
# of each paragraph on each page: no paragraph leaves its first line alone at the foot of a page
# (orphan) or its last line alone at the top of one (widow); a heading is never the last line
# of its page (kept with the text after it); the long table repeats its header row at the top
# of every page it continues on; a footnote sits on the page of its marker.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/stress.pdf"
needs pdftotext
check "the stress brief builds" run_briefc 0 build "$TESTS/briefs/stress" -D rows=400 -o "$pdf" -q
# one line per word: page, baseline, height, left edge, text (superscripts are shorter)
pdftotext -bbox "$pdf" - | awk '
    /<page / { page++ }
    /<word / { match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
               w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
               printf "%d %.1f %.1f %.1f %s\n", page, y1, y1 - y0, x0, w }' > "$TMP/words.txt"
check "poppler read words from the PDF" test -s "$TMP/words.txt"
pages=$(tail -1 "$TMP/words.txt" | cut -d' ' -f1)

# Body text is the most common word height; its lines are the distinct baselines of a page.
body_h=$(awk '{ n[$3]++ } END { for (h in n) if (n[h] > best) { best = n[h]; b = h } print b }' "$TMP/words.txt")
# The paragraphs: "Paragraph N begins." opens paragraph N, "Paragraph N ends." closes it; every
# body line in between is one of its lines (a word may be hyphenated across lines). Out:
# "N PAGE" for each line of paragraph N.
awk -v h="$body_h" '
    $3 != h { next }
    w2 == "Paragraph" && $5 ~ /^begins\./ { cur = w1 }
    cur != "" && !((cur, $1, $2) in seen) { seen[cur, $1, $2] = 1; print cur, $1 }
    w2 ~ /graph$/ && w1 ~ /^[0-9]+$/ && $5 ~ /^ends\./ { cur = "" } # "Para-" "graph N ends."
    { w2 = w1; w1 = $5 }
' "$TMP/words.txt" > "$TMP/parlines.txt"
# N FIRST-PAGE-LINES LAST-PAGE-LINES PAGES for every paragraph
awk '{ if (!($1 in first)) { order[++n] = $1; first[$1] = $2 }
       if (last[$1] != $2) { pages[$1]++; last[$1] = $2; cnt[$1, $2] = 0 }
       cnt[$1, $2]++ }
     END { for (i = 1; i <= n; i++) { p = order[i]; print p, cnt[p, first[p]], cnt[p, last[p]], pages[p] } }' \
    "$TMP/parlines.txt" > "$TMP/paragraphs.txt"
np=$(wc -l < "$TMP/paragraphs.txt")
split=$(awk '$4 > 1' "$TMP/paragraphs.txt" | wc -l)
check "all 320 paragraphs found in the PDF ($np)" test "$np" -eq 320
check "many paragraphs run over a page break ($split): the check below is not vacuous" test "$split" -ge 40
awk '$4 > 1 && $2 < 2 { print "paragraph " $1 ": its first line alone at the foot of a page" }' \
    "$TMP/paragraphs.txt" > "$TMP/orphans.txt"
awk '$4 > 1 && $3 < 2 { print "paragraph " $1 ": its last line alone at the top of a page" }' \
    "$TMP/paragraphs.txt" > "$TMP/widows.txt"
check "no orphan, measured from the PDF ($(wc -l < "$TMP/orphans.txt"): $(head -1 "$TMP/orphans.txt"))" test ! -s "$TMP/orphans.txt"
check "no widow, measured from the PDF ($(wc -l < "$TMP/widows.txt"): $(head -1 "$TMP/widows.txt"))" test ! -s "$TMP/widows.txt"

# Headings ("1.N Part N", taller than body text) are followed on their page by body text.
awk -v h="$body_h" '
    $3 > h + 1 && $1 == hp && $2 == hy { next }         # the same heading line
    $3 > h + 1 && $5 == "Part" { hp = $1; hy = $2; open = 1; n++; next }
    open && $3 == h && $1 == hp && $2 > hy { open = 0 }  # body text below it, same page
    open && $1 != hp { print "heading on page " hp " is the last line of its page"; open = 0 }
    END { if (n < 5) print "only " n " headings found" }
' "$TMP/words.txt" > "$TMP/headings.txt"
check "every heading is kept with the text after it ($(head -1 "$TMP/headings.txt"))" test ! -s "$TMP/headings.txt"

# The table: from the page of its first row to the page of its last, the header row
# ("Name Amount Share Note") is on every page, above every row on that page.
awk '
    $5 == "Row" { rowpage = $1 }
    $5 == "Row" && first == "" { first = $1 }
    $5 == "Name" { hdr[$1] = hdr[$1] " " $2 }
    $5 == "Amount" { amt[$1] = amt[$1] " " $2 }
    $5 == "Row" && top[$1] == "" { top[$1] = $2 }
    END { if (first == "") { print "no table rows found"; exit }
          for (p = first; p <= rowpage; p++) {
              n = split(hdr[p], ys, " ")
              if (n != 1) { print "page " p ": " n " header rows"; continue }
              if (index(amt[p] " ", " " ys[1] " ") == 0) print "page " p ": the header row lacks Amount"
              if (top[p] != "" && ys[1] + 0 >= top[p] + 0) print "page " p ": the header is not above the rows"
          }
          print "pages", first, rowpage > "/dev/stderr" }
' "$TMP/words.txt" > "$TMP/headers.txt" 2> "$TMP/tablepages.txt"
check "the table's header row on each of its pages ($(cat "$TMP/tablepages.txt"); $(head -1 "$TMP/headers.txt"))" test ! -s "$TMP/headers.txt"
tp=$(awk '{ print $3 - $2 + 1 }' "$TMP/tablepages.txt")
check "the table runs over several pages ($tp)" test "${tp:-0}" -ge 5
finish
