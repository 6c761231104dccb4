#!/bin/sh
# numbers.sh — non-finite and out-of-range numbers in brief.lua and on the command line: each
# must fail with its exact message naming the option, exit status 1, leave an existing PDF
# untouched, and (in the sanitizer build) raise no UBSan report. Plugin-level numbers are
# cases in tests/hostile (num_*).
. "$(dirname "$0")/lib.sh"
B="$TMP/b"
mkdir -p "$B/plugins"
cat > "$B/plugins/fy.lua" <<'EOF'
return { name = "fy", version = "1", api = 1,
  options = { share = { type = "number", default = 0.5, description = "A fraction" } },
  render = function(s, ctx) s:paragraph("FY" .. ctx.params.year .. " " .. fmt.percent(ctx.options.share)) end }
EOF
printf 'previous build\n' > "$TMP/keep.pdf"

# refused BRIEF_FIELDS SECTION_OPTIONS EXPECTED [build arguments...]
refused() {
    fields=$1 opts=$2 want=$3
    shift 3
    printf 'return {\n  title = "numbers",\n  params = { year = 2018, rate = 0.5 },\n  %s,\n  sections = { section "fy" %s },\n}\n' \
        "$fields" "$opts" > "$B/brief.lua"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o keep.pdf "$@" 2>&1); rc=$?
    check "$want: exit status 1 (got $rc)" test "$rc" -eq 1
    if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "expected '$want' in: $msg"; fi
    if printf '%s' "$msg" | grep -q 'runtime error'; then bad "$want: a sanitizer report: $msg"; else ok; fi
    check "$want: the existing PDF is untouched" grep -qx 'previous build' "$TMP/keep.pdf"
}

refused 'theme = { body_size = 0/0 }' '' \
    'b/brief.lua: error: theme.body_size must be a finite number between 6 and 16 (got nan)'
refused 'theme = { body_size = 1e308 }' '' \
    'b/brief.lua: error: theme.body_size must be a finite number between 6 and 16 (got 1e+308)'
refused 'theme = { leading = -math.huge }' '' \
    'b/brief.lua: error: theme.leading must be a finite number between 1 and 2.5 (got -inf)'
refused 'theme = { columns = 0/0 }' '' \
    'b/brief.lua: error: theme.columns must be a whole number from 1 to 2 (got nan)'
refused 'theme = { columns = 1.5 }' '' \
    'b/brief.lua: error: theme.columns must be a whole number from 1 to 2 (got 1.5)'
refused 'theme = { column_gap = 1/0 }' '' \
    'b/brief.lua: error: theme.column_gap must be a finite number between 2 and 30 (got inf)'
refused 'page = { margins = 0/0 }' '' \
    'b/brief.lua: error: page.margins must be a finite number between 5 and 60 (got nan)'
refused 'page = { margins = { top = 20, left = 0/0 } }' '' \
    'b/brief.lua: error: page.margins.left must be a finite number between 5 and 60 (got nan)'
refused 'limits = { memory_mb = 0/0 }' '' \
    'b/brief.lua: error: limits.memory_mb must be a finite number between 8 and 65536 (got nan)'
refused 'limits = { pages = 1e308 }' '' \
    'b/brief.lua: error: limits.pages must be a finite number between 1 and 1000000 (got 1e+308)'
refused 'theme = {}' '{ share = 0/0 }' \
    "error: section 'fy': option 'share' must be a finite number (got nan)"
refused 'theme = {}' '{ share = math.huge }' \
    "error: section 'fy': option 'share' must be a finite number (got inf)"
# text fields: a number is text, but not NaN printed as "-nan"
printf 'return {\n  title = 0/0,\n  sections = { section "fy" },\n}\n' > "$B/brief.lua"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o keep.pdf 2>&1); rc=$?
check "title = 0/0: exit status 1" test "$rc" -eq 1
check "title = 0/0: the message" sh -c 'printf "%s" "$1" | grep -qF "b/brief.lua: error: title must be text or a finite number (got nan)"' _ "$msg"
# params: a default in brief.lua and values given with -D
printf 'return {\n  title = "numbers",\n  params = { year = 0/0 },\n  sections = { section "fy" },\n}\n' > "$B/brief.lua"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o keep.pdf 2>&1); rc=$?
check "params.year = 0/0: exit status 1" test "$rc" -eq 1
check "params.year = 0/0: the message" sh -c 'printf "%s" "$1" | grep -qF "b/brief.lua: error: params.year must be a finite number (got nan)"' _ "$msg"
refused 'theme = {}' '' "b/brief.lua: error: param 'year': expected a number, got 'nan'" -D year=nan
refused 'theme = {}' '' "b/brief.lua: error: param 'year': expected a number, got 'inf'" -D year=inf
refused 'theme = {}' '' "b/brief.lua: error: param 'rate' must be a finite number (got inf)" -D rate=1e999
refused 'theme = {}' '' "b/brief.lua: error: param 'rate' must be a finite number (got -inf)" -D rate=-1e400
refused 'theme = {}' '' "b/brief.lua: error: param 'year' must be a whole number (got inf)" -D year=1e999
refused 'theme = {}' '' "b/brief.lua: error: param 'year' must be a whole number (got 2016.5)" -D year=2016.5

# data files: a number too large for a double is an error at its file and line, not an
# infinity handed to the plugin
mkdir -p "$B/data"
printf 'year,total\n2001,5\n2002,1e999\n' > "$B/data/big.csv"
printf '{"rows": [{"total": 1}, {"total": -1e999}]}\n' > "$B/data/big.json"
cat > "$B/plugins/reader.lua" <<'EOF2'
return { name = "reader", version = "1", api = 1,
  options = { file = { type = "string", required = true, description = "A data file" } },
  render = function(s, ctx)
    local f = ctx.options.file
    local t = f:match("csv$") and ctx:csv(f) or ctx:json(f)
    s:paragraph(tostring(#t))
  end }
EOF2
for f in csv json; do
    printf 'return {\n  title = "numbers",\n  sections = { section "reader" { file = "data/big.%s" } },\n}\n' "$f" > "$B/brief.lua"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o keep.pdf 2>&1); rc=$?
    check "big.$f: exit status 1" test "$rc" -eq 1
    case $f in
    csv) want="reader.lua:5: error: data/big.csv:3: column 'total': 1e999 is too large for a number (quote it to keep it as text)" ;;
    json) want="reader.lua:5: error: data/big.json: a number is too large for a double (key 'total')" ;;
    esac
    if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "expected '$want' in: $msg"; fi
done
check "data files: the existing PDF is untouched" grep -qx 'previous build' "$TMP/keep.pdf"

# a batch row is a -D value: one with 1e999 fails alone, and the report says why
printf 'return {\n  title = "numbers",\n  params = { year = 2018 },\n  sections = { section "fy" },\n}\n' > "$B/brief.lua"
printf 'year\n2016\n1e999\n2017\n' > "$TMP/rows.csv"
(cd "$TMP" && timeout 120 "$BRIEFC" batch b --rows rows.csv --out 'out/FY{year}.pdf' --report report.jsonl -q 2>/dev/null); rc=$?
check "batch: a row of 1e999 makes the batch exit 1" test "$rc" -eq 1
check "batch: the other rows are built" test -s "$TMP/out/FY2016.pdf" -a -s "$TMP/out/FY2017.pdf"
check "batch: no PDF for the bad row" test ! -e "$TMP/out/FY1e999.pdf"
check "batch: the report names the row and the param" grep -q "\"row\": 2,.*param 'year' must be a whole number (got inf)" "$TMP/report.jsonl"

# and in range, the same brief builds
printf 'return {\n  title = "numbers",\n  params = { year = 2018 },\n  theme = { body_size = 9.5, columns = 2 },\n  page = { margins = 20 },\n  sections = { section "fy" { share = 0.25 } },\n}\n' > "$B/brief.lua"
(cd "$TMP" && timeout 60 "$BRIEFC" build b -o ok.pdf -D year=2016.0 --dump-layout ok.txt -q); rc=$?
check "numbers in range: the brief builds" test "$rc" -eq 0
check "numbers in range: a PDF" test -s "$TMP/ok.pdf"
check "-D year=2016.0 stays a whole number, as its default is (FY2016, not FY2016.0)" grep -qF '"FY2016 ' "$TMP/ok.txt"
finish
