// compare.js — holds briefc's dump (bib_dump) against citeproc-js's (oracle.js) line by line:
// the reference list in the same order with the same text, and each citation. Only markup is
// normalised: briefc's inline markup (*italic*, \-escapes, [text](url) links) becomes its
// text, curly double quotes straight, runs of white space one space. A difference listed in
// the allow file ("ref <id>" or "cite <line>", a bar, the reason) is reported but not a
// failure; the line "notes | reason" exempts exactly each entry's "note" (briefc prints it,
// the style does not): it is taken out of briefc's text before comparing, nothing else is.
'use strict';
const fs = require('fs');
const [oracleFile, briefcFile, allowFile, entriesFile] = process.argv.slice(2);
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l).map((l) => l.split('\t'));
const allow = new Map();
for (const line of fs.readFileSync(allowFile, 'utf8').split('\n')) {
  const m = line.match(/^(ref \S+|cite [^|]+?|notes)\s*\|\s*(.+)$/);
  if (m) allow.set(m[1], m[2]);
}
function plainMarkup(s) {
  s = s.replace(/\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g, '$1'); // links: their text
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) out += s[++i];
    else if (s[i] !== '*') out += s[i];
  }
  return out;
}
const norm = (s) => s.replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
const oracle = read(oracleFile), briefc = read(briefcFile);
const notes = new Map();
if (allow.has('notes'))
  for (const e of JSON.parse(fs.readFileSync(entriesFile, 'utf8'))) if (e.note) notes.set(e.id, norm(e.note));
let failed = 0, allowed = 0;
const oRefs = oracle.filter((r) => r[0] === 'ref').map((r) => r[1]);
const bRefs = briefc.filter((r) => r[0] === 'ref').map((r) => r[1]);
if (oRefs.join(' ') !== bRefs.join(' ')) {
  console.log(`list order differs:\n  citeproc-js: ${oRefs.join(' ')}\n  briefc:      ${bRefs.join(' ')}`);
  failed++;
}
const bBy = new Map(briefc.map((r) => [`${r[0]} ${r[1]}`, r[2]]));
for (const [kind, key, text] of oracle) {
  const name = `${kind} ${key}`;
  const mine = bBy.get(name);
  const want = norm(text);
  let got = mine === undefined ? '(missing)' : norm(kind === 'ref' ? plainMarkup(mine) : mine);
  if (kind === 'ref' && notes.has(key)) // the note and the full stop briefc ends it with
    got = got.replace(new RegExp(' ' + notes.get(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\.?'), '');
  if (want === got) continue;
  if (allow.has(name)) {
    console.log(`allowed ${name}: ${allow.get(name)}`);
    allowed++;
    continue;
  }
  console.log(`${name}:\n  citeproc-js: ${want}\n  briefc:      ${got}`);
  failed++;
}
for (const k of allow.keys())
  if (k !== 'notes' && !oracle.some((r) => `${r[0]} ${r[1]}` === k)) {
    console.log(`allow.txt names '${k}', which is not compared: remove it`);
    failed++;
  }
console.log(`${oracle.length - failed - allowed} of ${oracle.length} match citeproc-js, ${allowed} allowed, ${failed} differ`);
process.exit(failed ? 1 : 0);
