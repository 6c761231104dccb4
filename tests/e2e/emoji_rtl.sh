#!/bin/bash
# emoji_rtl.sh — colour emoji clusters in right-to-left text (issue 15 item 4) read whole and in
# logical order by pdftotext, mutool and pdf.js, tagged and untagged: a ZWJ sequence, a keycap,
# a skin tone, flags (alone, first, last, beside a Latin word), a tag sequence, two emoji in one
# run, one in a link, between Urdu words; in an Urdu brief (pages poppler reads right to left) and in an
# English brief with Urdu paragraphs (pages it reads left to right); and in the Urdu handout's
# style, a heading and table cells.
# - Each cluster extracts whole and never reversed (🏽👍, 🇰🇵, ⃣️1, 🔬‍👩) in the three readers;
#   in pdf.js without the two things no code split can keep there (pdf_emoji.c, next_code): a
#   ZWJ between two characters outside the BMP and the tag characters of a subdivision flag.
# - Each line reads "پاکستان <emoji> زندہ" in logical order: pdftotext and pdf.js in logical
#   order (pdftotext cannot on a left-to-right page with a digit or a Latin word in the line),
#   mutool as drawn (the Urdu words' letters in visual order, the emoji in logical order), with
#   a space on each side of the emoji (it read "👩‍🔬ہدنز").
#   mutool keeps a flag after an Urdu word on that word's line (the order check is per line).
#   pdftotext and pdf.js read a flag beside a Latin word in its place too.
. "$(dirname "$0")/lib.sh"
needs pdftotext mutool python3 node pdfimages
color=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
[ -f "$color" ] || bad "Noto Color Emoji is not installed (fonts-noto-color-emoji: scripts/deps.sh)"

python3 - "$TMP" <<'PY'
import os, sys
t = sys.argv[1]
clusters = ['\U0001F469\u200D\U0001F52C', '\U0001F3F3\uFE0F\u200D\U0001F308', '1\uFE0F\u20E3',
            '#\uFE0F\u20E3', '\U0001F44D\U0001F3FD', '\U0001F1F5\U0001F1F0', '\U0001F680',
            '\U0001F469\U0001F3FD\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468\U0001F3FF',
            '\U0001F3C3\u200D\u2640\uFE0F', '\u2764\uFE0F', '\U0001F468\u200D\U0001F469\u200D\U0001F467',
            '\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F',
            '\U0001F680\U0001F44D\U0001F3FD']
paras = ['پاکستان %s زندہ' % c for c in clusters]
paras += ['پاکستان [\U0001F517](https://example.org) زندہ'] # linked: a link area between the ops
paras += ['پاکستان زندہ \U0001F1F5\U0001F1F0', '\U0001F1F5\U0001F1F0 پاکستان زندہ',
          'ملک Pakistan \U0001F1F5\U0001F1F0 ہمارا', 'ہمارا \U0001F1F5\U0001F1F0 Pakistan ملک']
eng = ['This English paragraph about aid to Pakistan makes the page one that poppler reads left to right.'] * 8
for d, lang, pre in (('ur', 'ur', []), ('en', 'en', eng)):
    os.makedirs(t + '/' + d, exist_ok=True)
    open(t + '/' + d + '/brief.lua', 'w').write(
        'return { title = "T", language = "%s", theme = { justify = false },\n'
        '  sections = { section "prose" { paragraphs = { %s } } } }\n'
        % (lang, ', '.join('"%s"' % p for p in pre + paras)))
open(t + '/clusters.txt', 'w').write('\n'.join(clusters + ['\U0001F517']) + '\n')
PY

# check.py READER FILE [loose]: every cluster whole and not reversed, every line in order
# (loose: pdftotext on a left-to-right page, whose lines with digits or Latin come in pieces)
cat > "$TMP/check.py" <<'PY'
import re, sys
reader, path = sys.argv[1], sys.argv[2]
loose = len(sys.argv) > 3
marks = re.compile('[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060]')
text = marks.sub('', open(path, encoding='utf-8').read())
lines = text.split('\n')
def astral(c): return ord(c) > 0xFFFF
def pdfjs(c): # what pdf.js can read of cluster c: no ZWJ between astral characters, no tags
    out = ''
    for i, ch in enumerate(c):
        if 0xE0020 <= ord(ch) <= 0xE007F: continue
        if ch == '\u200d' and 0 < i < len(c) - 1 and astral(c[i - 1]) and astral(c[i + 1]): continue
        out += ch
    return out
bad = []
for c in open(sys.argv[0].replace('check.py', 'clusters.txt'), encoding='utf-8').read().split():
    want = pdfjs(c) if reader == 'j' else c
    if want not in text: bad.append('missing ' + want)
    if len(want) > 1 and want[::-1] != want and want[::-1] in text: bad.append('reversed ' + want)
    a, b = ('ناتسکاپ', 'ہدنز') if reader == 'm' else ('پاکستان', 'زندہ')
    if loose and re.search('[0-9#A-Za-z]', c): continue
    gap = r'\s+' if reader == 'm' else r'\s*' # mutool: with the word gaps
    if not any(re.search(re.escape(a) + gap + re.escape(want) + gap + re.escape(b), l) for l in lines):
        bad.append('out of order ' + want)
# a flag beside a Latin word keeps its place (a mark poppler read in the gap after the flag
# put it after the word)
if reader != 'm' and not loose:
    for words in (('ہمارا', '\U0001F1F5\U0001F1F0', 'Pakistan', 'ملک'), ('ملک', 'Pakistan', '\U0001F1F5\U0001F1F0', 'ہمارا')):
        if not any(re.search(r'\s*'.join(map(re.escape, words)), l) for l in lines):
            bad.append('out of order ' + ' '.join(words))
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
for br in ur en; do
    for std in tagged none; do
        opt=
        [ $std = none ] && opt="--pdf-standard none"
        run_briefc 0 build "$TMP/$br" -o "$TMP/$br-$std.pdf" $opt 2> "$TMP/w.txt"; rc=$?
        check "$br $std: the brief builds without a warning (exit $rc)" pf "test $rc -eq 0 && ! grepq warning '$TMP/w.txt'"
        pdftotext -enc UTF-8 "$TMP/$br-$std.pdf" "$TMP/$br-$std.p"
        mutool draw -F txt -o "$TMP/$br-$std.m" "$TMP/$br-$std.pdf" 2> /dev/null
        node "$TESTS/pdfjs/text.js" "$TMP/$br-$std.pdf" > "$TMP/$br-$std.j" 2> /dev/null
        loose=
        [ $br = en ] && loose=loose
        check "$br $std pdftotext: 14 clusters whole, none reversed, each line in order" python3 "$TMP/check.py" p "$TMP/$br-$std.p" $loose
        check "$br $std mutool: the same, as drawn" python3 "$TMP/check.py" m "$TMP/$br-$std.m"
        check "$br $std pdf.js: the same, less what pdf.js cannot read" python3 "$TMP/check.py" j "$TMP/$br-$std.j"
        [ $std = tagged ] && check "$br: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/$br-$std.pdf"
    done
    check "$br: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/$br-tagged.pdf"
done

# {== the Urdu handout's style: emoji in a heading, a caption and table cells
mkdir -p "$TMP/h/plugins"
cat > "$TMP/h/brief.lua" <<'LUA'
return { title = "پاکستان امداد", date = "November 2026", language = "ur",
  page = { size = "A4", margins = 20 },
  theme = { body_font = "NotoNaskhArabic", heading_font = "NotoNaskhArabic", body_size = 11, justify = false },
  sections = { section "emo" } }
LUA
cat > "$TMP/h/plugins/emo.lua" <<'LUA'
return { name = "emo", version = "1.0.0", api = 1, description = "emoji in an Urdu handout",
  render = function(s, ctx)
    s:heading("امداد 👍🏽 اور 🇵🇰 خلاصہ")
    s:table { caption = "جدول 📊", columns = { "ملک", "نشان" },
      rows = { { "پاکستان", "🇵🇰" }, { "سائنس", "👩‍🔬" }, { "رنگ", "🏳️‍🌈 پرچم" }, { "ہاتھ", "👍🏽" } } }
  end }
LUA
for std in tagged none; do
    opt=
    [ $std = none ] && opt="--pdf-standard none"
    run_briefc 0 build "$TMP/h" -o "$TMP/h-$std.pdf" $opt 2> "$TMP/hw.txt"; rc=$?
    check "handout $std: builds without a warning (exit $rc)" pf "test $rc -eq 0 && ! grepq warning '$TMP/hw.txt'"
    check "handout $std: seven emoji drawn as pictures" pf "test \$(pdfimages -list '$TMP/h-$std.pdf' | awk '\$3 == \"image\"' | wc -l) -eq 7"
    pdftotext -enc UTF-8 "$TMP/h-$std.pdf" "$TMP/h.p"
    mutool draw -F txt -o "$TMP/h.m" "$TMP/h-$std.pdf" 2> /dev/null
    node "$TESTS/pdfjs/text.js" "$TMP/h-$std.pdf" > "$TMP/h.j" 2> /dev/null
    for r in p m j; do
        check "handout $std $r: the heading's and cells' emoji whole, none reversed" python3 - "$r" "$TMP/h.$r" <<'PY'
import re, sys
r, path = sys.argv[1], sys.argv[2]
text = re.sub('[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060]', '', open(path, encoding='utf-8').read())
want = ['\U0001F44D\U0001F3FD', '\U0001F1F5\U0001F1F0', '\U0001F4CA', '\U0001F3F3\uFE0F\u200D\U0001F308',
        '\U0001F469\U0001F52C' if r == 'j' else '\U0001F469\u200D\U0001F52C']
bad = [w for w in want if w not in text] + ['reversed ' + w for w in want if len(w) > 1 and w[::-1] in text]
print(bad)
sys.exit(1 if bad else 0)
PY
    done
done
check "handout: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/h-tagged.pdf"
check "handout: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/h-tagged.pdf"
# }==

finish
