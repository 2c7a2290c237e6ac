// The vendor API end to end: an administrator creates an API client in the portal, the client gets a token
// with OAuth 2 client credentials, and manages listings with it; bad tokens, revoked clients and other
// companies' listings are refused.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const admin = await createSession(db, principalFor('vendor_admin'));
const developer = await createSession(db, principalFor('vendor_developer'));
const otherAdmin = await createSession(db, { ...principalFor('vendor_admin'), vendor: { cvr: '39000032', name: 'Sprogbroen ApS (test)' } });

async function createClient(token: string, name: string) {
  const page = await app.inject({ url: '/leverandoer/api-noegler', headers: { cookie: `jobunivers-session=${token}` } });
  const response = await app.inject({
    method: 'POST',
    url: '/leverandoer/api-noegler',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), name }).toString(),
  });
  const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(response.body)?.[1] ?? '';
  const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(response.body)?.[1] ?? '';
  return { response, clientId, clientSecret };
}

async function tokenFor(clientId: string, clientSecret: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ access_token: string }>().access_token;
}

const api = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'da' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const { response: created, clientId, clientSecret } = await createClient(admin, 'Byggeserver');

test('the administrator creates an API client and sees its secret once; only a hash is stored; a developer cannot create one', async () => {
  assert.equal(created.statusCode, 200);
  assert.match(created.body, /Kopiér hemmeligheden nu/);
  assert.match(clientId, /^jvc_/);
  assert.match(clientSecret, /^jvs_/);
  const row = await db.selectFrom('vendor_api_client').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
  assert.deepEqual(row.secret_hash, createHash('sha256').update(clientSecret).digest());
  const list = await app.inject({ url: '/leverandoer/api-noegler', headers: { cookie: `jobunivers-session=${admin}` } });
  assert.match(list.body, /Byggeserver/);
  assert.doesNotMatch(list.body, new RegExp(clientSecret), 'the secret is never shown again');
  const byDeveloper = await createClient(developer, 'Udviklerens klient');
  assert.equal(byDeveloper.response.statusCode, 403);
});

test('the token endpoint follows RFC 6749: Basic or body credentials, invalid_client, unsupported_grant_type', async () => {
  const viaBody = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  assert.equal(viaBody.statusCode, 200);
  assert.equal(viaBody.json().token_type, 'Bearer');
  assert.equal(viaBody.json().expires_in, 600);
  assert.equal(viaBody.headers['cache-control'], 'no-store');

  const wrong = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:jvs_wrong`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error, 'invalid_client');
  assert.match(wrong.headers['www-authenticate'] as string, /^Basic/);

  const grant = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=password&client_id=${clientId}&client_secret=${clientSecret}`,
  });
  assert.equal(grant.statusCode, 400);
  assert.equal(grant.json().error, 'unsupported_grant_type');
});

test('with a token the company creates, fills in and submits a listing; bad input gets field-level problems and stores nothing', async () => {
  const token = await tokenFor(clientId, clientSecret);
  const before = await db
    .selectFrom('listing')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const bad = await api(token, 'POST', '/api/vendor/v1/listings', {
    nameDa: '<script>alert(1)</script> Jobklub',
    descriptionDa: 'x'.repeat(1_000_000),
    priceModel: 'gratis',
    journeyStage: 'on_the_moon',
    serviceUrl: 'not a url',
    colour: 'blue',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
  const fields = new Map((bad.json().errors as { field: string; detail: string }[]).map((e) => [e.field, e.detail]));
  assert.equal(fields.get('descriptionDa'), 'Skriv højst 10000 tegn.');
  assert.equal(fields.get('priceModel'), 'Vælg en af mulighederne.');
  assert.match(fields.get('serviceUrl') ?? '', /gyldig adresse/);
  assert.equal(fields.get('colour'), 'Feltet kendes ikke.');
  const unknownCode = await api(token, 'POST', '/api/vendor/v1/listings', { journeyStage: 'on_the_moon', categories: ['interview', 'astrology'] });
  assert.equal(unknownCode.statusCode, 400);
  assert.deepEqual(
    (unknownCode.json().errors as { field: string }[]).map((e) => e.field),
    ['journeyStage', 'categories.1'],
  );
  const after = await db
    .selectFrom('listing')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(after.n, before.n, 'nothing stored');

  const draft = await api(token, 'POST', '/api/vendor/v1/listings', { nameDa: 'API-jobklubben <b>', nameEn: 'The API job club' });
  assert.equal(draft.statusCode, 201);
  const listingId = draft.json().id as string;
  assert.equal(draft.headers.location, `/api/vendor/v1/listings/${listingId}`);
  assert.equal(draft.json().open.status, 'draft');
  assert.equal(draft.json().open.nameDa, 'API-jobklubben <b>', 'JSON carries the text as given; pages escape it');

  const failed = await api(token, 'POST', `/api/vendor/v1/listings/${listingId}/submit`);
  assert.equal(failed.statusCode, 200);
  assert.equal(failed.json().status, 'checks_failed');
  const required = (failed.json().checks as { code: string; outcome: string; fix: string | null }[]).find((c) => c.code === 'required_fields');
  assert.equal(required?.outcome, 'failed');
  assert.match(required?.fix ?? '', /udfyld felterne/);

  const complete = {
    nameDa: 'API-jobklubben',
    nameEn: 'The API job club',
    summaryDa: 'Mød andre jobsøgende online hver uge og del erfaringer.',
    summaryEn: 'Meet other jobseekers online every week and share experience.',
    descriptionDa: 'Ugentlige møder med en facilitator.',
    descriptionEn: 'Weekly meetings with a facilitator.',
    journeyStage: 'search',
    categories: ['networking'],
    targetGroups: ['job_ready'],
    languages: ['da'],
    channels: ['video'],
    priceModel: 'free',
    requiredNsisLevel: 'Substantial',
    serviceUrl: 'https://jobklub.example/start',
    accessibilityStatementUrl: 'https://jobklub.example/was',
    redirectUris: ['https://jobklub.example/cb'],
    clientAuthMethod: 'client_secret_basic',
    dataCategories: [{ category: 'profile', purposeDa: 'At vise dit navn', purposeEn: 'To show your name', legalBasis: 'consent' }],
  };
  const saved = await api(token, 'PUT', `/api/vendor/v1/listings/${listingId}/draft`, complete);
  assert.equal(saved.statusCode, 200, saved.body);
  const submitted = await api(token, 'POST', `/api/vendor/v1/listings/${listingId}/submit`);
  assert.equal(submitted.json().status, 'in_review', JSON.stringify(submitted.json().checks));
  const shown = await api(token, 'GET', `/api/vendor/v1/listings/${listingId}`);
  assert.equal(shown.json().open.status, 'in_review');
  assert.deepEqual((shown.json().history as { to: string; actorRole: string }[]).map((h) => `${h.to}/${h.actorRole}`).reverse(), [
    'draft/vendor_api',
    'submitted/vendor_api',
    'checks_failed/system',
    'submitted/vendor_api',
    'in_review/system',
  ]);
  const editLocked = await api(token, 'PUT', `/api/vendor/v1/listings/${listingId}/draft`, complete);
  assert.equal(editLocked.statusCode, 409, 'a version in review cannot be changed');

  const list = await api(token, 'GET', '/api/vendor/v1/listings');
  assert.ok((list.json().items as { id: string }[]).some((item) => item.id === listingId));
});

test('another company’s listing is not found; no token, a bad token, an expired token and a revoked client are refused', async () => {
  const token = await tokenFor(clientId, clientSecret);
  const other = await createClient(otherAdmin, 'Sprogbroens klient');
  const otherToken = await tokenFor(other.clientId, other.clientSecret);
  const jobtraenerListing = '00000000-0000-4000-9000-000000000001';
  assert.equal((await api(token, 'GET', `/api/vendor/v1/listings/${jobtraenerListing}`)).statusCode, 200);
  assert.equal((await api(otherToken, 'GET', `/api/vendor/v1/listings/${jobtraenerListing}`)).statusCode, 404);

  const none = await app.inject({ url: '/api/vendor/v1/listings' });
  assert.equal(none.statusCode, 401);
  const forged = await api('jva_not-a-real-token-at-all-xxxxxxxx', 'GET', '/api/vendor/v1/listings');
  assert.equal(forged.statusCode, 401);
  assert.equal(forged.headers['www-authenticate'], 'Bearer error="invalid_token"');
  const cookie = await app.inject({ url: '/api/vendor/v1/listings', headers: { cookie: `jobunivers-session=${admin}` } });
  assert.equal(cookie.statusCode, 403, 'a browser session is not an API client');

  const expiring = await tokenFor(clientId, clientSecret);
  await db
    .updateTable('vendor_api_token')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('token_hash', '=', createHash('sha256').update(expiring).digest())
    .execute();
  assert.equal((await api(expiring, 'GET', '/api/vendor/v1/listings')).statusCode, 401);

  const row = await db.selectFrom('vendor_api_client').select('id').where('client_id', '=', clientId).executeTakeFirstOrThrow();
  const page = await app.inject({ url: '/leverandoer/api-noegler', headers: { cookie: `jobunivers-session=${admin}` } });
  const revoked = await app.inject({
    method: 'POST',
    url: `/leverandoer/api-noegler/${row.id}/spaer`,
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
    // The confirmed POST ("Ja, spær" on the confirmation page); test/forms.test.ts covers the question itself.
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), bekraeft: 'ja' }).toString(),
  });
  assert.equal(revoked.statusCode, 303);
  assert.equal((await api(token, 'GET', '/api/vendor/v1/listings')).statusCode, 401, 'a revoked client’s token stops working at once');
  const again = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  assert.equal(again.statusCode, 401);
});

test('through the API a company reads the framework requirements and answers them; wrong answers store nothing', async () => {
  const other = await createClient(otherAdmin, 'Sprogbroens erklæringsklient');
  const token = await tokenFor(other.clientId, other.clientSecret);
  const start = await api(token, 'GET', '/api/vendor/v1/declaration');
  assert.equal(start.statusCode, 200, start.body);
  assert.equal(start.json().status, 'missing');
  const keys = (start.json().requirements as { key: string; obligation: string }[]).map((r) => r.key);
  assert.ok(keys.includes('gdpr_dpa') && keys.includes('security_contact'));

  const wrong = await api(token, 'PUT', '/api/vendor/v1/declaration', { answers: { gdpr_dpa: 'maybe', security_contact: 'not an e-mail' }, submit: true });
  assert.equal(wrong.statusCode, 400);
  const fields = (wrong.json().errors as { field: string }[]).map((e) => e.field);
  assert.ok(fields.includes('answers.gdpr_dpa') && fields.includes('answers.security_contact'), fields.join(', '));
  assert.equal((await api(token, 'GET', '/api/vendor/v1/declaration')).json().status, 'missing', 'nothing stored');

  const draft = await api(token, 'PUT', '/api/vendor/v1/declaration', { answers: { gdpr_dpa: 'yes', security_contact: 'sikkerhed@sprogbroen.example' } });
  assert.equal(draft.statusCode, 200, draft.body);
  assert.equal(draft.json().status, 'draft');
  const incomplete = await api(token, 'PUT', '/api/vendor/v1/declaration', { submit: true });
  assert.equal(incomplete.statusCode, 400, 'a submit with musts unanswered is refused');
  assert.equal((await api(token, 'GET', '/api/vendor/v1/declaration')).json().requirements.find((r: { key: string }) => r.key === 'gdpr_dpa').answer, 'yes');
});

test('the OpenAPI document describes the vendor API and its OAuth 2 client credentials scheme', async () => {
  const doc = (await app.inject({ url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/vendor/v1/listings'].post);
  assert.ok(doc.paths['/api/vendor/v1/listings/{listingId}/submit'].post);
  assert.ok(doc.paths['/api/vendor/v1/token'].post);
  assert.equal(doc.components.securitySchemes.vendorApiToken.flows.clientCredentials.tokenUrl.endsWith('/api/vendor/v1/token'), true);
});
