// The budget page's energy and CO2e (issue 17) in headless Chromium against
// the real aicostd: the card shows training's and serving's energy; without
// a site serving's emissions say "unknown", never 0, and the warning names
// the site field; picking a site gives tonnes; the toggle charts cumulative
// emissions instead of dollars (and back); a carbon price adds its line; the
// comparison gives each option's energy over the horizon.
// Prints TAP. Usage: node energy_page.mjs AICOSTD OUTDIR
// Without Chromium or playwright-core the test is skipped (exit 77), except
// in CI (CI=true), where a missing tool is a failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { done, loadChromium, ok, start } from './harness.mjs';

const [aicostd, outDir] = process.argv.slice(2);
const chromium = await loadChromium();
mkdirSync(outDir, { recursive: true });
const { base, context, stop } = await start(chromium, aicostd, { viewport: { width: 1280, height: 900 } });

const text = (page, sel) => page.locator(sel).innerText();
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Up to date.');
}
// The answer's energy facts as { name: value }.
const facts = (page) => page.$$eval('#energy dt', (dts) =>
  Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));

try {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForFunction(() => document.querySelectorAll('#e-t-site option').length > 1);
  await settled(page);

  // Self-hosted serving on a fixed fleet of 8 H100s from no particular provider.
  await page.check('input[name=i-mode][value=self]');
  await page.fill('#i-sh-gpus', '8');
  await page.waitForFunction(() => /Serving a day/.test(document.getElementById('energy').textContent));
  await settled(page);
  let f = await facts(page);
  ok(/kWh|MWh|GWh/.test(f['Training'] || ''), 'the card gives training\'s energy', f['Training']);
  ok(/kWh|MWh/.test(f['Serving a day'] || ''), 'the card gives serving\'s energy a day', f['Serving a day']);
  ok(/Wh$/.test(f['Per request'] || ''), 'and per request', f['Per request']);

  // A site for each side gives tonnes; the site is named in the facts.
  await page.selectOption('#e-t-site', 'fr');
  await page.selectOption('#e-s-site', 'us');
  await page.waitForFunction(() => /United States|us, PUE/.test(document.getElementById('energy').textContent));
  await settled(page);
  f = await facts(page);
  ok(/t CO2e|kg CO2e/.test(f['Serving a day'] || ''), 'a site gives serving\'s emissions', f['Serving a day']);
  // PUE 1.58 and 56 g/kWh: the catalogue's `fr` site (config/catalogue.yaml, sites)
  ok(/^fr, PUE 1\.58, 56 g\/kWh/.test(f['Training runs at'] || ''), 'training runs at the site picked', f['Training runs at']);
  ok(!/unknown/.test(f['Over 365 days'] || 'unknown'), 'the horizon\'s emissions are known', f['Over 365 days']);
  // the default plan's training rests on the MFU prior: its emissions have a band
  ok(/\(p10–p90: .+ – .+\)$/.test(f['Over 365 days'] || ''), 'the horizon\'s emissions carry their p10-p90 band', f['Over 365 days']);

  // The toggle: the emissions chart replaces the dollars chart, and back.
  await page.check('#e-toggle');
  await page.waitForSelector('#e-chart svg rect.bar-serving');
  ok(await page.isHidden('#chart') && await page.isVisible('#e-chart svg'), 'the toggle charts emissions instead of dollars');
  const title = await page.$eval('#e-chart svg title', (t) => t.textContent);
  ok(/^Training .* once; serving's cumulative emissions reach .* after 365 days$/.test(title), 'the emissions chart says what it shows', title);
  await page.locator('#results').screenshot({ path: join(outDir, 'budget-page-emissions.png') });
  await page.uncheck('#e-toggle');
  ok(await page.isVisible('#chart') && await page.isHidden('#e-chart'), 'and back to dollars');

  // A carbon price adds its money line.
  await page.fill('#e-carbon', '100');
  await page.waitForFunction(() => /Carbon at \$100\/t/.test(document.getElementById('energy').textContent));
  ok(true, 'a carbon price adds the carbon line');
  await page.fill('#e-carbon', '');

  // The comparison (POST v1/comparisons: each option a projection with its
  // energy block) has an energy row: training's and serving's over the
  // horizon, and a dash, never 0, for a vendor API, which runs on no GPUs of
  // ours (its total energy is unknown).
  await settled(page);
  await page.click('#add');
  await page.check('input[name=i-mode][value=api]');
  await settled(page);
  await page.click('#add');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#cmp-table tbody tr'))
    .some((tr) => tr.cells[0].textContent === 'Energy over the horizon'));
  const energyRow = await page.$$eval('#cmp-table tbody tr', (trs) => {
    const row = trs.find((tr) => tr.cells[0].textContent === 'Energy over the horizon');
    return row ? Array.from(row.cells).slice(1).map((c) => c.textContent) : [];
  });
  ok(energyRow.length === 2 && /^[\d.,]+ (kWh|MWh|GWh) · [\d.,]+ (kg|t) CO2e$/.test(energyRow[0]),
    'the comparison gives the self-hosted option\'s energy and emissions over the horizon', energyRow.join(' | '));
  ok(energyRow[1] === '–', 'and a dash for the vendor API\'s, not 0', energyRow.join(' | '));
  await page.click('#cmp-clear');
  await page.check('input[name=i-mode][value=self]');
  await page.waitForFunction(() => /Serving a day/.test(document.getElementById('energy').textContent));

  // Without a site of its own, serving takes the site of its offer's
  // provider region; owned GPUs have no offer, so no site: emissions are
  // unknown, not 0, and the warning is shown by the site field it names.
  await page.selectOption('#e-s-site', '');
  await page.waitForFunction(() => /the offer's region/.test(document.getElementById('energy').textContent));
  ok(true, 'no site picked: the offer\'s provider region gives one');
  await page.selectOption('#i-sh-pricing', 'owned');
  await page.waitForFunction(() => /unknown/.test(document.getElementById('energy').textContent));
  await settled(page);
  f = await facts(page);
  ok(/unknown/.test(f['Serving a day'] || '') && !/ 0 t/.test(f['Serving a day'] || ''), 'no site: emissions unknown, not 0', f['Serving a day']);
  const warn = await page.$eval('#e-s-site', (el) => el.closest('.field').textContent + document.getElementById('warnings').textContent);
  ok(/emissions are null/.test(warn), 'the warning names the serving site', warn);
  await page.check('#e-toggle');
  await page.waitForSelector('#e-chart p');
  ok(/Emissions are unknown/.test(await text(page, '#e-chart')), 'the emissions chart says why it cannot draw');
  ok(errors.length === 0, 'no JavaScript errors', errors.join('\n'));
} finally {
  await stop();
}
done();
