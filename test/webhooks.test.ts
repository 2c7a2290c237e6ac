// Outbound webhooks end to end: a vendor administrator adds an endpoint (a receiver in this test on 127.0.0.1), an
// outbound event recorded in a writer's transaction is delivered after the Standard Webhooks specification — checked
// with the independent `standardwebhooks` verifier — and retried on failure with back-off, Retry-After honoured, given
// up into a dead letter, re-driven with the same webhook-id, and 410 switches the endpoint off.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { recordOutboundEvent } from '../src/modules/webhooks/index.ts';
import { cookiesFrom, createTestApp, csrfTokenIn, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({
  jobs: true,
  env: { WEBHOOK_RETRY_SCHEDULE: '0,1,1', RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' },
});
const forms = signedInForms(app);
const admin = await createSession(db, principalFor('vendor_admin'));
const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();

type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };
const received: Received[] = [];
/** What the receiver answers next, per path; afterwards 200. */
const answers = new Map<string, { status: number; headers?: Record<string, string> }[]>();
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    const path = request.url ?? '';
    received.push({ path, headers: request.headers, body, at: Date.now() });
    const answer = answers.get(path)?.shift() ?? { status: 200 };
    response.writeHead(answer.status, answer.headers ?? {}).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
const receiverUrl = (path: string) => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const secretIn = (body: string) => /<code id="webhook-secret">(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(body)?.[1];

/** Adds an endpoint through the portal's form; returns its id and the secret shown once. */
async function addEndpoint(path: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const response = await forms.post(admin, '/leverandoer/webhooks', '/leverandoer/webhooks', {
    url: receiverUrl(path),
    eventTypes: eventTypes.map((type) => type.replaceAll('.', '_')),
  });
  assert.equal(response.statusCode, 200, response.body);
  const secret = secretIn(response.body);
  assert.ok(secret, 'the secret is shown once');
  const row = await db.selectFrom('webhook_endpoint').select('id').where('url', '=', receiverUrl(path)).executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

/** Switches an endpoint off at the end of a test, so later events do not go to it. */
const retire = (id: string) =>
  db.updateTable('webhook_endpoint').set({ status: 'disabled', disabled_reason: 'owner', disabled_at: new Date() }).where('id', '=', id).execute();

async function record(type: 'consent.withdrawn' | 'listing.suspended', data: Record<string, unknown>): Promise<string> {
  return db.transaction().execute(async (trx) => (await recordOutboundEvent(trx, { audience: { vendorId: vendor.id }, type, data })).id);
}

const at = (path: string) => received.filter((r) => r.path === path);
const header = (r: Received, name: string) => String(r.headers[name] ?? '');

test('an endpoint gets a signed message the standardwebhooks package verifies; a replay outside 5 minutes is refused', async () => {
  const { id, secret } = await addEndpoint('/signed', ['listing.suspended']);
  const stored = await db.selectFrom('webhook_secret').select('sealed').where('endpoint_id', '=', id).executeTakeFirstOrThrow();
  assert.ok(!stored.sealed.toString('latin1').includes(secret.slice(6)), 'the secret is sealed at rest');
  const list = await forms.open(admin, '/leverandoer/webhooks');
  assert.ok(!list.body.includes(secret), 'the secret is never shown again');

  const eventId = await record('listing.suspended', { listingId: '00000000-0000-4000-8000-000000000001', reason: 'test' });
  const message = await until('the message', () => at('/signed')[0]);
  assert.match(header(message, 'webhook-id'), /^msg_/);
  const payload = new Webhook(secret).verify(message.body, {
    'webhook-id': header(message, 'webhook-id'),
    'webhook-timestamp': header(message, 'webhook-timestamp'),
    'webhook-signature': header(message, 'webhook-signature'),
  }) as { type: string; timestamp: string; data: { id: string; reason: string } };
  assert.equal(payload.type, 'listing.suspended');
  assert.equal(payload.data.id, eventId);
  assert.equal(payload.data.reason, 'test');

  const realNow = Date.now;
  Date.now = () => realNow() + 6 * 60 * 1000;
  try {
    assert.throws(
      () =>
        new Webhook(secret).verify(message.body, {
          'webhook-id': header(message, 'webhook-id'),
          'webhook-timestamp': header(message, 'webhook-timestamp'),
          'webhook-signature': header(message, 'webhook-signature'),
        }),
      /timestamp too old/i,
    );
  } finally {
    Date.now = realNow;
  }
  assert.throws(() => new Webhook(secret).verify(`${message.body} `, message.headers as Record<string, string>), 'a changed body does not verify');
  await retire(id);
});

test('a 500 is retried with back-off under the same webhook-id; Retry-After pushes the next attempt back', async () => {
  const { id } = await addEndpoint('/flaky', ['listing.suspended']);
  answers.set('/flaky', [{ status: 500 }, { status: 503, headers: { 'retry-after': '3' } }]);
  await record('listing.suspended', { reason: 'retry' });
  const [first, second, third] = await until('three attempts', () => (at('/flaky').length >= 3 ? at('/flaky') : undefined));
  assert.ok(first && second && third);
  assert.equal(new Set([first, second, third].map((r) => header(r, 'webhook-id'))).size, 1, 'one delivery id across retries');
  assert.ok(second.at - first.at >= 850, `waited ${second.at - first.at} ms after the 500 (schedule: 1 s ± 10 %)`);
  assert.ok(third.at - second.at >= 2900, `waited ${third.at - second.at} ms after Retry-After: 3 (schedule alone: 1 s)`);
  assert.ok(Number(header(third, 'webhook-timestamp')) > Number(header(first, 'webhook-timestamp')), 'each attempt has its own timestamp');
  const delivery = await until('delivered', () =>
    db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', id).where('status', '=', 'delivered').executeTakeFirst(),
  );
  assert.equal(delivery.attempts, 3);
  await retire(id);
});

test('after the schedule the delivery is a dead letter; re-driven from the portal it arrives with the same webhook-id', async () => {
  const { id } = await addEndpoint('/down', ['listing.suspended']);
  answers.set('/down', [{ status: 500 }, { status: 500 }, { status: 500 }]);
  await record('listing.suspended', { reason: 'dead' });
  const dead = await until('a dead letter', () =>
    db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', id).where('status', '=', 'dead').executeTakeFirst(),
  );
  assert.equal(dead.attempts, 3, 'one attempt per step of the schedule (0,1,1)');
  assert.equal(dead.last_status, 500);
  const page = await forms.open(admin, '/leverandoer/webhooks');
  assert.match(page.body, new RegExp(`Send igen \\(${dead.message_id}\\)`));
  const redriven = await forms.post(admin, '/leverandoer/webhooks', `/leverandoer/webhooks/leveringer/${dead.id}/gensend`);
  assert.equal(redriven.statusCode, 303);
  const delivered = await until('the re-driven message', () => (at('/down').length === 4 ? at('/down')[3] : undefined));
  assert.equal(header(delivered, 'webhook-id'), dead.message_id);
  const after = await until('delivered', () =>
    db.selectFrom('webhook_delivery').selectAll().where('id', '=', dead.id).where('status', '=', 'delivered').executeTakeFirst(),
  );
  assert.equal(after.redrives, 1);
  const again = await forms.post(admin, '/leverandoer/webhooks', `/leverandoer/webhooks/leveringer/${dead.id}/gensend`);
  assert.equal(again.statusCode, 409, 'only a dead letter is re-driven');
  await retire(id);
});

test('410 Gone switches the endpoint off, and the portal says why', async () => {
  const { id } = await addEndpoint('/gone', ['listing.suspended']);
  answers.set('/gone', [{ status: 410 }]);
  await record('listing.suspended', { reason: 'gone' });
  const endpoint = await until('disabled', () =>
    db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).where('status', '=', 'disabled').executeTakeFirst(),
  );
  assert.equal(endpoint.disabled_reason, 'gone');
  await record('listing.suspended', { reason: 'after gone' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(at('/gone').length, 1, 'nothing more is sent to it');
  const page = await forms.open(admin, '/leverandoer/webhooks');
  assert.match(page.body, /modtageren svarede 410 Gone/);
});

test('during a rotation each message carries two signatures, and each secret verifies on its own', async () => {
  const { id, secret: first } = await addEndpoint('/rotate', ['consent.withdrawn']);
  const rotated = await forms.post(admin, '/leverandoer/webhooks', `/leverandoer/webhooks/${id}/roter`);
  assert.equal(rotated.statusCode, 200);
  assert.equal(rotated.headers['cache-control'], 'no-store');
  const second = secretIn(rotated.body);
  assert.ok(second && second !== first);
  await record('consent.withdrawn', { listingId: '00000000-0000-4000-8000-000000000002' });
  const message = await until('the message', () => at('/rotate')[0]);
  assert.equal(header(message, 'webhook-signature').split(' ').length, 2);
  for (const secret of [first, second]) {
    const [signature] = header(message, 'webhook-signature')
      .split(' ')
      .filter((s) => {
        try {
          new Webhook(secret).verify(message.body, { ...(message.headers as Record<string, string>), 'webhook-signature': s });
          return true;
        } catch {
          return false;
        }
      });
    assert.ok(signature, 'one of the two signatures is made with this secret');
  }
  await retire(id);
});

test('a form with a bad address or no event type is shown again with field messages and writes nothing', async () => {
  const before = await db
    .selectFrom('webhook_endpoint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const response = await forms.post(admin, '/leverandoer/webhooks', '/leverandoer/webhooks', { url: 'http://example.com/hook' });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /Adressen skal begynde med https:\/\//);
  assert.match(response.body, /Vælg mindst én hændelse/);
  assert.match(response.body, /value="http:\/\/example.com\/hook"/);
  const afterCount = await db
    .selectFrom('webhook_endpoint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
  const developer = await createSession(db, principalFor('vendor_developer'));
  const page = await app.inject({ url: '/leverandoer/webhooks', headers: { cookie: `jobunivers-session=${developer}` } });
  const byDeveloper = await app.inject({
    method: 'POST',
    url: '/leverandoer/webhooks',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${developer}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), url: 'https://example.com/hook', eventTypes: 'consent_withdrawn' }).toString(),
  });
  assert.equal(byDeveloper.statusCode, 403);
});
