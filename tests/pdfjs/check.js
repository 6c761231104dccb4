// check.js FILE.pdf — opens a PDF with pdf.js, parses every page's content and text, and
// fails (exit 1) on any warning pdf.js prints. Exit 2 when the file cannot be opened at all.
'use strict';
const fs = require('fs');
const messages = [];
const capture = (...a) => messages.push(a.join(' '));
console.log = capture;
console.warn = capture;
console.error = capture;
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');
// Without the optional 'canvas' package pdf.js says it cannot polyfill DOMMatrix/Path2D:
// that is about this machine, not the PDF. Drop those lines only.
const isEnvNoise = (m) => /Cannot polyfill `(DOMMatrix|Path2D)`/.test(m);
messages.length = 0;

(async () => {
  const data = new Uint8Array(fs.readFileSync(process.argv[2]));
  const doc = await pdfjs.getDocument({
    data, verbosity: pdfjs.VerbosityLevel.WARNINGS, disableFontFace: true,
    useSystemFonts: false, isEvalSupported: false,
  }).promise;
  let chars = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    await page.getOperatorList();
    const text = await page.getTextContent();
    chars += text.items.reduce((n, it) => n + it.str.length, 0);
  }
  const warnings = messages.filter((m) => !isEnvNoise(m));
  process.stdout.write(`pdf.js: ${doc.numPages} pages, ${chars} characters\n`);
  for (const w of warnings) process.stdout.write(`pdf.js warning: ${w}\n`);
  process.exit(warnings.length ? 1 : 0);
})().catch((e) => {
  process.stdout.write(`pdf.js error: ${e && e.message ? e.message : e}\n`);
  process.exit(2);
});
