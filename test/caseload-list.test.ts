// The caseworker's caseload (issue 18, /medarbejder/borgere): the citizens the organisation serves now — the
// caseworker's own, the unassigned, the team's — each filter giving exactly the right citizens, never another
// municipality's or one an a-kasse now helps; assignment and hand-over between caseworkers of the staff directory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createOrganisation, createSession, handOverCitizen, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp();
const forms = signedInForms(app);

const home = await createMunicipality(db, { name: 'Sagsby' });
const other = await createMunicipality(db, { name: 'Fremmedby' });
const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: home.code });
const akasse = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Sag (test)' });

const staff = (name: string, subject: string) => ({
  ...principalFor('caseworker', { municipalityCode: home.code, organisation: { id: kommune.id, kind: 'kommune', name: 'Sagsby Kommune' } }),
  subject,
  name,
});
const anne = staff('Anne Ansvar', 'anne-subject');
const bo = staff('Bo Bagvagt', 'bo-subject');
for (const person of [anne, bo])
  await sql`select record_staff_sign_in(${kommune.id}, ${person.subject}, ${person.name}, ${sql.val(['caseworker'])}::text[])`.execute(db);
const anneToken = await createSession(db, anne);
const boToken = await createSession(db, bo);
const foreignToken = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: other.code }),
  organisation: { id: `kommune-${other.code}`, kind: 'kommune', name: 'Fremmedby Kommune' },
});

const targetGroups = (await db.selectFrom('taxonomy_term').select('code').where('taxonomy', '=', 'target_group').orderBy('code').limit(2).execute()).map(
  (t) => t.code,
);
const [groupA = '', groupB = ''] = targetGroups;

async function citizen(name: string, facts: { group?: string; stage?: string; municipalityCode?: string } = {}) {
  const created = await createCitizen(db, { municipalityCode: facts.municipalityCode ?? home.code, name });
  await db
    .insertInto('citizen_profile')
    .values({
      citizen_id: created.id,
      municipality_code: facts.municipalityCode ?? home.code,
      target_group: facts.group ?? null,
      journey_stage: facts.stage ?? null,
    })
    .execute();
  return { ...created, name };
}
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

// The facts each filter finds.
const waiting = await citizen('Vera Venter', { group: groupA, stage: 'clarify' });
await db
  .insertInto('escalation')
  .values({ citizen_id: waiting.id, municipality_code: home.code, reasons: ['wants_contact'], contact_by: '2030-01-01', created_at: daysAgo(6) })
  .execute();
const quiet = await citizen('Kaj Stille', { group: groupB, stage: 'search' });
await db
  .insertInto('plan_activity')
  .values({
    citizen_id: quiet.id,
    municipality_code: home.code,
    source: 'assigned',
    title: 'Jobsamtale',
    created_by: 's',
    created_by_name: 'S',
    created_at: daysAgo(45),
    updated_at: daysAgo(45),
  })
  .execute();
const busy = await citizen('Lise Travl', { group: groupA, stage: 'search' });
await db
  .insertInto('plan_activity')
  .values({ citizen_id: busy.id, municipality_code: home.code, source: 'assigned', title: 'CV-værksted', created_by: 's', created_by_name: 'S' })
  .execute();
const writer = await citizen('Mads Skriver', { group: groupA });
await sql`insert into message_thread (citizen_id, municipality_code, organisation_id, subject, last_message_at, last_citizen_message_at)
          values (${writer.id}, ${home.code}, ${kommune.id}, 'Et spørgsmål', now(), now())`.execute(db);
const booked = await citizen('Nina Møde', { group: groupB });
const slot = await db
  .insertInto('meeting_slot')
  .values({
    organisation_id: kommune.id,
    municipality_code: home.code,
    starts_at: new Date(Date.now() + 3 * 86_400_000),
    duration_minutes: 30,
    form: 'phone',
    host_subject: anne.subject,
    host_name: anne.name,
    created_by_subject: anne.subject,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('meeting')
  .values({
    slot_id: slot.id,
    citizen_id: booked.id,
    municipality_code: home.code,
    organisation_id: kommune.id,
    organisation_name: 'Sagsby Kommune',
    booked_by: 'staff',
  })
  .execute();
// Never in the kommune's caseload: another municipality's citizen, and one of its own an a-kasse now helps.
const foreign = await citizen('Ole Fremmed', { group: groupA, municipalityCode: other.code });
const movedOn = await citizen('Pia Akasse', { group: groupA });
await handOverCitizen(db, { id: movedOn.id, municipalityCode: home.code }, akasse.id, '2026-01-05');

const everyone = [waiting, quiet, busy, writer, booked];
const names = (body: string) =>
  [...everyone, foreign, movedOn]
    .filter((c) => body.includes(`href="/medarbejder/borgere/${c.id}"`))
    .map((c) => c.name)
    .sort();
const list = async (token: string, query: string) => {
  const response = await app.inject({ url: `/medarbejder/borgere${query}`, headers: { cookie: `jobunivers-session=${token}` } });
  assert.equal(response.statusCode, 200, query);
  return response;
};
const sorted = (...citizens: { name: string }[]) => citizens.map((c) => c.name).sort();

test('the team’s caseload is exactly the citizens the organisation serves now; another municipality’s caseworker sees none of them', async () => {
  assert.deepEqual(names((await list(anneToken, '?vis=team')).body), sorted(...everyone));
  assert.match((await list(anneToken, '?vis=team')).body, /5 borgere/);
  assert.deepEqual(names((await list(foreignToken, '?vis=team')).body), ['Ole Fremmed']);
  assert.deepEqual(
    await db
      .selectFrom('access_log')
      .select('id')
      .where(
        'citizen_id',
        'in',
        everyone.map((c) => c.id),
      )
      .execute(),
    [],
    'listing logs nothing',
  );
});

test('each filter gives the right citizens, and they combine', async () => {
  const cases: [string, { name: string }[]][] = [
    ['&henvendelse=1', [waiting]],
    ['&inaktiv=1', [quiet]],
    ['&udenPlan=1', [waiting, writer, booked]],
    ['&ulaest=1', [writer]],
    ['&moede=1', [booked]],
    [`&maalgruppe=${groupA}`, [waiting, busy, writer]],
    ['&fase=search', [quiet, busy]],
    [`&maalgruppe=${groupA}&fase=search`, [busy]],
    [`&maalgruppe=${groupB}&udenPlan=1`, [booked]],
    ['&maalgruppe=findes-ikke', everyone],
  ];
  for (const [query, expected] of cases) assert.deepEqual(names((await list(anneToken, `?vis=team${query}`)).body), sorted(...expected), query);
  const byWaiting = (await list(anneToken, '?vis=team&sort=henvendelse')).body;
  assert.ok(byWaiting.indexOf('Vera Venter') < byWaiting.indexOf('Kaj Stille'), 'the waiting escalation first');
  assert.match(byWaiting, /Venter i 6 dage/);
  const byMeeting = (await list(anneToken, '?vis=team&sort=moede')).body;
  assert.ok(byMeeting.indexOf('Nina Møde') < byMeeting.indexOf('Kaj Stille'), 'the next meeting first');
});

test('assignment: the caseworker’s own tab, the unassigned, a hand-over with its note; a stranger is refused', async () => {
  assert.deepEqual(names((await list(anneToken, '')).body), [], 'nobody is Anne’s yet');
  assert.deepEqual(names((await list(anneToken, '?vis=ufordelte')).body), sorted(...everyone));

  const assign = (token: string, citizenId: string, fields: Record<string, string>) =>
    forms.post(token, `/medarbejder/borgere/${citizenId}?purpose=Fordeling`, `/medarbejder/borgere/${citizenId}/sagsbehandler`, fields);
  const toAnne = await assign(anneToken, waiting.id, { caseworker: anne.subject });
  assert.equal(toAnne.statusCode, 303);
  const unknown = await assign(anneToken, busy.id, { caseworker: 'nobody-subject' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /id="field-caseworker-error">Vælg en af mulighederne\./);
  assert.deepEqual(names((await list(anneToken, '')).body), ['Vera Venter']);
  assert.deepEqual(names((await list(anneToken, '?vis=ufordelte')).body), sorted(quiet, busy, writer, booked));

  const handOver = await assign(anneToken, waiting.id, { caseworker: bo.subject, note: 'Ring efter kl. 14' });
  assert.equal(handOver.statusCode, 303);
  assert.deepEqual(names((await list(anneToken, '')).body), [], 'handed over');
  assert.deepEqual(names((await list(boToken, '')).body), ['Vera Venter'], 'Bo’s own now');
  const page = await forms.open(boToken, `/medarbejder/borgere/${waiting.id}?purpose=Opf%C3%B8lgning`);
  assert.match(page.body, /Borgeren er fordelt til Bo Bagvagt/);
  assert.match(page.body, /Anne Ansvar fordelte fra Anne Ansvar til Bo Bagvagt/);
  assert.match(page.body, /Ring efter kl\. 14/);
  const changes = await db
    .selectFrom('citizen_caseworker_change')
    .select(['from_name', 'to_name'])
    .where('citizen_id', '=', waiting.id)
    .orderBy('changed_at')
    .execute();
  assert.deepEqual(changes, [
    { from_name: null, to_name: 'Anne Ansvar' },
    { from_name: 'Anne Ansvar', to_name: 'Bo Bagvagt' },
  ]);

  assert.equal((await assign(foreignToken, waiting.id, { caseworker: '' })).statusCode, 404, 'another municipality’s caseworker finds no such citizen');
  // The kommune helped her only by default (no period of its own), so it does not know her once the a-kasse does.
  assert.equal((await assign(anneToken, movedOn.id, { caseworker: anne.subject })).statusCode, 404, 'one an a-kasse now helps is not the kommune’s to assign');
  assert.equal(
    (await db.selectFrom('citizen_caseworker').select('citizen_id').where('citizen_id', '=', movedOn.id).execute()).length,
    0,
    'nothing written for the refused',
  );
});

test('the caseload reads in English, and pages through a long list with the total', async () => {
  const english = await app.inject({ url: '/medarbejder/borgere?vis=team', headers: { cookie: `jobunivers-session=${anneToken}; lang=en` } });
  assert.match(english.body, /<h1>My citizens<\/h1>/);
  assert.match(english.body, /Requests waiting/);
  assert.doesNotMatch(english.body.replace(/<span lang="da">[^<]*<\/span>/g, ''), /Ufordelte|Hele teamet|Vis kun/);
  const first = (await list(anneToken, '?vis=team&limit=2')).body;
  assert.match(first, /Side 1 af 3/);
  const next = /href="(\/medarbejder\/borgere\?[^"]*side=2[^"]*)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(next);
  const second = (await list(anneToken, next.replace('/medarbejder/borgere', ''))).body;
  assert.match(second, /Side 2 af 3/);
  assert.equal(names(second).length, 2);
  assert.deepEqual(
    names(first).filter((n) => names(second).includes(n)),
    [],
    'no citizen on two pages',
  );
});
