// The listing workflow through the app: a vendor writes and submits, automated checks answer, governance
// decides with reasons, the catalogue shows the live version while the next is reviewed, suspension and
// delisting reach the vendor and the municipalities that enabled the listing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { createTestApp, signedInForms, type FormFields } from './support/app.ts';
import { createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });

// principalFor gives vendor roles the demo company Jobtræner ApS (CVR 39000008), whose framework declaration is submitted.
const admin = await createSession(db, { ...principalFor('vendor_admin'), name: 'Signe Brandt' });
const developer = await createSession(db, principalFor('vendor_developer'));
const otherVendor = await createSession(db, { ...principalFor('vendor_admin'), vendor: { cvr: '39000032', name: 'Sprogbroen ApS (test)' } });
const reviewer = await createSession(db, { ...principalFor('governance_reviewer'), name: 'Henrik Lauridsen' });
const contentOwner101 = await createSession(db, principalFor('content_owner', { municipalityCode: '101' }));
const elsewhere = await createMunicipality(db);
const contentOwnerElsewhere = await createSession(db, principalFor('content_owner', { municipalityCode: elsewhere.code }));

type Fields = FormFields;

const { open, post } = signedInForms(app);

const complete: Fields = {
  nameDa: 'Kvadratfisk jobsamtaletræning',
  nameEn: 'Kvadratfisk interview training',
  summaryDa: 'Øv jobsamtaler med en tålmodig træner og få feedback med det samme.',
  summaryEn: 'Practise job interviews with a patient trainer and get feedback at once.',
  descriptionDa: 'Ti korte øvelser.\nHver med feedback.',
  descriptionEn: 'Ten short exercises.\nEach with feedback.',
  journeyStage: 'prepare',
  categories: ['interview'],
  targetGroups: ['job_ready', 'activity_ready'],
  languages: ['da', 'en'],
  channels: ['web', 'video'],
  priceModel: 'per_seat',
  requiredNsisLevel: 'Substantial',
  serviceUrl: 'https://kvadratfisk.example/start',
  accessibilityStatementUrl: 'https://kvadratfisk.example/tilgaengelighed',
  dataCategories: ['profile', 'cv'],
  purposeDa_profile: 'At hilse på dig med navn',
  purposeEn_profile: 'To greet you by name',
  legalBasis_profile: 'consent',
  purposeDa_cv: 'At øve samtaler ud fra dit CV',
  purposeEn_cv: 'To practise interviews based on your CV',
  legalBasis_cv: 'consent',
  redirectUris: 'https://kvadratfisk.example/callback\nhttp://localhost:4000/callback',
  clientAuthMethod: 'private_key_jwt',
  jwksUri: 'https://kvadratfisk.example/jwks.json',
};

const listingsOf = async (cvr: string) =>
  db.selectFrom('listing').innerJoin('vendor', 'vendor.id', 'listing.vendor_id').select('listing.id').where('vendor.cvr', '=', cvr).execute();
const versionsOf = (listingId: string) =>
  db.selectFrom('listing_version').select(['version', 'status']).where('listing_id', '=', listingId).orderBy('version').execute();
const idFrom = (location: string | undefined) => /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const searchCatalogue = async (q: string) => (await app.inject({ url: `/katalog?q=${encodeURIComponent(q)}` })).body;

test('bad input gets field-level messages and nothing is stored; stored text is escaped', async () => {
  const before = (await listingsOf('39000008')).length;
  const response = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', {
    ...complete,
    nameDa: 'x',
    descriptionDa: 'y'.repeat(1_000_000),
    journeyStage: 'on_the_moon',
    priceModel: 'gratis-ish',
    categories: ['interview', 'not_a_category'],
    serviceUrl: 'ikke en adresse',
    purposeDa_cv: 'z'.repeat(501),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-nameDa-error">Skriv mindst 2 tegn\./);
  assert.match(response.body, /id="field-descriptionDa-error">Skriv højst 10000 tegn\./);
  assert.match(response.body, /id="field-journeyStage-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-priceModel-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-categories-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-serviceUrl-error">Skriv en gyldig adresse/);
  assert.match(response.body, /id="field-purposeDa_cv-error">Skriv højst 500 tegn\./);
  assert.match(response.body, /<a href="#field-nameDa">/, 'the error summary links to the field');
  assert.equal((await listingsOf('39000008')).length, before, 'nothing is stored');

  const saved = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', { nameDa: 'Prøve <script>alert(1)</script>', action: 'save' });
  assert.equal(saved.statusCode, 303);
  const page = await open(admin, saved.headers.location ?? '');
  assert.match(page.body, /Prøve &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(page.body, /<script>alert/);
  assert.match(page.body, /Kladden er gemt\./);
});

test('a vendor writes a listing, reads the automated checks with fixes, fixes it and it goes to review; governance approves with a comment and it is in the catalogue', async () => {
  const created = await post(admin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', {
    nameDa: 'Kvadratfisk jobsamtaletræning',
    redirectUris: 'http://kvadratfisk.example/callback',
    action: 'submit',
  });
  assert.equal(created.statusCode, 303);
  const listingId = idFrom(created.headers.location);
  let page = await open(admin, `/leverandoer/ydelser/${listingId}?indsendt=1`);
  assert.match(page.body, /Ydelsen bestod ikke alle automatiske kontroller/);
  assert.match(page.body, /Disse felter mangler: Navn \(engelsk\), Kort beskrivelse \(dansk\)/);
  assert.match(page.body, /Sådan retter du det: Vælg &quot;Rediger&quot;/);
  assert.match(page.body, /bruger ikke https: http:\/\/kvadratfisk\.example\/callback/);
  assert.match(page.body, /Fejlet:<\/strong> Rammeaftalen|Bestået:<\/strong> Rammeaftalen/);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'checks_failed' }]);

  const fixed = await post(admin, `/leverandoer/ydelser/${listingId}/rediger`, `/leverandoer/ydelser/${listingId}/rediger`, { ...complete, action: 'submit' });
  assert.equal(fixed.statusCode, 303);
  page = await open(admin, fixed.headers.location ?? '');
  assert.match(page.body, /Ydelsen har bestået de automatiske kontroller og venter nu på gennemgang/);
  assert.match(page.body, /Alle kontroller er bestået\./);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'in_review' }]);
  assert.doesNotMatch(await searchCatalogue('Kvadratfisk'), /Kvadratfisk jobsamtaletræning/, 'not in the catalogue before approval');

  const queue = await open(reviewer, '/faellesskab/gennemgang');
  assert.match(
    queue.body,
    new RegExp(`<a href="/faellesskab/ydelser/${listingId}">Kvadratfisk jobsamtaletræning</a></td><td>Jobtræner ApS \\(test\\)</td><td>1</td><td>0 timer`),
  );
  assert.match(queue.body, /ikke tildelt endnu/);
  await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/tildel`, {});
  const review = await open(reviewer, `/faellesskab/ydelser/${listingId}`);
  assert.match(review.body, /Sagsbehandler: Henrik Lauridsen/);
  assert.match(review.body, /Rammeaftalens tjekliste/);
  assert.match(review.body, /At øve samtaler ud fra dit CV/);

  const missingReason = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, {
    decision: 'request_changes',
    reason: ' ',
  });
  assert.equal(missingReason.statusCode, 400);
  assert.match(missingReason.body, /id="field-reason-error">Skriv en begrundelse\./);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'in_review' }]);

  const approved = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, {
    decision: 'approve',
    reason: 'Fin beskrivelse — godkendt.',
  });
  assert.equal(approved.statusCode, 303);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'approved' }]);
  assert.match(await searchCatalogue('Kvadratfisk'), /Kvadratfisk jobsamtaletræning/, 'in the catalogue straight after approval');

  page = await open(admin, `/leverandoer/ydelser/${listingId}`);
  assert.match(page.body, /Besked fra Henrik Lauridsen/);
  assert.match(page.body, /Fin beskrivelse — godkendt\./);
  assert.match(
    page.body,
    /Til gennemgang → Godkendt og offentliggjort<\/td><td>Henrik Lauridsen \(Fællesskabets reviewer\)<\/td><td class="preserve-lines">Fin beskrivelse — godkendt\./,
  );
  const list = await open(admin, '/leverandoer/ydelser');
  assert.match(list.body, /&quot;Kvadratfisk jobsamtaletræning&quot; er godkendt og offentliggjort/);

  // Version 2 is written and reviewed while version 1 stays live.
  await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/ny-version`, {});
  const v2 = await post(admin, `/leverandoer/ydelser/${listingId}/rediger`, `/leverandoer/ydelser/${listingId}/rediger`, {
    ...complete,
    nameDa: 'Kvadratfisk jobsamtaletræning 2.0',
    action: 'submit',
  });
  assert.equal(v2.statusCode, 303);
  assert.deepEqual(await versionsOf(listingId), [
    { version: 1, status: 'approved' },
    { version: 2, status: 'in_review' },
  ]);
  let catalogue = await searchCatalogue('Kvadratfisk');
  assert.match(catalogue, /Kvadratfisk jobsamtaletræning</);
  assert.doesNotMatch(catalogue, /2\.0/);

  const changes = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, {
    decision: 'request_changes',
    reason: 'Skriv hvor lang tid hver øvelse tager.',
  });
  assert.equal(changes.statusCode, 303);
  page = await open(admin, `/leverandoer/ydelser/${listingId}`);
  assert.match(page.body, /Ændringer ønsket/);
  assert.match(page.body, /Skriv hvor lang tid hver øvelse tager\./);
  await post(admin, `/leverandoer/ydelser/${listingId}/rediger`, `/leverandoer/ydelser/${listingId}/rediger`, {
    ...complete,
    nameDa: 'Kvadratfisk jobsamtaletræning 2.0',
    descriptionDa: 'Ti øvelser på hver fem minutter.',
    action: 'submit',
  });
  await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, { decision: 'approve', reason: '' });
  assert.deepEqual(await versionsOf(listingId), [
    { version: 1, status: 'superseded' },
    { version: 2, status: 'approved' },
  ]);
  catalogue = await searchCatalogue('Kvadratfisk');
  assert.match(catalogue, /Kvadratfisk jobsamtaletræning 2\.0/);

  const history = await db
    .selectFrom('listing_transition')
    .select(['from_status', 'to_status', 'actor_role'])
    .where('listing_id', '=', listingId)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    history.map((h) => `${h.from_status ?? '∅'}→${h.to_status} (${h.actor_role})`),
    [
      '∅→draft (vendor_admin)',
      'draft→submitted (vendor_admin)',
      'submitted→checks_failed (system)',
      'checks_failed→submitted (vendor_admin)',
      'submitted→in_review (system)',
      'in_review→approved (governance_reviewer)',
      '∅→draft (vendor_admin)',
      'draft→submitted (vendor_admin)',
      'submitted→in_review (system)',
      'in_review→changes_requested (governance_reviewer)',
      'changes_requested→submitted (vendor_admin)',
      'submitted→in_review (system)',
      'approved→superseded (governance_reviewer)',
      'in_review→approved (governance_reviewer)',
    ],
  );
});

test('suspension and delisting reach the vendor and exactly the municipalities that enabled the listing', async () => {
  const listingId = '00000000-0000-4000-9000-000000000003'; // demo: "Målrettet jobsøgning", Jobtræner ApS
  await db
    .insertInto('municipality_listing')
    .values({ municipality_code: '101', listing_id: listingId, enabled_by: 'test' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  assert.match(await searchCatalogue('Målrettet'), /Målrettet jobsøgning/);

  const noReason = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'suspend',
    liveReason: '',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /id="field-liveReason-error">Skriv en begrundelse\./);

  const suspended = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'suspend',
    liveReason: 'Tilgængelighedserklæringen svarer ikke.',
    bekraeft: 'ja',
  });
  assert.equal(suspended.statusCode, 303);
  assert.doesNotMatch(await searchCatalogue('Målrettet'), /Målrettet jobsøgning/, 'a suspended listing leaves the catalogue at once');
  const mine = await open(contentOwner101, '/kommune/meddelelser');
  assert.match(mine.body, /&quot;Målrettet jobsøgning&quot; er suspenderet/);
  assert.match(mine.body, /Tilgængelighedserklæringen svarer ikke\./);
  const theirs = await open(contentOwnerElsewhere, '/kommune/meddelelser');
  assert.doesNotMatch(theirs.body, /Målrettet jobsøgning/, 'a municipality that did not enable it hears nothing');
  assert.match((await open(admin, '/leverandoer/ydelser')).body, /&quot;Målrettet jobsøgning&quot; er suspenderet/);

  await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'reinstate',
    liveReason: 'Erklæringen svarer igen.',
  });
  assert.match(await searchCatalogue('Målrettet'), /Målrettet jobsøgning/);

  await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'delist',
    liveReason: 'Leverandøren har lukket tilbuddet.',
    bekraeft: 'ja',
  });
  assert.doesNotMatch(await searchCatalogue('Målrettet'), /Målrettet jobsøgning/);
  assert.match((await open(contentOwner101, '/kommune/meddelelser')).body, /&quot;Målrettet jobsøgning&quot; er afmeldt/);
  const again = await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/ny-version`, {});
  assert.equal(again.statusCode, 409, 'a delisted listing takes no new versions');
});

test('a vendor never sees another company’s listing, and a developer edits but does not submit', async () => {
  const listingId = '00000000-0000-4000-9000-000000000001'; // Jobtræner ApS
  assert.equal((await open(otherVendor, `/leverandoer/ydelser/${listingId}`)).statusCode, 404);
  assert.equal((await open(admin, `/leverandoer/ydelser/${listingId}`)).statusCode, 200);
  assert.equal((await open(admin, '/leverandoer/ydelser/not-a-uuid')).statusCode, 400);
  const draft = await post(developer, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', { nameDa: 'Udviklerens kladde', action: 'save' });
  assert.equal(draft.statusCode, 303);
  const id = idFrom(draft.headers.location);
  const page = await open(developer, `/leverandoer/ydelser/${id}`);
  assert.doesNotMatch(page.body, /action="\/leverandoer\/ydelser\/[^"]+\/indsend"/);
  const submit = await post(admin, `/leverandoer/ydelser/${id}`, `/leverandoer/ydelser/${id}/indsend`, {});
  assert.equal(submit.statusCode, 303, 'the administrator may submit it');
  const byDeveloper = await post(developer, `/leverandoer/ydelser/${id}`, `/leverandoer/ydelser/${id}/indsend`, {});
  assert.equal(byDeveloper.statusCode, 403);
});

test('the history and notices are append-only for the application role', async () => {
  const appDb = createDatabase({ url, poolMax: 1, asAppRole: true });
  try {
    await assert.rejects(sql`update listing_transition set reason = 'rewritten'`.execute(appDb.db), /permission denied/);
    await assert.rejects(sql`delete from notice`.execute(appDb.db), /permission denied/);
  } finally {
    await appDb.db.destroy();
  }
});
