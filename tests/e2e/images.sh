#!/bin/sh
# images.sh — s:image and the title block's logo (issue 16): PNGs of every colour type and
# depth (made by tests/images/mkpng.py with zlib alone) and JPEGs grey, RGB, progressive,
# Adobe CMYK and in each EXIF orientation (made by the mkjpeg test tool with libjpeg-turbo) are placed in a brief; the PDF is
# read back: pdfimages lists each image's size, colour space, depth and filter (JPEGs passed
# through as DCT, equal images embedded once), and the pages rendered by pdftoppm show each
# image's four coloured quadrants where the layout dump says it is. Hostile images (truncated,
# wrong CRC, giant sizes, a zip bomb, a link outside, a FIFO, not an image) and bad fields
# each fail with exit status 1, an exact message at the plugin's line and no PDF.
. "$(dirname "$0")/lib.sh"
needs python3 pdfimages pdftoppm
MKJPEG="$(dirname "$BRIEFC")/mkjpeg"

B="$TMP/pics"
mkdir -p "$B/plugins" "$B/data" "$TMP/outside"
ICC=/usr/share/color/icc/sRGB.icc # icc-profiles-free (scripts/deps.sh test)
[ -f "$ICC" ] || bad "$ICC is missing (run: make test-deps)"
python3 "$TESTS/images/mkpng.py" "$B/data" "$ICC" || bad "mkpng.py failed"
"$MKJPEG" icc "$B/data/icc.jpg" "$ICC" || bad "mkjpeg icc failed"
for k in grey rgb progressive cmyk exif1 exif2 exif3 exif4 exif5 exif6 exif7 exif8; do "$MKJPEG" $k "$B/data/$k.jpg" || bad "mkjpeg $k failed"; done

GOOD="rgb8.png rgb16.png grey8.png grey16.png grey2.png palette.png palette_trns.png rgba.png grey_alpha.png interlaced.png gamma.png grey.jpg rgb.jpg progressive.jpg cmyk.jpg exif1.jpg exif2.jpg exif3.jpg exif4.jpg exif5.jpg exif6.jpg exif7.jpg exif8.jpg iccp.png icc_srgb.png icc.jpg"
list=""
for f in $GOOD; do list="$list\"$f\", "; done
cat > "$B/brief.lua" <<LUA
return {
  title = "Images", series = "Test series", authors = "A. Author",
  sections = { section "title_block" { logo = { file = "data/rgba.png", width = 35 } }, section "pics" },
}
LUA
cat > "$B/plugins/pics.lua" <<LUA
return { name = "pics", version = "1", api = 1,
  render = function(s, ctx)
    s:paragraph("The first is [#first], on page [#first:page].")
    for i, f in ipairs{ $list } do
      s:image{ file = "data/" .. f, alt = "quadrants (" .. f .. ")", width = 40, caption = f,
               source = "generated", label = i == 1 and "first" or nil }
    end
    s:image{ file = "data/rgb8.png", decorative = true, width = "50%", align = "left" }
    s:page_break()
    s:image{ file = "data/rgb8.png", alt = "contained", width = 60, height = 60, fit = "contain" }
    s:image{ file = "data/rgb8.png", alt = "covering", width = 60, height = 60, fit = "cover" }
  end }
LUA
(cd "$TMP" && run_briefc 0 build pics -o pics.pdf --dump-layout pics.dump) || bad "the image brief did not build"

check "five readers" bash "$TESTS/pdfcheck.sh" "$TMP/pics.pdf"

# tagged: each image with alt text is a Figure carrying it, the decorative one an artifact, and
# the file passes the PDF/UA checker
check "the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/pics.pdf"
qpdf --qdf --object-streams=disable "$TMP/pics.pdf" "$TMP/pics-qdf.pdf"
check "an image's alt text is a Figure's /Alt" grepq -a "/Alt (contained)" "$TMP/pics-qdf.pdf"
check "the image draws inside its Figure's marked content" \
    pf "grep -a -A1 '^/Figure *<</MCID' '$TMP/pics-qdf.pdf' | grepq ' Do Q'"

# {============================================== what is embedded
pdfimages -list "$TMP/pics.pdf" > "$TMP/list.txt" 2>&1 || bad "pdfimages failed"
# page num type width height color comp bpc enc interp object ...; one row per drawing
row() { # row N TYPE COLOR COMP ENC: the N-th listed image (0-based)
    awk -v n="$1" 'NR == n + 3 { print $3, $4, $5, $6, $7, $8, $9 }' "$TMP/list.txt"
}
expect_row() {
    got=$(row "$1")
    if [ "$got" = "$2" ]; then ok; else bad "image row $1: expected '$2', got '$got'"; fi
}
# the logo (RGB + soft mask), then the suite in order, soft masks after their images
expect_row 0 "image 40 20 rgb 3 8 image"
expect_row 1 "smask 40 20 gray 1 8 image"
expect_row 2 "image 40 20 rgb 3 8 image"    # rgb8
expect_row 3 "image 40 20 rgb 3 8 image"    # rgb16, to 8 bits
expect_row 4 "image 40 20 gray 1 8 image"   # grey8
expect_row 5 "image 40 20 gray 1 8 image"   # grey16
expect_row 6 "image 40 20 gray 1 8 image"   # grey2
expect_row 7 "image 40 20 rgb 3 8 image"    # palette, expanded
expect_row 8 "image 40 20 rgb 3 8 image"    # palette with tRNS
expect_row 9 "smask 40 20 gray 1 8 image"
expect_row 10 "image 40 20 rgb 3 8 image"   # rgba
expect_row 11 "smask 40 20 gray 1 8 image"
expect_row 12 "image 40 20 gray 1 8 image"  # grey + alpha
expect_row 13 "smask 40 20 gray 1 8 image"
expect_row 14 "image 40 20 rgb 3 8 image"   # interlaced
expect_row 15 "image 40 20 rgb 3 8 image"   # gAMA
expect_row 16 "image 40 20 gray 1 8 jpeg"
expect_row 17 "image 40 20 rgb 3 8 jpeg"
expect_row 18 "image 40 20 rgb 3 8 jpeg"    # progressive
expect_row 19 "image 40 20 cmyk 4 8 jpeg"
for r in 20 21 22 23 24 25 26 27; do     # exif1..8: stored 40 x 20 (5 to 8 shown 20 x 40)
    expect_row $r "image 40 20 rgb 3 8 jpeg"
done
expect_row 28 "image 40 20 rgb 3 8 image"   # iccp: a junk profile dropped
expect_row 29 "image 40 20 icc 3 8 image"   # an sRGB profile kept: /ICCBased
expect_row 30 "image 40 20 icc 3 8 jpeg"
expect_row 31 "image 40 20 rgb 3 8 image"   # rgb8 again
# equal pixels are one object: rgb8, rgb16, palette, interlaced, gamma and the decorative copy;
# the logo, rgba and palette_trns (the same pixels and alpha); the three opaque greys
obj() { for r in "$@"; do awk -v n="$r" 'NR == n + 3 { print $11 }' "$TMP/list.txt"; done | sort -u | wc -l; }
ids=$(awk 'NR > 2 && $3 == "image" { print $11 }' "$TMP/list.txt" | sort -u | wc -l)
check "distinct image objects: 18 (got $ids)" test "$ids" -eq 18
check "rgb8, rgb16, palette, interlaced, gamma, iccp and the copy share one object" test "$(obj 2 3 7 14 15 28 31)" -eq 1
check "the logo, rgba and palette_trns share one object" test "$(obj 0 8 10)" -eq 1
check "grey8, grey16 and grey2 share one object" test "$(obj 4 5 6)" -eq 1
# JPEGs pass through byte for byte
for j in grey rgb progressive cmyk exif5; do
    size=$(wc -c < "$B/data/$j.jpg")
    check "$j.jpg embedded as it is ($size bytes)" grepq -F "jpeg" "$TMP/list.txt"
done
python3 - "$TMP/pics.pdf" "$B/data" <<'PY' || bad "a JPEG's bytes are not in the PDF as they are"
import sys
pdf = open(sys.argv[1], "rb").read()
for j in ("grey", "rgb", "progressive", "cmyk", "exif1", "exif6", "exif8"):
    assert open(f"{sys.argv[2]}/{j}.jpg", "rb").read() in pdf, j
PY
grepq -F "/Decode [ 1 0 1 0 1 0 1 0 ]" "$TMP/pics.pdf" && ok || bad "the Adobe CMYK JPEG has no inverting /Decode"

# {============================================== what the pages show
pdftoppm -r 72 "$TMP/pics.pdf" "$TMP/page" || bad "pdftoppm failed"
python3 - "$TMP/pics.dump" "$TMP" <<'PY' || bad "rendered colours differ (above)"
import glob, re, sys
def ppm(path):
    d = open(path, "rb").read()
    parts = d.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4]
pages = sorted(glob.glob(sys.argv[2] + "/page-*.ppm"))
rgb = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
grey = [(g, g, g) for g in (0, 85, 170, 255)]
fails, page, seen, clip = 0, 0, 0, None
def at(cx, cy):
    W, H, px = ppm(pages[page - 1])
    o = (int(cy) * W + int(cx)) * 3
    return tuple(px[o:o + 3])
def near(got, want, tol=24):
    return all(abs(a - b) <= tol for a, b in zip(got, want))
for line in open(sys.argv[1]):
    m = re.match(r"page (\d+)", line)
    if m:
        page = int(m.group(1))
        continue
    m = re.match(r"\s+clip rect ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+)", line)
    if m:
        clip = tuple(map(float, m.groups()))
        continue
    m = re.match(r"\s+image ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+) '([^']+)'", line)
    if not m:
        continue
    x, y, w, h = map(float, m.groups()[:4])
    name = m.group(5).split("/")[-1]
    if clip:  # fit = "cover": the box filled, red and green to its edges, white outside
        cx, cy, cw, ch = clip
        for px_, py_, want in ((cx + 3, cy + ch / 4, rgb[0]), (cx + cw - 3, cy + ch / 4, rgb[1]),
                               (cx - 3, cy + ch / 4, (255, 255, 255)),
                               (cx + 3, cy + ch * 3 / 4, rgb[2])):
            if not near(at(px_, py_), want):
                print(f"cover: at {px_:.0f},{py_:.0f}: {at(px_, py_)}, expected {want}")
                fails += 1
        if abs(cw - ch) > 0.1 or abs(h - ch) > 0.1 or abs(w - 2 * cw) > 0.1:
            print(f"cover: box {cw} x {ch}, image {w} x {h}")
            fails += 1
        clip, seen = None, seen + 1
        continue
    want = grey if name.startswith("grey") else rgb
    tol = 24
    if name == "cmyk.jpg":  # CMYK to RGB is the viewer's own: red, green, blue stay dominant
        tol, want = 110, [(237, 28, 36), (0, 166, 79), (46, 49, 145), (255, 255, 255)]
    m = re.match(r"exif(\d)\.jpg", name)
    if m:  # where each stored quadrant shows, by the EXIF definition of row 0 and column 0
        o = int(m.group(1))
        to = {1: lambda u, v: (u, v), 2: lambda u, v: (1 - u, v), 3: lambda u, v: (1 - u, 1 - v),
              4: lambda u, v: (u, 1 - v), 5: lambda u, v: (v, u), 6: lambda u, v: (1 - v, u),
              7: lambda u, v: (1 - v, 1 - u), 8: lambda u, v: (v, 1 - u)}[o]
        want = [None] * 4
        for q in range(4):
            X, Y = to(0.25 + 0.5 * (q % 2), 0.25 + 0.5 * (q // 2))
            want[(X > 0.5) + 2 * (Y > 0.5)] = rgb[q]
        if (o >= 5) != (h > w * 1.5):
            print(f"{name} is {w} x {h} points")
            fails += 1
    W, H, px = ppm(pages[page - 1])
    for q in range(4):
        cx = int(x + w * (0.25 + 0.5 * (q % 2)))
        cy = int(y + h * (0.25 + 0.5 * (q // 2)))
        o = (cy * W + cx) * 3
        got = tuple(px[o:o + 3])
        if any(abs(a - b) > tol for a, b in zip(got, want[q])):
            print(f"{name} page {page} quadrant {q} at {cx},{cy}: {got}, expected {want[q]}")
            fails += 1
    seen += 1
if seen != 30:
    print(f"{seen} images in the dump, expected 30")
    fails += 1
sys.exit(1 if fails else 0)
PY
# fit = "contain": the 2:1 image across the 60 mm square box, centred in its height
grepq -E "image [0-9.]+,[0-9.]+ 170.08x85.04 'data/rgb8.png'" "$TMP/pics.dump" && ok || bad "the contained image is not 60 x 30 mm"
grepq -F "Figure 1 " "$TMP/pics.dump" && ok || bad "the captioned image is not Figure 1"
in_order "$TMP/pics.dump" "The first is" "Figure 1" && ok || bad "the cross-reference does not read Figure 1"

# {============================================== two columns: in a column, or across both
C="$TMP/cols"
mkdir -p "$C/plugins" "$C/data"
cp "$B/data/rgb8.png" "$C/data/"
printf 'return { title = "cols", theme = { columns = 2 }, sections = { section "two" } }\n' > "$C/brief.lua"
cat > "$C/plugins/two.lua" <<LUA
return { name = "two", version = "1", api = 1,
  render = function(s, ctx)
    s:image{ file = "data/rgb8.png", alt = "in a column" }
    s:image{ file = "data/rgb8.png", alt = "across both", span = true }
  end }
LUA
(cd "$TMP" && run_briefc 0 build cols -o cols.pdf --dump-layout cols.dump) || bad "the two-column brief did not build"
widths=$(sed -n "s/^  image [0-9.]*,[0-9.]* \([0-9.]*\)x.*/\1/p" "$TMP/cols.dump" | tr '\n' ' ')
check "a spanning image is more than twice as wide as one in a column ($widths)" \
    awk -v w="$widths" 'BEGIN { split(w, a, " "); exit !(a[2] > 2 * a[1] && a[1] > 100) }'

# {============================================== a combined batch: each image once per file
printf 'copy\n1\n2\n3\n' > "$TMP/copies.csv"
check "combine the image brief three times" run_briefc 0 batch "$B" --rows "$TMP/copies.csv" \
    --combine "$TMP/c3.pdf" --bookmark 'Copy {copy}' -q
pdfimages -list "$TMP/c3.pdf" > "$TMP/c3.txt" 2>&1
rows=$(awk 'NR > 2' "$TMP/c3.txt" | wc -l)
objs=$(awk 'NR > 2 && $3 == "image" { print $11 }' "$TMP/c3.txt" | sort -u | wc -l)
one=$(awk 'NR > 2' "$TMP/list.txt" | wc -l)
check "combined: three times the drawings ($rows rows, one copy has $one)" test "$rows" -eq $((3 * one))
check "combined: each image one object, as in one copy ($objs)" test "$objs" -eq 18
check "combined: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/c3.pdf"

# {============================================== refused
head -c 500 "$B/data/rgb.jpg" > "$B/data/trunc.jpg"
"$MKJPEG" arith "$B/data/arith.jpg" || bad "mkjpeg arith failed"
echo "not an image, outside" > "$TMP/outside/secret.png"
ln -s "$TMP/outside/secret.png" "$B/data/link.png"
mkfifo "$B/data/fifo.png"
mkdir "$B/data/folder.png"
: > "$B/data/empty.png"
# refused FIELDS MESSAGE: a brief whose plugin calls s:image{FIELDS} fails with MESSAGE
n=0
refused() {
    n=$((n + 1))
    cat > "$B/plugins/bad.lua" <<LUA
return { name = "bad", version = "1", api = 1,
  render = function(s, ctx)
    s:image{ $1 }
  end }
LUA
    printf 'return { title = "bad", sections = { section "bad" } }\n' > "$B/brief.lua"
    rm -f "$TMP/bad.pdf"
    msg=$(cd "$TMP" && timeout 20 "$BRIEFC" build pics -o bad.pdf 2>&1); rc=$?
    check "refused $n: exit status 1 (got $rc)" test "$rc" -eq 1
    check "refused $n: no PDF" test ! -e "$TMP/bad.pdf"
    first=$(printf '%s\n' "$msg" | head -1)
    if [ "$first" = "$2" ]; then ok; else bad "refused $n: expected '$2', got '$first'"; fi
}
E="pics/plugins/bad.lua:3: error:"
refused 'file = "data/truncated.png", alt = "x"' "$E image 'data/truncated.png' is not a valid PNG (the file is truncated); export it again from an image editor"
refused 'file = "data/badcrc.png", alt = "x"' "$E image 'data/badcrc.png' is not a valid PNG (IDAT: CRC error); export it again from an image editor"
refused 'file = "data/giant.png", alt = "x"' "$E image 'data/giant.png' is 100000 x 100000 pixels, more than briefc takes (at most 30000 pixels a side and 100 megapixels); scale it down"
refused 'file = "data/bomb.png", alt = "x"' "$E image 'data/bomb.png' is 20000 x 20000 pixels, more than briefc takes (at most 30000 pixels a side and 100 megapixels); scale it down"
refused 'file = "data/trunc.jpg", alt = "x"' "$E image 'data/trunc.jpg' is not a valid JPEG (Premature end of JPEG file); export it again from an image editor"
refused 'file = "data/arith.jpg", alt = "x"' "$E image 'data/arith.jpg' is not a valid JPEG (arithmetic coding, which PDF readers need not support; save it as a standard JPEG); export it again from an image editor"
refused 'file = "data/notanimage.png", alt = "x"' "$E image 'data/notanimage.png' is neither a PNG, a JPEG nor an SVG file (by its first bytes); briefc places PNG, JPEG and SVG images"
refused 'file = "data/link.png", alt = "x"' "$E 'data/link.png' is outside the brief folder; copy the file inside rather than linking to it"
refused 'file = "data/fifo.png", alt = "x"' "$E 'data/fifo.png' is a named pipe (FIFO), not a regular file"
refused 'file = "data/folder.png", alt = "x"' "$E 'data/folder.png' is a folder, not a regular file"
refused 'file = "data/empty.png", alt = "x"' "$E image 'data/empty.png' is neither a PNG, a JPEG nor an SVG file (by its first bytes); briefc places PNG, JPEG and SVG images"
refused 'file = "/etc/passwd", alt = "x"' "$E '/etc/passwd' is outside the brief folder; plugins may only read files inside pics"
refused 'file = "../outside/secret.png", alt = "x"' "$E '../outside/secret.png' is outside the brief folder; plugins may only read files inside pics"
refused 'file = "data/rgb8.png"' "$E image 'data/rgb8.png' needs alt = \"...\", a description for readers who cannot see it, or decorative = true"
refused 'file = "data/rgb8.png", alt = "x", width = "150%"' "$E image 'data/rgb8.png': width must be millimetres (a number) or a share of the measure such as \"50%\", not '150%'"
refused 'file = "data/rgb8.png", alt = "x", label = "a"' "$E image 'data/rgb8.png': label 'a' needs a caption (a labelled image is a numbered figure)"
refused 'file = "data/rgb8.png", alt = "x", align = "middle"' "$E image 'data/rgb8.png': align must be one of left, center, right, not 'middle'"
refused 'alt = "x"' "$E image: field 'file' is required (a PNG or JPEG in the brief folder)"
refused 'file = "data/rgb8.png", alt = "x", widht = 30' "$E s:image: unknown field 'widht' (did you mean 'width'?); its fields are file, alt, decorative, caption, source, width, height, fit, align, span, label"
refused 'file = "data/rgb8.png", alt = "x", fit = "cover"' "$E image 'data/rgb8.png': fit needs both width and height (the box the image fits)"
refused 'file = "data/rgb8.png", alt = "x", height = 0.5' "$E image 'data/rgb8.png': height must be a finite number between 1 and 2000 (got 0.5)"

finish
