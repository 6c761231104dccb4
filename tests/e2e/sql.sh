#!/bin/bash
# sql.sh — ctx:sql: a read-only query against an SQLite file of the brief, rows typed and strict
# as ctx:csv's; and every way a query or a file could reach further refused with a message at the
# plugin's line: ATTACH, PRAGMA, writes, load_extension, two statements, a runaway recursive
# query, a file that is not a database, a link out of the brief.
. "$(dirname "$0")/lib.sh"
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
python3 - "$B/data/aid.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("create table aid (year integer, kind text, amount real, note text)")
rows = [(2008, "security", 1.5, None), (2010, "economic", 2.25, "EPPA"), (2012, "security", 0.75, "après"), (2014, "csf", 1.0, None)]
db.executemany("insert into aid values (?, ?, ?, ?)", rows)
db.commit()
PY
cat > "$B/brief.lua" <<'LUA'
return { title = "SQL", params = { q = "ok" }, sections = { section "q" } }
LUA
cat > "$B/plugins/q.lua" <<'LUA'
local queries = {
  ok = function(ctx)
    local rows = ctx:sql("data/aid.sqlite", "select year, kind, amount, note from aid where year >= ? order by year", 2010)
    local out = {}
    for _, r in ipairs(rows) do
      out[#out + 1] = string.format("%s/%s/%s/%s/%s", math.type(r.year), r.kind, r.amount, tostring(r.note), #rows.columns)
    end
    return table.concat(out, " ")
  end,
  strict = function(ctx) local r = ctx:sql("data/aid.sqlite", "select year from aid")[1]; return r.Year end,
  attach = function(ctx) return ctx:sql("data/aid.sqlite", "attach database 'x.db' as x") end,
  pragma = function(ctx) return ctx:sql("data/aid.sqlite", "pragma table_info(aid)") end,
  write = function(ctx) return ctx:sql("data/aid.sqlite", "delete from aid") end,
  ext = function(ctx) return ctx:sql("data/aid.sqlite", "select load_extension('x')") end,
  two = function(ctx) return ctx:sql("data/aid.sqlite", "select 1; select 2") end,
  loop = function(ctx) return ctx:sql("data/aid.sqlite", "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c") end,
  notdb = function(ctx) return ctx:sql("data/plain.txt", "select 1") end,
  outside = function(ctx) return ctx:sql("data/out.sqlite", "select 1") end,
  badsql = function(ctx) return ctx:sql("data/aid.sqlite", "selec year from aid") end,
  args = function(ctx) return ctx:sql("data/aid.sqlite", "select * from aid where year = ?") end,
  nan = function(ctx) local r = ctx:sql("data/aid.sqlite", "select ? as v, count(*) as n from aid", 0/0)[1]; return tostring(r.v) .. "/" .. r.n end,
  fifo = function(ctx) return ctx:sql("data/fifo.sqlite", "select 1") end,
  huge = function(ctx) return ctx:sql("data/huge.sqlite", "select 1") end,
  blob = function(ctx) return ctx:sql("data/aid.sqlite", "select length(zeroblob(100000000))") end,
}
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(tostring(queries[ctx.params.q](ctx)))
end }
LUA
echo "just text" > "$B/data/plain.txt"
cp "$B/data/aid.sqlite" "$TMP/out.sqlite" && ln -s "$TMP/out.sqlite" "$B/data/out.sqlite"

run_briefc 0 build "$B" -o "$TMP/ok.pdf" -q
check "rows come back typed and in order" pf "pdftotext '$TMP/ok.pdf' - | grepq -F 'integer/economic/2.25/EPPA/4 integer/security/0.75/après/4 integer/csf/1.0/nil/4'"
refused() { # refused NAME "message"
    run_briefc 1 build "$B" -D "q=$1" -o "$TMP/$1.pdf" 2> "$TMP/$1.err"
    check "$1: refused at the plugin's line ($(head -1 "$TMP/$1.err"))" pf "grep -E 'plugins/q.lua:[0-9]+: error: .*($2)' '$TMP/$1.err'"
    check "$1: no PDF" test ! -e "$TMP/$1.pdf"
}
mkfifo "$B/data/fifo.sqlite"
truncate -s 2G "$B/data/huge.sqlite"
run_briefc 0 build "$B" -D q=nan -o "$TMP/nan.pdf" -q
check "a NaN value binds as NULL" pf "pdftotext '$TMP/nan.pdf' - | grepq -F 'nil/4'"
refused fifo "not a regular file|FIFO|fifo"
refused huge "larger than|too large|64 MB"
refused blob "too big|string or blob"
refused strict 'has no column .Year. .did you mean .year'
refused attach "not authorized"
refused pragma "not authorized"
refused write "not authorized"
refused ext "not authorized"
refused two "one statement per ctx:sql call"
refused loop "the query was stopped (after|when)"
refused notdb "data/plain.txt is not an SQLite database file"
refused outside "outside the brief folder"
refused badsql "syntax error"
refused args "has 1 \\? parameter"
check "the database is unchanged" pf "python3 -c \"import sqlite3; print(sqlite3.connect('$B/data/aid.sqlite').execute('select count(*) from aid').fetchone()[0])\" | grep -qx 4"
finish
