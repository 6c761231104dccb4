// tree.js FILE.pdf — prints the structure tree as pdf.js gives it to assistive technology
// (page.getStructTree()): one line per element, indented, with its alt text and language; the
// e2e tests read Figure 1's alt and the Spans' /Lang from it.
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
      if (n.role) quiet(`${'  '.repeat(d)}${n.role}${n.alt ? ` alt="${n.alt}"` : ''}${n.lang ? ` lang="${n.lang}"` : ''} (page ${i})`);
      (n.children || []).forEach((c) => walk(c, d + 1));
    };
    if (tree) walk(tree, 0);
  }
})().catch((e) => { quiet(`tree.js: ${e.message}`); process.exit(2); });
