import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { routeModules } from '../src/modules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp } from './support/app.ts';
import { temporaryFolder } from './support/temporary.ts';

const token = 'metrics-test-token-0123456789abcdefghij';
const { app, config, db, pool } = await createTestApp({ seed: false, env: { METRICS_TOKEN: token } });
const promtool = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

async function scrape(): Promise<string> {
  await app.inject({ url: '/healthz' });
  const response = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200);
  return response.body;
}

test('/metrics refuses a scrape without the bearer token, or with a wrong one, with a problem answer', async () => {
  const cases = [
    {},
    { authorization: 'Bearer wrong-token-of-some-length-0123456789' },
    { authorization: `Basic ${Buffer.from(`prometheus:${token}`).toString('base64')}` },
    { authorization: `Bearer ${token}x` },
  ];
  for (const headers of cases) {
    // Prometheus asks for its text formats with */* last; the answer is still a problem, not a page or a sign-in.
    const response = await app.inject({
      url: '/metrics',
      headers: { ...headers, accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1' },
    });
    assert.equal(response.statusCode, 401, JSON.stringify(headers));
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'UNAUTHENTICATED');
    assert.match(String(response.headers['www-authenticate']), /^Bearer/);
    assert.doesNotMatch(response.body, /http_requests_total|nodejs_/);
  }
});

test('/metrics answers with the token from METRICS_TOKEN', async () => {
  const text = await scrape();
  assert.match(text, /^# HELP http_requests_total /m);
  assert.match(text, /db_pool_connections\{state="total"\}/);
});

test('without METRICS_TOKEN, production serves no metrics at all, and development makes a local secret', async () => {
  const production = await buildApp(
    { config: { ...config, env: 'production', metricsToken: undefined }, db, pool, logger: createLogger({ level: 'silent' }) },
    routeModules,
  );
  try {
    for (const authorization of [undefined, 'Bearer ', `Bearer ${token}`]) {
      const response = await production.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      assert.equal(response.statusCode, 404);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    }
  } finally {
    await production.close();
  }
  const base = { DATA_DIR: temporaryFolder('jobunivers-metrics-'), COOKIE_SECRET: 'x'.repeat(40) };
  assert.equal(loadConfig({ ...base, NODE_ENV: 'production', TEST_IDP_ENABLED: 'false', SIMULATORS_ENABLED: 'false' }).metricsToken, undefined);
  assert.equal(
    loadConfig({ ...base, NODE_ENV: 'production', TEST_IDP_ENABLED: 'false', SIMULATORS_ENABLED: 'false', METRICS_TOKEN: token }).metricsToken,
    token,
  );
  const local = loadConfig({ ...base, NODE_ENV: 'development' }).metricsToken;
  assert.ok(local && local.length >= 32, 'a generated secret');
  assert.equal(loadConfig({ ...base, NODE_ENV: 'development' }).metricsToken, local, 'kept across restarts');
  assert.throws(() => loadConfig({ ...base, METRICS_TOKEN: 'short' }), /METRICS_TOKEN/);
});

test('every metric is named as its type says (no _total on a gauge): promtool check metrics finds nothing', async (t) => {
  const text = await scrape();
  assert.doesNotMatch(text, /^# TYPE \S+_total gauge$/m);
  if (!existsSync(promtool)) {
    t.skip(`promtool is not installed (${promtool}); apt-get install -y prometheus provides it`);
    return;
  }
  const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(text);
  const code = await exited;
  assert.equal(output.trim(), '', 'promtool reports nothing');
  assert.equal(code, 0);
});
