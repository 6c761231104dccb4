#!/bin/bash
# serve_hostile.sh — the hostile plugin corpus (tests/hostile) served through briefc serve: each
# case, a brief of its own in the served folder, must answer 422 with its expected message
# (NAME.expect) while the server goes on answering, and no build worker may die on the way
# (the isolation is the sandbox's and the pool's, not luck). Two requests at a time; each
# bounded by curl --max-time; the server killed by the trap.
. "$(dirname "$0")/lib.sh"
H="$TESTS/hostile"
B="$TMP/briefs"
mkdir -p "$B"
secs=10 hang=90
[ -n "${BRIEFC_TEST_SLOW:-}" ] && secs=60 hang=150
for exp in "$H"/*.expect; do
    name=$(basename "$exp" .expect)
    dir="$B/$name"
    mkdir -p "$dir/data" "$dir/plugins"
    cp "$H"/*.lua "$dir/plugins/"
    sections="section \"$name\""
    [ -f "$H/$name.brief" ] && sections=$(cat "$H/$name.brief")
    # the brief hostile.sh builds, line for line (its .expect files name brief.lua's lines)
    printf 'return {\n  title = "hostile %s",\n  limits = { seconds = %d },\n  sections = {\n    %s,\n  },\n}\n' \
        "$name" "$secs" "$sections" > "$dir/brief.lua"
    ln -s /etc/passwd "$dir/data/escape"
done
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
"$BRIEFC" serve --listen 127.0.0.1:0 --briefs "$B" -j 2 --max-queue 64 2> "$TMP/server.err" &
SPID=$!
serve_port "$SPID" "$TMP/server.err"
check "the server starts" test -n "$PORT"
U="http://127.0.0.1:$PORT"
# a hang guard, not a speed test: a request past $hang s means no limit fired
for exp in "$H"/*.expect; do basename "$exp" .expect; done |
    xargs -P 2 -I NAME sh -c 'curl -s --max-time "$3" -H "Accept: text/plain" -o "$1/NAME.out" -w "%{http_code}" "$2/briefs/NAME.pdf" > "$1/NAME.code"' sh "$TMP" "$U" "$hang"
for exp in "$H"/*.expect; do
    name=$(basename "$exp" .expect)
    code=$(cat "$TMP/$name.code" 2>/dev/null)
    check "$name: 422 (got $code)" test "$code" = 422
    want=$(cat "$exp")
    if grep -qF -- "$want" "$TMP/$name.out"; then ok; else bad "$name: expected '$want' in: $(cat "$TMP/$name.out")"; fi
    check "$name: no path outside the briefs folder" sh -c "! grep -qF '$TMP' '$TMP/$name.out'"
done
check "os.execute really did nothing" test ! -e /tmp/briefc-pwned
check "the server still answers" sh -c "curl -s --max-time 10 '$U/healthz' | grep -q ok"
check "no worker died on the way" sh -c "curl -s --max-time 10 '$U/metrics' | grep -q '^briefc_workers_restarted_total 0'"
kill -TERM "$SPID"; wait "$SPID"; src=$?; SPID=
check "the server exits 0 on SIGTERM" test "$src" -eq 0
finish
