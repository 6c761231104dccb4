// nav.js FILE.pdf — prints a PDF's navigation as pdf.js reads it, for tests to compare:
//   outline LEVEL PAGE TITLE    one line per bookmark, depth first (pages 1-based)
//   link FROM TO                one line per internal link: its page and the page it goes to
// Exit 2 when the file cannot be opened.
'use strict';
const fs = require('fs');
const quiet = () => {};
console.log = quiet;
console.warn = quiet;
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');

(async () => {
  const data = new Uint8Array(fs.readFileSync(process.argv[2]));
  const doc = await pdfjs.getDocument({
    data, verbosity: pdfjs.VerbosityLevel.ERRORS, disableFontFace: true,
    useSystemFonts: false, isEvalSupported: false,
  }).promise;
  const out = [];
  const pageOf = async (dest) => {
    if (typeof dest === 'string') dest = await doc.getDestination(dest);
    if (!Array.isArray(dest)) return 0;
    return (await doc.getPageIndex(dest[0])) + 1;
  };
  const walk = async (items, level) => {
    for (const it of items || []) {
      out.push(`outline ${level} ${await pageOf(it.dest)} ${it.title}`);
      await walk(it.items, level + 1);
    }
  };
  await walk(await doc.getOutline(), 1);
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    for (const a of await page.getAnnotations()) {
      if (a.subtype === 'Link' && a.dest) out.push(`link ${i} ${await pageOf(a.dest)}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
})().catch((e) => {
  process.stderr.write(`pdf.js: ${e && e.message ? e.message : e}\n`);
  process.exit(2);
});
