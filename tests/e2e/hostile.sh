#!/bin/sh
# hostile.sh — the corpus of hostile and broken plugins in tests/hostile: each must fail with
# its exact expected message (tests/hostile/NAME.expect), exit status 1, no PDF, no hang.
# A case NAME.lua is built as the only section of a fresh brief, or with the sections listed
# in NAME.brief. Cases without an .expect file are helpers of other cases.
. "$(dirname "$0")/lib.sh"
H="$TESTS/hostile"
for exp in "$H"/*.expect; do
    name=$(basename "$exp" .expect)
    dir="$TMP/$name"
    mkdir -p "$dir/data"
    sections="section \"$name\""
    [ -f "$H/$name.brief" ] && sections=$(cat "$H/$name.brief")
    printf 'return {\n  title = "hostile %s",\n  sections = {\n    %s,\n  },\n}\n' "$name" "$sections" > "$dir/brief.lua"
    ln -s /etc/passwd "$dir/data/escape"
    start=$(date +%s)
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build "$name" -o "$name.pdf" --plugin-path "$H" 2>&1); rc=$?
    took=$(( $(date +%s) - start ))
    check "$name: exit status 1 (got $rc)" test "$rc" -eq 1
    # a hang guard, not a speed test: the sandbox's own wall-clock limit is 10 s, so anything
    # past 15 s means a limit failed to fire. Sanitizer builds get more room.
    limit=15; [ -n "${BRIEFC_TEST_SLOW:-}" ] && limit=40
    check "$name: finished in under $limit s (took $took s)" test "$took" -lt "$limit"
    check "$name: no PDF" test ! -e "$TMP/$name.pdf"
    want=$(cat "$exp")
    if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "$name: expected '$want' in: $msg"; fi
done
check "os.execute really did nothing" test ! -e /tmp/briefc-pwned

# The on-disk cache: the same PDF cold, warm, with the cache off, and over a damaged entry
S="$ROOT/briefs/pakistan-us"
"$BRIEFC" build "$S" -o "$TMP/cold.pdf" -q
check "a cache entry is written" sh -c "ls '$BRIEFC_CACHE_DIR'/hyph-*.bin"
"$BRIEFC" build "$S" -o "$TMP/warm.pdf" -q
check "warm build: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/warm.pdf"
BRIEFC_CACHE_DIR= "$BRIEFC" build "$S" -o "$TMP/off.pdf" -q
check "cache off: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/off.pdf"
check "kerning and font subsets are cached too" sh -c "ls '$BRIEFC_CACHE_DIR'/kern-*.bin '$BRIEFC_CACHE_DIR'/subset-*.bin"
for f in "$BRIEFC_CACHE_DIR"/*.bin; do
    size=$(stat -c %s "$f")
    { head -c 24 "$f"; head -c $((size - 24)) /dev/urandom; } > "$f.new" && mv "$f.new" "$f"
done
"$BRIEFC" build "$S" -o "$TMP/damaged.pdf" -q; rc=$?
check "a damaged cache entry: the build still succeeds" test "$rc" -eq 0
check "a damaged cache entry: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/damaged.pdf"
chmod 000 "$BRIEFC_CACHE_DIR" 2>/dev/null
BRIEFC_CACHE_DIR="$TMP/nowhere/\0/x" "$BRIEFC" build "$S" -o "$TMP/unwritable.pdf" -q; rc=$?
check "an unusable cache folder is skipped" sh -c "test $rc -eq 0 && cmp -s '$TMP/cold.pdf' '$TMP/unwritable.pdf'"
chmod 700 "$BRIEFC_CACHE_DIR" 2>/dev/null
finish
