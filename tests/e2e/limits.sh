#!/bin/sh
# limits.sh — the limits of a brief hold whatever its code does: memory the document and the
# host take on its behalf, pages as they grow, a markup parser that stays linear, and a wall
# clock held by a supervising process (C calls the sandbox cannot interrupt, finalizers at
# close, signals to briefc). A failing case exits 1 with its message, leaves no PDF and no
# temporary file, and leaves an existing output byte for byte as it was.
# Each run is bounded by timeout and prlimit (no address-space limit under a sanitizer, which
# reserves terabytes: BRIEFC_TEST_SLOW is set there).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

AS="--as=$((8 << 30))"
[ -n "${BRIEFC_TEST_SLOW:-}" ] && AS=
run() { # run SECONDS args...: briefc bounded; output in out.txt, status in $rc
    secs=$1; shift
    timeout "$secs" prlimit $AS --cpu=120 "$BRIEFC" "$@" > out.txt 2>&1; rc=$?
}
expect() { # expect NAME TEXT: the last run failed with TEXT
    check "$1: exit 1 (got $rc)" test "$rc" -eq 1
    if grep -qF -- "$2" out.txt; then ok; else bad "$1: expected '$2' in: $(head -c 600 out.txt)"; fi
}
brief() { # brief NAME LIMITS PLUGIN-BODY: a brief of one section running the body
    mkdir -p "$1/plugins"
    printf 'return { title = "%s", limits = { %s }, sections = { section "%s" } }\n' "$1" "$2" "$1" > "$1/brief.lua"
    printf 'return { name = "%s", version = "1", api = 1, render = function(s, ctx)\n%s\nend }\n' "$1" "$3" > "$1/plugins/$1.lua"
}
untouched() { # untouched NAME FOLDER: FOLDER holds only old.pdf, as it was
    check "$1: the existing output is untouched" cmp -s "$2/old.pdf" keep.pdf
    check "$1: no temporary file beside it" test "$(ls -A "$2")" = "old.pdf"
}
printf '%%PDF-1.4 an older build\n' > keep.pdf

# memory: the document is charged to limits.memory_mb
brief breaks "memory_mb = 16" "  for i = 1, 300000 do s:page_break() end"
mkdir -p out; cp keep.pdf out/old.pdf
run 60 build breaks -o out/old.pdf
expect "300,000 page breaks" "breaks/plugins/breaks.lua:2: error: section 'breaks': memory limit reached (16 MB for the whole brief)"
untouched "page breaks" out

brief warns "" '  local mb = string.rep("w", 1 << 20)
  for i = 1, 5000 do ctx:warn(mb) end
  s:paragraph("after the warnings")'
run 60 build warns -o warns.pdf
check "5,000 one-MB warnings: the build succeeds (exit $rc)" test "$rc" -eq 0
check "warnings: the rest are summed up" grep -qF "warning: section 'warns': more than 1000 warnings; the rest are not shown" out.txt
check "warnings: each cut to 4 KB" test "$(grep -c "w…$" out.txt)" -eq 1000
check "warnings: at most about 4 MB printed" test "$(wc -c < out.txt)" -lt 4300000

brief warnmem "memory_mb = 8" '  local kb = string.rep("w", 4000)
  for i = 1, 1000 do ctx:warn(kb) end
  local t = {}
  for i = 1, 1e9 do t[i] = string.rep("y", 100000) .. i end'
run 60 build warnmem -o warnmem.pdf
expect "warnings count against the memory limit" "memory limit reached (8 MB for the whole brief)"

# pages: checked as they grow, naming the section
brief manypages "pages = 20" '  for i = 1, 3000 do s:paragraph("page " .. i); s:page_break() end'
run 60 build manypages -o manypages.pdf
expect "page limit" "manypages/brief.lua:1: error: the brief has more than 20 pages (section 'manypages' was being laid out); raise limits.pages in brief.lua"
check "page limit: no PDF" test ! -e manypages.pdf

# markup: linear (quadratic would take minutes at these sizes); the build succeeds or fails
# quickly, never hangs
for pat in '[' '^[' '[@' '[a](' '[[' '*x**'; do
    brief brackets "" "  s:paragraph(string.rep('$pat', 300000))"
    run 60 build brackets -o brackets.pdf -q
    check "markup: string.rep('$pat', 300000) in a paragraph ends in time (exit $rc)" test "$rc" -le 1
done

# one text is at most 16 MB (the parser's tables stay bounded)
brief bigtext "" '  s:paragraph(string.rep("x", 17 << 20))'
run 60 build bigtext -o bigtext.pdf
expect "a 17 MB paragraph" "bigtext/plugins/bigtext.lua:2: error: paragraph text: text of 17 MB is longer than the 16 MB one text may hold; split it"

# the wall clock: a C call the instruction hook never interrupts. The sandbox refuses a pattern
# whose worst case exceeds the instruction budget, so the brief raises that budget: this find
# (a few seconds of backtracking inside one C call) is then within it, and only the clock stops it.
brief slowfind "seconds = 0.2, instructions = 1e12" '  local big = string.rep("a", 2000)
  s:paragraph(tostring(string.find(big, ".-.-b")))'
mkdir -p out2; cp keep.pdf out2/old.pdf
run 60 build slowfind -o out2/old.pdf --dump-layout out2/dump.txt
expect "a long C call" "slowfind/brief.lua: error: section 'slowfind': time limit reached (0.2 s): stopped after"
untouched "a long C call" out2
run 60 check slowfind
expect "check: a long C call" "time limit reached (0.2 s)"

# host calls that each take long, with few instructions between two looks at the clock: the
# plugin stops at its line (the sandbox's clock, checked after each call)
brief bigcalls "seconds = 0.5, memory_mb = 4096" '  local big = string.rep("word ", 1000000)
  for i = 1, 1e6 do s:paragraph(big) end'
run 60 build bigcalls -o bigcalls.pdf
expect "megabyte paragraphs" "bigcalls/plugins/bigcalls.lua:3: error: time limit reached (0.5 s)"

# watch: each rebuild is supervised too, and watching goes on
timeout 60 "$BRIEFC" watch slowfind -o watched.pdf > watch.txt 2>&1 &
wpid=$!
for i in $(seq 100); do grep -q "build failed" watch.txt && break; sleep 0.1; done
check "watch: a section past its time is stopped" grep -qF "section 'slowfind': time limit reached (0.2 s)" watch.txt
check "watch: still watching" kill -0 "$wpid"
kill -INT "$wpid"
wait "$wpid"; rc=$?
check "watch: stops on SIGINT (exit $rc)" test "$rc" -eq 0
check "watch: no PDF" test ! -e watched.pdf

# a plugin file that never ends (a FIFO nobody writes): the build still ends, with no PDF
brief fifo "seconds = 0.2" '  s:paragraph("never")'
rm fifo/plugins/fifo.lua && mkfifo fifo/plugins/fifo.lua
run 60 build fifo -o fifo.pdf
check "a FIFO as plugin: exit 1 (got $rc)" test "$rc" -eq 1
check "a FIFO as plugin: no PDF" test ! -e fifo.pdf

# finalizers run by lua_close after the PDF is made: the build still ends in time, and
# whatever it reports, the output is never partial
brief finalizer "seconds = 0.2" '  setmetatable({}, {__gc = function() while true do end end})
  s:paragraph("fine")'
mkdir -p out3; cp keep.pdf out3/old.pdf
run 60 build finalizer -o out3/old.pdf
check "finalizer loop: ends (exit $rc)" test "$rc" -le 1
if [ "$rc" -eq 1 ]; then untouched "finalizer loop" out3
else check "finalizer loop: a whole PDF" sh "$TESTS/pdfcheck.sh" out3/old.pdf; fi

# SIGTERM to briefc: the build it supervises goes too, and nothing is written
brief slowterm "seconds = 30, instructions = 1e12" '  local big = string.rep("a", 2000)
  s:paragraph(tostring(string.find(big, ".-.-b")))'
mkdir -p out4; cp keep.pdf out4/old.pdf
timeout 60 "$BRIEFC" build slowterm -o out4/old.pdf > term.txt 2>&1 &
pid=$!
sleep 1
# the build runs in a child of briefc (itself timeout's child), under limits of its own
child=$(pgrep -P "$(pgrep -P "$pid")")
check "the build's child has a CPU time limit" sh -c "grep '^Max cpu time' /proc/$child/limits | awk '{ exit !(\$4 != \"unlimited\") }'"
[ -z "${BRIEFC_TEST_SLOW:-}" ] &&
    check "the build's child has an address space limit below prlimit's" sh -c "grep '^Max address space' /proc/$child/limits | awk '{ exit !(\$4 < 8589934592) }'"
kill -TERM "$pid"
wait "$pid"; rc=$?
check "SIGTERM: briefc ends by the signal (exit $rc)" test "$rc" -eq 143
sleep 0.2
check "SIGTERM: no build left running" sh -c "! pgrep -f 'build [s]lowterm' >/dev/null"
untouched "SIGTERM" out4

# SIGINT while a watch rebuild runs: the build goes, watch stops
timeout 60 "$BRIEFC" watch slowterm -o watched2.pdf > watch2.txt 2>&1 &
wpid=$!
sleep 1
t0=$(date +%s)
kill -INT "$wpid"
wait "$wpid"; rc=$?
took=$(( $(date +%s) - t0 ))
check "watch: SIGINT during a build stops it (exit $rc)" test "$rc" -eq 0
# a hang guard, not a speed test: the section itself would run 30 s and more
check "watch: SIGINT does not wait for the build (took $took s)" test "$took" -lt 10
check "watch: no build left running" sh -c "! pgrep -f 'watch [s]lowterm' >/dev/null"
check "watch: nothing written" test ! -e watched2.pdf

# unsupervised, for debuggers: the same PDF
S="$ROOT/briefs/pakistan-us"
run 60 build "$S" -o forked.pdf -q
BRIEFC_NO_FORK=1 timeout 60 "$BRIEFC" build "$S" -o inline.pdf -q
check "BRIEFC_NO_FORK=1: the same PDF" cmp -s forked.pdf inline.pdf
finish
