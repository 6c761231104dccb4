// check.js FILE.pdf [--expect ua-1,a-2u] — checks the software-decidable rules of PDF/UA-1
// (Matterhorn Protocol 1.1 failure conditions) and PDF/A-2 on the objects briefc writes.
// It reads the file through qpdf's JSON (qpdf --json=2, streams decoded), so it shares no
// code with briefc. Each failure prints one line "tagcheck: FILE: ID: what"; exit 1 on any.
// IDs (used by tests/e2e/tagged.sh to prove each check can fail):
//  header     %PDF-1.x and a binary comment line (PDF/A-2 6.1.2)
//  id         trailer /ID, two strings (PDF/A-2 6.1.3)
//  lang       catalog /Lang and every element's /Lang (Spans), BCP 47 tags (Matterhorn 11-001..006)
//  marked     catalog /MarkInfo /Marked true (01-002)
//  title      info /Title, and /ViewerPreferences /DisplayDocTitle true (06-003, 07-001/002)
//  xmp        /Metadata: well-formed, no bytes or encoding attribute in the packet header
//             (PDF/A-2 6.6.2.1; a /Filter is allowed there, unlike PDF/A-1), pdfuaid:part 1 and pdfaid part/conformance
//             as claimed, the pdfuaid extension schema, values equal to the info dictionary
//  intent     an /OutputIntents GTS_PDFA1 entry with an RGB ICC profile of class mntr or prtr and
//             version below 5, its size as its header says (PDF/A-2 6.2.3)
//  fonts      every font program embedded (31-009, PDF/A-2 6.2.11.4)
//  tree       /StructTreeRoot with a Document and a /ParentTree
//  content    every painting operator inside marked content or an Artifact (01-001..004)
//  mcid       every MCID reachable through the page's /StructParents (01-005 etc.)
//  headings   headings nest: the first is H1, none skips a level (14-002/003)
//  figure     every Figure has /Alt (13-004)
//  caption    every Caption is the first child of its Table, the first or last of its Figure
//  note       every Note has a unique /ID (19-003); a Reference's /Ref names Notes with IDs
//  table      every Table has TH cells, each with /Scope (15-003)
//  link       link annotations inside Link elements through an OBJR, with /StructParent,
//             /Contents and the print flag; pages with annotations /Tabs /S (28-009..012, 28-002)
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');

const file = process.argv[2];
let expect = 'ua-1,a-2u';
const ei = process.argv.indexOf('--expect');
if (ei > 0) expect = process.argv[ei + 1];
const claims = new Set(expect.split(','));
let failed = 0;
function fail(id, msg) {
    console.log(`tagcheck: ${file}: ${id}: ${msg}`);
    failed = 1;
}

const raw = fs.readFileSync(file);
const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-stream-data=inline',
    '--decode-level=generalized', file], { maxBuffer: 1 << 30 }).toString());
const objs = json.qpdf[1];
const trailer = objs.trailer.value;

function get(ref) { // resolves "N 0 R" to its value (a stream gives {dict, data})
    if (typeof ref === 'string' && /^\d+ \d+ R$/.test(ref)) {
        const o = objs['obj:' + ref];
        if (!o) return null;
        return o.stream ? { dict: o.stream.dict, data: o.stream.data, isStream: true } : o.value;
    }
    return ref;
}
function dictOf(v) { v = get(v); return v && v.isStream ? v.dict : v; }
function str(v) { // a PDF string's text
    v = get(v);
    if (typeof v !== 'string') return null;
    if (v.startsWith('u:')) return v.slice(2);
    if (v.startsWith('b:')) return Buffer.from(v.slice(2), 'hex').toString('latin1');
    return null;
}
function data(v) { v = get(v); return v && v.isStream ? Buffer.from(v.data || '', 'base64') : null; }

// header
const head = raw.subarray(0, 20).toString('latin1');
if (!/^%PDF-1\.[0-7]\r?\n%/.test(head)) fail('header', 'no %PDF-1.x line followed by a comment');
else {
    const nl = raw.indexOf(10);
    const c = raw.subarray(nl + 2, nl + 6);
    if (c.length < 4 || [...c].some(b => b < 128)) fail('header', 'the second line has no four bytes above 127');
}
// id
if (!Array.isArray(trailer['/ID']) || trailer['/ID'].length !== 2) fail('id', 'no trailer /ID of two strings');

const cat = dictOf(trailer['/Root']);
const tagged0 = claims.has('ua-1') || claims.has('a-2a');
const info = dictOf(trailer['/Info']) || {};
const lang = str(cat['/Lang']);
const bcp47 = /^([A-Za-z]{2,3}|[A-Za-z]{4,8}|[xi])(-[A-Za-z0-9]{1,8})*$/;
if (!lang || !bcp47.test(lang)) fail('lang', `catalog /Lang is ${lang === null ? 'missing' : `'${lang}'`}`);
const mi = dictOf(cat['/MarkInfo']);
if (tagged0 && (!mi || mi['/Marked'] !== true)) fail('marked', 'catalog /MarkInfo /Marked is not true');
const title = str(info['/Title']);
if (!title) fail('title', 'no info /Title');
const vp = dictOf(cat['/ViewerPreferences']);
if (tagged0 && (!vp || vp['/DisplayDocTitle'] !== true)) fail('title', '/ViewerPreferences /DisplayDocTitle is not true');

// xmp
(function () {
    const md = get(cat['/Metadata']);
    if (!md || !md.isStream) return fail('xmp', 'no /Metadata stream');
    const x = Buffer.from(md.data, 'base64').toString('utf8');
    const head = /^<\?xpacket ([^?]*)\?>/.exec(x);
    if (head && /\b(bytes|encoding)=/.test(head[1])) fail('xmp', 'the packet header has a bytes or encoding attribute');
    // well-formed: tags balance, no stray & or <
    const stack = [];
    const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|<\?[^?]*\?>|&(?:amp|lt|gt|quot|apos|#\d+);|[<&]/g;
    let m;
    while ((m = re.exec(x))) {
        if (m[0] === '<' || m[0] === '&') { fail('xmp', `not well-formed XML near offset ${m.index}`); return; }
        if (!m[2]) continue;
        if (m[1]) { if (stack.pop() !== m[2]) { fail('xmp', `mismatched </${m[2]}>`); return; } }
        else if (!m[4]) stack.push(m[2]);
    }
    if (stack.length) fail('xmp', `unclosed <${stack[stack.length - 1]}>`);
    const unesc = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    // a simple property is an element or (RDF's abbreviated form) an attribute of rdf:Description
    const val = p => {
        const r = new RegExp(`<${p}>(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?([^<]*)<`).exec(x) ||
            new RegExp(`<rdf:Description\\b[^>]*\\s${p}="([^"]*)"`).exec(x);
        return r ? unesc(r[1]) : null;
    };
    if (claims.has('ua-1') && val('pdfuaid:part') !== '1') fail('xmp', 'no pdfuaid:part 1');
    const a = [...claims].find(c => c.startsWith('a-2'));
    if (a) {
        if (val('pdfaid:part') !== '2') fail('xmp', 'no pdfaid:part 2');
        if (val('pdfaid:conformance') !== a.slice(3).toUpperCase()) fail('xmp', `pdfaid:conformance is not ${a.slice(3).toUpperCase()}`);
        // the extension schema: each field as an element or an attribute (either RDF form)
        const field = (f, v) => x.includes(`<${f}>${v}</${f}>`) || x.includes(` ${f}="${v}"`);
        if (claims.has('ua-1') && !(field('pdfaSchema:prefix', 'pdfuaid') &&
            field('pdfaSchema:namespaceURI', 'http://www.aiim.org/pdfua/ns/id/') &&
            field('pdfaProperty:name', 'part') && field('pdfaProperty:valueType', 'Integer') &&
            field('pdfaProperty:category', 'internal') && /pdfaSchema:schema[=>]/.test(x) &&
            /pdfaProperty:description[=>]/.test(x)))
            fail('xmp', 'no extension schema declares pdfuaid (prefix, namespace, part: Integer, internal)');
    }
    const pairs = [['/Title', 'dc:title'], ['/Author', 'dc:creator'], ['/Subject', 'dc:description'],
        ['/Keywords', 'pdf:Keywords'], ['/Producer', 'pdf:Producer'], ['/Creator', 'xmp:CreatorTool']];
    for (const [k, p] of pairs) {
        const iv = str(info[k]), xv = val(p);
        if (iv !== xv) fail('xmp', `${p} '${xv}' differs from info ${k} '${iv}'`);
    }
    const pdate = d => { const r = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(d || ''); return r ? `${r[1]}-${r[2]}-${r[3]}T${r[4]}:${r[5]}:${r[6]}Z` : null; };
    for (const [k, p] of [['/CreationDate', 'xmp:CreateDate'], ['/ModDate', 'xmp:ModifyDate']]) {
        const iv = str(info[k]);
        if ((iv ? pdate(iv) : null) !== val(p)) fail('xmp', `${p} differs from info ${k}`);
    }
})();

// intent
if ([...claims].some(c => c.startsWith('a-2'))) {
    const ois = get(cat['/OutputIntents']) || [];
    const oi = ois.map(dictOf).find(o => o && o['/S'] === '/GTS_PDFA1');
    const prof = oi && data(oi['/DestOutputProfile']);
    if (!prof || prof.length < 132 || prof.toString('latin1', 16, 20) !== 'RGB ' || get(oi['/DestOutputProfile']).dict['/N'] !== 3)
        fail('intent', 'no GTS_PDFA1 output intent with an RGB ICC profile');
    else if (!['mntr', 'prtr'].includes(prof.toString('latin1', 12, 16)) || prof[8] >= 5 ||
             prof.readUInt32BE(0) !== prof.length || prof.toString('latin1', 36, 40) !== 'acsp')
        fail('intent', `the output profile is not a valid v2/v4 mntr or prtr profile (class ${prof.toString('latin1', 12, 16)}, version ${prof[8]})`);
}

// fonts
for (const [k, o] of Object.entries(objs)) {
    const d = o.value;
    if (d && d['/Type'] === '/FontDescriptor' && !d['/FontFile'] && !d['/FontFile2'] && !d['/FontFile3'])
        fail('fonts', `${k}: font ${d['/FontName']} is not embedded`);
}

// the structure tree
const pages = [];
(function walk(n) { const d = dictOf(n); if (d['/Type'] === '/Pages') d['/Kids'].forEach(walk); else pages.push({ ref: n, d }); })(cat['/Pages']);
const root = dictOf(cat['/StructTreeRoot']);
const tagged = claims.has('ua-1') || claims.has('a-2a');
let ptree = null;
function numTree(n, out) {
    const d = dictOf(n);
    if (d['/Nums']) for (let i = 0; i + 1 < d['/Nums'].length; i += 2) out.set(d['/Nums'][i], d['/Nums'][i + 1]);
    if (d['/Kids']) d['/Kids'].forEach(k => numTree(k, out));
    return out;
}
const elems = []; // [{ref, d, role, depth}] in tree order
if (tagged) {
    if (!root) fail('tree', 'no /StructTreeRoot');
    else if (!root['/ParentTree']) fail('tree', 'no /ParentTree');
    else {
        ptree = numTree(root['/ParentTree'], new Map());
        const k = root['/K'];
        const top = Array.isArray(k) ? k : [k];
        if (!top.length || !dictOf(top[0]) || dictOf(top[0])['/S'] !== '/Document') fail('tree', 'the root element is not Document');
        const seen = new Set();
        (function walk(n, depth) {
            if (typeof n === 'number') return;
            const d = dictOf(n);
            if (!d || d['/Type'] === '/MCR' || d['/Type'] === '/OBJR') return;
            if (typeof n === 'string') { if (seen.has(n)) return fail('tree', `${n} is in the tree twice`); seen.add(n); }
            elems.push({ ref: n, d, role: (d['/S'] || '').slice(1), depth });
            const kids = d['/K'] === undefined ? [] : Array.isArray(d['/K']) ? d['/K'] : [d['/K']];
            kids.forEach(c => walk(c, depth + 1));
        })(k, 0);
    }
}

// content: tokens of a content stream
function* tokens(buf) {
    const s = buf.toString('latin1');
    let i = 0;
    const ws = c => ' \t\r\n\f\0'.includes(c), delim = c => '()<>[]{}/%'.includes(c);
    while (i < s.length) {
        const c = s[i];
        if (ws(c)) { i++; continue; }
        if (c === '%') { while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++; continue; }
        if (c === '(') {
            let d = 0, j = i;
            for (; j < s.length; j++) { if (s[j] === '\\') { j++; continue; } if (s[j] === '(') d++; else if (s[j] === ')' && --d === 0) break; }
            yield { t: 'str' }; i = j + 1; continue;
        }
        if (s.startsWith('<<', i)) { yield { t: '<<' }; i += 2; continue; }
        if (s.startsWith('>>', i)) { yield { t: '>>' }; i += 2; continue; }
        if (c === '<') { const j = s.indexOf('>', i); yield { t: 'str' }; i = j + 1; continue; }
        if (c === '[' || c === ']') { yield { t: c }; i++; continue; }
        let j = i + 1;
        while (j < s.length && !ws(s[j]) && !delim(s[j])) j++;
        const w = s.slice(i, j);
        i = j;
        if (c === '/') yield { t: 'name', v: w };
        else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) yield { t: 'num', v: Number(w) };
        else yield { t: 'op', v: w };
    }
}
const painting = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'sh', 'Do', 'BI']);
let nannots = 0;
if (tagged && ptree) pages.forEach((pg, pi) => {
    const cs = pg.d['/Contents'];
    const bufs = (Array.isArray(cs) ? cs : [cs]).map(data).filter(Boolean);
    let depth = 0, marked = 0, ops = [], bad = 0;
    const stack = [];
    const mcids = [];
    for (const b of bufs) for (const tk of tokens(b)) {
        if (tk.t !== 'op') { ops.push(tk); continue; }
        if (tk.v === 'BDC' || tk.v === 'BMC') {
            const tag = ops.find(o => o.t === 'name');
            const mi = ops.findIndex(o => o.t === 'name' && o.v === '/MCID');
            const mcid = mi >= 0 && ops[mi + 1] && ops[mi + 1].t === 'num' ? ops[mi + 1].v : null;
            const art = tag && tag.v === '/Artifact';
            stack.push(art || mcid !== null);
            if (mcid !== null) mcids.push({ mcid, tag: tag ? tag.v : '' });
            if (!art && mcid === null && tk.v === 'BDC') fail('content', `page ${pi + 1}: ${tag ? tag.v : '?'} BDC without an MCID`);
        } else if (tk.v === 'EMC') {
            if (!stack.length) fail('content', `page ${pi + 1}: EMC without BDC`);
            stack.pop();
        } else if (painting.has(tk.v) && !stack.some(Boolean)) {
            if (!bad++) fail('content', `page ${pi + 1}: '${tk.v}' outside marked content and not an artifact`);
        }
        ops = [];
    }
    if (stack.length) fail('content', `page ${pi + 1}: BDC without EMC`);
    if (mcids.length) {
        const sp = pg.d['/StructParents'];
        const arr = typeof sp === 'number' ? get(ptree.get(sp)) : null;
        if (!Array.isArray(arr)) return fail('mcid', `page ${pi + 1}: no /StructParents entry in the ParentTree`);
        for (const { mcid } of mcids) {
            const e = dictOf(arr[mcid]);
            const kids = e ? (Array.isArray(e['/K']) ? e['/K'] : [e['/K']]) : [];
            const ok = kids.some(k => { const d = dictOf(k); return (k === mcid && e['/Pg'] === pg.ref) || (d && d['/Type'] === '/MCR' && d['/MCID'] === mcid && (!d['/Pg'] || d['/Pg'] === pg.ref)); });
            if (!ok) { fail('mcid', `page ${pi + 1}: MCID ${mcid} is not reachable through the ParentTree`); break; }
        }
    }
    // annotations
    const annots = get(pg.d['/Annots']) || [];
    if (annots.length && pg.d['/Tabs'] !== '/S') fail('link', `page ${pi + 1} has annotations but no /Tabs /S`);
    for (const aref of annots) {
        const a = dictOf(aref);
        if (a['/Subtype'] !== '/Link') continue;
        nannots++;
        if (typeof a['/StructParent'] !== 'number') { fail('link', `page ${pi + 1}: a link without /StructParent`); continue; }
        const e = dictOf(ptree.get(a['/StructParent']));
        const k = e && (Array.isArray(e['/K']) ? e['/K'] : [e['/K']]);
        if (!e || e['/S'] !== '/Link' || !k.some(x => { const d = dictOf(x); return d && d['/Type'] === '/OBJR' && d['/Obj'] === aref; }))
            fail('link', `page ${pi + 1}: a link annotation not held by a Link element through an OBJR`);
        const c = str(a['/Contents']);
        if (!c || /^\d*$/.test(c)) fail('link', `page ${pi + 1}: a link without a /Contents description`);
        if (!((a['/F'] || 0) & 4) || ((a['/F'] || 0) & 3)) fail('link', `page ${pi + 1}: a link without the print flag`);
    }
});

if (tagged) {
    let last = 0;
    const noteIds = new Set();
    for (const e of elems) {
        const m = /^H([1-6])$/.exec(e.role);
        if (m) {
            const lv = Number(m[1]);
            if (lv > last + 1) { fail('headings', `H${lv} follows ${last ? 'H' + last : 'no heading'}`); break; }
            last = lv;
        }
        if (e.role === 'Figure' && !str(e.d['/Alt'])) fail('figure', 'a Figure without /Alt');
        if (e.role === 'Caption') { // a caption belongs to what it captions: first child of a
            // Table (ISO 32000-1 14.8.4.3.4), first or last child of a Figure or list
            const p = dictOf(e.d['/P']), role = p ? (p['/S'] || '').slice(1) : '';
            const ks = p ? (Array.isArray(p['/K']) ? p['/K'] : [p['/K']]) : [];
            const at = ks.indexOf(e.ref);
            if (!['Table', 'Figure', 'L'].includes(role)) fail('caption', `a Caption under ${role || 'nothing'}, not its Table or Figure`);
            else if (role === 'Table' ? at !== 0 : at !== 0 && at !== ks.length - 1)
                fail('caption', `a Caption that is not the ${role === 'Table' ? 'first' : 'first or last'} child of its ${role}`);
        }
        if (e.d['/Lang'] !== undefined) { // a language change (Matterhorn 11-006)
            const l = str(e.d['/Lang']);
            if (!l || !bcp47.test(l)) fail('lang', `${e.role} /Lang is '${l}', not a BCP 47 tag`);
        }
        if (e.role === 'Note') {
            const id = str(e.d['/ID']);
            if (!id || noteIds.has(id)) fail('note', `a Note without a unique /ID`);
            noteIds.add(id);
        }
        if (e.role === 'Reference' && e.d['/Ref'] !== undefined) { // a footnote marker: its Note
            const r = get(e.d['/Ref']);
            const ok = Array.isArray(r) && r.length && r.every(x => { const n = dictOf(x); return n && n['/S'] === '/Note' && str(n['/ID']); });
            if (!ok) fail('note', 'a Reference whose /Ref is not a Note with an /ID');
        }
        if (e.role === 'Table') {
            const ths = elems.filter(x => x.role === 'TH' && isBelow(x, e));
            if (!ths.length) fail('table', 'a Table without TH cells');
        }
        if (e.role === 'TH') {
            const a = dictOf(e.d['/A']);
            if (!a || !['/Row', '/Column', '/Both'].includes(a['/Scope'])) fail('table', 'a TH without /Scope');
        }
    }
}
function isBelow(x, anc) { // x inside anc: follow /P up
    let d = x.d;
    for (let n = 0; d && n < 100; n++) { if (d['/P'] === anc.ref) return true; d = dictOf(d['/P']); }
    return false;
}
if (process.argv.includes('--stats')) console.log(`tagcheck: ${file}: ${elems.length} elements, ${nannots} links, ${pages.length} pages`);
process.exit(failed);
