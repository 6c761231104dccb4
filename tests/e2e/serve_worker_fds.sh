#!/bin/bash
# serve_worker_fds.sh — `briefc serve`'s build workers hold their two job pipes and stdin,
# stdout and stderr, nothing else: a descriptor serve was started with (here a file opened by
# this script without close-on-exec, as a launcher or a shell redirection leaves them) is not
# in a worker, where a plugin's or a parser's exploit could use it. Checked before and after a
# build, and in a worker that replaced a killed one, which must also outlive the request that
# started it.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_worker_fds.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
B="$TMP/briefs"
mkdir -p "$B/w/plugins"
printf 'return { title = "Fds", params = { n = 1 }, sections = { section "p" } }\n' > "$B/w/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx) s:paragraph("built") end }\n' > "$B/w/plugins/p.lua"
exec 7> "$TMP/leaked-log" 8< "$B/w/brief.lua"   # open in this shell, so inherited by serve
briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$B" -j 1
SPID=$BG_PID
exec 7>&- 8<&-
serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
U="http://127.0.0.1:$PORT"
workers() { cat /proc/"$SPID"/task/*/children 2>/dev/null | tr " " "\n" | grep .; }
fds_of() { ls /proc/"$1"/fd 2>/dev/null | sort -n | tr '\n' ' '; }
check "serve itself was given fds 7 and 8 (the check can fail)" pf "ls /proc/$SPID/fd | grep -qx 7 && ls /proc/$SPID/fd | grep -qx 8"
w=$(workers | head -1)
check "a worker runs" test -n "$w"
check "the worker holds 0 to 4 only ($(fds_of "$w"))" test "$(fds_of "$w")" = "0 1 2 3 4 "
check "a build through it" pf "curl -s --max-time 60 '$U/briefs/w.pdf' | pdftotext - - | grepq built"
check "after the build: 0 to 4 only ($(fds_of "$w"))" test "$(fds_of "$w")" = "0 1 2 3 4 "

# A worker replaced after a crash is started by the request that found it dead, on that
# request's connection thread; it must outlive that thread (it died with it: PR_SET_PDEATHSIG
# follows the thread that forked), or every later request found a dead worker again.
restarts() { curl -s --max-time 10 "$U/metrics" | awk '$1 == "briefc_workers_restarted_total" { print $2 }'; }
kill -KILL "$w"
check "a build after the worker was killed" pf "curl -s --max-time 60 '$U/briefs/w.pdf?n=2' | pdftotext - - | grepq built"
r1=$(restarts)
check "one restart counted ($r1)" test "$r1" = 1
for n in 3 4 5; do
    check "build $n on the replacement" pf "curl -s --max-time 60 '$U/briefs/w.pdf?n=$n' | pdftotext - - | grepq built"
done
check "no more restarts after the first ($(restarts))" test "$(restarts)" = 1
alive() { grep -q '^State:[[:space:]]*[RSD]' /proc/"$1"/status 2>/dev/null; }
w2=$(workers | head -1)
check "the replacement worker is alive ($w2)" alive "$w2"
[ -n "$w2" ] && check "the replacement holds 0 to 4 only ($(fds_of "$w2"))" test "$(fds_of "$w2")" = "0 1 2 3 4 "
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve"
SPID=

# serve killed while a worker builds: the worker ends at once (it sees its job pipe close),
# not when its build would (30 s of CPU here, the --cpu-limit).
mkdir -p "$B/slow/plugins"
printf 'return { title = "Slow", limits = { seconds = 120, instructions = 100000000000 }, sections = { section "p" } }\n' > "$B/slow/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx) local n = 0 while true do n = n + 1 end end }\n' > "$B/slow/plugins/p.lua"
briefc_bg "$TMP/err2" serve --listen 127.0.0.1:0 --briefs "$B" -j 1
SPID=$BG_PID
serve_port "$SPID" "$TMP/err2" || { bad "the server did not start again"; finish; exit 1; }
w=$(workers | head -1)
curl -s --max-time 120 -o /dev/null "http://127.0.0.1:$PORT/briefs/slow.pdf" &
CURL=$!
busy() { test "$(awk '{print $14}' /proc/"$w"/stat 2>/dev/null)" -gt 50; } # > 0.5 s of CPU
wait_for 60 busy
check "the worker is building" busy
kill -KILL "$SPID"; wait "$SPID" 2>/dev/null; SPID=
gone() { ! alive "$w"; }
wait_for 10 gone
check "serve killed mid-build: its worker is gone within 10 s" gone
kill "$CURL" 2>/dev/null; wait "$CURL" 2>/dev/null
finish
