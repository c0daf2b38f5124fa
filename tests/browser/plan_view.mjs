// The "Find the cheapest set-up" card of the budget page in headless
// Chromium against the real aicostd: the article's model and traffic under
// a TTFT of 500 ms and 30 ms a token give a cheapest set-up, a Pareto table
// and chart, API break-evens; "Use this set-up" writes its knobs into the
// plan, whose own projection then meets the target; "Add this search to the
// comparison" adds the request as a plan option; an SLO nothing meets
// names the nearest miss; a bad value is reported, not sent.
// Prints TAP. Usage: node plan_view.mjs AICOSTD OUTDIR
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
  await page.waitForFunction(() => {
    const s = document.getElementById('status').textContent;
    return s === 'Up to date.' || /problem|Fix the marked/.test(s);
  });
}
async function searched(page) {
  await page.waitForFunction(() => !document.getElementById('pl-go').disabled &&
    (!document.getElementById('pl-answer').hidden || !document.getElementById('pl-err').hidden));
}

try {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 422/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(base);
  await page.waitForFunction(() => document.querySelectorAll('#f-model option').length > 0);
  await settled(page);

  const unlabelled = await page.$$eval('#pl-form input, #pl-form select',
    (els) => els.filter((e) => e.labels.length === 0 && !e.closest('label')).map((e) => e.id));
  ok(unlabelled.length === 0, 'every input of the card is labelled', unlabelled.join(', '));

  // The article's Llama 3.1 70B at 5,000,000 requests a day of 800 + 300 tokens.
  await page.click('#pl-go');
  await searched(page);
  const best = await text(page, '#pl-best');
  ok(/^Cheapest: llama-3\.1-70b on \d+ × [a-z0-9-]+ at [a-z0-9]+, batch [\d,]+/.test(best), 'the cheapest set-up is named', best);
  ok(/\$[\d,]+ a day for [\d,]+ GPUs/.test(best), 'with its daily cost and GPUs', best);
  const rows = await page.$$eval('#pl-pareto tbody tr', (rs) => rs.length);
  ok(rows >= 1 && rows <= 20, 'the Pareto table has 1 to 20 rows', rows);
  const firstRowBest = await page.$eval('#pl-pareto tbody tr', (r) => r.className);
  ok(firstRowBest === 'best', 'the cheapest row is marked');
  await page.waitForFunction(() => {
    const img = document.getElementById('pl-chart');
    return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;
  });
  ok(true, 'the Pareto chart (the API\'s SVG) is shown');
  // eight: the card lists the cheapest eight of the catalogue's priced APIs
  // (js/plan.js renderApis); the default catalogue prices hundreds
  const apis = await page.$$eval('#pl-api-list li', (ls) => ls.map((l) => l.textContent));
  ok(apis.length === 8 && apis.every((a) => /: \$.* a day; self-hosting (is cheaper above [\d,]+ requests a day|is never cheaper)$/.test(a)),
    'eight APIs with their break-even', apis.join('\n'));
  await page.screenshot({ path: join(outDir, 'plan-view.png'), fullPage: true });

  // "Use this set-up": the plan now self-hosts on those knobs, and its own
  // projection meets the target.
  await page.click('#pl-use');
  await settled(page);
  const serving = await text(page, '#serving');
  const ttft = Number((/First token at planned load\s*([\d,.]+) ms/.exec(serving) || [])[1]?.replace(/,/g, ''));
  const tpot = Number((/Per output token at planned load\s*([\d,.]+) ms/.exec(serving) || [])[1]?.replace(/,/g, ''));
  ok(await page.$eval('input[name=i-mode][value=self]', (e) => e.checked), 'the plan self-hosts');
  ok(await page.inputValue('#i-sh-width') !== '' && await page.inputValue('#i-sh-batch') !== '',
    'with the set-up\'s width and batch');
  ok(/\$[\d,]+/.test(await text(page, '#k-daily')), 'the plan shows its daily cost', await text(page, '#k-daily'));
  ok(Number.isFinite(ttft) && ttft <= 500 && Number.isFinite(tpot) && tpot <= 30,
    'the plan\'s own TTFT and TPOT meet 500 ms and 30 ms', serving);

  // "Add this search to the comparison", next to the plan itself: the
  // server plans again over the comparison's horizon and the option says
  // what it chose.
  await page.click('#add');
  await page.click('#pl-add');
  await page.waitForFunction(() => document.querySelectorAll('#cmp-table tbody tr').length > 0 ||
    !document.getElementById('cmp-err').hidden);
  ok(await page.$eval('#cmp-err', (e) => e.hidden), 'the comparison with a plan option is answered',
    await text(page, '#cmp-err'));
  const planned = await page.$$eval('#cmp-table thead .planned', (s) => s.map((e) => e.textContent));
  ok(planned.length === 1 && /^planned: \d+ × [a-z0-9-]+ at [a-z0-9]+/.test(planned[0]),
    'the plan option names the set-up chosen', planned.join(' | '));
  const heads = await page.$$eval('#cmp-table thead th', (ths) => ths.map((t) => t.textContent));
  ok(heads.length === 3 && /Cheapest set-up/.test(heads[2]) && !/Edit/.test(heads[2]) && /Edit/.test(heads[1]),
    'a plan option can be removed, not edited', heads.join(' | '));

  // An SLO nothing meets: the nearest miss.
  await page.fill('#pl-ttft', '');
  await page.fill('#pl-tpot', '0.1');
  await page.click('#pl-go');
  await searched(page);
  ok(/^Nothing meets the target\. Nearest miss: .*the SLO asks 0\.1/.test(await text(page, '#pl-best')),
    'an SLO nothing meets names the nearest miss', await text(page, '#pl-best'));
  ok(await page.$eval('#pl-use', (b) => b.disabled), 'nothing to use then');
  ok(await page.$eval('#pl-add', (b) => b.disabled), 'nor to add to the comparison');

  // A word where a number goes is reported by the card.
  await page.fill('#pl-tpot', 'fast');
  await page.click('#pl-go');
  await page.waitForFunction(() => !document.getElementById('pl-err').hidden);
  ok(/above 0/.test(await text(page, '#pl-err')), 'a bad value is reported', await text(page, '#pl-err'));

  ok(consoleErrors.length === 0, 'no JavaScript errors', consoleErrors.join('\n'));
} catch (e) {
  ok(false, 'the plan view test ran to the end', e.stack || e);
} finally {
  await stop();
}
done();
