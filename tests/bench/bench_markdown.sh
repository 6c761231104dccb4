#!/bin/sh
# bench_markdown.sh BRIEFC RUNBENCH OUT — the Markdown benchmark row of make bench: a report of
# about 20 pages written in Markdown (headings, paragraphs with emphasis and links, nested
# lists, a block quote and a 12-row table per chapter), built warm; time and peak memory.
set -eu
briefc=$1 runbench=$2 out=$3
mkdir -p "$out/md/text"
printf 'return { title = "A Markdown report", sections = { section "markdown" { file = "text/report.md" } } }\n' \
    > "$out/md/brief.lua"
awk 'BEGIN {
    p = "Aid to the region rose *sharply* after 2001 and fell after 2011, as the **annual** " \
        "appropriations show; the [Congressional Research Service](https://crs.gov) keeps the " \
        "most complete account. Disbursements lagged appropriations by two years on average, " \
        "and the gap widened whenever relations soured, which made planning hard for both sides."
    for (c = 1; c <= 16; c++) {
        printf "# Chapter %d\n\n", c
        for (k = 1; k <= 3; k++) printf "%s %s\n\n", p, p
        printf "## Findings\n\n"
        printf "1. Security aid\n   - reimbursements\n     1. audited\n     2. not audited\n   - training\n2. Economic aid\n\n"
        printf "> Money without trust buys little.\n>\n> --- An official, 2011\n\n"
        printf "Table: Aid by year, chapter %d\n\n| Year | Security | Economic | Total |\n|---|--:|--:|--:|\n", c
        for (y = 2002; y <= 2013; y++) printf "| FY%d | %d.%d | %d.%d | %d |\n", y, y % 97, c, y % 89, k, y % 97 + y % 89
        printf "\nSource: CRS.\n\n%s\n\n", p
    }
}' > "$out/md/text/report.md"
"$briefc" build "$out/md" -o "$out/md.pdf" -q
pages=$(pdfinfo "$out/md.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
"$runbench" 10 "Markdown report, ${pages:-?} pages ($(($(stat -c %s "$out/md/text/report.md") / 1024)) KB of .md)" \
    -- "$briefc" build "$out/md" -o "$out/md.pdf"
