// What every browser test shares: Debian's Chromium, and axe checking a page against WCAG 2.1 AA.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Chromium from Debian (`apt-get install -y chromium`; CHROMIUM_PATH overrides), headless and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fails with every WCAG 2.1 AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();
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
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/test-idp'));
}
