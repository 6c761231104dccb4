// browser.js URL PNG PDF — headless Chromium (Debian's) through briefc serve's pages, as a
// person would: open the list of briefs, follow the handout, set its year in the form, take
// a screenshot of the form page (PNG), press Preview, and save the PDF the form asked for
// (PDF) for the shell to read back with poppler. Prints one line per step; exits non-zero
// at the first that fails.
'use strict';
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [base, png, pdfOut] = process.argv.slice(2);
const step = (s) => console.log('ok: ' + s);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    timeout: 30000,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30000);
    const cspErrors = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
    await page.setViewport({ width: 1200, height: 900 });
    const index = await page.goto(base + '/', { waitUntil: 'load' });
    if (index.status() !== 200) throw new Error('GET / gave ' + index.status());
    step('the list of briefs opens');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                       page.click('a[href="/briefs/handout"]')]);
    if (!page.url().endsWith('/briefs/handout')) throw new Error('followed to ' + page.url());
    step('the handout link leads to its form');
    const label = await page.$eval('label[for="p-year"]', (e) => e.textContent);
    if (!/year/.test(label)) throw new Error('no label for year: ' + label);
    step('the year field has its label');
    // keyboard only: focus the field by its label, replace the value
    await page.click('label[for="p-year"]');
    await page.keyboard.down('Control'); await page.keyboard.press('KeyA'); await page.keyboard.up('Control');
    await page.keyboard.type('2015');
    const value = await page.$eval('#p-year', (e) => e.value);
    if (value !== '2015') throw new Error('the field holds ' + value);
    step('the form takes a year from the keyboard');
    const css = await page.$eval('button', (e) => getComputedStyle(e).backgroundColor);
    if (css !== 'rgb(11, 79, 138)') throw new Error('the stylesheet did not apply: ' + css);
    step('the stylesheet applies under the page\'s CSP');
    await page.screenshot({ path: png, fullPage: true });
    step('screenshot ' + png);
    const wanted = page.waitForRequest((r) => r.url().includes('/briefs/handout.pdf?year=2015'));
    await page.click('button[type="submit"]:not([name])');
    const req = await wanted;
    step('Preview asks for ' + req.url().replace(base, ''));
    // the frame's PDF, fetched again by this test (a PDF viewer's body is not readable here)
    const res = await fetch(req.url());
    if (res.status !== 200) throw new Error('the PDF gave ' + res.status);
    fs.writeFileSync(pdfOut, Buffer.from(await res.arrayBuffer()));
    step('the PDF is saved');
    // a year the brief refuses: the error shows in the preview frame, as a page
    await page.click('label[for="p-year"]');
    await page.keyboard.down('Control'); await page.keyboard.press('KeyA'); await page.keyboard.up('Control');
    await page.keyboard.type('1900');
    const frame = page.frames().find((f) => f.name() === 'preview');
    if (!frame) throw new Error('no preview frame');
    const shown = frame.waitForNavigation({ waitUntil: 'load' });
    await page.click('button[type="submit"]:not([name])');
    await shown;
    const text = await frame.evaluate(() => document.body ? document.body.innerText : '');
    if (!/handout\/brief\.lua:12: error: no CRS figures for FY1900/.test(text))
      throw new Error('the preview shows: ' + text.slice(0, 300));
    step('a refused year shows its file:line error in the preview');
    if (cspErrors.length) throw new Error('CSP refused: ' + cspErrors.join('; '));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error('FAIL: ' + e.message); process.exit(1); });
