# lib.sh — helpers for the end-to-end tests: assertions with a count, a temp folder, briefc
# run with its exit status and sanitizer output checked, and the closing "N passed, N failed"
# line. Source it from bash (the scripts are run with bash: pipes keep their exit status);
# call finish at the end.
set -u
set -o pipefail
BRIEFC=${BRIEFC:?set BRIEFC to the briefc binary}
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TESTS="$ROOT/tests"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the on-disk cache (compiled hyphenation patterns) in the test's own folder, not the home
export BRIEFC_CACHE_DIR="$TMP/cache"
passed=0
failed=0
# Failures are written to the test's own stderr (fd 3) even from a call whose stderr is
# redirected, and counted in a file so that one made in a subshell ($(...), a pipe, a
# background job) still fails the test.
exec 3>&2
FAILS="$TMP/.failures"
: > "$FAILS"
# Every sanitizer report of every process this test starts (batch workers, calls made through
# sh -c, golden scripts) lands in $SAN: run_briefc and finish fail on any file there.
SAN="$TMP/.sanitizer"
mkdir -p "$SAN" "$SAN.seen"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SAN/report"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SAN/report"

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo x >> "$FAILS"; echo "FAIL: $*" >&3; }

check() { # check "description" command...: on a failure, the command's last lines too
    local what=$1 # local: a test's own $d survives its checks
    shift
    _out=$(mktemp "$TMP/.check.XXXXXX")
    if "$@" > "$_out" 2>&1; then ok; else bad "$what"; tail -5 "$_out" | sed 's/^/    /' >&3; fi
    rm -f "$_out"
}

contains() { # contains FILE TEXT: fixed-string search
    grep -qF -- "$2" "$1"
}

# pf 'COMMANDS' [ARGS...]: a shell command line for check whose pipes keep their exit status.
pf() { bash -o pipefail -c "$@"; }
# prose_brief DIR FONT LANG PARAGRAPH...: a brief of one prose section in DIR, its body and
# heading font FONT, its language LANG, each PARAGRAPH one paragraph (ragged right)
prose_brief() {
    local dir=$1 font=$2 lang=$3
    shift 3
    mkdir -p "$dir"
    {
        printf 'return { title = "t", language = "%s",\n' "$lang"
        printf '  theme = { body_font = "%s", heading_font = "%s", justify = false },\n' "$font" "$font"
        printf '  sections = { section "prose" { paragraphs = {\n'
        for p in "$@"; do printf '    "%s",\n' "$p"; done
        printf '  } } } }\n'
    } > "$dir/brief.lua"
}
# grepq ARGS...: grep -q that reads all its input, so that the writer into the pipe is never
# cut off by SIGPIPE (which pipefail would count as a failure); exported for pf's shells.
grepq() { grep "$@" > /dev/null; }
export -f grepq

# san_clean WHAT [STDERR-FILE]: fails the test, naming WHAT, on a sanitizer report in the file
# or in $SAN (reports there are then moved aside so that each is told once).
SAN_PATTERN='ERROR: (Address|Leak|Memory|Thread|UndefinedBehavior)Sanitizer|: runtime error: |^SUMMARY: [A-Za-z]*Sanitizer'
san_clean() {
    if [ -n "${2:-}" ] && grep -qE "$SAN_PATTERN" "$2"; then
        bad "$1: sanitizer report on stderr:"
        grep -E -A12 "$SAN_PATTERN" "$2" | head -40 >&3
    fi
    for f in "$SAN"/*; do
        [ -e "$f" ] || continue
        bad "$1: sanitizer report ($(basename "$f")):"
        head -40 "$f" >&3
        mv "$f" "$SAN.seen/" 2>/dev/null
    done
}

# run_briefc STATUS ARGS...: runs briefc ARGS and fails the test when its exit status is not
# STATUS or it printed a sanitizer report. stdout passes through; stderr too, once briefc has
# ended. Returns briefc's exit status. A run is stopped after RUN_TIMEOUT seconds (default
# 900: a guard against a hang, not a speed test), which is exit status 124.
run_briefc() {
    _want=$1; shift
    _err=$(mktemp "$TMP/.stderr.XXXXXX")
    timeout "${RUN_TIMEOUT:-900}" "$BRIEFC" "$@" 2> "$_err"
    _rc=$?
    cat "$_err" >&2
    san_clean "briefc $*" "$_err"
    rm -f "$_err"
    [ "$_rc" -eq "$_want" ] || bad "briefc $*: exit status $_rc, expected $_want"
    return "$_rc"
}

# briefc_bg ERRFILE ARGS...: starts briefc ARGS in the background, stderr to ERRFILE, and sets
# BG_PID to briefc's own process id (for kill); briefc_wait checks how it ended.
briefc_bg() {
    _f=$1; shift
    "$BRIEFC" "$@" 2> "$_f" &
    BG_PID=$!
}
# briefc_wait PID STATUS ERRFILE WHAT: waits for it; fails unless it exited with STATUS and
# printed no sanitizer report. Returns its exit status.
briefc_wait() {
    wait "$1"
    _rc=$?
    san_clean "$4" "$3"
    [ "$_rc" -eq "$2" ] || bad "$4: exit status $_rc, expected $2"
    return "$_rc"
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.05 s until it succeeds; false once SECONDS
# have passed (a bound against a hang, not a timing guess: the event is what is waited for).
wait_for() {
    _end=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -le "$_end" ] || return 1
        sleep 0.05
    done
}

# in_order FILE TEXT...: each TEXT appears after the previous one (by line, then by byte).
in_order() {
    f=$1; shift
    awk -v n="$#" 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
        { line = $0
          while (k <= n && (p = index(line, want[k])) > 0) { line = substr(line, p + length(want[k])); k++ } }
        END { if (k <= n) { print "missing or out of order: " want[k] > "/dev/stderr"; exit 1 } }' "$f" "$@"
}

# needs TOOL...: each tool is installed, or the test fails (scripts/deps.sh test installs them).
needs() {
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || bad "$t is not installed (run: make test-deps)"
    done
}
# have_pdfjs: pdf.js is installed; without it the test fails (tests/pdfjs/setup.sh installs it).
have_pdfjs() {
    [ -f "$TESTS/pdfjs/node_modules/pdfjs-dist/legacy/build/pdf.js" ] && return 0
    bad "pdf.js is not installed (run: sh tests/pdfjs/setup.sh)"
    return 1
}

finish() {
    san_clean "a briefc run of this test"
    failed=$(wc -l < "$FAILS")
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# serve_port PID ERRFILE: waits (at most 10 s) until the `briefc serve` started as PID prints
# the loopback address it listens on into ERRFILE and answers /healthz there; sets PORT, which
# is empty when it never did.
serve_port() {
    PORT=
    local i=0
    while [ $i -lt 200 ]; do
        PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$2")
        [ -n "$PORT" ] && curl -s --max-time 2 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$1" 2>/dev/null || break
        i=$((i + 1)); sleep 0.05
    done
    PORT=
    return 1
}

# spaced_words: stdin's words, split on white space, one space between and one at each end
spaced_words() { python3 -c 'import sys; print(" " + " ".join(sys.stdin.read().split()) + " ")'; }
# reader_texts NAME: pdf.js's words into NAME.js.txt, poppler's into NAME.pop.txt, MuPDF's into
# NAME.mu.txt (poppler's embedding marks U+202A..U+202E as spaces)
reader_texts() {
    node "$TESTS/pdfjs/text.js" "$1.pdf" 2> /dev/null > "$1.js.raw"
    spaced_words < "$1.js.raw" > "$1.js.txt"
    pdftotext -enc UTF-8 "$1.pdf" - | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]/ /g' | spaced_words > "$1.pop.txt"
    mutool draw -q -F txt -o "$1.mu.raw" "$1.pdf" 2> /dev/null
    spaced_words < "$1.mu.raw" > "$1.mu.txt"
}
# same_words FILE TEXT [reverse]: the words of TEXT are those of FILE, as often (punctuation set
# apart: poppler and MuPDF set it on the side display order puts it); reverse: a word with an
# Arabic letter reversed first (MuPDF reads right-to-left text in display order)
same_words() {
    python3 - "$1" "$2" "${3:-}" << 'PY'
import collections, re, sys
def split(t, rev):
    for c in "،۔.()·/—!?":
        t = t.replace(c, " ")
    ws = t.split()
    if rev:
        ws = [w[::-1] if re.search("[\u0621-\u064a\u0671-\u06d3]", w) else w for w in ws]
    return collections.Counter(ws)
have = split(open(sys.argv[1], encoding="utf-8").read(), sys.argv[3])
want = split(sys.argv[2], "")
missing = want - have
print("missing:", " ".join(missing))
sys.exit(1 if missing else 0)
PY
}
# coloured PDF PAGE X0 Y0 X1 Y1: how many pixels at 144 dpi in that box are saturated
coloured() {
    pdftoppm -r 144 -f "$2" -l "$2" -x "$(awk "BEGIN { print int($3 * 2) }")" -y "$(awk "BEGIN { print int($4 * 2) }")" \
        -W "$(awk "BEGIN { print int(($5 - $3) * 2) + 1 }")" -H "$(awk "BEGIN { print int(($6 - $4) * 2) + 1 }")" "$1" > "$TMP/crop.ppm"
    python3 - "$TMP/crop.ppm" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
parts, i = [], 0
while len(parts) < 4:  # P6 width height maxval
    while d[i:i+1].isspace(): i += 1
    j = i
    while not d[j:j+1].isspace(): j += 1
    parts.append(d[i:j]); i = j
px = d[i + 1:]
print(sum(1 for k in range(0, len(px) - 2, 3) if max(px[k:k+3]) - min(px[k:k+3]) > 60))
PY
}
