#!/bin/bash
# failures.sh — a plugin with a syntax error, a runtime error, or an unknown plugin fails the
# build with file:line, exit status 1, and no output file (not even a temporary one).
. "$(dirname "$0")/lib.sh"

expect_failure() { # name brief pattern...
    name=$1 brief=$2; shift 2
    out="$TMP/$name.pdf"
    echo "keep me" > "$TMP/$name.old"
    msg=$(run_briefc 1 build "$brief" -o "$out" 2>&1); rc=$?
    check "$name: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$name: no PDF written" test ! -e "$out"
    check "$name: no temporary file left" pf "! ls -A '$TMP' | grepq '\.tmp'"
    for p in "$@"; do
        if echo "$msg" | grepq -F -- "$p"; then ok; else bad "$name: message lacks '$p': $msg"; fi
    done
}

cd "$TESTS" || exit 1
expect_failure syntax briefs/syntax-error \
    "briefs/syntax-error/plugins/broken_syntax.lua:5: error: ')' expected (to close '(' at line 4) near 'end'" \
    "in section 2 'broken_syntax' (briefs/syntax-error/brief.lua:5)"
expect_failure runtime briefs/runtime-error \
    "briefs/runtime-error/plugins/broken_runtime.lua:2: error: attempt to index a nil value (field 'missing')" \
    "in section 2 'broken_runtime' (briefs/runtime-error/brief.lua:5)" \
    "stack traceback:" "broken_runtime.lua:9: in"
expect_failure unknown briefs/unknown-plugin \
    "briefs/unknown-plugin/brief.lua:5: error: unknown plugin 'no_such_plugin'" "searched:"
expect_failure missing-brief briefs/does-not-exist "cannot open brief"

# an existing file at the target survives a failed build untouched
echo "previous" > "$TMP/keep.pdf"
run_briefc 1 build briefs/runtime-error -o "$TMP/keep.pdf" >/dev/null 2>&1
check "a failed build leaves an existing PDF alone" grep -q previous "$TMP/keep.pdf"

# usage errors exit 2
run_briefc 2 build >/dev/null 2>&1; rc=$?
check "build without a brief is a usage error (2)" test "$rc" -eq 2
run_briefc 2 frobnicate >/dev/null 2>&1; rc=$?
check "unknown command is a usage error (2)" test "$rc" -eq 2
run_briefc 2 build x --bogus >/dev/null 2>&1; rc=$?
check "unknown option is a usage error (2)" test "$rc" -eq 2
check "--help works" run_briefc 0 --help
check "--version works" pf "'$BRIEFC' --version | grepq '^briefc '"
finish
