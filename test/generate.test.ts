// The synthetic world generator (issue 16): exact event counts, stories that follow their launches, a realistic shape,
// determinism per seed, live listings; its CLI command; and the demo history's seed part (once, only when configured).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { runSeed } from '../src/platform/seed.ts';
import { generateWorld, SYNTHETIC_MARK, type GenerateOptions } from '../src/demo/generate.seed.ts';
import { DEMO_HISTORY_SEED, demoHistorySeed } from '../src/demo/demo-history.seed.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { temporaryFolder } from './support/temporary.ts';

const until = new Date('2026-11-30T23:00:00Z');
const small: GenerateOptions = { events: 20_000, citizens: 300, listings: 12, vendors: 5, municipalities: ['101', '751', '461'], seed: 42, until };
const prefix = `${SYNTHETIC_MARK}:42:`;

/** Events per type and Copenhagen month of the seed-42 world, as 'type month count' lines. */
async function shape(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select e.type || ' ' || to_char(e.occurred_at at time zone 'Europe/Copenhagen', 'YYYY-MM') || ' ' || count(*) as line
      from activity_event e join citizen c on c.id = e.citizen_id
     where starts_with(c.person_uuid, ${prefix}) group by e.type, to_char(e.occurred_at at time zone 'Europe/Copenhagen', 'YYYY-MM') order by 1`.execute(
    database.db,
  );
  return rows.map((r) => r.line);
}

const first = await createTestDatabase({ seeded: true });
const summary = await generateWorld(first.db, small);

test('the generator writes exactly the events asked for, each after a launch of its listing by the citizen in the same municipality', async () => {
  assert.equal(summary.events, 20_000);
  const { rows } = await sql<{ events: number; orphans: number; wrongVendor: number; wrongMunicipality: number; early: number }>`
    select count(*)::int as events,
           count(*) filter (where not exists (select 1 from listing_launch l where l.citizen_id = e.citizen_id and l.listing_id = e.listing_id
                                               and l.municipality_code = e.municipality_code and l.outcome = 'launched'
                                               and l.launched_at < e.occurred_at))::int as orphans,
           count(*) filter (where li.vendor_id <> e.vendor_id)::int as "wrongVendor",
           count(*) filter (where c.municipality_code <> e.municipality_code)::int as "wrongMunicipality",
           count(*) filter (where e.received_at < e.occurred_at or e.received_at > ${until})::int as early
      from activity_event e join citizen c on c.id = e.citizen_id join listing li on li.id = e.listing_id
     where starts_with(c.person_uuid, ${prefix})`.execute(first.db);
  assert.deepEqual(rows[0], { events: 20_000, orphans: 0, wrongVendor: 0, wrongMunicipality: 0, early: 0 });
  assert.ok(summary.lateEvents > 0, 'some events arrive days late');
});

test('the world has a realistic shape: a funnel, seasons and a few popular listings', async () => {
  const { rows } = await sql<{ launches: number; starts: number; completions: number; drops: number }>`
    select (select count(*) from listing_launch l join citizen c on c.id = l.citizen_id where starts_with(c.person_uuid, ${prefix}))::int as launches,
           count(*) filter (where e.type = 'dk.jobunivers.activity.started')::int as starts,
           count(*) filter (where e.type = 'dk.jobunivers.activity.completed')::int as completions,
           count(*) filter (where e.type = 'dk.jobunivers.activity.dropped')::int as drops
      from activity_event e join citizen c on c.id = e.citizen_id where starts_with(c.person_uuid, ${prefix})`.execute(first.db);
  const funnel = rows[0]!;
  assert.ok(funnel.completions < funnel.starts && funnel.starts < funnel.launches, JSON.stringify(funnel));
  assert.ok(funnel.starts / funnel.launches > 0.6 && funnel.starts / funnel.launches < 0.8, `about 70 % start: ${JSON.stringify(funnel)}`);
  assert.ok(funnel.completions / funnel.starts > 0.35 && funnel.completions / funnel.starts < 0.6, `about 45 % complete: ${JSON.stringify(funnel)}`);

  // Events per day of the month's days inside the period.
  const perDay = await sql<{ month: number; rate: number }>`
    with days as (select d::date as day from generate_series(${summary.from}::timestamptz at time zone 'Europe/Copenhagen',
                                                            ${until}::timestamptz at time zone 'Europe/Copenhagen' - interval '1 day', interval '1 day') d)
    select m.month, m.events::float8 / (select count(*) from days where extract(month from day) = m.month) as rate
      from (select extract(month from e.occurred_at at time zone 'Europe/Copenhagen')::int as month, count(*) as events
              from activity_event e join citizen c on c.id = e.citizen_id where starts_with(c.person_uuid, ${prefix}) group by 1) m`.execute(first.db);
  const rate = (month: number) => perDay.rows.find((r) => r.month === month)?.rate ?? 0;
  assert.ok(rate(7) < rate(9), `July (${rate(7)}/day) is quieter than September (${rate(9)}/day)`);
  assert.ok(rate(7) < rate(1), `July (${rate(7)}/day) is quieter than January (${rate(1)}/day)`);

  const top = await sql<{ share: number }>`
    with per as (select l.listing_id, count(*) as n from listing_launch l join citizen c on c.id = l.citizen_id
                  where starts_with(c.person_uuid, ${prefix}) group by 1)
    select (select sum(n) from (select n from per order by n desc limit 5) t)::float8 / sum(n) as share from per`.execute(first.db);
  assert.ok((top.rows[0]?.share ?? 0) > 0.5, `the top 5 listings take more than half the launches (${top.rows[0]?.share})`);

  const { rows: counts } = await sql<{ noSeat: number; seats: number; ratings: number; escalations: number; signUps: number }>`
    select (select count(*) from listing_launch l join citizen c on c.id = l.citizen_id where starts_with(c.person_uuid, ${prefix}) and l.outcome = 'no_seat')::int as "noSeat",
           (select count(*) from licence_seat s join citizen c on c.id = s.citizen_id where starts_with(c.person_uuid, ${prefix}))::int as seats,
           (select count(*) from listing_rating r join citizen c on c.id = r.citizen_id where starts_with(c.person_uuid, ${prefix}))::int as ratings,
           (select count(*) from escalation x join citizen c on c.id = x.citizen_id where starts_with(c.person_uuid, ${prefix}))::int as escalations,
           (select count(*) from local_offer_signup s join citizen c on c.id = s.citizen_id where starts_with(c.person_uuid, ${prefix}))::int as "signUps"`.execute(
    first.db,
  );
  assert.deepEqual(counts[0], {
    noSeat: summary.noSeatLaunches,
    seats: summary.licenceSeats,
    ratings: summary.ratings,
    escalations: summary.escalations,
    signUps: summary.signUps,
  });
  assert.ok(
    summary.ratings > 0 && summary.escalations > 0 && summary.signUps > 0 && summary.licenceSeats > 0 && summary.dismissals > 0,
    JSON.stringify(summary),
  );
});

test('every generated listing is live in the catalogue, with valid CVR numbers for its vendors', async () => {
  const { rows } = await sql<{ live: number; vendors: number; invalidCvr: number }>`
    select (select count(*) from listing_live where name_da like '% (syntetisk)')::int as live,
           (select count(*) from vendor where name like 'Syntetisk leverandør %')::int as vendors,
           (select count(*) from vendor where name like 'Syntetisk leverandør %' and not cvr_is_valid(cvr))::int as "invalidCvr"`.execute(first.db);
  assert.deepEqual(rows[0], { live: 12, vendors: 5, invalidCvr: 0 });
});

test('the same seed on another fresh database gives the same counts per type and month; the seed cannot be generated twice', async () => {
  const second = await createTestDatabase({ seeded: true });
  const again = await generateWorld(second.db, small);
  assert.equal(again.launches, summary.launches);
  assert.deepEqual(await shape(second), await shape(first));
  await assert.rejects(generateWorld(second.db, small), /seed 42 exists already/);
});

/** Runs the CLI as an operator would; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['src/cli.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: temporaryFolder('jobunivers-generate-'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('npm run cli -- generate writes a world, shows progress, prints the summary and refreshes the statistics', async () => {
  const database = await createTestDatabase({ seeded: true });
  const run = await cli(['generate', '--events', '2000', '--citizens', '50', '--listings', '6', '--municipalities', '101,751', '--seed', '9'], {
    DATABASE_URL: database.url,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Generated 2000 events in [\d.]+ s \(\d+ events\/s\), seed 9/m);
  assert.match(run.stdout, /^Statistics refreshed in [\d.]+ s\.$/m);
  assert.match(run.stderr, /\[#{20}\] 100 % events 2000\/2000/, 'a progress line at the end (not a terminal: a line every 10 %)');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from activity_event where event_id like 'syn-9-%'`.execute(database.db);
  assert.equal(rows[0]?.n, 2000);
});

test('npm run cli -- statistics:refresh backfills the days asked for, and refuses a date it cannot read', async () => {
  const database = await createTestDatabase({ seeded: true });
  await generateWorld(database.db, { events: 1000, citizens: 30, listings: 4, vendors: 2, municipalities: ['101'], seed: 11, until });
  const run = await cli(['statistics:refresh', '--from', '2026-11-01', '--to', '2026-11-30'], { DATABASE_URL: database.url });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Recomputed 30 day\(s\) and \d+ month\(s\) of the open statistics in [\d.]+ s\.$/m);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from statistics_listing_day where day between '2026-11-01' and '2026-11-30'`.execute(database.db);
  assert.ok((rows[0]?.n ?? 0) > 0, 'November is in the daily rollups');
  const bad = await cli(['statistics:refresh', '--from', '2026-13-01', '--to', '2026-12-01'], { DATABASE_URL: database.url });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--from and --to must both be dates as YYYY-MM-DD/);
});

test('npm run cli -- generate refuses bad arguments and production with a clear message', async () => {
  const database = await createTestDatabase();
  const bad = await cli(['generate', '--events', 'abc'], { DATABASE_URL: database.url });
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stderr.trim(), '--events must be a whole number (got "abc").');
  const missing = await cli(['generate', '--citizens', '10'], { DATABASE_URL: database.url });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /^--events is required\. Usage: npm run cli -- generate --events N/);
  const production = await cli(['generate', '--events', '10'], {
    DATABASE_URL: database.url,
    NODE_ENV: 'production',
    COOKIE_SECRET: 'x'.repeat(40),
    TEST_IDP_ENABLED: 'false',
    SIMULATORS_ENABLED: 'false',
  });
  assert.notEqual(production.code, 0);
  assert.match(production.stderr, /generate does not run in production/);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from activity_event`.execute(database.db);
  assert.equal(rows[0]?.n, 0, 'nothing written');
});

test('DEMO_HISTORY is on by default only with the embedded database outside production, and never in production', () => {
  const dataDir = temporaryFolder('jobunivers-demo-history-');
  assert.equal(loadConfig({ DATA_DIR: dataDir }).demoHistory, true);
  assert.equal(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1/db' }).demoHistory, false, 'tests and servers with DATABASE_URL');
  assert.equal(loadConfig({ DATA_DIR: dataDir, DEMO_HISTORY: 'false' }).demoHistory, false);
  assert.throws(
    () =>
      loadConfig({
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        COOKIE_SECRET: 'x'.repeat(40),
        TEST_IDP_ENABLED: 'false',
        SIMULATORS_ENABLED: 'false',
        DEMO_HISTORY: 'true',
      }),
    /DEMO_HISTORY must be false in production/,
  );
});

test('the demo history gives København and Aarhus a year of activity once, and only when the configuration allows it', async () => {
  const database = await createTestDatabase({ seeded: true });
  const logger = createLogger({ level: 'silent' });
  const historyEvents = async () =>
    (
      await sql<{ n: number; municipalities: string[] }>`
        select count(*)::int as n, array_agg(distinct e.municipality_code order by e.municipality_code) as municipalities
          from activity_event e join citizen c on c.id = e.citizen_id where starts_with(c.person_uuid, ${`${SYNTHETIC_MARK}:${DEMO_HISTORY_SEED}:`})`.execute(
        database.db,
      )
    ).rows[0];
  await runSeed(database.db, [demoHistorySeed], logger);
  assert.equal((await historyEvents())?.n, 0, 'tests seed without a configuration: no history');
  const off = loadConfig({ DATA_DIR: temporaryFolder('jobunivers-demo-history-'), DATABASE_URL: database.url });
  await runSeed(database.db, [demoHistorySeed], logger, { config: off });
  assert.equal((await historyEvents())?.n, 0, 'DATABASE_URL without DEMO_HISTORY: no history');

  const on = loadConfig({ DATA_DIR: temporaryFolder('jobunivers-demo-history-'), DATABASE_URL: database.url, DEMO_HISTORY: 'true' });
  await runSeed(database.db, [demoHistorySeed], logger, { config: on });
  assert.deepEqual(await historyEvents(), { n: 30_000, municipalities: ['101', '751'] });
  await runSeed(database.db, [demoHistorySeed], logger, { config: on });
  assert.equal((await historyEvents())?.n, 30_000, 'a second start leaves the history as it is');
});
