#!/bin/bash
# batch.sh — briefc batch: shards cover every row exactly once, bad rows fail alone and are
# reported, clashing names are refused before work starts, --resume builds only what is
# missing or stale, a killed worker costs one row, SIGINT leaves no partial file.
. "$(dirname "$0")/lib.sh"
B="$TESTS/briefs/batch"
cd "$TMP" || exit 1
{ echo "name,n"; i=1; while [ $i -le 40 ]; do echo "r$i,$i"; i=$((i + 1)); done; } > m.csv

check "batch of 40 rows" run_briefc 0 batch "$B" --rows m.csv --out 'all/{name}.pdf' -q
check "40 PDFs" test "$(ls all | wc -l)" -eq 40
check "a batch PDF has its row's text" pf "pdftotext all/r17.pdf - | grep 'Row 17 for r17.' >/dev/null"
check "a batch PDF opens in five readers" bash "$TESTS/pdfcheck.sh" all/r40.pdf

# shards: each builds its own share, the shares are disjoint and together cover every row
for n in 1 3 7; do
    k=1
    while [ $k -le $n ]; do
        run_briefc 0 batch "$B" --rows m.csv --out "s$n-$k/{name}.pdf" --shard "$k/$n" -q -j 1
        k=$((k + 1))
    done
    total=$(ls s$n-*/ | grep -c '\.pdf$')
    union=$(ls s$n-*/ | grep '\.pdf$' | sort -u | wc -l)
    check "shards 1..$n: disjoint shares ($total PDFs, $union names) covering all 40 rows" test "$total" -eq 40 -a "$union" -eq 40
    [ "$n" -gt 1 ] && check "shard 1/$n builds about a ${n}th ($(ls s$n-1 | wc -l))" test "$(ls s$n-1 | wc -l)" -le $((40 / n + 1))
done
SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=0 run_briefc 0 batch "$B" --rows m.csv --out 'slurm/{name}.pdf' -q
check "a Slurm array task builds its share (10 of 40)" test "$(ls slurm | wc -l)" -eq 10
check "task 2 of 0..3 builds rows 3, 7, …" test -e slurm/r3.pdf -a -e slurm/r7.pdf -a ! -e slurm/r1.pdf
JOB_COMPLETION_INDEX=0 BRIEFC_SHARD_COUNT=8 run_briefc 0 batch "$B" --rows m.csv --out 'k8s/{name}.pdf' -q
check "a Kubernetes indexed job builds its share (5 of 40)" test "$(ls k8s | wc -l)" -eq 5

# bad rows: a wrong type, a missing column, invalid UTF-8, a plugin error
printf 'name,n,fail\ngood1,1,false\nbadtype,soon,false\nshort,3\n\377bad,4,false\ngood5,5,false\nboom,6,true\ngood7,7,false\n' > bad.csv
run_briefc 1 batch "$B" --rows bad.csv --out 'bad/{n}.pdf' --report report.jsonl -q 2> bad.err; rc=$?
check "bad rows make the batch exit 1" test "$rc" -eq 1
check "good rows are all built" test -e bad/1.pdf -a -e bad/5.pdf -a -e bad/7.pdf
check "bad rows leave no PDF" test ! -e bad/soon.pdf -a ! -e bad/6.pdf
check "the report has one line per bad row" test "$(wc -l < report.jsonl)" -eq 4
check "report: the wrong type" grep -q '"row": 2,.*param .n.: expected a number' report.jsonl
check "report: the missing column" grep -q '"row": 3,.*the row has 2 fields, the header 3' report.jsonl
check "report: invalid UTF-8" grep -q '"row": 4,.*invalid UTF-8' report.jsonl
check "report: the plugin error with its file and line" grep -q '"row": 6,.*"file": ".*plugins/row.lua", "line": 5, "message": "this row is meant to fail' report.jsonl

# names are checked before any work starts
printf 'name,n\nsame,1\nother,2\nsame,3\n' > clash.csv
run_briefc 1 batch "$B" --rows clash.csv --out 'clash/{name}.pdf' 2> clash.err; rc=$?
check "clashing names: exit 1" test "$rc" -eq 1
check "clashing names: both rows named" grep -q "rows 1 and 3 both write 'clash/same.pdf'" clash.err
check "clashing names: nothing built" test ! -e clash
printf 'name,n\n../up,1\n' > dotdot.csv
run_briefc 1 batch "$B" --rows dotdot.csv --out 'dd/{name}.pdf' 2> dd.err; rc=$?
check "'..' in a row value is refused" sh -c "test $rc -eq 1 && grep -q \"holds '..'\" dd.err && test ! -e dd"
printf 'name,n\n.,1\n' > dot.csv
run_briefc 1 batch "$B" --rows dot.csv --out 'dot/{name}./x.pdf' 2> dot.err; rc=$?
check "a value making '..' with the template's dot is refused" sh -c "test $rc -eq 1 && grep -q 'would leave the output folder' dot.err && test ! -e x.pdf"
printf 'name,n\n/etc/x,1\n' > abs.csv
run_briefc 1 batch "$B" --rows abs.csv --out '{name}.pdf' 2> abs.err; rc=$?
check "an absolute name from a row is refused" sh -c "test $rc -eq 1 && grep -q 'absolute path' abs.err"
printf 'name,n,colour\nx,1,red\n' > extra.csv
run_briefc 1 batch "$B" --rows extra.csv --out 'ex/{name}.pdf' 2> extra.err; rc=$?
check "a column that is neither a param nor in --out is refused" sh -c "test $rc -eq 1 && grep -q \"column 'colour' is not a param of the brief, nor used in --out or --bookmark\" extra.err"

# --resume: only what is missing or stale, by modification times to the nanosecond (a copy
# of the brief, its times set by hand: inputs at .1 s, outputs at .5 s of the same second)
cp -r "$B" rb
cp m.csv rm.csv
run_briefc 0 batch rb --rows rm.csv --out 'res/{name}.pdf' -q
set_times() { # the inputs at $1, the outputs at $2
    find rb rm.csv -exec touch -h -d "$1" {} +
    touch -d "$2" res/*.pdf
}
set_times '2020-01-01 00:00:00.100000000' '2020-01-01 00:00:00.500000000'
rm res/r5.pdf
run_briefc 0 batch rb --rows rm.csv --out 'res/{name}.pdf' --resume 2> resume.err
check "--resume builds only the missing row" grep -q "1 built, 0 failed, 39 up to date" resume.err
set_times '2020-01-01 00:00:00.100000000' '2020-01-01 00:00:00.500000000'
touch -d '2020-01-01 00:00:00.900000000' rb/plugins/row.lua # 0.4 s after the outputs
run_briefc 0 batch rb --rows rm.csv --out 'res/{name}.pdf' --resume 2> resume2.err
check "--resume rebuilds everything after a plugin changed 0.4 s after the outputs" grep -q "40 built, 0 failed, 0 up to date" resume2.err
set_times '2020-01-01 00:00:00.100000000' '2020-01-01 00:00:00.500000000'
touch -d '2020-01-01 00:00:00.700000000' rm.csv
run_briefc 0 batch rb --rows rm.csv --out 'res/{name}.pdf' --resume 2> resume3.err
check "--resume rebuilds everything after the manifest changed 0.2 s after the outputs" grep -q "40 built, 0 failed, 0 up to date" resume3.err
set_times '2020-01-01 00:00:00.100000000' '2020-01-01 00:00:00.500000000'
run_briefc 0 batch rb --rows rm.csv --out 'res/{name}.pdf' --resume 2> resume4.err
check "--resume rebuilds nothing when every output is newer" grep -q "0 built, 0 failed, 40 up to date" resume4.err

# a worker killed in the middle of a row costs that row alone: once the quick rows are built,
# the only worker running (not waiting for a row) is the one spinning on row b
printf 'name,n,slow\na,1,0\nb,2,300\nc,3,0\nd,4,0\n' > slow.csv
briefc_bg slow.err batch "$B" --rows slow.csv --out 'slow/{name}.pdf' -j 2 --report slow.jsonl
bpid=$BG_PID
running() { ps -o pid=,stat= --ppid "$bpid" | awk '$2 ~ /^R/ { print $1 }'; }
one_running() { test "$(running | wc -l)" -eq 1; }
check "the quick rows are built while row b spins" wait_for 120 test -e slow/a.pdf -a -e slow/c.pdf -a -e slow/d.pdf
check "one worker is running (row b)" wait_for 60 one_running
kill -9 "$(running)" 2>/dev/null
briefc_wait "$bpid" 1 slow.err "batch with a killed worker"; rc=$?
check "a killed worker fails the batch (exit 1)" test "$rc" -eq 1
check "the other rows were built" test -e slow/a.pdf -a -e slow/c.pdf -a -e slow/d.pdf
check "the killed row is reported" grep -q '"row": 2,.*killed by signal 9' slow.jsonl
check "the killed row alone is reported" test "$(wc -l < slow.jsonl)" -eq 1
check "no temporary files after the kill" pf "! ls -A slow | grepq '\.tmp'"

# SIGINT once the first row is built: no new rows, no partial files, the summary says what is
# left (each row spins long enough that the batch cannot finish first)
{ echo "name,n,slow"; i=1; while [ $i -le 30 ]; do echo "q$i,$i,3"; i=$((i + 1)); done; } > int.csv
briefc_bg int.err batch "$B" --rows int.csv --out 'int/{name}.pdf' -j 2
bpid=$BG_PID
check "a first row is built" wait_for 300 sh -c 'ls int/*.pdf'
kill -INT "$bpid"
briefc_wait "$bpid" 1 int.err "batch stopped by SIGINT"; rc=$?
check "SIGINT: exit 1" test "$rc" -eq 1
check "SIGINT: the summary names the rows left" grep -q "rows from [0-9]* on were not built: rerun with --resume" int.err
check "SIGINT: no temporary files" pf "! ls -A int 2>/dev/null | grepq '\.tmp'"
for f in int/*.pdf; do [ -e "$f" ] && { qpdf --check "$f" >/dev/null 2>&1 && ok || bad "$f is not a valid PDF"; }; done
check "SIGINT: not every row was built ($(ls int | wc -l))" test "$(ls int | wc -l)" -lt 30
finish
