#!/bin/sh
# watch.sh — briefc watch (issue 12, class 9): its own outputs inside the watched folder never
# start a build (no endless rebuilding), and saves are still seen after plugins/ is replaced by
# a rename (as git checkout does) and after the brief folder is deleted and made again.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

mkdir -p br/plugins
printf 'return { title = "Watched", sections = { section "h" } }\n' > br/brief.lua
version() { # version WORD: the plugin prints "version WORD"
    cat > "$2" <<EOF
return { name = "h", version = "1.0.0", api = 1, description = "A line that changes.",
  render = function(s, ctx) s:paragraph("version $1") end }
EOF
}
version one br/plugins/h.lua

# wait_for COMMAND...: polls up to 20 s; the tests never depend on speed, only on the outcome
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
        i=$((i + 1))
    done
    return 1
}
builds() { grep -c '^briefc: \(rebuilt\|build failed\)' w.err; }
more_than() { [ "$(builds)" -gt "$1" ]; }
says() { pdftotext out.pdf - 2>/dev/null | grep -q "version $1"; }

# the dump and the PDF are written inside the watched brief folder (the PDF under a name
# that is not *.pdf, so only its path tells it apart)
timeout 120 "$BRIEFC" watch br -o br/out.bin --dump-layout br/layout.txt 2> w.err &
wpid=$!
check "watch: first build" wait_for grep -q 'watching for changes' w.err
sleep 1.5
check "its own dump and PDF start no build (got $(builds))" test "$(builds)" -eq 0
check "the dump was written" test -s br/layout.txt
ln -sf br/out.bin out.pdf

version two br/plugins/h.lua
check "a plugin save is rebuilt" wait_for says two
sleep 1.5
check "one save, one rebuild, no loop (got $(builds))" test "$(builds)" -eq 1

# plugins/ replaced by a rename, as git checkout does
cp -r br/plugins plugins.new
version three plugins.new/h.lua
mv br/plugins br/plugins.old && mv plugins.new br/plugins
check "plugins/ replaced by a rename: rebuilt" wait_for says three
n=$(builds)
version four br/plugins/h.lua
check "a later save in the new plugins/ is seen" wait_for says four
version old br/plugins.old/h.lua
sleep 1.5
check "the old plugins/ is no longer watched" test "$(builds)" -eq $((n + 1))

# a data/ folder made after watching started is watched too
n=$(builds)
mkdir br/data
check "a new data/ folder starts a build" wait_for more_than "$n"
sleep 1
n=$(builds)
echo "x,1" > br/data/new.csv
check "a save in the new data/ folder is seen" wait_for more_than "$n"

# the brief folder deleted and made again
cp -r br br.copy
rm -rf br
sleep 0.5
mv br.copy br
version five br/plugins/h.lua
check "the brief folder made again: later saves are seen" wait_for says five
version six br/plugins/h.lua
check "and the next save too" wait_for says six
sleep 1.5
n=$(builds)
sleep 1.5
check "no rebuilding while nothing changes (got $n, then $(builds))" test "$(builds)" -eq "$n"

kill -INT "$wpid"
wait "$wpid"; rc=$?
check "watch stops on SIGINT with status 0 (got $rc)" test "$rc" -eq 0
check "watch says it stopped" grep -q 'stopped watching' w.err
check "no temporary files left" sh -c "! find . -name '.briefc-*' | grep -q ."
finish
