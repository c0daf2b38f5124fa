// The budget page with a currency and a start date, in headless Chromium
// against the real aicostd, in a German browser: the article's $25,000 a day
// shown in euros at the catalogue's rate and in the browser's own number
// format, the rate's date named, the choice kept in the link, and the CSV
// download the API's own conversion (columns _eur) with calendar dates.
// Prints TAP. Usage: node currency_dates.mjs AICOSTD OUTDIR
// Skipped (exit 77) without Chromium or playwright-core, except under CI=true.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { done, fillArticle, loadChromium, ok, setField, settled, start } from './harness.mjs';

const [aicostd, outDir] = process.argv.slice(2);
const chromium = await loadChromium();
mkdirSync(outDir, { recursive: true });
const { base, context, stop } = await start(chromium, aicostd,
  { viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'de-DE' });

const text = (page, sel) => page.locator(sel).innerText();

try {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForFunction(() => document.querySelectorAll('#f-currency option').length > 1);
  await settled(page);

  const cat = await (await page.request.get(`${base}v1/catalogue`)).json();
  const offered = await page.$$eval('#f-currency option', (os) => os.map((o) => o.value));
  ok(offered[0] === 'USD' && offered.slice(1).join() === Object.keys(cat.fx).sort().join(),
    'the currencies offered are USD and the catalogue\'s rates', offered.join(','));

  // The article's case from 1 January 2027: 5,000,000 requests a day at
  // $0.005 is $25,000 a day, which repays its $3,000,000 training on day
  // 120 (3e6 / 25e3).
  await fillArticle(page);
  await setField(page, '#f-start', '2027-01-01');
  await page.waitForFunction(() => document.getElementById('k-crossover').textContent === 'day 120');
  await settled(page);
  const inDollars = await text(page, '#k-daily');
  ok(/25\.000/.test(inDollars) && inDollars.includes('$'),
    'in dollars, German number format: 25.000 $', inDollars);

  // Euros: the same answer times the catalogue's rate, written as a German
  // browser writes euros ("21.474 €"); the rate and its date are named.
  await page.selectOption('#f-currency', 'EUR');
  const perUsd = cat.fx.EUR.per_usd;
  const want = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(25000 * perUsd);
  await page.waitForFunction((w) => document.getElementById('k-daily').textContent === w, want);
  ok(true, `the article in euros: ${want} a day`);
  ok((await text(page, '#k-annual')).includes('€'), 'the yearly figure is in euros too', await text(page, '#k-annual'));
  const note = await text(page, '#f-currency-note');
  ok(note.includes(cat.fx.EUR.as_of), 'the rate\'s date is shown', note);
  // its age when older than stale_after_days before the catalogue's date
  // (the API's stale_fx; the default EUR rate's is 326 days)
  const age = Math.round((Date.parse(cat.date) - Date.parse(cat.fx.EUR.as_of)) / 864e5);
  ok(note.includes(`, ${age} days before the catalogue's date`) === (age > cat.defaults.stale_after_days),
    'the rate\'s age is shown when it is stale', note);
  ok(/"c":"EUR"/.test(decodeURIComponent(new URL(page.url()).hash)), 'the link keeps the currency');
  await page.waitForFunction(() => {
    const img = document.getElementById('chart');
    return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;
  });
  await page.screenshot({ path: join(outDir, 'budget-page-eur.png'), fullPage: true });

  // The CSV: converted by the API (its rule, its names) with calendar dates.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  ok(rows[0].startsWith('day,days,requests_per_day,daily_inference_eur,period_inference_eur,' +
    'cumulative_inference_eur,training_eur,cumulative_total_eur,date') && !rows[0].includes('_usd'),
    'the CSV\'s money columns say _eur', rows[0]);
  ok(rows[1].startsWith(`30,30,5000000,${Number((25000 * perUsd).toPrecision(15))},`) && rows[1].includes(',2027-01-30'),
    'the first month: the euro figure and its calendar date', rows[1]);

  // A link with the currency opens in it.
  const again = await context.newPage();
  await again.goto(page.url());
  await again.waitForFunction((w) => document.getElementById('k-daily').textContent === w, want);
  ok(await again.inputValue('#f-currency') === 'EUR', 'the link reopens in euros');
  await again.close();
  ok(errors.length === 0, 'no page errors', errors.join('\n'));
} catch (e) {
  ok(false, 'the currency and dates walk-through', e.stack);
} finally {
  await stop();
}
done();
