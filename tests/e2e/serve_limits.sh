#!/bin/bash
# serve_limits.sh — `briefc serve`'s per-request limits in its workers: a brief that raises its
# own limits and spins past --cpu-limit is stopped by the kernel (RLIMIT_CPU, moved before each
# request) with a 500 naming the limit; one that allocates past --memory-mb fails with a
# message and no crash; the worker is replaced and the next request builds.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_limits.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
B="$TMP/briefs"
mkdir -p "$B/spin/plugins" "$B/hog/plugins" "$B/good/plugins"
cat > "$B/spin/brief.lua" <<'LUA'
return { title = "Spins", limits = { instructions = 1e12, seconds = 600 }, sections = { section "spin" } }
LUA
printf 'return { name = "spin", version = "1", api = 1, render = function(s, ctx)\n  local n = 0\n  while true do n = n + 1 end\nend }\n' > "$B/spin/plugins/spin.lua"
cat > "$B/hog/brief.lua" <<'LUA'
return { title = "Hogs", limits = { memory_mb = 4096, instructions = 1e12, seconds = 600 },
  sections = { section "hog" } }
LUA
cat > "$B/hog/plugins/hog.lua" <<'LUA'
return { name = "hog", version = "1", api = 1, render = function(s, ctx)
  local t, x = {}, string.rep("x", 1 << 20)
  for i = 1, 4000 do t[i] = x .. i end
  s:paragraph(#t)
end }
LUA
printf 'return { title = "Good", sections = { section "ok" } }\n' > "$B/good/brief.lua"
printf 'return { name = "ok", version = "1", api = 1, render = function(s, ctx) s:paragraph("fine") end }\n' > "$B/good/plugins/ok.lua"

briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$B" -j 1 --cpu-limit 1 --memory-mb 512 --timeout 120
SPID=$BG_PID
serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
U="http://127.0.0.1:$PORT"
code=$(curl -s --max-time 120 -o "$TMP/spin.json" -w '%{http_code}' "$U/briefs/spin.pdf")
check "a build past --cpu-limit is a 500 ($code)" test "$code" = 500
check "... naming the limit" grepq -F "more than 1 s of CPU time, the server's limit for one request (briefc serve --cpu-limit)" "$TMP/spin.json"
check "the next request builds" pf "curl -s --max-time 60 -o /dev/null -w '%{http_code}' '$U/briefs/good.pdf' | grep -qx 200"
# The worker's address-space limit is not set under AddressSanitizer (its shadow memory
# reserves terabytes: BRIEFC_TEST_SLOW is set there), so the memory hog runs only without it.
if [ -z "${BRIEFC_TEST_SLOW:-}" ]; then
    code=$(curl -s --max-time 120 -o "$TMP/hog.json" -w '%{http_code}' "$U/briefs/hog.pdf")
    check "a build past --memory-mb fails ($code), not with a 200" test "$code" = 422 -o "$code" = 500
    check "... with a message naming the server's limit ($(head -c 200 "$TMP/hog.json"))" grepq -F 'below the brief' "$TMP/hog.json"
fi
check "the server is still up and builds" pf "curl -s --max-time 60 -o /dev/null -w '%{http_code}' '$U/briefs/good.pdf' | grep -qx 200"
check "the worker replaced at least once" pf "curl -s --max-time 10 '$U/metrics' | awk '\$1 == \"briefc_workers_restarted_total\" { exit !(\$2 >= 1) }'"
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve exits on SIGTERM"
SPID=
finish
