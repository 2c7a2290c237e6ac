// An a-kasse's caseworker in Chromium, in Danish and English, each page checked with axe (WCAG 2.1 AA): from the start
// page to "Mine borgere", a citizen the a-kasse helps now opened with a purpose, and on the other tab a citizen it
// helped before, read-only. The caseworker's session is made by the factories (as a sign-in would leave it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createOrganisation, createSession, handOverCitizen, principalFor } from '../support/factories.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser = await chromiumForFile();

const akasse = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Nord (test)' });
const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: '101' });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

for (const locale of ['da', 'en'] as const) {
  test(`an a-kasse caseworker: Mine borgere, a citizen's page, an earlier citizen read-only — every page accessible (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const now = await createCitizen(db, { municipalityCode: '101', name: `Nanna Nu ${locale}` });
    await handOverCitizen(db, { id: now.id, municipalityCode: '101' }, akasse.id, '2026-01-05');
    await db
      .insertInto('escalation')
      .values({ citizen_id: now.id, municipality_code: '101', reasons: ['wants_contact'], contact_by: '2030-01-07' })
      .execute();
    const before = await createCitizen(db, { municipalityCode: '101', name: `Tage Tidligere ${locale}` });
    await handOverCitizen(db, { id: before.id, municipalityCode: '101' }, akasse.id, '2025-08-01');
    await handOverCitizen(db, { id: before.id, municipalityCode: '101' }, kommune.id, '2025-11-01');

    const token = await createSession(db, { ...principalFor('caseworker', { organisation: akasse, nsisLevel: 'Substantial' }), name: 'Bente Aagaard' });
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'lang', value: locale, url: baseUrl },
      { name: 'jobunivers-session', value: token, url: baseUrl },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/medarbejder`);
      await expectAccessible(page, `the start page (${locale})`);
      await page.getByRole('link', { name: t('Mine borgere', 'My citizens'), exact: true }).click();
      assert.equal(await h1(page), t('Mine borgere', 'My citizens'));
      await page.getByRole('link', { name: t('Hele teamet', 'The whole team'), exact: true }).click();
      assert.match(await main(page), new RegExp(`Nanna Nu ${locale}`));
      assert.doesNotMatch(await main(page), /Tage Tidligere/);
      await expectAccessible(page, `Mine borgere (${locale})`);

      await page.getByRole('link', { name: `Nanna Nu ${locale}` }).click();
      await expectAccessible(page, `the purpose form (${locale})`);
      await page.getByLabel(t('Forberede eller holde en samtale', 'Preparing or holding a meeting')).check();
      await page.getByRole('button', { name: t('Åbn borgeren', 'Open the citizen') }).click();
      assert.equal(await h1(page), `Nanna Nu ${locale}`);
      assert.match(await main(page), t(/Anbefal eller tildel/, /Recommend or assign/));
      await expectAccessible(page, `the citizen's page (${locale})`);

      await page.goto(`${baseUrl}/medarbejder/borgere`);
      await page.getByRole('link', { name: t('Tidligere', 'Before'), exact: true }).click();
      assert.match(await main(page), new RegExp(`Tage Tidligere ${locale}`));
      await expectAccessible(page, `Mine borgere, earlier (${locale})`);
      await page.getByRole('link', { name: `Tage Tidligere ${locale}` }).click();
      await page.getByLabel(t('Opfølgning på borgerens plan', 'Following up the citizen’s plan')).check();
      await page.getByRole('button', { name: t('Åbn borgeren', 'Open the citizen') }).click();
      assert.match(await main(page), t(/En anden organisation hjælper nu borgeren/, /Another organisation now helps the citizen/));
      assert.equal(await page.locator('main form[method="post"]').count(), 0, 'nothing to change');
      await expectAccessible(page, `an earlier citizen's page, read-only (${locale})`);

      await page.goto(`${baseUrl}/medarbejder/overblik`);
      assert.equal(await h1(page), t('Overblik over borgere', 'Caseload overview'));
      assert.match(await main(page), new RegExp(`Nanna Nu ${locale}`));
      await expectAccessible(page, `the caseload overview (${locale})`);
    } finally {
      await context.close();
    }
  });
}
