#!/bin/bash
# stat_strl.sh — ctx:stat_file over a Stata 13 file's strL cells (long strings kept apart from
# the rows, in its <strls> table): a well-formed one comes back whole; one whose text the file
# does not end with a NUL comes back as its own bytes and no more, never what lies past them
# in the reader's memory (ReadStat 1.1.8 hands such text unterminated: fuzz_stat found it).
. "$(dirname "$0")/lib.sh"
needs python3 pdftotext
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
# mk OUT TEXT NUL: a .dta 117 with one strL column s and two rows, both pointing at one string
mk() {
    python3 - "$@" <<'PY'
import struct, sys
path, text, nul = sys.argv[1], sys.argv[2].encode(), sys.argv[3] == "1"
gso = text + (b"\0" if nul else b"")
o = bytearray()
t = lambda s: o.extend(s.encode())
t("<stata_dta><header><release>117</release><byteorder>LSF</byteorder><K>")
o += struct.pack("<H", 1); t("</K><N>"); o += struct.pack("<I", 2)
t("</N><label>\0</label><timestamp>\0</timestamp></header><map>")
at = len(o); o += bytes(112); t("</map><variable_types>")
o += struct.pack("<H", 32768); t("</variable_types><varnames>"); o += b"s".ljust(33, b"\0")
t("</varnames><sortlist>"); o += bytes(4); t("</sortlist><formats>")
o += b"%9s".ljust(49, b"\0"); t("</formats><value_label_names>"); o += bytes(33)
t("</value_label_names><variable_labels>"); o += bytes(81)
t("</variable_labels><characteristics></characteristics>")
offs = {9: len(o)}
t("<data>"); o += struct.pack("<IIII", 1, 1, 1, 1); t("</data>")
offs[10] = len(o)
t("<strls>GSO"); o += struct.pack("<IIBI", 1, 1, 130, len(gso)) + gso; t("</strls>")
offs[11] = len(o)
t("<value_labels></value_labels></stata_dta>")
for k, v in offs.items(): o[at + 8 * k:at + 8 * k + 8] = struct.pack("<Q", v)
open(path, "wb").write(o)
PY
}
long=$(printf 'strl%.0s' $(seq 1 40)) # 160 bytes: past the reader's small allocation sizes
mk "$B/data/good.dta" "a long string kept apart" 1 || bad "python3 failed"
mk "$B/data/open.dta" "$long" 0 || bad "python3 failed"
mk "$B/data/short.dta" "Q" 0 || bad "python3 failed"
cat > "$B/brief.lua" <<'LUA'
return { title = "strL", params = { f = "data/good.dta" }, sections = { section "q" } }
LUA
cat > "$B/plugins/q.lua" <<'LUA'
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  local rows = ctx:stat_file(ctx.params.f)
  for i, r in ipairs(rows) do s:paragraph(string.format("row%d[%s]%d", i, r.s, #r.s)) end
end }
LUA
run_briefc 0 build "$B" -o "$TMP/good.pdf" -q
check "a NUL-ended strL comes back whole, in both rows" \
    pf "pdftotext '$TMP/good.pdf' - | tr -d '\n' | grepq -F 'row1[a long string kept apart]24row2[a long string kept apart]24'"
run_briefc 0 build "$B" -D f=data/open.dta -o "$TMP/open.pdf" -q
check "an unended strL comes back as its 160 bytes, nothing past them" \
    pf "pdftotext '$TMP/open.pdf' - | tr -d ' \n' | grepq -E '^row1\\[(strl){40}\\]160row2\\[(strl){40}\\]160'"
run_briefc 0 build "$B" -D f=data/short.dta -o "$TMP/short.pdf" -q
check "an unended one-byte strL comes back as that byte" \
    pf "pdftotext '$TMP/short.pdf' - | tr -d ' \n' | grepq -E '^row1\\[Q\\]1row2\\[Q\\]1'"
finish
