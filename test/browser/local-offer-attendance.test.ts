// Recording who came to a local offer, in Chromium, as København's content owner does after signing in at the test
// IdP: the participant list of an offer that has started, a save without a choice (the error summary is focused and
// names the list), a save with choices, and the same page in English — each state checked with axe (WCAG 2.1 AA).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { type BrowserContext, type Page } from 'playwright-core';
import { appInChromium, expectAccessible } from '../support/browser.ts';
import { createCitizen } from '../support/factories.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });
const { db } = database;
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

// An offer of København that began an hour ago, with two citizens signed up before it did.
const { id: offerId } = await db
  .insertInto('local_offer')
  .values({
    municipality_code: '101',
    kind: 'meeting',
    title_da: 'Informationsmøde om løntilskud',
    title_en: 'Information meeting on wage subsidies',
    description_da: 'Hør om løntilskud og stil dine spørgsmål.',
    description_en: 'Hear about wage subsidies and ask your questions.',
    place: 'Jobcentret, mødelokale 1',
    starts_at: sql<Date>`now() - interval '1 hour'`,
    ends_at: sql<Date>`now() + interval '1 hour'`,
    capacity: 10,
    created_by: 'test',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
for (const name of ['Mette Jensen', 'Ali Hassan']) {
  const citizen = await createCitizen(db, { municipalityCode: '101', name });
  await db.insertInto('local_offer_signup').values({ offer_id: offerId, citizen_id: citizen.id, municipality_code: '101' }).execute();
}
const participants = `/kommune/tilbud/${offerId}/deltagere`;

/** A browser signed in as København's content owner (Peter Holm) at the test IdP, on the offer's participant list. */
async function signedIn(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${app.baseUrl}${participants}`);
  await page.getByLabel('Kommune').selectOption('101');
  await page.getByRole('button', { name: 'Fortsæt til login' }).click();
  await page.getByLabel(/Peter Holm/).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${app.baseUrl}${participants}`);
  return { context, page, problems };
}

test('a content owner records who came, in Danish and in English — every state accessible', async () => {
  const { context, page, problems } = await signedIn();
  try {
    assert.match(await main(page), /Mødt: 0 · Ikke mødt: 0 · Ikke registreret: 2/);
    await expectAccessible(page, 'the participant list with the attendance form');

    await page.getByRole('button', { name: 'Gem fremmøde' }).click();
    await page.locator('#error-summary:focus').waitFor();
    assert.match(await main(page), /Fremmøde: Vælg Mødt eller Ikke mødt for mindst én deltager\./);
    await expectAccessible(page, 'the attendance form with an error');

    await page.getByRole('group', { name: 'Mette Jensen' }).getByLabel('Mødt', { exact: true }).check();
    await page.getByRole('group', { name: 'Ali Hassan' }).getByLabel('Ikke mødt').check();
    await page.getByRole('button', { name: 'Gem fremmøde' }).click();
    await page.waitForURL(`${app.baseUrl}${participants}?besked=fremmoede`);
    assert.match(await main(page), /Fremmødet er gemt\./);
    assert.match(await main(page), /Mødt: 1 · Ikke mødt: 1 · Ikke registreret: 0/);
    assert.ok(await page.getByRole('group', { name: 'Mette Jensen' }).getByLabel('Mødt', { exact: true }).isChecked());
    await expectAccessible(page, 'the participant list after saving');

    await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}${participants}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await main(page), /Attended: 1 · Did not attend: 1 · Not recorded: 0/);
    await expectAccessible(page, 'the participant list in English');
    await page.getByRole('group', { name: 'Ali Hassan' }).getByLabel('Attended', { exact: true }).check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    assert.match(await main(page), /The attendance is saved\./);
    await expectAccessible(page, 'the participant list after saving in English');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
