// Papercuts of issue 12 for governance and the caseworker, through the real app: the list of live listings, the
// confirmation after a decision, a case one has taken, human checklist answers, the decision near the top of the
// review page; the caseworker's wording of the citizen's own choices, and taking an escalation opening the case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeListingForm, createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createJobcenter, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { open, post } = signedInForms(app);

// principalFor gives vendor roles the demo company Jobtræner ApS (CVR 39000008), whose framework declaration is submitted.
const vendorAdmin = await createSession(db, { ...principalFor('vendor_admin'), name: 'Signe Brandt' });
const reviewer = await createSession(db, { ...principalFor('governance_reviewer'), name: 'Henrik Lauridsen' });
const otherReviewer = await createSession(db, { ...principalFor('governance_admin'), name: 'Dorte Iversen' });

const complete = completeListingForm({ da: 'Papirklip jobsamtaletræning', en: 'Papirklip interview training' }, 'papirklip.example');
const idFrom = (location: string | undefined) => /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

async function listingInReview(name: string): Promise<string> {
  const created = await post(vendorAdmin, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', { ...complete, nameDa: name, action: 'submit' });
  assert.equal(created.statusCode, 303);
  const listingId = idFrom(created.headers.location);
  const version = await db.selectFrom('listing_version').select('status').where('listing_id', '=', listingId).executeTakeFirstOrThrow();
  assert.equal(version.status, 'in_review');
  return listingId;
}

test('governance finds live and suspended listings in a paged list, searched by name or vendor, linked from its pages', async () => {
  const start = await open(reviewer, '/faellesskab');
  assert.match(start.body, /<a href="\/faellesskab\/ydelser">Offentliggjorte ydelser<\/a>/);
  const queue = await open(reviewer, '/faellesskab/gennemgang');
  assert.match(queue.body, /<a href="\/faellesskab\/ydelser">Offentliggjorte ydelser<\/a>/, 'the review queue links the list');

  const all = await open(reviewer, '/faellesskab/ydelser');
  assert.equal(all.statusCode, 200);
  assert.match(
    all.body,
    /<a href="\/faellesskab\/ydelser\/00000000-0000-4000-9000-000000000003">Målrettet jobsøgning<\/a><\/td><td>Jobtræner ApS \(test\)<\/td><td>I kataloget<\/td>/,
  );

  const byVendor = await open(reviewer, '/faellesskab/ydelser?q=sprogbroen');
  assert.doesNotMatch(byVendor.body, /Målrettet jobsøgning/);
  assert.match(byVendor.body, /<td>Sprogbroen ApS \(test\)<\/td>/);
  const byName = await open(reviewer, '/faellesskab/ydelser?q=m%C3%A5lrettet');
  assert.match(byName.body, /Målrettet jobsøgning/);
  const noMatch = await open(reviewer, '/faellesskab/ydelser?q=%25');
  assert.match(noMatch.body, /Ingen ydelser passer til søgningen\./, 'a % is searched for literally');

  const listingId = '00000000-0000-4000-9000-000000000002';
  const suspended = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'suspend',
    liveReason: 'Erklæringen svarer ikke.',
    bekraeft: 'ja',
  });
  assert.equal(suspended.statusCode, 303);
  assert.equal(suspended.headers.location, `/faellesskab/ydelser/${listingId}?udfald=suspend`);
  const banner = await open(reviewer, suspended.headers.location ?? '');
  assert.match(banner.body, /role="status"[^]*Ydelsen er suspenderet og fjernet fra kataloget/);

  const onlySuspended = await open(reviewer, '/faellesskab/ydelser?status=suspenderet');
  assert.match(onlySuspended.body, new RegExp(`/faellesskab/ydelser/${listingId}">[^<]+</a></td><td>[^<]+</td><td>Suspenderet</td>`));
  assert.doesNotMatch(onlySuspended.body, /Målrettet jobsøgning/);
  const onlyLive = await open(reviewer, '/faellesskab/ydelser?status=live');
  assert.doesNotMatch(onlyLive.body, new RegExp(listingId));

  const reinstated = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction: 'reinstate',
    liveReason: 'Den svarer igen.',
  });
  assert.equal(reinstated.headers.location, `/faellesskab/ydelser/${listingId}?udfald=reinstate`);
  assert.match((await open(reviewer, reinstated.headers.location ?? '')).body, /Ydelsen er genoptaget og er tilbage i kataloget/);

  // Paging: 25 to a page, with a link to the next one that keeps the filter.
  const page1 = await open(reviewer, '/faellesskab/ydelser');
  const rows = (page1.body.match(/<tr><td><a href="\/faellesskab\/ydelser\//g) ?? []).length;
  assert.ok(rows > 0 && rows <= 25, `${rows} rows`);

  assert.equal((await open(vendorAdmin, '/faellesskab/ydelser')).statusCode, 403, 'only governance');
  assert.doesNotMatch((await open(reviewer, '/faellesskab/ydelser?udfald=%3Cscript%3E')).body, /<script>/);
});

test('the review page puts the decision first, hides "take the case" once taken, answers in words, and confirms the decision', async () => {
  const listingId = await listingInReview('Papirklip jobsamtaletræning');
  const before = await open(reviewer, `/faellesskab/ydelser/${listingId}`);
  assert.match(before.body, /<button class="button button-secondary" type="submit">Tag sagen<\/button>/);
  assert.doesNotMatch(before.body, /Du har sagen/);
  // The decision form comes before what it rests on, which is in sections that open without JavaScript.
  const decisionAt = before.body.indexOf(`action="/faellesskab/ydelser/${listingId}/afgoerelse"`);
  const checklistAt = before.body.indexOf('Rammeaftalens tjekliste');
  assert.ok(decisionAt > 0 && checklistAt > decisionAt, 'decision before the checklist');
  assert.match(
    before.body,
    /<details class="details mt-5"><summary class="details-summary"><span class="details-summary-text">Rammeaftalens tjekliste<\/span><\/summary>/,
  );
  assert.match(before.body, /<summary class="details-summary"><span class="details-summary-text">Indhold i version 1<\/span>/);
  // Answers as words in the page's language, not stored codes.
  assert.match(before.body, /Svar: Ja/);
  assert.match(before.body, /Svar: Betydelig|Svar: Høj/);
  assert.doesNotMatch(before.body, /Svar: (yes|no|Low|Substantial|High)\b/);
  const english = await open(reviewer, `/faellesskab/ydelser/${listingId}`, { cookie: `jobunivers-session=${reviewer}; lang=en` });
  assert.match(english.body, /Answer: Yes/);

  const taken = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/tildel`, {});
  assert.equal(taken.statusCode, 303);
  const mine = await open(reviewer, `/faellesskab/ydelser/${listingId}`);
  assert.match(mine.body, /Du har sagen/);
  assert.doesNotMatch(mine.body, /Tag sagen/);
  const theirs = await open(otherReviewer, `/faellesskab/ydelser/${listingId}`);
  assert.match(theirs.body, /Sagsbehandler: Henrik Lauridsen/);
  assert.match(theirs.body, /Tag sagen/, 'another reviewer may still take it over');

  const approved = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, {
    decision: 'approve',
    reason: '',
  });
  assert.equal(approved.statusCode, 303);
  assert.equal(approved.headers.location, `/faellesskab/ydelser/${listingId}?udfald=approve`);
  const after = await open(reviewer, approved.headers.location ?? '');
  assert.match(
    after.body,
    /<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">Versionen er godkendt og offentliggjort i kataloget\./,
  );
  assert.doesNotMatch(
    (await open(reviewer, `/faellesskab/ydelser/${listingId}`)).body,
    /Versionen er godkendt og offentliggjort i kataloget\./,
    'only right after the decision',
  );

  for (const [decision, text] of [
    ['request_changes', 'Leverandøren er bedt om ændringer'],
    ['reject', 'Versionen er afvist'],
  ] as const) {
    const next = await listingInReview(`Papirklip ${decision}`);
    const decided = await post(reviewer, `/faellesskab/ydelser/${next}`, `/faellesskab/ydelser/${next}/afgoerelse`, { decision, reason: 'Ret teksten.' });
    assert.equal(decided.headers.location, `/faellesskab/ydelser/${next}?udfald=${decision}`);
    assert.match((await open(reviewer, decided.headers.location ?? '')).body, new RegExp(text));
  }
});

test('the caseworker reads a citizen’s own choice as "Valgt af borgeren", and taking an escalation opens the case', async () => {
  const home = await createMunicipality(db, { name: 'Papirby' });
  await createJobcenter(db, home.code);
  const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Bo Papir' });
  const caseworker = await createSession(db, {
    ...principalFor('caseworker', { municipalityCode: home.code }),
    name: 'Anne Kofoed',
    municipality: { code: home.code, name: 'Papirby' },
  });
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: citizen.id,
      municipality_code: home.code,
      source: 'chosen',
      title: 'Mit eget CV-kursus',
      created_by: 'citizen',
      created_by_name: 'Bo Papir',
    })
    .execute();
  const journey = await post(caseworker, `/medarbejder/borgere/${citizen.id}`, `/medarbejder/borgere/${citizen.id}`, { purpose: 'Opfølgning på samtale' });
  assert.equal(journey.statusCode, 200);
  assert.match(journey.body, /Mit eget CV-kursus[^]*?<td>Valgt af borgeren<\/td>/);
  assert.doesNotMatch(journey.body, /Valgt af dig/);

  const escalation = await db
    .insertInto('escalation')
    .values({ citizen_id: citizen.id, municipality_code: home.code, reasons: ['wants_contact'], contact_by: new Date() } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const taken = await post(caseworker, `/medarbejder/henvendelser/${escalation.id}`, `/medarbejder/henvendelser/${escalation.id}/tag`, {});
  assert.equal(taken.statusCode, 303);
  assert.equal(taken.headers.location, `/medarbejder/henvendelser/${escalation.id}?gemt=taget`);
  const opened = await open(caseworker, taken.headers.location ?? '');
  assert.match(opened.body, /Du har taget henvendelsen\./);
  assert.match(opened.body, new RegExp(`action="/medarbejder/borgere/${citizen.id}"`), 'the case with the purpose form for the citizen’s journey');
});
