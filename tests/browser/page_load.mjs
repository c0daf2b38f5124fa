// The budget page as served is one self-contained document assembled from
// its parts (src/tools/page.py): loading it logs no console error (a
// Content-Security-Policy violation included, which Chromium logs as one),
// fetches nothing from another origin, runs every part (the one global
// `aicost` holds every file's module) and leaves no global but `aicost`.
// Prints TAP. Usage: node page_load.mjs AICOSTD
// Without Chromium or playwright-core the test is skipped (exit 77), except
// in CI (CI=true), where a missing tool is a failure.
import { done, loadChromium, ok, start } from './harness.mjs';

const [aicostd] = process.argv.slice(2);
const chromium = await loadChromium();
const { base, context, stop } = await start(chromium, aicostd, { viewport: { width: 1280, height: 900 } });

try {
  // The window's own names on an empty page of the same origin (a secure
  // context has more), to subtract: served by Playwright, not by aicostd.
  const blank = await context.newPage();
  await blank.route(`${base}blank`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>b</title>' }));
  await blank.goto(`${base}blank`);
  const builtins = new Set(await blank.evaluate(() => Object.getOwnPropertyNames(window)));
  await blank.close();

  const page = await context.newPage();
  const errors = [];
  const elsewhere = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !/^(blob|data):/.test(u)) elsewhere.push(u);
  });
  const resp = await page.goto(base);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Up to date.');
  await page.waitForFunction(() => {
    const img = document.getElementById('chart');
    return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;
  });
  ok(resp.status() === 200, 'GET / is 200', resp.status());
  ok(errors.length === 0, 'no console error on load', errors.join('\n'));
  ok(elsewhere.length === 0, 'nothing is fetched from another origin', elsewhere.join('\n'));

  const html = await resp.text();
  ok(!/<script[^>]+src=|<link[^>]+stylesheet/i.test(html), 'styles and scripts are inline');
  ok(!html.includes('<!-- page:'), 'no assembly marker is left');

  // Every module the start-up relies on registered itself.
  const modules = await page.evaluate(() => ['format', 'api', 'problems', 'form', 'pickers', 'answer', 'link']
    .filter((m) => !window.aicost || !window.aicost[m]));
  ok(modules.length === 0, 'every part ran and registered itself', modules.join(', '));
  const globals = await page.evaluate(() => Object.getOwnPropertyNames(window));
  const extra = globals.filter((g) => !builtins.has(g));
  ok(extra.length === 1 && extra[0] === 'aicost', 'the one global is aicost', extra.join(', '));
} catch (e) {
  ok(false, 'the load test ran to the end', e.stack || e);
} finally {
  await stop();
}
done();
