// A listing's single sign-on settings (issue 6): where the platform starts the vendor's login, where it sends
// back-channel logout and deletion requests, and whether the service works without the citizen's data — in the
// vendor's form and API (bad input answered per field, nothing stored), copied into the next version, checked
// automatically (https, or localhost in the sandbox), shown to governance and, the last, to citizens.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeListingForm, cookiesFrom, createTestApp, csrfTokenIn, signedInForms, type FormFields } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });

const admin = await createSession(db, principalFor('vendor_admin'));
const reviewer = await createSession(db, principalFor('governance_reviewer'));

type Fields = FormFields;

const { open, post } = signedInForms(app);

const complete: Fields = completeListingForm({ da: 'Sporfinder samtaletræning', en: 'Sporfinder interview practice' }, 'sporfinder.example', {
  priceModel: 'per_seat',
  dataCategories: ['profile'],
  purposeDa_profile: 'At hilse på dig med navn',
  purposeEn_profile: 'To greet you by name',
  legalBasis_profile: 'consent',
});

const idFrom = (location: string | undefined) => /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const ssoColumns = (listingId: string) =>
  db
    .selectFrom('listing_version')
    .select(['version', 'status', 'initiate_login_uri', 'backchannel_logout_uri', 'deletion_uri', 'works_without_data'])
    .where('listing_id', '=', listingId)
    .orderBy('version')
    .execute();
const countVersionsNamed = async (name: string) => (await db.selectFrom('listing_version').select('id').where('name_da', '=', name).execute()).length;

test('the form refuses malformed addresses and an unknown yes/no answer with a message at each field, and stores nothing', async () => {
  const response = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', {
    ...complete,
    nameDa: 'Sporfinder med fejl',
    initiateLoginUri: 'ikke en adresse',
    backchannelLogoutUri: 'ftp://sporfinder.example/logout',
    deletionUri: `https://sporfinder.example/${'x'.repeat(2100)}`,
    worksWithoutData: 'måske',
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-initiateLoginUri-error"/);
  assert.match(response.body, /id="field-backchannelLogoutUri-error"/);
  assert.match(response.body, /id="field-deletionUri-error"/);
  assert.match(response.body, /id="field-worksWithoutData-error"/);
  assert.match(response.body, /value="ikke en adresse"/, 'what was typed is shown again');
  assert.equal(await countVersionsNamed('Sporfinder med fejl'), 0);
});

test('the settings are stored, shown to the vendor, copied into the next version and checked: http is refused outside localhost', async () => {
  const created = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', {
    ...complete,
    initiateLoginUri: 'http://sporfinder.example/login',
    backchannelLogoutUri: 'https://sporfinder.example/logout',
    deletionUri: 'https://sporfinder.example/deletion',
    worksWithoutData: 'no',
    action: 'submit',
  });
  assert.equal(created.statusCode, 303);
  const listingId = idFrom(created.headers.location);
  assert.deepEqual(await ssoColumns(listingId), [
    {
      version: 1,
      status: 'checks_failed',
      initiate_login_uri: 'http://sporfinder.example/login',
      backchannel_logout_uri: 'https://sporfinder.example/logout',
      deletion_uri: 'https://sporfinder.example/deletion',
      works_without_data: false,
    },
  ]);
  let page = await open(admin, `/leverandoer/ydelser/${listingId}`);
  assert.match(page.body, /Fejlet:<\/strong> Adresser til single sign-on — Disse adresser bruger ikke https: http:\/\/sporfinder\.example\/login/);
  assert.match(page.body, /Bestået:<\/strong> Sletteanmodninger/);
  assert.match(page.body, /<dt>Kan tjenesten bruges uden borgerens data\?<\/dt><dd>Nej<\/dd>/);

  const edit = await open(admin, `/leverandoer/ydelser/${listingId}/rediger`);
  assert.match(edit.body, /name="initiateLoginUri" value="http:\/\/sporfinder\.example\/login"/);
  assert.match(edit.body, /value="no" checked/);

  // In the sandbox (on outside production) the vendor's own machine is accepted, as for redirect URIs.
  const fixed = await post(admin, `/leverandoer/ydelser/${listingId}/rediger`, `/leverandoer/ydelser/${listingId}/rediger`, {
    ...complete,
    initiateLoginUri: 'http://127.0.0.1:4000/login',
    backchannelLogoutUri: 'http://localhost:4000/logout',
    deletionUri: 'https://sporfinder.example/deletion',
    worksWithoutData: 'no',
    action: 'submit',
  });
  assert.equal(fixed.statusCode, 303);
  assert.equal((await ssoColumns(listingId))[0]?.status, 'in_review');

  const review = await open(reviewer, `/faellesskab/ydelser/${listingId}`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /<dt>Adresse til start af login \(initiate_login_uri\)<\/dt><dd>http:\/\/127\.0\.0\.1:4000\/login<\/dd>/);
  assert.match(review.body, /<dt>Adresse til sletteanmodninger<\/dt><dd>https:\/\/sporfinder\.example\/deletion<\/dd>/);
  const approved = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, { decision: 'approve' });
  assert.equal(approved.statusCode, 303);

  await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/ny-version`, {});
  const versions = await ssoColumns(listingId);
  assert.equal(versions.length, 2);
  assert.deepEqual({ ...versions[1], version: 0, status: '' }, { ...versions[0], version: 0, status: '' }, 'the next version starts as a copy');
  page = await open(admin, `/leverandoer/ydelser/${listingId}/rediger`);
  assert.match(page.body, /name="backchannelLogoutUri" value="http:\/\/localhost:4000\/logout"/);

  // A citizen of a municipality that enabled the service reads whether it can be used without their data.
  await db.insertInto('municipality_listing').values({ municipality_code: '101', listing_id: listingId, enabled_by: 'test' }).execute();
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  const citizenSession = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const market = await open(citizenSession, `/borger/markedsplads/${listingId}`);
  assert.equal(market.statusCode, 200);
  assert.match(market.body, /<dt>Kan bruges uden dine data<\/dt><dd>Nej — tjenesten kræver de oplysninger, der står ovenfor\.<\/dd>/);
});

test('without a deletion address a service that receives data is recommended one, and passes the other checks', async () => {
  const created = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', { ...complete, nameDa: 'Sporfinder uden sletning', action: 'submit' });
  const listingId = idFrom(created.headers.location);
  const [version] = await ssoColumns(listingId);
  assert.equal(version?.status, 'in_review');
  assert.equal(version?.works_without_data, true, 'yes is the default');
  const checks = await db
    .selectFrom('listing_check')
    .select(['code', 'outcome', 'message_key'])
    .where('code', 'in', ['sso_addresses', 'deletion_endpoint'])
    .where('version_id', '=', (eb) => eb.selectFrom('listing_version').select('id').where('listing_id', '=', listingId))
    .orderBy('code')
    .execute();
  assert.deepEqual(checks, [
    { code: 'deletion_endpoint', outcome: 'skipped', message_key: 'check.deletion_endpoint.framework' },
    { code: 'sso_addresses', outcome: 'skipped', message_key: 'check.sso_addresses.skipped' },
  ]);
  const page = await open(admin, `/leverandoer/ydelser/${listingId}`);
  assert.match(page.body, /rammeaftalen kræver sletning på anmodning/);
});

test('the vendor API reads and writes the settings; bad ones are answered with problem+json per field and nothing changes', async () => {
  const page = await open(admin, '/leverandoer/api-noegler');
  const made = await app.inject({
    method: 'POST',
    url: '/leverandoer/api-noegler',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), name: 'SSO-test' }).toString(),
  });
  const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(made.body)?.[1] ?? '';
  const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(made.body)?.[1] ?? '';
  const tokenResponse = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  const token = tokenResponse.json<{ access_token: string }>().access_token;
  const api = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'da' }, ...(payload ? { payload } : {}) });

  const created = await api('POST', '/api/vendor/v1/listings', {
    nameDa: 'Sporfinder via API',
    initiateLoginUri: 'https://sporfinder.example/api-login',
    deletionUri: 'https://sporfinder.example/api-deletion',
    worksWithoutData: false,
  });
  assert.equal(created.statusCode, 201, created.body);
  const listing = created.json<{ id: string; open: Record<string, unknown> }>();
  assert.equal(listing.open.initiateLoginUri, 'https://sporfinder.example/api-login');
  assert.equal(listing.open.backchannelLogoutUri, null);
  assert.equal(listing.open.deletionUri, 'https://sporfinder.example/api-deletion');
  assert.equal(listing.open.worksWithoutData, false);

  const bad = await api('PUT', `/api/vendor/v1/listings/${listing.id}/draft`, {
    nameDa: 'Sporfinder via API',
    backchannelLogoutUri: 'javascript:alert(1)',
    worksWithoutData: 'ja',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  const fields = bad
    .json<{ errors: { field: string }[] }>()
    .errors.map((e) => e.field)
    .sort();
  assert.deepEqual(fields, ['backchannelLogoutUri', 'worksWithoutData']);
  const [stored] = await ssoColumns(listing.id);
  assert.equal(stored?.backchannel_logout_uri, null, 'nothing changed');
  assert.equal(stored?.initiate_login_uri, 'https://sporfinder.example/api-login');

  const replaced = await api('PUT', `/api/vendor/v1/listings/${listing.id}/draft`, {
    nameDa: 'Sporfinder via API',
    backchannelLogoutUri: 'https://sporfinder.example/api-logout',
  });
  assert.equal(replaced.statusCode, 200, replaced.body);
  assert.deepEqual(await ssoColumns(listing.id), [
    {
      version: 1,
      status: 'draft',
      initiate_login_uri: null,
      backchannel_logout_uri: 'https://sporfinder.example/api-logout',
      deletion_uri: null,
      works_without_data: true,
    },
  ]);
});
