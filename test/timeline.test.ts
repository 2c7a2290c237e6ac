// The citizen's timeline (issue 15): every event once, newest first, 25 to a page, filtered by service and by type, in
// Danish and English; never another citizen's events (row-level security); a caseworker sees it only with a purpose,
// which lands in the citizen's Min Log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor, insertActivityEvent } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { open } = signedInForms(app);

const home = await createMunicipality(db, { name: 'Tidsby' });
const other = await createMunicipality(db, { name: 'Andetby' });
// The catalogue's demo listings (approved): 1 interview training, 3 targeted job search.
const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
const [interview, jobSearch] = [n(1), n(3)];
const listingName = async (listingId: string) =>
  (await db.selectFrom('listing_name').select('name_da').where('listing_id', '=', listingId).executeTakeFirstOrThrow()).name_da;

/** A vendor's event about the citizen, as the events module stores it. */
function insertEvent(citizen: { id: string; municipalityCode: string }, listingId: string, type: string, occurredAt: Date, data: object = {}) {
  return insertActivityEvent(db, { listingId, citizenId: citizen.id, municipalityCode: citizen.municipalityCode, type, occurredAt, data });
}

async function citizenSession(municipalityCode: string, name: string) {
  const citizen = await createCitizen(db, { municipalityCode, name });
  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode, citizenId: citizen.id }), name });
  return { ...citizen, municipalityCode, token };
}

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const entryTimes = (body: string) => [...body.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1] ?? '');
const nextLink = (body: string) => /<a class="button button-secondary" href="(\/[^"]*cursor=[^"]+)">/.exec(body)?.[1]?.replaceAll('&amp;', '&');

test('the timeline shows each event once, newest first, 25 to a page, and never another citizen’s', async () => {
  const ida = await citizenSession(home.code, 'Ida Tid');
  const bo = await citizenSession(home.code, 'Bo Anden');
  const start = Date.now() - 40 * 60_000;
  for (let i = 0; i < 30; i++) await insertEvent(ida, i % 2 ? interview : jobSearch, 'progress', new Date(start + i * 60_000), { percent: i });
  await insertEvent(bo, interview, 'application-sent', new Date(), { jobTitle: 'Hemmelig stilling', employer: 'Skjult ApS', appliedOn: '2026-01-05' });

  const first = await open(ida.token, '/borger/tidslinje');
  assert.equal(first.statusCode, 200);
  const firstTimes = entryTimes(first.body);
  assert.equal(firstTimes.length, 25, 'a page holds 25 entries');
  assert.match(text(first.body), /Du er 29 % igennem/, 'the newest first');
  assert.doesNotMatch(first.body, /Hemmelig stilling|Skjult ApS/, 'another citizen’s event never shows');
  const next = nextLink(first.body);
  assert.ok(next, 'a link to older entries');
  const second = await open(ida.token, next);
  const secondTimes = entryTimes(second.body);
  assert.equal(secondTimes.length, 5);
  assert.doesNotMatch(second.body, /Hemmelig stilling|Skjult ApS/);
  assert.equal(nextLink(second.body), undefined, 'no page after the last');
  const all = [...firstTimes, ...secondTimes];
  assert.deepEqual(all, [...all].sort().reverse(), 'newest first across pages');
  assert.equal(new Set(all).size, 30, 'each event once');
  for (let i = 0; i < 30; i++) assert.equal(text(first.body + second.body).split(`Du er ${i} % igennem`).length, 2, `event ${i} shows once`);

  const forged = await open(ida.token, '/borger/tidslinje?cursor=bm9wZQ');
  assert.equal(forged.statusCode, 400, 'a cursor the page did not give out is refused');
});

test('the timeline filters by service and by type, and tells apart plan, screening and Joblog entries', async () => {
  const ea = await citizenSession(home.code, 'Ea Filter');
  await insertEvent(ea, interview, 'started', new Date(Date.now() - 5 * 60_000));
  await insertEvent(ea, jobSearch, 'completed', new Date(Date.now() - 4 * 60_000));
  const applied = await insertEvent(ea, jobSearch, 'application-sent', new Date(Date.now() - 3 * 60_000), {
    jobTitle: 'Lagermedarbejder',
    employer: 'Nordlager A/S',
    appliedOn: '2026-11-30',
  });
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: ea.id,
      municipality_code: home.code,
      source: 'chosen',
      listing_id: interview,
      title: 'Jobsamtaletræning',
      created_by: 'test',
      created_by_name: 'Ea',
    })
    .execute();
  await db
    .insertInto('citizen_profile')
    .values({ citizen_id: ea.id, municipality_code: home.code, screened_at: new Date(Date.now() - 60 * 60_000) })
    .execute();
  await db
    .insertInto('joblog_registration')
    .values({
      citizen_id: ea.id,
      municipality_code: home.code,
      source: 'event',
      event_id: applied,
      kind: 'application',
      job_title: 'Lagermedarbejder',
      employer: 'Nordlager A/S',
      activity_on: '2026-11-30',
      basis: 'consent',
      status: 'registered',
      attempts: 1,
      registered_at: new Date('2026-12-03T13:05:00Z'),
    })
    .execute();

  const all = text((await open(ea.token, '/borger/tidslinje')).body);
  const interviewName = await listingName(interview);
  const jobSearchName = await listingName(jobSearch);
  assert.match(all, new RegExp(`Du startede på ${interviewName}`));
  assert.match(all, new RegExp(`Du gennemførte ${jobSearchName}`));
  assert.match(all, /Du søgte job som Lagermedarbejder hos Nordlager A\/S\./);
  assert.match(all, /Registreret i Joblog 3\. december 2026 kl\. 14\.05/, 'the application says when it landed in Joblog');
  assert.match(all, /»Jobsamtaletræning« kom på din plan\./);
  assert.match(all, /Du svarede på screeningen\./);
  assert.ok(all.indexOf('Du søgte job') < all.indexOf('Du gennemførte') && all.indexOf('Du gennemførte') < all.indexOf('Du startede'), 'newest first');

  const byService = text((await open(ea.token, `/borger/tidslinje?tjeneste=${interview}`)).body);
  assert.match(byService, /Du startede på/);
  assert.match(byService, /Jobsamtaletræning/, 'the plan activity of that service');
  assert.doesNotMatch(byService, /Du gennemførte|Du søgte job|screeningen\./);

  const byType = text((await open(ea.token, '/borger/tidslinje?type=plan')).body);
  assert.match(byType, /Jobsamtaletræning/);
  assert.doesNotMatch(byType, /Du startede|Du søgte job|screeningen\./);

  const jobSearchOnly = text((await open(ea.token, '/borger/tidslinje?type=job-search')).body);
  assert.match(jobSearchOnly, /Du søgte job som Lagermedarbejder/);
  assert.doesNotMatch(jobSearchOnly, /Du startede|Du gennemførte/);

  const english = await app.inject({ url: '/borger/tidslinje', headers: { cookie: `jobunivers-session=${ea.token}; lang=en` } });
  const en = text(english.body);
  assert.match(en, /You applied for a job as Lagermedarbejder at Nordlager A\/S\./);
  assert.match(en, /Registered in Joblog 3 December 2026 at 14:05/);
  assert.match(en, /You answered the screening\./);
  for (const danish of ['Du startede', 'Du søgte', 'Registreret i Joblog', 'Tidslinje', 'Vis kun', 'kom på din plan'])
    assert.ok(!en.includes(danish), `no Danish "${danish}" in English`);
});

test('an empty timeline explains and offers the way on', async () => {
  const new_ = await citizenSession(home.code, 'Ny Borger');
  const page = await open(new_.token, '/borger/tidslinje');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Der er ikke sket noget endnu\./);
  assert.match(page.body, /href="\/borger\/markedsplads"/);
  assert.match(page.body, /href="\/borger\/joblog"/);
  const overview = await open(new_.token, '/borger');
  assert.match(overview.body, /href="\/borger\/tidslinje"/, 'linked from the citizen’s overview and menu');
});

test('a caseworker sees a citizen’s timeline only with a purpose, which lands in the citizen’s Min Log', async () => {
  const citizen = await citizenSession(home.code, 'Mona Formål');
  await insertEvent(citizen, interview, 'completed', new Date());
  const caseworker = await createSession(db, {
    ...principalFor('caseworker', { municipalityCode: home.code }),
    name: 'Anne Sagsbehandler',
    municipality: { code: home.code, name: 'Tidsby' },
    organisation: { id: `kommune-${home.code}`, kind: 'kommune', name: 'Tidsby Kommune' },
  });
  const foreign = await createSession(db, {
    ...principalFor('caseworker', { municipalityCode: other.code }),
    municipality: { code: other.code, name: 'Andetby' },
    organisation: { id: `kommune-${other.code}`, kind: 'kommune', name: 'Andetby Kommune' },
  });
  const path = `/medarbejder/borgere/${citizen.id}/tidslinje`;
  const form = await open(caseworker, path);
  assert.equal(form.statusCode, 200);
  assert.doesNotMatch(form.body, /Mona Formål|Du gennemførte/, 'nothing of the citizen before a purpose');
  const empty = await open(caseworker, `${path}?purpose=`);
  assert.equal(empty.statusCode, 200, 'an empty purpose is no purpose: the question again');
  assert.match(empty.body, /Hvorfor åbner du borgeren\?/);
  assert.equal((await db.selectFrom('access_log').select('id').where('citizen_id', '=', citizen.id).execute()).length, 0, 'nothing logged without a purpose');

  assert.equal((await open(foreign, `${path}?purpose=${encodeURIComponent('Nysgerrighed')}`)).statusCode, 404, 'another organisation’s citizen is not found');

  const opened = await open(caseworker, `${path}?purpose=${encodeURIComponent('Forberedelse af samtale')}`);
  assert.equal(opened.statusCode, 200);
  assert.match(text(opened.body), /Du gennemførte/);
  const log = await db.selectFrom('access_log').select(['purpose', 'actor_name', 'action']).where('citizen_id', '=', citizen.id).execute();
  assert.deepEqual(log, [{ purpose: 'Forberedelse af samtale', actor_name: 'Anne Sagsbehandler', action: 'read' }]);
  const minLog = await open(citizen.token, '/borger/min-log');
  assert.match(text(minLog.body), /Forberedelse af samtale/, 'the citizen sees it in Min Log with its purpose');
});
