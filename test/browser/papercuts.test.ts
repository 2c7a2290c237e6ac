// Issue 12's papercuts in Chromium, each page checked with axe (WCAG 2.1 AA): Back after accepting a consent screen
// explains instead of "page not found"; a 4 MB logo gives the branding form back with the message and what was
// typed; the error summary names each field it lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { REFERENCE_LISTING_ID } from '../../src/modules/reference-vendor/index.ts';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';
import { png } from '../support/png.ts';
import { freePort } from '../support/server.ts';

const vendorPort = await freePort();
const vendorUrl = `http://127.0.0.1:${vendorPort}`;
const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000', REFERENCE_VENDOR_PORT: String(vendorPort) });

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

test('Back after accepting the consent screen explains that the answer is given and offers the way on', async () => {
  // The app started the reference vendor beside itself; wait until it answers.
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${vendorUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/borger/markedsplads/${REFERENCE_LISTING_ID}`, /Mette Jensen/);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Acceptér', exact: true }).waitFor({ timeout: 15_000 });
    const consentUrl = page.url();
    assert.match(consentUrl, /\/oidc-interaktion\//);
    await page.getByRole('button', { name: 'Acceptér', exact: true }).click();
    await page.waitForURL(`${vendorUrl}/`);

    // Back (the browser asks the server again: the interaction is used up).
    await page.goto(consentUrl);
    assert.equal(await h1(page), 'Du har allerede givet svar');
    assert.doesNotMatch(await main(page), /Siden findes ikke/);
    await expectAccessible(page, 'the consent screen after it was answered');
    await page.getByRole('link', { name: 'Gå til Mine samtykker' }).click();
    assert.equal(await h1(page), 'Mine samtykker');
  } finally {
    await context.close();
  }
});

/** A browser signed in as København's content owner (Peter Holm) at the test IdP, on the branding page. */
async function contentOwnerOnBranding(): Promise<{ close: () => Promise<void>; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/kommune/branding`);
  await page.getByLabel('Kommune').selectOption('101');
  await page.getByRole('button', { name: 'Fortsæt til login' }).click();
  await page.getByLabel(/Peter Holm/).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${app.baseUrl}/kommune/branding`);
  return { close: () => context.close(), page };
}

test('a 4 MB logo gives the branding form back with "højst 200 kB" at the logo, what was typed, and a summary naming the field', async () => {
  const { page, close } = await contentOwnerOnBranding();
  try {
    await page.getByLabel('Visningsnavn').fill('Jobcenter København (papercut)');
    await page.getByLabel('Alternativ tekst til logoet', { exact: false }).fill('Københavns byvåben');
    await page.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: png({ padTo: 4 * 1024 * 1024 }) });
    await page.getByRole('button', { name: 'Gem branding' }).click();
    await page.locator('#error-summary').waitFor();
    assert.match((await page.locator('#field-logo-error').textContent()) ?? '', /Logoet må højst fylde 200 kB\./);
    assert.equal(await page.getByLabel('Visningsnavn').inputValue(), 'Jobcenter København (papercut)');
    assert.equal(await page.getByLabel('Alternativ tekst til logoet', { exact: false }).inputValue(), 'Københavns byvåben');
    const summary = (await page.locator('#error-summary li').allTextContents()).map((s) => s.trim());
    assert.ok(summary.includes('Logo: Logoet må højst fylde 200 kB.'), summary.join(' | '));
    await expectAccessible(page, 'the branding form after a 4 MB upload');
  } finally {
    await close();
  }
});

test('an empty licence form: every summary entry names its field and leads to it', async () => {
  const { page, close } = await contentOwnerOnBranding();
  try {
    await page.goto(`${app.baseUrl}/kommune/licenser`);
    await page.getByRole('button', { name: 'Registrér licensen' }).click();
    await page.locator('#error-summary').waitFor();
    const entries = (await page.locator('#error-summary li').allTextContents()).map((s) => s.trim());
    assert.ok(entries.length >= 3, entries.join(' | '));
    for (const entry of entries) assert.match(entry, /^[^:]+: \S/, `"${entry}" names its field`);
    assert.ok(
      entries.some((e) => e.startsWith('Antal pladser: ')),
      entries.join(' | '),
    );
    await page.locator('#error-summary a', { hasText: 'Antal pladser' }).click();
    assert.match(page.url(), /#field-seats$/);
    await expectAccessible(page, 'the licence form with errors');
  } finally {
    await close();
  }
});
