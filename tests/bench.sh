#!/bin/sh
# bench.sh BRIEFC — prints benchmark figures (make bench). Targets for the sample brief on the
# 2-core reference machine (issue 20): warm <= 10 ms, off <= 15 ms, cold <= 17 ms, briefc --version
# <= true + 1 ms, 500 pages <= 0.35 s and <= 40 MB, 1,000 handouts >= 2,000/s with -j 2.
set -eu
briefc=$1
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(dirname "$briefc")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The sample brief cold, off and warm, the process floor, cost per page, instruction counts.
sh "$root/tests/bench/bench_states.sh" "$briefc" "$bin/runbench" "$out"
# What tagging (PDF/UA-1 + PDF/A-2, the default) costs against --pdf-standard none.
sh "$root/tests/bench/bench_tagged.sh" "$briefc" "$out"
# The rows below run with the on-disk cache (compiled hyphenation patterns, font subsets) in
# a scratch folder, warm after the first run.
export BRIEFC_CACHE_DIR="$out/cache"
"$briefc" build "$root/briefs/pakistan-us" -o "$out/s.pdf" -q
# An analyst's or author's rebuild: one sentence of the lead paragraph changed before each run
# (the cache warm otherwise), so that paragraph is set again and the rest is read back.
cp -r "$root/briefs/pakistan-us" "$out/edit"
"$briefc" build "$out/edit" -o "$out/e.pdf" -q
printf '%s\n' 'sed -i "s/strategic partnership[^.]*\./strategic partnership (edit $RUNBENCH_RUN)./" "$1"' > "$out/edit.sh"
"$bin/runbench" 30 "sample brief, a paragraph edited" --before "sh '$out/edit.sh' '$out/edit/brief.lua'" \
    -- "$briefc" build "$out/edit" -o "$out/e.pdf"
size=$(stat -c %s "$out/s.pdf")
pages=$(pdfinfo "$out/s.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "sample brief PDF                   $size bytes ($((size / 1024)) KB), ${pages:-?} pages"

# The plugin host: state + plugin loading in process; per-section overhead over 300 sections.
"$bin/bench_host" "$root/plugins"
mkdir -p "$out/many"
{
    echo 'local s = {}'
    echo 'for i = 1, 300 do s[i] = section "prose" { paragraphs = { "Section " .. i .. "." } } end'
    echo 'return { title = "Many sections", sections = s }'
} > "$out/many/brief.lua"
"$briefc" check "$out/many" -q --timings 2>&1 | sed 's/^timings:/300 one-paragraph sections:        /'
sh "$root/tests/bench/bench_markdown.sh" "$briefc" "$bin/runbench" "$out" # prose in Markdown
sh "$root/tests/bench/bench_images.sh" "$briefc" "$bin/runbench" "$out" # photo, logo, world map
sh "$root/tests/bench/bench_data.sh" "$briefc" "$bin/runbench" "$out" # ctx:sql, ctx:stat_file
sh "$root/tests/bench/bench_scripts.sh" "$briefc" "$bin/runbench" "$out" # Urdu, Hindi, Latin pages

# Watch mode: from saving a plugin to the PDF being replaced.
mkdir -p "$out/w/plugins"
cp -r "$root/briefs/pakistan-us/." "$out/w/"
cp "$root/plugins/conclusion.lua" "$out/w/plugins/conclusion.lua"
"$briefc" watch "$out/w" -o "$out/w.pdf" > "$out/watch.log" 2>&1 &
wpid=$!
i=0; while [ ! -s "$out/w.pdf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
for n in 1 2 3 4 5; do
    before=$(stat -c %i "$out/w.pdf" 2>/dev/null || echo 0)
    start=$(date +%s%N)
    echo "-- edit $n" >> "$out/w/plugins/conclusion.lua"
    while [ "$(stat -c %i "$out/w.pdf")" = "$before" ]; do
        [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 3000 ] && break
        sleep 0.002
    done
    echo "watch: save to PDF replaced, edit $n   $(( ($(date +%s%N) - start) / 1000000 )) ms"
    sleep 0.2
done
kill -INT $wpid 2>/dev/null; wait $wpid 2>/dev/null
grep "after the change" "$out/watch.log" | sed 's/^/  (briefc says) /'

# Charts: drawing time, and the bytes a chart adds to a PDF.
"$bin/bench_chart"
mkdir -p "$out/c0" "$out/c1/plugins"
printf 'return { title = "C", sections = { section "prose" { paragraphs = { "Text." } } } }\n' > "$out/c0/brief.lua"
cat > "$out/c1/plugins/line200.lua" <<'LUA'
return { name = "line200", version = "1", api = 1, render = function(s)
  local c, v = {}, {}
  for i = 1, 200 do c[i] = tostring(1825 + i); v[i] = 1000 + 800 * math.sin(i / 9) + i * 3 end
  s:paragraph("Text.")
  s:chart { kind = "line", categories = c, series = { { name = "S", values = v } } }
end }
LUA
printf 'return { title = "C", sections = { section "line200" } }\n' > "$out/c1/brief.lua"
"$briefc" build "$out/c0" -o "$out/c0.pdf" -q && "$briefc" build "$out/c1" -o "$out/c1.pdf" -q
echo "200-point line chart adds          $(( $(stat -c %s "$out/c1.pdf") - $(stat -c %s "$out/c0.pdf") )) bytes to the PDF"

# Batch: 1,000 one-page handouts on every core, then 10,000 to see that memory stays flat,
# then a 100,000-row manifest with --shard 1/100 (the cost of skipping rows).
mk() { n=$1; f=$2; { echo "copy,year"; i=0; while [ $i -lt "$n" ]; do echo "$i,$((2008 + i % 11))"; i=$((i + 1)); done; } > "$f"; }
mk 1000 "$out/m1k.csv"; mk 10000 "$out/m10k.csv"; mk 100000 "$out/m100k.csv"
"$briefc" batch "$root/briefs/handout" --rows "$out/m1k.csv" --out "$out/h1k/{copy}-FY{year}.pdf" -j 2 2>&1 | sed 's/^briefc: /1,000 handouts:                    /'
"$briefc" batch "$root/briefs/handout" --rows "$out/m10k.csv" --out "$out/h10k/{copy}-FY{year}.pdf" 2>&1 | sed 's/^briefc: /10,000 handouts:                   /'
"$briefc" batch "$root/briefs/handout" --rows "$out/m100k.csv" --out "$out/h100k/{copy}-FY{year}.pdf" --shard 1/100 2>&1 | sed 's/^briefc: /100,000-row manifest, shard 1\/100: /'
# --combine: 1,000 handouts into one PDF (the parent holds every page until it writes).
/usr/bin/time -f '%e s wall, parent peak RSS %M KB' "$briefc" batch "$root/briefs/handout" --rows "$out/m1k.csv" \
    --combine "$out/c1k.pdf" --bookmark '{copy} FY{year}' 2>&1 | sed 's/^briefc: /1,000 handouts combined:           /'

# Typesetting at scale: the stress brief, and the long table alone at 10,000 and 20,000 rows
# (the ratio shows the growth; linear is 2.0).
"$briefc" build "$root/tests/briefs/stress" -o "$out/stress.pdf" -q
stress_pages=$(pdfinfo "$out/stress.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
"$bin/runbench" 5 "stress brief (${stress_pages:-?} pages)" -- "$briefc" build "$root/tests/briefs/stress" -o "$out/stress.pdf" -q
"$bin/runbench" 5 "10,000-row table" -- "$briefc" build "$root/tests/briefs/stress" -o "$out/t10.pdf" -q -D rows=10000 -D paragraphs=0
"$bin/runbench" 5 "20,000-row table" -- "$briefc" build "$root/tests/briefs/stress" -o "$out/t20.pdf" -q -D rows=20000 -D paragraphs=0
sh "$root/tests/bench_serve.sh" "$briefc"
