#!/usr/bin/env python3
"""glyph0.py PDF.qdf — exits 1, naming them, when a text-showing operator (Tj TJ ' ") of a page
or form draws glyph 0 (.notdef) of a Type0 font, which PDF/A-2 (6.2.11.8) and PDF/UA
(Matterhorn 31-030) forbid whatever the rendering mode; prints how many glyphs it read (exit 1
when none). PDF.qdf is `qpdf --qdf --object-streams=disable` output (streams decoded, one
object per "N 0 obj"). A code's glyph: the CID for CFF outlines (CID 0 is .notdef), else the
CIDToGIDMap's (Identity or a stream). Simple fonts are not read (briefc embeds none)."""
import re
import sys

data = open(sys.argv[1], 'rb').read()
objs = {}
for m in re.finditer(rb'(?m)^(\d+) 0 obj\n(.*?)\nendobj', data, re.S):
    objs[int(m.group(1))] = m.group(2)
def body(o):  # (dict text, stream bytes or None)
    t = objs[o]
    i = t.find(b'\nstream\n')
    if i < 0: return t, None
    j = t.rfind(b'endstream')
    return t[:i], t[i + 8:j].rstrip(b'\n') if j > 0 else t[i + 8:]
def ref(d, key):  # "/Key N 0 R" -> N
    m = re.search(rb'/' + key + rb'\s+(\d+) 0 R', d)
    return int(m.group(1)) if m else None
def subdict(d, key):  # the inline << >> after /Key, or the referenced object's dict
    m = re.search(rb'/' + key + rb'\s*<<', d)
    if m:
        i, depth = m.end() - 2, 0
        for k in range(i, len(d) - 1):
            if d[k:k + 2] == b'<<': depth += 1
            elif d[k:k + 2] == b'>>':
                depth -= 1
                if not depth: return d[i:k + 2]
    r = ref(d, key)
    return body(r)[0] if r is not None else b''
fonts = {}  # object -> code -> glyph (None: not a Type0 font)
def font_map(o):
    if o in fonts: return fonts[o]
    d = body(o)[0]
    fonts[o] = None
    if b'/Type0' not in d or b'/Identity-H' not in d: return None
    m = re.search(rb'/DescendantFonts\s*\[\s*(\d+) 0 R', d)
    cd = body(int(m.group(1)))[0]
    if b'/CIDFontType0' in cd or re.search(rb'/CIDToGIDMap\s*/Identity', cd):
        fonts[o] = lambda c: c  # CFF: CID 0 is .notdef; TrueType Identity: the glyph id
    else:
        s = body(ref(cd, b'CIDToGIDMap'))[1]
        fonts[o] = lambda c, s=s: int.from_bytes(s[2 * c:2 * c + 2], 'big') if 2 * c + 2 <= len(s) else 0
    return fonts[o]
TOK = re.compile(rb'\s*(?:(\()|<<|>>|<([0-9A-Fa-f\s]*)>|(\[)|(\])|/([^\s/\[\]()<>{}%]*)|%[^\n]*|([^\s/\[\]()<>{}%]+))')
def lit(s, i):  # the literal string starting after '(' at i: (bytes, next index)
    out, depth = bytearray(), 1
    while i < len(s):
        c = s[i]; i += 1
        if c == 0x5C:
            e = s[i]; i += 1
            if e in b'nrtbf': out.append(b'\n\r\t\b\f'[b'nrtbf'.index(e)])
            elif 0x30 <= e <= 0x37:
                v, k = e - 0x30, 0
                while k < 2 and i < len(s) and 0x30 <= s[i] <= 0x37: v = v * 8 + s[i] - 0x30; i += 1; k += 1
                out.append(v & 255)
            elif e in b'\r\n': pass
            else: out.append(e)
        elif c == 0x28: depth += 1; out.append(c)
        elif c == 0x29:
            depth -= 1
            if not depth: return bytes(out), i
            out.append(c)
        else: out.append(c)
    return bytes(out), i
bad, seen = [], 0
def run(stream, fontdict, where):
    global seen
    names = {m.group(1): int(m.group(2)) for m in re.finditer(rb'/([^\s/<>\[\]]+)\s+(\d+) 0 R', fontdict)}
    stack, cur, i = [], None, 0
    while i < len(stream):
        m = TOK.match(stream, i)
        if not m or m.end() == i: i += 1; continue
        i = m.end()
        if m.group(1): s, i = lit(stream, i); stack.append(s)
        elif m.group(2) is not None: h = re.sub(rb'\s', b'', m.group(2)); stack.append(bytes.fromhex((h + b'0' * (len(h) % 2)).decode()))
        elif m.group(3): stack.append('[')
        elif m.group(4):
            k = len(stack) - 1 - stack[::-1].index('[') if '[' in stack else 0
            stack[k:] = [stack[k + 1:]]
        elif m.group(5) is not None: stack.append(b'/' + m.group(5))
        elif m.group(6) and re.fullmatch(rb'[-+]?[0-9.]+', m.group(6)): stack.append(m.group(6))
        elif m.group(6):
            op = m.group(6)
            if op == b'Tf' and len(stack) >= 2 and isinstance(stack[-2], bytes):
                cur = names.get(stack[-2][1:])
            elif op in (b'Tj', b'TJ', b"'", b'"') and stack:
                fm = font_map(cur) if cur is not None else None
                arg = stack[-1]
                for s in (arg if isinstance(arg, list) else [arg]):
                    if not isinstance(s, bytes) or fm is None: continue
                    for k in range(0, len(s) - 1, 2):
                        c = s[k] << 8 | s[k + 1]
                        seen += 1
                        if fm(c) == 0: bad.append(f'{where}: {op.decode()} draws code {c:04X}, glyph 0')
            if op not in (b'BI',): stack = []
        elif m.group(0).strip() in (b'<<', b'>>'): stack.append(m.group(0).strip())
for o, t in objs.items():
    d, s = body(o)
    if re.search(rb'/Type\s*/Page\b', d):
        res = subdict(d, b'Resources')
        cs = re.search(rb'/Contents\s*(?:(\d+) 0 R|\[([^\]]*)\])', d)
        refs = [int(cs.group(1))] if cs and cs.group(1) else [int(x) for x in re.findall(rb'(\d+) 0 R', cs.group(2))] if cs else []
        run(b'\n'.join(body(r)[1] or b'' for r in refs), subdict(res, b'Font'), f'object {o} (page)')
    elif s is not None and re.search(rb'/Subtype\s*/Form', d):
        run(s, subdict(subdict(d, b'Resources'), b'Font'), f'object {o} (form)')
print(f'{seen} glyphs read')
if bad or not seen: sys.exit('\n'.join(bad[:20]) or 'no glyph read')
