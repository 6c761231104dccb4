#!/bin/bash
# sql_budget.sh — ctx:sql's clock is the section's: a query may take what is left of the
# section's time limit (limits.seconds), not a fixed 10 s, and one stopped there is refused at
# the plugin's line with a message naming the section and its limit. The queries are slow by
# the clock but light in SQLite steps (a 200 KB random blob a row), so that the step budget
# does not stop them first; every run is bounded by `timeout` (a guard, not a speed test): a
# query that ran to the old fixed 10 s would be cut off and fail the check.
. "$(dirname "$0")/lib.sh"
needs python3
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
python3 - "$B/data/aid.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("create table aid (year integer, amount real)")
db.executemany("insert into aid values (?, ?)", [(2008, 1.5), (2010, 2.25), (2012, 0.75)])
db.commit()
PY
cat > "$B/plugins/q.lua" <<'LUA'
local slow = "with recursive c(x) as (select 1 union all select x + 1 from c) " ..
             "select count(*) as n from c where length(randomblob(200000)) > 0"
local queries = {
  ok = function(ctx) return #ctx:sql("data/aid.sqlite", "select year from aid") .. " rows" end,
  slow = function(ctx) return ctx:sql("data/aid.sqlite", slow)[1].n end,
  caught = function(ctx) -- a plugin that catches the refusal gets no more time
    local ok, err = pcall(ctx.sql, ctx, "data/aid.sqlite", slow)
    local n = 0
    for i = 1, 1e12 do n = n + i end
    return tostring(ok) .. tostring(n)
  end,
}
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(tostring(queries[ctx.params.q](ctx)))
end }
LUA
brief() { # brief SECONDS
    printf 'return { title = "SQL budget", params = { q = "ok" }, limits = { seconds = %s },\n  sections = { section "q" { title = "Slow data" } } }\n' "$1" > "$B/brief.lua"
}
refused() { # refused NAME "message": exit 1 within 8 s, the message at the plugin's line, no PDF
    RUN_TIMEOUT=8 run_briefc 1 build "$B" -D "q=$1" -o "$TMP/$1.pdf" 2> "$TMP/$1.err"
    check "$1: refused at the plugin's line ($(head -1 "$TMP/$1.err"))" \
        pf "grep -E 'plugins/q.lua:[0-9]+: error: .*($2)' '$TMP/$1.err'"
    check "$1: no PDF" test ! -e "$TMP/$1.pdf"
}

brief 1
run_briefc 0 build "$B" -o "$TMP/ok.pdf" -q
check "a quick query within a 1 s limit" pf "pdftotext '$TMP/ok.pdf' - | grepq -F '3 rows'"
refused slow 'data/aid.sqlite: the query was stopped when section "q" ran out of time \(limits.seconds = 1\); simplify it, add an index or raise limits.seconds in brief.lua'
check "slow: the message does not speak of a fixed 10 seconds" pf "! grepq -F '10 seconds' '$TMP/slow.err'"
refused caught 'time limit reached \(1 s\)'

brief 2.5
refused slow 'ran out of time \(limits.seconds = 2.5\)'
finish
