#!/bin/bash
# stat.sh — ctx:stat_file: Stata, SPSS and SAS files (written here by mkstat with ReadStat's own
# writer) read into typed rows with value labels, missing values as nil and dates as ISO text;
# columns, limit, labels and dates options; the file door's confinement (a link out, a FIFO, a
# huge file); truncated, corrupt and mislabelled files; and the isolated child: seen with its
# seccomp filter and rlimits, killed with a signal, stopped at its time limit. Every refusal is an
# error at the plugin's line and no PDF.
. "$(dirname "$0")/lib.sh"
MKSTAT="$(dirname "$BRIEFC")/mkstat"
HOOKS="$(dirname "$BRIEFC")/briefc_hooks" # with the BRIEFC_TEST_STAT_* hooks (stat_child.h)
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
for fmt in dta sav zsav xpt sas7bdat; do "$MKSTAT" $fmt "$B/data/survey.$fmt" || bad "mkstat $fmt failed"; done
"$MKSTAT" dta117 "$B/data/old.dta" || bad "mkstat dta117 failed"
"$MKSTAT" dta "$B/data/big.dta" 20000 || bad "mkstat big failed"
"$MKSTAT" wide "$B/data/wide.dta" 200000 || bad "mkstat wide failed"
sums() { (cd "$B/data" && md5sum -- survey.* old.dta big.dta wide.dta); }
before=$(sums)
cat > "$B/brief.lua" <<'LUA'
return { title = "Stat", params = { q = "all", f = "data/survey.dta" }, sections = { section "q" } }
LUA
cat > "$B/plugins/q.lua" <<'LUA'
local function show(rows)
  local out = {}
  for _, r in ipairs(rows) do
    out[#out + 1] = string.format("%s:%s/%s/%s/%s/%s/%s", math.type(r.id), tostring(r.id), tostring(r.sex),
      tostring(r.score), tostring(r.name), tostring(r.when), tostring(r.at))
  end
  return table.concat(rows.columns, ",") .. "\n" .. table.concat(out, "\n")
end
local queries = {
  all = function(ctx, f) return show(ctx:stat_file(f)) end,
  codes = function(ctx, f)
    local rows = ctx:stat_file(f, { labels = false, dates = false })
    return string.format("codes %s %s %s %s %s", rows[1].sex, rows[2].sex, rows.labels.sex[2], math.type(rows[1].when),
      rows.column_labels.score)
  end,
  pick = function(ctx, f)
    local rows = ctx:stat_file(f, { columns = { "score", "id" }, limit = 2 })
    return "pick " .. table.concat(rows.columns, ",") .. " " .. #rows .. " " .. rows[1].score
  end,
  unpicked = function(ctx, f) return ctx:stat_file(f, { columns = { "id" } })[1].name end,
  typo = function(ctx, f) return ctx:stat_file(f, { columns = { "scor" } }) end,
  strict = function(ctx, f) return ctx:stat_file(f)[1].Score end,
  badopt = function(ctx, f) return ctx:stat_file(f, { limits = 3 }) end,
  badlimit = function(ctx, f) return ctx:stat_file(f, { limit = 0 }) end,
  big = function(ctx, f) local rows = ctx:stat_file("data/big.dta", { limit = 5 }); return "big " .. #rows .. " " .. rows[5].id end,
  forged = function(ctx, f) local rows = ctx:stat_file(f); return "forged " .. #rows .. " " .. rows[2].id end,
  wide = function(ctx, f) return ctx:stat_file("data/wide.dta") end,
  narrow = function(ctx, f) local rows = ctx:stat_file("data/wide.dta", { columns = { "c7" } }); return "narrow " .. #rows .. " " .. rows[200000].c7 end,
  bigall = function(ctx, f) local rows = ctx:stat_file("data/big.dta"); return "bigall " .. #rows .. " " .. rows[20000].id end,
}
return { name = "q", version = "1", api = 1, render = function(s, ctx)
  for line in tostring(queries[ctx.params.q](ctx, ctx.params.f)):gmatch("[^\n]+") do s:paragraph(line) end
end }
LUA

want='id,sex,score,name,when,at integer:1/Male/12.5/Zoë/2014-03-01/2014-03-01T09:30:00 integer:2/Female/nil/Ahmed/2015-12-31/2015-12-31T09:30:01 integer:3/Male/2//1999-07-04/1999-07-04T09:30:02 integer:4/Female/3/Li/1960-01-01/1960-01-01T09:30:03'
for fmt in dta sav zsav; do
    run_briefc 0 build "$B" -D f=data/survey.$fmt -o "$TMP/$fmt.pdf" -q
    for w in $want; do
        check "$fmt: $w" pf "pdftotext '$TMP/$fmt.pdf' - | tr -d ' \n' | grepq -F '$w'"
    done
done
# SAS files carry no value labels (their formats live in a separate catalog)
sas='integer:1/1/12.5/Zoë/2014-03-01/2014-03-01T09:30:00 integer:2/2/nil/Ahmed/2015-12-31/2015-12-31T09:30:01'
for fmt in xpt sas7bdat; do
    run_briefc 0 build "$B" -D f=data/survey.$fmt -o "$TMP/$fmt.pdf" -q
    for w in $sas; do
        check "$fmt: $w" pf "pdftotext '$TMP/$fmt.pdf' - | tr -d ' \n' | grepq -F '$w'"
    done
done
run_briefc 0 build "$B" -D f=data/old.dta -o "$TMP/old.pdf" -q
check "a Stata 13 file's Windows-1252 text comes back as UTF-8" pf "pdftotext '$TMP/old.pdf' - | grepq -F '1/Male/12.5/Zoë/'"
run_briefc 0 build "$B" -D q=codes -o "$TMP/codes.pdf" -q
check "labels = false gives codes, rows.labels the sets, rows.column_labels; dates = false numbers" pf "pdftotext '$TMP/codes.pdf' - | grepq -F 'codes 1 2 Female integer Test score'"
run_briefc 0 build "$B" -D q=pick -o "$TMP/pick.pdf" -q
check "columns and limit: the file's order, two rows" pf "pdftotext '$TMP/pick.pdf' - | grepq -F 'pick id,score 2 12.5'"
run_briefc 0 build "$B" -D q=big -o "$TMP/big.pdf" -q
check "limit stops a 20,000-row file at 5" pf "pdftotext '$TMP/big.pdf' - | grepq -F 'big 5 5'"
run_briefc 0 build "$B" -D q=bigall -o "$TMP/bigall.pdf" -q
check "all 20,000 rows" pf "pdftotext '$TMP/bigall.pdf' - | grepq -F 'bigall 20000 20000'"

refused() { # refused NAME FILE "message" [ENV...]
    local n=$1 f=$2 m=$3; shift 3
    env "$@" "${BIN:-$BRIEFC}" build "$B" -D "q=${Q:-all}" -D "f=$f" -o "$TMP/$n.pdf" > /dev/null 2> "$TMP/$n.err"
    local rc=$?
    check "$n: exit 1 (got $rc)" test $rc -eq 1
    check "$n: refused at the plugin's line ($(grep -m1 error: "$TMP/$n.err"))" pf "grep -E 'plugins/q.lua:[0-9]+: error: .*($m)' '$TMP/$n.err'"
    check "$n: no PDF" test ! -e "$TMP/$n.pdf"
    san_clean "$n" "$TMP/$n.err"
}
Q=unpicked refused unpicked data/survey.dta "has no column .name."
Q=typo refused typo data/survey.dta "has no column .scor. .did you mean .score."
Q=strict refused strict data/survey.dta "has no column .Score. .did you mean .score."
Q=badopt refused badopt data/survey.dta "limits"
Q=badlimit refused badlimit data/survey.dta "limit must be a whole number"
cp "$B/data/survey.dta" "$TMP/out.dta" && ln -s "$TMP/out.dta" "$B/data/link.dta"
refused outside data/link.dta "outside the brief folder"
refused escape ../out.dta "outside the brief folder"
mkfifo "$B/data/fifo.dta"
refused fifo data/fifo.dta "not a regular file|FIFO|fifo"
truncate -s 2G "$B/data/huge.sav"
refused huge data/huge.sav "larger than|too large|64 MB"
Q=wide refused wide data/wide.dta "the data is larger than 64 MB once read; read fewer columns"
run_briefc 0 build "$B" -D q=narrow -o "$TMP/narrow.pdf" -q
check "one column of the same file fits" pf "pdftotext '$TMP/narrow.pdf' - | grepq -F 'narrow 200000 5'"
echo "a,b" > "$B/data/plain.csv"
refused csv data/plain.csv "reads .dta .Stata., .sav"
refused missing data/none.dta "no such|not found|cannot"
# damaged files: cut short, bytes overwritten, another format under the name
head -c 700 "$B/data/survey.dta" > "$B/data/cut.dta"
refused truncated data/cut.dta "cannot be read as a Stata file"
head -c 300 "$B/data/survey.sav" > "$B/data/cut.sav"
refused truncated_sav data/cut.sav "cannot be read as an SPSS file"
cp "$B/data/survey.sav" "$B/data/wrong.dta"
refused mislabelled data/wrong.dta "cannot be read as a Stata file"
python3 - "$B/data/survey.xpt" "$B/data/noise.xpt" <<'PY'
import sys, random
data = bytearray(open(sys.argv[1], "rb").read())
random.seed(7)
for _ in range(200):
    data[random.randrange(80, len(data))] = random.randrange(256)
open(sys.argv[2], "wb").write(bytes(data[:len(data) // 2]))
PY
env "$BRIEFC" build "$B" -D f=data/noise.xpt -o "$TMP/noise.pdf" > /dev/null 2> "$TMP/noise.err"; rc=$?
check "a corrupt SAS file: no crash, a clean exit ($rc)" test $rc -le 1
san_clean noise "$TMP/noise.err"
head -c 100000 /dev/urandom > "$B/data/random.sas7bdat"
refused random data/random.sas7bdat "cannot be read as a SAS data set"

# A compromised child: the parent checks every record it sends (BRIEFC_TEST_STAT_FORGE makes the
# child send a file's bytes instead of parsing).
python3 - "$TMP/forge" <<'PY'
import struct, sys, os
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
def s(b): b = b.encode() if isinstance(b, str) else b; return struct.pack("<I", len(b)) + b
M = lambda n, enc="UTF-8": b"M" + struct.pack("<I", n) + s(enc)
V = lambda i, name, kind=0, fmt="", sel=1: b"V" + struct.pack("<IBB", i, kind, sel) + s(name) + s(fmt) + s("") + s("")
D = lambda row, i, x: b"D" + struct.pack("<IIB", row, i, 0) + struct.pack("<d", x)
Z = lambda n: b"Z" + struct.pack("<I", n)
H = b"BCSTAT1\n"
cases = {
    "good": H + M(1) + V(0, "id") + D(0, 0, 5) + D(1, 0, 6) + Z(2),
    "magic": b"BCSTAT0\n" + M(1) + Z(0),
    "strpast": H + M(1) + b"V" + struct.pack("<IBB", 0, 0, 1) + struct.pack("<I", 1 << 30) + b"id",
    "strbig": H + b"E" + struct.pack("<I", (1 << 20) + 1) + b"x" * ((1 << 20) + 1),
    "nohead": H + D(0, 0, 1) + Z(1),
    "order": H + M(1) + V(0, "id") + D(0, 0, 1) + D(5, 0, 1) + Z(6),
    "noend": H + M(1) + V(0, "id") + D(0, 0, 1),
    "after": H + M(1) + V(0, "id") + Z(0) + Z(0),
    "nan": H + M(1) + V(0, "id") + D(0, 0, float("nan")) + Z(1),
    "kind": H + M(1) + b"V" + struct.pack("<IBB", 0, 7, 1) + s("id") + s("") + s("") + s("") + Z(0),
    "twice": H + M(2) + V(0, "id") + V(1, "id") + Z(0),
    "unselected": H + M(2) + V(0, "id") + V(1, "x", sel=0) + D(0, 1, 3) + Z(1),
    "encoding": H + M(1, "../../../tmp/x") + V(0, "id") + Z(0),
    "tag": H + b"Q" + Z(0),
    "bigindex": H + M(1) + V(40000, "id") + Z(0),
}
for name, data in cases.items():
    open(os.path.join(d, name), "wb").write(data)
PY
BRIEFC_TEST_STAT_FORGE="$TMP/forge/good" "$HOOKS" build "$B" -D q=forged -o "$TMP/forged.pdf" -q 2> "$TMP/forged.err"
check "a well-formed forged stream is read (the hook works)" pf "pdftotext '$TMP/forged.pdf' - | grepq -F 'forged 2 6'"
for c in magic:bad strpast:bad strbig:bad nohead:unknown order:order noend:'no end' after:after nan:bad \
         kind:bad twice:'two columns are named .id.' unselected:unknown encoding:'not one' tag:bad bigindex:bad; do
    BIN="$HOOKS" Q=forged refused "forged_${c%%:*}" data/survey.dta "malformed data \\(.*${c#*:}|${c#*:}" BRIEFC_TEST_STAT_FORGE="$TMP/forge/${c%%:*}"
done

# The child: found by its name among the descendants of this build, then killed.
child_of() { # child_of PID: the briefc-stat process under PID, if any
    local p kids
    for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        if [ "$(cat /proc/$p/comm 2>/dev/null)" = briefc-stat ]; then echo "$p"; return; fi
        kids=$(child_of "$p"); [ -n "$kids" ] && { echo "$kids"; return; }
    done
}
BRIEFC_TEST_STAT_HANG=1 "$HOOKS" build "$B" -o "$TMP/crash.pdf" > /dev/null 2> "$TMP/crash.err" &
bpid=$!
kid=""
for _ in $(seq 1 200); do kid=$(child_of $bpid); [ -n "$kid" ] && break; sleep 0.05; done
check "the reader runs as its own process" test -n "$kid"
if [ -n "$kid" ]; then
    check "the reader has a seccomp filter" grep -qP '^Seccomp:\t2' /proc/$kid/status
    check "the reader cannot gain privileges" grep -qP '^NoNewPrivs:\t1' /proc/$kid/status
    check "the reader may write no file" pf "grep -E '^Max file size +0 +0' /proc/$kid/limits"
    check "the reader has a CPU limit" pf "grep -E '^Max cpu time +10 ' /proc/$kid/limits"
    if ! grep -q __asan_init "$BRIEFC"; then # ASan reserves terabytes of shadow: no limit there
        check "the reader has an address-space limit" pf "grep -E '^Max address space +[0-9]+ ' /proc/$kid/limits"
    fi
    check "the reader holds its job and its pipe, no other descriptor" pf "ls /proc/$kid/fd | sort -n | tr '\n' ' ' | grep -qx '0 1 '"
    kill -SEGV "$kid"
fi
wait $bpid; rc=$?
check "a crashed reader: exit 1 (got $rc)" test $rc -eq 1
check "a crashed reader is reported at the plugin's line" pf "grep -E 'plugins/q.lua:[0-9]+: error: data/survey.dta: the reader crashed \(signal 11' '$TMP/crash.err'"
check "a crashed reader: no PDF" test ! -e "$TMP/crash.pdf"
BIN="$HOOKS" refused timeout data/survey.dta "the reader was stopped after 1 s" BRIEFC_TEST_STAT_HANG=1 BRIEFC_STAT_SECONDS=1
[ -n "$kid" ] && check "the killed reader is reaped" test ! -e /proc/$kid
check "the data files are unchanged" test "$before" = "$(sums)"
finish
