#!/bin/sh
# funclen.sh [CORE] — no function in core/ over 120 lines (issue 13) unless the comment above
# it says why, with "long:" (/* long: one state machine, cut it and the states scatter */).
# A function is counted from the first line of its signature (at column 0) to the "}" at
# column 0 that closes it, which is how every function in core/ is written.
# `funclen.sh --selftest` checks in a scratch folder that a long function is caught, that the
# comment excuses it, and that 120 lines pass.
set -u
max=120
here=$(cd "$(dirname "$0")" && pwd)

check() {
    find "$1" -name '*.c' | sort | xargs awk -v max="$max" '
    FNR == 1 { sig = 0; body = 0 }
    {
        line[FNR] = $0
        if (body) {
            if ($0 == "}") {
                n = FNR - sig + 1
                if (n > max && !excused(sig)) {
                    printf "%s:%d: error: function %s is %d lines (over %d): cut it along its seams, or say why above it in a /* long: why */ comment\n", FILENAME, sig, name, n, max
                    bad = 1
                }
                body = 0; sig = 0
            }
            next
        }
        if ($0 == "{" && sig) { body = 1; next }
        if ($0 ~ /^[A-Za-z_]/ && $0 ~ /\(/ && $0 !~ /[;{][[:space:]]*$/ && $0 !~ /^#/) {
            sig = FNR
            match($0, /[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(/)
            name = substr($0, RSTART, RLENGTH); sub(/[[:space:]]*\($/, "", name)
            next
        }
        if (sig && $0 ~ /^[[:space:]]/) next   # the signature goes on
        sig = 0
    }
    function excused(s,   i) {
        for (i = s - 1; i > 0 && s - i <= 30 && line[i] != "" && line[i] != "}"; i--)
            if (line[i] ~ /long:/) return 1
        return 0
    }
    END { exit bad }'
    r=$?
    files "$1" || r=1
    return $r
}

# No source file over 900 lines (issue 13): a file one cannot hold in one's head is cut into
# parts over an internal header, as layout/, lua/api_*.c and the charts are.
maxfile=900
files() {
    find "$1" -name '*.[ch]' | sort | xargs wc -l | awk -v max="$maxfile" '
        $2 != "total" && $1 > max {
            printf "%s: error: file is %d lines (over %d): cut it into parts of one concern\n", $2, $1, max
            bad = 1
        }
        END { exit bad }'
}

if [ "${1:-}" = --selftest ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    fail=0
    body() { # body N: a function of N lines in all
        printf 'static int f(int a,\n             int b)\n{\n'
        i=4; while [ "$i" -lt "$1" ]; do printf '    a += b;\n'; i=$((i + 1)); done
        printf '}\n'
    }
    body 121 > "$tmp/long.c"
    if check "$tmp" 2>/dev/null >/dev/null; then echo "funclen: a 121-line function passed"; fail=1; fi
    { printf '/* long: a test of the excuse */\n'; body 121; } > "$tmp/long.c"
    check "$tmp" >/dev/null || { echo "funclen: a /* long: */ comment did not excuse"; fail=1; }
    body 120 > "$tmp/long.c"
    check "$tmp" >/dev/null || { echo "funclen: a 120-line function failed"; fail=1; }
    k=0; while [ "$k" -lt 8 ]; do body 118; k=$((k + 1)); done > "$tmp/long.c"
    if check "$tmp" 2>/dev/null >/dev/null; then echo "funclen: a 944-line file passed"; fail=1; fi
    [ "$fail" = 0 ] && echo "funclen selftest: ok"
    exit "$fail"
fi
if [ -n "${1:-}" ]; then check "$1"; else cd "$here/.." && check core; fi
