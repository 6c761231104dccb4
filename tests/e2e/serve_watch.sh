#!/bin/bash
# serve_watch.sh — `briefc serve` remembers each brief's state until inotify reports a change:
# repeated requests walk no folder, an edit to a plugin or data file (also in a folder made
# after the start) gives the very next request a new ETag, and a brief that reaches data through
# a symbolic link (inside it: the file door refuses any other), which the watch does not follow,
# is walked on every request and still correct.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_watch.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
B="$TMP/briefs"
mkdir -p "$B/w/plugins" "$B/l/plugins" "$B/l/real"
printf 'return { title = "Watched", sections = { section "p" } }\n' > "$B/w/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx) s:paragraph("one") end }\n' > "$B/w/plugins/p.lua"
printf 'return { title = "Linked", sections = { section "q" } }\n' > "$B/l/brief.lua"
printf 'return { name = "q", version = "1", api = 1, render = function(s, ctx) s:paragraph(ctx:read_text("data/t.txt")) end }\n' > "$B/l/plugins/q.lua"
echo "first" > "$B/l/real/t.txt"
ln -s real "$B/l/data"

briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$B" -j 1
SPID=$BG_PID
serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
U="http://127.0.0.1:$PORT"
etag() { curl -s --max-time 60 -o "$TMP/$2.pdf" -D - "$U/briefs/$1.pdf" | tr -d '\r' | sed -n 's/^ETag: //Ip'; }
walks() { curl -s --max-time 10 "$U/metrics" | awk '$1 == "briefc_state_walks_total" { print $2 }'; }
check "no note about a missing watch" pf "! grep -q 'no change watch' '$TMP/err'"
e1=$(etag w a)
w1=$(walks)
check "the metrics count state walks ($w1)" pf "echo '$w1' | grep -qE '^[0-9]+$'"
for i in 1 2 3 4 5; do etag w b > /dev/null; done
check "five more requests walk no folder ($w1 -> $(walks))" test "$(walks)" = "$w1"
check "... and keep the ETag" test "$(etag w c)" = "$e1"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx) s:paragraph("two") end }\n' > "$B/w/plugins/p.lua"
e2=$(etag w d)
check "an edited plugin: the very next request has a new ETag" test -n "$e2" -a "$e2" != "$e1"
check "... and the new text" pf "pdftotext '$TMP/d.pdf' - | grepq two"
check "... after one walk" test "$(walks)" -eq $((w1 + 1))
mkdir -p "$B/w/data/deep"
echo x > "$B/w/data/deep/f.txt"
e3=$(etag w e)
check "a new folder is a change" test "$e3" != "$e2"
echo y >> "$B/w/data/deep/f.txt"
e4=$(etag w f)
check "an edit inside a folder made after the start is seen" test "$e4" != "$e3"
l1=$(etag l g)
check "a brief read through a link builds" pf "pdftotext '$TMP/g.pdf' - | grepq first"
w2=$(walks)
etag l h > /dev/null
check "... and is walked on every request" test "$(walks)" -gt "$w2"
echo "second and longer" > "$B/l/real/t.txt"
l2=$(etag l i)
check "an edit behind the link: a new ETag" test "$l2" != "$l1"
check "... and the new text" pf "pdftotext '$TMP/i.pdf' - | grepq second"
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve exits on SIGTERM"
SPID=
finish
