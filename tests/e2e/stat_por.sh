#!/bin/bash
# stat_por.sh — ctx:stat_file reads an SPSS portable file (.por), written here by mkstat with
# ReadStat's own writer (upper-case names, ASCII text: what the portable format holds): whole
# numbers as integers, value labels in place of codes, a missing value as nil, dates and
# date-times as ISO text, the variable's label; then a cut and a corrupted file are refused with
# exit 1 and no PDF, never a crash.
. "$(dirname "$0")/lib.sh"
MKSTAT="$(dirname "$BRIEFC")/mkstat"
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
"$MKSTAT" por "$B/data/survey.por" || bad "mkstat por failed"
cat > "$B/plugins/q.lua" <<'LUA'
return { api = 1, version = "1", options = { file = { type = "string", default = "data/survey.por" } },
  render = function(s, ctx)
    local rows = ctx:stat_file(ctx.options.file)
    local out = { "columns " .. table.concat(rows.columns, ",") }
    for _, r in ipairs(rows) do
      out[#out + 1] = string.format("row %s %s %s %s %s %s %s", math.type(r.ID), r.ID, tostring(r.SEX),
        tostring(r.SCORE), r.NAME == "" and "(empty)" or r.NAME, r.WHEN, r.AT)
    end
    out[#out + 1] = "label " .. tostring(rows.column_labels.SCORE)
    out[#out + 1] = "codes " .. tostring(rows.labels.SEX and rows.labels.SEX[2])
    for _, l in ipairs(out) do s:paragraph(l) end
  end }
LUA
echo 'return { title = "Portable", sections = { section "q" } }' > "$B/brief.lua"
run_briefc 0 build "$B" -o "$TMP/por.pdf" -q
pdftotext "$TMP/por.pdf" "$TMP/por.txt"
check ".por: the columns in the file's order" grepq -Fx "columns ID,SEX,SCORE,NAME,WHEN,AT" "$TMP/por.txt"
check ".por: typed rows, value labels, a missing value as nil, ISO dates" in_order "$TMP/por.txt" \
    "row integer 1 Male 12.5 Zoe 2014-03-01 2014-03-01T09:30:00" \
    "row integer 2 Female nil Ahmed 2015-12-31 2015-12-31T09:30:01" \
    "row integer 3 Male 2 (empty) 1999-07-04 1999-07-04T09:30:02" \
    "row integer 4 Female 3 Li 1960-01-01 1960-01-01T09:30:03"
check ".por: the variable's label" grepq -Fx "label Test score" "$TMP/por.txt"
check ".por: the label set" grepq -Fx "codes Female" "$TMP/por.txt"

# damaged portable files: an error naming the file, exit 1, no PDF
head -c 400 "$B/data/survey.por" > "$B/data/cut.por"
python3 - "$B/data/survey.por" "$B/data/noise.por" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for i in range(470, len(b) - 10, 7): b[i] = 0x7f  # inside the data: not portable characters
open(sys.argv[2], "wb").write(bytes(b))
PY
for kind in cut noise; do
    sed -i "s|default = \"data/[a-z]*.por\"|default = \"data/$kind.por\"|" "$B/plugins/q.lua"
    rm -f "$TMP/$kind.pdf"
    run_briefc 1 build "$B" -o "$TMP/$kind.pdf" -q 2> "$TMP/$kind.err"
    check ".por $kind: an error at the plugin's line naming the file" grepq -E "q.lua:3: error: data/$kind.por: " "$TMP/$kind.err"
    check ".por $kind: no PDF" test ! -e "$TMP/$kind.pdf"
done

finish
