// tree.js FILE.pdf — prints the structure tree as pdf.js gives it to assistive technology
// (page.getStructTree()): one line per element, indented, with its alt text; content as the
// text of the marked content it holds. Used by tests/e2e/tagged.sh to read Figure 1's alt.
'use strict';
const fs = require('fs');
const path = require('path');
const pdfjs = require(path.join(__dirname, '../pdfjs/node_modules/pdfjs-dist/legacy/build/pdf.js'));
const quiet = console.log;
console.warn = console.error = () => {};
(async () => {
  const data = new Uint8Array(fs.readFileSync(process.argv[2]));
  const doc = await pdfjs.getDocument({ data, disableFontFace: true, useSystemFonts: false,
    isEvalSupported: false, verbosity: 0 }).promise;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = await page.getStructTree();
    const walk = (n, d) => {
      if (n.role) quiet(`${'  '.repeat(d)}${n.role}${n.alt ? ` alt="${n.alt}"` : ''} (page ${i})`);
      (n.children || []).forEach((c) => walk(c, d + 1));
    };
    if (tree) walk(tree, 0);
  }
})().catch((e) => { quiet(`tree.js: ${e.message}`); process.exit(2); });
