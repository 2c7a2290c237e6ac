// "Mine kontaktoplysninger" in Chromium: a citizen signs in with the test IdP, sees the demo world's details, gets a
// message next to each wrong field, saves, and sees them again — in Danish and English, checked with axe, and the
// same form without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

// axe runs inside the page, so the run without JavaScript checks the behaviour only.
for (const c of [
  {
    locale: 'da',
    javaScript: true,
    heading: 'Mine kontaktoplysninger',
    save: 'Gem kontaktoplysninger',
    phone: 'Telefonnummer',
    saved: 'Dine kontaktoplysninger er gemt.',
  },
  {
    locale: 'en',
    javaScript: true,
    heading: 'My contact details',
    save: 'Save contact details',
    phone: 'Phone number',
    saved: 'Your contact details have been saved.',
  },
  {
    locale: 'da',
    javaScript: false,
    heading: 'Mine kontaktoplysninger',
    save: 'Gem kontaktoplysninger',
    phone: 'Telefonnummer',
    saved: 'Dine kontaktoplysninger er gemt.',
  },
]) {
  const checkAccessible = async (page: Page, what: string) => (c.javaScript ? expectAccessible(page, what) : undefined);
  test(`the citizen keeps their contact details (${c.locale}, JavaScript ${c.javaScript ? 'on' : 'off'})`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: c.javaScript });
    await context.addCookies([{ name: 'lang', value: c.locale, url: app.baseUrl }]);
    const page = await context.newPage();
    try {
      await signInAtTestIdp(page, `${app.baseUrl}/borger/kontakt`, /Mette Jensen/);
      await page.goto(`${app.baseUrl}/borger/kontakt`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), c.heading);
      assert.equal(await page.getByLabel('E-mail').or(page.getByLabel('Email')).inputValue(), 'mette.jensen@example.dk', 'the demo world’s details');
      await checkAccessible(page, `Mine kontaktoplysninger (${c.locale})`);

      await page.getByLabel(c.phone).fill('12 34');
      await page.getByRole('button', { name: c.save }).click();
      assert.equal(await page.locator('#field-phone-error').count(), 1);
      assert.equal(await page.getByLabel(c.phone).inputValue(), '12 34', 'what was typed is kept');
      await checkAccessible(page, `Mine kontaktoplysninger with an error (${c.locale})`);

      await page.getByLabel(c.phone).fill('+45 87 65 43 21');
      await page.getByRole('button', { name: c.save }).click();
      await page.waitForURL(/\/borger\/kontakt\?gemt=1$/);
      assert.equal((await page.getByRole('status').textContent())?.trim(), c.saved);
      assert.equal(await page.getByLabel(c.phone).inputValue(), '+45 87 65 43 21');
      await checkAccessible(page, `Mine kontaktoplysninger saved (${c.locale})`);
    } finally {
      await context.close();
    }
  });
}
