# lib.sh — helpers for the end-to-end tests: assertions with a count, a temp folder, and the
# closing "N passed, N failed" line. Source it; call finish at the end.
set -u
BRIEFC=${BRIEFC:?set BRIEFC to the briefc binary}
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TESTS="$ROOT/tests"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the on-disk cache (compiled hyphenation patterns) in the test's own folder, not the home
export BRIEFC_CACHE_DIR="$TMP/cache"
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

check() { # check "description" command...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}

contains() { # contains FILE TEXT: fixed-string search
    grep -qF -- "$2" "$1"
}

# in_order FILE TEXT...: each TEXT appears after the previous one (by line, then by byte).
in_order() {
    f=$1; shift
    awk -v n="$#" 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
        { line = $0
          while (k <= n && (p = index(line, want[k])) > 0) { line = substr(line, p + length(want[k])); k++ } }
        END { if (k <= n) { print "missing or out of order: " want[k] > "/dev/stderr"; exit 1 } }' "$f" "$@"
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
