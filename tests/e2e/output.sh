#!/bin/sh
# output.sh — what briefc may overwrite and batch integrity (issue 12, class 8): no output
# replaces a file of the brief, short temporary names, no name or value cut, a report that
# cannot truncate the manifest, only checked rows built, Slurm steps, --resume to the
# nanosecond, SIGTERM to the group, unterminated quotes, --dump-layout errors, long headings.
# Each refusal: exact message, exit status, the brief untouched, no partial or temporary file.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
T="timeout 120"

mkdir -p br/plugins br/data br/fonts
printf 'return { title = "Out", sections = { section "h" } }\n' > br/brief.lua
cat > br/plugins/h.lua <<'EOF'
return { name = "h", version = "1.0.0", api = 1, description = "One heading.",
  render = function(s, ctx) s:heading("Findings") s:paragraph("Text of the brief.") end }
EOF
echo "a,b" > br/data/d.csv
echo "my notes" > br/notes.txt
ln -s data/d.csv br/dlink
cp -r br pristine
REAL=$(cd br && pwd -P)

# refused DESCRIPTION EXPECTED-STDERR briefc-args...: exit 1, exactly that message, the brief
# untouched, no temporary file anywhere
refused() {
    d=$1; want=$2; shift 2
    $T "$BRIEFC" "$@" > out.txt 2> err.txt; rc=$?
    check "$d: exit 1 (got $rc)" test "$rc" -eq 1
    if [ "$(cat err.txt)" = "$want" ]; then ok; else bad "$d: expected '$want', got '$(cat err.txt)'"; fi
    check "$d: the brief is untouched" diff -r br pristine
    check "$d: no temporary file" sh -c "! find . -name '.briefc-*' | grep -q ."
}

refused "-o brief.lua" \
    "br/brief.lua: error: the output names 'br/brief.lua', which briefc reads as an input; write it to another file" \
    build br -o br/brief.lua
refused "-o a plugin" \
    "br/plugins/h.lua: error: the output would write into '$REAL/plugins', a folder the brief reads (plugins, data or fonts); write the output elsewhere" \
    build br -o br/plugins/h.lua
refused "-o a new file in data/" \
    "br/data/new.pdf: error: the output would write into '$REAL/data', a folder the brief reads (plugins, data or fonts); write the output elsewhere" \
    build br -o br/data/new.pdf
check "-o data/: nothing written" test ! -e br/data/new.pdf
refused "-o into fonts/" \
    "br/fonts/x.pdf: error: the output would write into '$REAL/fonts', a folder the brief reads (plugins, data or fonts); write the output elsewhere" \
    build br -o br/fonts/x.pdf
ln -s br/plugins pl
refused "-o through a link to plugins/" \
    "pl/x.pdf: error: the output would write into '$REAL/plugins', a folder the brief reads (plugins, data or fonts); write the output elsewhere" \
    build br -o pl/x.pdf
refused "-o a file of the brief folder that briefc did not write" \
    "br/notes.txt: error: the output would replace a file in the brief folder that is not a PDF briefc wrote (plugins may read it); choose another name" \
    build br -o br/notes.txt
refused "-o a symbolic link in the brief folder" \
    "br/dlink: error: the output would replace a file in the brief folder that is not a PDF briefc wrote (plugins may read it); choose another name" \
    build br -o br/dlink
check "the link in the brief folder is still a link" test -L br/dlink
ln br/brief.lua hard.lua
refused "-o a hard link to brief.lua" \
    "hard.lua: error: the output names 'br/brief.lua', which briefc reads as an input; write it to another file" \
    build br -o hard.lua
refused "--dump-layout brief.lua" \
    "br/brief.lua: error: --dump-layout names 'br/brief.lua', which briefc reads as an input; write it to another file" \
    build br -o fine.pdf --dump-layout br/brief.lua
check "--dump-layout refused: no PDF either" test ! -e fine.pdf
refused "-o a folder" "br: error: the output names a folder; give a file name" build br -o br
mkfifo fifo
refused "-o a FIFO nobody reads (no hang)" \
    "fifo: error: cannot write 'fifo': it is a FIFO that no process is reading" build br -o fifo
check "the FIFO is still a FIFO" test -p fifo

# --dump-layout to a place that cannot be written: an error, exit 1, no PDF, old PDF kept
"$BRIEFC" build br -o keep.pdf -q && cp keep.pdf keep.orig
refused "--dump-layout into a missing folder" \
    "no/such/dump.txt: error: cannot write 'no/such/dump.txt': No such file or directory" \
    build br -o keep.pdf --dump-layout no/such/dump.txt
check "--dump-layout failed: the existing PDF is untouched" cmp keep.pdf keep.orig
refused "--dump-layout to a folder" "br: error: --dump-layout names a folder; give a file name" \
    build br -o keep.pdf --dump-layout br
check "--dump-layout to a folder: the existing PDF is untouched" cmp keep.pdf keep.orig

# what stays allowed: PDFs and dumps briefc wrote in the brief folder, replaced again
check "-o a PDF in the brief folder" $T "$BRIEFC" build br -o br/out.pdf -q
check "-o the same PDF again" $T "$BRIEFC" build br -o br/out.pdf -q
check "--dump-layout in the brief folder" $T "$BRIEFC" build br -o x.pdf --dump-layout br/layout.txt -q
check "--dump-layout there again" $T "$BRIEFC" build br -o x.pdf --dump-layout br/layout.txt -q
check "the dump starts with its header" sh -c "head -1 br/layout.txt | grep -qx '# briefc layout dump'"
check "the dump holds the heading" grep -q 'Findings"' br/layout.txt
rm -f br/out.pdf br/layout.txt
# a link as output is replaced by the file, never written through
ln -s br/brief.lua link.pdf
check "-o a symbolic link: built" $T "$BRIEFC" build br -o link.pdf -q
check "-o a symbolic link: the link became the PDF" sh -c "test ! -L link.pdf && head -c 5 link.pdf | grep -q '%PDF-'"
check "-o a symbolic link: its target is untouched" cmp br/brief.lua pristine/brief.lua
check "-o /dev/null" $T "$BRIEFC" build br -o /dev/null -q

# names as long as the file system allows: the temporary name is short
n251=$(printf 'n%.0s' $(seq 251))
check "a 255-byte output name" $T "$BRIEFC" build br -o "$n251.pdf" -q
check "the 255-byte PDF is whole" qpdf --check "$n251.pdf"
check "no temporary file after long names" sh -c "! find . -name '.briefc-*' | grep -q ."

# a 100 KB heading: built; its bookmark is cut with an ellipsis, the page keeps the text
mkdir -p long/plugins
printf 'return { title = "Long", sections = { section "h" } }\n' > long/brief.lua
cat > long/plugins/h.lua <<'EOF'
return { name = "h", version = "1.0.0", api = 1, description = "A 100 KB heading.",
  render = function(s, ctx) s:heading(string.rep("long words ", 10000)) s:paragraph("after") end }
EOF
$T "$BRIEFC" build long -o long.pdf -q 2> long.err; rc=$?
check "a 100 KB heading builds (exit $rc: $(head -c 200 long.err))" test "$rc" -eq 0
check "the long-heading PDF is valid" qpdf --check long.pdf
check "its bookmark ends with an ellipsis" sh -c "mutool show long.pdf outline | grep -q 'long words long …'"

# a 70 KB link target cannot be cut (the link would break): a clear error, no PDF
mkdir -p url/plugins
printf 'return { title = "Url", sections = { section "h" } }\n' > url/brief.lua
cat > url/plugins/h.lua <<'EOF'
return { name = "h", version = "1.0.0", api = 1, description = "A 70 KB link.",
  render = function(s, ctx) s:paragraph("see [here](https://x.org/" .. string.rep("a", 70000) .. ")") end }
EOF
refused "a 70 KB link target" \
    "briefc: error: a link target is 70014 bytes long, more than a PDF link can hold (65535); shorten the link that begins 'https://x.org/$(printf 'a%.0s' $(seq 46))'" \
    build url -o url.pdf
check "a 70 KB link target: no PDF" test ! -e url.pdf

# {====================================================== batch
B="$TESTS/briefs/batch"

# names are never cut: two 1,100-byte names (which cut to 1,023 bytes would clash)
a=$(printf 'a%.0s' $(seq 1100))
printf 'name,n\n%sx,1\n%sy,2\n' "$a" "$a" > long.csv
$T "$BRIEFC" batch "$B" --rows long.csv --out 'ln/{name}.pdf' -q 2> ln.err; rc=$?
check "names over NAME_MAX: exit 1" test "$rc" -eq 1
check "names over NAME_MAX: row 1 named" grep -qxF "long.csv:2: error: row 1: a part of the output name is 1105 bytes long, more than a file name may be (255): '$(printf 'a%.0s' $(seq 40))…'" ln.err
check "names over NAME_MAX: row 2 named" grep -qF "long.csv:3: error: row 2: a part of the output name is 1105 bytes long" ln.err
check "names over NAME_MAX: nothing built" test ! -e ln
n250=$(printf 'p%.0s' $(seq 250))
printf 'name,n\n%s,1\n' "$n250" > deep.csv
tmpl=$(for i in $(seq 17); do printf '{name}/'; done)x.pdf
$T "$BRIEFC" batch "$B" --rows deep.csv --out "$tmpl" -q 2> deep.err; rc=$?
check "a name over PATH_MAX: exit 1" test "$rc" -eq 1
check "a name over PATH_MAX: the row and the length" grep -qxF "deep.csv:2: error: row 1: the output name is 4272 bytes long, more than the system allows (4095); use shorter values or a shorter --out template" deep.err
check "a name over PATH_MAX: nothing made" test ! -e "$n250"
printf 'name,n\n%s,1\n' "$(printf 'q%.0s' $(seq 251))" > ok255.csv
check "a 255-byte row name builds" $T "$BRIEFC" batch "$B" --rows ok255.csv --out 'ok255/{name}.pdf' -q
check "the 255-byte row PDF is there" test -s "ok255/$(printf 'q%.0s' $(seq 251)).pdf"

# a 500-byte value reaches the plugin whole
v=$(printf 'v%.0s' $(seq 500))
printf 'name,n\n%s,1\n' "$v" > p500.csv
check "a 500-byte value: built" $T "$BRIEFC" batch "$B" --rows p500.csv --out 'p500/one.pdf' -q
check "a 500-byte value: all 500 bytes in the PDF" sh -c "pdftotext p500/one.pdf - | tr -d '\n' | grep -q '$v'"

# --report never names an input
printf 'name,n\nr1,1\n' > small.csv
cp small.csv small.orig
$T "$BRIEFC" batch "$B" --rows small.csv --out 'rep/{name}.pdf' --report small.csv -q 2> rep.err; rc=$?
check "--report the manifest: exit 1" test "$rc" -eq 1
check "--report the manifest: says so" grep -qxF "small.csv: error: --report names 'small.csv', which briefc reads as an input; write it to another file" rep.err
check "--report the manifest: manifest untouched" cmp small.csv small.orig
check "--report the manifest: nothing built" test ! -e rep
cp -r "$B" bb
cp bb/brief.lua bb.orig
$T "$BRIEFC" batch bb --rows small.csv --out 'rep/{name}.pdf' --report bb/brief.lua -q 2> rep2.err; rc=$?
check "--report brief.lua: exit 1 and untouched" sh -c "test $rc -eq 1 && cmp bb/brief.lua bb.orig && test ! -e rep"
check "--report brief.lua: says so" grep -qxF "bb/brief.lua: error: --report names 'bb/brief.lua', which briefc reads as an input; write it to another file" rep2.err
$T "$BRIEFC" batch bb --rows small.csv --out 'bb/plugins/{name}.pdf' -q 2> rep3.err; rc=$?
check "a row writing into plugins/: refused with its row" sh -c "test $rc -eq 1 && grep -qF 'small.csv:2: error: row 1: bb/plugins/r1.pdf: the output would write into' rep3.err"
printf 'name,n\na,1\nb,2\n' > two.csv
$T "$BRIEFC" batch "$B" --rows two.csv --out 'cm/{name}.pdf' --combine cm/./b.pdf -q 2> cm.err; rc=$?
check "a row writing the --combine file: refused before work" sh -c "test $rc -eq 1 && test ! -e cm"
check "a row writing the --combine file: says so" grep -qxF "two.csv:3: error: row 2 writes 'cm/b.pdf', which is the --combine file" cm.err
$T "$BRIEFC" batch "$B" --rows two.csv --out 'cm/{name}.pdf' --report cm//a.pdf -q 2> cm2.err; rc=$?
check "a row writing the --report file: refused" sh -c "test $rc -eq 1 && test ! -e cm && grep -qxF \"two.csv:2: error: row 1 writes 'cm/a.pdf', which is the --report file\" cm2.err"
printf 'name,n\nself,1\n' > self.csv
cp self.csv self.orig
$T "$BRIEFC" batch "$B" --rows self.csv --out '{name}.csv' -q 2> selfm.err; rc=$?
check "a row writing the manifest: refused" sh -c "test $rc -eq 1 && cmp self.csv self.orig"
check "a row writing the manifest: says so" grep -qxF "self.csv:2: error: row 1: self.csv: the output names 'self.csv', which briefc reads as an input; write it to another file" selfm.err
check "--report to a normal file still works" $T "$BRIEFC" batch "$B" --rows small.csv --out 'rep/{name}.pdf' --report rep.jsonl -q

# rows appended or changed while the batch runs are never built unchecked (the manifest is
# larger than a stdio buffer, so the rows after the first are read again from the file)
pad=$(printf 'x%.0s' $(seq 300))
{ echo "name,n,slow"; echo "first,1,6"; i=2; while [ $i -le 41 ]; do echo "$pad,$i,0"; i=$((i + 1)); done; } > grow.csv
cp grow.csv grow.new
echo "second,42,0" >> grow.csv
printf 'changed,42,0\nthird,43,0\n' >> grow.new
$T "$BRIEFC" batch "$B" --rows grow.csv --out 'grow/{n}.pdf' -j 1 2> grow.err &
bpid=$!
i=0; while [ ! -d grow ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
cat grow.new > grow.csv  # the same file, rewritten while row 1 builds
wait "$bpid"; rc=$?
check "a manifest changed mid-run: exit 1" test "$rc" -eq 1
check "the changed row is refused, by line" grep -qxF "grow.csv:43: error: row 42: the row changed after the manifest was checked; it was not built" grow.err
check "the unchanged rows are built" test "$(ls grow | wc -l)" -eq 41
check "the changed and appended rows are not built" sh -c "test ! -e grow/42.pdf -a ! -e grow/43.pdf"
check "the summary counts the checked rows only" grep -qF "41 built, 1 failed, 0 up to date, 0 not started" grow.err

# a stepped Slurm array (--array=0-4:2): tasks 0, 2, 4 cover every row once
{ echo "name,n"; i=1; while [ $i -le 10 ]; do echo "s$i,$i"; i=$((i + 1)); done; } > ten.csv
for id in 0 2 4; do
    SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 \
        SLURM_ARRAY_TASK_STEP=2 $T "$BRIEFC" batch "$B" --rows ten.csv --out "step$id/{name}.pdf" -q -j 1 \
        || bad "Slurm task $id failed"
done
check "stepped array: 10 rows in all" test "$(ls step0 step2 step4 | grep -c '\.pdf$')" -eq 10
check "stepped array: each row once" test "$(ls step0 step2 step4 | grep '\.pdf$' | sort -u | wc -l)" -eq 10
check "stepped array: task 2 is share 2 (rows 2, 5, 8)" sh -c "ls step2 | tr '\n' ' ' | grep -qx 's2.pdf s5.pdf s8.pdf '"
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_STEP=2 \
    $T "$BRIEFC" batch "$B" --rows ten.csv --out 'stepx/{name}.pdf' -q 2> stepx.err; rc=$?
check "a task id off the step: exit 2" test "$rc" -eq 2
check "a task id off the step: says so" grep -qxF "briefc: error: Slurm array task 1 is not one of 0-4:2" stepx.err
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=9 \
    $T "$BRIEFC" batch "$B" --rows ten.csv --out 'stepy/{name}.pdf' -q 2> stepy.err; rc=$?
check "an uneven list array is refused, not guessed" sh -c "test $rc -eq 2 && test ! -e stepy && grep -qxF 'briefc: error: the Slurm array 1-9:1 does not hold 3 tasks (an array given as a list must be evenly spaced); give --shard K/N' stepy.err"

# --resume compares nanoseconds and rebuilds on equal times
cp -r "$B" rb
printf 'name,n\nr1,1\n' > one.csv
$T "$BRIEFC" batch rb --rows one.csv --out 'res/{name}.pdf' -q
find rb one.csv -exec touch -d @1600000000 {} +
touch -d @1700000000.2 res/r1.pdf
touch -d @1700000000.7 rb/plugins/row.lua
$T "$BRIEFC" batch rb --rows one.csv --out 'res/{name}.pdf' --resume 2> res1.err
check "--resume: an input newer within the same second is seen" grep -qF "1 built, 0 failed, 0 up to date" res1.err
touch -d @1700000000.2 res/r1.pdf rb/plugins/row.lua
$T "$BRIEFC" batch rb --rows one.csv --out 'res/{name}.pdf' --resume 2> res2.err
check "--resume: an equal time rebuilds" grep -qF "1 built, 0 failed, 0 up to date" res2.err
touch -d @1700000000.2 rb/plugins/row.lua
touch -d @1700000000.200000001 res/r1.pdf
$T "$BRIEFC" batch rb --rows one.csv --out 'res/{name}.pdf' --resume 2> res3.err
check "--resume: an output newer by 1 ns is up to date" grep -qF "0 built, 0 failed, 1 up to date" res3.err

# SIGTERM to the whole process group: rows in flight finish, no row is killed
{ echo "name,n,slow"; i=1; while [ $i -le 10 ]; do echo "t$i,$i,6"; i=$((i + 1)); done; } > term.csv
setsid $T "$BRIEFC" batch "$B" --rows term.csv --out 'term/{name}.pdf' -j 2 --report term.jsonl 2> term.err &
bpid=$!
i=0; while [ ! -d term ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.3
env kill -TERM -- "-$bpid"
wait "$bpid"; rc=$?
check "SIGTERM to the group: exit 1" test "$rc" -eq 1
check "SIGTERM to the group: no row was killed" sh -c "! grep -q 'killed by signal' term.err && test ! -s term.jsonl"
check "SIGTERM to the group: the rows in flight were built" sh -c "test -e term/t1.pdf -a -e term/t2.pdf"
check "SIGTERM to the group: 0 failed, the rest not started" grep -qE "briefc: 2 built, 0 failed, 0 up to date, 8 not started" term.err
for f in term/*.pdf; do qpdf --check "$f" >/dev/null 2>&1 && ok || bad "$f is not a valid PDF"; done
check "SIGTERM to the group: no temporary files" sh -c "! ls -A term | grep -q '\.tmp'"

# an unterminated quote fails the manifest at the line where it opened
printf 'name,n\na,1\nb,2\n"c,3\nd,4\ne,5\n' > uq.csv
$T "$BRIEFC" batch "$B" --rows uq.csv --out 'uq/{name}.pdf' -q 2> uq.err; rc=$?
check "unterminated quote: exit 1" test "$rc" -eq 1
check "unterminated quote: file and opening line" grep -qxF "uq.csv:4: error: unterminated quoted field (opened on line 4): every line after it would be read as one value; close the quote" uq.err
check "unterminated quote: nothing built" test ! -e uq
# a stray quote inside an unquoted field is its row's error and swallows nothing
printf 'name,n\na,1\nb 5",2\nd,4\ne,5\n' > sq.csv
$T "$BRIEFC" batch "$B" --rows sq.csv --out 'sq/{name}.pdf' --report sq.jsonl -q 2> sq.err; rc=$?
check "stray quote: exit 1, the other rows built" sh -c "test $rc -eq 1 && test -e sq/a.pdf -a -e sq/d.pdf -a -e sq/e.pdf"
check "stray quote: its row alone fails, at its line" grep -q '"row": 2, "output": "", "file": "sq.csv", "line": 3, "message": "quote inside an unquoted field"' sq.jsonl
# }======================================================
finish
