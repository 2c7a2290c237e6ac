// The vendor Data API through the real app: a vendor's service with a DPoP-bound access token (stored as the OpenID
// Provider stores one, checked by sso's DPoP reader) reads the signed-in citizen's consented data; consent is asked
// on every call, scopes and vendors are kept apart, every read lands in Min Log with its purpose, and Jobnet/DFDG
// are spoken to over HTTP (the simulators the app serves; a dead and a hanging one for the failures).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createDpopKey, dpopHeaders, dpopProof, insertVendorAccessToken, type DpopKey } from './support/dpop.ts';
import { createApprovedListing, createCitizen, createSession, principalFor } from './support/factories.ts';
import { freePort } from './support/server.ts';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { AUTHORISATION_KEPT_MS } from '../src/modules/vendor-data/index.ts';
import type { RouteModule } from '../src/platform/http/app.ts';
import { loadConsentRequest, recordConsent } from '../src/modules/consent/index.ts';
import type { Config } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';

/** The citizen accepts what the listing's live version asks for, through the consent module (as the consent screen does). */
function loadRecordConsent(db: Db, config: Config) {
  return async (citizenId: string, municipalityCode: string, listingId: string) =>
    recordConsent({ db, config }, await loadConsentRequest(db, { citizenId, municipalityCode, listingId }), { decision: 'accepted', locale: 'da' });
}

const allCategories = ['profile', 'contact', 'cv', 'job_wishes', 'plan'] as const;
const purposes: Record<string, string> = {
  profile: 'At tiltale dig med dit navn og vise tilbud fra din kommune',
  contact: 'At sende dig påmindelser om dine aftaler i forløbet',
  cv: 'At hjælpe dig med at forbedre dit CV',
  job_wishes: 'At finde stillinger, der passer til dine jobønsker',
  plan: 'At tilpasse forløbet til din plan hos jobcentret',
};

const { app, db, config } = await createTestApp({
  listen: true,
  seed: false,
  env: { RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_FORMS_PER_MINUTE: '100000' },
});
const recordConsentFor = loadRecordConsent(db, config);

const listingA = await createApprovedListing(db, {
  name: 'CV-værkstedet',
  redirectUris: ['https://cv-vaerkstedet.example/callback'],
  dataCategories: allCategories.map((category) => ({ category, purpose: purposes[category] ?? 'Et formål' })),
  enabledIn: ['101'],
});
const listingB = await createApprovedListing(db, {
  name: 'Jobsamtaletræneren',
  redirectUris: ['https://samtaletraener.example/callback'],
  dataCategories: [{ category: 'profile', purpose: 'At skrive dit navn på træningsforløbet' }],
  enabledIn: ['101'],
});
const vendorA = await db.selectFrom('vendor').select(['cvr', 'name']).where('id', '=', listingA.vendorId).executeTakeFirstOrThrow();

const copenhagen = { code: '101', name: 'København' };
const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Yasmin Ellegaard Holm' });
await recordConsentFor(citizen.id, '101', listingA.listingId);
const key = await createDpopKey();
const token = await insertVendorAccessToken(db, {
  citizenId: citizen.id,
  listingId: listingA.listingId,
  categories: allCategories,
  jkt: key.jkt,
  municipality: copenhagen,
});

await db
  .insertInto('plan_activity')
  .values({
    citizen_id: citizen.id,
    municipality_code: '101',
    source: 'assigned',
    listing_id: listingA.listingId,
    title: 'CV-værkstedet: fire uger',
    due_on: '2027-01-15',
    note: 'Intern note fra jobkonsulenten',
    created_by: 'test',
    created_by_name: 'Anne Kofoed',
  })
  .execute();

const url = (category: string) => `/api/vendor/v1/citizen/${category}`;
const pathOf = (category: string) => url(category.replace('_', '-'));

async function call(tokenValue: string, dpopKey: DpopKey, path: string) {
  return app.inject({
    method: 'GET',
    url: path,
    headers: { ...(await dpopHeaders(dpopKey, tokenValue, 'GET', `${config.baseUrl}${path}`)), 'accept-language': 'en' },
  });
}

async function logRows(citizenId: string) {
  return db.selectFrom('access_log').selectAll().where('citizen_id', '=', citizenId).orderBy('id').execute();
}

test('the citizen gives contact details on "Mine kontaktoplysninger", with a message next to each wrong field', async () => {
  const session = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const start = await app.inject({ url: '/borger', headers: { cookie: `jobunivers-session=${session}` } });
  assert.match(
    start.body,
    /<a href="\/borger\/kontakt">Skriv din e-mail og dit telefonnummer til tjenesterne \(Mine kontaktoplysninger\)<\/a>/,
    'the start page leads there',
  );
  const page = await app.inject({ url: '/borger/kontakt', headers: { cookie: `jobunivers-session=${session}` } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Mine kontaktoplysninger/);
  const cookie = `${cookiesFrom(page)}; jobunivers-session=${session}`;
  const post = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/borger/kontakt',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
    });

  const wrong = await post({ email: 'yasmin@', phone: '1234', preferredLanguage: 'en' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /id="field-email-error"/);
  assert.match(wrong.body, /id="field-phone-error">Skriv et dansk telefonnummer med 8 cifre/);
  assert.match(wrong.body, /value="yasmin@"/, 'what was typed is shown again');
  assert.equal(
    await db.selectFrom('citizen_contact').select('citizen_id').where('citizen_id', '=', citizen.id).executeTakeFirst(),
    undefined,
    'nothing is written',
  );

  const saved = await post({ email: ' yasmin.holm@example.dk ', phone: '21 43 65 87', preferredLanguage: 'en' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/borger/kontakt?gemt=1');
  const row = await db.selectFrom('citizen_contact').selectAll().where('citizen_id', '=', citizen.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.email, row.phone, row.preferred_language, row.municipality_code], ['yasmin.holm@example.dk', '+4521436587', 'en', '101']);
  const again = await app.inject({ url: '/borger/kontakt?gemt=1', headers: { cookie: `jobunivers-session=${session}` } });
  assert.match(again.body, /Dine kontaktoplysninger er gemt/);
  assert.match(again.body, /value="\+45 21 43 65 87"/);
});

test('each category is served with consent and scope, and each read is in Min Log with the listing’s purpose', async () => {
  const before = (await logRows(citizen.id)).length;
  const sub = pairwiseSubject(config, listingA.vendorId, citizen.id);

  const profile = await call(token, key, url('profile'));
  assert.equal(profile.statusCode, 200, profile.body);
  assert.deepEqual(profile.json(), { sub, firstName: 'Yasmin', fullName: 'Yasmin Ellegaard Holm', municipality: copenhagen, preferredLanguage: 'en' });
  assert.equal(profile.headers['cache-control'], 'no-store');

  const contact = await call(token, key, url('contact'));
  assert.equal(contact.statusCode, 200, contact.body);
  assert.deepEqual(contact.json(), { sub, email: 'yasmin.holm@example.dk', phone: '+4521436587' });

  const cv = await call(token, key, url('cv'));
  assert.equal(cv.statusCode, 200, cv.body);
  const cvBody = cv.json();
  assert.equal(cvBody.sub, sub);
  assert.ok(cvBody.cv.experience.length >= 1 && cvBody.cv.education.length >= 1, 'a believable CV from the Jobnet simulator');
  assert.match(cvBody.cv.experience[0].from, /^\d{4}-\d{2}$/);
  assert.equal(cvBody.cv.languages[0].language, 'Dansk');
  const cvAgain = await call(token, key, url('cv'));
  assert.deepEqual(cvAgain.json(), cvBody, 'the same person gets the same CV');

  const wishes = await call(token, key, pathOf('job_wishes'));
  assert.equal(wishes.statusCode, 200, wishes.body);
  assert.ok(wishes.json().jobWishes.occupations.length >= 1);
  assert.match(wishes.json().jobWishes.occupations[0].discoCode, /^\d{4}$/);

  const plan = await call(token, key, url('plan'));
  assert.equal(plan.statusCode, 200, plan.body);
  const planBody = plan.json();
  assert.equal(planBody.activities.length, 1);
  assert.equal(planBody.activities[0].title, 'CV-værkstedet: fire uger');
  assert.equal(planBody.activities[0].dueOn, '2027-01-15');
  assert.equal(planBody.activities[0].source, 'assigned');
  assert.ok(!JSON.stringify(planBody).includes('Intern note'), 'caseworkers’ notes stay out');
  assert.ok(!JSON.stringify(planBody).includes('Anne Kofoed'), 'caseworkers’ names stay out');
  assert.match(planBody.jobSituation.ledighedsstatus, /^(ledig|sygemeldt|i_job_med_loentilskud|under_uddannelse)$/);

  const header = await call(token, key, url('header'));
  assert.equal(header.statusCode, 200, header.body);
  assert.equal(header.json().firstName, 'Yasmin');
  assert.deepEqual(header.json().municipality, copenhagen);
  assert.equal(header.json().links.journey, `${config.baseUrl}/borger/jobrejse`);
  assert.equal(header.json().links.help, `${config.baseUrl}/kommuner/101`, 'help: the jobcenter of the citizen’s municipality');
  assert.equal(
    header.json().links.signOut,
    `${config.baseUrl}/log-af`,
    "sign-out: the platform's page that asks, then ends the platform session and the vendors'",
  );
  assert.equal(JSON.stringify(header.json()).includes('Holm'), false, 'the first name is the only personal datum');

  const rows = (await logRows(citizen.id)).slice(before);
  assert.deepEqual(
    rows.map((r) => [r.data_category, r.purpose, r.count]),
    [
      ['profile', purposes.profile, 1],
      ['contact', purposes.contact, 1],
      // The second read of the CV within 10 minutes is counted on the first entry (migration 0030), not dropped.
      ['cv', purposes.cv, 2],
      ['job_wishes', purposes.job_wishes, 1],
      ['plan', purposes.plan, 1],
      ['header', 'Vise dit fornavn og din kommune i platformens topbjælke i tjenesten', 1],
    ],
  );
  for (const row of rows) {
    assert.equal(row.action, 'read');
    assert.equal(row.actor_role, 'vendor_service');
    assert.equal(row.actor_subject, `client:${listingA.listingId}`);
    assert.equal(row.actor_name, 'CV-værkstedet');
    assert.equal(row.actor_organisation, `${vendorA.name} (CVR ${vendorA.cvr})`);
    assert.equal(row.municipality_code, '101');
  }

  const session = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const minLog = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${session}` } });
  assert.match(minLog.body, /CV fra Jobnet/);
  assert.match(minLog.body, /At hjælpe dig med at forbedre dit CV/);
});

test('without the citizen’s consent nothing is served and nothing is logged', async () => {
  const other = await createCitizen(db, { municipalityCode: '101' });
  const otherKey = await createDpopKey();
  const otherToken = await insertVendorAccessToken(db, {
    citizenId: other.id,
    listingId: listingA.listingId,
    categories: allCategories,
    jkt: otherKey.jkt,
    municipality: copenhagen,
  });
  for (const category of allCategories) {
    const response = await call(otherToken, otherKey, pathOf(category));
    assert.equal(response.statusCode, 403, category);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'FORBIDDEN');
    assert.match(response.json().detail, new RegExp(`"${category}".*missing or withdrawn`), category);
  }
  assert.deepEqual(await logRows(other.id), []);
});

test('a token without a category’s scope is refused that category, even with consent', async () => {
  const narrowKey = await createDpopKey();
  const narrow = await insertVendorAccessToken(db, {
    citizenId: citizen.id,
    listingId: listingA.listingId,
    categories: ['profile'],
    jkt: narrowKey.jkt,
    municipality: copenhagen,
  });
  assert.equal((await call(narrow, narrowKey, url('profile'))).statusCode, 200);
  const before = (await logRows(citizen.id)).length;
  const cv = await call(narrow, narrowKey, url('cv'));
  assert.equal(cv.statusCode, 403);
  assert.match(cv.json().detail, /scope jobunivers:cv/);
  assert.equal((await logRows(citizen.id)).length, before, 'a refusal is not a read');
});

test('a consent ended behind the app’s back (another process, the database itself) is refused within a second', async () => {
  const person = await createCitizen(db, { municipalityCode: '101' });
  const { consentId } = await recordConsentFor(person.id, '101', listingA.listingId);
  const personKey = await createDpopKey();
  const personToken = await insertVendorAccessToken(db, {
    citizenId: person.id,
    listingId: listingA.listingId,
    categories: allCategories,
    jkt: personKey.jkt,
    municipality: copenhagen,
  });
  assert.equal((await call(personToken, personKey, url('profile'))).statusCode, 200);
  assert.equal((await call(personToken, personKey, url('cv'))).statusCode, 200);
  // The token row is left alone on purpose: the consent itself must stop the calls, whatever happens to tokens. What
  // the checks found is kept for at most AUTHORISATION_KEPT_MS (a withdrawal through the app revokes the token as
  // well, which stops the very next call: test/consent.test.ts and the end-to-end test).
  await db.updateTable('consent_record').set({ status: 'withdrawn', withdrawn_at: new Date() }).where('id', '=', consentId).execute();
  await sleep(AUTHORISATION_KEPT_MS + 50);
  for (const path of [url('profile'), url('cv')]) {
    const refused = await call(personToken, personKey, path);
    assert.equal(refused.statusCode, 403, path);
    assert.match(refused.json().detail, /missing or withdrawn/);
  }
  assert.equal((await logRows(person.id)).length, 2, 'only the two reads before the withdrawal');
});

test('vendors are kept apart: no way to name another citizen, another vendor’s consent covers nothing, the sub differs', async () => {
  // There is no citizen parameter anywhere in the Data API: the token names the citizen.
  const openapi = (await app.inject({ url: '/api/openapi.json' })).json<{
    paths: Record<string, { get?: { parameters?: unknown[]; security?: unknown[] } }>;
  }>();
  const dataPaths = Object.keys(openapi.paths).filter((p) => p.startsWith('/api/vendor/v1/citizen/'));
  assert.deepEqual(
    dataPaths.sort(),
    ['contact', 'cv', 'header', 'job-wishes', 'plan', 'profile'].map((p) => `/api/vendor/v1/citizen/${p}`),
  );
  for (const path of dataPaths) {
    assert.deepEqual(openapi.paths[path]?.get?.parameters ?? [], [], path);
    assert.deepEqual(openapi.paths[path]?.get?.security, [{ vendorServiceDpop: [] }], path);
  }
  const other = await createCitizen(db, { municipalityCode: '101', name: 'Villads Andersen Kjær' });
  await recordConsentFor(other.id, '101', listingA.listingId);
  const tryOther = await call(token, key, `${url('profile')}?citizenId=${other.id}&sub=${pairwiseSubject(config, listingA.vendorId, other.id)}`);
  assert.equal(tryOther.statusCode, 200);
  assert.equal(tryOther.json().fullName, 'Yasmin Ellegaard Holm', 'query parameters name nobody');

  // Consent to vendor B's service does not open vendor A's.
  const bOnly = await createCitizen(db, { municipalityCode: '101' });
  await recordConsentFor(bOnly.id, '101', listingB.listingId);
  const keyA = await createDpopKey();
  const tokenA = await insertVendorAccessToken(db, {
    citizenId: bOnly.id,
    listingId: listingA.listingId,
    categories: allCategories,
    jkt: keyA.jkt,
    municipality: copenhagen,
  });
  assert.equal((await call(tokenA, keyA, url('profile'))).statusCode, 403);
  const keyB = await createDpopKey();
  const tokenB = await insertVendorAccessToken(db, {
    citizenId: bOnly.id,
    listingId: listingB.listingId,
    categories: ['profile', 'cv'],
    jkt: keyB.jkt,
    municipality: copenhagen,
  });
  const viaB = await call(tokenB, keyB, url('profile'));
  assert.equal(viaB.statusCode, 200);
  assert.equal(viaB.json().sub, pairwiseSubject(config, listingB.vendorId, bOnly.id));
  assert.notEqual(viaB.json().sub, pairwiseSubject(config, listingA.vendorId, bOnly.id), 'pairwise: another vendor knows the citizen by another sub');
  const cvViaB = await call(tokenB, keyB, url('cv'));
  assert.equal(cvViaB.statusCode, 403, 'B’s listing does not ask for the CV, so the consent does not cover it');

  // Vendor A's token with vendor B's DPoP key: refused by the DPoP check before any data.
  const mixed = await app.inject({
    method: 'GET',
    url: url('profile'),
    headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(keyB, { method: 'GET', url: `${config.baseUrl}${url('profile')}`, token }) },
  });
  assert.equal(mixed.statusCode, 401);
  assert.match(String(mixed.headers['www-authenticate']), /invalid_dpop_proof/);
});

test('the simulators answer the same for the same CPR number and want one', async () => {
  const ask = (path: string, cpr?: string) => fetch(`${config.baseUrl}${path}`, { headers: { accept: 'application/json', ...(cpr ? { 'x-cpr': cpr } : {}) } });
  const first = await (await ask('/simulatorer/jobnet/v1/cv', '6203921245')).json();
  const second = await (await ask('/simulatorer/jobnet/v1/cv', '6203921245')).json();
  assert.deepEqual(first, second);
  const status = await ask('/simulatorer/dfdg/v1/ledighedsstatus', '6203921245');
  assert.equal(status.status, 200);
  const missing = await ask('/simulatorer/jobnet/v1/joboensker');
  assert.equal(missing.status, 400);
  assert.match(String(missing.headers.get('content-type')), /^application\/problem\+json/);
});

test('the simulators are refused in production and are the default elsewhere', () => {
  const base = { DATA_DIR: config.dataDir, COOKIE_SECRET: 'x'.repeat(40) };
  assert.throws(
    () => loadConfig({ ...base, NODE_ENV: 'production', TEST_IDP_ENABLED: 'false', SIMULATORS_ENABLED: 'true' }),
    (error: unknown) => error instanceof ConfigError && /SIMULATORS_ENABLED must be false in production/.test(error.message),
  );
  const production = loadConfig({ ...base, NODE_ENV: 'production', TEST_IDP_ENABLED: 'false', BASE_URL: 'https://jobunivers.example.dk' });
  assert.deepEqual(production.integrations, { simulators: false, jobnetUrl: undefined, dfdgUrl: undefined, timeoutMs: 2000 });
  const connected = loadConfig({
    ...base,
    NODE_ENV: 'production',
    TEST_IDP_ENABLED: 'false',
    JOBNET_URL: 'https://jobnet.example.dk/api/',
    DFDG_URL: 'https://dfdg.example.dk/api',
  });
  assert.equal(connected.integrations.jobnetUrl, 'https://jobnet.example.dk/api');
  const development = loadConfig({ ...base, PORT: '4100' });
  assert.equal(development.integrations.jobnetUrl, 'http://localhost:4100/simulatorer/jobnet');
  assert.equal(development.integrations.dfdgUrl, 'http://localhost:4100/simulatorer/dfdg');
});

test('a state system that is down or hangs gives a clear 503 and nothing is logged as read', async () => {
  const port = await freePort();
  const deadPort = await freePort();
  // A DFDG that never answers in time.
  const hanging: RouteModule = (instance) => {
    instance.get('/haenger/v1/ledighedsstatus', { config: { access: { public: true } } }, async () => {
      await sleep(2_000);
      return {};
    });
  };
  const broken = await createTestApp({
    listen: true,
    seed: false,
    extraRoutes: [hanging],
    env: {
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      SIMULATORS_ENABLED: 'false',
      JOBNET_URL: `http://127.0.0.1:${deadPort}/jobnet`,
      DFDG_URL: `http://127.0.0.1:${port}/haenger`,
      INTEGRATION_TIMEOUT_MS: '300',
      RATE_LIMIT_API_PER_MINUTE: '100000',
    },
  });
  const listing = await createApprovedListing(broken.db, {
    redirectUris: ['https://tjeneste.example/callback'],
    dataCategories: allCategories.map((category) => ({ category, purpose: purposes[category] ?? 'Et formål' })),
    enabledIn: ['101'],
  });
  const person = await createCitizen(broken.db, { municipalityCode: '101' });
  await loadRecordConsent(broken.db, broken.config)(person.id, '101', listing.listingId);
  const brokenKey = await createDpopKey();
  const brokenToken = await insertVendorAccessToken(broken.db, {
    citizenId: person.id,
    listingId: listing.listingId,
    categories: allCategories,
    jkt: brokenKey.jkt,
    municipality: copenhagen,
  });
  const get = async (path: string) =>
    broken.app.inject({ method: 'GET', url: path, headers: await dpopHeaders(brokenKey, brokenToken, 'GET', `${broken.config.baseUrl}${path}`) });

  const cv = await get(url('cv'));
  assert.equal(cv.statusCode, 503);
  assert.match(String(cv.headers['content-type']), /^application\/problem\+json/);
  assert.equal(cv.json().code, 'UNAVAILABLE');
  assert.match(cv.json().detail, /Jobnet cannot be reached/);

  const started = Date.now();
  const plan = await get(url('plan'));
  assert.equal(plan.statusCode, 503);
  assert.match(plan.json().detail, /DFDG did not answer within 300 ms/);
  assert.ok(Date.now() - started < 1_500, 'the timeout holds');

  assert.deepEqual(await broken.db.selectFrom('access_log').select('id').where('citizen_id', '=', person.id).execute(), [], 'nothing was read');
  const profile = await get(url('profile'));
  assert.equal(profile.statusCode, 200, 'what the platform holds itself is still served');

  const simulator = await fetch(`${broken.config.baseUrl}/simulatorer/jobnet/v1/cv`, { headers: { 'x-cpr': '6203921245', accept: 'application/json' } });
  assert.equal(simulator.status, 404, 'no simulators when they are switched off');
});

test('the contact form and the Data API answer nobody without the right sign-in', async () => {
  const anonymous = await app.inject({ url: url('profile') });
  assert.equal(anonymous.statusCode, 401);
  const noProof = await app.inject({ url: url('profile'), headers: { authorization: `DPoP ${token}` } });
  assert.equal(noProof.statusCode, 401);
  assert.match(String(noProof.headers['www-authenticate']), /^DPoP error="invalid_dpop_proof"/);
  const expiredKey = await createDpopKey();
  const expired = await insertVendorAccessToken(db, {
    citizenId: citizen.id,
    listingId: listingA.listingId,
    categories: allCategories,
    jkt: expiredKey.jkt,
    municipality: copenhagen,
    expiresIn: -5,
  });
  const refused = await call(expired, expiredKey, url('profile'));
  assert.equal(refused.statusCode, 401);
  const counted = await sql<{ n: string }>`select count(*) as n from access_log where citizen_id = ${citizen.id} and data_category = 'profile'`.execute(db);
  assert.ok(Number(counted.rows[0]?.n) >= 1);
});
