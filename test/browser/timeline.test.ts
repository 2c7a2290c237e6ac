// The timeline and the Joblog page in Chromium, in Danish and English, checked with axe: a citizen of the demo world
// sees what a service reported with "registered in Joblog", filters it, agrees to forwarding, and gets a message next
// to each wrong field of the Joblog form.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });
const { db } = database;
const listingId = '00000000-0000-4000-9000-000000000003';

/** A service's events for the citizen, as the events module stores them (written by the database owner). */
async function seedEvents(name: string) {
  const citizen = await db.selectFrom('citizen').select(['id', 'municipality_code']).where('full_name', '=', name).executeTakeFirstOrThrow();
  const { vendor_id } = await db.selectFrom('listing').select('vendor_id').where('id', '=', listingId).executeTakeFirstOrThrow();
  const event = (type: string, minutesAgo: number, data: object) => ({
    vendor_id,
    listing_id: listingId,
    citizen_id: citizen.id,
    municipality_code: citizen.municipality_code,
    event_id: randomUUID(),
    type: `dk.jobunivers.activity.${type}`,
    occurred_at: new Date(Date.now() - minutesAgo * 60_000),
    data: JSON.stringify(data),
    body_hash: createHash('sha256').update(randomUUID()).digest(),
    received_via: 'cloudevents' as const,
  });
  await db
    .insertInto('activity_event')
    .values(event('started', 30, {}))
    .execute();
  const applied = await db
    .insertInto('activity_event')
    .values(event('application-sent', 10, { jobTitle: 'Lagermedarbejder', employer: 'Nordlager A/S', appliedOn: '2026-11-30' }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('joblog_registration')
    .values({
      citizen_id: citizen.id,
      municipality_code: citizen.municipality_code,
      source: 'event',
      event_id: applied.id,
      kind: 'application',
      job_title: 'Lagermedarbejder',
      employer: 'Nordlager A/S',
      activity_on: '2026-11-30',
      basis: 'consent',
      status: 'registered',
      attempts: 1,
      registered_at: new Date('2026-12-03T13:05:00Z'),
    })
    .execute();
}

for (const c of [
  {
    locale: 'da',
    person: 'Mette Jensen',
    title: 'Tidslinje',
    applied: 'Du søgte job som Lagermedarbejder hos Nordlager A/S.',
    registered: /Registreret i Joblog 3\. december 2026 kl\. 14\.05/,
    show: 'Vis',
    agree: 'Ja, send til min joblog',
    submit: 'Registrér i joblog',
  },
  {
    locale: 'en',
    person: 'Ahmed Hassan',
    title: 'Timeline',
    applied: 'You applied for a job as Lagermedarbejder at Nordlager A/S.',
    registered: /Registered in Joblog 3 December 2026 at 14:05/,
    show: 'Show',
    agree: 'Yes, send to my joblog',
    submit: 'Register in joblog',
  },
]) {
  test(`the timeline and the Joblog page (${c.locale})`, async () => {
    await seedEvents(c.person);
    const context = await browser.newContext();
    await context.addCookies([{ name: 'lang', value: c.locale, url: app.baseUrl }]);
    const page = await context.newPage();
    try {
      await signInAtTestIdp(page, `${app.baseUrl}/borger/tidslinje`, new RegExp(c.person));
      await page.goto(`${app.baseUrl}/borger/tidslinje`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), c.title);
      const body = (await page.locator('main').textContent()) ?? '';
      assert.ok(body.includes(c.applied), 'the service’s application event');
      assert.match(body, c.registered);
      await expectAccessible(page, `the timeline (${c.locale})`);

      await page.locator('#field-type').selectOption('plan');
      await page.getByRole('button', { name: c.show, exact: true }).click();
      await page.waitForURL(/type=plan/);
      assert.ok(!((await page.locator('main').textContent()) ?? '').includes(c.applied), 'the filter leaves the application out');
      await expectAccessible(page, `the timeline filtered (${c.locale})`);

      await page.goto(`${app.baseUrl}/borger/joblog`);
      await page.getByRole('button', { name: c.agree }).click();
      await page.waitForURL(/gemt=samtykke/);
      await expectAccessible(page, `the Joblog page (${c.locale})`);

      await page.getByRole('button', { name: c.submit }).click();
      assert.equal(await page.locator('#field-employer-error').count(), 1, 'a message next to the employer');
      assert.equal(await page.locator('#field-activityOn-error').count(), 1, 'a message next to the date');
      await expectAccessible(page, `the Joblog form with errors (${c.locale})`);
    } finally {
      await context.close();
    }
  });
}
