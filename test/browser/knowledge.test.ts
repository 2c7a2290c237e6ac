// "Stil et spørgsmål" in Chromium, in Danish and English, each page checked with axe (WCAG 2.1 AA): a citizen asks a
// question, sees the best answers with why they match, opens one, says it did not answer the question and hands it
// over to the jobcenter, and is told when to expect an answer; the content owner writes a local answer and sees the
// handed-over question on the insight page. The citizen's journey runs without JavaScript and again with it (axe runs
// in the page, so it needs JavaScript). Sessions are made by the factories (as a sign-in would leave them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createOrganisation, createSession, principalFor } from '../support/factories.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser: Browser = await chromiumForFile();
// København (101): the demo's jobcenter with opening hours and the demo's local answer (knowledge seed).
const københavn = { code: '101', name: 'København' };
await createOrganisation(db, { kind: 'kommune', municipalityCode: københavn.code, name: 'Københavns Kommune' });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

async function contextFor(token: string, locale: 'da' | 'en', javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ]);
  return context;
}

for (const locale of ['da', 'en'] as const) {
  const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);

  for (const javaScriptEnabled of [false, true]) {
    test(`a citizen asks, sees why the answers match, and hands the question over (${locale}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const name = `Karla Spørger ${locale} ${javaScriptEnabled ? 'js' : 'nojs'}`;
      const citizen = await createCitizen(db, { municipalityCode: københavn.code, name });
      const token = await createSession(db, {
        ...principalFor('citizen', { municipalityCode: københavn.code, citizenId: citizen.id }),
        municipality: københavn,
        name,
      });
      const context = await contextFor(token, locale, javaScriptEnabled);
      const page = await context.newPage();
      const accessible = async (what: string) => {
        if (javaScriptEnabled) await expectAccessible(page, `${what} (${locale})`);
      };
      try {
        // From the citizen's overview.
        await page.goto(`${baseUrl}/borger`);
        await page.getByRole('link', { name: t('Stil et spørgsmål', 'Ask a question'), exact: true }).click();
        await page.waitForURL(/\/borger\/spoergsmaal$/);
        assert.equal(await h1(page), t('Stil et spørgsmål', 'Ask a question'));
        await accessible('the question page');

        // An empty question: the field's message, named in the summary.
        await page.getByRole('button', { name: t('Find svar', 'Find answers') }).click();
        assert.match(await main(page), t(/Dit spørgsmål: /, /Your question: /));
        await accessible('the question page with its error');

        await page.getByLabel(t('Dit spørgsmål', 'Your question'), { exact: true }).fill('Må jeg holde ferie, mens jeg er ledig?');
        await page.getByRole('button', { name: t('Find svar', 'Find answers') }).click();
        await page.locator('#answers-heading').waitFor();
        const answers = page.locator('ol > li section h3');
        const count = await answers.count();
        assert.ok(count >= 1 && count <= 5, 'at most five answers');
        assert.equal((await answers.first().textContent())?.trim(), t('Ferie mens du er ledig', 'Holiday while you are unemployed'));
        const why = (await page.locator('.knowledge-why').first().textContent())?.replace(/\s+/g, ' ') ?? '';
        assert.match(why, t(/Ord fra dit spørgsmål i overskriften: ferie/, /Words from your question in the heading: ferie/));
        assert.match(why, t(/Nationalt svar fra Jobunivers/, /National answer from Jobunivers/));
        await accessible('the answers');

        // Each answer opens, in place and on its own page.
        await page.locator('details summary').first().click();
        assert.match(await main(page), t(/Du må gerne holde ferie/, /You may go on holiday/));

        // It did not answer the question: hand it over.
        await page.getByRole('button', { name: t('Det svarede ikke på mit spørgsmål', 'It did not answer my question') }).click();
        assert.equal(await h1(page), t('Send dit spørgsmål til jobcentret', 'Send your question to the jobcentre'));
        assert.match(await main(page), t(/Ferie mens du er ledig/, /Holiday while you are unemployed/));
        assert.match(await main(page), t(/Mandag/, /Monday/), 'the jobcenter’s opening hours');
        await accessible('the hand-over form');
        await page.getByRole('button', { name: t('Send til jobcentret', 'Send to the jobcentre') }).click();
        assert.equal(await h1(page), t('Dit spørgsmål er sendt til jobcentret', 'Your question has been sent to the jobcentre'));
        assert.match(await main(page), t(/Du kan forvente et svar senest \d+\. \p{L}+ \d{4}/u, /You can expect an answer by \d+ \p{L}+ \d{4}/u));
        await accessible('the confirmation');
        const thread = await db.selectFrom('message_thread').select(['id']).where('citizen_id', '=', citizen.id).execute();
        assert.equal(thread.length, 1, 'one message to the jobcenter');

        // The answer on its own page.
        await page.goto(`${baseUrl}/borger/spoergsmaal`);
        await page.getByLabel(t('Dit spørgsmål', 'Your question'), { exact: true }).fill('Hvordan bruger jeg Joblog?');
        await page.getByRole('button', { name: t('Find svar', 'Find answers') }).click();
        await page.locator('details summary').first().click();
        await page
          .getByRole('link', { name: t('Åbn svaret på sin egen side', 'Open the answer on its own page') })
          .first()
          .click();
        assert.equal(await h1(page), t('Sådan bruger du Joblog', 'How to use Joblog'));
        await accessible('an answer on its own page');
        await page.goto(`${baseUrl}/borger/spoergsmaal`);
        await page.getByLabel(t('Dit spørgsmål', 'Your question'), { exact: true }).fill('Hvordan bruger jeg Joblog?');
        await page.getByRole('button', { name: t('Find svar', 'Find answers') }).click();
        await page
          .getByRole('button', { name: t('Ja, tak', 'Yes, thank you') })
          .first()
          .click();
        await page.waitForURL(/tak=1/);
        assert.match(await main(page), t(/Tak! Det hjælper os/, /Thank you! That helps us/));
      } finally {
        await context.close();
      }
    });
  }

  test(`a content owner writes a local answer and sees the handed-over questions (${locale})`, async () => {
    const owner = await createSession(db, {
      ...principalFor('content_owner', { municipalityCode: københavn.code }),
      municipality: københavn,
      name: 'Ida Indhold',
    });
    const context = await contextFor(owner, locale, true);
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/kommune/vidensbase`);
      assert.equal(await h1(page), t('Jeres lokale svar i vidensbasen', 'Your local answers in the knowledge base'));
      await expectAccessible(page, `the local answers (${locale})`);
      await page.getByRole('link', { name: t('Skriv et nyt svar', 'Write a new answer') }).click();
      await page.getByRole('button', { name: t('Gem svaret', 'Save the answer') }).click();
      assert.match(await main(page), t(/Overskrift på dansk: /, /Heading in Danish: /));
      await expectAccessible(page, `the answer form with its errors (${locale})`);
      await page.getByLabel(t('Overskrift på dansk', 'Heading in Danish'), { exact: true }).fill(`Parkering ved jobcentret ${locale}`);
      await page.getByLabel(t('Svaret på dansk', 'The answer in Danish'), { exact: true }).fill('Der er gratis parkering i gården bag jobcentret.');
      await page.getByRole('button', { name: t('Gem svaret', 'Save the answer') }).click();
      await page.waitForURL(/besked=oprettet/);
      assert.match(await main(page), new RegExp(`Parkering ved jobcentret ${locale}`));
      await page.getByRole('link', { name: t('Se hvilke svar der hjælper', 'See which answers help') }).click();
      assert.match(await main(page), /Må jeg holde ferie, mens jeg er ledig\?/, 'the citizens’ handed-over questions');
      await expectAccessible(page, `the insight page (${locale})`);
    } finally {
      await context.close();
    }
  });
}
