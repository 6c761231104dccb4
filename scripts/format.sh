#!/bin/sh
# format.sh [--check] [ROOT] — the one-time format of the tree (issue 13): runs clang-format-14
# with the repository's .clang-format over the C sources of core/, tests/ (not node_modules) and
# tools/, in place, then runs the funclen check, since formatting lengthens functions and files
# (a function over 120 lines or a file over 900 fails it: cut it along its seams first).
# --check changes nothing: it lists the files formatting would change and exits 1 if any would.
# ROOT (default: the checkout this script is in) lets it run on a scratch copy of the tree:
#   cp -a . /tmp/fmt && scripts/format.sh /tmp/fmt && git -C /tmp/fmt diff --stat
set -u
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cf=${CLANG_FORMAT:-clang-format-14}
command -v "$cf" >/dev/null 2>&1 || { echo "format.sh: error: $cf not found: install clang-format-14 (or set CLANG_FORMAT)" >&2; exit 2; }
[ -f "$root/.clang-format" ] || { echo "format.sh: error: $root/.clang-format missing: ROOT must be a briefc checkout" >&2; exit 2; }
cd "$root" || exit 2

list() {
    for d in core tests tools; do
        [ -d "$d" ] && find "$d" -name node_modules -prune -o \( -name '*.c' -o -name '*.h' \) -type f -print
    done | LC_ALL=C sort
}

if [ "$check" = 1 ]; then
    changed=0
    for f in $(list); do
        if ! "$cf" --style=file "$f" | cmp -s - "$f"; then echo "$f"; changed=1; fi
    done
    exit "$changed"
fi

list | xargs "$cf" --style=file -i || { echo "format.sh: error: $cf failed" >&2; exit 1; }
sh tests/funclen.sh || { echo "format.sh: error: formatting pushed functions or files over the limits above: cut them along their seams, then format again" >&2; exit 1; }
echo "format.sh: formatted $(list | wc -l) files; funclen ok"
