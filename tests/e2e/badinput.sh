#!/bin/bash
# badinput.sh — input a user could plausibly get wrong: each gives its expected error (or a good
# PDF), exit status 1 on error, and never a partial or corrupt PDF left behind.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

fails_with() { # name brief-folder expected-text [extra args]
    name=$1 brief=$2 want=$3; shift 3
    msg=$(run_briefc 1 build "$brief" -o "$name.pdf" "$@" 2>&1); rc=$?
    check "$name: exit 1 (got $rc)" test "$rc" -eq 1
    check "$name: no PDF" test ! -e "$name.pdf"
    if printf '%s' "$msg" | grepq -F -- "$want"; then ok; else bad "$name: expected '$want' in: $msg"; fi
}
no_leftovers() { check "no temporary files left ($1)" pf "! ls -A | grepq '\.tmp'"; }

mkdir -p utf8 empty many big font1 font2 pages
printf 'return { title = "bad \377 title", sections = { section "prose" } }\n' > utf8/brief.lua
fails_with invalid-utf8 utf8 "utf8/brief.lua: error: 'title' has invalid UTF-8 at byte 4"
mkdir -p nul
printf 'return { title = "T", language = "en\\0fr", sections = { section "prose" } }\n' > nul/brief.lua
fails_with nul-language nul "nul/brief.lua: error: 'language' holds a NUL byte (\\0) at byte 2"
: > empty/brief.lua
fails_with empty-brief empty "empty/brief.lua: error: brief.lua must return a table, not nil"

# 500 sections
{
    echo 'local s = {}'
    echo 'for i = 1, 500 do s[i] = section "prose" { heading = "Part " .. i, paragraphs = { "Text of part " .. i .. "." } } end'
    echo 'return { title = "Five hundred sections", sections = s }'
} > many/brief.lua
check "500 sections build" run_briefc 0 build many -o many.pdf -q
check "500 sections: all headings present" pf "pdftotext many.pdf - | grep -c '^[0-9]* Part ' | grepq -x 500"
check "500 sections: opens in five readers" bash "$TESTS/pdfcheck.sh" many.pdf

# a 1 MB paragraph, a 2,000-character word and a 300-character URL
mkdir -p big/plugins
cat > big/plugins/big.lua <<'LUA'
return { name = "big", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(string.rep("lorem ipsum dolor sit amet ", 40000))           -- ~1 MB
  s:paragraph("before " .. string.rep("x", 2000) .. " after")
  s:paragraph("see [the table](https://example.org/" .. string.rep("a", 300) .. ")")
end }
LUA
printf 'return { title = "Big", sections = { section "big" } }\n' > big/brief.lua
out=$(run_briefc 0 build big -o big.pdf --stats 2>&1); rc=$?
check "1 MB paragraph builds (exit $rc)" test "$rc" -eq 0
check "no overfull line, even with a 2,000-character word" pf "echo '$out' | grepq ', 0 overfull,'"
check "the big PDF opens in five readers" bash "$TESTS/pdfcheck.sh" big.pdf

# fonts: missing, truncated
printf 'return { title = "F", theme = { body_font = "NoSuchFont" }, sections = { section "prose" { paragraphs = { "x" } } } }\n' > font1/brief.lua
fails_with missing-font font1 "font family 'NoSuchFont' not found: no file 'NoSuchFont-Regular.ttf'"
mkdir -p font2/fonts
head -c 20000 "$ROOT/fonts/NotoSerif-Regular.ttf" > font2/fonts/NotoSerif-Regular.ttf
printf 'return { title = "F", sections = { section "prose" { paragraphs = { "x" } } } }\n' > font2/brief.lua
fails_with truncated-font font2 "font2/fonts/NotoSerif-Regular.ttf: error: font 'font2/fonts/NotoSerif-Regular.ttf' has no"

# the page limit
printf 'return { title = "P", limits = { pages = 2 }, sections = { section "prose" { paragraphs = { string.rep("many words here ", 3000) } } } }\n' > pages/brief.lua
fails_with page-limit pages "pages/brief.lua:1: error: the brief has more than 2 pages (section 'prose' was being laid out); raise limits.pages in brief.lua"

# outputs that cannot be written
good="$ROOT/briefs/pakistan-us"
msg=$(run_briefc 1 build "$good" -o no/such/folder/x.pdf 2>&1); rc=$?
check "missing output folder: exit 1" test "$rc" -eq 1
check "missing output folder: says so" pf "echo \"\$1\" | grepq 'No such file or directory'" _ "$msg"
msg=$(run_briefc 1 build "$good" -o /dev/full 2>&1); rc=$?
check "/dev/full: exit 1" test "$rc" -eq 1
check "/dev/full: says no space" pf "echo \"\$1\" | grepq 'No space left on device'" _ "$msg"
check "/dev/full is still a device" test -c /dev/full
msg=$(run_briefc 1 build "$good" -o . 2>&1); rc=$?
check "a folder as output: exit 1" test "$rc" -eq 1
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p ro && chmod 555 ro
    run_briefc 1 build "$good" -o ro/x.pdf > /dev/null 2>&1; rc=$?
    check "unwritable folder: exit 1" test "$rc" -eq 1
fi
no_leftovers "after write errors"

# SIGINT while writing, for sure: strace delivers it as the system call named is made, so the
# build is interrupted at a known point and the outcome can be told apart. At the sync of the
# temporary file (written, not yet renamed) the previous PDF must survive whole; at the rename
# the new PDF must be complete. Either way the run ends killed by SIGINT (status 130).
needs strace
run_briefc 0 build many -o sig.pdf -q
cp sig.pdf sig.orig
interrupt_at() { # interrupt_at SYSCALL: a build of "big" into sig.pdf, SIGINT at SYSCALL
    # (LeakSanitizer cannot work under ptrace; every other run checks for leaks)
    BRIEFC_CACHE_DIR= ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
        strace -o "strace-$1.log" -e trace=fdatasync,rename,renameat,renameat2 \
        -e inject="$1":signal=SIGINT "$BRIEFC" build big -o sig.pdf -q 2> "sig-$1.err"
}
interrupt_at fdatasync; rc=$?
san_clean "a build interrupted at fdatasync" "sig-fdatasync.err"
check "SIGINT at the sync: killed by SIGINT (exit $rc)" test "$rc" -eq 130
check "SIGINT at the sync: it came as the file was synced" pf "grep -A1 '^fdatasync(' strace-fdatasync.log | grepq -- '--- SIGINT'"
check "SIGINT at the sync: nothing was renamed" sh -c "! grep -q '^rename' strace-fdatasync.log"
check "SIGINT at the sync: the previous PDF is untouched" cmp -s sig.pdf sig.orig
no_leftovers "after SIGINT at the sync"
interrupt_at rename; rc=$?
san_clean "a build interrupted at rename" "sig-rename.err"
check "SIGINT at the rename: killed by SIGINT (exit $rc)" test "$rc" -eq 130
check "SIGINT at the rename: it came as the file was renamed" pf "grep -A1 'sig.pdf\") = 0' strace-rename.log | grepq -- '--- SIGINT'"
check "SIGINT at the rename: the new PDF is there" pf "pdftotext sig.pdf - | grepq 'lorem ipsum dolor sit amet'"
check "SIGINT at the rename: the new PDF is valid" bash "$TESTS/pdfcheck.sh" sig.pdf
no_leftovers "after SIGINT at the rename"
finish
