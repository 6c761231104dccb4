#!/bin/bash
# serve_load.sh — `briefc serve` under load, for correctness, not speed: 5,000 requests at 32
# concurrent connections (ab, loopback only) against a server whose response cache is off, so
# that every request is a build in a worker, then 5,000 more with the cache on; meanwhile
# requests with bad parameters, unknown briefs and a batch. Every request answered, none
# failed, no worker lost, the /metrics counters adding up to what was sent, and the server's and
# its workers' memory flat from the first 1,000 requests to the last (within 8 MB). Bounded in
# count and time (ab -s, timeout); the figures a benchmark wants are in tests/bench_serve.sh.
. "$(dirname "$0")/lib.sh"
command -v ab >/dev/null 2>&1 || { echo "serve_load.sh needs ab (apache2-utils, scripts/deps.sh test)"; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "serve_load.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
start() { # start CACHE_MB
    briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$ROOT/briefs" -j 2 --max-queue 64 --cache-mb "$1"
    SPID=$BG_PID
    serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
    URL="http://127.0.0.1:$PORT"
}
stop() {
    kill -TERM "$SPID"
    briefc_wait "$SPID" 0 "$TMP/err" "serve drains and exits on SIGTERM"
    SPID=
}
# ab N URL: N requests at 32 connections; the counts of failed and non-2xx responses
ab_run() {
    timeout 600 ab -q -k -s 120 -n "$1" -c 32 "$2" > "$TMP/ab" 2>&1
    awk '/^Complete requests/ { c = $3 } /^Failed requests/ { f = $3 } /^Non-2xx responses/ { n = $3 }
         END { printf "%d %d %d\n", c, f, n }' "$TMP/ab"
}
rss() { # the server's and its workers' resident memory, KB
    local total w
    total=$(ps -o rss= -p "$SPID")
    for w in $(ps -o pid= --ppid "$SPID"); do total=$((total + $(ps -o rss= -p "$w" 2>/dev/null || echo 0))); done
    echo "$total"
}
metric() { curl -s --max-time 10 "$URL/metrics" | awk -v m="$1" '$1 == m { s += $2 } END { print s + 0 }'; }
status_count() { # the sum of briefc_http_requests_total lines with this status code
    curl -s --max-time 10 "$URL/metrics" | awk -v c="status=\"$1\"" '/^briefc_http_requests_total/ && index($0, c) { s += $2 } END { print s + 0 }'
}

# --- every request a build
start 0
check "warm-up build" pf "curl -s --max-time 60 -o /dev/null -w '%{http_code}' '$URL/briefs/handout.pdf?year=2010' | grep -qx 200"
read -r c f n <<< "$(ab_run 1000 "$URL/briefs/handout.pdf?year=2012")"
check "1,000 uncached builds at 32 connections: all complete ($c)" test "$c" -eq 1000
check "... none failed ($f) and all 200 ($n not)" test "$f" -eq 0 -a "$n" -eq 0
r1=$(rss)
# side traffic while 4,000 more run: bad params (400), unknown brief (404), a batch (200)
( for i in $(seq 1 40); do
    curl -s --max-time 60 -o /dev/null -w '%{http_code}\n' "$URL/briefs/handout.pdf?year=banana"
    curl -s --max-time 60 -o /dev/null -w '%{http_code}\n' "$URL/briefs/nosuchbrief.pdf"
  done > "$TMP/side" ) &
side=$!
printf 'year\n2010\n2011\n2012\n' > "$TMP/rows.csv"
curl -s --max-time 120 -o "$TMP/batch.zip" -w '%{http_code}' -H 'Content-Type: text/csv' \
    --data-binary @"$TMP/rows.csv" "$URL/briefs/handout/batch" > "$TMP/batch.code"
read -r c f n <<< "$(ab_run 4000 "$URL/briefs/handout.pdf?year=2013")"
wait "$side"
r5=$(rss)
check "4,000 more: all complete ($c)" test "$c" -eq 4000
check "... none failed ($f) and all 200 ($n not)" test "$f" -eq 0 -a "$n" -eq 0
check "bad params were 400 and unknown briefs 404 throughout" pf "sort '$TMP/side' | uniq -c | tr -s ' ' | sed 's/^ //' | tr '\n' ' ' | grep -qx '40 400 40 404 '"
check "the batch under load answered 200 ($(cat "$TMP/batch.code"))" test "$(cat "$TMP/batch.code")" = 200
check "the batch zip holds three PDFs" pf "unzip -l '$TMP/batch.zip' | grep -c '\.pdf$' | grep -qx 3"
# (not under the sanitizers: ASan's quarantine holds freed memory back by design)
[ -z "${BRIEFC_TEST_SLOW:-}" ] &&
    check "memory flat: $r1 KB after 1,000, $r5 KB after 5,000 (within 8 MB)" test $((r5 - r1)) -lt 8192
check "no worker was replaced" test "$(metric briefc_workers_restarted_total)" -eq 0
ok200=$(status_count 200)
check "the metrics count every 200 ($ok200 of at least 5,002)" test "$ok200" -ge 5002
check "... every 400 ($(status_count 400))" test "$(status_count 400)" -eq 40
check "... every 404 ($(status_count 404))" test "$(status_count 404)" -eq 40
stop

# --- the response cache on: 5,000 more, served from memory after the first
start 16
read -r c f n <<< "$(ab_run 5000 "$URL/briefs/pakistan-us.pdf")"
check "5,000 cached requests: all complete ($c), none failed ($f), all 200 ($n not)" test "$c" -eq 5000 -a "$f" -eq 0 -a "$n" -eq 0
hits=$(metric briefc_cache_hits_total)
check "the cache answered all but the first few ($hits hits)" test "$hits" -ge 4960
check "the cached PDF is the one a build writes" pf "curl -s --max-time 60 '$URL/briefs/pakistan-us.pdf' | pdfinfo - | grepq '^Pages:'"
stop
finish
