// The header budget with a real browser's headers (issue 12, finding 8):
// with a 7.5 KB single sign-on cookie the budget page failed, because the
// connection's memory held about 8 KB of headers, not the 16 KiB documented.
// Headless Chromium with an SSO-style cookie of 12 KB (three 4 KB chunks, as
// SSO proxies split them) loads the page and the page's API calls succeed;
// with 16 KB (four chunks) plus Chromium's own headers the request is over
// the 16,384-byte budget and the answer is the server's 431 problem, not
// the library's HTML or an empty reply.
// Prints TAP. Usage: node header_budget.mjs AICOSTD
// Without Chromium or playwright-core the test is skipped (exit 77), except
// in CI (CI=true), where a missing tool is a failure.
import { done, loadChromium, ok, start } from './harness.mjs';

const [aicostd] = process.argv.slice(2);
const chromium = await loadChromium();
const { base, context, stop } = await start(chromium, aicostd);

// An SSO proxy's session split into 4 KB chunks (a browser keeps at most
// 4,096 bytes per cookie): AUTH_0, AUTH_1, ...
function ssoCookies(chunks) {
  const cookies = [];
  for (let i = 0; i < chunks; i++) {
    cookies.push({ name: `AUTH_${i}`, value: 'x'.repeat(4000), domain: '127.0.0.1', path: '/' });
  }
  return cookies;
}

try {
  await context.addCookies(ssoCookies(3));
  const page = await context.newPage();
  const answers = [];
  page.on('response', (r) => answers.push(`${r.status()} ${new URL(r.url()).pathname}`));
  const res = await page.goto(base);
  const cookieBytes = await page.evaluate(() => document.cookie.length);
  ok(res.status() === 200, `the budget page loads with a ${cookieBytes}-byte SSO cookie`, res.status());
  // The page computes the article's case from the API as soon as it loads.
  const daily = await page.waitForFunction(() => document.getElementById('k-daily').textContent.includes('$'))
    .then(() => page.locator('#k-daily').innerText(), (e) => `never shown: ${e.message}`);
  ok(/^\$/.test(daily), 'the page\'s own API calls succeed with it (a daily figure is shown)', daily);
  ok(answers.every((a) => /^(200|304) /.test(a)), 'every request of the page got 200 or 304',
    answers.join(', '));
  const api = await page.evaluate(async () => {
    const r = await fetch('/v1/catalogue/gpus/h100-sxm');
    return `${r.status} ${r.headers.get('content-type')}`;
  });
  ok(api.startsWith('200 application/json'), 'a fetch from the page carries the cookie and is served', api);

  // Four chunks: over the budget with Chromium's own headers.
  await context.addCookies(ssoCookies(4));
  const over = await page.evaluate(async () => {
    const r = await fetch('/healthz');
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text(),
      cookie: document.cookie.length };
  });
  ok(over.status === 431 && over.type === 'application/problem+json'
     && JSON.parse(over.body).type === 'urn:aicost:problem:headers-too-large',
  `with a ${over.cookie}-byte cookie the answer is the server's 431 problem`, JSON.stringify(over));
  await page.close();
} catch (e) {
  ok(false, 'the header budget test ran to the end', e.stack || e);
} finally {
  await stop();
}
done();
