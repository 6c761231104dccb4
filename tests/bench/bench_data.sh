#!/bin/sh
# bench_data.sh BRIEFC RUNBENCH OUT — the data rows of make bench (issue 18): an SQLite query
# that returns 100,000 rows (ctx:sql), and the same 100,000 rows from a Stata file read by
# ReadStat in its isolated child (ctx:stat_file), each summed by year into a table on one page;
# wall time and peak memory. The Markdown report row is bench_markdown.sh.
set -eu
briefc=$1 runbench=$2 out=$3
d="$out/data"
mkdir -p "$d/plugins" "$d/data"
python3 - "$d/data/rows.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("create table aid (id integer, year integer, kind text, amount real)")
db.executemany("insert into aid values (?, ?, ?, ?)",
               ((i, 2002 + i % 12, ("security", "economic", "food")[i % 3], (i % 997) / 10) for i in range(100000)))
db.commit()
PY
"$(dirname "$briefc")/mkstat" dta "$d/data/rows.dta" 100000
printf 'return { title = "Data", params = { from = "sql" }, sections = { section "rows" } }\n' > "$d/brief.lua"
cat > "$d/plugins/rows.lua" <<'LUA'
return { name = "rows", version = "1", api = 1, render = function(s, ctx)
  local rows, key, val
  if ctx.params.from == "sql" then
    rows, key, val = ctx:sql("data/rows.sqlite", "select id, year, kind, amount from aid"), "year", "amount"
  else
    rows, key, val = ctx:stat_file("data/rows.dta"), "sex", "score"
  end
  assert(#rows == 100000)
  local sums, keys = {}, {}
  for _, r in ipairs(rows) do
    local k = r[key]
    if not sums[k] then sums[k] = 0; keys[#keys + 1] = k end
    sums[k] = sums[k] + (r[val] or 0)
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local t = {}
  for _, k in ipairs(keys) do t[#t + 1] = { tostring(k), sums[k] } end
  s:table { columns = { key, "total" }, rows = t, caption = "100,000 rows, summed" }
end }
LUA
"$briefc" build "$d" -o "$out/data.pdf" -q
"$runbench" 10 "ctx:sql, 100,000 rows into a table" -- "$briefc" build "$d" -o "$out/data.pdf"
"$runbench" 10 "ctx:stat_file (.dta), 100,000 rows into a table" -- "$briefc" build "$d" -D from=stat -o "$out/data.pdf"
