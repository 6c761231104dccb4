#!/bin/bash
# stat_budget.sh — ctx:stat_file's two bounds besides the stream cap: the reader child's time is
# what is left of the section's time limit (limits.seconds, at most 10 s), not a fixed 10 s;
# and a file has at most 1,000,000 rows (limit = n reads up to that many of a longer one).
# A hanging child (BRIEFC_TEST_STAT_HANG, in briefc_hooks) shows the time bound: the error names the seconds
# the section had left. Every refusal: exit 1, the message at the plugin's line, no PDF.
. "$(dirname "$0")/lib.sh"
MKSTAT="$(dirname "$BRIEFC")/mkstat"
HOOKS="$(dirname "$BRIEFC")/briefc_hooks" # with the BRIEFC_TEST_STAT_* hooks (stat_child.h)
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
cp "$ROOT/briefs/showcase/data/us-aid-pakistan.dta" "$B/data/aid.dta"
cat > "$B/plugins/q.lua" <<'EOF'
return { api = 1, version = "1",
  options = { file = { type = "string", default = "data/aid.dta" },
              limit = { type = "integer", default = 0 } },
  render = function(s, ctx)
    local o = ctx.options.limit > 0 and { limit = ctx.options.limit } or nil
    local rows = ctx:stat_file(ctx.options.file, o)
    s:paragraph("rows " .. #rows .. " last " .. tostring(rows[#rows][rows.columns[1]]))
  end }
EOF
brief() { # brief SECONDS [OPTIONS]
    printf 'return { title = "Budget", limits = { seconds = %s, memory_mb = 1024 },\n  sections = { section "q" %s } }\n' \
        "$1" "${2:-}" > "$B/brief.lua"
}
refused() { # [BIN=briefc] refused NAME PATTERN [ENV...]: exit 1, PATTERN at q.lua's line, no PDF
    _n=$1 _p=$2; shift 2
    rm -f "$TMP/$_n.pdf"
    env "$@" timeout 60 "${BIN:-$BRIEFC}" build "$B" -o "$TMP/$_n.pdf" > /dev/null 2> "$TMP/$_n.err"
    _rc=$?
    san_clean "$_n" "$TMP/$_n.err"
    check "$_n: exit status 1 (got $_rc)" test "$_rc" -eq 1
    check "$_n: the message at the plugin's line" grepq -E "q.lua:6: error: .*$_p" "$TMP/$_n.err"
    check "$_n: no PDF" test ! -e "$TMP/$_n.pdf"
}

# the file reads within the section's time
brief 5
run_briefc 0 build "$B" -o "$TMP/ok.pdf" -q
check "the .dta reads (12 rows, the last FY2020)" pf "pdftotext '$TMP/ok.pdf' - | grepq -F 'rows 12 last 2020'"

# a hanging reader: stopped when the section's 2 s are up, not after 10 s
brief 2
BIN="$HOOKS" refused budget2 "the reader was stopped after 2 s" BRIEFC_TEST_STAT_HANG=1
# with more time than the cap, the cap (lowered here by BRIEFC_STAT_SECONDS, which only shortens)
brief 30
BIN="$HOOKS" refused budget_env "the reader was stopped after 1 s" BRIEFC_TEST_STAT_HANG=1 BRIEFC_STAT_SECONDS=1
brief 1
BIN="$HOOKS" refused budget_env_longer "the reader was stopped after 1 s" BRIEFC_TEST_STAT_HANG=1 BRIEFC_STAT_SECONDS=9

# the row cap: 1,000,001 rows are refused; limit = 5 reads five of them
"$MKSTAT" dta "$B/data/big.dta" 1000001 || bad "mkstat big failed"
brief 60 '{ file = "data/big.dta" }'
refused rowcap "data/big.dta: the file has more than 1000000 rows; read fewer .limit = n."
brief 60 '{ file = "data/big.dta", limit = 5 }'
run_briefc 0 build "$B" -o "$TMP/five.pdf" -q
check "limit = 5 reads five rows of the long file" pf "pdftotext '$TMP/five.pdf' - | grepq -F 'rows 5 last 5'"
if [ -z "${ASAN_OPTIONS:-}" ]; then # a million rows in Lua: about 350 MB; not under ASan
    brief 60 '{ file = "data/big.dta", limit = 1000000 }'
    run_briefc 0 build "$B" -o "$TMP/million.pdf" -q
    check "limit = 1000000: the whole cap reads" pf "pdftotext '$TMP/million.pdf' - | grepq -F 'rows 1000000 last 1000000'"
fi

finish
