// An a-kasse's own offers in Chromium, in Danish and English, each page checked with axe (WCAG 2.1 AA): its
// caseworker goes from the start page to its offers, creates one (after a form with a mistake), recommends a listing
// of the catalogue, and a citizen whose contact course the a-kasse runs sees both, marked with its name, in the
// marketplace. Sessions are made by the factories (as a sign-in would leave them).
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
const nextYear = String(new Date().getUTCFullYear() + 1);

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

async function signedIn(token: string, locale: 'da' | 'en'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  await context.addCookies([
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ]);
  return { page: await context.newPage(), close: () => context.close() };
}

for (const locale of ['da', 'en'] as const) {
  test(`an a-kasse's offers page and the citizen's marketplace section — every page accessible (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const akasse = await createOrganisation(db, { kind: 'akasse', name: `A-kasse Syd ${locale} (test)` });
    const caseworker = await createSession(db, { ...principalFor('caseworker', { organisation: akasse, nsisLevel: 'Substantial' }), name: 'Bente Aagaard' });
    const staff = await signedIn(caseworker, locale);
    try {
      const { page } = staff;
      await page.goto(`${baseUrl}/medarbejder`);
      await page.getByRole('link', { name: t('Jeres egne tilbud og anbefalinger til borgerne', 'Your own offers and recommendations to citizens') }).click();
      assert.equal(await h1(page), t(`Tilbud og anbefalinger fra ${akasse.name}`, `Offers and recommendations from ${akasse.name}`));
      await expectAccessible(page, `the offers page (${locale})`);

      await page.getByRole('link', { name: t('Opret et tilbud', 'Create an offer') }).click();
      await page.getByLabel(t('Titel på dansk', 'Title in Danish')).fill('Jobsøgningskursus online');
      await page.getByLabel(t('Titel på engelsk', 'Title in English')).fill('Job search course online');
      await page.getByLabel(t('Beskrivelse på dansk', 'Description in Danish')).fill('To formiddage på Teams om at finde de skjulte job.');
      await page.getByLabel(t('Beskrivelse på engelsk', 'Description in English')).fill('Two mornings on Teams about finding the hidden jobs.');
      await page.getByLabel(t('Sted', 'Place'), { exact: true }).fill('Online');
      for (const [name, day, time] of [
        ['startsAt', '24', '10:00'],
        ['endsAt', '24', '12:00'],
      ] as const) {
        await page.locator(`#field-${name}-day`).fill(day);
        await page.locator(`#field-${name}-month`).fill('3');
        await page.locator(`#field-${name}-year`).fill(nextYear);
        await page.locator(`#field-${name}-time`).fill(time);
      }
      await page.getByLabel(t('Link til tilbuddet (valgfrit)', 'Link to the offer (optional)')).fill('http://ikke-sikker.example');
      await page.locator('main form button[type="submit"]').click();
      assert.match(await main(page), t(/Skriv en gyldig adresse, der begynder med https:\/\//, /https:\/\//));
      await expectAccessible(page, `the offer form with a mistake (${locale})`);
      await page.getByLabel(t('Link til tilbuddet (valgfrit)', 'Link to the offer (optional)')).fill('https://a-kasse-syd.example/kursus');
      await page.locator('main form button[type="submit"]').click();
      assert.equal(await h1(page), t('Jobsøgningskursus online', 'Job search course online'));
      await expectAccessible(page, `the offer's page (${locale})`);

      await page.goto(`${baseUrl}/organisation/anbefalinger/ny`);
      await expectAccessible(page, `the recommendation form (${locale})`);
      await page.getByLabel(t('Digitalt tilbud', 'Digital service')).selectOption('00000000-0000-4000-9000-000000000003');
      await page.getByLabel(t('Note på dansk (valgfri)', 'Note in Danish (optional)')).fill('Brug den sammen med vores kursus.');
      await page.getByLabel(t('Note på engelsk (valgfri)', 'Note in English (optional)')).fill('Use it with our course.');
      await page.locator('main form[method="post"] button[type="submit"]').click();
      assert.match(await main(page), t(/Anbefalingen er gemt/, /The recommendation has been saved/));
      await expectAccessible(page, `the offers page with a recommendation (${locale})`);
    } finally {
      await staff.close();
    }

    const person = await createCitizen(db, { municipalityCode: '101', name: `Karla Kursist ${locale}` });
    await handOverCitizen(db, { id: person.id, municipalityCode: '101' }, akasse.id, '2026-01-05');
    const token = await createSession(db, {
      ...principalFor('citizen', { municipalityCode: '101', citizenId: person.id, nsisLevel: 'Substantial' }),
      name: person.name,
      municipality: { code: '101', name: 'København' },
    });
    const citizen = await signedIn(token, locale);
    try {
      const { page } = citizen;
      await page.goto(`${baseUrl}/borger/markedsplads`);
      assert.equal(await page.locator('#actor-offers-heading').textContent(), t(`Tilbud fra ${akasse.name}`, `Offers from ${akasse.name}`));
      assert.match(await main(page), t(/Jobsøgningskursus online/, /Job search course online/));
      assert.match(await main(page), new RegExp(t(`Anbefalet af ${akasse.name}`, `Recommended by ${akasse.name}`).replace(/[()]/g, '\\$&')));
      await expectAccessible(page, `the citizen's marketplace with the a-kasse's offers (${locale})`);
    } finally {
      await citizen.close();
    }
  });
}
