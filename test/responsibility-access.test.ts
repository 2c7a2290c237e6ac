// Access follows responsibility (issue 14): every caseworker route that takes a citizen or an escalation, as the staff of
// a kommune, an a-kasse and another actor — a citizen the organisation is responsible for opens; one it never was
// responsible for is not found and nothing is logged; one it was responsible for reads but cannot change. The same at
// the database (row-level security, the application's role), free choice, and the hand-over from an a-kasse to the kommune.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../src/platform/auth/principal.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestApp, csrfPairFor } from './support/app.ts';
import { createCitizen, createOrganisation, createSession, handOverCitizen, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());

const home = '101';
const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: home });
const akasse = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Nord (test)' });
const otherAkasse = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Syd (test)' });
const actor = await createOrganisation(db, { kind: 'anden_aktoer', municipalityCode: home, name: 'Aktør Job (test)' });
type Organisation = typeof kommune;

type Citizen = { id: string; cpr: string; name: string; municipalityCode: string; escalationId: string };

/**
 * A citizen of København with a profile, a plan, an open escalation, a recommendation log and contact details, and the
 * periods given — the case data recorded in the first period (midday, Copenhagen), so an organisation that was
 * responsible then reads it.
 */
async function citizenWith(name: string, periods: { organisation: Organisation; from: string; basis?: 'rule' | 'choice' }[]): Promise<Citizen> {
  const created = await createCitizen(db, { municipalityCode: home, name });
  const citizen = { ...created, municipalityCode: home };
  for (const period of periods) await handOverCitizen(db, citizen, period.organisation.id, period.from, period.basis);
  const at = periods[0] ? new Date(`${periods[0].from}T12:00:00+01:00`) : new Date();
  await db.insertInto('citizen_profile').values({ citizen_id: citizen.id, municipality_code: home, job_goal: 'Lagerarbejder', updated_at: at }).execute();
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: citizen.id,
      municipality_code: home,
      source: 'chosen',
      title: 'Skriv et CV',
      created_by: 'test',
      created_by_name: 'Test',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('recommendation_log')
    .values({ citizen_id: citizen.id, municipality_code: home, rules_version: 'test', inputs: '{}', outputs: '{}', created_at: at })
    .execute();
  await db.insertInto('citizen_contact').values({ citizen_id: citizen.id, municipality_code: home, email: 'borger@example.dk', updated_at: at }).execute();
  const escalation = await db
    .insertInto('escalation')
    .values({ citizen_id: citizen.id, municipality_code: home, reasons: ['wants_contact'], contact_by: '2030-01-07', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...citizen, escalationId: escalation.id };
}

// Who is responsible for whom: now (serves), before (was), never.
const withKommune = await citizenWith('Karla Kommune', []);
const withAkasse = await citizenWith('Anders Akasse', [{ organisation: akasse, from: '2026-01-05' }]);
const withOtherAkasse = await citizenWith('Sofie Syd', [{ organisation: otherAkasse, from: '2026-01-05' }]);
const withActor = await citizenWith('Bo Valgt', [{ organisation: actor, from: '2026-01-05', basis: 'choice' }]);
const fromKommune = await citizenWith('Kim Flyttet', [
  { organisation: kommune, from: '2025-06-01' },
  { organisation: akasse, from: '2026-01-05' },
]);
const fromAkasse = await citizenWith('Asta Overdraget', [
  { organisation: akasse, from: '2025-09-01' },
  { organisation: kommune, from: '2025-12-01' },
]);
const fromActor = await citizenWith('Otto Tidligere', [
  { organisation: actor, from: '2025-09-01', basis: 'choice' },
  { organisation: kommune, from: '2025-12-01' },
]);

const cases: { organisation: Organisation; serves: Citizen; was: Citizen; never: Citizen[] }[] = [
  { organisation: kommune, serves: withKommune, was: fromKommune, never: [withAkasse, withActor] },
  { organisation: akasse, serves: withAkasse, was: fromAkasse, never: [withOtherAkasse, withKommune, withActor] },
  { organisation: actor, serves: withActor, was: fromActor, never: [withKommune, withAkasse] },
];

const offer = await db.selectFrom('municipality_offer_listing').select('listing_id').where('municipality_code', '=', home).executeTakeFirstOrThrow();
const targetGroup = await db
  .selectFrom('taxonomy_term')
  .select('code')
  .where('taxonomy', '=', 'target_group')
  .where('active', '=', true)
  .executeTakeFirstOrThrow();

// A job ad to suggest (jobs: job suggestions), as the feed's ingestion would have stored it.
const jobAdId = 'test-0000001';
await sql`insert into job_ad (ad_id, version, title, body, ad_language, employer_name, employer_cvr, town, postal_code, municipality_code, lat, lon,
                              position, esco_uri, occupation_title, disco_code, working_hours, hours_per_week, employment, published_at, deadline, url)
          values (${jobAdId}, 1, 'Lagermedarbejder', 'Vi søger en lagermedarbejder.', 'da', 'Lager A/S', '12345678', 'København', '1550', ${home},
                  55.68, 12.57, ll_to_earth(55.68, 12.57), 'http://data.europa.eu/esco/occupation/test', 'Lagermedarbejder', '9333', 'fuldtid', 37,
                  'fast', now(), current_date + 30, 'https://example.dk/job')`.execute(db);

const caseworkerOf = (organisation: Organisation): Principal => ({
  ...principalFor('caseworker', { organisation }),
  name: `Sagsbehandler hos ${organisation.name}`,
});

/** What one request is: a read or a change, how it is sent, and what a success answers. */
// A read that answers with a redirect (the CPR look-up leads to the citizen's page), or shows nothing of the citizen yet (the purpose question), says so.
// A call only some kinds of organisation make (a jobcenter's meetings) is refused (403) for the others, whoever the citizen.
type Call = {
  label: string;
  change: boolean;
  method: 'GET' | 'POST';
  path: (c: Citizen) => string;
  body?: (c: Citizen) => Record<string, string>;
  ok: number;
  named?: false;
  kinds?: readonly Organisation['kind'][];
};
const purpose = 'Opfølgning på kontaktforløb';

// Every caseworker route that takes a citizen or an escalation, and how to call it. A route missing here fails the
// first test, naming it.
const routeCalls: Record<string, Call[]> = {
  'GET /medarbejder/henvendelser/:escalationId': [
    { label: 'escalation', change: false, method: 'GET', path: (c) => `/medarbejder/henvendelser/${c.escalationId}`, ok: 200 },
  ],
  'POST /medarbejder/henvendelser/:escalationId/tag': [
    { label: 'take', change: true, method: 'POST', path: (c) => `/medarbejder/henvendelser/${c.escalationId}/tag`, ok: 303 },
  ],
  'POST /medarbejder/henvendelser/:escalationId/luk': [
    {
      label: 'close',
      change: true,
      method: 'POST',
      path: (c) => `/medarbejder/henvendelser/${c.escalationId}/luk`,
      body: () => ({ note: 'Ringet op, aftalt møde.' }),
      ok: 303,
    },
  ],
  'GET /medarbejder/borgere/:citizenId': [
    { label: 'open', change: false, method: 'GET', path: (c) => `/medarbejder/borgere/${c.id}?purpose=${encodeURIComponent(purpose)}`, ok: 200 },
  ],
  'POST /medarbejder/borgere/:citizenId': [
    { label: 'open (form)', change: false, method: 'POST', path: (c) => `/medarbejder/borgere/${c.id}`, body: () => ({ purpose }), ok: 200 },
    {
      label: 'add activity',
      change: true,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}`,
      body: () => ({ purpose, action: 'add_activity', item: `listing:${offer.listing_id}`, source: 'recommended' }),
      ok: 303,
    },
    {
      label: 'set target group',
      change: true,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}`,
      body: () => ({ purpose, action: 'set_target_group', targetGroup: targetGroup.code }),
      ok: 303,
    },
  ],
  'GET /medarbejder/borgere/:citizenId/tidslinje': [
    {
      label: 'timeline',
      change: false,
      method: 'GET',
      path: (c) => `/medarbejder/borgere/${c.id}/tidslinje?purpose=${encodeURIComponent(purpose)}`,
      ok: 200,
    },
  ],
  'GET /medarbejder/borgere/:citizenId/jobforslag': [
    {
      label: 'job suggestions',
      change: false,
      method: 'GET',
      path: (c) => `/medarbejder/borgere/${c.id}/jobforslag?purpose=${encodeURIComponent(purpose)}`,
      ok: 200,
    },
  ],
  'POST /medarbejder/borgere/:citizenId/jobforslag': [
    {
      label: 'job suggestions (form)',
      change: false,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}/jobforslag`,
      body: () => ({ purpose }),
      ok: 200,
    },
    {
      label: 'suggest a job',
      change: true,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}/jobforslag`,
      body: () => ({ purpose, action: 'suggest', adId: jobAdId, [`note-${jobAdId}`]: 'Se her' }),
      ok: 303,
    },
  ],
  'GET /api/staff/citizens/:citizenId': [
    { label: 'API look-up', change: false, method: 'GET', path: (c) => `/api/staff/citizens/${c.id}?purpose=${encodeURIComponent(purpose)}`, ok: 200 },
  ],
  'POST /medarbejder/borgere': [
    { label: 'CPR look-up', change: false, method: 'POST', path: () => '/medarbejder/borgere', body: (c) => ({ cpr: c.cpr, purpose }), ok: 303, named: false },
  ],
  'GET /medarbejder/borgere/:citizenId/moeder': [
    {
      label: 'meetings',
      change: false,
      method: 'GET',
      path: (c) => `/medarbejder/borgere/${c.id}/moeder?purpose=${encodeURIComponent(purpose)}`,
      ok: 200,
      kinds: ['kommune'],
    },
  ],
  'POST /medarbejder/borgere/:citizenId/moeder': [
    {
      label: 'meetings (form)',
      change: false,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}/moeder`,
      body: () => ({ purpose }),
      ok: 200,
      kinds: ['kommune'],
    },
  ],
  'POST /medarbejder/borgere/:citizenId/sagsbehandler': [
    {
      label: 'assign to the team',
      change: true,
      method: 'POST',
      path: (c) => `/medarbejder/borgere/${c.id}/sagsbehandler`,
      body: () => ({ caseworker: '', note: 'Til teamet' }),
      ok: 303,
    },
  ],
  'GET /medarbejder/formaal/:citizenId': [
    { label: 'purpose question', change: false, method: 'GET', path: (c) => `/medarbejder/formaal/${c.id}`, ok: 200, named: false },
  ],
  'POST /medarbejder/formaal/:citizenId': [
    {
      label: 'purpose chosen',
      change: false,
      method: 'POST',
      path: (c) => `/medarbejder/formaal/${c.id}`,
      body: () => ({ purposeChoice: 'followup' }),
      ok: 303,
      named: false,
    },
  ],
};

async function send(token: string, call: Call, citizen: Citizen) {
  const pair = call.method === 'POST' ? await csrfPairFor(app, token) : undefined;
  return app.inject({
    method: call.method,
    url: call.path(citizen),
    headers: {
      cookie: [pair?.cookie, `jobunivers-session=${token}`].filter(Boolean).join('; '),
      accept: call.path(citizen).startsWith('/api/') ? 'application/json' : 'text/html',
    },
    ...(call.method === 'POST' ? { payload: { _csrf: pair?.token ?? '', ...call.body?.(citizen) } } : {}),
  });
}

const logCount = async (citizen: Citizen) =>
  Number((await db.selectFrom('access_log').select(db.fn.countAll().as('n')).where('citizen_id', '=', citizen.id).executeTakeFirstOrThrow()).n);

test('every caseworker route that takes a citizen or an escalation is in this matrix', () => {
  const taking = app.declaredRoutes.filter(
    (r) =>
      r.method !== 'HEAD' &&
      'roles' in r.access &&
      r.access.roles.includes('caseworker') &&
      (r.url.includes(':citizenId') || r.url.includes(':escalationId') || (r.method === 'POST' && r.url === '/medarbejder/borgere')),
  );
  assert.ok(taking.length >= 5);
  for (const route of taking) assert.ok(routeCalls[`${route.method} ${route.url}`], `${route.method} ${route.url}: add it to routeCalls`);
});

for (const { organisation, serves, was, never } of cases) {
  test(`${organisation.kind}: the citizen it serves opens, one it never served is not found (nothing logged), one it served before reads only`, async () => {
    const token = await createSession(db, caseworkerOf(organisation));
    for (const [route, calls] of Object.entries(routeCalls)) {
      for (const call of calls) {
        const where = `${organisation.kind} ${route} ${call.label}`;
        if (call.kinds && !call.kinds.includes(organisation.kind)) {
          for (const citizen of [serves, was, ...never])
            assert.equal((await send(token, call, citizen)).statusCode, 403, `${where}: not this organisation’s work`);
          continue;
        }
        for (const stranger of never) {
          const before = await logCount(stranger);
          const refused = await send(token, call, stranger);
          assert.equal(refused.statusCode, 404, `${where}: never responsible for ${stranger.name}`);
          assert.doesNotMatch(refused.body, new RegExp(stranger.name), `${where}: nothing of ${stranger.name} shown`);
          assert.equal(await logCount(stranger), before, `${where}: nothing logged for ${stranger.name}`);
        }
        const earlier = await send(token, call, was);
        if (call.change) {
          assert.equal(earlier.statusCode, 403, `${where}: responsible before, changes are refused`);
          assert.match(earlier.body, /En anden organisation hjælper nu borgeren/, `${where}: says why`);
        } else {
          assert.equal(earlier.statusCode, call.named === false ? call.ok : 200, `${where}: responsible before, reads`);
          if (call.named !== false) assert.match(earlier.body, new RegExp(was.name), where);
        }
        const now = await send(token, call, serves);
        assert.equal(now.statusCode, call.ok, `${where}: responsible now`);
      }
    }
  });
}

test('at the database: an organisation sees the case data of the citizens it is or was responsible for, changes only those it is', async () => {
  const tables = ['citizen_profile', 'escalation', 'plan_activity', 'recommendation_log', 'citizen_contact'] as const;
  for (const { organisation, serves, was, never } of cases) {
    await withTenant(appDb, { organisation: organisation.id }, async (trx) => {
      const visible = async (citizen: Citizen) => {
        const seen: Record<string, boolean> = {
          citizen: (await trx.selectFrom('citizen').select('id').where('id', '=', citizen.id).execute()).length > 0,
        };
        for (const table of tables) seen[table] = (await trx.selectFrom(table).select('citizen_id').where('citizen_id', '=', citizen.id).execute()).length > 0;
        return seen;
      };
      const all = { citizen: true, citizen_profile: true, escalation: true, plan_activity: true, recommendation_log: true, citizen_contact: true };
      const none = { citizen: false, citizen_profile: false, escalation: false, plan_activity: false, recommendation_log: false, citizen_contact: false };
      assert.deepEqual(await visible(serves), all, `${organisation.kind} serves`);
      assert.deepEqual(await visible(was), all, `${organisation.kind} was responsible`);
      for (const stranger of never) assert.deepEqual(await visible(stranger), none, `${organisation.kind} never: ${stranger.name}`);
    });
    for (const [citizen, allowed] of [[serves, true], [was, false], ...never.map((c) => [c, false] as const)] as const) {
      const where = `${organisation.kind} ${citizen.name}`;
      const updated = await withTenant(appDb, { organisation: organisation.id }, (trx) =>
        trx.updateTable('citizen_profile').set({ job_goal: 'Ændret' }).where('citizen_id', '=', citizen.id).executeTakeFirst(),
      );
      assert.equal(Number(updated.numUpdatedRows), allowed ? 1 : 0, `${where}: update`);
      const insert = withTenant(appDb, { organisation: organisation.id }, (trx) =>
        trx
          .insertInto('plan_activity')
          .values({ citizen_id: citizen.id, municipality_code: home, source: 'assigned', title: 'Jobsamtale', created_by: 's', created_by_name: 'S' })
          .execute(),
      );
      if (allowed) await insert;
      else await assert.rejects(insert, /row-level security/, `${where}: insert`);
      for (const table of ['escalation', 'citizen_contact'] as const) {
        const changed =
          table === 'escalation'
            ? await withTenant(appDb, { organisation: organisation.id }, (trx) =>
                trx.updateTable('escalation').set({ note: 'Ændret' }).where('citizen_id', '=', citizen.id).executeTakeFirst(),
              )
            : await withTenant(appDb, { organisation: organisation.id }, (trx) =>
                trx.updateTable('citizen_contact').set({ email: 'ny@example.dk' }).where('citizen_id', '=', citizen.id).executeTakeFirst(),
              );
        assert.equal(Number(changed.numUpdatedRows), allowed ? 1 : 0, `${where}: update ${table}`);
      }
      // The recommendation log is append-only: an entry is added only for a citizen the organisation serves.
      const logged = withTenant(appDb, { organisation: organisation.id }, (trx) =>
        trx
          .insertInto('recommendation_log')
          .values({ citizen_id: citizen.id, municipality_code: home, rules_version: 'test', inputs: '{}', outputs: '{}' })
          .execute(),
      );
      if (allowed) await logged;
      else await assert.rejects(logged, /row-level security/, `${where}: recommendation log`);
      const record = (action: 'read' | 'change') =>
        withTenant(appDb, { organisation: organisation.id }, (trx) =>
          sql`select record_citizen_access(${citizen.id}::uuid, ${home}, 'sub', 'Sagsbehandler', null, 'caseworker', ${organisation.name}, ${action}, 'journey', 'Kontrol', 'stated', '{}'::jsonb)`.execute(
            trx,
          ),
        );
      const knows = allowed || citizen === was;
      if (knows) await record('read');
      else await assert.rejects(record('read'), /not responsible/, `${where}: record a read`);
      if (allowed) await record('change');
      else await assert.rejects(record('change'), /not responsible/, `${where}: record a change`);
    }
  }
});

test('at the database: an organisation that was responsible reads what is from its own period, not what was recorded after it', async () => {
  // Kim moved from the kommune (from 2025-06-01) to the a-kasse on 2026-01-05; the a-kasse recorded an activity in March.
  await db
    .insertInto('plan_activity')
    .values({
      citizen_id: fromKommune.id,
      municipality_code: home,
      source: 'assigned',
      title: 'Samtale i a-kassen',
      created_by: 'a',
      created_by_name: 'A',
      created_at: new Date('2026-03-02T10:00:00+01:00'),
    })
    .execute();
  const titles = (organisation: Organisation) =>
    withTenant(appDb, { organisation: organisation.id }, async (trx) =>
      (await trx.selectFrom('plan_activity').select('title').where('citizen_id', '=', fromKommune.id).orderBy('title').execute()).map((r) => r.title),
    );
  assert.deepEqual(await titles(akasse), ['Samtale i a-kassen', 'Skriv et CV'], 'the a-kasse, responsible now, reads the whole plan');
  assert.deepEqual(await titles(kommune), ['Skriv et CV'], 'the kommune reads only what is from its period');
});

test('free choice: the citizen who chose another actor is seen by that actor’s caseworker and not by the municipality’s', async () => {
  const chooser = await citizenWith('Frida Frit Valg', [
    { organisation: akasse, from: '2026-01-05' },
    { organisation: actor, from: '2026-02-01', basis: 'choice' },
  ]);
  const look = async (organisation: Organisation) => {
    const token = await createSession(db, caseworkerOf(organisation));
    const cookie = `jobunivers-session=${token}`;
    const page = await send(token, routeCalls['GET /medarbejder/borgere/:citizenId']![0]!, chooser);
    const now = await app.inject({ url: '/medarbejder/borgere?vis=team', headers: { cookie } });
    const before = await app.inject({ url: '/medarbejder/borgere?vis=tidligere', headers: { cookie } });
    const escalations = await app.inject({ url: '/medarbejder/henvendelser', headers: { cookie } });
    return {
      page: page.statusCode,
      now: now.body.includes(chooser.name),
      before: before.body.includes(chooser.name),
      escalation: escalations.body.includes(chooser.name),
    };
  };
  assert.deepEqual(await look(actor), { page: 200, now: true, before: false, escalation: true }, 'the actor chosen');
  assert.deepEqual(await look(kommune), { page: 404, now: false, before: false, escalation: false }, 'the municipality');
  assert.deepEqual(await look(akasse), { page: 200, now: false, before: true, escalation: false }, 'the a-kasse it left reads only');
});

test('“Mine borgere”: the citizens the organisation helps now, since when, with an open escalation; those it helped before on their own tab', async () => {
  const token = await createSession(db, caseworkerOf(akasse));
  const cookie = `jobunivers-session=${token}`;
  const mine = await app.inject({ url: '/medarbejder/borgere', headers: { cookie } });
  assert.match(mine.body, /<h1>Mine borgere<\/h1>/);
  assert.doesNotMatch(mine.body, /Anders Akasse/, 'the caseworker’s own tab: no one is assigned to them yet');
  const now = await app.inject({ url: '/medarbejder/borgere?vis=team', headers: { cookie } });
  assert.equal(now.statusCode, 200);
  assert.match(now.body, new RegExp(`<a href="/medarbejder/borgere/${withAkasse.id}">Anders Akasse</a>`));
  assert.match(now.body, /5\. januar 2026/, 'since when');
  // (Anders Akasse's escalation was taken and closed by the matrix above; Kim Flyttet's is open.)
  assert.match(now.body, new RegExp(`href="/medarbejder/henvendelser/${fromKommune.escalationId}"`), 'the open escalation');
  assert.doesNotMatch(now.body, new RegExp(`href="/medarbejder/henvendelser/${withAkasse.escalationId}"`), 'a closed one is not listed');
  assert.doesNotMatch(now.body, /Sofie Syd|Karla Kommune|Bo Valgt|Asta Overdraget/, 'nobody else, and not the earlier ones');
  assert.match(now.body, /name="cpr"/, 'the CPR look-up is on the same page');

  const before = await app.inject({ url: '/medarbejder/borgere?vis=tidligere', headers: { cookie } });
  assert.equal(before.statusCode, 200);
  assert.match(before.body, new RegExp(`<a href="/medarbejder/borgere/${fromAkasse.id}">Asta Overdraget</a>`));
  assert.doesNotMatch(before.body, /Anders Akasse|Sofie Syd/);

  const english = await app.inject({ url: '/medarbejder/borgere', headers: { cookie: `${cookie}; lang=en` } });
  assert.match(english.body, /<h1>My citizens<\/h1>/);

  const start = await app.inject({ url: '/medarbejder', headers: { cookie } });
  assert.match(start.body, /href="\/medarbejder\/borgere">Mine borgere</, 'linked from the caseworker’s start page');
});

test('“Mine borgere” pages through a long list', async () => {
  const many = await createOrganisation(db, { kind: 'akasse', name: 'A-kasse Mange (test)' });
  for (const name of ['Alma Første', 'Bent Anden', 'Carl Tredje']) await citizenWith(name, [{ organisation: many, from: '2026-01-05' }]);
  const cookie = `jobunivers-session=${await createSession(db, caseworkerOf(many))}`;
  const first = await app.inject({ url: '/medarbejder/borgere?vis=team&limit=2', headers: { cookie } });
  assert.match(first.body, /Alma Første[\s\S]*Bent Anden/);
  assert.doesNotMatch(first.body, /Carl Tredje/);
  assert.match(first.body, /3 borgere/, 'the total');
  const next = /href="(\/medarbejder\/borgere\?[^"]*side=2[^"]*)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(next, 'a link to the next page');
  const second = await app.inject({ url: next, headers: { cookie } });
  assert.match(second.body, /Carl Tredje/);
  assert.doesNotMatch(second.body, /Alma Første/);
});

test('the hand-over: what the a-kasse recorded is intact and seen by the municipality, the a-kasse reads only, Min Log names both', async () => {
  const hanne = await citizenWith('Hanne Handover', [{ organisation: akasse, from: '2025-11-01' }]);
  const akasseToken = await createSession(db, caseworkerOf(akasse));
  const [open, add, group] = routeCalls['POST /medarbejder/borgere/:citizenId']!;
  assert.equal((await send(akasseToken, add!, hanne)).statusCode, 303, 'the a-kasse adds an activity');
  assert.equal((await send(akasseToken, group!, hanne)).statusCode, 303, 'and sets the target group');
  assert.equal(
    (await send(akasseToken, routeCalls['POST /medarbejder/henvendelser/:escalationId/tag']![0]!, hanne)).statusCode,
    303,
    'and takes the escalation',
  );
  const planBefore = await db.selectFrom('plan_activity').selectAll().where('citizen_id', '=', hanne.id).orderBy('created_at').execute();
  assert.equal(planBefore.length, 2);

  // The daily job's move, at the hand-over date.
  await handOverCitizen(db, hanne, kommune.id, new Date().toISOString().slice(0, 10));

  const planAfter = await db.selectFrom('plan_activity').selectAll().where('citizen_id', '=', hanne.id).orderBy('created_at').execute();
  assert.deepEqual(planAfter, planBefore, 'nothing in the plan is lost');
  const kommuneToken = await createSession(db, { ...caseworkerOf(kommune), name: 'Karen Kommune' });
  const seen = await send(kommuneToken, open!, hanne);
  assert.equal(seen.statusCode, 200);
  assert.match(seen.body, /Sagsbehandler hos A-kasse Nord \(test\)/, 'the a-kasse’s activity, with who added it');
  assert.match(seen.body, /Skriv et CV/);
  assert.match(seen.body, new RegExp(`<option value="${targetGroup.code}" selected>`), 'the target group the a-kasse set');
  assert.match(seen.body, new RegExp(`href="/medarbejder/henvendelser/${hanne.escalationId}"`), 'the escalation');
  assert.equal((await send(kommuneToken, add!, hanne)).statusCode, 400, 'the municipality changes the plan now (the same offer is in it already)');
  assert.equal((await send(kommuneToken, group!, hanne)).statusCode, 303);

  const readOnly = await send(akasseToken, open!, hanne);
  assert.equal(readOnly.statusCode, 200);
  assert.match(readOnly.body, /En anden organisation hjælper nu borgeren/);
  assert.doesNotMatch(readOnly.body, /name="action" value="add_activity"/, 'no forms to change anything');
  assert.equal((await send(akasseToken, group!, hanne)).statusCode, 403);

  const citizen = await createSession(db, principalFor('citizen', { municipalityCode: home, citizenId: hanne.id }));
  const minLog = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${citizen}` } });
  assert.match(minLog.body, /Sagsbehandler hos A-kasse Nord \(test\), Jobkonsulent, A-kasse Nord \(test\)/);
  assert.match(minLog.body, new RegExp(`Karen Kommune, Jobkonsulent, ${kommune.name}`));
  assert.match(minLog.body, new RegExp(purpose));
  // The citizen's plan still says the a-kasse agreed the activity, though the jobcenter helps now.
  await db.updateTable('citizen_profile').set({ screened_at: new Date() }).where('citizen_id', '=', hanne.id).execute();
  const plan = await app.inject({ url: '/borger/jobrejse', headers: { cookie: `jobunivers-session=${citizen}` } });
  assert.match(plan.body, /(Aftalt med A-kasse Nord \(test\) \(|Anbefalet af [^<]*, A-kasse Nord \(test\)<)/, 'the organisation that added the activity');
});
