// Messages in Chromium, Danish and English, each page checked with axe (WCAG 2.1 AA): a citizen writes to Jobcentret
// with an attachment, a caseworker of the municipality finds it in the team inbox, reads it and answers, and the
// citizen reads the answer (marked unread until then). Sessions are made by the factories (as a sign-in would leave them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createSession, principalFor } from '../support/factories.ts';
import { png } from '../support/png.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser = await chromiumForFile();

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

for (const locale of ['da', 'en'] as const) {
  test(`citizen writes → caseworker answers → citizen reads (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const name = `Birthe Besked ${locale}`;
    const subject = t(`Hjælp til min ansøgning ${locale}`, `Help with my application ${locale}`);
    const citizen = await createCitizen(db, { municipalityCode: '630', name });
    const citizenToken = await createSession(db, { ...principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }), name });
    const caseworkerToken = await createSession(db, {
      ...principalFor('caseworker', { municipalityCode: '630' }),
      name: 'Carl Sagsbehandler',
      municipality: { code: '630', name: 'Vejle' },
      organisation: { id: 'kommune-630', kind: 'kommune', name: 'Vejle Kommune' },
    });
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'lang', value: locale, url: baseUrl },
      { name: 'jobunivers-session', value: citizenToken, url: baseUrl },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/borger/beskeder`);
      await expectAccessible(page, `the citizen's messages, none yet (${locale})`);
      await page
        .getByRole('link', { name: t('Skriv til jobcentret', 'Write to the job centre') })
        .first()
        .click();
      await page.waitForURL(/\/borger\/beskeder\/ny$/);
      await expectAccessible(page, `the new message form (${locale})`);
      // A refused file first: the form comes back with the message next to the field and in the summary.
      await page.getByLabel(t('Emne', 'Subject'), { exact: true }).fill(subject);
      await page.getByLabel(t('Besked', 'Message'), { exact: true }).fill(t('Kan I læse min ansøgning?', 'Could you read my application?'));
      await page
        .getByLabel(t('Vedhæft filer (valgfrit)', 'Attach files (optional)'))
        .setInputFiles({ name: 'side.html', mimeType: 'text/html', buffer: Buffer.from('<html><body>hej</body></html>') });
      await page.getByRole('button', { name: t('Send besked', 'Send message') }).click();
      await page.waitForLoadState();
      assert.match(await main(page), t(/»side\.html« er ikke en PDF, PNG eller JPEG/, /“side\.html” is not a PDF, PNG or JPEG/));
      await expectAccessible(page, `the new message form with a refused file (${locale})`);
      await page
        .getByLabel(t('Vedhæft filer (valgfrit)', 'Attach files (optional)'))
        .setInputFiles({ name: 'skitse.png', mimeType: 'image/png', buffer: png({ width: 8, height: 8 }) });
      await page.getByRole('button', { name: t('Send besked', 'Send message') }).click();
      await page.waitForURL(/\/borger\/beskeder\/[0-9a-f-]{36}\?besked=sendt/);
      assert.match(await main(page), t(/Din besked er sendt/, /Your message has been sent/));
      assert.match(await main(page), t(/Du kan forvente svar senest/, /You can expect an answer by/));
      assert.equal(await page.getByRole('link', { name: 'skitse.png' }).count(), 1);
      await expectAccessible(page, `the citizen's thread (${locale})`);

      // The caseworker: the team inbox, the thread, the answer.
      await context.addCookies([{ name: 'jobunivers-session', value: caseworkerToken, url: baseUrl }]);
      await page.goto(`${baseUrl}/medarbejder/beskeder?vis=unassigned&ulaest=1`);
      await expectAccessible(page, `the team inbox (${locale})`);
      await page.getByRole('link', { name: subject }).click();
      await page.waitForURL(/\/medarbejder\/beskeder\/[0-9a-f-]{36}$/);
      assert.match(await main(page), new RegExp(t(`Fra ${name}`, `From ${name}`)));
      await expectAccessible(page, `the caseworker's thread (${locale})`);
      await page.getByLabel(t('Besked', 'Message'), { exact: true }).fill(t('Ja, send den gerne.', 'Yes, please send it.'));
      await page.getByRole('button', { name: t('Send besked', 'Send message') }).click();
      await page.waitForURL(/besked=sendt/);
      assert.match(await main(page), t(/Besvaret/, /Answered/));

      // The citizen: unread in the list, then read.
      await context.addCookies([{ name: 'jobunivers-session', value: citizenToken, url: baseUrl }]);
      await page.goto(`${baseUrl}/borger/beskeder`);
      const row = page.locator('tbody tr', { hasText: subject });
      assert.match((await row.textContent()) ?? '', t(/Ulæst/, /Unread/));
      await expectAccessible(page, `the citizen's messages with an unread answer (${locale})`);
      await row.getByRole('link', { name: subject }).click();
      assert.match(await main(page), t(/Ja, send den gerne\./, /Yes, please send it\./));
      await page.goto(`${baseUrl}/borger/beskeder`);
      assert.doesNotMatch((await page.locator('tbody tr', { hasText: subject }).textContent()) ?? '', t(/Ulæst/, /Unread/));
    } finally {
      await context.close();
    }
  });
}
