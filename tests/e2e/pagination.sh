#!/bin/bash
# pagination.sh — page breaking measured from the PDF, not from the layout's own counters: on
# the stress brief (a 400-row table to keep it quick), poppler's word positions give the lines
# of each paragraph on each page: no paragraph leaves its first line alone at the foot of a page
# (orphan) or its last line alone at the top of one (widow); a heading is never the last line
# of its page (kept with the text after it); the long table repeats its header row at the top
# of every page it continues on. Then a heading and a table caption stay with what follows
# them wherever the page ends (stress.sh checks that footnotes sit on their markers' pages).
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

# Kept together wherever the page ends: a heading with the paragraph after it, a table's
# caption with its header row. One-line paragraphs move them down the page a line at a time,
# through a whole page, so that each lands at the foot of a page in some build.
K="$TMP/keep"
mkdir -p "$K/plugins"
cat > "$K/plugins/keep.lua" <<'LUA'
return { name = "keep", version = "1", api = 1, render = function(s, ctx)
  for i = 1, ctx.params.fill do s:paragraph("Filler " .. i .. ".") end
  s:heading("Kept heading")
  s:paragraph("After the heading.")
  for i = 1, 3 do s:paragraph("Spacer " .. i .. ".") end
  s:table { caption = "Kept caption", columns = { "Col A", "Col B" },
            rows = { { "a1", 1 }, { "a2", 2 }, { "a3", 3 }, { "a4", 4 } } }
end }
LUA
printf 'return { title = "Keep", params = { fill = 0 }, sections = { section "keep" } }\n' > "$K/brief.lua"
: > "$K/bad.txt"
at_foot=0
for fill in $(seq 20 62); do
    run_briefc 0 build "$K" -D fill=$fill -o "$K/k.pdf" -q || continue
    pdftotext -bbox "$K/k.pdf" - | awk -v fill="$fill" '
        /<page / { page++ }
        /<word / { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
                   if (w == "heading" && hp == "") hp = page
                   if (w == "After" && ap == "") ap = page
                   if (w == "caption" && cp == "") cp = page
                   if (w == "Col" && tp == "") tp = page }
        END { if (hp != ap) print "fill " fill ": the heading on page " hp ", the text after it on " ap
              if (cp != tp) print "fill " fill ": the caption on page " cp ", the header row on " tp
              if (hp == "" || ap == "" || cp == "" || tp == "") print "fill " fill ": words missing" }' >> "$K/bad.txt"
    # the heading or the caption at the top of a page: it was moved there to stay kept
    pdftotext -layout "$K/k.pdf" - | awk 'BEGIN { RS = "\f" } { n = split($0, ln, "\n"); k = 0
        for (i = 1; i <= n; i++) if (ln[i] ~ /[A-Za-z]/ && ln[i] !~ /^ *Keep/) { k = i; break }
        if (k && ln[k] ~ /Kept heading|Kept caption/) found = 1 } END { exit !found }' && at_foot=$((at_foot + 1))
done
check "a heading and a caption kept with what follows, fills 20 to 62 ($(head -1 "$K/bad.txt"))" test ! -s "$K/bad.txt"
check "some fills carried the heading or the caption to a new page ($at_foot): not vacuous" test "$at_foot" -ge 2
echo "pagination: $at_foot of 43 fills put the heading or the caption at the top of a page"
finish
