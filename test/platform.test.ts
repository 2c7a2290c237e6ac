import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createTestApp } from './support/app.ts';
import { createTestDatabase } from './support/database.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { routeModules } from '../src/modules.ts';
import { createLogger } from '../src/platform/logger.ts';

const { app, config, db, pool } = await createTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '5' } });

test('liveness and readiness answer when the database is migrated', async () => {
  assert.deepEqual((await app.inject({ url: '/healthz' })).json(), { status: 'ok' });
  const ready = await app.inject({ url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(ready.json(), { status: 'ready', database: 'reachable', pendingMigrations: [] });
});

test('readiness fails while migrations are missing, and passes once they are applied', async () => {
  const empty = await createTestDatabase({ migrated: false });
  const logger = createLogger({ level: 'silent' });
  const unmigrated = await buildApp({ config, db: empty.db, pool: empty.pool, logger }, routeModules);
  const before = await unmigrated.inject({ url: '/readyz' });
  assert.equal(before.statusCode, 503);
  assert.ok(before.json().pendingMigrations.includes('0002_municipalities_reference'));
  const applied = await migrateToLatest(empty.db);
  assert.ok(applied.length >= 4);
  assert.equal((await unmigrated.inject({ url: '/readyz' })).statusCode, 200);
  assert.deepEqual(await migrateToLatest(empty.db), [], 'a second run applies nothing');
  await unmigrated.close();
});

test('with SERVER_TIMING every answer says how long the app worked on it, the provider’s included; without it none does', async () => {
  assert.equal((await app.inject({ url: '/healthz' })).headers['server-timing'], undefined);
  const timed = await buildApp({ config: { ...config, serverTiming: true }, db, pool, logger: createLogger({ level: 'silent' }) }, routeModules);
  try {
    for (const url of ['/healthz', '/katalog', '/oidc/.well-known/openid-configuration', '/ingen-side']) {
      const response = await timed.inject({ url });
      assert.match(String(response.headers['server-timing']), /^app;dur=\d+\.\d\d$/, url);
    }
  } finally {
    await timed.close();
  }
});

test('the OpenAPI 3.1 document describes the API routes and only them', async () => {
  const response = await app.inject({ url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const doc = response.json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/municipalities'].get);
  assert.ok(doc.paths['/api/municipalities/{code}'].get.responses['404']);
  assert.deepEqual(
    Object.keys(doc.paths).filter((p) => !p.startsWith('/api/')),
    [],
  );
  const params = doc.paths['/api/municipalities'].get.parameters.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(params, ['cursor', 'limit', 'region']);
});

test('the API docs page renders every operation readably', async () => {
  const response = await app.inject({ url: '/api/docs' });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<code>GET \/api\/municipalities<\/code>/);
  assert.match(response.body, /<code>GET \/api\/municipalities\/\{code\}<\/code>/);
});

test('metrics count requests per route and show the database pool', async () => {
  await app.inject({ url: '/kommuner/101' });
  await app.inject({ url: '/kommuner/101' });
  const text = (await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${config.metricsToken}` } })).body;
  const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes('route="/kommuner/:code"'));
  assert.ok(line, 'a counter for the page route');
  assert.ok(Number(line.split(' ').at(-1)) >= 2);
  assert.match(text, /http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/kommuner\/:code",status_code="200"\}/);
  assert.match(text, /db_pool_connections\{state="total"\}/);
});

test('the API is rate limited with a problem answer that says when to retry', async () => {
  let last;
  for (let i = 0; i < 6; i++) last = await app.inject({ url: '/api/municipalities/101', remoteAddress: '10.9.9.9' });
  assert.ok(last);
  assert.equal(last.statusCode, 429);
  assert.equal(last.json().code, 'RATE_LIMITED');
  assert.ok(Number(last.headers['retry-after']) > 0);
  const other = await app.inject({ url: '/api/municipalities/101', remoteAddress: '10.9.9.10' });
  assert.equal(other.statusCode, 200, 'another client is not affected');
});
