// What every browser test shares: Debian's Chromium, and axe checking a page against WCAG 2.1 AA.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after } from 'node:test';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startApp, type AppProcess } from './server.ts';

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core's minified build: the same axe, less than half the text to send over the DevTools protocol for each check.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Chromium from Debian (`apt-get install -y chromium`; CHROMIUM_PATH overrides), headless and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The app as `npm start` runs it (jobs off unless `env` says otherwise), on a database of its own, and Chromium: both
 * started now — call it at the file's top level — and stopped after the file's tests. `env` adds to the app's
 * environment. SHOW_APP_OUTPUT=1 prints what the app wrote, after the tests.
 */
export async function appInChromium(env: Record<string, string> = {}): Promise<{ app: AppProcess; browser: Browser; database: TestDatabase }> {
  // The app seeds the demo world at start-up (unless SEED_DEMO=false); a copy of the seeded template leaves it less to do.
  // Chromium starts while the app does (a second each, side by side); the one that started is stopped if the other fails.
  const [appStarted, browserStarted] = await Promise.allSettled([
    createTestDatabase({ seeded: env.SEED_DEMO !== 'false' }).then((database) =>
      startApp({ DATABASE_URL: database.url, JOBS_ENABLED: 'false', ...env }).then((app) => ({ app, database })),
    ),
    chromiumForFile(),
  ]);
  if (appStarted.status === 'fulfilled') {
    const { app } = appStarted.value;
    after(async () => {
      await app.stop();
      if (process.env.SHOW_APP_OUTPUT) process.stderr.write(app.output());
    });
  }
  if (appStarted.status === 'rejected') throw appStarted.reason;
  if (browserStarted.status === 'rejected') throw browserStarted.reason;
  return { ...appStarted.value, browser: browserStarted.value };
}

/**
 * Chromium for one test file, launched now — call it at the file's top level — and closed after the file's tests.
 * appInChromium uses it; a file whose app runs in its own process (createTestApp with `listen`) uses it directly.
 */
export async function chromiumForFile(): Promise<Browser> {
  const browser = await launchChromium();
  after(() => browser.close());
  return browser;
}

const devtoolsSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Puts axe into the page's document, unless it is there already (a second check of the same document, after a form
 * showed its errors). Through a DevTools session of the page's own (`Runtime.evaluate`): for a script of 550 kB that
 * took 135 ms where `page.evaluate`, which hands the script to a function of its own as an argument to evaluate, took
 * 225 ms (measured on the CI machine).
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in globalThis)) return;
  let session = devtoolsSessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    devtoolsSessions.set(page, session);
  }
  const { exceptionDetails } = await (await session).send('Runtime.evaluate', { expression: axeSource });
  if (exceptionDetails) throw new Error(`axe could not be put into the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
}

/** Fails with every WCAG 2.1 AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // axe runs in this page's document only (frames would need axe injected into each and the results combined): the
  // platform's pages have none, and the assertion keeps it so — a page with a frame fails here instead of going partly
  // unchecked.
  assert.deepEqual(
    page
      .frames()
      .slice(1)
      .map((frame) => frame.url()),
    [],
    `${what} has a frame, which axe's single-page mode would not check`,
  );
  // axe goes into the page and runs there, asked for violations only: passes and incomplete results are neither
  // serialized nor sent back (axe's `resultTypes`), which was a quarter of a check's time. The tags are WCAG 2.1 AA's.
  await injectAxe(page);
  const options: RunOptions = { runOnly: { type: 'tag', values: wcag21aa }, resultTypes: ['violations'] };
  const results = await page.evaluate(
    (runOptions) => (globalThis as unknown as { axe: { run(options: RunOptions): Promise<AxeResults> } }).axe.run(runOptions),
    options,
  );
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `${what} has WCAG 2.1 AA violations`);
}

/**
 * Opens `url`, which sends the browser to the test IdP (staff choose their municipality first), signs in as the
 * person and waits until the browser is back in the app.
 */
export async function signInAtTestIdp(page: Page, url: string, person: RegExp, municipality?: string): Promise<void> {
  await page.goto(url);
  if (municipality) {
    await page.locator('#kommune').selectOption(municipality);
    await page.locator('main form button[type="submit"]').click();
  }
  assert.match(page.url(), /\/test-idp-login\//);
  await page.getByLabel(person).check();
  // The test IdP speaks the platform's language: "Log ind" or "Sign in".
  await page.getByRole('button', { name: /^(Log ind|Sign in)$/ }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/test-idp'));
}
