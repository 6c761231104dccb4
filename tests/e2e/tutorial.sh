#!/bin/sh
# tutorial.sh — runs every ```sh block of docs/tutorial.md, in order, in one empty folder with
# briefc on the PATH (the served step on a port of its own), and checks what they make.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/bin" "$TMP/work"
ln -s "$BRIEFC" "$TMP/bin/briefc"
needs curl pdftotext
# the served step's port: one of this run's, not 8080, which something else may hold; one
# nothing listens on now (the tutorial's wait for the server would otherwise spin until the
# timeout when another run holds the port)
PORT=$((20000 + $$ % 20000))
while [ -n "$(ss -ltnH "sport = :$PORT" 2>/dev/null)" ]; do PORT=$((20000 + (PORT + 7) % 20000)); done
# a server the tutorial started is stopped even when a later step fails
cat > "$TMP/steps.sh" <<'EOS'
trap 'rc=$?; [ -z "${server:-}" ] || kill "$server" 2>/dev/null || true; exit $rc' EXIT
EOS
awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$ROOT/docs/tutorial.md" |
    sed -e "s/127\.0\.0\.1:8080/127.0.0.1:$PORT/g" \
        -e '/healthz/s/do sleep 0\.1;/do kill -0 "$server" || exit 1; sleep 0.1;/' >> "$TMP/steps.sh"
check "the tutorial has commands" test -s "$TMP/steps.sh"
cd "$TMP/work" || exit 1
PATH="$TMP/bin:$PATH" timeout 300 sh -ex "$TMP/steps.sh" > "$TMP/run.txt" 2>&1; rc=$?
check "every command of the tutorial succeeds" test "$rc" -eq 0
[ "$rc" -eq 0 ] || { echo "exit status $rc" >&3; tail -20 "$TMP/run.txt" >&3; }
check "water.pdf" test -s water.pdf
check "the plugin's sentence is in the PDF" sh -c "pdftotext water.pdf - | tr '\n' ' ' | grep -q 'had safe water in South Asia'"
check "the chart's caption is in the PDF" sh -c "pdftotext water.pdf - | grep -q 'Share of people with safe water'"
check "a handout per row" test -s "out/South Asia.pdf" -a -s "out/East Africa.pdf"
check "a handout's region" sh -c "pdftotext 'out/East Africa.pdf' - | tr '\n' ' ' | grep -q 'in East Africa'"
check "the new brief has .luarc.json" test -s water/.luarc.json
check "the served PDF" test -s served.pdf
check "the served PDF is for the region asked" sh -c "pdftotext served.pdf - | tr '\n' ' ' | grep -q 'in Central Asia'"
finish
