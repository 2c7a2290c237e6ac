// Meetings in Chromium, in Danish and English, each page checked with axe (WCAG 2.1 AA): a caseworker publishes a
// free time on the form for new slots and sees it on their overview; a citizen books it with a topic from "Møder",
// gets the meeting's page with its calendar file, cancels it (asked first) and sees the time free again. The same
// booking and cancelling works without JavaScript. Sessions are made by the factories (as a sign-in would leave them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createOrganisation, createSession, principalFor } from '../support/factories.ts';
import { copenhagenDate, copenhagenMoment } from '../../src/platform/time.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser: Browser = await chromiumForFile();

const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: '101' });
const caseworker = await createSession(db, {
  ...principalFor('caseworker', { organisation: kommune, nsisLevel: 'Substantial' }),
  name: 'Karen Kalender',
});

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const meetingDay = copenhagenDate(new Date(Date.now() + 4 * 86_400_000));
const [year, month, day] = meetingDay.split('-').map(Number) as [number, number, number];

async function contextFor(token: string, locale: 'da' | 'en', javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ]);
  return context;
}

/** The caseworker publishes one free time at `hour` on the meeting day, through the form; returns the slot's id. */
async function publishSlot(locale: 'da' | 'en', hour: number, check: boolean): Promise<string> {
  const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
  const context = await contextFor(caseworker, locale);
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/medarbejder`);
    await page.getByRole('link', { name: t('Møder og ledige tider', 'Meetings and free times'), exact: true }).click();
    assert.equal(await h1(page), t('Møder og ledige tider', 'Meetings and free times'));
    if (check) await expectAccessible(page, `the caseworker's meetings (${locale})`);
    await page.getByRole('link', { name: t('Opret ledige tider', 'Create free times') }).click();
    if (check) await expectAccessible(page, `the form for new slots (${locale})`);
    // A refused form names its fields in the error summary.
    await page.locator('main form button[type="submit"]').click();
    assert.match(await main(page), t(/Der er fejl i formularen/, /There is a problem with the form/));
    if (check) await expectAccessible(page, `the form for new slots with errors (${locale})`);
    await page.fill('[name="dateDay"]', String(day));
    await page.fill('[name="dateMonth"]', String(month));
    await page.fill('[name="dateYear"]', String(year));
    await page.fill('[name="from"]', `${hour}.00`);
    await page.getByLabel(t('Fremmøde', 'In person'), { exact: true }).check();
    await page.locator('select[name="jobcenter"]').selectOption({ index: 1 });
    await page.locator('main form button[type="submit"]').click();
    assert.match(await main(page), t(/Der er oprettet 1 ledige tider/, /1 free times were created/));
    assert.match(await main(page), new RegExp(`${String(hour).padStart(2, '0')}[.:]00`));
  } finally {
    await context.close();
  }
  const startsAt = copenhagenMoment({ year, month, day, hour, minute: 0 });
  const slot = await db
    .selectFrom('meeting_slot')
    .select('id')
    .where('organisation_id', '=', kommune.id)
    .where('starts_at', '=', startsAt ?? new Date())
    .executeTakeFirstOrThrow();
  return slot.id;
}

/** A citizen books the slot with a topic, sees the meeting, and cancels it (asked first); the time is free again. */
async function bookAndCancel(locale: 'da' | 'en', slotId: string, options: { javaScriptEnabled: boolean; check: boolean }) {
  const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
  const citizen = await createCitizen(db, { municipalityCode: '101', name: `Mette Møde ${locale} ${options.javaScriptEnabled ? 'js' : 'nojs'}` });
  const token = await createSession(db, {
    ...principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }),
    name: citizen.name,
  });
  const context = await contextFor(token, locale, options.javaScriptEnabled);
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/borger`);
    await page
      .getByRole('navigation', { name: t('Hovedmenu', 'Main menu') })
      .getByRole('link', { name: t('Møder', 'Meetings'), exact: true })
      .click();
    assert.equal(await h1(page), t('Møder med jobcentret', 'Meetings with the job centre'));
    assert.match(await main(page), t(/indtil 24 timer før/, /until 24 hours before/));
    if (options.check) await expectAccessible(page, `the citizen's meetings (${locale})`);

    // Booking without choosing a time: the summary says so, nothing is booked.
    await page.getByRole('button', { name: t('Book mødet', 'Book the meeting') }).click();
    assert.match(await main(page), t(/Vælg en af de ledige tider/, /Choose one of the free times/));
    if (options.check) await expectAccessible(page, `booking refused (${locale})`);

    await page.locator(`#slot-${slotId}`).check();
    await page.getByLabel(t('Hvad vil du gerne tale om?', 'What would you like to talk about?')).fill(t('Min jobsøgning', 'My job search'));
    await page.getByRole('button', { name: t('Book mødet', 'Book the meeting') }).click();
    assert.match(await main(page), t(/Mødet er booket\./, /The meeting is booked\./));
    assert.match(await main(page), /Min jobsøgning|My job search/);
    assert.equal(await page.getByRole('link', { name: t('Hent mødet til din kalender (.ics)', 'Add the meeting to your calendar (.ics)') }).count(), 1);
    if (options.check) await expectAccessible(page, `the meeting's page (${locale})`);
    const meeting = await db.selectFrom('meeting').select(['id', 'cancelled_at']).where('citizen_id', '=', citizen.id).executeTakeFirstOrThrow();
    assert.equal(meeting.cancelled_at, null);

    await page.getByRole('button', { name: t('Aflys mødet', 'Cancel the meeting') }).click();
    assert.equal(await h1(page), t('Vil du aflyse mødet?', 'Do you want to cancel the meeting?'));
    if (options.check) await expectAccessible(page, `cancelling asks first (${locale})`);
    await page.getByRole('button', { name: t('Ja, aflys mødet', 'Yes, cancel the meeting') }).click();
    assert.equal(await h1(page), t('Møder med jobcentret', 'Meetings with the job centre'));
    assert.match(await main(page), t(/Mødet er aflyst\./, /The meeting has been cancelled\./));
    assert.equal(await page.locator(`#slot-${slotId}`).count(), 1, 'the time is free again');
    if (options.check) await expectAccessible(page, `after cancelling (${locale})`);
    const cancelled = await db.selectFrom('meeting').select('cancelled_by').where('id', '=', meeting.id).executeTakeFirstOrThrow();
    assert.equal(cancelled.cancelled_by, 'citizen');
  } finally {
    await context.close();
  }
}

for (const [locale, hour] of [
  ['da', 9],
  ['en', 11],
] as const) {
  test(`a caseworker publishes a time; a citizen books and cancels it — every page accessible (${locale})`, async () => {
    const slotId = await publishSlot(locale, hour, true);
    await bookAndCancel(locale, slotId, { javaScriptEnabled: true, check: true });
  });
}

test('a citizen books and cancels a meeting without JavaScript', async () => {
  const slotId = await publishSlot('da', 13, false);
  await bookAndCancel('da', slotId, { javaScriptEnabled: false, check: false });
});
