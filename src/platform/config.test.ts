import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'jobunivers-config-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...environment });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a configuration error');
}

test('defaults give a working development configuration', () => {
  const config = loadConfig({ DATA_DIR: dataDir });
  assert.equal(config.port, 3000);
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.env, 'development');
  assert.equal(config.seedDemo, true);
  assert.equal(config.database.url, undefined);
  assert.equal(config.secureCookies, false);
  assert.ok(config.cookieSecret.length >= 32);
  assert.equal(loadConfig({ DATA_DIR: dataDir }).cookieSecret, config.cookieSecret, 'the local secret survives restarts');
});

test('each bad setting is named in one plain sentence', () => {
  assert.deepEqual(problemsOf({ PORT: 'abc' }), ['PORT="abc" must be a port number between 0 and 65535.']);
  assert.deepEqual(problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://x' }), [
    'PORT="70000" must be a port number between 0 and 65535.',
    'DATABASE_URL="mysql://x" must be a postgres:// connection URL.',
  ]);
  assert.deepEqual(problemsOf({ SEED_DEMO: 'maybe' }), ['SEED_DEMO="maybe" must be true or false.']);
});

test('a DATA_DIR that cannot be written is refused', () => {
  // Root passes every permission check, so the unwritable place is one below a plain file.
  const file = path.join(dataDir, 'a-file');
  writeFileSync(file, '');
  const problems = problemsOf({ DATA_DIR: path.join(file, 'data') });
  assert.deepEqual(problems, [`DATA_DIR=${path.join(file, 'data')} is not a writable folder; choose a folder this user may write to.`]);
});

test('production refuses to start while the built-in test identity provider is on', () => {
  assert.deepEqual(problemsOf({ NODE_ENV: 'production', COOKIE_SECRET: 'x'.repeat(40), TEST_IDP_ENABLED: 'true' }), [
    'TEST_IDP_ENABLED must be false in production: the built-in test identity provider lets anyone sign in as anyone.',
  ]);
  assert.equal(loadConfig({ DATA_DIR: dataDir }).testIdp.enabled, true, 'on by default outside production');
});

test('identity providers come from IDENTITY_PROVIDERS as JSON, checked field by field', () => {
  const providers = [{ audience: 'staff', issuer: 'https://idp.kommune.example', clientId: 'jobunivers', clientSecret: 's', municipalities: ['101'] }];
  assert.deepEqual(loadConfig({ DATA_DIR: dataDir, IDENTITY_PROVIDERS: JSON.stringify(providers) }).identityProviders, providers);
  assert.equal(problemsOf({ IDENTITY_PROVIDERS: 'not json' }).length, 1);
  assert.deepEqual(problemsOf({ IDENTITY_PROVIDERS: '[{"audience":"staff","issuer":"not a url","clientId":"x","clientSecret":"y"}]' }), [
    'IDENTITY_PROVIDERS: 0.issuer is wrong (Invalid URL).',
  ]);
});

test('production refuses to start without a cookie secret, and turns the demo seed off', () => {
  assert.deepEqual(problemsOf({ NODE_ENV: 'production' }), ['COOKIE_SECRET must be set in production (at least 32 random characters).']);
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', COOKIE_SECRET: 'x'.repeat(40), BASE_URL: 'https://jobunivers.example.dk/' });
  assert.equal(config.seedDemo, false);
  assert.equal(config.secureCookies, true);
  assert.equal(config.baseUrl, 'https://jobunivers.example.dk');
});

test('mail: the local SMTP catcher by default outside production without SMTP_URL; SMTP_URL and MAIL_FROM are checked', () => {
  assert.deepEqual(loadConfig({ DATA_DIR: dataDir }).mail, { smtpUrl: undefined, from: 'Jobunivers <ikke-svar@jobunivers.localhost>', catcher: true });
  assert.equal(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).mail.catcher, true);
  assert.deepEqual(loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtps://jobunivers:hemmelig@smtp.example.dk:465', MAIL_FROM: 'ikke-svar@jobunivers.dk' }).mail, {
    smtpUrl: 'smtps://jobunivers:hemmelig@smtp.example.dk:465',
    from: 'ikke-svar@jobunivers.dk',
    catcher: false,
  });
  assert.equal(loadConfig({ DATA_DIR: dataDir, MAIL_CATCHER: 'false' }).mail.catcher, false, 'mail can be turned off outside production');
  assert.equal(loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_CATCHER: 'true' }).mail.catcher, true, 'asked for, the catcher wins');
  // A bad SMTP_URL is named without its password.
  assert.deepEqual(problemsOf({ SMTP_URL: 'https://jobunivers:hemmelig@smtp.example.dk' }), [
    'SMTP_URL="https://jobunivers:***@smtp.example.dk/" must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.dk:465.',
  ]);
  assert.deepEqual(problemsOf({ MAIL_FROM: 'Jobunivers' }), [
    'MAIL_FROM="Jobunivers" must be an e-mail address, with a name before it if wanted: Jobunivers <ikke-svar@jobunivers.dk>.',
  ]);
  assert.deepEqual(problemsOf({ MAIL_CATCHER: 'måske' }), ['MAIL_CATCHER="måske" must be true or false.']);
});

test('mail in production: off without SMTP_URL, and the catcher is refused', () => {
  const production = { NODE_ENV: 'production', COOKIE_SECRET: 'x'.repeat(40) };
  assert.deepEqual(loadConfig({ DATA_DIR: dataDir, ...production }).mail, {
    smtpUrl: undefined,
    from: 'Jobunivers <ikke-svar@jobunivers.localhost>',
    catcher: false,
  });
  assert.equal(loadConfig({ DATA_DIR: dataDir, ...production, SMTP_URL: 'smtp://smtp.example.dk:587' }).mail.smtpUrl, 'smtp://smtp.example.dk:587');
  assert.deepEqual(problemsOf({ ...production, MAIL_CATCHER: 'true' }), [
    'MAIL_CATCHER must be false in production: the local SMTP catcher keeps every mail instead of sending it and shows them to anyone.',
  ]);
});
