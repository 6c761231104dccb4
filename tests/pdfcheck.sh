#!/bin/sh
# pdfcheck.sh FILE.pdf — opens a PDF in five independent readers and fails on any warning:
# qpdf --check, poppler (pdfinfo, pdftotext), MuPDF (mutool draw), Ghostscript (its printed
# output is read: it exits 0 even after a page error) and pdf.js.
set -u
f=$1
here=$(dirname "$0")
fail=0
say() { echo "pdfcheck: $f: $*" | head -4 >&2; fail=1; }
# a reader that is not installed fails the check rather than being skipped (make test-deps)
for tool in qpdf pdfinfo pdftotext pdffonts mutool gs node; do
    command -v "$tool" >/dev/null 2>&1 || say "$tool is not installed (run: make test-deps)"
done
[ -s "$f" ] || say "no such file, or empty"

out=$(qpdf --check "$f" 2>&1) || say "qpdf --check failed: $out"
# Its closing lines ("No syntax or stream encoding errors found ... cannot detect") are fine.
bad=$(echo "$out" | grep -i 'warning\|error' | grep -v 'No syntax or stream encoding errors\|errors that qpdf cannot detect')
[ -n "$bad" ] && say "qpdf: $(echo "$bad" | head -3)"

out=$(pdfinfo "$f" 2>&1 >/dev/null) || say "pdfinfo failed"
[ -n "$out" ] && say "pdfinfo: $out"
out=$(pdftotext "$f" /dev/null 2>&1) || say "pdftotext failed"
[ -n "$out" ] && say "pdftotext: $out"
out=$(pdffonts "$f" 2>&1 >/dev/null)
[ -n "$out" ] && say "pdffonts: $out"

# Debian's MuPDF is built without lcms: it says so on every run. That line is about the
# reader, not the file; anything else it prints is a finding.
out=$(mutool draw -q -o /dev/null "$f" 2>&1 | grep -v '^warning: ICC support is not available$')
[ -n "$out" ] && say "mutool: $(echo "$out" | head -3)"

out=$(gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$f" 2>&1)
[ -n "$out" ] && say "ghostscript: $(echo "$out" | head -3)"

if [ -f "$here/pdfjs/node_modules/pdfjs-dist/legacy/build/pdf.js" ]; then
    out=$(node "$here/pdfjs/check.js" "$f" 2>&1) || say "$out"
else
    say "pdf.js is not installed (run tests/pdfjs/setup.sh)"
fi
exit $fail
