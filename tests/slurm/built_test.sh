#!/bin/sh
# built_test.sh — built_count (built.sh) on made-up task logs: one, two and three digits, a
# count at the start of a line, and the last summary of several.
. "$(dirname "$0")/built.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
expect() { # expect WANT LOG-TEXT
    printf '%s\n' "$2" > "$tmp/log"
    got=$(built_count "$tmp/log")
    [ "$got" = "$1" ] || { echo "FAIL: '$2': got '$got', want '$1'" >&2; bad=1; }
}
expect 7 "briefc: 7 built, 0 failed, 0 up to date, 0 not started, in 0.52 s (13 rows/s, 1 workers, shard 1/3)"
expect 12 "briefc: 12 built, 0 failed, 0 up to date, 0 not started, in 0.52 s (23 rows/s, 1 workers, shard 2/3)"
expect 340 "briefc: 340 built, 1 failed, 9 up to date, 0 not started, in 9.1 s"
expect 15 "15 built, 0 failed"
expect 0 "$(printf 'briefc: 11 built, 0 failed\nbriefc: 0 built, 0 failed, 11 up to date')"
expect "" "no summary here"
[ "$bad" -eq 0 ] && echo "built_count: 6 logs read right"
exit "$bad"
