// The open statistics (issue 16) through the real app on a real database: the refresh job's rollups equal a direct
// count over the raw events (late events folded in, recomputing twice changes nothing), and /statistik and
// GET /api/public/v1/statistics answer without sign-in with the fixed tables, no figure from 1–4 citizens, the CSV with
// the same figures as the JSON, in Danish and English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { sql } from 'kysely';
import { refreshStatisticsJob } from '../src/modules/statistics/index.ts';
import { addMonths, currentMonth } from '../src/modules/statistics/statistics.service.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp } from './support/app.ts';
import { createApprovedListing, createCitizen, createMunicipality, insertActivityEvent } from './support/factories.ts';

const { app, db, url, config } = await createTestApp();
// The job runs as the application role, as in production: row-level security hides the events from it.
const appDatabase = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDatabase.db.destroy());
const refresh = (payload: { all?: boolean } = {}) =>
  refreshStatisticsJob.handle(payload, { db: appDatabase.db, config, logger: createLogger({ level: 'silent' }) });

const lastMonth = addMonths(currentMonth(), -1);
const monthBefore = addMonths(currentMonth(), -2);
const midMonth = (month: string) => new Date(`${month}-15T12:00:00Z`);

// The catalogue's demo listings (approved): 1 interview training, 3 targeted job search — two vendors' services.
const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
const [interview, jobSearch] = [n(1), n(3)];
// A third service, of a vendor of its own.
const { listingId: thirdService, vendorId: thirdVendor } = await createApprovedListing(db, { redirectUris: ['https://tredje.example/callback'] });
const vendorOf = async (listingId: string) =>
  (await db.selectFrom('listing').select('vendor_id').where('id', '=', listingId).executeTakeFirstOrThrow()).vendor_id;

/** A vendor's progress event about the citizen, as the events module stores it. */
async function insertEvent(citizen: { id: string; municipalityCode: string }, listingId: string, occurredAt: Date) {
  await insertActivityEvent(db, {
    listingId,
    citizenId: citizen.id,
    municipalityCode: citizen.municipalityCode,
    type: 'progress',
    occurredAt,
    data: { percent: 10 },
  });
}

async function citizens(municipalityCode: string, count: number, profile?: { journey_stage: string; target_group: string }) {
  const made = [];
  for (let k = 0; k < count; k++) {
    const citizen = { ...(await createCitizen(db, { municipalityCode })), municipalityCode };
    if (profile)
      await db
        .insertInto('citizen_profile')
        .values({ citizen_id: citizen.id, municipality_code: municipalityCode, ...profile })
        .execute();
    made.push(citizen);
  }
  return made;
}

// A small world: three municipalities, citizens active across two completed months.
const nord = await createMunicipality(db, { name: 'Nordby' });
const syd = await createMunicipality(db, { name: 'Sydby' });
const vest = await createMunicipality(db, { name: 'Vestby' });
const nordSeekers = await citizens(nord.code, 7, { journey_stage: 'search', target_group: 'job_ready' });
const sydUnknown = await citizens(syd.code, 3);
const sydUpskilling = await citizens(syd.code, 6, { journey_stage: 'upskill', target_group: 'flex_job' });
const vestUnknown = await citizens(vest.code, 6);
const vestUpskilling = await citizens(vest.code, 2, { journey_stage: 'upskill', target_group: 'flex_job' });
for (const c of nordSeekers) await insertEvent(c, interview, midMonth(lastMonth));
for (const c of nordSeekers.slice(0, 5)) {
  await insertEvent(c, jobSearch, midMonth(monthBefore));
  await insertEvent(c, interview, midMonth(monthBefore)); // a second event the same month counts the citizen once
}
for (const c of [...sydUnknown, ...sydUpskilling]) await insertEvent(c, thirdService, midMonth(lastMonth));
for (const c of [...vestUnknown, ...vestUpskilling]) await insertEvent(c, interview, midMonth(lastMonth));

/** Distinct citizens per month × municipality × stage × target group, counted directly over the raw events. */
async function directMunicipalityCounts() {
  const { rows } = await sql<{ month: string; municipality_code: string; journey_stage: string; target_group: string; citizens: number }>`
    select to_char(e.month, 'YYYY-MM') as month, e.municipality_code, coalesce(p.journey_stage, 'unknown') as journey_stage,
           coalesce(p.target_group, 'unknown') as target_group, count(*)::int as citizens
      from (select distinct date_trunc('month', occurred_at at time zone 'Europe/Copenhagen')::date as month, municipality_code, citizen_id
              from activity_event) e
      left join citizen_profile p on p.citizen_id = e.citizen_id
     group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  return rows;
}
async function rolledUpMunicipalityCounts() {
  const { rows } = await sql<{ month: string; municipality_code: string; journey_stage: string; target_group: string; citizens: number }>`
    select to_char(month, 'YYYY-MM') as month, municipality_code, journey_stage, target_group, citizens
      from statistics_municipality_month order by 1, 2, 3, 4`.execute(db);
  return rows;
}
async function directVendorCounts() {
  const { rows } = await sql<{ month: string; vendor_id: string; citizens: number }>`
    select to_char(date_trunc('month', occurred_at at time zone 'Europe/Copenhagen'), 'YYYY-MM') as month, vendor_id::text, count(distinct citizen_id)::int as citizens
      from activity_event group by 1, 2 order by 1, 2`.execute(db);
  return rows;
}
async function rolledUpVendorCounts() {
  const { rows } = await sql<{ month: string; vendor_id: string; citizens: number }>`
    select to_char(month, 'YYYY-MM') as month, vendor_id::text, citizens from statistics_vendor_month order by 1, 2`.execute(db);
  return rows;
}

const isPublishable = (value: number | null) => value === null || value === 0 || value >= 5;

test('the rollups equal a direct count over the raw events, late events included, and recomputing changes nothing', async () => {
  await refresh();
  assert.deepEqual(await rolledUpMunicipalityCounts(), await directMunicipalityCounts());
  assert.deepEqual(await rolledUpVendorCounts(), await directVendorCounts());
  const nordLastMonth = (await rolledUpMunicipalityCounts()).find((r) => r.month === lastMonth && r.municipality_code === nord.code);
  assert.deepEqual(nordLastMonth?.citizens, 7);

  // A late event: it arrives now for the month before last, for a citizen not counted there yet.
  const late = nordSeekers[6];
  assert.ok(late);
  await insertEvent(late, jobSearch, midMonth(monthBefore));
  await refresh();
  const afterLate = await rolledUpMunicipalityCounts();
  assert.deepEqual(afterLate, await directMunicipalityCounts());
  assert.deepEqual(await rolledUpVendorCounts(), await directVendorCounts());
  assert.equal(afterLate.find((r) => r.month === monthBefore && r.municipality_code === nord.code)?.citizens, 6);

  // Recomputing — the months since the watermark, or every month — gives the same rows.
  await refresh();
  assert.deepEqual(await rolledUpMunicipalityCounts(), afterLate);
  await refresh({ all: true });
  assert.deepEqual(await rolledUpMunicipalityCounts(), afterLate);
  assert.deepEqual(await rolledUpVendorCounts(), await directVendorCounts());
});

test('the public API answers without sign-in with the fixed tables, no figure from 1–4 citizens, and the CSV has the same figures', async () => {
  await refresh();
  const response = await app.inject({ method: 'GET', url: `/api/public/v1/statistics?table=municipality-month&month=${lastMonth}` });
  assert.equal(response.statusCode, 200);
  const table = response.json<{
    month: string;
    months: string[];
    columns: { journeyStage: { code: string }; targetGroup: { code: string } }[];
    rows: { municipalityCode: string; cells: (number | null)[]; total: number | null }[];
    totals: { cells: (number | null)[]; total: number | null };
  }>();
  assert.equal(table.month, lastMonth);
  assert.deepEqual(table.months.slice(0, 2), [lastMonth, monthBefore]);
  // The fixed design: every municipality, every stage × target group (with unknown) — not only cells with citizens.
  const municipalities = await db.selectFrom('municipality').select('code').execute();
  assert.equal(table.rows.length, municipalities.length);
  assert.equal(table.columns.length, 6 * 6);
  const figures = [...table.rows.flatMap((r) => [...r.cells, r.total]), ...table.totals.cells, table.totals.total];
  assert.deepEqual(
    figures.filter((v) => !isPublishable(v)),
    [],
  );
  const column = (stage: string, group: string) => table.columns.findIndex((c) => c.journeyStage.code === stage && c.targetGroup.code === group);
  const row = (code: string) => table.rows.find((r) => r.municipalityCode === code);
  assert.equal(row(nord.code)?.cells[column('search', 'job_ready')], 7);
  assert.equal(row(syd.code)?.cells[column('unknown', 'unknown')], null, 'three citizens are hidden');
  assert.equal(row(vest.code)?.cells[column('upskill', 'flex_job')], null, 'two citizens are hidden');
  // Six citizens are enough to show, but beside a hidden figure in a row whose total is shown they would give it away.
  assert.equal(row(syd.code)?.cells[column('upskill', 'flex_job')], null, 'hidden by secondary suppression');
  assert.equal(row(vest.code)?.cells[column('unknown', 'unknown')], null, 'hidden by secondary suppression');
  // The totals are the true sums: 3 + 6, 6 + 2, and 7 + 9 + 8 for the month.
  assert.deepEqual([row(syd.code)?.total, row(vest.code)?.total, table.totals.total], [9, 8, 24]);
  assert.deepEqual([table.totals.cells[column('unknown', 'unknown')], table.totals.cells[column('upskill', 'flex_job')]], [9, 8]);

  const csv = await app.inject({ method: 'GET', url: `/api/public/v1/statistics?table=municipality-month&month=${lastMonth}&format=csv` });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] ?? '', /^text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'month,municipality_code,municipality,journey_stage,target_group,citizens');
  const fromCsv = new Map(
    lines.slice(1).map((line) => {
      const fields = line.split(',');
      return [`${fields[1]}|${fields[3]}|${fields[4]}`, fields[5]];
    }),
  );
  const asCsv = (value: number | null) => (value === null ? '..' : String(value));
  const expected = new Map<string, string>();
  for (const r of table.rows) {
    table.columns.forEach((c, j) => expected.set(`${r.municipalityCode}|${c.journeyStage.code}|${c.targetGroup.code}`, asCsv(r.cells[j] ?? null)));
    expected.set(`${r.municipalityCode}|total|total`, asCsv(r.total));
  }
  table.columns.forEach((c, j) => expected.set(`total|${c.journeyStage.code}|${c.targetGroup.code}`, asCsv(table.totals.cells[j] ?? null)));
  expected.set('total|total|total', asCsv(table.totals.total));
  assert.deepEqual(fromCsv, expected);

  const vendors = await app.inject({ method: 'GET', url: '/api/public/v1/statistics?table=vendor-month' });
  assert.equal(vendors.statusCode, 200);
  const vendorTable = vendors.json<{ months: string[]; rows: { cvr: string; cells: (number | null)[] }[] }>();
  assert.equal(vendorTable.months.length, 12);
  assert.equal(vendorTable.months.at(-1), lastMonth);
  assert.deepEqual(
    vendorTable.rows.flatMap((r) => r.cells).filter((v) => !isPublishable(v)),
    [],
  );
  const interviewCvr = (
    await db
      .selectFrom('vendor')
      .select('cvr')
      .where('id', '=', await vendorOf(interview))
      .executeTakeFirstOrThrow()
  ).cvr;
  // Interview training last month: Nordby's 7 and Vestby's 8 citizens.
  assert.equal(vendorTable.rows.find((r) => r.cvr === interviewCvr)?.cells.at(-1), 15);
  const thirdCvr = (await db.selectFrom('vendor').select('cvr').where('id', '=', thirdVendor).executeTakeFirstOrThrow()).cvr;
  assert.deepEqual(vendorTable.rows.find((r) => r.cvr === thirdCvr)?.cells.slice(-2), [0, 9]);
  const vendorCsv = await app.inject({ method: 'GET', url: '/api/public/v1/statistics?table=vendor-month&format=csv' });
  const vendorLines = vendorCsv.body.trim().split('\r\n').slice(1);
  assert.equal(vendorLines.length, vendorTable.rows.length * 12);
  assert.match(vendorLines.find((l) => l.startsWith(`${lastMonth},${interviewCvr},`)) ?? '', /,15$/);

  // The running month is never published: it is still changing, and two releases of it could be differenced.
  const running = await app.inject({ method: 'GET', url: `/api/public/v1/statistics?month=${currentMonth()}` });
  assert.equal(running.statusCode, 404);
  assert.match(running.headers['content-type'] ?? '', /application\/problem\+json/);
});

test('the page /statistik shows the tables and the method in Danish and English, without sign-in', async () => {
  await refresh();
  const da = await app.inject({ method: 'GET', url: '/statistik' });
  assert.equal(da.statusCode, 200);
  assert.match(da.body, /<h1>Statistik<\/h1>/);
  assert.match(da.body, /<th scope="row">Nordby<\/th>/);
  assert.match(da.body, /Aktive borgere pr\. leverandør/);
  assert.match(da.body, /<h2 id="metode">Metode<\/h2>/);
  assert.match(da.body, /<span class="sr-only">skjult<\/span>/);
  const older = await app.inject({ method: 'GET', url: `/statistik?maaned=${monthBefore}` });
  assert.match(older.body, new RegExp(`href="/statistik\\?maaned=${monthBefore}" aria-current="page"`));

  const en = await app.inject({ method: 'GET', url: '/statistik', headers: { cookie: 'lang=en' } });
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /<h1>Statistics<\/h1>/);
  assert.match(en.body, /Active citizens by vendor/);
  assert.match(en.body, /<h2 id="metode">Method<\/h2>/);

  // The filled tables are valid HTML by the repository's own rules (the crawl in html-validate.test.ts sees them empty).
  const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);
  for (const page of [da, en]) {
    const report = await validator.validateString(page.body);
    assert.deepEqual(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
      [],
    );
  }

  const landing = await app.inject({ method: 'GET', url: '/' });
  assert.match(landing.body, /<a href="\/statistik">/);
});
