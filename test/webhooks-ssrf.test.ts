// The webhook sender must not be turned against the platform's own network (SSRF): in production an endpoint is https
// and its host may not resolve to a loopback, private, link-local or unique-local address — checked when the endpoint
// is added (a field message) and again before each send (refused, the reason recorded). Outside production http to
// 127.0.0.1/localhost stays allowed for a developer's receiver (test/webhooks.test.ts uses it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { isForbiddenAddress, refusedEndpointAddress, runWebhookDelivery } from '../src/modules/webhooks/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

test('the rule: which addresses a webhook may go to', async () => {
  for (const address of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
    assert.equal(isForbiddenAddress(address), true, address);
  for (const address of ['::1', '::', 'fe80::1', 'fd00::1', 'fc12:3456::1', '::ffff:10.0.0.1', '::ffff:7f00:1'])
    assert.equal(isForbiddenAddress(address), true, address);
  for (const address of ['8.8.8.8', '172.32.0.1', '193.163.0.1', '2a00:1450:4010:c05::64']) assert.equal(isForbiddenAddress(address), false, address);

  const resolvingTo = (addresses: string[]) => () => Promise.resolve(addresses);
  const production = { production: true };
  const why = async (url: string, options: Parameters<typeof refusedEndpointAddress>[1]) => {
    const refusal = await refusedEndpointAddress(url, options);
    return refusal && `${refusal.why}: ${refusal.detail}`;
  };
  assert.match((await why('http://hooks.example.com/x', production)) ?? '', /^https/);
  assert.match((await why('https://10.0.0.7/x', production)) ?? '', /^internal: 10\.0\.0\.7/);
  assert.match((await why('https://[::1]:8443/x', production)) ?? '', /^internal: ::1/);
  assert.match(
    (await why('https://hooks.example.com/x', { ...production, lookup: resolvingTo(['93.184.216.34', '192.168.0.9']) })) ?? '',
    /^internal: .*192\.168\.0\.9/,
    'one private address among several is enough to refuse',
  );
  assert.equal(await refusedEndpointAddress('https://hooks.example.com/x', { ...production, lookup: resolvingTo(['93.184.216.34']) }), undefined);
  assert.match((await why('https://nowhere.invalid/x', { ...production, lookup: () => Promise.reject(new Error('ENOTFOUND')) })) ?? '', /^unresolvable/);
  assert.equal(await refusedEndpointAddress('http://127.0.0.1:4000/hook', { production: false }), undefined, 'a developer’s receiver');
  assert.equal(await refusedEndpointAddress('http://localhost:4000/hook', { production: false }), undefined);
});

const { app, db, config } = await createTestApp({
  env: {
    NODE_ENV: 'production',
    COOKIE_SECRET: 'a-production-like-cookie-secret-of-enough-length',
    TEST_IDP_ENABLED: 'false',
    SIMULATORS_ENABLED: 'false',
    RATE_LIMIT_FORMS_PER_MINUTE: '100000',
  },
});
const forms = signedInForms(app);

test('in production the form refuses an address inside the platform’s network with a field message, and writes nothing', async () => {
  const admin = await createSession(db, principalFor('municipal_admin', { municipalityCode: '101' }));
  const count = async () =>
    (
      await db
        .selectFrom('webhook_endpoint')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const before = await count();
  for (const url of ['https://10.0.0.1/hook', 'https://localhost/hook', 'https://[fd00::1]/hook']) {
    const response = await forms.post(admin, '/kommune/webhooks', '/kommune/webhooks', { url, eventTypes: 'escalation_created' });
    assert.equal(response.statusCode, 400, url);
    assert.match(response.body, /Adressen peger ind i et internt net/, url);
    assert.ok(response.body.includes(`value="${url}"`), `${url} is shown again`);
  }
  assert.equal(await count(), before);
});

test('in production a delivery to a host that now resolves inside the network is refused before sending, and the reason is kept', async () => {
  // An endpoint whose name pointed elsewhere when it was added (a fixture by the database owner).
  const endpoint = await db
    .insertInto('webhook_endpoint')
    .values({ municipality_code: '101', url: 'https://localhost:9/hook', event_types: ['escalation.created'], created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('webhook_delivery').values({ endpoint_id: endpoint.id }).execute();
  const sent: string[] = [];
  const spy: typeof fetch = (input) => {
    sent.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(null, { status: 200 }));
  };
  await runWebhookDelivery({ db, config, logger: pino({ level: 'silent' }), fetch: spy });
  assert.deepEqual(sent, [], 'nothing was sent');
  const delivery = await db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', endpoint.id).executeTakeFirstOrThrow();
  assert.equal(delivery.status, 'pending', 'retried later (the name may point elsewhere again)');
  assert.equal(delivery.attempts, 1);
  assert.match(delivery.last_error ?? '', /^Refused: localhost resolves to (127\.0\.0\.1|::1)/);
});
