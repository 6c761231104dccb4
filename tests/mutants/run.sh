#!/bin/bash
# run.sh — mutation testing (`make mutants`): for each line of tests/mutants/list, one small
# change to the source that breaks a feature, applied to a scratch copy of the tree, rebuilt,
# and the tests named for it run: the mutant must be killed (some test fails). Prints a table
# of killed and surviving mutants and fails unless every mutant was killed.
#
#   bash tests/mutants/run.sh [NAME...]     every mutant, or the ones named
#
# The list: one mutant a line, five fields separated by tabs (empty lines and # comments are
# skipped):
#   FILE  SOURCE-STRING  REPLACEMENT  CTEST-REGEX  NAME
# ("\n" in a field stands for a newline, for a string over two lines.)
# FILE is relative to the project root; SOURCE-STRING must occur in it exactly once (a stale
# entry fails loudly rather than testing nothing) and is replaced by REPLACEMENT (which may be
# empty); CTEST-REGEX picks the tests that must kill it (ctest -R). Before any mutant the same
# tests run on the unchanged tree and must pass, so a kill means something.
#
# Environment: MUTANT_BUILD (default build-mutant) holds the copy (src) and its build (build);
# MUTANT_TIMEOUT (default 600) bounds each test. The copy is kept between runs, so only what a
# mutant touches is rebuilt.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
list=${MUTANTS_LIST:-$root/tests/mutants/list}
work=${MUTANT_BUILD:-$root/build-mutant}
case $work in /*) ;; *) work=$root/$work ;; esac
src=$work/src
bld=$work/build
timeout_s=${MUTANT_TIMEOUT:-600}
T=$'\t'

die() { echo "mutants: error: $*" >&2; exit 2; }
[ -f "$list" ] || die "no list at $list"

# --- the list, checked whole before anything is built
names=() files=() froms=() tos=() regexes=()
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in '' | '#'*) continue ;; esac
    n=$(printf '%s' "$line" | tr -cd '\t' | wc -c)
    [ "$n" -eq 4 ] || die "$list:$lineno: expected 5 tab-separated fields, found $((n + 1))"
    f=${line%%"$T"*}; rest=${line#*"$T"}
    from=${rest%%"$T"*}; rest=${rest#*"$T"}
    to=${rest%%"$T"*}; rest=${rest#*"$T"}
    re=${rest%%"$T"*}; name=${rest#*"$T"}
    [ -n "$f" ] && [ -n "$from" ] && [ -n "$re" ] && [ -n "$name" ] ||
        die "$list:$lineno: file, source string, test regex and name must not be empty"
    for x in "${names[@]}"; do [ "$x" != "$name" ] || die "$list:$lineno: a second mutant named '$name'"; done
    names+=("$name"); files+=("$f"); froms+=("$from"); tos+=("$to"); regexes+=("$re")
done < "$list"
[ "${#names[@]}" -gt 0 ] || die "the list is empty"

selected=()
if [ $# -gt 0 ]; then
    for want in "$@"; do
        found=0
        for i in "${!names[@]}"; do [ "${names[$i]}" = "$want" ] && { selected+=("$i"); found=1; }; done
        [ "$found" -eq 1 ] || die "no mutant named '$want' in $list"
    done
else
    selected=("${!names[@]}")
fi

# replace FILE FROM TO: FROM must occur exactly once; prints the count when it does not
replace() {
    perl -e '
        my ($file, $from, $to) = @ARGV;
        s/\\n/\n/g for $from, $to; # "\n" in the list is a newline
        open(my $in, "<", $file) or do { print "missing file"; exit 1 };
        local $/; my $s = <$in>; close $in;
        my ($n, $at) = (0, -1);
        for (my $p = index($s, $from); $p >= 0; $p = index($s, $from, $p + 1)) { $n++; $at = $p }
        if ($n != 1) { print "found $n times"; exit 1 }
        substr($s, $at, length $from) = $to;
        open(my $out, ">", $file) or do { print "cannot write"; exit 1 };
        print $out $s; close $out or exit 1;' "$1" "$2" "$3"
}

# --- a copy of the working tree (uncommitted edits included), without build folders or .git
mkdir -p "$src" "$bld"
echo "mutants: copying the tree to $src"
tar -C "$root" --exclude='./build*' --exclude='./.git' --exclude='./out' -cf - . | tar -C "$src" -xf - ||
    die "cannot copy the tree"
# every listed pattern is checked in the pristine copy first: a stale entry fails the run
stale=0
for i in "${selected[@]}"; do
    tmpf=$(mktemp)
    cp "$src/${files[$i]}" "$tmpf" 2>/dev/null || { echo "mutants: ${names[$i]}: no file ${files[$i]}" >&2; stale=1; rm -f "$tmpf"; continue; }
    why=$(replace "$tmpf" "${froms[$i]}" "${tos[$i]}") ||
        { echo "mutants: ${names[$i]}: '${froms[$i]}' in ${files[$i]}: $why (must be exactly once)" >&2; stale=1; }
    rm -f "$tmpf"
done
[ "$stale" -eq 0 ] || die "stale entries in $list: fix them before anything is built"

# a run stopped with a mutant applied leaves its objects newer than the restored sources
[ -e "$work/dirty" ] && { echo "mutants: the last run was stopped mid-way: building afresh"; rm -rf "$bld"; mkdir -p "$bld"; }
echo "mutants: building the unchanged copy in $bld"
if [ ! -f "$bld/CMakeCache.txt" ]; then
    cmake -S "$src" -B "$bld" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/configure.log" 2>&1 ||
        die "cmake failed (see $work/configure.log)"
fi
cmake --build "$bld" -j2 > "$work/build.log" 2>&1 || die "the unchanged tree does not build (see $work/build.log)"

# --- the tests every selected mutant names must pass before any mutant
union=""
for i in "${selected[@]}"; do union="$union${union:+|}${regexes[$i]}"; done # no (): ctest allows few
echo "mutants: baseline: the named tests on the unchanged tree"
if ! ctest --test-dir "$bld" -R "$union" -j2 --timeout "$timeout_s" > "$work/baseline.log" 2>&1; then
    grep -E 'Failed|Timeout|Not Run' "$work/baseline.log" >&2
    die "the baseline fails: a mutant's kill would mean nothing (see $work/baseline.log)"
fi
nbase=$(grep -c ' Passed ' "$work/baseline.log")
[ "$nbase" -gt 0 ] || die "the baseline ran no test (see $work/baseline.log)"
echo "mutants: baseline: $nbase tests pass"

# --- each mutant: apply, rebuild, run its tests, restore
results=()
killed=0 survived=0 broken=0
for i in "${selected[@]}"; do
    name=${names[$i]} f=${files[$i]}
    t0=$(date +%s)
    : > "$work/dirty"
    replace "$src/$f" "${froms[$i]}" "${tos[$i]}" > /dev/null || die "$name: could not apply"
    if ! cmake --build "$bld" -j2 > "$work/$name.build.log" 2>&1; then
        result="BROKEN" by="does not compile (see $work/$name.build.log)"
        broken=$((broken + 1))
    # one test at a time, in the order of the CMake file: the first failure ends the run
    elif ctest --test-dir "$bld" -R "${regexes[$i]}" -j1 --timeout "$timeout_s" --stop-on-failure \
            > "$work/$name.test.log" 2>&1; then
        result="SURVIVED" by="-"
        grep -q 'No tests were found' "$work/$name.test.log" && by="no test matches '${regexes[$i]}'"
        survived=$((survived + 1))
    else
        result="killed"
        by=$(grep -E '\*\*\*(Failed|Timeout|Exception)|\(Failed\)|\(Timeout\)' "$work/$name.test.log" |
             sed -n 's/.*Test *#[0-9]*: *\([^ ]*\) .*/\1/p' | head -3 | tr '\n' ' ')
        by=${by:-"(see $work/$name.test.log)"}
        killed=$((killed + 1))
    fi
    cp "$root/$f" "$src/$f" # restored; its new time makes the next build recompile it
    secs=$(( $(date +%s) - t0 ))
    results+=("$(printf '%-28s %-22s %-9s %4ss  %s' "$name" "$f" "$result" "$secs" "$by")")
    echo "mutants: ${results[-1]}"
done
cmake --build "$bld" -j2 > "$work/build.log" 2>&1 && rm -f "$work/dirty" ||
    echo "mutants: warning: the restored copy does not build" >&2

{
    echo
    printf '%-28s %-22s %-9s %5s  %s\n' "MUTANT" "FILE" "RESULT" "TIME" "KILLED BY"
    for r in "${results[@]}"; do echo "$r"; done
    echo
    echo "$killed killed, $survived survived, $broken did not compile, of ${#selected[@]} mutants"
} | tee "$work/mutants.txt"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
