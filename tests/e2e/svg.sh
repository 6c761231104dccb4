#!/bin/sh
# svg.sh — SVG kept as vector paths (issue 16): the conformance set in tests/images/svg (one
# file a feature) drawn by briefc (the svgpdf tool: the SVG's Form XObject on a page of its size)
# and by librsvg's rsvg-convert, rendered at the same size and compared pixel by pixel: at most
# 40 pixels per mille may differ by more than 64 in a channel (antialiasing of edges differs
# between poppler and cairo) and the mean difference must stay under 6 of 255. A negative
# control proves the comparison notices a wrong drawing. Then SVGs in a brief: each drawn as
# one Form XObject however often it is used, a Figure with its /Alt, the five readers and the
# PDF/UA checker pass, left-out features warned about at their SVG line; hostile SVGs (entity
# bombs, external references, <use> bombs, deep nesting, bad XML, giant sizes) fail with exit
# status 1, an exact message and no PDF.
. "$(dirname "$0")/lib.sh"
needs python3 pdftoppm rsvg-convert qpdf
SVGPDF="$(dirname "$BRIEFC")/svgpdf"
SET="$TESTS/images/svg"
DIFF="$TESTS/images/svgdiff.py"

# {============================================== the conformance set against librsvg
render() { # render NAME: $TMP/NAME-b.png (briefc) and $TMP/NAME-r.png (librsvg)
    timeout 60 "$SVGPDF" "$SET/$1.svg" "$TMP/$1.pdf" 2> "$TMP/$1.warn" &&
        pdftoppm -r 72 -png -singlefile "$TMP/$1.pdf" "$TMP/$1-b" &&
        rsvg-convert -b white "$SET/$1.svg" -o "$TMP/$1-r.png"
}
close() { # close A.png B.png: within the tolerance
    r=$(python3 "$DIFF" "$1" "$2") || return 1
    echo "$r"
    d=${r#differ=}; d=${d%% *}; m=${r#*mean=}; m=${m%.*}
    [ "$d" -le 40 ] && [ "$m" -lt 6 ]
}
count=0
for f in "$SET"/*.svg; do
    name=$(basename "$f" .svg)
    count=$((count + 1))
    [ "$name" = text ] && continue # text is laid by layout in the brief's fonts: below
    [ "$name" = textpath ] && continue # librsvg draws no <textPath>: svg_textpath.sh
    if render "$name"; then
        check "$name matches librsvg" close "$TMP/$name-b.png" "$TMP/$name-r.png"
        check "$name draws with no warning" test ! -s "$TMP/$name.warn"
    else
        bad "$name: briefc or rsvg-convert failed: $(cat "$TMP/$name.warn")"
    fi
done
check "the set has its 16 files" test "$count" -ge 16
# the comparison can fail: two different drawings of the same size are far apart
check "a wrong drawing is noticed" pf "! close '$TMP/shapes-b.png' '$TMP/paths_abs-r.png'"
check "a wrong fill rule is noticed" pf "sed 's/evenodd/nonzero/g' '$SET/rules.svg' > '$TMP/rules2.svg' &&
    '$SVGPDF' '$TMP/rules2.svg' '$TMP/rules2.pdf' && pdftoppm -r 72 -png -singlefile '$TMP/rules2.pdf' '$TMP/rules2' &&
    ! close '$TMP/rules2.png' '$TMP/rules-r.png'"

# The whole set again through a brief (s:image, layout, the PDF writer, text in the brief's
# fonts, Noto, which is also what fontconfig gives librsvg here): each at 200 x 150 pt on its
# own page, cut out of the page at 72 dpi
C="$TMP/conf"
mkdir -p "$C/plugins" "$C/data"
cp "$SET"/*.svg "$C/data/"
names=$(cd "$SET" && ls *.svg | sed 's/\.svg$//')
list=""
for n in $names; do list="$list\"$n\", "; done
printf 'return { title = "SVG set", sections = { section "c" } }\n' > "$C/brief.lua"
cat > "$C/plugins/c.lua" <<LUA
return { name = "c", version = "1", api = 1,
  render = function(s, ctx)
    for i, n in ipairs{ $list } do
      if i > 1 then s:page_break() end
      s:image{ file = "data/" .. n .. ".svg", alt = n, width = 200 * 25.4 / 72, align = "left" }
    end
  end }
LUA
(cd "$TMP" && run_briefc 0 build conf -o conf.pdf --dump-layout conf.dump 2> "$TMP/conf.err") || bad "the SVG set did not build"
check "the set through a brief: no warning" test ! -s "$TMP/conf.err"
check "the set through a brief: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/conf.pdf"
check "the set through a brief: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/conf.pdf"
check "every drawing at 66,64, 200 x 150 pt" test "$(grep -c "image 66.00,64.00 200.00x150.00" "$TMP/conf.dump")" -eq "$count"
check "SVG text is laid as text ops in the brief's fonts" grepq 'text f5 18.00 #000000 at .* "Middle "' "$TMP/conf.dump"
check "a rotated SVG text keeps its angle" grepq 'rot 30.00 "Turned"' "$TMP/conf.dump"
i=0
for n in $names; do
    i=$((i + 1))
    [ "$n" = textpath ] && continue # against Chromium in svg_textpath.sh
    pdftoppm -r 72 -f $i -l $i -x 66 -y 64 -W 200 -H 150 -png -singlefile "$TMP/conf.pdf" "$TMP/$n-page"
    [ -f "$TMP/$n-r.png" ] || rsvg-convert -b white "$SET/$n.svg" -o "$TMP/$n-r.png"
    check "$n in a brief matches librsvg" close "$TMP/$n-page.png" "$TMP/$n-r.png"
done
check "text without the brief's fonts is noticed" pf "sed 's/sans-serif/serif/' '$SET/text.svg' > '$TMP/text2.svg' &&
    rsvg-convert -b white '$TMP/text2.svg' -o '$TMP/text2-r.png' && ! close '$TMP/text-page.png' '$TMP/text2-r.png'"

# {============================================== in a brief
B="$TMP/vec"
mkdir -p "$B/plugins" "$B/data"
cp "$SET/gradients.svg" "$SET/use.svg" "$B/data/"
cat > "$B/data/partial.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100" height="50">
  <inkscape:grid/>
  <filter id="blur"/>
  <rect width="50" height="50" fill="#1f77b4" filter="url(#blur)"/>
  <image href="photo.png" width="10" height="10"/>
  <rect x="60" width="30" height="30" fill="url(#nowhere) #ff7f0e"/>
  <circle cx="80" cy="40" r="5" fill="chartreusey"/>
</svg>
SVG
cat > "$B/brief.lua" <<'LUA'
return { title = "Vectors", series = "Test series", authors = "A. Author",
  sections = { section "title_block" { logo = { file = "data/use.svg", width = 30 } }, section "v" } }
LUA
cat > "$B/plugins/v.lua" <<'LUA'
return { name = "v", version = "1", api = 1,
  render = function(s, ctx)
    s:image{ file = "data/gradients.svg", alt = "six gradient swatches", width = 80, caption = "Gradients" }
    s:image{ file = "data/gradients.svg", alt = "the same again", width = 40 }
    s:image{ file = "data/partial.svg", alt = "partly drawn", width = 40 }
    s:image{ file = "data/use.svg", decorative = true, width = 20 }
  end }
LUA
(cd "$TMP" && run_briefc 0 build vec -o vec.pdf --dump-layout vec.dump 2> "$TMP/vec.err") || bad "the SVG brief did not build"
check "five readers" bash "$TESTS/pdfcheck.sh" "$TMP/vec.pdf"
check "the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/vec.pdf"
qpdf --qdf --object-streams=disable "$TMP/vec.pdf" "$TMP/vec-qdf.pdf"
check "three SVG files, three Form XObjects (each drawn once however often used)" \
    test "$(grep -ac '/Subtype /Form' "$TMP/vec-qdf.pdf")" -eq 3
check "no image XObject: kept as vectors" pf "! grep -aq '/Subtype /Image' '$TMP/vec-qdf.pdf'"
check "an SVG's alt text is a Figure's /Alt" grepq -a "/Alt (six gradient swatches)" "$TMP/vec-qdf.pdf"
check "gradients are shading patterns" grepq -a "/ShadingType 3" "$TMP/vec-qdf.pdf"
qpdf --qdf --object-streams=disable "$TMP/opacity.pdf" "$TMP/opacity-qdf.pdf"
check "opacities are ExtGStates" grepq -a "/ca 0.5" "$TMP/opacity-qdf.pdf"
check "the dump shows the SVG as an image" grepq "'data/gradients.svg' 200x150" "$TMP/vec.dump"
W="plugins/v.lua:5: warning: section 'v': data/partial.svg"
check "a filter is warned about at its line" grepq -F "$W:4: filter is not supported (the shape is drawn without it)" "$TMP/vec.err"
check "an embedded image is warned about at its line" grepq -F "$W:5: <image> is not supported (left out)" "$TMP/vec.err"
check "an unknown colour is warned about" grepq -F "$W:7: colour 'chartreusey' is not known to briefc (drawn black)" "$TMP/vec.err"
check "foreign vocabularies are skipped silently" pf "! grep -q inkscape '$TMP/vec.err'"
pdftoppm -r 40 -png -f 1 -l 1 "$TMP/vec.pdf" "$TMP/vecpage"

# {============================================== a logo in the running headers
H="$TMP/head"
mkdir -p "$H/plugins" "$H/data"
cp "$SET/gradients.svg" "$H/data/logo.svg"
cat > "$H/brief.lua" <<'LUA'
return { title = "Headed", series = "Test series", authors = "A. Author",
  theme = { header = { logo = { file = "data/logo.svg", width = 12 } } },
  sections = { section "title_block" { logo = { file = "data/logo.svg", width = 30 } }, section "h" } }
LUA
cat > "$H/plugins/h.lua" <<'LUA'
return { name = "h", version = "1", api = 1,
  render = function(s, ctx)
    for i = 1, 3 do s:paragraph("Page " .. i .. "."); s:page_break() end
    s:paragraph("The end.")
  end }
LUA
(cd "$TMP" && run_briefc 0 build head -o head.pdf --dump-layout head.dump) || bad "the headed brief did not build"
check "headed: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/head.pdf"
check "headed: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/head.pdf"
qpdf --qdf --object-streams=disable "$TMP/head.pdf" "$TMP/head-qdf.pdf"
check "headed: one Form XObject for the title's logo and every header's" \
    test "$(grep -ac '/Subtype /Form' "$TMP/head-qdf.pdf")" -eq 1
check "headed: the logo on each of pages 2 to 4, each time an artifact (12 mm, under 24 pt high)" \
    test "$(grep -a -A1 '^/Artifact *\(BMC\|<<.*/Subtype */Header>> *BDC\)' "$TMP/head-qdf.pdf" | grep -ac '^q 32.0000 0.0000 0.0000 24.0000 .* Do Q')" -eq 3
check "headed: the dump shows the header logo on page 2" \
    pf "awk '/^page 2/,/^page 3/' '$TMP/head.dump' | grepq \"'data/logo.svg'\""
pdftoppm -r 40 -png -f 2 -l 2 "$TMP/head.pdf" "$TMP/headpage"
printf 'return { title = "x", theme = { header = { logo = { file = "data/nothere.svg" } } }, sections = {} }\n' > "$H/brief.lua"
(cd "$TMP" && timeout 60 "$BRIEFC" build head -o bad.pdf > "$TMP/hl.err" 2>&1); rc=$?
check "a missing header logo: exit status 1" test "$rc" -eq 1
check "a missing header logo: the message names it" grepq -F "error: theme.header.logo: cannot open 'data/nothere.svg'" "$TMP/hl.err"
printf 'return { title = "x", theme = { header = { logo = { file = "data/logo.svg", width = 500 } } }, sections = {} }\n' > "$H/brief.lua"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build head -o bad.pdf 2>&1); rc=$?
check "a header logo too wide: exit status 1" test "$rc" -eq 1
check "a header logo too wide: no PDF" test ! -e "$TMP/bad.pdf"

# {============================================== in a combined batch: one Form across the rows
K="$TMP/batch"
mkdir -p "$K/plugins" "$K/data"
cp "$SET/text.svg" "$K/data/logo.svg"
printf 'year\n2001\n2002\n2003\n' > "$K/rows.csv"
cat > "$K/brief.lua" <<'LUA'
return { title = "Rows", params = { year = 2000 }, sections = { section "r" } }
LUA
cat > "$K/plugins/r.lua" <<'LUA'
return { name = "r", version = "1", api = 1,
  render = function(s, ctx)
    s:paragraph("Year " .. ctx.params.year .. ".")
    s:image{ file = "data/logo.svg", alt = "the logo", width = 40 }
  end }
LUA
check "a batch with an SVG combines" run_briefc 0 batch "$K" --rows "$K/rows.csv" --combine "$TMP/rows.pdf" -q
check "combined: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/rows.pdf"
qpdf --qdf --object-streams=disable "$TMP/rows.pdf" "$TMP/rows-qdf.pdf"
check "combined: the SVG is one Form XObject for three rows" test "$(grep -ac '/Subtype /Form' "$TMP/rows-qdf.pdf")" -eq 1
check "combined: its text on each row's page" test "$(pdftotext "$TMP/rows.pdf" - | grep -c '^Start')" -eq 3

# {============================================== refused
# refused NAME MESSAGE: a brief placing data/NAME (written beforehand) fails with MESSAGE
E="vec/plugins/bad.lua:3: error:"
refused() {
    cat > "$B/plugins/bad.lua" <<LUA
return { name = "bad", version = "1", api = 1,
  render = function(s, ctx)
    s:image{ file = "data/$1", alt = "x" }
  end }
LUA
    printf 'return { title = "bad", sections = { section "bad" } }\n' > "$B/brief.lua"
    rm -f "$TMP/bad.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build vec -o bad.pdf 2>&1); rc=$?
    san_clean "refused $1" /dev/null
    check "refused $1: exit status 1 (got $rc)" test "$rc" -eq 1
    check "refused $1: no PDF" test ! -e "$TMP/bad.pdf"
    first=$(printf '%s\n' "$msg" | head -1)
    if [ "$first" = "$E $2" ]; then ok; else bad "refused $1: expected '$E $2', got '$first'"; fi
}
D="$B/data"
cat > "$D/laughs.svg" <<'SVG'
<?xml version="1.0"?>
<!DOCTYPE svg [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>&b;</title></svg>
SVG
refused laughs.svg "svg 'data/laughs.svg' line 3 declares an XML entity; briefc refuses entities (they can expand without bound or read other files): write the text out"
cat > "$D/xxe.svg" <<'SVG'
<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>
SVG
refused xxe.svg "svg 'data/xxe.svg' line 2 declares an XML entity; briefc refuses entities (they can expand without bound or read other files): write the text out"
cat > "$D/external.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <rect width="5" height="5"/>
  <use xlink:href="/etc/passwd#x"/>
</svg>
SVG
refused external.svg "svg 'data/external.svg' line 3: <use> refers to '/etc/passwd#x' outside the file; briefc draws only what the file holds (use href=\"#id\")"
cat > "$D/netuse.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><use href="http://example.com/a.svg#x"/></svg>
SVG
refused netuse.svg "svg 'data/netuse.svg' line 1: <use> refers to 'http://example.com/a.svg#x' outside the file; briefc draws only what the file holds (use href=\"#id\")"
{ # a <use> bomb: ten levels each using the one below ten times (10^10 copies)
    echo '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><rect id="l0" width="1" height="1"/>'
    for i in 1 2 3 4 5 6 7 8 9 10; do
        printf '<g id="l%d">' "$i"
        for k in 1 2 3 4 5 6 7 8 9 10; do printf '<use href="#l%d"/>' $((i - 1)); done
        printf '</g>\n'
    done
    echo '</defs><use href="#l10"/></svg>'
} > "$D/usebomb.svg"
refused usebomb.svg "svg 'data/usebomb.svg' line 1: more than 100000 elements to draw (counting each <use>); simplify the drawing"
cat > "$D/cycle.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <g id="a"><use href="#b"/></g>
  <g id="b"><use href="#a"/></g>
</svg>
SVG
refused cycle.svg "svg 'data/cycle.svg' line 2: <use> nested more than 16 deep"
python3 -c "print('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">' + '<g>' * 240 + '<rect width=\"1\" height=\"1\"/>' + '</g>' * 240 + '</svg>')" > "$D/deep.svg"
refused deep.svg "svg 'data/deep.svg' line 1: elements nested more than 200 deep; flatten the drawing"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<rect width="1" height="1">\n</svg>\n' > "$D/broken.svg"
refused broken.svg "svg 'data/broken.svg' line 3 is not valid XML: opening and ending tag mismatch: rect line 2 and svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"/>\n' > "$D/wide.svg"
refused wide.svg "svg 'data/wide.svg' line 1 is 100000 x 10 pixels; briefc takes 0.01 to 30000 a side: give the root a sane width and height"
printf '<?xml version="1.0"?>\n<html><body/></html>\n' > "$D/notsvg.svg"
refused notsvg.svg "image 'data/notsvg.svg' is neither a PNG, a JPEG nor an SVG file (by its first bytes); briefc places PNG, JPEG and SVG images"
printf '<?xml version="1.0"?>\n<html><svg/></html>\n' > "$D/htmlsvg.svg"
refused htmlsvg.svg "svg 'data/htmlsvg.svg' line 2 is XML but not SVG (its root element is not <svg>)"
python3 -c "
import sys
print('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">' + ('<path d=\"M0 0' + 'h1' * 100000 + '\"/>\n') * 21 + '</svg>')" > "$D/segments.svg"
refused segments.svg "svg 'data/segments.svg' line 20: more than 2000000 path segments; simplify the drawing"
python3 -c "print('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">' + '<g/>' * 250000 + '</svg>')" > "$D/many.svg"
refused many.svg "svg 'data/many.svg' has 250001 elements, more than briefc reads (200000); simplify the drawing"
head -c 9000000 /dev/zero | tr '\0' ' ' | { printf '<svg xmlns="http://www.w3.org/2000/svg">'; cat; printf '</svg>'; } > "$D/huge.svg"
refused huge.svg "svg 'data/huge.svg' is 9000046 bytes, more than briefc reads (8 MB); simplify it"

finish
