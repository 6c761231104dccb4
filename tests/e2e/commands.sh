#!/bin/bash
# commands.sh — plugins, new plugin, check, test, watch and --keep-going.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

# briefc plugins: the shipped ones, with versions and descriptions; shadowing shown
run_briefc 0 plugins > list.txt 2>&1
check "plugins lists aid_totals" grep -q "^aid_totals *1.0.0 *Annual US aid" list.txt
check "plugins lists all nine shipped plugins" test "$(grep -c '^[a-z_]* *[0-9]' list.txt)" -eq 9
check "test files are not plugins" sh -c "! grep -q _test list.txt"
mkdir -p mine
printf 'return { name = "prose", version = "9.9", api = 1, description = "Mine.", render = function() end }\n' > mine/prose.lua
run_briefc 0 plugins --plugin-path mine > list2.txt 2>&1
check "a later plugin of the same name is shown as shadowed" grep -q "mine/prose.lua  (shadowed by .*plugins/)" list2.txt
run_briefc 0 plugins aid_totals > one.txt 2>&1
check "plugins NAME documents options" grep -q 'data *string *= "data/us-aid-pakistan.csv"' one.txt
run_briefc 1 plugins nothing_here > /dev/null 2>&1; rc=$?
check "plugins NAME for an unknown plugin fails" test "$rc" -eq 1

# briefc new plugin: a skeleton that builds and whose test passes; never overwrites
check "new plugin" run_briefc 0 new plugin fresh --dir mine
check "new plugin's test passes" run_briefc 0 test mine/fresh_test.lua
mkdir -p b1
printf 'return { title = "New", sections = { section "fresh" { heading = "Fresh section" } } }\n' > b1/brief.lua
check "new plugin builds in a brief" run_briefc 0 build b1 --plugin-path mine -o b1.pdf
check "its heading is in the PDF" pf "pdftotext b1.pdf - | grepq 'Fresh section'"
check "the new plugin's PDF opens in five readers" bash "$TESTS/pdfcheck.sh" b1.pdf
echo "-- mine" > mine/keep.lua
run_briefc 1 new plugin fresh --dir mine > /dev/null 2>&1; rc=$?
check "new plugin refuses to overwrite" test "$rc" -eq 1
run_briefc 2 new plugin Bad.Name --dir mine > /dev/null 2>&1; rc=$?
check "new plugin rejects a bad name (usage, 2)" test "$rc" -eq 2

# briefc check writes nothing
check "check succeeds" run_briefc 0 check "$ROOT/briefs/pakistan-us" -o check.pdf
check "check writes no PDF" test ! -e check.pdf

# --keep-going: an error box in place of the failing section, exit 1, PDF written
run_briefc 1 build "$TESTS/briefs/runtime-error" -o kg.pdf --keep-going > kg.txt 2>&1; rc=$?
check "--keep-going still exits 1" test "$rc" -eq 1
check "--keep-going writes the PDF" test -s kg.pdf
check "the --keep-going PDF opens in five readers" bash "$TESTS/pdfcheck.sh" kg.pdf
check "the error box names the section" pf "pdftotext kg.pdf - | grepq \"Section 'broken_runtime' failed to build\""
check "the other sections are there" pf "pdftotext kg.pdf - | grepq 'before the error'"

# briefc watch: a save rebuilds, an error is printed and watching goes on
mkdir -p w/plugins
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph("version one") end }\n' > w/plugins/w.lua
printf 'return { title = "Watch", sections = { section "w" } }\n' > w/brief.lua
briefc_bg watch.log watch w -o w.pdf
wpid=$BG_PID
has() { pdftotext w.pdf - 2>/dev/null | grepq "$1"; } # has TEXT: w.pdf holds TEXT
check "watch builds at start" wait_for 120 has 'version one'
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph("version two") end }\n' > w/plugins/w.lua
check "watch rebuilds after a save" wait_for 120 has 'version two'
check "the rebuilt PDF opens in five readers" bash "$TESTS/pdfcheck.sh" w.pdf
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph(nil .. "x") end }\n' > w/plugins/w.lua
check "watch prints a plugin error" wait_for 120 grep -q "w/plugins/w.lua:1: error: attempt to concatenate" watch.log
check "watch keeps the last good PDF" has 'version two'
check "watch is still running" kill -0 "$wpid"
kill -INT "$wpid"
briefc_wait "$wpid" 0 watch.log "watch stopped by SIGINT"; rc=$?
check "watch stops cleanly on SIGINT (exit $rc)" test "$rc" -eq 0
finish
