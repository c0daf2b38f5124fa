// What the browser tests share: TAP output, the skip-or-fail rule for a
// missing Chromium or playwright-core (exit 77; a failure under CI=true),
// the real aicostd on a free port, and headless Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
const inCI = process.env.CI === 'true';

let n = 0;
let failed = 0;
export function ok(cond, what, detail) {
  n += 1;
  if (!cond) failed += 1;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond && detail !== undefined) console.log(`  # ${String(detail).replace(/\n/g, '\n  # ')}`);
}
// The plan line and the exit status; call last.
export function done() {
  console.log(`1..${n}`);
  process.exit(failed === 0 ? 0 : 1);
}

function skipOrFail(why) {
  if (inCI) {
    console.log('1..1');
    console.log(`not ok 1 - ${why} (required in CI)`);
    process.exit(1);
  }
  console.log(`1..0 # SKIP ${why}`);
  process.exit(77);
}

// playwright-core's chromium, or a skip (a failure in CI).
export async function loadChromium() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    skipOrFail('playwright-core is not installed (cd tests && npm ci)');
  }
  if (!existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} is missing (apt-get install chromium)`);
  return chromium;
}

// A scratch directory, the real server on a free port in it (it writes the
// port once it listens), and Chromium with a profile there. `stop()` undoes
// all three.
export async function start(chromium, aicostd, contextOptions = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'aicost-browser-'));
  const portFile = join(scratch, 'port');
  const server = spawn(aicostd, ['--listen', '127.0.0.1:0', '--port-file', portFile, '--access-log', 'off'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  server.stderr.on('data', (d) => { serverLog += d; });
  let port = 0;
  for (let i = 0; i < 100 && !port; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (existsSync(portFile)) port = Number(readFileSync(portFile, 'utf8').trim());
  }
  if (!port) {
    console.log('1..1');
    console.log('not ok 1 - aicostd did not start');
    console.log(`  # ${serverLog}`);
    server.kill('SIGTERM');
    process.exit(1);
  }
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...contextOptions,
  });
  context.setDefaultTimeout(15000);
  const stop = async () => {
    await context.close();
    server.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  };
  return { base: `http://127.0.0.1:${port}/`, context, stop };
}

// The budget page: waits until it has answered the current form (the status
// line says so), and types into a field (a pause lets the form react).
export async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('status').textContent;
    return s === 'Up to date.' || /problem|Fix the marked/.test(s);
  });
}
export async function setField(page, sel, value) {
  await page.fill(sel, String(value));
  await page.waitForTimeout(50);
}
// The seed article's support bot typed into the form: $3,000,000 of
// training, half a cent a request, five million requests a day, no growth.
export async function fillArticle(page) {
  await setField(page, '#f-name', 'Support bot');
  await page.check('input[name=t-mode][value=lump]');
  await setField(page, '#t-cost', '3,000,000');
  await page.check('input[name=i-mode][value=fixed]');
  await setField(page, '#i-cost', '0.005');
  await setField(page, '#r-rpd', '5000000');
  await setField(page, '#r-growth', '0');
}
