#!/bin/bash
# serve.sh — `briefc serve` end to end: a real server on a loopback port (127.0.0.1 only, the
# port picked by the kernel), every route and status, params refused as -D refuses them, ETag
# and 304, the token, bounded bodies, a full queue, the batch route, hostile plugins (an endless loop, an error)
# that fail alone while the server goes on, a worker killed mid-request, an edited plugin seen
# without a restart, and SIGTERM draining a request in flight. Every request is bounded by
# curl --max-time; the server is killed by the trap whatever happens.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve.sh needs curl (scripts/deps.sh test)"; exit 1; }
B="$TMP/briefs"
mkdir -p "$B/good/plugins" "$B/loop/plugins" "$B/broken/plugins" "$B/slow/plugins" "$B/.hidden"

cat > "$B/good/brief.lua" <<'LUA'
return {
  title = "A good brief",
  subtitle = "It <b>builds</b>",
  subject = "Used by serve.sh",
  params = { word = "alpha", n = 3, flag = true, ratio = 0.5 },
  sections = { section "hello" },
}
LUA
cat > "$B/good/plugins/hello.lua" <<'LUA'
return { name = "hello", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("Word " .. ctx.params.word .. " times " .. ctx.params.n .. " version one.")
end }
LUA
cat > "$B/loop/brief.lua" <<'LUA'
return { title = "Loops", limits = { instructions = 1e6, seconds = 5 },
  sections = { section "spin" } }
LUA
cat > "$B/loop/plugins/spin.lua" <<'LUA'
return { name = "spin", version = "1", api = 1, render = function(s, ctx)
  local n = 0
  while true do n = n + 1 end
end }
LUA
cat > "$B/broken/brief.lua" <<'LUA'
return { title = "Broken", sections = { section "boom" } }
LUA
printf 'return { name = "boom", version = "1", api = 1, render = function(s, ctx)\n  error("the data went missing")\nend }\n' > "$B/broken/plugins/boom.lua"
cat > "$B/slow/brief.lua" <<'LUA'
return { title = "Slow", params = { rounds = 0 },
  limits = { instructions = 1e11, seconds = 60 }, sections = { section "work" } }
LUA
cat > "$B/slow/plugins/work.lua" <<'LUA'
return { name = "work", version = "1", api = 1, render = function(s, ctx)
  local n = 0
  if ctx.params.rounds < 0 then while true do n = n + 1 end end
  for i = 1, ctx.params.rounds do n = n + i end
  s:paragraph("Worked " .. ctx.params.rounds .. " rounds.")
end }
LUA
printf 'return {}\n' > "$B/.hidden/brief.lua"
TOKEN=s3cret-token-for-tests
printf '%s\n' "$TOKEN" > "$TMP/token"

SPID=
stop_server() { [ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; SPID=; }
trap 'stop_server; rm -rf "$TMP"' EXIT
# -j 1 and no queue: a second build while one runs is refused (503) at once
"$BRIEFC" serve --listen 127.0.0.1:0 --briefs "$B" -j 1 --max-queue 0 --token-file "$TMP/token" \
    --max-body 1 --log "$TMP/access.log" --allow-host briefs.example.org > "$TMP/server.out" 2> "$TMP/server.err" &
SPID=$!
serve_port "$SPID" "$TMP/server.err"
check "the server starts and says where it listens" test -n "$PORT"
[ -n "$PORT" ] || { cat "$TMP/server.err" >&2; finish; exit 1; }
U="http://127.0.0.1:$PORT"
A="Authorization: Bearer $TOKEN"
# get OUT URL [curl args]: body to OUT, headers to OUT.h, prints the status
get() { out=$1; url=$2; shift 2; curl -s --max-time 30 -D "$out.h" -o "$out" -w '%{http_code}' "$@" "$url"; }

check "GET /healthz needs no token" test "$(get "$TMP/hz" "$U/healthz")" = 200
check "/healthz says ok" contains "$TMP/hz" ok
check "no token: 401" test "$(get "$TMP/r" "$U/")" = 401
check "401 asks for a bearer token" grep -qi '^WWW-Authenticate: Bearer' "$TMP/r.h"
check "a wrong token: 401" test "$(get "$TMP/r" "$U/" -H "Authorization: Bearer s3cret-token-for-tesTs")" = 401
check "a longer token: 401" test "$(get "$TMP/r" "$U/" -H "$A-and-more")" = 401

# the list of briefs
check "GET /: 200" test "$(get "$TMP/index" "$U/" -H "$A")" = 200
check "the list names each brief by title" contains "$TMP/index" 'href="/briefs/good">A good brief</a>'
check "the list escapes a brief's text" contains "$TMP/index" 'It &lt;b&gt;builds&lt;/b&gt;'
check "a brief that cannot be read is listed with no title" contains "$TMP/index" 'href="/briefs/loop"'
check "a hidden folder is not a brief" sh -c "! grep -q hidden '$TMP/index'"
check "security headers: CSP" grep -qi "^Content-Security-Policy: default-src 'none'" "$TMP/index.h"
check "security headers: nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$TMP/index.h"
check "security headers: referrer policy" grep -qi '^Referrer-Policy: no-referrer' "$TMP/index.h"
check "GET /style.css: 200" test "$(get "$TMP/css" "$U/style.css" -H "$A")" = 200

# the form
check "GET /briefs/good: 200" test "$(get "$TMP/form" "$U/briefs/good" -H "$A")" = 200
check "the form: a labelled field per param" contains "$TMP/form" '<label for="p-word">word'
check "the form: a number keeps its default" contains "$TMP/form" 'name="n" value="3"'
check "the form: a fraction keeps its default" contains "$TMP/form" 'name="ratio" value="0.5"'
check "the form: a boolean is a choice" contains "$TMP/form" '<select id="p-flag" name="flag"><option value="true" selected>'
check "the form: no script" sh -c "! grep -qi '<script' '$TMP/form'"
check "the form previews into a frame" contains "$TMP/form" '<iframe name="preview"'
check "GET /briefs/good/params: 200" test "$(get "$TMP/schema" "$U/briefs/good/params" -H "$A")" = 200
check "the schema types each param" sh -c "tr -d ' \t\n' < '$TMP/schema' | grep -qF '\"n\":{\"type\":\"integer\",\"default\":3}'"
check "the schema refuses other params" sh -c "tr -d ' \t\n' < '$TMP/schema' | grep -qF '\"additionalProperties\":false'"

# unknown briefs and pages: 404, whatever the spelling; never a path
check "an unknown brief: 404" test "$(get "$TMP/r" "$U/briefs/nope.pdf" -H "$A")" = 404
check "a climbing name: 404" test "$(get "$TMP/r" "$U/briefs/..%2f..%2fetc%2fpasswd" -H "$A" --path-as-is)" = 404
check "a climbing path: 404" test "$(get "$TMP/r" "$U/briefs/../../etc/passwd" -H "$A" --path-as-is)" = 404
check "a hidden folder: 404" test "$(get "$TMP/r" "$U/briefs/.hidden" -H "$A")" = 404
check "a 404 names no folder" sh -c "! grep -q '$TMP' '$TMP/r'"
check "an unknown page: 404" test "$(get "$TMP/r" "$U/etc/passwd" -H "$A")" = 404
check "PUT: 405" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -X PUT)" = 405

# the PDF
check "GET the PDF: 200" test "$(get "$TMP/a.pdf" "$U/briefs/good.pdf?word=beta&n=7" -H "$A")" = 200
check "the PDF is a PDF" sh -c "pdftotext '$TMP/a.pdf' - | grep -q 'Word beta times 7 version one'"
check "the PDF is named" grep -qi '^Content-Disposition: inline; filename="good.pdf"' "$TMP/a.pdf.h"
check "the PDF may be revalidated" grep -qi '^Cache-Control: no-cache' "$TMP/a.pdf.h"
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\("[0-9a-f]*"\).*/\1/p' "$TMP/a.pdf.h")
check "a strong ETag" test -n "$etag"
check "If-None-Match: 304" test "$(get "$TMP/r" "$U/briefs/good.pdf?word=beta&n=7" -H "$A" -H "If-None-Match: $etag")" = 304
check "the same params in another order: the same ETag (304)" test "$(get "$TMP/r" "$U/briefs/good.pdf?n=7&word=beta" -H "$A" -H "If-None-Match: $etag")" = 304
check "other params: not 304" test "$(get "$TMP/b.pdf" "$U/briefs/good.pdf?word=gamma" -H "$A" -H "If-None-Match: $etag")" = 200
check "again: from the response cache" sh -c "curl -s --max-time 30 -D - -o /dev/null -H '$A' '$U/briefs/good.pdf?word=beta&n=7' | grep -qi '^X-Briefc-Cache: hit'"
check "download: an attachment" sh -c "curl -s --max-time 30 -D - -o /dev/null -H '$A' '$U/briefs/good.pdf?_download=1' | grep -qi '^Content-Disposition: attachment'"
check "POST JSON: 200" test "$(get "$TMP/j.pdf" "$U/briefs/good.pdf" -H "$A" -H 'Content-Type: application/json' -d '{"word": "delta", "n": 12, "flag": false}')" = 200
check "POST JSON: the params reach the plugin" sh -c "pdftotext '$TMP/j.pdf' - | grep -q 'Word delta times 12'"
check "POST form: 200" test "$(get "$TMP/f.pdf" "$U/briefs/good.pdf" -H "$A" -d 'word=epsilon+zeta&n=5')" = 200
check "POST form: the params reach the plugin" sh -c "pdftotext '$TMP/f.pdf' - | grep -q 'Word epsilon zeta times 5'"

# params refused exactly as -D refuses them
cli=$(cd "$B" && "$BRIEFC" build good -D n=many -o "$TMP/x.pdf" 2>&1)
check "GET a bad number: 400" test "$(get "$TMP/e400" "$U/briefs/good.pdf?n=many" -H "$A")" = 400
want=$(printf '%s' "$cli" | head -n 1)
check "the 400 carries the -D message ($want)" contains "$TMP/e400" "$want"
check "a misspelt param: 400 with a suggestion" sh -c "test \"\$(curl -s --max-time 30 -o '$TMP/e' -w '%{http_code}' -H '$A' '$U/briefs/good.pdf?wrod=x')\" = 400 && grep -qF \"did you mean 'word'\" '$TMP/e'"
check "a bad JSON value: 400" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -H 'Content-Type: application/json' -d '{"n": [1]}')" = 400
check "a JSON bool for a number: 400" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -H 'Content-Type: application/json' -d '{"n": true}')" = 400
check "a NUL in a value: 400" test "$(get "$TMP/r" "$U/briefs/good.pdf?word=a%00b" -H "$A")" = 400
check "a param given twice: 400" test "$(get "$TMP/r" "$U/briefs/good.pdf?n=1&n=2" -H "$A")" = 400
check "a browser gets the 400 as a page" sh -c "curl -s --max-time 30 -H '$A' -H 'Accept: text/html' '$U/briefs/good.pdf?n=many' | grep -qF 'expected a number'"
check "an unknown body type: 415" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -H 'Content-Type: text/plain' -d 'n=1')" = 415
head -c 2000 /dev/zero | tr '\0' 'a' > "$TMP/big"
check "a body over --max-body: 413" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" --data-binary "@$TMP/big")" = 413
check "a chunked body over --max-body: 413" test "$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/big")" = 413
head -c 3000000 /dev/zero > "$TMP/huge"
code=$(get "$TMP/r" "$U/briefs/good.pdf" -H "$A" -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/huge")
check "a huge chunked body: the connection is closed unanswered (got $code)" sh -c "test '$code' = 000 || test '$code' = 100"
check "after it the server still answers" test "$(get "$TMP/r" "$U/healthz")" = 200
# DNS rebinding: on loopback, Host must name this machine (or an --allow-host name)
check "a foreign Host: 421" test "$(get "$TMP/r" "$U/healthz" -H 'Host: evil.example')" = 421
check "Host localhost: served" test "$(get "$TMP/r" "$U/healthz" -H "Host: localhost:$PORT")" = 200
check "an --allow-host name: served" test "$(get "$TMP/r" "$U/healthz" -H 'Host: briefs.example.org')" = 200

# batch: a manifest in, a zip of PDFs out; a bad row names its row as briefc batch does
printf 'word,n\nrow-one,1\nrow-two,2\nrow-three,3\n' > "$TMP/m.csv"
check "POST a CSV manifest: 200" test "$(get "$TMP/b.zip" "$U/briefs/good/batch" -H "$A" -H 'Content-Type: text/csv' --data-binary "@$TMP/m.csv")" = 200
check "the batch is a zip" sh -c "head -c 2 '$TMP/b.zip' | grep -q PK"
mkdir -p "$TMP/unz"
if command -v unzip >/dev/null 2>&1; then
    check "the zip is whole" unzip -tq "$TMP/b.zip"
    unzip -q -o "$TMP/b.zip" -d "$TMP/unz"
    check "the zip holds a PDF a row, named by row" test -f "$TMP/unz/good-1.pdf" -a -f "$TMP/unz/good-3.pdf"
    check "each row's params reach its PDF" sh -c "pdftotext '$TMP/unz/good-2.pdf' - | grep -q 'Word row-two times 2'"
fi
printf '{"word": "jl", "n": 4}\n' > "$TMP/m.jsonl"
check "POST a JSON-lines manifest: 200" test "$(get "$TMP/b2.zip" "$U/briefs/good/batch" -H "$A" -H 'Content-Type: application/jsonl' --data-binary "@$TMP/m.jsonl")" = 200
printf 'n\n1\nmany\n' > "$TMP/bad.csv"
check "a bad row: 400" test "$(get "$TMP/e" "$U/briefs/good/batch" -H "$A" -H 'Accept: text/plain' -H 'Content-Type: text/csv' --data-binary "@$TMP/bad.csv")" = 400
check "a bad row is named as briefc batch names it" contains "$TMP/e" "manifest.csv:3: error: row 2: param 'n': expected a number, got 'many'"
{ echo n; i=0; while [ $i -lt 101 ]; do echo $i; i=$((i + 1)); done; } > "$TMP/many.csv"
check "more than 100 rows: 413" test "$(get "$TMP/r" "$U/briefs/good/batch" -H "$A" -H 'Content-Type: text/csv' --data-binary "@$TMP/many.csv")" = 413
check "a manifest of another type: 415" test "$(get "$TMP/r" "$U/briefs/good/batch" -H "$A" -H 'Content-Type: text/plain' --data-binary "@$TMP/m.csv")" = 415
check "GET batch: 405" test "$(get "$TMP/r" "$U/briefs/good/batch" -H "$A")" = 405

# hostile plugins fail alone, with their messages; the server goes on
check "an endless loop: 422" test "$(get "$TMP/loop" "$U/briefs/loop.pdf" -H "$A")" = 422
check "the endless loop's message names the plugin line" contains "$TMP/loop" 'plugins/spin.lua:3'
check "the endless loop's message says which limit" contains "$TMP/loop" 'limit reached'
check "a plugin error: 422" test "$(get "$TMP/boom" "$U/briefs/broken.pdf" -H "$A")" = 422
check "the error is the plugin's, at its line" contains "$TMP/boom" 'broken/plugins/boom.lua:2'
check "no path outside the briefs folder in a message" sh -c "! grep -qF '$TMP' '$TMP/boom' '$TMP/loop'"
check "after both the server still builds" test "$(get "$TMP/r.pdf" "$U/briefs/good.pdf?word=after" -H "$A")" = 200

# a burst of one PDF being built: one build, the others wait for it (no 503 with one worker
# and no queue), and all get the same bytes
herd=
for k in 1 2 3 4; do
    curl -s --max-time 60 -o "$TMP/herd$k.pdf" -w '%{http_code}' -H "$A" "$U/briefs/slow.pdf?rounds=20000000" > "$TMP/herd$k.code" &
    herd="$herd $!"
done
for p in $herd; do wait "$p"; done
check "a burst of one PDF: all 200 ($(cat "$TMP"/herd?.code | tr '\n' ' '))" sh -c "test \"\$(cat '$TMP'/herd?.code)\" = 200200200200"
check "a burst of one PDF: the same bytes" sh -c "cmp -s '$TMP/herd1.pdf' '$TMP/herd2.pdf' && cmp -s '$TMP/herd1.pdf' '$TMP/herd4.pdf'"

# so far no worker has crashed (a sanitizer report ends a worker, which would be replaced
# silently: the count says so)
check "no worker restarted yet" sh -c "curl -s --max-time 30 -H '$A' '$U/metrics' | grep -q '^briefc_workers_restarted_total 0'"

# a worker killed mid-request costs that request (500), is replaced, and a full queue is 503
curl -s --max-time 60 -o "$TMP/slow" -w '%{http_code}' -H "$A" "$U/briefs/slow.pdf?rounds=-1" > "$TMP/slow.code" &
CPID=$!
i=0
while [ $i -lt 200 ] && ! curl -s --max-time 5 -H "$A" "$U/metrics" | grepq '^briefc_workers_busy 1'; do
    i=$((i + 1)); sleep 0.05
done
check "a second build while the only worker is busy: 503" test "$(get "$TMP/busy" "$U/briefs/good.pdf?word=busy" -H "$A")" = 503
check "503 says when to retry" grep -qi '^Retry-After:' "$TMP/busy.h"
for w in $(ps -o pid= --ppid "$SPID"); do kill -KILL "$w"; done
wait "$CPID"
check "the killed worker's request: 500" test "$(cat "$TMP/slow.code")" = 500
check "the 500 says the worker stopped" contains "$TMP/slow" 'worker stopped'
check "after the kill the server still builds" test "$(get "$TMP/r.pdf" "$U/briefs/good.pdf?word=replaced" -H "$A")" = 200

# an edited plugin is picked up without a restart
get "$TMP/v1.pdf" "$U/briefs/good.pdf" -H "$A" >/dev/null
etag1=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\("[0-9a-f]*"\).*/\1/p' "$TMP/v1.pdf.h")
sed -i 's/version one/version two, edited/' "$B/good/plugins/hello.lua"
check "after the edit the old ETag is not 304" test "$(get "$TMP/v2.pdf" "$U/briefs/good.pdf" -H "$A" -H "If-None-Match: $etag1")" = 200
check "after the edit the PDF has the new text" sh -c "pdftotext '$TMP/v2.pdf' - | grep -q 'version two, edited'"

# metrics
check "GET /metrics: 200" test "$(get "$TMP/metrics" "$U/metrics" -H "$A")" = 200
check "metrics: requests by route and status" contains "$TMP/metrics" 'briefc_http_requests_total{route="pdf",status="422"} 2'
check "metrics: the build histogram" contains "$TMP/metrics" 'briefc_build_seconds_bucket{le="+Inf"}'
check "metrics: cache hits" grep -q '^briefc_cache_hits_total [1-9]' "$TMP/metrics"
check "metrics: a worker restarted" grep -q '^briefc_workers_restarted_total [1-9]' "$TMP/metrics"
check "metrics: limit hits" grep -q '^briefc_plugin_limit_hits_total [1-9]' "$TMP/metrics"
check "metrics: every build's queue wait is counted" sh -c "n=\$(sed -n 's/^briefc_queue_wait_seconds_count //p' '$TMP/metrics'); b=\$(sed -n 's/^briefc_build_seconds_count //p' '$TMP/metrics'); [ -n \"\$n\" ] && [ \"\$n\" -gt 0 ] && [ \"\$n\" = \"\$b\" ]"
check "metrics: queue wait buckets are cumulative" sh -c "grep '^briefc_queue_wait_seconds_bucket' '$TMP/metrics' | awk '{ if (\$2 < prev) bad = 1; prev = \$2 } END { exit bad || NR != 13 }'"
check "the access log has a line per request" grep -q 'GET /briefs/good.pdf 200' "$TMP/access.log"

# SIGHUP reopens the log (after a rotation, lines go to the new file)
mv "$TMP/access.log" "$TMP/access.log.1"
kill -HUP "$SPID"
i=0
while [ $i -lt 200 ] && ! grep -qs 'GET /healthz 200' "$TMP/access.log"; do
    curl -s --max-time 5 -o /dev/null "$U/healthz"; i=$((i + 1)); sleep 0.05
done
check "SIGHUP: the log is reopened" grep -q 'GET /healthz 200' "$TMP/access.log"
check "SIGHUP: the server goes on" test "$(get "$TMP/r" "$U/healthz")" = 200

# SIGTERM: the request in flight finishes, then the server exits 0
curl -s --max-time 60 -o "$TMP/drain.pdf" -w '%{http_code}' -H "$A" "$U/briefs/slow.pdf?rounds=30000000" > "$TMP/drain.code" &
CPID=$!
i=0
while [ $i -lt 200 ] && ! curl -s --max-time 5 -H "$A" "$U/metrics" | grepq '^briefc_workers_busy 1'; do
    i=$((i + 1)); sleep 0.05
done
kill -TERM "$SPID"
rc=0
timeout 60 sh -c "while kill -0 $SPID 2>/dev/null; do sleep 0.05; done" || rc=1
wait "$SPID"; src=$?
SPID=
wait "$CPID"
check "SIGTERM: the server stops" test "$rc" -eq 0
check "SIGTERM: exit status 0 (got $src)" test "$src" -eq 0
check "SIGTERM: the request in flight was answered (got $(cat "$TMP/drain.code"))" test "$(cat "$TMP/drain.code")" = 200
check "SIGTERM: its PDF is whole" sh -c "pdftotext '$TMP/drain.pdf' - | grep -q 'Worked 30000000 rounds'"
check "SIGTERM: no worker left behind" sh -c "! ps -o pid= --ppid $$ -o comm= | grep -q briefc"
finish
