// The caseworker's caseload overview (issue 16): escalations waiting with their age, citizens without a plan, and plans
// without activity for 30 days — each exactly the citizens the caseworker's organisation serves now, 25 to a page, in
// Danish and English; a citizen is refused, and listing names writes nothing to anyone's Min Log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createTestApp } from './support/app.ts';
import {
  createCitizen,
  createMunicipality,
  createOrganisation,
  createSession,
  handOverCitizen,
  principalFor,
  insertActivityEvent,
} from './support/factories.ts';

const { app, db } = await createTestApp();

const home = await createMunicipality(db, { name: 'Overbliksby' });
const other = await createMunicipality(db, { name: 'Andetby' });
const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: home.code });
const akasse = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Overblik (test)' });
// The catalogue's demo listing (approved) a vendor's service reports events from.
const listingId = '00000000-0000-4000-9000-000000000001';
const { vendor_id: vendorId } = await db.selectFrom('listing').select('vendor_id').where('id', '=', listingId).executeTakeFirstOrThrow();

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

type Citizen = { id: string; name: string; municipalityCode: string };

async function citizen(name: string, municipalityCode = home.code): Promise<Citizen> {
  const created = await createCitizen(db, { municipalityCode, name });
  return { id: created.id, name, municipalityCode };
}

async function planActivity(c: Citizen, changed: Date, title = `Skriv et CV ${randomUUID()}`) {
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: c.id,
      municipality_code: c.municipalityCode,
      source: 'chosen',
      title,
      created_by: 'test',
      created_by_name: 'Test',
      created_at: changed,
      updated_at: changed,
    })
    .execute();
}

async function escalation(c: Citizen, created: Date, status: 'open' | 'in_progress' | 'closed' = 'open') {
  await db
    .insertInto('escalation')
    .values({
      citizen_id: c.id,
      municipality_code: c.municipalityCode,
      reasons: ['wants_contact'],
      contact_by: '2030-01-07',
      created_at: created,
      status,
      ...(status === 'closed' ? { closed_at: created, note: 'Ringet op' } : {}),
      ...(status === 'in_progress' ? { assignee_name: 'Kollega Kaj' } : {}),
    })
    .execute();
}

async function event(c: Citizen, occurred: Date) {
  await insertActivityEvent(db, {
    vendorId,
    listingId,
    citizenId: c.id,
    municipalityCode: c.municipalityCode,
    type: 'progress',
    occurredAt: occurred,
    data: { percent: 10 },
  });
}

// One of each kind, and the controls.
const waiting = await citizen('Esther Venter');
await escalation(waiting, daysAgo(3));
await planActivity(waiting, daysAgo(1));
const taken = await citizen('Erik Taget');
await escalation(taken, daysAgo(1), 'in_progress');
await planActivity(taken, daysAgo(1));
const closed = await citizen('Carl Lukket');
await escalation(closed, daysAgo(9), 'closed');
await planActivity(closed, daysAgo(2));
const withoutPlan = await citizen('Niels Uden Plan');
const quiet = await citizen('Ida Stille');
await planActivity(quiet, daysAgo(60));
await event(quiet, daysAgo(40));
const recentEvent = await citizen('Rasmus Hændelse');
await planActivity(recentEvent, daysAgo(60));
await event(recentEvent, daysAgo(5));
const recentPlan = await citizen('Petra Plan');
await planActivity(recentPlan, daysAgo(45));
await planActivity(recentPlan, daysAgo(2));
// Another municipality's citizen, and one of the home municipality an a-kasse now helps: in no list of the kommune's.
const elsewhere = await citizen('Olga Andetsteds', other.code);
await escalation(elsewhere, daysAgo(5));
const akasseCitizen = await citizen('Aksel Akasse');
await handOverCitizen(db, akasseCitizen, akasse.id, '2026-01-05');
await escalation(akasseCitizen, daysAgo(6));
const akasseQuiet = await citizen('Alma Akasse');
await handOverCitizen(db, akasseQuiet, akasse.id, '2026-01-05');
await planActivity(akasseQuiet, daysAgo(50));

const caseworker = await createSession(db, { ...principalFor('caseworker', { organisation: kommune }), name: 'Sagsbehandler Overblik' });
const akasseCaseworker = await createSession(db, principalFor('caseworker', { organisation: akasse }));

const open = (token: string, url: string, lang = 'da') =>
  app.inject({ url, headers: { cookie: `jobunivers-session=${token}; lang=${lang}`, accept: 'text/html' } });

const sectionOf = (body: string, id: string) => new RegExp(`<section aria-labelledby="${id}"[\\s\\S]*?</section>`).exec(body)?.[0] ?? '';
/** The names in one section of the page (by its heading's id), in the order shown. */
function namesIn(body: string, id: string): string[] {
  return [...sectionOf(body, id).matchAll(/<a href="\/medarbejder\/borgere\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}
const headingOf = (body: string, id: string) => text(new RegExp(`<h2 id="${id}">([^<]*)</h2>`).exec(body)?.[1] ?? '');
const moreLink = (body: string, id: string) => /<a href="(\/medarbejder\/overblik\?[^"]+)">/.exec(sectionOf(body, id))?.[1]?.replaceAll('&amp;', '&');

const all = [waiting, taken, closed, withoutPlan, quiet, recentEvent, recentPlan, elsewhere, akasseCitizen, akasseQuiet];
const logCount = async () =>
  Number(
    (
      await db
        .selectFrom('access_log')
        .select(db.fn.countAll().as('n'))
        .where(
          'citizen_id',
          'in',
          all.map((c) => c.id),
        )
        .executeTakeFirstOrThrow()
    ).n,
  );

test('each list shows exactly the citizens the organisation serves now, with their ages, and logs nothing', async () => {
  const before = await logCount();
  const response = await open(caseworker, '/medarbejder/overblik');
  assert.equal(response.statusCode, 200);
  const body = response.body;
  assert.deepEqual(namesIn(body, 'henvendelser'), ['Esther Venter', 'Erik Taget'], 'oldest first; closed, other municipality and a-kasse out');
  assert.deepEqual(namesIn(body, 'udenPlan'), ['Niels Uden Plan']);
  assert.deepEqual(namesIn(body, 'inaktive'), ['Ida Stille'], 'a recent event or a recent change keeps a plan active');
  assert.equal(headingOf(body, 'henvendelser'), 'Henvendelser, der venter (2)');
  assert.equal(headingOf(body, 'udenPlan'), 'Borgere uden plan (1)');
  assert.equal(headingOf(body, 'inaktive'), 'Planer uden aktivitet i 30 dage (1)');
  const page = text(body);
  assert.match(page, /Esther Venter venter i 3 dage/);
  assert.match(page, /Erik Taget venter i 1 dag Under behandling \(Kollega Kaj\)/);
  assert.match(page, /Ida Stille 40 dage/, 'counted from the latest event, not the older plan change');
  for (const c of [closed, elsewhere, akasseCitizen, akasseQuiet, recentEvent, recentPlan]) assert.ok(!page.includes(c.name), `${c.name} is in no list`);
  // Each row opens the citizen's own page, which asks for the purpose.
  assert.match(body, new RegExp(`<a href="/medarbejder/borgere/${waiting.id}">Esther Venter</a>`));
  assert.equal(await logCount(), before, 'listing names records no access');
});

test('another organisation sees its own citizens only', async () => {
  const body = (await open(akasseCaseworker, '/medarbejder/overblik')).body;
  assert.deepEqual(namesIn(body, 'henvendelser'), ['Aksel Akasse']);
  assert.deepEqual(namesIn(body, 'udenPlan'), ['Aksel Akasse']);
  assert.deepEqual(namesIn(body, 'inaktive'), ['Alma Akasse']);
  for (const c of [waiting, taken, withoutPlan, quiet, elsewhere]) assert.ok(!body.includes(c.name), `${c.name} is not the a-kasse's`);
});

test('each list goes on past 25, a page at a time, the other lists staying where they are', async () => {
  const busy = await createMunicipality(db, { name: 'Travlby' });
  const busyKommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: busy.code });
  const names: string[] = [];
  for (let i = 0; i < 27; i++) {
    const name = `Borger ${String(i).padStart(2, '0')} Travl`;
    names.push(name);
    const c = await citizen(name, busy.code);
    await escalation(c, daysAgo(40 - i));
  }
  const token = await createSession(db, principalFor('caseworker', { organisation: busyKommune }));
  const first = (await open(token, '/medarbejder/overblik')).body;
  assert.equal(headingOf(first, 'henvendelser'), 'Henvendelser, der venter (27)');
  assert.equal(headingOf(first, 'udenPlan'), 'Borgere uden plan (27)');
  assert.deepEqual(namesIn(first, 'henvendelser'), names.slice(0, 25), 'oldest first');
  assert.deepEqual(namesIn(first, 'udenPlan'), names.slice(0, 25), 'by name');
  assert.match(text(first), /Borger 00 Travl venter i 40 dage/);

  const escalationsNext = moreLink(first, 'henvendelser');
  assert.ok(escalationsNext, 'a link to the next escalations');
  const second = (await open(token, escalationsNext)).body;
  assert.deepEqual(namesIn(second, 'henvendelser'), names.slice(25));
  assert.deepEqual(namesIn(second, 'udenPlan'), names.slice(0, 25), 'the other list stays on its first page');
  assert.equal(moreLink(second, 'henvendelser'), undefined);

  const withoutPlanNext = moreLink(second, 'udenPlan');
  assert.ok(withoutPlanNext);
  const third = (await open(token, withoutPlanNext)).body;
  assert.deepEqual(namesIn(third, 'udenPlan'), names.slice(25));
  assert.deepEqual(namesIn(third, 'henvendelser'), names.slice(25), 'the escalations stay on their second page');

  assert.equal((await open(token, '/medarbejder/overblik?henvendelser=not-a-cursor')).statusCode, 400);
});

test('a citizen is refused', async () => {
  const c = await citizen('Borger Selv', other.code);
  const token = await createSession(db, principalFor('citizen', { municipalityCode: other.code, citizenId: c.id }));
  const response = await open(token, '/medarbejder/overblik');
  assert.equal(response.statusCode, 403);
  assert.ok(!response.body.includes('Esther Venter'));
});

test('in English, the page has no Danish UI text', async () => {
  const response = await open(caseworker, '/medarbejder/overblik', 'en');
  assert.equal(response.statusCode, 200);
  // The page's own text (the header carries the caseworker's and the municipality's names).
  const en = text(/<main[\s\S]*<\/main>/.exec(response.body)?.[0] ?? '');
  assert.match(en, /Caseload overview/);
  assert.match(en, /Requests waiting \(2\)/);
  assert.match(en, /Esther Venter waiting for 3 days/);
  assert.match(en, /Citizens without a plan \(1\)/);
  assert.match(en, /Plans without activity for 30 days \(1\)/);
  assert.match(en, /Ida Stille 40 days/);
  for (const danish of ['Overblik', 'venter', 'Henvendelser', 'uden plan', 'aktivitet', 'dage', 'Borger', 'Ny ', 'Under behandling'])
    assert.ok(!en.includes(danish), `no Danish "${danish}" in English`);
});

test('the caseworker’s start page links the overview', async () => {
  const start = await open(caseworker, '/medarbejder');
  assert.match(start.body, /href="\/medarbejder\/overblik">Overblik over borgere</);
});
