#!/bin/sh
# markdown.sh — prose in Markdown (core/doc/markdown.c, the markdown plugin), read back from the PDF.
#
# A brief whose section is a .md file with every construct briefc maps (headings, emphasis,
# links, a block quote with its attribution, nested mixed lists (1. a. i.), a GFM table with caption and source, footnotes,
# citations and cross-references, a GitHub footnote): pdftotext -layout shows each in order. Then each refusal:
# exit status 1, its exact message naming the .md file and line, no PDF. Then hostile
# Markdown (deep nesting, a run of brackets, a table that would explode): ends within its
# timeout, without a crash.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdffonts

B="$TMP/md"
mkdir -p "$B/text" "$B/data"
cp "$ROOT/briefs/pakistan-us/data/references.json" "$B/data/"
cat > "$B/brief.lua" <<'EOF'
return {
  title = "Markdown brief",
  bibliography = "data/references.json",
  sections = { section "markdown" { file = "text/body.md" }, section "references" },
}
EOF
cat > "$B/text/body.md" <<'EOF'
# Background {#bg}

Aid rose *sharply* after **2001** as `CSF` grew; see [the CRS](https://crs.gov) and
[#aid] in [#bg].^[Appropriations, not *disbursements* [@crs2019].] The GAO agreed [@gao2008].

> Trust is built slowly
> and lost quickly.
>
> --- A senior official, 2011

1. Security aid
   - Coalition Support Fund
     1. reimbursements
   - training
2. Economic aid

   Mostly civilian.

Table: US aid by year {#aid}

| Year | US$ m | Note |
|------|------:|------|
| FY2002 | 1,204 | *first* |
| FY2010 | 4,504 | peak |

Source: CRS, 2019.

## What followed

"Quotes" -- and dashes, and a GitHub footnote.[^gfm]

[^gfm]: Written *GitHub's* way.
EOF

run_briefc 0 build "$B" -o "$TMP/md.pdf" -q
pdftotext -layout "$TMP/md.pdf" "$TMP/md.txt"
check "the constructs in order" in_order "$TMP/md.txt" \
    "1 Background" "Aid rose sharply after 2001 as CSF grew; see the CRS and" "Table 1 in Section 1." \
    "(Government Accountability Office 2008)" \
    "Trust is built slowly and lost quickly." "— A senior official, 2011" \
    "1." "Security aid" "–" "Coalition Support Fund" "i." "reimbursements" "–" "training" \
    "2." "Economic aid" "Mostly civilian." \
    "Table 1 — US aid by year" "Year" "US\$ m" "Note" "FY2002" "1,204" "first" "FY2010" "4,504" "peak" \
    "Source: CRS, 2019." "1.1 What followed" "“Quotes” – and dashes, and a GitHub footnote.2" \
    "1 Appropriations, not disbursements (Kronstadt and Epstein 2019)." "2 Written GitHub’s way."
check "no markup left over" pf "! grep -E '\\[@|\\[#|\\*\\*|\\^\\[|\\|---' '$TMP/md.txt'"
check "the quote is set in italic" pf "pdffonts '$TMP/md.pdf' | grepq -i 'italic'"
check "the attribution is set right, under the quote" pf "grepq -E '^ {40,}— A senior official, 2011$' '$TMP/md.txt'"
check "the reference list names the cited works" pf "grepq 'Government Accountability Office' '$TMP/md.txt'"

# {============================================== refusals

# refused MARKDOWN EXPECTED [FILE-OPTION]: the section fails with EXPECTED; exit 1, no PDF
refused() {
    printf '%b' "$1" > "$B/text/body.md"
    cat > "$B/brief.lua" <<EOF
return {
  title = "Markdown brief",
  bibliography = "data/references.json",
  sections = { section "markdown" { file = "${3:-text/body.md}" } },
}
EOF
    rm -f "$TMP/no.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build md -o no.pdf 2>&1); rc=$?
    check "$2: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$2: no PDF" test ! -e "$TMP/no.pdf"
    if printf '%s\n' "$msg" | head -1 | grep -qxF -- "$2"; then ok; else bad "expected '$2', got: $msg"; fi
}

refused 'Fine.\n\nSome <b>bold</b> text.\n' \
    "text/body.md:3: error: raw HTML (<b>) is not allowed in Markdown prose; write it in Markdown, or escape the '<' as \\<"
refused 'Fine,\nand on\nand <span class="x">on</span>.\n' \
    "text/body.md:3: error: raw HTML (<span class=\"x\">) is not allowed in Markdown prose; write it in Markdown, or escape the '<' as \\<"
refused '# Title\n\n<div>\nblock\n</div>\n' \
    "text/body.md:3: error: raw HTML (<div>) is not allowed in Markdown prose; write it in Markdown, or escape the '<' as \\<"
refused 'Text.\n\n```\ncode\n```\n' \
    "text/body.md:3: error: a code block (a fenced block, or text indented by four spaces) has no place in a brief; remove the fence or the indent"
refused '#### Four\n' \
    "text/body.md:1: error: a level-4 heading; a brief has three levels: #, ## and ###"
refused '- a\n  - b\n    - c\n      - d\n' \
    "text/body.md:4: error: lists nest at most three levels deep"
refused 'A chart: ![aid](aid.png)\n' \
    "text/body.md:1: error: an image in Markdown prose; a brief shows figures through a plugin (s:chart), not ![…](…)"
refused 'One.\n\nAs argued [@nosuchkey].\n' \
    "text/body.md:3: error: unknown citation key 'nosuchkey' (not in md/data/references.json)"
refused '> # A heading in a quote\n' \
    "text/body.md:1: error: a heading inside a block quote; headings stand on their own lines, unindented"
refused 'x' \
    "md/brief.lua:4: error: cannot open 'text/missing.md': No such file or directory" text/missing.md
refused 'x' \
    "md/brief.lua:4: error: '../outside.md' is outside the brief folder; plugins may only read files inside md" ../outside.md
# a link out of the brief: refused by the one door, its target unread
printf 'SECRET-MD\n' > "$TMP/outside.md"
ln -s "$TMP/outside.md" "$B/text/link.md"
refused 'x' \
    "md/brief.lua:4: error: 'text/link.md' is outside the brief folder; copy the file inside rather than linking to it" text/link.md

# }==============================================

# {============================================== hostile Markdown: bounded, no crash

# survives NAME: builds whatever text/body.md holds; exit 0 or 1, never a signal or a hang
survives() {
    cat > "$B/brief.lua" <<'EOF'
return { title = "Markdown brief", limits = { seconds = 60 }, -- a slow shared machine
  sections = { section "markdown" { file = "text/body.md" } } }
EOF
    msg=$(cd "$TMP" && timeout 120 "$BRIEFC" build md -o hostile.pdf 2>&1); rc=$?
    if [ "$rc" -le 1 ]; then ok; else bad "$1: exit status $rc: $(printf '%s' "$msg" | head -3)"; fi
}
python3 -c 'print(">" * 20000 + " deep")' > "$B/text/body.md"; survives "20,000 nested quotes"
python3 -c 'print("*a " * 30000 + "**b" * 30000)' > "$B/text/body.md"; survives "60,000 emphasis openers"
python3 -c 'print("[" * 50000 + "@k" + "]" * 50000)' > "$B/text/body.md"; survives "50,000 brackets"
python3 -c 'print("^[" * 20000)' > "$B/text/body.md"; survives "20,000 footnote openers"
python3 -c 'print("- " * 5000 + "x")' > "$B/text/body.md"; survives "5,000 nested list markers"
python3 -c 'print("|a" * 64 + "|\n" + "|-" * 64 + "|\n" + "|\n" * 3000)' > "$B/text/body.md"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build md -o hostile.pdf 2>&1)
check "a table of 192,000 cells is refused before cmark makes it" pf \
    "printf '%s' '$msg' | grepq -F 'text/body.md:2: error: the table here would make more than 100000 cells; split it'"

# image openers before links take libcmark-gfm 0.29.0.gfm.6 quadratic time: refused before it
python3 -c 'import sys; sys.stdout.write("![[]()" * 160000)' > "$B/text/body.md"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build md -o hostile.pdf 2>&1)
check "160,000 image openers are refused before cmark parses them" pf \
    "printf '%s' \"\$1\" | grepq -F \"text/body.md:1: error: more than 1000 '![' in the text\"" _ "$msg"

# one long GitHub footnote referred to 100,000 times: refused, not written 100,000 times
python3 -c 'import sys; sys.stdout.write("[^1]" * 100000 + "\n\n[^1]: " + "x" * 500000 + "\n")' > "$B/text/body.md"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build md -o hostile.pdf 2>&1)
check "a footnote referred to 100,000 times is refused" pf \
    "printf '%s' \"\$1\" | grepq -F 'text/body.md:1: error: footnotes referred to so often that their text passes 2 MB'" _ "$msg"

# }==============================================

finish
