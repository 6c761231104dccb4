#!/bin/bash
# hostile.sh — the corpus of hostile and broken plugins in tests/hostile: each must fail with
# its exact expected message (tests/hostile/NAME.expect), exit status 1, no PDF, no hang.
# A case NAME.lua is built as the only section of a fresh brief, or with the sections listed
# in NAME.brief. Cases without an .expect file are helpers of other cases.
. "$(dirname "$0")/lib.sh"
H="$TESTS/hostile"
secs=10 hang=90
[ -n "${BRIEFC_TEST_SLOW:-}" ] && secs=60 hang=150
for exp in "$H"/*.expect; do
    name=$(basename "$exp" .expect)
    dir="$TMP/$name"
    mkdir -p "$dir/data"
    sections="section \"$name\""
    [ -f "$H/$name.brief" ] && sections=$(cat "$H/$name.brief")
    # The sandbox's 10 s wall-clock limit is a last guard; under sanitizers on a loaded machine
    # a case meant for another limit (memory_grow) could meet it first: those runs get 60 s.
    printf 'return {\n  title = "hostile %s",\n  limits = { seconds = %d },\n  sections = {\n    %s,\n  },\n}\n' \
        "$name" "$secs" "$sections" > "$dir/brief.lua"
    ln -s /etc/passwd "$dir/data/escape"
    # a hang guard, not a speed test: a run past $hang s means no limit fired
    msg=$(cd "$TMP" && RUN_TIMEOUT=$hang run_briefc 1 build "$name" -o "$name.pdf" --plugin-path "$H" 2>&1); rc=$?
    check "$name: exit status 1 (got $rc; 124 is a hang no limit stopped)" test "$rc" -eq 1
    check "$name: no PDF" test ! -e "$TMP/$name.pdf"
    want=$(cat "$exp")
    if printf '%s' "$msg" | grepq -F -- "$want"; then ok; else bad "$name: expected '$want' in: $msg"; fi
done
check "os.execute really did nothing" test ! -e /tmp/briefc-pwned

# The on-disk cache: the same PDF cold, warm, with the cache off, and over a damaged entry
S="$ROOT/briefs/pakistan-us"
run_briefc 0 build "$S" -o "$TMP/cold.pdf" -q
check "a cache entry is written" sh -c "ls '$BRIEFC_CACHE_DIR'/*.bin"
run_briefc 0 build "$S" -o "$TMP/warm.pdf" -q
check "warm build: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/warm.pdf"
BRIEFC_CACHE_DIR= run_briefc 0 build "$S" -o "$TMP/off.pdf" -q
check "cache off: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/off.pdf"
check "kerning and font subsets are cached too" sh -c "ls '$BRIEFC_CACHE_DIR'/kern-*.bin '$BRIEFC_CACHE_DIR'/subset-*.bin"
for f in "$BRIEFC_CACHE_DIR"/*.bin; do
    size=$(stat -c %s "$f")
    { head -c 24 "$f"; head -c $((size - 24)) /dev/urandom; } > "$f.new" && mv "$f.new" "$f"
done
run_briefc 0 build "$S" -o "$TMP/damaged.pdf" -q; rc=$?
check "a damaged cache entry: the build still succeeds" test "$rc" -eq 0
check "a damaged cache entry: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/damaged.pdf"
# A cache folder that cannot be made or used whoever runs the test (root ignores chmod): a
# regular file in the way of the folder, and the folder's own name taken by a file.
echo "not a folder" > "$TMP/in-the-way"
for dir in "$TMP/in-the-way/cache" "$TMP/in-the-way"; do
    BRIEFC_CACHE_DIR="$dir" run_briefc 0 build "$S" -o "$TMP/unusable.pdf" -q; rc=$?
    check "an unusable cache folder ($dir) is skipped" sh -c "test $rc -eq 0 && cmp -s '$TMP/cold.pdf' '$TMP/unusable.pdf'"
    check "an unusable cache folder: the file in the way is untouched" grep -qx "not a folder" "$TMP/in-the-way"
    rm -f "$TMP/unusable.pdf"
done
check "an unusable cache folder: nothing written beside the file in the way" test "$(ls -A "$TMP" | grep -c '^in-the-way')" -eq 1
finish
