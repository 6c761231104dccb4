#!/bin/bash
# sql_tempfiles.sh — ctx:sql never writes a file outside the brief: a query whose DISTINCT (or
# sort) outgrows SQLite's page cache keeps its temporary b-tree in memory instead of spilling to
# a file in $SQLITE_TMPDIR, $TMPDIR or /var/tmp (seen with strace: no file opened there), and a
# query past SQLite's memory cap is an error at the plugin's line that says so, and no PDF.
. "$(dirname "$0")/lib.sh"
needs strace python3
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data" "$TMP/sqltmp"
python3 -c "
import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('create table t(a)'); db.commit()" "$B/data/x.sqlite"
cat > "$B/brief.lua" <<'LUA'
return { title = "SQL temp", params = { n = "100000", w = "300" }, sections = { section "q" } }
LUA
cat > "$B/plugins/q.lua" <<'LUA'
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  local rows = ctx:sql("data/x.sqlite", [[with recursive c(x) as (select 1 union all select x + 1 from c limit ?)
    select count(distinct r) n from (select x, randomblob(?) r from c)]], tonumber(ctx.params.n), tonumber(ctx.params.w))
  s:paragraph("distinct " .. rows[1].n)
end }
LUA
# (LeakSanitizer cannot run under ptrace: off for this one run)
ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" SQLITE_TMPDIR="$TMP/sqltmp" TMPDIR="$TMP/sqltmp" BRIEFC_NO_FORK=1 timeout 300 \
    strace -f -e trace=open,openat,creat -o "$TMP/trace" "$BRIEFC" build "$B" -o "$TMP/big.pdf" -q 2> "$TMP/big.err"; rc=$?
check "a 30 MB DISTINCT: built (exit $rc)" test $rc -eq 0
check "its rows are all there" pf "pdftotext '$TMP/big.pdf' - | grepq -F 'distinct 100000'"
check "strace saw the build open files (the trace works)" grepq -F "$B/data" "$TMP/trace"
check "SQLite opened no temporary file (etilqs_*)" pf "! grep -q etilqs '$TMP/trace'"
check "nothing was opened in the temporary folder" pf "! grep -qF '$TMP/sqltmp' '$TMP/trace'"
san_clean big "$TMP/big.err"
"$BRIEFC" build "$B" -D n=400000 -D w=2000 -o "$TMP/huge.pdf" > /dev/null 2> "$TMP/huge.err"; rc=$?
check "an 800 MB DISTINCT: exit 1 (got $rc)" test $rc -eq 1
check "it says the query needs more memory, at the plugin's line" pf "grep -E 'plugins/q.lua:2: error: data/x.sqlite: the query (needs more than 256 MB of memory|was stopped)' '$TMP/huge.err'"
check "no PDF" test ! -e "$TMP/huge.pdf"
san_clean huge "$TMP/huge.err"
finish
