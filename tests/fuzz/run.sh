#!/bin/sh
# run.sh FUZZER SEEDS SECONDS — fuzzes from a scratch copy of the seed corpus (new inputs go
# there, not into the repository). A crash leaves its input in the scratch folder's parent and
# fails the test; add it to the seed corpus as a regression test once fixed.
set -u
fuzzer=$1 seeds=$2 seconds=$3
# third-party libraries' own caches, which LeakSanitizer cannot see as kept (lsan.supp says why)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
cd "$work" || exit 1
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 corpus "$seeds" > log.txt 2>&1
rc=$?
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs" log.txt
if [ "$rc" -ne 0 ]; then
    tail -40 log.txt
    for c in crash-* leak-* timeout-* oom-*; do
        [ -e "$c" ] && cp "$c" "$(dirname "$seeds")/../found-$(basename "$fuzzer")-$c" 2>/dev/null
    done
    echo "fuzzer failed (exit $rc)"
    exit 1
fi
echo "1 passed, 0 failed"
