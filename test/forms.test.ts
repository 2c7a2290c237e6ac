// Issue 12's papercuts in forms, through the real app: a creating form submitted again (Back and submit, a double
// click) makes nothing new and leads to what the first submit made; revoking and suspending ask first; dead ends
// explain themselves; an oversized logo gives the form back; every error summary names its fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { cookiesFrom, createTestApp, csrfTokenIn, localOfferForm, type FormFields } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';
import { png } from './support/png.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });

const listing = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const nextYear = new Date().getUTCFullYear() + 1;

const open = (token: string, url: string) => app.inject({ url, headers: { cookie: `jobunivers-session=${token}` } });

/** The hidden fields of the form posting to `action` on a page (its CSRF and one-time tokens), as a browser would send them. */
function hiddenFieldsOf(body: string, action: string): Record<string, string> {
  const start = body.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = body.slice(start, body.indexOf('</form>', start));
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** A browser's session on one page: it posts the page's form, and can post the very same request again (Back, submit). */
async function formOn(token: string, page: string, action: string) {
  const shown = await open(token, page);
  assert.equal(shown.statusCode, 200, shown.body);
  const hidden = hiddenFieldsOf(shown.body, action);
  const cookie = `${cookiesFrom(shown)}; jobunivers-session=${token}`;
  return {
    hidden,
    cookie,
    submit(fields: FormFields, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
      const body = new URLSearchParams({ ...hidden, ...extra });
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      return app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    },
  };
}

function licenceFields(listingId: string): FormFields {
  return {
    listingId,
    seats: '2',
    validFromDay: '1',
    validFromMonth: '1',
    validFromYear: String(nextYear - 1),
    validToDay: '31',
    validToMonth: '12',
    validToYear: String(nextYear),
    priceDkk: '125.000,50',
    budgetHolder: 'Center for Jobindsats',
  };
}

async function contentOwnerOf(code: string) {
  return createSession(db, { ...principalFor('content_owner', { municipalityCode: code }), municipality: { code, name: `Testkommune ${code}` } });
}

async function enable(token: string, listingId: string) {
  const form = await formOn(token, `/kommune/katalog/${listingId}`, `/kommune/katalog/${listingId}/vaelg`);
  assert.equal((await form.submit({})).statusCode, 303);
}

test('a licence form sent twice (Back, submit again) records one licence; the second answer leads to it', async () => {
  const { code } = await createMunicipality(db);
  const owner = await contentOwnerOf(code);
  await enable(owner, listing(2));
  const form = await formOn(owner, '/kommune/licenser', '/kommune/licenser');
  assert.ok(form.hidden._skema, 'the form carries a one-time token');

  const first = await form.submit(licenceFields(listing(2)));
  assert.equal(first.statusCode, 303, first.body);
  const again = await form.submit(licenceFields(listing(2)));
  assert.equal(again.statusCode, 303, again.body);
  const firstPath = first.headers.location?.split('?')[0];
  assert.equal(again.headers.location?.split('?')[0], firstPath, 'the resubmit goes to the licence already recorded');
  const licences = await db.selectFrom('licence').select('id').where('municipality_code', '=', code).execute();
  assert.equal(licences.length, 1, 'one licence, not two');

  const shown = await open(owner, String(again.headers.location));
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Formularen var allerede sendt/);

  const fresh = await formOn(owner, '/kommune/licenser', '/kommune/licenser');
  assert.notEqual(fresh.hidden._skema, form.hidden._skema, 'a new form is a new token');
  assert.equal((await fresh.submit(licenceFields(listing(2)))).statusCode, 303);
  assert.equal(
    (await db.selectFrom('licence').select('id').where('municipality_code', '=', code).execute()).length,
    2,
    'a second, deliberate licence is still possible',
  );
});

test('a form token is only replayed for the person who used it', async () => {
  const { code } = await createMunicipality(db);
  const owner = await contentOwnerOf(code);
  const colleague = await contentOwnerOf(code);
  await enable(owner, listing(2));
  const form = await formOn(owner, '/kommune/licenser', '/kommune/licenser');
  assert.equal((await form.submit(licenceFields(listing(2)))).statusCode, 303);
  const stolen = await formOn(colleague, '/kommune/licenser', '/kommune/licenser');
  const replay = await stolen.submit(licenceFields(listing(2)), { _skema: String(form.hidden._skema) });
  assert.equal(replay.statusCode, 409);
  assert.doesNotMatch(String(replay.headers.location ?? ''), /licenser\//);
});

test('a refused form comes back with its messages, what was typed and its own one-time token, having written nothing', async () => {
  const admin = await createSession(db, principalFor('vendor_admin'));
  const form = await formOn(admin, '/leverandoer/api-noegler', '/leverandoer/api-noegler');
  const before = await db.selectFrom('vendor_api_client').select('id').execute();

  const refused = await form.submit({ name: 'x' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /id="error-summary"/);
  assert.match(refused.body, /<input class="form-input" type="text" id="field-name" name="name" value="x"[^>]*aria-invalid="true"/);
  assert.equal(hiddenFieldsOf(refused.body, '/leverandoer/api-noegler')._skema, form.hidden._skema, 'the same form, the same token');
  assert.equal((await db.selectFrom('vendor_api_client').select('id').execute()).length, before.length, 'nothing stored');

  // The refused submit took no token: the corrected form, with the same token, makes the client.
  const corrected = await form.submit({ name: 'Rettet klient (formular)' });
  assert.equal(corrected.statusCode, 200);
  assert.match(corrected.body, /<dt>client_secret<\/dt><dd><code>jvs_/);
});

test('an API client form sent twice makes one client and never shows a second secret', async () => {
  const admin = await createSession(db, principalFor('vendor_admin'));
  const form = await formOn(admin, '/leverandoer/api-noegler', '/leverandoer/api-noegler');
  const before = await db.selectFrom('vendor_api_client').select('id').execute();

  const first = await form.submit({ name: 'Byggeserver (formular)' });
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /<dt>client_secret<\/dt><dd><code>jvs_/);
  const again = await form.submit({ name: 'Byggeserver (formular)' });
  assert.equal(again.statusCode, 303, 'the resubmit is redirected to the client already made');
  assert.doesNotMatch(again.body, /jvs_/);
  const after = await db.selectFrom('vendor_api_client').select('id').execute();
  assert.equal(after.length, before.length + 1, 'one client, not two');

  const shown = await open(admin, String(again.headers.location));
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Byggeserver \(formular\)/);
  assert.match(shown.body, /Hemmeligheden blev vist én gang/);
  assert.doesNotMatch(shown.body, /client_secret|jvs_/, 'the secret is not shown again');
});

test('revoking an API client asks first; only the confirmed POST revokes, and Fortryd leads back', async () => {
  const admin = await createSession(db, principalFor('vendor_admin'));
  const created = await (await formOn(admin, '/leverandoer/api-noegler', '/leverandoer/api-noegler')).submit({ name: 'Skal spærres' });
  const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)</.exec(created.body)?.[1] ?? '';
  const row = await db.selectFrom('vendor_api_client').select('id').where('client_id', '=', clientId).executeTakeFirstOrThrow();
  const revoke = `/leverandoer/api-noegler/${row.id}/spaer`;

  const list = await formOn(admin, '/leverandoer/api-noegler', revoke);
  const asked = await list.submit({});
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /Spær API-klienten &quot;Skal spærres&quot;\?|Spær API-klienten "Skal spærres"\?/);
  assert.match(asked.body, /Ja, spær/);
  assert.match(asked.body, /href="\/leverandoer\/api-noegler"[^>]*>Fortryd</);
  const stillLive = await db.selectFrom('vendor_api_client').select('revoked_at').where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.equal(stillLive.revoked_at, null, 'the first POST does not revoke');

  const confirmPage = hiddenFieldsOf(asked.body, revoke);
  assert.equal(confirmPage.bekraeft, 'ja');
  const confirmed = await app.inject({
    method: 'POST',
    url: revoke,
    headers: { cookie: list.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...confirmPage, _csrf: csrfTokenIn(asked.body) }).toString(),
  });
  assert.equal(confirmed.statusCode, 303, confirmed.body);
  const revoked = await db.selectFrom('vendor_api_client').select('revoked_at').where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.ok(revoked.revoked_at, 'the confirmed POST revokes');
});

test('suspending and delisting ask first: the first POST changes nothing, the confirmed one acts', async () => {
  const reviewer = await createSession(db, { ...principalFor('governance_reviewer'), name: 'Henrik Lauridsen' });
  const listingId = listing(3); // demo: "Målrettet jobsøgning", live
  const statusOf = async () =>
    (await db.selectFrom('listing_version').select('status').where('listing_id', '=', listingId).orderBy('version', 'desc').executeTakeFirstOrThrow()).status;
  const form = await formOn(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`);
  const asked = await form.submit({ liveAction: 'suspend', liveReason: 'Tilgængelighedserklæringen svarer ikke.' });
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /<h1>Suspendér &quot;Målrettet jobsøgning&quot;\?<\/h1>/);
  assert.match(asked.body, /Ja, suspendér/);
  assert.match(asked.body, new RegExp(`href="/faellesskab/ydelser/${listingId}"[^>]*>Fortryd<`));
  assert.equal(await statusOf(), 'approved', 'the first POST does not suspend');

  const delistAsked = await form.submit({ liveAction: 'delist', liveReason: 'Lukket.' });
  assert.match(delistAsked.body, /Ja, afmeld/);
  assert.equal(await statusOf(), 'approved', 'nor delist');

  const confirmed = await form.submit({ liveAction: 'suspend', liveReason: 'Tilgængelighedserklæringen svarer ikke.', bekraeft: 'ja' });
  assert.equal(confirmed.statusCode, 303);
  assert.equal(await statusOf(), 'suspended');
});

test('the notice about a suspended listing leads to a page that says why, not to "page not found"', async () => {
  const owner = await contentOwnerOf('101');
  const listingId = listing(3);
  const notices = await open(owner, '/kommune/meddelelser');
  const link = new RegExp(`<a href="([^"]+)">Se tilbuddet</a>`).exec(notices.body)?.[1];
  assert.equal(link, `/kommune/katalog/${listingId}`, 'the notice links to the municipality’s own page of the listing');
  const page = await open(owner, String(link));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Tilbuddet er midlertidigt ikke tilgængeligt/);
  assert.match(page.body, /Begrundelse fra fællesskabet: Tilgængelighedserklæringen svarer ikke\./);
  assert.match(page.body, /<a href="\/kommune\/meddelelser">Tilbage til meddelelserne<\/a>/);
});

test('Back to a consent screen already answered explains instead of "page not found"', async () => {
  const response = await app.inject({ url: '/oidc-interaktion/used-up-interaction' });
  assert.equal(response.statusCode, 404);
  assert.match(response.body, /<h1>Du har allerede givet svar<\/h1>/);
  assert.match(response.body, /<a href="\/borger\/markedsplads">Gå til Markedspladsen<\/a>/);
  assert.match(response.body, /<a href="\/borger\/samtykker">Gå til Mine samtykker<\/a>/);
  assert.doesNotMatch(response.body, /Siden findes ikke/);
});

test('a 4 MB logo gives the branding form back with the message next to the logo and everything typed; nothing is written', async () => {
  const { code } = await createMunicipality(db);
  const owner = await contentOwnerOf(code);
  const page = await open(owner, '/kommune/branding');
  const boundary = '----jobuniversPapercut';
  const fields = {
    _csrf: csrfTokenIn(page.body),
    displayName: 'Jobcenter Papercut',
    contactTextDa: 'Ring på 70 10 20 30',
    contactTextEn: 'Call 70 10 20 30',
    logoAlt: 'Byvåben',
  };
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="logo"; filename="foto.png"\r\ncontent-type: image/png\r\n\r\n`),
    png({ padTo: 4 * 1024 * 1024 }),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const response = await app.inject({
    method: 'POST',
    url: '/kommune/branding',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${owner}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-logo-error">Logoet må højst fylde 200 kB\./);
  for (const value of ['Jobcenter Papercut', 'Ring på 70 10 20 30', 'Call 70 10 20 30', 'Byvåben'])
    assert.match(response.body, new RegExp(value), `"${value}" is shown again`);
  assert.match(response.body, /<a href="#field-logo">Logo: Logoet må højst fylde 200 kB\./, 'the summary names the field');
  assert.equal(await db.selectFrom('municipality_branding').select('municipality_code').where('municipality_code', '=', code).executeTakeFirst(), undefined);
});

test('every error summary entry names its field: "<label>: <message>", linking to it', async () => {
  const { code } = await createMunicipality(db);
  const owner = await contentOwnerOf(code);
  await enable(owner, listing(2));
  const licence = await (await formOn(owner, '/kommune/licenser', '/kommune/licenser')).submit({ listingId: listing(2) });
  assert.equal(licence.statusCode, 400);
  const summary = /id="error-summary"[\s\S]*?<\/ul>/.exec(licence.body)?.[0] ?? '';
  assert.match(summary, /<a href="#field-seats">Antal pladser: /);
  assert.match(summary, /<a href="#field-budgetHolder">Budgetansvarlig[^:]*: /);
  const entries = [...summary.matchAll(/<li><a href="#([^"]+)">([^<]*)<\/a><\/li>/g)];
  assert.ok(entries.length >= 3);
  for (const [, id, text] of entries) assert.match(String(text), /^[^:]+: \S/, `the entry for ${id} names its field`);

  const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Tom Screening' });
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  const screening = await (await formOn(token, '/borger/screening', '/borger/screening')).submit({});
  assert.equal(screening.statusCode, 400);
  assert.match(
    screening.body,
    /<a href="#field-digitalReadiness">Hvor tryg er du ved at bruge computer, mobil og digital selvbetjening: Vælg en af mulighederne\./,
  );
});

test('a too long e-mail says how long it may be, not "{limit}"', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Lang Mail' });
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const response = await (
    await formOn(token, '/borger/kontakt', '/borger/kontakt')
  ).submit({ email: `${'a'.repeat(260)}@example.dk`, phone: '', preferredLanguage: 'da' });
  assert.equal(response.statusCode, 400);
  assert.doesNotMatch(response.body, /\{limit\}/);
  assert.match(response.body, /id="field-email-error">Skriv højst 254 tegn\./);
  assert.match(response.body, /<a href="#field-email">E-mail: Skriv højst 254 tegn\./);
});

// Issue 12, the remaining creating forms: local offers, a vendor's new listing, the accessibility feedback form and
// governance's framework drafts and requirements. Each is sent twice with the same one-time token.

const sameTarget = (a: LightMyRequestResponse, b: LightMyRequestResponse) =>
  assert.equal(b.headers.location?.split(/[?#]/)[0], a.headers.location?.split(/[?#]/)[0], 'the resubmit goes to what the first submit made');

const localOfferFields = (title: string) => localOfferForm({ titleDa: title, titleEn: 'CV workshop', languages: ['da'] });

test('a local offer form sent twice makes one offer; the second answer leads to it and says the form was already sent', async () => {
  const { code } = await createMunicipality(db);
  const owner = await contentOwnerOf(code);
  const form = await formOn(owner, '/kommune/tilbud/ny', '/kommune/tilbud');
  assert.ok(form.hidden._skema, 'the form carries a one-time token');

  const first = await form.submit(localOfferFields('CV-værksted (formular)'));
  assert.equal(first.statusCode, 303, first.body);
  assert.match(String(first.headers.location), /besked=oprettet/);
  const again = await form.submit(localOfferFields('CV-værksted (formular)'));
  assert.equal(again.statusCode, 303, again.body);
  sameTarget(first, again);
  const offers = await db.selectFrom('local_offer').select('id').where('municipality_code', '=', code).execute();
  assert.equal(offers.length, 1, 'one offer, not two');
  const shown = await open(owner, String(again.headers.location));
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Formularen var allerede sendt/);

  const bad = await form.submit({ ...localOfferFields(''), titleDa: '' });
  assert.equal(bad.statusCode, 400, 'a token already used still lets the form be checked');
  const fresh = await formOn(owner, '/kommune/tilbud/ny', '/kommune/tilbud');
  const refused = await fresh.submit({ ...localOfferFields('Andet værksted'), titleDa: '' });
  assert.equal(refused.statusCode, 400);
  assert.equal(hiddenFieldsOf(refused.body, '/kommune/tilbud')._skema, fresh.hidden._skema, 'the form shown again keeps its token');
  assert.equal((await fresh.submit(localOfferFields('Andet værksted'))).statusCode, 303);
  assert.equal((await db.selectFrom('local_offer').select('id').where('municipality_code', '=', code).execute()).length, 2, 'a new form makes a new offer');
  const edit = await open(owner, `/kommune/tilbud/${String(offers[0]?.id)}/rediger`);
  assert.doesNotMatch(edit.body, /name="_skema"/, 'changing an offer is idempotent by itself and carries no token');
});

test('a new listing form sent twice makes one listing and does not submit it again; the second answer leads to it', async () => {
  const vendor = await createSession(db, principalFor('vendor_admin'));
  const form = await formOn(vendor, '/leverandoer/ydelser/ny', '/leverandoer/ydelser');
  assert.ok(form.hidden._skema);
  const name = `Dobbeltklik-ydelsen ${Date.now()}`;
  const first = await form.submit({ nameDa: name, action: 'submit' });
  assert.equal(first.statusCode, 303, first.body);
  const listingId = /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(String(first.headers.location))?.[1] ?? '';
  const transitions = async () => (await db.selectFrom('listing_transition').select('id').where('listing_id', '=', listingId).execute()).length;
  const transitionsAfterFirst = await transitions();

  const again = await form.submit({ nameDa: name, action: 'submit' });
  assert.equal(again.statusCode, 303, again.body);
  sameTarget(first, again);
  assert.match(String(again.headers.location), /allerede=1/);
  const versions = await db.selectFrom('listing_version').select('listing_id').where('name_da', '=', name).execute();
  assert.equal(versions.length, 1, 'one listing, not two');
  assert.equal(await transitions(), transitionsAfterFirst, 'the resubmit is not submitted to the checks again');
  const shown = await open(vendor, String(again.headers.location));
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Formularen var allerede sendt/);
});

test('the accessibility feedback form sent twice, without signing in, stores one report and shows its reference again', async () => {
  const page = await app.inject({ url: '/tilgaengelighed' });
  const hidden = hiddenFieldsOf(page.body, '/tilgaengelighed');
  assert.ok(hidden._skema);
  const cookie = cookiesFrom(page);
  const description = `Knappen kan ikke nås med tastatur (${Date.now()})`;
  const send = () =>
    app.inject({
      method: 'POST',
      url: '/tilgaengelighed',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...hidden, description }).toString(),
    });
  const first = await send();
  assert.equal(first.statusCode, 303, first.body);
  const again = await send();
  assert.equal(again.statusCode, 303, again.body);
  sameTarget(first, again);
  assert.equal(
    (await db.selectFrom('accessibility_feedback').select('reference').where('description', '=', description).execute()).length,
    1,
    'one report, not two',
  );
  const shown = await app.inject({ url: String(again.headers.location), headers: { cookie } });
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Formularen var allerede sendt/);
  assert.match(shown.body, new RegExp(String(first.headers.location).split('/').pop() ?? 'none'));

  const someoneSignedIn = await createSession(db, principalFor('caseworker'));
  const theirPage = await open(someoneSignedIn, '/tilgaengelighed');
  const stolen = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { cookie: `${cookiesFrom(theirPage)}; jobunivers-session=${someoneSignedIn}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...hidden, _csrf: csrfTokenIn(theirPage.body), description }).toString(),
  });
  assert.equal(stolen.statusCode, 409, 'a signed-in person does not replay an anonymous visitor’s form');
});

test('framework drafts: a new version and a new requirement, each sent twice, are made once; the second answer leads to them', async () => {
  const governance = await createSession(db, principalFor('governance_admin'));
  const published = await db.selectFrom('framework_version').select(['id', 'agreement_id']).where('status', '=', 'published').executeTakeFirstOrThrow();
  const drafts = () =>
    db.selectFrom('framework_version').select('id').where('agreement_id', '=', published.agreement_id).where('status', '=', 'draft').execute();
  const newVersion = await formOn(governance, '/faellesskab/rammeaftaler', `/faellesskab/rammeaftaler/${published.id}/ny-version`);
  assert.ok(newVersion.hidden._skema);
  const first = await newVersion.submit({});
  assert.equal(first.statusCode, 303, first.body);
  const again = await newVersion.submit({});
  assert.equal(again.statusCode, 303, 'the resubmit is not "a draft exists already" but leads to the draft');
  sameTarget(first, again);
  assert.equal((await drafts()).length, 1, 'one draft');
  const draftPage = await open(governance, String(again.headers.location));
  assert.match(draftPage.body, /Formularen var allerede sendt/);

  const draftPath = String(first.headers.location).split('?')[0] ?? '';
  const draftId = draftPath.split('/').pop() ?? '';
  const add = await formOn(governance, draftPath, `${draftPath}/krav`);
  assert.ok(add.hidden._skema);
  const requirement = { key: 'double_click', textDa: 'Et krav sendt to gange.', textEn: 'A requirement sent twice.', answerType: 'yes_no', obligation: 'may' };
  const added = await add.submit(requirement);
  assert.equal(added.statusCode, 303, added.body);
  const addedAgain = await add.submit(requirement);
  assert.equal(addedAgain.statusCode, 303, 'not "the key is in use" but a redirect to the requirement');
  sameTarget(added, addedAgain);
  assert.match(String(addedAgain.headers.location), /besked=allerede#krav-double_click$/);
  assert.equal(
    (await db.selectFrom('framework_requirement').select('key').where('version_id', '=', draftId).where('key', '=', 'double_click').execute()).length,
    1,
  );
  assert.doesNotMatch(
    (await open(governance, `${draftPath}?rediger=double_click`)).body.split('id="rediger"')[1] ?? '',
    /name="_skema"/,
    'the edit form carries no token',
  );
});
