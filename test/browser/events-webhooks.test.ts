// Events and webhooks in Chromium (issue 15): a vendor's service reports a citizen's activity over the events API and
// the citizen's plan shows it done; a vendor administrator adds a webhook address whose receiver fails, sees the
// delivery given up, re-drives it once the receiver works, and sees it delivered — in Danish and English, with axe on
// the webhook page and the event log.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { pairwiseSubject } from '../../src/platform/crypto/pairwise.ts';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';
import { createSession, principalFor } from '../support/factories.ts';
import { formsOverHttp } from '../support/http-forms.ts';
import { startWebhookReceiver, until } from '../support/webhook-receiver.ts';

const COOKIE_SECRET = randomBytes(32).toString('base64url');
const { app, browser, database } = await appInChromium({
  COOKIE_SECRET,
  JOBS_ENABLED: 'true',
  // Two attempts a second apart, then a dead letter: the page has one to re-drive within seconds.
  WEBHOOK_RETRY_SCHEDULE: '0,1',
  RATE_LIMIT_FORMS_PER_MINUTE: '1000',
});
const { db } = database;
const receiver = await startWebhookReceiver();
const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const token = await formsOverHttp(app.baseUrl).vendorApiToken(await createSession(db, principalFor('vendor_admin')), 'Browsertest');

/** Posts one CloudEvent as the vendor's service does; returns the HTTP status. */
async function postEvent(event: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${app.baseUrl}/api/vendor/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify({ specversion: '1.0', id: randomUUID(), time: new Date().toISOString(), ...event }),
  });
  return response.status;
}

test('the plan item moves to done in the citizen’s browser after the vendor’s service posts a completed event', async () => {
  const citizen = await db.selectFrom('citizen').select(['id', 'municipality_code']).where('full_name', '=', 'Lars Nielsen').executeTakeFirstOrThrow();
  const listing = await db
    .selectFrom('listing_version')
    .innerJoin('listing', 'listing.id', 'listing_version.listing_id')
    .select('listing.id')
    .where('listing.vendor_id', '=', vendor.id)
    .where('listing_version.status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const title = 'Målrettet jobsøgning med træner';
  // The citizen has the vendor's service on the plan and has launched it (fixtures written by the database owner).
  await db
    .insertInto('listing_launch')
    .values({ citizen_id: citizen.id, municipality_code: citizen.municipality_code, listing_id: listing.id, version: 1, outcome: 'launched' })
    .execute();
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: citizen.id,
      municipality_code: citizen.municipality_code,
      source: 'chosen',
      listing_id: listing.id,
      title,
      created_by: 'test',
      created_by_name: 'Lars Nielsen',
    })
    .execute();
  const about = { source: `/listings/${listing.id}`, subject: pairwiseSubject({ cookieSecret: COOKIE_SECRET }, vendor.id, citizen.id) };
  assert.equal(await postEvent({ ...about, type: 'dk.jobunivers.activity.progress', data: { percent: 40 } }), 202);

  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/borger/jobrejse`, /Lars Nielsen/);
    await page.goto(`${app.baseUrl}/borger/jobrejse`);
    const item = page.locator('li.card', { has: page.getByRole('heading', { name: title, exact: true }) });
    assert.equal(await item.locator('strong').first().textContent(), 'I gang · 40 %');

    assert.equal(await postEvent({ ...about, type: 'dk.jobunivers.activity.completed', data: {} }), 202);
    await page.reload();
    assert.equal(await item.locator('strong').first().textContent(), 'Færdig');
    assert.equal(await item.getByRole('button').count(), 0, 'nothing more to do on a done item');
  } finally {
    await context.close();
  }
});

test('the vendor’s webhook page: a delivery given up is re-driven and shown delivered (da, en); the event log', async () => {
  receiver.answer = () => 500;
  const address = receiver.url(`/modtager-${randomUUID().slice(0, 8)}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/leverandoer/webhooks`, /Signe Brandt/);
    await page.goto(`${app.baseUrl}/leverandoer/webhooks`);
    await page.getByLabel('Adresse', { exact: true }).fill(address);
    await page.getByLabel('Ydelse suspenderet').check();
    await page.getByRole('button', { name: 'Tilføj adresse' }).click();
    assert.match((await page.locator('#webhook-secret').textContent()) ?? '', /^whsec_/, 'the secret is shown once');

    await page.getByRole('button', { name: `Send test til ${address}` }).click();
    await page.waitForURL(/besked=testSent/);
    const endpoint = await db.selectFrom('webhook_endpoint').select('id').where('url', '=', address).executeTakeFirstOrThrow();
    const dead = await until(
      'the test message given up',
      () => db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', endpoint.id).where('status', '=', 'dead').executeTakeFirst(),
      15_000,
    );
    assert.equal(dead.attempts, 2, 'one attempt per step of the schedule');
    await page.goto(`${app.baseUrl}/leverandoer/webhooks`);
    const row = page.locator('tr', { has: page.locator('code', { hasText: dead.message_id }) });
    assert.match((await row.textContent()) ?? '', /Testbesked.*Opgivet.*2HTTP 500/s);
    await expectAccessible(page, 'the webhook page with a dead letter (da)');

    receiver.answer = () => 200;
    await page.getByRole('button', { name: `Send igen (${dead.message_id})` }).click();
    await page.waitForURL(/besked=redriven/);
    await until('delivered', () =>
      db.selectFrom('webhook_delivery').select('id').where('id', '=', dead.id).where('status', '=', 'delivered').executeTakeFirst(),
    );
    await page.reload();
    assert.match((await row.textContent()) ?? '', /Leveret.*HTTP 200/s);
    const arrivals = receiver.arrivals.filter((a) => address.endsWith(a.path));
    assert.deepEqual(
      arrivals.map((a) => a.id),
      [dead.message_id, dead.message_id, dead.message_id],
      'two failed attempts and the re-drive, all under one webhook-id',
    );

    await page.goto(`${app.baseUrl}/leverandoer/haendelser`);
    assert.match((await page.locator('main').textContent()) ?? '', /dk\.jobunivers\.activity\.completed/);
    await expectAccessible(page, 'the event log (da)');

    await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}/leverandoer/webhooks`);
    assert.match((await row.textContent()) ?? '', /Test message.*Delivered/s);
    await expectAccessible(page, 'the webhook page (en)');
  } finally {
    await context.close();
  }
});
