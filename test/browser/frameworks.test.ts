import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appInChromium, expectAccessible } from '../support/browser.ts';
import { createSession, principalFor } from '../support/factories.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true' });

/** A browser signed in as the principal, reading the given language (axe needs JavaScript; the forms do not). */
async function signedIn(principal: ReturnType<typeof principalFor>, locale: 'da' | 'en') {
  const token = await createSession(database.db, principal);
  const context = await browser.newContext();
  await context.addCookies([
    { name: 'lang', value: locale, url: app.baseUrl },
    { name: 'jobunivers-session', value: token, url: app.baseUrl },
  ]);
  return { context, page: await context.newPage() };
}

test('a vendor administrator answers and submits the declaration; every state is accessible', async () => {
  const { context, page } = await signedIn({ ...principalFor('vendor_admin'), vendor: { cvr: '39000032', name: 'Sprogbroen ApS (test)' } }, 'da');
  try {
    await page.goto(`${app.baseUrl}/leverandoer/rammeaftale`);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Rammeaftale');
    await expectAccessible(page, 'the empty declaration');

    await page.getByRole('button', { name: 'Indsend erklæring' }).click();
    assert.match((await page.locator('#error-summary').textContent()) ?? '', /Besvar kravet/);
    await expectAccessible(page, 'the declaration with errors');

    for (const key of ['gdpr_dpa', 'data_in_eu', 'single_sign_on', 'activity_events', 'data_deletion']) await page.check(`#field-answers-${key}-yes`);
    await page.check('#field-answers-nsis_level-High');
    await page.fill('#field-answers-accessibility_statement', 'https://sprogbroen.example/tilgaengelighed');
    await page.fill('#field-answers-security_contact', 'sikkerhed@sprogbroen.example');
    await page.fill('#field-answers-support_contact', 'https://sprogbroen.example/hjaelp');
    await page.getByRole('button', { name: 'Indsend erklæring' }).click();
    assert.match(page.url(), /\?gemt=indsendt$/);
    assert.match((await page.locator('main').textContent()) ?? '', /Erklæringen er indsendt/);
    await expectAccessible(page, 'the submitted declaration');
  } finally {
    await context.close();
  }
});

for (const locale of ['da', 'en'] as const) {
  test(`governance pages for framework agreements are accessible (${locale})`, async () => {
    const { context, page } = await signedIn(principalFor('governance_admin'), locale);
    try {
      await page.goto(`${app.baseUrl}/faellesskab/rammeaftaler`);
      await expectAccessible(page, 'the list of framework agreements');
      const draftButton = page.locator('form[action$="/ny-version"] button');
      if ((await draftButton.count()) > 0) await draftButton.click();
      else await page.locator('table a').first().click();
      assert.match((await page.locator('h1').textContent()) ?? '', /(version|Version) 2/);
      await expectAccessible(page, 'a draft version');
      await page.locator('a[href*="rediger=gdpr_dpa"]').click();
      await expectAccessible(page, 'a draft version with the edit form');
    } finally {
      await context.close();
    }
  });
}
