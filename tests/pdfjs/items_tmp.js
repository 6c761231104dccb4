// text.js FILE.pdf — prints the text pdf.js extracts from each page, one line per text line
// (items joined as pdf.js's text layer orders them), for tests that check extraction order.
'use strict';
const fs = require('fs');
// pdf.js prints its warnings (here, that the optional 'canvas' package is missing) with
// console.log: silenced, so that stdout holds the text alone.
console.log = console.warn = () => {};
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');
(async () => {
  const data = new Uint8Array(fs.readFileSync(process.argv[2]));
  const doc = await pdfjs.getDocument({
    data, verbosity: pdfjs.VerbosityLevel.ERRORS, disableFontFace: true,
    useSystemFonts: false, isEvalSupported: false,
  }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    for (const it of text.items) out += JSON.stringify([it.str, it.dir, it.fontName.slice(-3), +it.transform[4].toFixed(1), +it.transform[5].toFixed(1), +it.width.toFixed(1), it.hasEOL]) + "\n";
    out += '\n';
  }
  process.stdout.write(out);
})().catch((e) => { process.stderr.write(String(e) + '\n'); process.exit(2); });
