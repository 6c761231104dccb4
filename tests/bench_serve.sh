#!/bin/sh
# bench_serve.sh BRIEFC — `briefc serve` under load (make bench): requests per second and the
# p50/p99 latency for the sample brief at 16 keep-alive connections, with the response cache
# off (every request a build) and on, then the resident memory of the server and its workers
# after 1,000 and after 10,000 uncached handout requests. Loopback only, bounded in count and
# time; figures, not a test (this machine is shared).
set -eu
briefc=$1
root=$(cd "$(dirname "$0")/.." && pwd)
command -v ab >/dev/null 2>&1 || { echo "serve: ab not found (apt-get install apache2-utils)"; exit 0; }
out=$(mktemp -d)
spid=
trap '[ -n "$spid" ] && kill -KILL "$spid" 2>/dev/null; rm -rf "$out"' EXIT
export BRIEFC_CACHE_DIR="$out/cache"

start() { # start CACHE_MB: a server on a port the kernel picks; sets spid and url. Returns 1
    # (the server stopped) when it did not say its port within a minute or did not answer its
    # warm-up request in three tries: a loaded machine slows it, the bench goes on.
    "$briefc" serve --listen 127.0.0.1:0 --briefs "$root/briefs" --cache-mb "$1" 2> "$out/err" &
    spid=$!
    port=
    i=0
    while [ -z "$port" ] && [ $i -lt 1200 ] && kill -0 "$spid" 2>/dev/null; do
        port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/err"); i=$((i + 1)); sleep 0.05
    done
    url="http://127.0.0.1:$port"
    for try in 1 2 3; do # warm the workers
        [ -n "$port" ] && curl -s --max-time 60 -o /dev/null -f "$url/briefs/pakistan-us.pdf" && return 0
        kill -0 "$spid" 2>/dev/null || break
        sleep 1
    done
    echo "serve: the server did not answer (try $try, port '${port}'): $(tail -n 2 "$out/err" | tr '\n' ' ')"
    stop
    return 1
}
stop() { kill -TERM "$spid" 2>/dev/null || true; wait "$spid" 2>/dev/null || true; spid=; }
run() { # run LABEL N URL
    timeout 300 ab -q -k -s 60 -n "$2" -c 16 "$3" > "$out/ab" 2>&1 || true
    awk -v label="$1" '
        /^Requests per second/ { rps = $4 }
        /^Failed requests/ { failed = $3 }
        /^Non-2xx responses/ { non2xx = $3 }
        /^  50%/ { p50 = $2 } /^  99%/ { p99 = $2 }
        END { printf "%-34s %8.0f req/s, p50 %s ms, p99 %s ms, %d failed, %d not 2xx\n",
              label, rps, p50, p99, failed, non2xx }' "$out/ab"
}
rss() { # the server's and its workers' resident memory, in KB (a worker that exits between
    # two ps calls once left an empty operand to $((...)), which ended the bench with status 2)
    { ps -o rss= -p "$spid"; ps -o rss= --ppid "$spid"; } 2>/dev/null | awk '{ t += $1 } END { print t + 0 }'
}

if start 0; then
    run "serve: sample brief, cache off" 2000 "$url/briefs/pakistan-us.pdf"
    run "serve: handout, cache off" 1000 "$url/briefs/handout.pdf?year=2012"
    timeout 300 ab -q -k -n 1000 -c 16 "$url/briefs/handout.pdf?year=2013" > /dev/null 2>&1 || true
    r1=$(rss)
    timeout 300 ab -q -k -n 9000 -c 16 "$url/briefs/handout.pdf?year=2014" > /dev/null 2>&1 || true
    r10=$(rss)
    echo "serve: RSS (server + workers)      $r1 KB after 1,000 handouts, $r10 KB after 10,000"
    stop
fi
if start 64; then
    run "serve: sample brief, cached" 20000 "$url/briefs/pakistan-us.pdf"
    stop
fi
