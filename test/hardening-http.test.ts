// Issue 12: the HTTP layer's answers to hostile or broken requests — return paths that leave the site, security
// headers on what the mounted OpenID Providers answer, errors that used to escape the one error handler, and the
// CSRF token's binding to the session.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { testPersons } from '../src/modules/identity/index.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';
import { formToken, HttpClient, type Page } from './support/http-client.ts';

const logLines: string[] = [];
const { app, db } = await createTestApp({ listen: true, logLines, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const origin = app.listeningOrigin;

/** Log lines at error level or worse (pino: 50 and up) written while `work` ran. */
async function errorLogsDuring(work: () => Promise<void>): Promise<string[]> {
  const from = logLines.length;
  await work();
  return logLines.slice(from).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}

// ---- 1. Open redirects ----

const hostile = [
  '/%09/evil.example/x',
  '/\t/evil.example/x',
  '//evil.example/x',
  '/\\evil.example',
  '\\/evil.example',
  'https://evil.example/',
  '/%0d%0aSet-Cookie:x=1',
  '/%0a/x',
  'javascript:alert(1)',
  'x',
];

test('the language switch sends the reader back only to a path on this site', async () => {
  for (const value of hostile) {
    const response = await app.inject({ url: `/sprog?${new URLSearchParams({ til: 'en', tilbage: value }).toString()}` });
    assert.equal(response.statusCode, 303, `${JSON.stringify(value)}: ${response.body.slice(0, 200)}`);
    assert.equal(response.headers.location, '/', `${JSON.stringify(value)} falls back to the front page`);
  }
  const fine = await app.inject({ url: `/sprog?${new URLSearchParams({ til: 'en', tilbage: '/borger/jobrejse?x=1#y' }).toString()}` });
  assert.equal(fine.headers.location, '/borger/jobrejse?x=1#y');
});

test('the probe’s own requests: a TAB or LF in the language switch’s return path is no redirect off the site and no error', async () => {
  for (const raw of ['/sprog?til=da&tilbage=/%09/evil.example/x', '/sprog?til=da&tilbage=/%0a/x', '/sprog?til=da&tilbage=/%0d%0a/x']) {
    const errors = await errorLogsDuring(async () => {
      const response = await fetch(new URL(raw, origin), { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(response.status, 303, raw);
      assert.equal(response.headers.get('location'), '/', raw);
    });
    assert.deepEqual(errors, [], `no error-level log for ${raw}`);
  }
});

const personId = (name: string) => testPersons.find((p) => p.name === name)?.id ?? '';

/** Signs a citizen in from `start` on the test IdP, and gives the Location the app's callback answered with. */
async function signInReturnsTo(start: string): Promise<string | undefined> {
  const client = new HttpClient(origin);
  const idpPage = await client.navigate(start);
  assert.match(idpPage.url, /\/test-idp-login\//, idpPage.visited.join(' → '));
  let page: Page = await client.request(new URL(idpPage.url).pathname, {
    form: { _csrf: formToken(idpPage.body), person: personId('Mette Jensen'), level: 'Substantial', municipality: '' },
  });
  for (let hops = 0; page.location && hops < 10; hops++) {
    if (new URL(page.url).pathname === '/auth/callback') return page.location;
    page = await client.request(new URL(page.location, page.url).href);
  }
  assert.fail(`the sign-in never reached the callback (${page.status} ${page.url})`);
}

test('after a complete sign-in the browser goes back only to a path on this site', async () => {
  for (const value of ['/%09/evil.example/x', '//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
    const location = await signInReturnsTo(`/log-ind/borger?${new URLSearchParams({ tilbage: value }).toString()}`);
    assert.equal(location, '/borger', `${JSON.stringify(value)} falls back to the citizen's start page`);
  }
  assert.equal(await signInReturnsTo('/log-ind/borger?tilbage=%2F%09%2Fevil.example%2Fx'), '/borger', 'an encoded TAB as the probe sent it');
  assert.equal(await signInReturnsTo(`/log-ind/borger?${new URLSearchParams({ tilbage: '/borger/min-log?x=1' }).toString()}`), '/borger/min-log?x=1');
});

// ---- 5. Security headers on what the OpenID Providers answer ----

function assertSecurityHeaders(headers: Headers, what: string) {
  assert.match(headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `${what}: CSP with frame-ancestors`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', `${what}: Referrer-Policy`);
  assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN', `${what}: X-Frame-Options`);
}

test('the OpenID Providers’ answers carry the platform’s security headers', async () => {
  for (const path of [
    '/oidc/.well-known/openid-configuration',
    '/oidc/session/end',
    '/test-idp/.well-known/openid-configuration',
    '/test-idp/session/end',
    '/oidc/nothing-here',
  ]) {
    const response = await fetch(new URL(path, origin), { redirect: 'manual', headers: { accept: 'text/html' } });
    await response.arrayBuffer();
    assertSecurityHeaders(response.headers, `${path} (${response.status})`);
  }
  const client = new HttpClient(origin);
  const login = await client.navigate('/log-ind/borger');
  assert.match(login.url, /\/test-idp-login\//);
  assertSecurityHeaders(login.headers, 'the test IdP’s login page');
  const authorize = (await client.navigate('/log-ind/borger')).visited.find((url) => url.includes('/test-idp/auth'));
  assert.ok(authorize, 'the sign-in passes the test IdP’s authorization endpoint');
  const atAuthorize = await fetch(authorize, { redirect: 'manual' });
  assertSecurityHeaders(atAuthorize.headers, 'the test IdP’s authorization endpoint');
});

test('with https the OpenID Providers’ answers carry HSTS too', async () => {
  const secure = await createTestApp({ env: { BASE_URL: 'https://jobunivers.example' } });
  for (const url of ['/oidc/.well-known/openid-configuration', '/test-idp/.well-known/openid-configuration', '/']) {
    const response = await secure.app.inject({ url });
    assert.match(String(response.headers['strict-transport-security'] ?? ''), /max-age=\d+/, url);
    assert.match(String(response.headers['content-security-policy'] ?? ''), /frame-ancestors 'none'/, url);
  }
});

// ---- 6. Errors that bypassed the error handler ----

const longId = 'a'.repeat(120);

test('a too long path parameter is a friendly page for a browser and problem+json for the API, logged below error', async () => {
  const errors = await errorLogsDuring(async () => {
    const page = await app.inject({ url: `/oidc-interaktion/${longId}`, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404, page.body.slice(0, 200));
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<html lang="da"/);
    assert.match(page.body, /Siden findes ikke/);
    assert.doesNotMatch(page.body, /FST_ERR/);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);

    const api = await app.inject({ url: `/api/municipalities/${longId}` });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    assert.equal(api.json<{ code: string }>().code, 'NOT_FOUND');
  });
  assert.deepEqual(errors, []);
});

test('a malformed URL, a malformed JSON body and an unknown content type end in the one error handler', async () => {
  const errors = await errorLogsDuring(async () => {
    const page = await app.inject({ url: '/kommuner/%E0%A4%A', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 400, page.body.slice(0, 200));
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.doesNotMatch(page.body, /FST_ERR/);

    const badUrlApi = await app.inject({ url: '/api/municipalities/%E0%A4%A' });
    assert.equal(badUrlApi.statusCode, 400);
    assert.match(String(badUrlApi.headers['content-type']), /^application\/problem\+json/);
    assert.equal(badUrlApi.json<{ code: string }>().code, 'VALIDATION');

    const json = await app.inject({ method: 'POST', url: '/api/vendor/v1/token', headers: { 'content-type': 'application/json' }, payload: '{"grant_type":' });
    assert.equal(json.statusCode, 400);
    assert.match(String(json.headers['content-type']), /^application\/(problem\+)?json/);
    assert.doesNotMatch(json.body, /FST_ERR|SyntaxError/);

    const type = await app.inject({
      method: 'POST',
      url: '/tilgaengelighed',
      headers: { 'content-type': 'text/x-nonsense', accept: 'text/html' },
      payload: 'x',
    });
    assert.equal(type.statusCode, 415);
    assert.match(String(type.headers['content-type']), /^text\/html/);
  });
  assert.deepEqual(errors, []);
});

test('a header value the app cannot send (a CR or LF from the request) is a friendly 400, not a raw 500', async () => {
  const extra = await createTestApp({
    seed: false,
    logLines,
    extraRoutes: [
      (a) => {
        a.get('/test-only/echo-location', { config: { access: { public: true } } }, async (request, reply) =>
          reply.redirect(String((request.query as { to?: string }).to), 303),
        );
      },
    ],
  });
  const errors = await errorLogsDuring(async () => {
    const response = await extra.app.inject({ url: '/test-only/echo-location?to=%2F%0a%2Fx', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 400, response.body.slice(0, 200));
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.doesNotMatch(response.body, /ERR_INVALID_CHAR/);
  });
  assert.deepEqual(errors, []);
});

test('a request line the server cannot parse is answered as problem+json with the security headers', async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write('GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n');
  });
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.match(answer, /content-type: application\/problem\+json/i);
  assert.match(answer, /content-security-policy: [^\r]*frame-ancestors 'none'/i);
  assert.match(answer, /"code":"VALIDATION"/);
});

// ---- 8. The CSRF token belongs to the session it was made for ----

async function formPair(cookie = '') {
  const page = await app.inject({ url: '/tilgaengelighed', headers: { cookie } });
  assert.equal(page.statusCode, 200);
  return { cookie: cookiesFrom(page, cookie), token: csrfTokenIn(page.body) };
}

const csrfPart = (cookie: string) =>
  cookie
    .split('; ')
    .filter((pair) => pair.startsWith('_csrf='))
    .join('; ');

test('a cookie and token made in another browser do not work with the victim’s session', async () => {
  const victim = await createSession(
    db,
    principalFor('citizen', { citizenId: (await createCitizen(db, { municipalityCode: '101' })).id, nsisLevel: 'Substantial' }),
  );
  const other = await createSession(
    db,
    principalFor('citizen', { citizenId: (await createCitizen(db, { municipalityCode: '101' })).id, nsisLevel: 'Substantial' }),
  );
  const session = `jobunivers-session=${victim}`;
  const send = (pair: { cookie: string; token: string }) =>
    app.inject({
      method: 'POST',
      url: '/tilgaengelighed',
      headers: { cookie: `${csrfPart(pair.cookie)}; ${session}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: pair.token, description: 'Knappen kan ikke nås med tastatur' }).toString(),
    });

  for (const [whose, pair] of [
    ['signed out', await formPair()],
    ['another person’s session', await formPair(`jobunivers-session=${other}`)],
  ] as const) {
    const response = await send(pair);
    assert.equal(response.statusCode, 403, `a pair made ${whose}`);
    assert.match(response.body, /Du har ikke adgang til siden/);
  }
  const own = await send(await formPair(session));
  assert.equal(own.statusCode, 303, 'the victim’s own pair works');

  const signedOut = await formPair();
  const anonymous = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { cookie: signedOut.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: signedOut.token, description: 'Knappen kan ikke nås med tastatur' }).toString(),
  });
  assert.equal(anonymous.statusCode, 303, 'a signed-out visitor’s form still works');
});

test('signing a victim out everywhere with a foreign cookie and token is refused', async () => {
  const victim = await createSession(
    db,
    principalFor('citizen', { citizenId: (await createCitizen(db, { municipalityCode: '101' })).id, nsisLevel: 'Substantial' }),
  );
  const foreign = await formPair();
  const response = await app.inject({
    method: 'POST',
    url: '/log-af/alle',
    headers: { cookie: `${csrfPart(foreign.cookie)}; jobunivers-session=${victim}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: foreign.token }).toString(),
  });
  assert.equal(response.statusCode, 403);
  const still = await app.inject({ url: '/borger', headers: { cookie: `jobunivers-session=${victim}` } });
  assert.equal(still.statusCode, 200, 'the victim is still signed in');
});
