// The dashboards on a generated world (issue 16): for three municipalities of a synthetic year, every figure of the
// dashboard — for the last 30 days, a quarter and the whole year — equals a direct count over the raw events and
// launches, the generator's late arrivals included; then more events arrive late for days months ago, and after the
// incremental refresh the figures still equal the direct counts; and governance's national figures per municipality
// equal the same counts.
import assert from 'node:assert/strict';
import { randomUUID, createHash } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { generateWorld } from '../src/demo/generate.seed.ts';
import { refreshStatistics } from '../src/modules/statistics/index.ts';
import { loadNationalFigures, parsePeriod } from '../src/modules/statistics/dashboard.service.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import { createTestDatabase } from './support/database.ts';
import { principalFor } from './support/factories.ts';
import { countDirectly, dashboardEqualsDirectCounts } from './support/statistics.ts';

const { db } = await createTestDatabase({ seeded: true });
const municipalities = ['101', '751', '461'];
const summary = await generateWorld(db, { events: 15_000, citizens: 400, listings: 12, vendors: 4, municipalities, seed: 7, lateShare: 0.05 });
await refreshStatistics(db, { all: true });
const today = copenhagenDate();
const periods = [
  parsePeriod({}, today),
  parsePeriod({ fra: copenhagenDate(new Date(Date.now() - 91 * 86_400_000)) }, today),
  parsePeriod({ fra: copenhagenDate(new Date(Date.now() - 365 * 86_400_000)) }, today),
];

async function everyDashboardEqualsDirectCounts(stage: string) {
  for (const code of municipalities) {
    const owner = principalFor('content_owner', { municipalityCode: code });
    for (const period of periods) await dashboardEqualsDirectCounts(db, owner, { label: `${stage}, ${code}, ${period.from}–${period.to}`, period, today });
  }
}

test('every figure of three municipalities’ dashboards equals a direct count, late events included', async () => {
  assert.equal(summary.events, 15_000);
  assert.ok(summary.lateEvents > 0, 'the generator made late arrivals');
  await everyDashboardEqualsDirectCounts('generated');

  // Events that happened 40–200 days ago arrive now, for launches the world already has.
  const { rows: launches } = await sql<{ citizen_id: string; listing_id: string; municipality_code: string; vendor_id: string }>`
    select l.citizen_id, l.listing_id, l.municipality_code, li.vendor_id from listing_launch l join listing li on li.id = l.listing_id
     where l.outcome = 'launched' and l.launched_at < now() - interval '200 days' order by l.id limit 60`.execute(db);
  assert.ok(launches.length > 0);
  for (const [i, launch] of launches.entries()) {
    await db
      .insertInto('activity_event')
      .values({
        ...launch,
        event_id: randomUUID(),
        type: i % 2 === 0 ? 'dk.jobunivers.activity.completed' : 'dk.jobunivers.activity.started',
        occurred_at: new Date(Date.now() - (40 + i * 3) * 86_400_000),
        data: '{}',
        body_hash: createHash('sha256').update(randomUUID()).digest(),
        received_via: 'cloudevents',
      })
      .execute();
  }
  const { days } = await refreshStatistics(db);
  assert.ok(days.length >= 30, `the late events' days are recomputed (${days.length})`);
  await everyDashboardEqualsDirectCounts('after late events');
});

test('the national figures per municipality equal the direct counts', async () => {
  for (const period of periods) {
    const national = await loadNationalFigures(db, period);
    for (const code of municipalities) {
      const direct = await countDirectly(db, code, period);
      const figures = national.byMunicipality.get(code);
      const sum = (key: 'launches' | 'completions') => direct.byListing.reduce((n, r) => n + r[key], 0);
      assert.equal(figures?.reach ?? 0, direct.reach, `${code} reach ${period.from}`);
      assert.equal(figures?.launches ?? 0, sum('launches'), `${code} launches ${period.from}`);
      assert.equal(figures?.completions ?? 0, sum('completions'), `${code} completions ${period.from}`);
    }
  }
});
