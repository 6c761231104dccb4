#!/bin/bash
# serve_worker_fds.sh — `briefc serve`'s build workers hold their two job pipes and stdin,
# stdout and stderr, nothing else: a descriptor serve was started with (here a file opened by
# this script without close-on-exec, as a launcher or a shell redirection leaves them) is not
# in a worker, where a plugin's or a parser's exploit could use it. Checked before and after a
# build.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_worker_fds.sh needs curl"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
B="$TMP/briefs"
mkdir -p "$B/w/plugins"
printf 'return { title = "Fds", sections = { section "p" } }\n' > "$B/w/brief.lua"
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
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve"
SPID=
finish
