// Consent through the real app: the policy hash that decides when a citizen is asked again, decisions recorded
// (accepted and declined) and superseded, signed receipts that verify against the published keys, "Mine samtykker"
// with withdrawal that revokes the vendor's grants and tokens for that citizen only, deletion requests sent as
// Security Event Tokens to a vendor's server by a job (retried when the vendor fails), the vendor's confirmation,
// and every other citizen kept out.
import assert from 'node:assert/strict';
import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { sql } from 'kysely';
import { consentedCategories, consentStanding, loadConsentRequest, sweepDeletionRequestsJob } from '../src/modules/consent/index.ts';
import { policyHash } from '../src/modules/consent/consent.receipt.ts';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp, csrfPairFor } from './support/app.ts';
import { addListingVersion, CONSENT_SCREEN_PATH, consentScreenRoutes, createConsentListing, type DataUse } from './support/consent.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, config, url, jobs } = await createTestApp({
  env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' },
  extraRoutes: [consentScreenRoutes],
  jobs: true,
});
// Service calls made directly run as the application's role, under row-level security, as the app's do.
const appDb = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.db.destroy());
const jobDeps = { db: appDb.db, config, logger: createLogger({ level: 'silent' }) };

const vendors = await db.selectFrom('vendor').select(['id', 'cvr', 'name']).where('cvr', 'in', ['39000008', '39000032']).orderBy('cvr').execute();
const [vendorA, vendorB] = vendors as [(typeof vendors)[0], (typeof vendors)[0]];

const data: DataUse[] = [
  { category: 'profile', purpose: 'For at tiltale dig ved navn.', legalBasis: 'consent' },
  { category: 'cv', purpose: 'Så øvelserne passer til dit CV.', legalBasis: 'consent' },
];

// ---- A vendor's deletion endpoint: answers as told, remembers what it got ----

type Received = { headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
const answers: { status: number; body?: string }[] = [];
const vendorServer = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    received.push({ headers: request.headers, body });
    const answer = answers.shift() ?? { status: 202, body: '{"reference":"SLET-1"}' };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '');
  });
});
await new Promise<void>((resolve) => vendorServer.listen(0, '127.0.0.1', resolve));
after(() => new Promise<void>((resolve) => vendorServer.close(() => resolve())));
const deletionUri = `http://127.0.0.1:${(vendorServer.address() as AddressInfo).port}/slet`;

// ---- Citizens ----

type Citizen = { id: string; cookie: string; csrf: string; municipalityCode: string };

async function citizen(municipalityCode = '101'): Promise<Citizen> {
  const row = await createCitizen(db, { municipalityCode });
  const token = await createSession(db, principalFor('citizen', { municipalityCode, citizenId: row.id, nsisLevel: 'Substantial' }));
  const pair = await csrfPairFor(app, token);
  return { id: row.id, municipalityCode, cookie: `${pair.cookie}; jobunivers-session=${token}`, csrf: pair.token };
}

const get = (who: Citizen, path: string, headers: Record<string, string> = {}) =>
  app.inject({ url: path, headers: { cookie: who.cookie, accept: 'text/html', ...headers } });
const post = (who: Citizen, path: string, payload: Record<string, string>) =>
  app.inject({ method: 'POST', url: path, headers: { cookie: who.cookie, accept: 'text/html' }, payload: { _csrf: who.csrf, ...payload } });

async function decide(who: Citizen, listingId: string, decision: 'accepted' | 'declined'): Promise<string> {
  const screen = await get(who, `${CONSENT_SCREEN_PATH}/${listingId}`);
  assert.equal(screen.statusCode, 200, screen.body);
  const answer = await post(who, `${CONSENT_SCREEN_PATH}/${listingId}`, { decision });
  assert.equal(answer.statusCode, 303, answer.body);
  const row = await db
    .selectFrom('consent_record')
    .select('id')
    .where('citizen_id', '=', who.id)
    .where('listing_id', '=', listingId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.id;
}

const records = (who: Citizen) => db.selectFrom('consent_record').selectAll().where('citizen_id', '=', who.id).orderBy('given_at').execute();

async function waitForDeletion(
  id: string,
  until: (status: string) => boolean,
): Promise<{ status: string; attempts: number; last_error: string | null; vendor_reference: string | null }> {
  for (let i = 0; i < 150; i++) {
    const row = await db
      .selectFrom('vendor_deletion_request')
      .select(['status', 'attempts', 'last_error', 'vendor_reference'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (until(row.status) && (row.status !== 'pending' || row.attempts > 0)) return row;
    await sleep(100);
  }
  throw new Error(`deletion request ${id} never moved`);
}

async function publishedKeys() {
  const response = await app.inject({ url: '/.well-known/jobunivers-receipt-keys.json' });
  assert.equal(response.statusCode, 200);
  return createLocalJWKSet(response.json<{ keys: JWK[] }>());
}

// ---- The policy hash ----

test('the policy hash is stable for the same policy and changes with a category, purpose or legal basis', async () => {
  const listingId = randomUUID();
  const base = data.map((d) => ({ code: d.category, purposeDa: d.purpose, purposeEn: `${d.purpose} (en)`, legalBasis: d.legalBasis }));
  const hash = policyHash(listingId, base);
  assert.match(hash, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(policyHash(listingId, [...base].reverse()), hash, 'order of the categories does not matter');
  assert.notEqual(policyHash(randomUUID(), base), hash, 'another listing');
  assert.notEqual(policyHash(listingId, [{ ...base[0]!, purposeEn: 'Something else' }, base[1]!]), hash, 'a purpose');
  assert.notEqual(policyHash(listingId, [base[0]!, { ...base[1]!, legalBasis: 'contract' }]), hash, 'a legal basis');
  assert.notEqual(policyHash(listingId, base.slice(0, 1)), hash, 'a category fewer');
});

test('a decision stands for a new version with the same data policy, and the citizen is asked again when it changes', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data });
  const request = await loadConsentRequest(appDb.db, { citizenId: me.id, municipalityCode: '101', listingId });
  assert.deepEqual((await consentStanding(appDb.db, request)).kind, 'ask');
  await decide(me, listingId, 'accepted');
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`)).body, 'decided: cv,profile');

  // A new version: other texts, same data policy.
  await addListingVersion(db, listingId, { vendorId: vendorA.id, data, name: 'Samtaletræning 2.0' });
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`)).body, 'decided: cv,profile');

  // A changed purpose asks again, saying so, and the earlier acceptance is what the citizen had.
  await addListingVersion(db, listingId, { vendorId: vendorA.id, data: [data[0]!, { ...data[1]!, purpose: 'Til at lave statistik.' }] });
  const again = await loadConsentRequest(appDb.db, { citizenId: me.id, municipalityCode: '101', listingId });
  assert.deepEqual(await consentStanding(appDb.db, again), { kind: 'ask', previous: { acceptedCategories: ['cv', 'profile'] } });
  const screen = await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`);
  assert.match(screen.body, /har ændret sig, siden du sidst svarede/);
  assert.match(screen.body, /Til at lave statistik\./);
});

// ---- Recording ----

test('the consent screen says what, why, on which basis, for how long, how to withdraw and what a no means', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, {
    vendorId: vendorA.id,
    data: [...data, { category: 'contact', purpose: 'Så vi kan ringe dig op.', legalBasis: 'contract' }],
    worksWithoutData: false,
  });
  const page = await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`);
  assert.equal(page.statusCode, 200);
  for (const text of [
    'Må Samtaletræning få oplysninger om dig?',
    vendorA.name,
    'Kontaktoplysninger',
    'Så vi kan ringe dig op.',
    'En aftale mellem dig og leverandøren',
    'Dit samtykke. Du bestemmer selv',
    'Dit svar gælder i 12 måneder',
    'href="/borger/samtykker"',
    'kan ikke bruges uden oplysningerne',
    'name="decision" value="accepted">Acceptér</button>',
    'name="decision" value="declined">Afvis</button>',
    'name="_csrf"',
  ]) {
    assert.ok(page.body.includes(text), `the screen shows ${text}`);
  }
  const english = await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`, { cookie: `${me.cookie}; lang=en` });
  assert.match(english.body, /May Samtaletræning \(en\) have information about you\?/);
  assert.match(english.body, />Accept<\/button>/);
});

test('accepting and declining are both recorded with the categories shown, and a no is remembered where the service works without data', async () => {
  const me = await citizen();
  const { listingId, versionId } = await createConsentListing(db, { vendorId: vendorA.id, data });
  const declinedId = await decide(me, listingId, 'declined');
  const [declined] = await records(me);
  assert.equal(declined?.id, declinedId);
  assert.equal(declined?.decision, 'declined');
  assert.equal(declined?.status, 'active');
  assert.equal(declined?.listing_version_id, versionId);
  assert.equal(declined?.vendor_id, vendorA.id);
  assert.equal(declined?.collection_method, 'web_form');
  assert.ok(declined?.receipt, 'a declined decision has a receipt too');
  const months = ((declined?.valid_until.getTime() ?? 0) - (declined?.given_at.getTime() ?? 0)) / (30.44 * 86_400_000);
  assert.ok(months > 11.9 && months < 12.1, `valid for 12 months, was ${months}`);
  const shown = await db
    .selectFrom('consent_record_category')
    .select(['category', 'purpose_da', 'legal_basis'])
    .where('consent_id', '=', declinedId)
    .orderBy('category')
    .execute();
  assert.deepEqual(
    shown.map((row) => row.category),
    ['cv', 'profile'],
  );
  // Not asked again at the next launch, and nothing may be read.
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`)).body, 'decided: ');
  assert.deepEqual(await withTenant(appDb.db, { citizen: me.id }, (trx) => consentedCategories(trx, { citizenId: me.id, listingId })), []);

  // A service that cannot work without the data asks again rather than turning the citizen away.
  const strict = await createConsentListing(db, { vendorId: vendorA.id, data, worksWithoutData: false });
  await decide(me, strict.listingId, 'declined');
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${strict.listingId}`)).statusCode, 200);
});

test('a new decision supersedes the current one; only an active, accepted, unexpired one lets data be read', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data });
  const first = await decide(me, listingId, 'accepted');
  const read = () => withTenant(appDb.db, { citizen: me.id }, (trx) => consentedCategories(trx, { citizenId: me.id, listingId }));
  assert.deepEqual(await read(), ['cv', 'profile']);

  await addListingVersion(db, listingId, { vendorId: vendorA.id, data: data.slice(0, 1) });
  const second = await decide(me, listingId, 'accepted');
  const all = await records(me);
  assert.deepEqual(
    all.map((r) => [r.id, r.status]),
    [
      [first, 'superseded'],
      [second, 'active'],
    ],
  );
  assert.deepEqual(await read(), ['profile']);

  // Another citizen's transaction sees none of it.
  const other = await citizen();
  assert.deepEqual(await withTenant(appDb.db, { citizen: other.id }, (trx) => consentedCategories(trx, { citizenId: me.id, listingId })), []);

  // Run out: nothing may be read, and the citizen is asked again.
  await sql`update consent_record set given_at = now() - interval '13 months', valid_until = now() - interval '1 month' where id = ${second}`.execute(db);
  assert.deepEqual(await read(), []);
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`)).statusCode, 200);
});

test('a bad answer gets a field message and records nothing', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data });
  for (const payload of [{ decision: 'maybe' }, {} as Record<string, string>]) {
    const response = await post(me, `${CONSENT_SCREEN_PATH}/${listingId}`, payload);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Vælg Acceptér eller Afvis\./);
    assert.match(response.body, /href="#field-decision"/);
  }
  assert.deepEqual(await records(me), []);
});

// ---- Receipts ----

test('the receipt is a signed Kantara consent receipt that verifies with jose against the published keys', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data });
  const consentId = await decide(me, listingId, 'accepted');
  const download = await get(me, `/borger/samtykker/${consentId}/kvittering`);
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-type']), /^application\/json/);
  assert.match(String(download.headers['content-disposition']), /^attachment; filename="samtykke-kvittering-[0-9a-f-]+\.json"$/);
  const file = download.json<{ receipt: Record<string, unknown>; jws: string }>();

  assert.equal(decodeProtectedHeader(file.jws).typ, 'consent-receipt+jwt');
  const { payload } = await jwtVerify(file.jws, await publishedKeys(), { typ: 'consent-receipt+jwt', issuer: `${config.baseUrl}/oidc` });
  assert.deepEqual(payload, file.receipt);
  const stored = await db
    .selectFrom('consent_record')
    .select(['receipt', 'given_at', 'valid_until', 'policy_hash'])
    .where('id', '=', consentId)
    .executeTakeFirstOrThrow();
  assert.equal(stored.receipt, file.jws);
  assert.equal(payload.version, 'KI-CR-v1.1.0');
  assert.equal(payload.jurisdiction, 'DK');
  assert.equal(payload.consentReceiptID, consentId);
  assert.equal(payload.consentTimestamp, Math.floor(stored.given_at.getTime() / 1000));
  assert.equal(payload.collectionMethod, 'web_form');
  assert.equal(payload.language, 'da');
  assert.equal(payload.piiPrincipalId, pairwiseSubject(config, vendorA.id, me.id));
  assert.equal(payload.policyUrl, `${config.baseUrl}/katalog/${listingId}`);
  assert.equal(payload.policyHash, stored.policy_hash);
  assert.equal(payload.sensitive, false);
  assert.equal(payload.withdrawalMethod, `${config.baseUrl}/borger/samtykker`);
  assert.equal((payload.publicKey as JWK).kid, decodeProtectedHeader(file.jws).kid);
  const [controller] = payload.piiControllers as { piiController: string; cvr: string; contact: string }[];
  assert.deepEqual([controller?.piiController, controller?.cvr], [vendorA.name, vendorA.cvr]);
  const [service] = payload.services as {
    service: string;
    purposes: { purpose: string; purposeCategory: string[]; legalBasis: string; termination: string }[];
  }[];
  assert.equal(service?.service, 'Samtaletræning');
  assert.deepEqual(
    service?.purposes.map((p) => [p.purposeCategory[0], p.purpose, p.legalBasis, p.termination]),
    [
      ['cv', 'Så øvelserne passer til dit CV.', 'consent', stored.valid_until.toISOString()],
      ['profile', 'For at tiltale dig ved navn.', 'consent', stored.valid_until.toISOString()],
    ],
  );
});

// ---- Mine samtykker, withdrawal, deletion ----

async function insertModelRows(citizenId: string, listingId: string, tag: string): Promise<void> {
  for (const kind of ['Grant', 'AccessToken']) {
    await db
      .insertInto('oidc_model')
      .values({
        kind,
        id: `${tag}-${kind}-${randomUUID()}`,
        payload: JSON.stringify({ accountId: citizenId, clientId: listingId }),
        account_id: citizenId,
        client_id: listingId,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
  }
}

const modelRows = (citizenId: string) =>
  db.selectFrom('oidc_model').select(['client_id', 'kind']).where('account_id', '=', citizenId).orderBy('client_id').orderBy('kind').execute();

test('Mine samtykker shows each service with its decision, in Danish and English', async () => {
  const me = await citizen();
  const empty = await get(me, '/borger/samtykker');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /Du har ikke taget stilling til nogen tjenester endnu/);
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, name: 'CV-værkstedet' });
  const consentId = await decide(me, listingId, 'accepted');
  const page = await get(me, '/borger/samtykker');
  for (const text of [
    '<h2 id="service-',
    'CV-værkstedet',
    vendorA.name,
    'Gælder',
    'For at tiltale dig ved navn.',
    `/borger/samtykker/${consentId}/kvittering`,
    `/borger/samtykker/${consentId}/traek-tilbage`,
    `/borger/samtykker/${consentId}/slet`,
  ]) {
    assert.ok(page.body.includes(text), `Mine samtykker shows ${text}`);
  }
  const english = await get(me, '/borger/samtykker', { cookie: `${me.cookie}; lang=en` });
  assert.match(english.body, /<h1>My consents<\/h1>/);
  assert.match(english.body, /Withdraw the consent/);
  const start = await get(me, '/borger');
  assert.match(start.body, /href="\/borger\/samtykker"/, 'the start page links to it');
});

test('withdrawal revokes that vendor’s grants and tokens for that citizen only, and a deletion request goes out as a signed SET', async () => {
  const me = await citizen();
  const other = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const sameVendor = await createConsentListing(db, { vendorId: vendorA.id, data });
  const otherVendor = await createConsentListing(db, { vendorId: vendorB.id, data });
  const consentId = await decide(me, listingId, 'accepted');
  await insertModelRows(me.id, listingId, 'mine');
  await insertModelRows(me.id, sameVendor.listingId, 'mine-same-vendor');
  await insertModelRows(me.id, otherVendor.listingId, 'mine-other-vendor');
  await insertModelRows(other.id, listingId, 'theirs');
  received.length = 0;

  const confirm = await get(me, `/borger/samtykker/${consentId}/traek-tilbage`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /mister straks adgangen/);
  const withdrawn = await post(me, `/borger/samtykker/${consentId}/traek-tilbage`, { confirm: 'yes' });
  assert.equal(withdrawn.statusCode, 303);
  assert.equal(withdrawn.headers.location, '/borger/samtykker?besked=withdrawn');

  const record = await db.selectFrom('consent_record').select(['status', 'withdrawn_at']).where('id', '=', consentId).executeTakeFirstOrThrow();
  assert.equal(record.status, 'withdrawn');
  assert.ok(record.withdrawn_at);
  assert.deepEqual(await modelRows(me.id), [
    { client_id: otherVendor.listingId, kind: 'AccessToken' },
    { client_id: otherVendor.listingId, kind: 'Grant' },
  ]);
  assert.equal((await modelRows(other.id)).length, 2, "another citizen's grants and tokens are untouched");
  assert.deepEqual(await withTenant(appDb.db, { citizen: me.id }, (trx) => consentedCategories(trx, { citizenId: me.id, listingId })), []);

  // The outbox row, sent by the job after the commit.
  const request = await db.selectFrom('vendor_deletion_request').selectAll().where('consent_id', '=', consentId).executeTakeFirstOrThrow();
  assert.equal(request.reason, 'consent_withdrawn');
  const delivered = await waitForDeletion(request.id, (status) => status !== 'pending');
  assert.deepEqual([delivered.status, delivered.attempts, delivered.vendor_reference], ['accepted', 1, 'SLET-1']);
  assert.equal(received.length, 1);
  assert.equal(received[0]?.headers['content-type'], 'application/secevent+jwt');
  const token = received[0]?.body ?? '';
  assert.equal(decodeProtectedHeader(token).typ, 'secevent+jwt');
  const { payload } = await jwtVerify(token, await publishedKeys(), { typ: 'secevent+jwt', issuer: `${config.baseUrl}/oidc`, audience: listingId });
  assert.equal(payload.jti, request.id);
  assert.deepEqual(payload.events, {
    'https://jobunivers.dk/events/deletion-requested': {
      sub: pairwiseSubject(config, vendorA.id, me.id),
      reason: 'consent_withdrawn',
      requested_at: Math.floor(request.requested_at.getTime() / 1000),
    },
  });

  const page = await get(me, '/borger/samtykker?besked=withdrawn');
  assert.match(page.body, /Dit samtykke er trukket tilbage/);
  assert.match(page.body, /Trukket tilbage/);
  assert.match(page.body, /Leverandøren har modtaget anmodningen/);
  // Withdrawn once is withdrawn: the page no longer offers it, and a second POST changes nothing.
  assert.equal((await post(me, `/borger/samtykker/${consentId}/traek-tilbage`, { confirm: 'yes' })).statusCode, 409);
  assert.equal((await db.selectFrom('vendor_deletion_request').select('id').where('consent_id', '=', consentId).execute()).length, 1);
});

test('a vendor that fails with 5xx is tried again by the sweep; 4xx fails without retry; no deletion address is shown as not supported', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const consentId = await decide(me, listingId, 'accepted');
  received.length = 0;
  answers.push({ status: 503, body: 'Vi har travlt' });
  await post(me, `/borger/samtykker/${consentId}/traek-tilbage`, { confirm: 'yes' });
  const request = await db.selectFrom('vendor_deletion_request').select('id').where('consent_id', '=', consentId).executeTakeFirstOrThrow();
  const first = await waitForDeletion(request.id, () => true);
  assert.deepEqual([first.status, first.attempts, first.last_error], ['pending', 1, 'HTTP 503: Vi har travlt']);

  // Not due yet: the sweep leaves it alone.
  await sweepDeletionRequestsJob.handle({}, jobDeps);
  assert.equal(received.length, 1);
  // The pause after one try (two minutes) has passed: the sweep — run by the job runner — sends it again.
  await db
    .updateTable('vendor_deletion_request')
    .set({ updated_at: sql<Date>`now() - interval '3 minutes'` })
    .where('id', '=', request.id)
    .execute();
  assert.ok(jobs);
  await jobs.send(sweepDeletionRequestsJob, {});
  const second = await waitForDeletion(request.id, (status) => status !== 'pending');
  assert.deepEqual([second.status, second.attempts, second.last_error], ['accepted', 2, null]);
  assert.equal(received.length, 2);
  assert.equal(decodeProtectedHeader(received[0]?.body ?? '').kid, decodeProtectedHeader(received[1]?.body ?? '').kid);

  // 4xx (not 408/429): failed, not tried again, and the citizen is told to contact the vendor.
  const refused = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const refusedConsent = await decide(me, refused.listingId, 'accepted');
  answers.push({ status: 400, body: '{"error":"unknown subject"}' });
  await post(me, `/borger/samtykker/${refusedConsent}/slet`, { confirm: 'yes' });
  const refusedRequest = await db
    .selectFrom('vendor_deletion_request')
    .select(['id', 'reason'])
    .where('consent_id', '=', refusedConsent)
    .executeTakeFirstOrThrow();
  assert.equal(refusedRequest.reason, 'deletion_requested');
  const failed = await waitForDeletion(refusedRequest.id, (status) => status !== 'pending');
  assert.equal(failed.status, 'failed');
  assert.equal(failed.attempts, 1);
  await db
    .updateTable('vendor_deletion_request')
    .set({ updated_at: sql<Date>`now() - interval '1 day'` })
    .where('id', '=', refusedRequest.id)
    .execute();
  const before = received.length;
  await sweepDeletionRequestsJob.handle({}, jobDeps);
  assert.equal(received.length, before, 'a failed request is not sent again');
  // Asking for deletion does not withdraw the consent.
  assert.equal((await db.selectFrom('consent_record').select('status').where('id', '=', refusedConsent).executeTakeFirstOrThrow()).status, 'active');

  // No deletion address: not supported at once, honestly shown.
  const silent = await createConsentListing(db, { vendorId: vendorB.id, data, deletionUri: null });
  const silentConsent = await decide(me, silent.listingId, 'accepted');
  await post(me, `/borger/samtykker/${silentConsent}/traek-tilbage`, { confirm: 'yes' });
  const unsupported = await db.selectFrom('vendor_deletion_request').select('status').where('consent_id', '=', silentConsent).executeTakeFirstOrThrow();
  assert.equal(unsupported.status, 'not_supported');
  const page = await get(me, '/borger/samtykker');
  assert.match(page.body, /kan ikke modtage anmodninger om sletning fra Jobunivers/);
  assert.match(page.body, /Det lykkedes ikke at sende anmodningen/);
});

async function vendorApiToken(vendorId: string): Promise<string> {
  const client = await db
    .insertInto('vendor_api_client')
    .values({
      vendor_id: vendorId,
      client_id: `jvc_${randomBytes(18).toString('base64url')}`,
      secret_hash: createHash('sha256').update(randomUUID()).digest(),
      name: 'Test',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = `jva_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('vendor_api_token')
    .values({ token_hash: createHash('sha256').update(token).digest(), client_id: client.id, expires_at: new Date(Date.now() + 600_000) })
    .execute();
  return token;
}

test('the vendor confirms a deletion with its API credentials, for its own requests only', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const consentId = await decide(me, listingId, 'accepted');
  await post(me, `/borger/samtykker/${consentId}/traek-tilbage`, { confirm: 'yes' });
  const request = await db.selectFrom('vendor_deletion_request').select('id').where('consent_id', '=', consentId).executeTakeFirstOrThrow();
  await waitForDeletion(request.id, (status) => status !== 'pending');
  const confirmUrl = `/api/vendor/v1/deletion-requests/${request.id}/completed`;

  const stranger = await app.inject({ method: 'POST', url: confirmUrl, headers: { authorization: `Bearer ${await vendorApiToken(vendorB.id)}` }, payload: {} });
  assert.equal(stranger.statusCode, 404);
  assert.match(String(stranger.headers['content-type']), /^application\/problem\+json/);
  const anonymous = await app.inject({ method: 'POST', url: confirmUrl, payload: {} });
  assert.equal(anonymous.statusCode, 401);

  const own = await vendorApiToken(vendorA.id);
  const bad = await app.inject({ method: 'POST', url: confirmUrl, headers: { authorization: `Bearer ${own}` }, payload: { reference: 'x', extra: 1 } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<{ code: string }>().code, 'VALIDATION');
  const badId = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/deletion-requests/not-a-uuid/completed',
    headers: { authorization: `Bearer ${own}` },
    payload: {},
  });
  assert.equal(badId.statusCode, 400);
  assert.match(String(badId.headers['content-type']), /^application\/problem\+json/);
  assert.equal(
    (await db.selectFrom('vendor_deletion_request').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status,
    'accepted',
    'nothing changed',
  );

  const done = await app.inject({ method: 'POST', url: confirmUrl, headers: { authorization: `Bearer ${own}` }, payload: { reference: 'SLET-1-FÆRDIG' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual(done.json(), { id: request.id, status: 'completed' });
  const row = await db.selectFrom('vendor_deletion_request').select(['status', 'vendor_reference']).where('id', '=', request.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'completed', vendor_reference: 'SLET-1-FÆRDIG' });
  const again = await app.inject({ method: 'POST', url: confirmUrl, headers: { authorization: `Bearer ${own}` } });
  assert.equal(again.statusCode, 200, `saying it again (without a body) changes nothing: ${again.body}`);
  assert.match((await get(me, '/borger/samtykker')).body, /Leverandøren har slettet dine oplysninger/);
});

test('withdrawal without the confirmation gets a field message and changes nothing', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const consentId = await decide(me, listingId, 'accepted');
  await insertModelRows(me.id, listingId, 'kept');
  for (const path of [`/borger/samtykker/${consentId}/traek-tilbage`, `/borger/samtykker/${consentId}/slet`]) {
    const response = await post(me, path, { confirm: 'nej' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Sæt kryds for at bekræfte\./);
    assert.match(response.body, /aria-invalid="true"/);
  }
  assert.equal((await db.selectFrom('consent_record').select('status').where('id', '=', consentId).executeTakeFirstOrThrow()).status, 'active');
  assert.equal((await modelRows(me.id)).length, 2);
  assert.deepEqual(await db.selectFrom('vendor_deletion_request').select('id').where('citizen_id', '=', me.id).execute(), []);
});

test('another citizen can never see, download, withdraw or ask deletion for someone else’s consent', async () => {
  const me = await citizen();
  const snoop = await citizen('751');
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri, name: 'Hemmelig tjeneste' });
  const consentId = await decide(me, listingId, 'accepted');
  await insertModelRows(me.id, listingId, 'guarded');

  for (const path of [`/borger/samtykker/${consentId}/kvittering`, `/borger/samtykker/${consentId}/traek-tilbage`, `/borger/samtykker/${consentId}/slet`]) {
    assert.equal((await get(snoop, path)).statusCode, 404, `GET ${path}`);
  }
  for (const path of [`/borger/samtykker/${consentId}/traek-tilbage`, `/borger/samtykker/${consentId}/slet`]) {
    assert.equal((await post(snoop, path, { confirm: 'yes' })).statusCode, 404, `POST ${path}`);
  }
  assert.equal((await get(snoop, '/borger/samtykker/not-a-uuid/kvittering')).statusCode, 404);
  assert.doesNotMatch((await get(snoop, '/borger/samtykker')).body, /Hemmelig tjeneste/);
  assert.equal((await db.selectFrom('consent_record').select('status').where('id', '=', consentId).executeTakeFirstOrThrow()).status, 'active');
  assert.equal((await modelRows(me.id)).length, 2);
  assert.deepEqual(await db.selectFrom('vendor_deletion_request').select('id').where('citizen_id', '=', me.id).execute(), []);
  // Without a session the pages send the browser to sign in, and the keys are public.
  const anonymous = await app.inject({ url: '/borger/samtykker', headers: { accept: 'text/html' } });
  assert.equal(anonymous.statusCode, 303);
  assert.equal((await app.inject({ url: '/.well-known/jobunivers-receipt-keys.json' })).statusCode, 200);
});

test('declining and then forgetting the no asks again, with no deletion request', async () => {
  const me = await citizen();
  const { listingId } = await createConsentListing(db, { vendorId: vendorA.id, data, deletionUri });
  const consentId = await decide(me, listingId, 'declined');
  const confirm = await get(me, `/borger/samtykker/${consentId}/traek-tilbage`);
  assert.match(confirm.body, /Glem dit nej til Samtaletræning/);
  const forgotten = await post(me, `/borger/samtykker/${consentId}/traek-tilbage`, { confirm: 'yes' });
  assert.equal(forgotten.headers.location, '/borger/samtykker?besked=forgotten');
  assert.equal((await get(me, `${CONSENT_SCREEN_PATH}/${listingId}`)).statusCode, 200, 'asked again');
  assert.deepEqual(await db.selectFrom('vendor_deletion_request').select('id').where('citizen_id', '=', me.id).execute(), []);
  // Nothing was shared, so there is nothing to ask the vendor to delete.
  assert.equal((await post(me, `/borger/samtykker/${consentId}/slet`, { confirm: 'yes' })).statusCode, 409);
});
