// The notification centre and its settings in Chromium, in Danish and English, every state checked with axe (WCAG 2.1
// AA): a citizen's centre (unread marked, opening one goes to its link and marks it read, "mark all as read"), the
// preferences form without JavaScript (a bad mobile number is named in the error summary and on its field; a good one
// is saved), and a caseworker's centre with their team's notification. Sessions are made by the factories.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withTenant } from '../../src/platform/db/tenant.ts';
import { notify } from '../../src/modules/notifications/index.ts';
import { createTestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createOrganisation, createSession, principalFor } from '../support/factories.ts';

const { db, config } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = config.baseUrl;
const browser = await chromiumForFile();
const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: '630' });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** A browser without JavaScript for the journey, and one with it (axe runs in the page) for checking the same pages. */
async function contexts(locale: 'da' | 'en', token: string) {
  const cookies = [
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ];
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.addCookies(cookies);
  const checking = await browser.newContext();
  await checking.addCookies(cookies);
  const check = await checking.newPage();
  return {
    page: await plain.newPage(),
    accessible: async (url: string, what: string) => {
      await check.goto(url);
      await expectAccessible(check, what);
    },
    close: async () => {
      await plain.close();
      await checking.close();
    },
  };
}

for (const locale of ['da', 'en'] as const) {
  const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);

  test(`a citizen’s notification centre: unread marked, opening one goes to it, mark all as read (${locale})`, async () => {
    const citizen = await createCitizen(db, { municipalityCode: '630', name: `Nina Notifikation ${locale}` });
    const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }), name: citizen.name });
    await withTenant(db, { organisation: kommune.id }, async (trx) => {
      await notify(trx, { recipient: { citizenId: citizen.id }, kind: 'suggestion', link: '/borger/job/forslag' });
      await notify(trx, { recipient: { citizenId: citizen.id }, kind: 'job-agent', link: '/borger/job/agenter', params: { count: 3 }, channels: ['app'] });
    });
    const { page, accessible, close } = await contexts(locale, token);
    try {
      await page.goto(`${baseUrl}/borger`);
      // Beside the person's name in the header, on every page.
      await page
        .locator('header .user')
        .getByRole('link', { name: t('Notifikationer', 'Notifications') })
        .first()
        .click();
      await page.waitForURL(`${baseUrl}/borger/notifikationer`);
      assert.equal(await h1(page), t('Notifikationer', 'Notifications'));
      const text = await main(page);
      assert.match(text, t(/2 ulæste/, /2 unread/));
      assert.match(text, t(/Din jobagent har fundet 3 nye job i Jobunivers\./, /Your job agent has found 3 new jobs in Jobunivers\./));
      if (locale === 'en') assert.doesNotMatch(text, /ulæste|Notifikationer|Modtaget|Markér/, 'no Danish on the English page');
      await accessible(`${baseUrl}/borger/notifikationer`, `the citizen’s notification centre (${locale})`);

      // The newest first: the job agent's. Opening it goes to the agents and marks it read.
      await page.getByRole('link', { name: t('Nye job fra din jobagent', 'New jobs from your job agent') }).click();
      await page.waitForURL(`${baseUrl}/borger/job/agenter`);
      await page.goto(`${baseUrl}/borger/notifikationer`);
      assert.match(await main(page), t(/1 ulæste/, /1 unread/));

      await page.getByRole('button', { name: t('Markér alle som læst', 'Mark all as read') }).click();
      await page.waitForURL(/markeret=1/);
      assert.match(await main(page), t(/Alle notifikationer er markeret som læst\./, /All notifications are marked as read\./));
      assert.equal(await page.getByRole('button', { name: t('Markér alle som læst', 'Mark all as read') }).count(), 0);
      await accessible(page.url(), `the centre with everything read (${locale})`);
    } finally {
      await close();
    }
  });

  test(`the preferences form without JavaScript: a bad mobile number is named on its field, a good one is saved (${locale})`, async () => {
    const citizen = await createCitizen(db, { municipalityCode: '630', name: `Per Præference ${locale}` });
    const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }), name: citizen.name });
    const { page, accessible, close } = await contexts(locale, token);
    try {
      await page.goto(`${baseUrl}/borger/notifikationer`);
      await page.getByRole('link', { name: t('Indstillinger for notifikationer', 'Notification settings') }).click();
      await page.waitForURL(`${baseUrl}/borger/notifikationer/indstillinger`);
      assert.equal(await h1(page), t('Indstillinger for notifikationer', 'Notification settings'));
      await accessible(page.url(), `the notification settings (${locale})`);

      await page.getByLabel(t('Mailadresse', 'E-mail address'), { exact: true }).fill('per@example.dk');
      await page.getByLabel(t('Mobilnummer', 'Mobile number'), { exact: true }).fill('12 34');
      await page
        .getByRole('group', { name: t('Send mig en SMS om', 'Send me a text message about') })
        .getByLabel(t('Nye beskeder', 'New messages'))
        .check();
      await page.getByRole('button', { name: t('Gem indstillinger', 'Save settings') }).click();
      const summary = page.locator('#error-summary');
      assert.match(
        (await summary.textContent()) ?? '',
        t(/Mobilnummer: Skriv et dansk mobilnummer med 8 cifre/, /Mobile number: Enter a Danish mobile number with 8 digits/),
      );
      assert.equal(await page.locator('#field-mobil').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#field-mobil').inputValue(), '12 34', 'what was typed is kept');
      assert.equal(await page.getByLabel(t('Mailadresse', 'E-mail address'), { exact: true }).inputValue(), 'per@example.dk');
      // The same refused form, checked with axe (posted in the checking browser too).
      const checking = await browser.newContext();
      await checking.addCookies([
        { name: 'lang', value: locale, url: baseUrl },
        { name: 'jobunivers-session', value: token, url: baseUrl },
      ]);
      const check = await checking.newPage();
      await check.goto(`${baseUrl}/borger/notifikationer/indstillinger`);
      await check.locator('#field-mobil').fill('12 34');
      await check.getByRole('button', { name: t('Gem indstillinger', 'Save settings') }).click();
      await check.locator('#error-summary').waitFor();
      await expectAccessible(check, `the settings form with a field error (${locale})`);
      await checking.close();

      await page.getByLabel(t('Mobilnummer', 'Mobile number'), { exact: true }).fill('+45 20 30 40 50');
      await page.getByRole('button', { name: t('Gem indstillinger', 'Save settings') }).click();
      await page.waitForURL(/gemt=1/);
      assert.match(await main(page), t(/Dine indstillinger er gemt\./, /Your settings are saved\./));
      assert.equal(await page.getByLabel(t('Mobilnummer', 'Mobile number'), { exact: true }).inputValue(), '+4520304050');
      const saved = await db.selectFrom('notification_preference').selectAll().where('citizen_id', '=', citizen.id).executeTakeFirstOrThrow();
      assert.equal(saved.email, 'per@example.dk');
      assert.ok(saved.sms_kinds?.includes('message'));
      await accessible(page.url(), `the settings saved (${locale})`);
    } finally {
      await close();
    }
  });

  test(`a caseworker’s centre shows their team’s notification (${locale})`, async () => {
    const caseworker = principalFor('caseworker', { organisation: kommune });
    const token = await createSession(db, caseworker);
    const citizen = await createCitizen(db, { municipalityCode: '630' });
    await withTenant(db, { citizen: citizen.id }, (trx) => notify(trx, { recipient: { team: kommune.id }, kind: 'message', link: '/medarbejder' }));
    const { page, accessible, close } = await contexts(locale, token);
    try {
      await page.goto(`${baseUrl}/medarbejder`);
      await page
        .getByRole('link', { name: t('Notifikationer', 'Notifications'), exact: true })
        .first()
        .click();
      await page.waitForURL(`${baseUrl}/medarbejder/notifikationer`);
      const text = await main(page);
      assert.match(text, t(/Til dit team/, /For your team/));
      assert.match(text, t(/Du har en ny besked i Jobunivers\./, /You have a new message in Jobunivers\./));
      await accessible(page.url(), `a caseworker’s notification centre (${locale})`);
      await accessible(`${baseUrl}/medarbejder/notifikationer/indstillinger`, `a caseworker’s notification settings (${locale})`);
    } finally {
      await close();
    }
  });
}
