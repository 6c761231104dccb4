#!/bin/sh
# commands.sh — plugins, new plugin, check, test, watch and --keep-going.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

# briefc plugins: the shipped ones, with versions and descriptions; shadowing shown
"$BRIEFC" plugins > list.txt 2>&1
check "plugins lists aid_totals" grep -q "^aid_totals *1.0.0 *Annual US aid" list.txt
check "plugins lists all seven shipped plugins" test "$(grep -c '^[a-z_]* *[0-9]' list.txt)" -eq 7
check "test files are not plugins" sh -c "! grep -q _test list.txt"
mkdir -p mine
printf 'return { name = "prose", version = "9.9", api = 1, description = "Mine.", render = function() end }\n' > mine/prose.lua
"$BRIEFC" plugins --plugin-path mine > list2.txt 2>&1
check "a later plugin of the same name is shown as shadowed" grep -q "mine/prose.lua  (shadowed by .*plugins/)" list2.txt
"$BRIEFC" plugins aid_totals > one.txt 2>&1
check "plugins NAME documents options" grep -q 'data *string *= "data/us-aid-pakistan.csv"' one.txt
"$BRIEFC" plugins nothing_here > /dev/null 2>&1; rc=$?
check "plugins NAME for an unknown plugin fails" test "$rc" -eq 1

# briefc new plugin: a skeleton that builds and whose test passes; never overwrites
check "new plugin" "$BRIEFC" new plugin fresh --dir mine
check "new plugin's test passes" "$BRIEFC" test mine/fresh_test.lua
mkdir -p b1
printf 'return { title = "New", sections = { section "fresh" { heading = "Fresh section" } } }\n' > b1/brief.lua
check "new plugin builds in a brief" "$BRIEFC" build b1 --plugin-path mine -o b1.pdf
check "its heading is in the PDF" sh -c "pdftotext b1.pdf - | grep -q 'Fresh section'"
check "the new plugin's PDF opens in five readers" sh "$TESTS/pdfcheck.sh" b1.pdf
echo "-- mine" > mine/keep.lua
"$BRIEFC" new plugin fresh --dir mine > /dev/null 2>&1; rc=$?
check "new plugin refuses to overwrite" test "$rc" -eq 1
"$BRIEFC" new plugin Bad.Name --dir mine > /dev/null 2>&1; rc=$?
check "new plugin rejects a bad name (usage, 2)" test "$rc" -eq 2

# briefc check writes nothing
check "check succeeds" "$BRIEFC" check "$ROOT/briefs/pakistan-us" -o check.pdf
check "check writes no PDF" test ! -e check.pdf

# --keep-going: an error box in place of the failing section, exit 1, PDF written
"$BRIEFC" build "$TESTS/briefs/runtime-error" -o kg.pdf --keep-going > kg.txt 2>&1; rc=$?
check "--keep-going still exits 1" test "$rc" -eq 1
check "--keep-going writes the PDF" test -s kg.pdf
check "the --keep-going PDF opens in five readers" sh "$TESTS/pdfcheck.sh" kg.pdf
check "the error box names the section" sh -c "pdftotext kg.pdf - | grep -q \"Section 'broken_runtime' failed to build\""
check "the other sections are there" sh -c "pdftotext kg.pdf - | grep -q 'before the error'"

# briefc watch: a save rebuilds, an error is printed and watching goes on
mkdir -p w/plugins
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph("version one") end }\n' > w/plugins/w.lua
printf 'return { title = "Watch", sections = { section "w" } }\n' > w/brief.lua
"$BRIEFC" watch w -o w.pdf > watch.log 2>&1 &
wpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s w.pdf ] && break; sleep 0.2; done
check "watch builds at start" sh -c "pdftotext w.pdf - | grep -q 'version one'"
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph("version two") end }\n' > w/plugins/w.lua
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do pdftotext w.pdf - 2>/dev/null | grep -q 'version two' && break; sleep 0.2; done
check "watch rebuilds after a save" sh -c "pdftotext w.pdf - | grep -q 'version two'"
check "the rebuilt PDF opens in five readers" sh "$TESTS/pdfcheck.sh" w.pdf
printf 'return { name = "w", version = "1", api = 1, render = function(s) s:paragraph(nil .. "x") end }\n' > w/plugins/w.lua
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q "attempt to concatenate" watch.log && break; sleep 0.2; done
check "watch prints a plugin error" grep -q "w/plugins/w.lua:1: error: attempt to concatenate" watch.log
check "watch keeps the last good PDF" sh -c "pdftotext w.pdf - | grep -q 'version two'"
check "watch is still running" kill -0 "$wpid"
kill -INT "$wpid"; wait "$wpid"; rc=$?
check "watch stops cleanly on SIGINT (exit $rc)" test "$rc" -eq 0
finish
