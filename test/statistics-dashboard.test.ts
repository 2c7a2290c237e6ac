// The municipal dashboard and governance's oversight (issue 16): every figure equals a direct count over the raw
// events and launches, late events included, and recomputing changes nothing; a content owner sees only their own
// municipality (in the code and in the database), governance sees all; CSV carries the same figures; a period that
// cannot be read gets its field's message; the pages speak Danish and English.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import { refreshStatistics } from '../src/modules/statistics/index.ts';
import { parsePeriod } from '../src/modules/statistics/dashboard.service.ts';
import { lowCompletion } from '../src/modules/statistics/dashboard.service.ts';
import { splitPeriod } from '../src/modules/statistics/dashboard.repository.ts';
import { flags, topShare } from '../src/modules/statistics/oversight.service.ts';
import { createTestApp } from './support/app.ts';
import { countDirectly, dashboardEqualsDirectCounts } from './support/statistics.ts';
import { createApprovedListing, createCitizen, createMunicipality, createSession, insertActivityEvent, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp();
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());

const home = await createMunicipality(db, { name: 'Tallby' });
const other = await createMunicipality(db, { name: 'Naboby' });
const listings = await Promise.all(
  ['Jobsøgning A', 'CV-værksted B', 'Kursus C'].map((name) =>
    createApprovedListing(db, { name, enabledIn: [home.code], redirectUris: ['https://tjeneste.example/cb'] }),
  ),
);
const elsewhereListing = await createApprovedListing(db, { name: 'Kun i Naboby', enabledIn: [other.code], redirectUris: ['https://tjeneste.example/cb'] });

const daysAgo = (days: number, hour = 10) => {
  const moment = new Date(Date.now() - days * 86_400_000);
  moment.setUTCHours(hour, 0, 0, 0);
  return moment;
};

async function citizen(municipalityCode: string, targetGroup: string | null, name: string) {
  const created = await createCitizen(db, { municipalityCode, name });
  await db
    .insertInto('citizen_profile')
    .values({ citizen_id: created.id, municipality_code: municipalityCode, target_group: targetGroup, journey_stage: 'search', screened_at: daysAgo(12) })
    .execute();
  return { id: created.id, municipalityCode };
}

async function launch(c: { id: string; municipalityCode: string }, listingId: string, when: Date) {
  await db
    .insertInto('listing_launch')
    .values({ citizen_id: c.id, municipality_code: c.municipalityCode, listing_id: listingId, version: 1, outcome: 'launched', launched_at: when })
    .execute();
}

async function events(c: { id: string; municipalityCode: string }, listingId: string, types: string[], when: Date) {
  for (const [i, type] of types.entries())
    await insertActivityEvent(db, {
      listingId,
      citizenId: c.id,
      municipalityCode: c.municipalityCode,
      type,
      occurredAt: new Date(when.getTime() + i * 3_600_000),
    });
}

// A small world: nine citizens at home across two target groups, three next door, launches and event sequences over
// the last 40 days (some before the period, to prove the period's edges), a rating and a dismissal.
const homeCitizens = await Promise.all(Array.from({ length: 9 }, (_, i) => citizen(home.code, i % 3 === 0 ? 'job_ready' : null, `Borger ${i}`)));
const otherCitizens = await Promise.all(Array.from({ length: 3 }, (_, i) => citizen(other.code, 'job_ready', `Nabo ${i}`)));
for (const [i, c] of homeCitizens.entries()) {
  const listing = listings[i % 3]?.listingId ?? '';
  const day = 2 + i * 3; // 2 … 26 days ago
  await launch(c, listing, daysAgo(day));
  await events(c, listing, i % 2 === 0 ? ['started', 'progress', 'completed'] : ['started', 'dropped'], daysAgo(day, 12));
}
// Before the period: counted in the previous one only.
await launch(homeCitizens[0] as { id: string; municipalityCode: string }, listings[1]?.listingId ?? '', daysAgo(40));
await events(homeCitizens[0] as { id: string; municipalityCode: string }, listings[1]?.listingId ?? '', ['started'], daysAgo(40, 12));
for (const c of otherCitizens) {
  await launch(c, elsewhereListing.listingId, daysAgo(5));
  await events(c, elsewhereListing.listingId, ['started', 'completed'], daysAgo(5, 12));
}
await db
  .insertInto('listing_rating')
  .values({
    citizen_id: homeCitizens[0]?.id ?? '',
    municipality_code: home.code,
    listing_id: listings[0]?.listingId ?? '',
    stars: 4,
    status: 'approved',
    created_at: daysAgo(3),
  })
  .execute();
await db
  .insertInto('recommendation_dismissal')
  .values({
    citizen_id: homeCitizens[1]?.id ?? '',
    municipality_code: home.code,
    item_kind: 'listing',
    item_id: listings[2]?.listingId ?? '',
    dismissed_at: daysAgo(4),
  })
  .execute();

const today = copenhagenDate();
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// A licence on the first listing: 10 seats over 100 days for 10,000 kr., two seats taken. Its days count from
// Copenhagen's today: between midnight in Copenhagen and midnight UTC, a day counted from the UTC clock is another one.
const licenceFrom = shiftDay(today, -50);
const licenceTo = shiftDay(today, 49);
const licence = await db
  .insertInto('licence')
  .values({
    municipality_code: home.code,
    listing_id: listings[0]?.listingId ?? '',
    seats: 10,
    valid_from: licenceFrom,
    valid_to: licenceTo,
    price_dkk: '10000',
    budget_holder: 'Jobcentret',
    created_by: 'test',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
for (const c of [homeCitizens[0], homeCitizens[3]])
  await db
    .insertInto('licence_seat')
    .values({ licence_id: licence.id, citizen_id: c?.id ?? '', municipality_code: home.code, first_launch_at: daysAgo(10) })
    .execute();

/** The Monday on or before the day `days` ago. */
const lastMonday = (days: number) => {
  const day = copenhagenDate(daysAgo(days));
  return shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
};
const period = parsePeriod({}, today);
const owner = principalFor('content_owner', { municipalityCode: home.code });
const ownerSession = await createSession(db, owner);
const governanceSession = await createSession(db, principalFor('governance_reviewer'));
const open = (token: string, path: string, lang = 'da') =>
  app.inject({ url: path, headers: { cookie: `jobunivers-session=${token}; lang=${lang}`, accept: 'text/html' } });

const directCounts = (code: string, range: { from: string; to: string }) => countDirectly(db, code, range);
const assertDashboardEqualsDirectCounts = (label: string, chosen: { from: string; to: string; days: number } = period) =>
  dashboardEqualsDirectCounts(db, owner, { label, period: chosen, today });

test('every dashboard figure equals a direct count over the raw rows, late events included, and recomputing changes nothing', async () => {
  await refreshStatistics(db, { all: true });
  const first = await assertDashboardEqualsDirectCounts('first refresh');
  assert.equal(first.figures.current.reach, 9);
  assert.equal(first.figures.current.launches, 9);
  assert.equal(first.figures.current.completions, 5);
  assert.equal(first.figures.current.ratings, 1);
  assert.equal(first.figures.current.averageRating, 4);
  assert.equal(first.figures.current.screenings, 9);
  assert.deepEqual(
    first.demand.dismissed.map((r) => r.listingId),
    [listings[2]?.listingId],
  );
  assert.equal(first.figures.previous.launches, 1, 'the launch 40 days ago is the previous period’s');
  // The licence: two of ten seats, and its price spread over its 100 days, the period's 30 of them, per completion.
  const [used] = first.licences;
  assert.ok(used);
  assert.equal(used.seatsUsed, 2);
  assert.equal(used.seats, 10);
  const completions = first.funnel.all.find((r) => r.listingId === listings[0]?.listingId)?.completions ?? 0;
  assert.equal(used.completions, completions);
  assert.ok(completions > 0);
  assert.equal(Math.round(used.costPerCompletion ?? 0), Math.round((10000 * 30) / 100 / completions));
  assert.deepEqual(used.seatsOverTime, [{ month: copenhagenDate(daysAgo(10)).slice(0, 7), seats: 2 }]);
  assert.deepEqual(
    first.nudges.idleSeats.map((l) => l.licenceId),
    [licence.id],
    'fewer than half the seats taken after 50 days',
  );

  // A late event: it happened 20 days ago and arrives now. The incremental refresh folds it into its own day.
  const late = homeCitizens[7] as { id: string; municipalityCode: string };
  await insertActivityEvent(db, {
    listingId: listings[1]?.listingId ?? '',
    citizenId: late.id,
    municipalityCode: home.code,
    type: 'completed',
    occurredAt: daysAgo(20, 15),
  });
  const { days } = await refreshStatistics(db);
  assert.ok(days.includes(copenhagenDate(daysAgo(20, 15))), 'the late event’s day is recomputed');
  const second = await assertDashboardEqualsDirectCounts('after a late event');
  assert.equal(second.figures.current.completions, 6);
  // Longer periods read whole months from the month tier and the days around them from the day tier: the same figures.
  const lastMonthStart = `${copenhagenDate(daysAgo(35)).slice(0, 8)}01`;
  for (const chosen of [
    parsePeriod({ fra: copenhagenDate(daysAgo(120)) }, today),
    parsePeriod({ fra: lastMonthStart, til: copenhagenDate(daysAgo(1)) }, today),
    parsePeriod({ fra: copenhagenDate(daysAgo(45)), til: copenhagenDate(daysAgo(3)) }, today),
    // Monday to Sunday: whole weeks only, no days at either edge.
    parsePeriod({ fra: lastMonday(35), til: shiftDay(lastMonday(35), 27) }, today),
  ])
    await assertDashboardEqualsDirectCounts(`${chosen.from} to ${chosen.to}`, chosen);

  const dayRows = () =>
    db.selectFrom('statistics_listing_day').selectAll().orderBy('municipality_code').orderBy('day').orderBy('listing_id').orderBy('target_group').execute();
  const before = await dayRows();
  await refreshStatistics(db, { all: true });
  await refreshStatistics(db, { days: [copenhagenDate(daysAgo(20))] });
  const again = await dayRows();
  assert.deepEqual(again, before, 'recomputing every day, or one, gives the same rows');
});

test('what citizens were shown, opened and searched for in the marketplace, and who came to a local offer, equal direct counts', async () => {
  const marketplace = '/borger/markedsplads';
  const sessions = await Promise.all(
    homeCitizens.slice(0, 6).map((c) => createSession(db, principalFor('citizen', { municipalityCode: home.code, citizenId: c.id }))),
  );
  const browse = async (token: string, path: string) => {
    const page = await open(token, path);
    assert.equal(page.statusCode, 200, path);
    return page;
  };
  for (const token of sessions) {
    await browse(token, marketplace);
    await browse(token, `${marketplace}?q=${encodeURIComponent('jobsøgning')}`);
    await browse(token, `${marketplace}?q=gaffeltruck`);
  }
  await browse(sessions[0] ?? '', `${marketplace}/${listings[0]?.listingId}`);
  await browse(sessions[1] ?? '', `${marketplace}/${listings[0]?.listingId}`);
  // A CPR number typed into the search box: the search counts, its number is never stored.
  await browse(sessions[2] ?? '', `${marketplace}?q=${encodeURIComponent('010190-1234 cv')}`);
  const stored = await db.selectFrom('marketplace_view').select(['search_terms', 'municipality_code']).where('search_terms', 'is not', null).execute();
  assert.ok(stored.length >= 13 && stored.every((v) => v.municipality_code === home.code));
  assert.ok(!stored.some((v) => (v.search_terms ?? []).some((w) => /\d/.test(w))), 'no word with a digit is kept');
  assert.ok(stored.some((v) => v.search_terms?.join(' ') === 'cv'));
  // The application's role can record a view only through the function, and cannot read them back.
  await assert.rejects(appDb.selectFrom('marketplace_view').select('id').execute(), /permission denied/);
  // A view that happened 20 days ago and is only now recorded (as a late event would be) lands in its own day.
  await sql`insert into marketplace_view (occurred_at, municipality_code, target_group, journey_stage, page, listing_ids)
            values (${daysAgo(20)}, ${home.code}, 'job_ready', 'search', 'listing', ${[listings[2]?.listingId ?? '']}::uuid[])`.execute(db);

  // A local offer three days ago: two came, one did not, one is not recorded.
  const offer = await db
    .insertInto('local_offer')
    .values({
      municipality_code: home.code,
      kind: 'workshop',
      title_da: 'CV-café',
      title_en: 'CV café',
      description_da: 'Få hjælp til dit CV.',
      description_en: 'Get help with your CV.',
      place: 'Jobcentret',
      starts_at: daysAgo(3),
      ends_at: daysAgo(3, 12),
      capacity: 10,
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, attended] of [true, true, false, null].entries())
    await db
      .insertInto('local_offer_signup')
      .values({
        offer_id: offer.id,
        citizen_id: homeCitizens[i]?.id ?? '',
        municipality_code: home.code,
        signed_up_at: daysAgo(8),
        attended,
        attendance_recorded_at: attended === null ? null : daysAgo(2),
        attendance_recorded_by: attended === null ? null : 'test',
      })
      .execute();

  await refreshStatistics(db);
  const dashboard = await assertDashboardEqualsDirectCounts('after browsing and searching');
  assert.equal(dashboard.figures.current.shown, 6 * 3 + 6 * 1 + 0 + 0, 'the list shows all three listings; the search for jobsøgning finds one');
  assert.equal(dashboard.figures.current.viewed, 2 + 1, 'two service pages opened, and the late one');
  assert.equal(dashboard.figures.current.searches, 13);
  assert.equal(dashboard.figures.current.searchesWithoutResults, 6 + 1);
  assert.equal(dashboard.figures.current.attended, 2);
  assert.deepEqual(
    dashboard.demand.withoutResults.map((w) => w.term),
    ['gaffeltruck'],
  );
  assert.ok(
    dashboard.demand.searched.some((w) => w.term === 'jobsøgning' && w.searches === 6),
    'searched six times',
  );
  assert.ok(!dashboard.demand.searched.some((w) => w.term === 'cv'), 'a word searched once is not shown');
  const cafe = dashboard.localOffers.find((o) => o.id === offer.id);
  assert.deepEqual([cafe?.signedUp, cafe?.attended, cafe?.notAttended], [4, 2, 1]);

  const page = await open(ownerSession, '/kommune/overblik');
  assert.match(page.body, /gaffeltruck/);
  assert.match(page.body, /Vist i markedspladsen/);
  const words = await open(ownerSession, `/kommune/overblik/csv?tabel=uden-resultat&fra=${period.from}&til=${period.to}`);
  assert.match(words.body, /\r\ngaffeltruck,6,6\r\n/);
});

test('a backfill of some days leaves the watermark, so what arrived for other days is still folded in by the next run', async () => {
  // The last run was half an hour ago, and an event for six days ago arrived a quarter of an hour ago.
  await refreshStatistics(db);
  await sql`update statistics_refresh_state set day_watermark = now() - interval '30 minutes'`.execute(db);
  const someone = homeCitizens[4] as { id: string; municipalityCode: string };
  const occurred = daysAgo(6, 9);
  const id = await insertActivityEvent(db, {
    listingId: listings[0]?.listingId ?? '',
    citizenId: someone.id,
    municipalityCode: home.code,
    type: 'progress',
    occurredAt: occurred,
  });
  await sql`update activity_event set received_at = now() - interval '15 minutes' where id = ${id}::uuid`.execute(db);
  await refreshStatistics(db, { days: [copenhagenDate(daysAgo(100))] });
  const { days } = await refreshStatistics(db);
  assert.ok(days.includes(copenhagenDate(occurred)), 'the day of the event that arrived before the backfill is recomputed');
  await assertDashboardEqualsDirectCounts('after a backfill and a run');
});

test('a content owner sees their own municipality only, in the code and in the database; governance sees every one', async () => {
  await refreshStatistics(db, { all: true });
  const page = await open(ownerSession, '/kommune/overblik');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Jobsøgning A/);
  assert.doesNotMatch(page.body, /Kun i Naboby/, 'another municipality’s listing is not in the dashboard');

  const seen = await withTenant(appDb, { municipality: home.code }, (trx) =>
    trx.selectFrom('statistics_listing_day').select('municipality_code').distinct().execute(),
  );
  assert.deepEqual(
    seen.map((r) => r.municipality_code),
    [home.code],
  );
  const unscoped = await appDb.selectFrom('statistics_citizen_day').select('citizen_id').execute();
  assert.deepEqual(unscoped, [], 'no tenant, no rows');
  const national = await withTenant(appDb, { national: true }, (trx) =>
    trx.selectFrom('statistics_listing_day').select('municipality_code').distinct().execute(),
  );
  assert.ok(national.some((r) => r.municipality_code === other.code) && national.some((r) => r.municipality_code === home.code));

  const oversight = await open(governanceSession, '/faellesskab/overblik');
  assert.equal(oversight.statusCode, 200);
  assert.match(oversight.body, /Kun i Naboby/);
  assert.match(oversight.body, /Tallby/);
  assert.match(oversight.body, /Naboby/);

  assert.equal((await open(ownerSession, '/faellesskab/overblik')).statusCode, 403, 'a content owner does not see the national oversight');
  const caseworker = await createSession(db, principalFor('caseworker', { municipalityCode: home.code }));
  assert.equal((await open(caseworker, '/kommune/overblik')).statusCode, 403);
  assert.equal((await open(governanceSession, '/kommune/overblik')).statusCode, 403);
  const signedOut = await app.inject({ url: '/kommune/overblik', headers: { accept: 'text/html' } });
  assert.equal(signedOut.statusCode, 303, 'signed out: to the sign-in');
});

test('CSV downloads carry the figures the page shows', async () => {
  await refreshStatistics(db, { all: true });
  const csv = await open(ownerSession, `/kommune/overblik/csv?tabel=tilbud&fra=${period.from}&til=${period.to}`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="overblik-/);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  assert.equal(lines[0], 'listing_id,name,shown,viewed,launches,starts,completions,completion_rate,drops,ratings,average_rating,dismissals');
  const direct = await directCounts(home.code, period);
  for (const row of direct.byListing) {
    const line = lines.find((l) => l.startsWith(row.listing_id));
    assert.ok(line, `a line for ${row.listing_id}`);
    const fields = line.split(',');
    assert.deepEqual([fields[2], fields[3], fields[4], fields[5], fields[6], fields[8]].map(Number), [
      row.shown,
      row.viewed,
      row.launches,
      row.starts,
      row.completions,
      row.drops,
    ]);
  }
  const figures = await open(ownerSession, `/kommune/overblik/csv?tabel=noegletal&fra=${period.from}&til=${period.to}`);
  assert.match(figures.body, new RegExp(`\\r\\nreach,Aktive borgere,${direct.reach},`));
  const national = await open(governanceSession, `/faellesskab/overblik/csv?tabel=kommuner&fra=${period.from}&til=${period.to}`);
  assert.match(national.body, new RegExp(`\\r\\n${other.code},Naboby,3,3,3,1\\.000,`));
  assert.equal((await open(ownerSession, '/kommune/overblik/csv?tabel=hemmelig')).statusCode, 400);
});

test('a period that cannot be read gets its field’s message, and the page keeps what was typed', async () => {
  const wrong = await open(ownerSession, '/kommune/overblik?fra=2026-02-30&til=2026-03-01');
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /<a href="#field-fra">[^<]*Skriv en gyldig dato/);
  assert.match(wrong.body, /value="2026-02-30"/);
  const grouped = await open(ownerSession, '/kommune/overblik?fra=2026-03-01&til=2026-02-01&maalgruppe=job_ready&fase=search');
  assert.equal(grouped.statusCode, 400);
  assert.match(grouped.body, /<option value="job_ready" selected>/, 'the target group chosen is still chosen');
  assert.match(grouped.body, /<option value="search" selected>/, 'and the stage');
  const reversed = await open(ownerSession, '/kommune/overblik?fra=2026-03-01&til=2026-02-01');
  assert.match(reversed.body, /Slutdatoen skal ligge på eller efter startdatoen/);
  const month13 = await open(ownerSession, '/kommune/overblik?fra=2026-13-01');
  assert.equal(month13.statusCode, 400, 'a month that does not exist is a message, not an error page');
  assert.match(month13.body, /<a href="#field-fra">[^<]*Skriv en gyldig dato/);
  const csv = await open(ownerSession, '/kommune/overblik/csv?fra=2026-13-01');
  assert.equal(csv.statusCode, 400);
  const long = await open(ownerSession, '/kommune/overblik?fra=2024-01-01&til=2026-01-01', 'en');
  assert.match(long.body, /Choose a period of at most one year/);
});

test('the dashboard in Danish and English: charts with their data tables, no Danish text on the English page', async () => {
  await refreshStatistics(db, { all: true });
  const da = await open(ownerSession, '/kommune/overblik');
  assert.match(da.body, /<svg class="chart" id="tragt-diagram" role="img" aria-labelledby="tragt-diagram-title tragt-diagram-desc"/);
  assert.match(da.body, /<caption>Pr\. tilbud i perioden, mest åbnede først<\/caption>/);
  assert.match(da.body, /Landets median/);
  const en = await open(ownerSession, '/kommune/overblik', 'en');
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /Overview of use/);
  assert.match(en.body, /National median/);
  for (const danish of ['Aktive borgere', 'Nøgletal', 'Gennemført', 'Hent tabellen'])
    assert.ok(!en.body.includes(danish), `no "${danish}" on the English page`);
  const filtered = await open(ownerSession, '/kommune/overblik?maalgruppe=job_ready');
  assert.match(filtered.body, /for [^<]*, mest åbnede først/);
});

test('a period splits into its whole months and the days around them', () => {
  assert.deepEqual(splitPeriod({ from: '2026-01-15', to: '2026-04-10' }), {
    days: [
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-04-01', to: '2026-04-10' },
    ],
    months: { from: '2026-02-01', to: '2026-03-01' },
  });
  assert.deepEqual(splitPeriod({ from: '2026-02-01', to: '2026-02-28' }), { days: [], months: { from: '2026-02-01', to: '2026-02-01' } });
  assert.deepEqual(splitPeriod({ from: '2026-02-02', to: '2026-03-30' }), { days: [{ from: '2026-02-02', to: '2026-03-30' }], months: null });
  assert.deepEqual(splitPeriod({ from: '2024-02-01', to: '2024-02-29' }).months, { from: '2024-02-01', to: '2024-02-01' }, 'a leap year’s February is whole');
});

test('the rules behind nudges and flags: far below the peers’ median, concentration of the top five', () => {
  const sums = (starts: number, completions: number, ratings = 0, stars = 0) => ({
    shown: 0,
    viewed: 0,
    launches: starts,
    starts,
    completions,
    drops: 0,
    events: 0,
    ratings,
    rating_stars: stars,
    dismissals: 0,
  });
  const national = new Map([
    ['a', sums(20, 12)],
    ['b', sums(20, 10)],
    ['c', sums(20, 14)],
    ['d', sums(20, 2)],
    ['e', sums(5, 0)],
  ]);
  const categories = (id: string) => (id === 'x' ? ['other'] : ['cv']);
  const flagged = lowCompletion(
    [
      { listingId: 'd', nameDa: 'D', nameEn: 'D', sums: sums(20, 2) },
      { listingId: 'a', nameDa: 'A', nameEn: 'A', sums: sums(20, 12) },
      { listingId: 'e', nameDa: 'E', nameEn: 'E', sums: sums(5, 0) },
    ],
    national,
    categories,
  );
  assert.deepEqual(
    flagged.map((f) => [f.listingId, f.peerRate]),
    [['d', 0.6]],
    'd is below half its peers’ median (0.6); e has too few starts to say',
  );
  assert.equal(topShare([50, 20, 10, 10, 5, 3, 2]), 95 / 100);
  assert.equal(topShare([]), null);
  const listing = (id: string, starts: number, completions: number, ratings: number, average: number | null) => ({
    listingId: id,
    nameDa: id,
    nameEn: id,
    vendorId: 'v',
    vendorName: 'V',
    launches: starts,
    starts,
    completions,
    completionRate: starts > 0 ? completions / starts : null,
    ratings,
    averageRating: average,
    share: null,
  });
  const found = flags([listing('a', 20, 12, 6, 4.5), listing('b', 20, 10, 6, 4), listing('c', 20, 14, 6, 4.2), listing('d', 20, 2, 6, 2.5)], categories);
  assert.deepEqual(
    found.map((f) => [f.listingId, f.kind]),
    [
      ['d', 'completion'],
      ['d', 'rating'],
    ],
  );
});
