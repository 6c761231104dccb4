#!/bin/bash
# stat_exec.sh — ctx:stat_file's reader is a fresh image, not a fork of the build: seen while it
# spins (briefc_hooks, BRIEFC_TEST_STAT_HANG) it holds only its job (a sealed memory file) and
# its pipe, has an empty environment, runs this very executable with the one hidden argument,
# has its own address-space layout, and none of the build's memory (a marker string the plugin
# made in the build's Lua heap is found in the build and not in the reader). briefc itself, as
# built and installed, has no test hook: the same variables change nothing there.
. "$(dirname "$0")/lib.sh"
MKSTAT="$(dirname "$BRIEFC")/mkstat"
HOOKS=${HOOKS:-"$(dirname "$BRIEFC")/briefc_hooks"}
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
"$MKSTAT" dta "$B/data/survey.dta" || bad "mkstat dta failed"
cat > "$B/brief.lua" <<'LUA'
return { title = "Stat exec", sections = { section "q" } }
LUA
# The marker is made at run time, so it exists only in the build's heap (not in any file).
cat > "$B/plugins/q.lua" <<'LUA'
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  local marker = string.rep("SEC3", 2) .. "-HEAPMARK-" .. tostring(12345 * 7)
  local rows = ctx:stat_file("data/survey.dta")
  s:paragraph("rows " .. #rows .. " first " .. rows[1].id .. " " .. #marker)
end }
LUA
MARK="SEC3SEC3-HEAPMARK-86415"

# memhas PID TEXT: 0 when TEXT is in a readable private mapping of PID (file mappings skipped),
# 1 when not, 2 when less than 64 KB could be read (the scan itself failed)
memhas() {
    python3 - "$1" "$2" <<'PY'
import sys, re
pid, needle = sys.argv[1], sys.argv[2].encode()
found, total = False, 0
with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
    for line in maps:
        f = line.split()
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        if f[1][0] != "r" or (len(f) > 5 and f[5].startswith("/")) or "[vvar" in line or "[vsyscall" in line:
            continue
        if hi - lo > (1 << 30):  # sanitizer shadow: reserved, never touched
            continue
        at, tail = lo, b""
        while at < hi and not found:
            try:
                mem.seek(at)
                chunk = mem.read(min(1 << 24, hi - at))
            except OSError:
                break
            if not chunk:
                break
            total += len(chunk)
            found = needle in tail + chunk
            tail, at = chunk[-len(needle):], at + len(chunk)
        if found:
            break
sys.exit(0 if found else 1 if total >= (1 << 16) else 2)
PY
}
memlacks() { memhas "$@"; test $? -eq 1; }

child_of() { # child_of PID: the briefc-stat process under PID, if any
    local p kids
    for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        if [ "$(cat /proc/$p/comm 2>/dev/null)" = briefc-stat ]; then echo "$p"; return; fi
        kids=$(child_of "$p"); [ -n "$kids" ] && { echo "$kids"; return; }
    done
}

BRIEFC_TEST_STAT_HANG=1 BRIEFC_STAT_SECONDS=9 "$HOOKS" build "$B" -o "$TMP/hang.pdf" > /dev/null 2> "$TMP/hang.err" &
bpid=$!
kid=""
for _ in $(seq 1 300); do kid=$(child_of $bpid); [ -n "$kid" ] && grep -qP '^Seccomp:\t2' /proc/$kid/status 2>/dev/null && break; sleep 0.05; done
check "the reader runs (and spins once isolated)" test -n "$kid"
if [ -n "$kid" ]; then
    build=$(awk '/^PPid:/ {print $2}' /proc/$kid/status)
    check "the reader's descriptors are 0 and 1 only" pf "ls /proc/$kid/fd | sort -n | tr '\n' ' ' | grep -qx '0 1 '"
    check "its stdin is the sealed job" pf "readlink /proc/$kid/fd/0 | grep -q '^/memfd:briefc-stat-job'"
    check "its stdout is the result pipe" pf "readlink /proc/$kid/fd/1 | grep -q '^pipe:'"
    check "the job is sealed (no write, no resize, no new seal)" pf "python3 -c 'import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); sys.exit(fcntl.fcntl(fd, 1034) != 15)' /proc/$kid/fd/0"
    if grep -q __asan_init "$HOOKS"; then
        check "its environment holds only the sanitizers' options" pf "tr '\0' '\n' < /proc/$kid/environ | { grep -v '^[A-Z]*SAN_OPTIONS=' || true; } | wc -c | grep -qx 0"
    else
        check "its environment is empty" test ! -s /proc/$kid/environ
    fi
    check "it is this executable, with the one hidden argument" pf "tr '\0' ' ' < /proc/$kid/cmdline | grep -qx 'briefc-stat --briefc-stat-child '"
    check "it runs the same file as the build" test "$(readlink /proc/$kid/exe)" = "$(readlink /proc/$build/exe)"
    check "the build's heap holds the plugin's marker (the scan can find it)" memhas "$build" "$MARK"
    check "the reader's memory does not" memlacks "$kid" "$MARK"
    if [ "$(cat /proc/sys/kernel/randomize_va_space)" = 2 ]; then
        base() { grep -m1 -F "$(readlink /proc/$1/exe)" /proc/$1/maps | cut -d- -f1; } # where the executable is
        check "the reader has its own address-space layout" test "$(base $kid)" != "$(base $build)"
    fi
    kill -KILL "$kid"
fi
wait $bpid
san_clean hang "$TMP/hang.err"

# The fresh image refuses a job that is not one (stdin not a job), and parses nothing.
"$BRIEFC" --briefc-stat-child < "$B/data/survey.dta" > "$TMP/nojob.out" 2>&1; rc=$?
check "a stat child given no job: exit 6 (got $rc), nothing written" pf "test $rc -eq 6 && test ! -s '$TMP/nojob.out'"
"$BRIEFC" --briefc-stat-child < /dev/null > "$TMP/nojob2.out" 2>&1; rc=$?
check "a stat child given an empty stdin: exit 6 (got $rc)" test $rc -eq 6

# briefc as built and installed: the hooks are not in it.
check "briefc holds no BRIEFC_TEST_STAT_ name" pf "! grep -qa BRIEFC_TEST_STAT_ '$BRIEFC'"
check "briefc holds no BRIEFC_STAT_SECONDS name" pf "! grep -qa BRIEFC_STAT_SECONDS '$BRIEFC'"
check "briefc_hooks does (the check can fail)" pf "grep -qa BRIEFC_TEST_STAT_ '$HOOKS'"
printf 'BCSTAT1\nZ\0\0\0\0' > "$TMP/forged"
BRIEFC_TEST_STAT_HANG=1 BRIEFC_STAT_SECONDS=1 BRIEFC_TEST_STAT_FORGE="$TMP/forged" timeout 60 \
    "$BRIEFC" build "$B" -o "$TMP/plain.pdf" > /dev/null 2> "$TMP/plain.err"; rc=$?
check "briefc with the hooks' variables set: builds as ever (exit $rc)" test $rc -eq 0
check "and reads the real file, not the forged stream" pf "pdftotext '$TMP/plain.pdf' - | grepq -F 'rows 4 first 1 23'"
san_clean plain "$TMP/plain.err"
finish
