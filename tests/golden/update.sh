#!/bin/sh
# update.sh — the one place golden layout dumps are made. `make golden` runs it into this
# folder after an intended layout change (review the diff before committing it); each
# golden_<name> test runs it into a temporary folder and compares (check.sh).
#
#   sh tests/golden/update.sh --list               the golden names, one a line (CMake reads it)
#   sh tests/golden/update.sh BRIEFC DIR [NAME...] writes DIR/NAME.layout, or .layout.gz for
#                                                  the large ones, for every NAME (default all)
#
# A dump is `briefc check BRIEF --dump-layout FILE`, run from the repository root with a
# brief path relative to it. A file whose content did not change is left alone, so a gzip
# from another gzip version never shows as a change.
set -eu
NAMES="sample stress columns navigation unicode charts charts-mono handout-ur house showcase"
GZIPPED="stress" # over 2 MB as text: stored compressed, compared through gzip -dc

args() { # the brief and options of a golden
    case $1 in
    sample) echo "briefs/pakistan-us" ;;
    stress) echo "tests/briefs/stress" ;;
    columns) echo "tests/briefs/columns" ;;
    navigation) echo "tests/briefs/navigation" ;;
    unicode) echo "tests/briefs/unicode -D year=2020 -D label=override -Ddraft=true" ;; # as unicode.sh
    charts) echo "briefs/charts/brief.lua" ;;
    charts-mono) echo "briefs/charts/mono.lua" ;;
    handout-ur) echo "briefs/handout-ur" ;;
    house) echo "examples/house -D year=2012 -D number=8" ;; # a shared house style (house.sh)
    showcase) echo "briefs/showcase" ;; # row spans, booktabs, bound pages (showcase.sh)
    *) echo "update.sh: error: no golden named '$1' (see --list)" >&2; return 1 ;;
    esac
}

file_of() { # the golden's file name
    case " $GZIPPED " in *" $1 "*) echo "$1.layout.gz" ;; *) echo "$1.layout" ;; esac
}

if [ "${1-}" = "--list" ]; then
    for n in $NAMES; do echo "$n"; done
    exit 0
fi
[ $# -ge 2 ] || { echo "usage: update.sh --list | update.sh BRIEFC DIR [NAME...]" >&2; exit 2; }
case $1 in
*/*) briefc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;; # absolute: the script moves to the root
*) briefc=$(command -v "$1") || { echo "update.sh: error: no '$1' on the PATH" >&2; exit 2; } ;;
esac
mkdir -p "$2"
dir=$(cd "$2" && pwd)
shift 2
[ $# -gt 0 ] || set -- $NAMES
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in "$@"; do
    a=$(args "$n")
    f=$(file_of "$n")
    # shellcheck disable=SC2086 # the options are words
    if ! "$briefc" check $a -q --dump-layout "$tmp/$n.layout" 2> "$tmp/err"; then
        echo "update.sh: error: $n: briefc check $a failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
    case $f in
    *.gz)
        if [ -f "$dir/$f" ] && gzip -dc "$dir/$f" | cmp -s - "$tmp/$n.layout"; then continue; fi
        gzip -9n < "$tmp/$n.layout" > "$tmp/$f" ;;
    *)
        if [ "$(wc -c < "$tmp/$n.layout")" -gt 2000000 ]; then
            echo "update.sh: warning: $n.layout is over 2 MB: add it to GZIPPED" >&2
        fi
        if [ -f "$dir/$f" ] && cmp -s "$dir/$f" "$tmp/$n.layout"; then continue; fi ;;
    esac
    mv "$tmp/$f" "$dir/$f"
    case $f in *.gz) rm -f "$dir/$n.layout" ;; *) rm -f "$dir/$n.layout.gz" ;; esac
    echo "update.sh: wrote $f"
done
