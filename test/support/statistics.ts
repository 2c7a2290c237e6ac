// Figures counted straight from the raw rows (events and launches), as the statistics' rollups must give them, and the
// check that a municipality's dashboard shows exactly those.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Principal } from '../../src/platform/auth/principal.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { getDashboard, loadNationalFigures, type Dashboard } from '../../src/modules/statistics/dashboard.service.ts';

/** The figures counted straight from the raw rows, as the rollups must give them. */
export async function countDirectly(db: Db, code: string, range: { from: string; to: string }) {
  const inRange = (column: string) => sql`(${sql.ref(column)} at time zone 'Europe/Copenhagen')::date between ${range.from}::date and ${range.to}::date`;
  const { rows: byListing } = await sql<{ listing_id: string; launches: number; starts: number; completions: number; drops: number }>`
    select listing_id, sum(launches)::int as launches, sum(starts)::int as starts, sum(completions)::int as completions, sum(drops)::int as drops from (
      select listing_id, 1 as launches, 0 as starts, 0 as completions, 0 as drops from listing_launch
       where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}
      union all
      select listing_id, 0, (type = 'dk.jobunivers.activity.started')::int, (type = 'dk.jobunivers.activity.completed')::int,
             (type = 'dk.jobunivers.activity.dropped')::int from activity_event
       where municipality_code = ${code} and ${inRange('occurred_at')}) f
    group by listing_id order by listing_id`.execute(db);
  const { rows: reach } = await sql<{ n: number }>`
    select count(distinct citizen_id)::int as n from (
      select citizen_id from activity_event where municipality_code = ${code} and ${inRange('occurred_at')}
      union select citizen_id from listing_launch where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}) c`.execute(db);
  const { rows: weeks } = await sql<{ week: string; citizens: number }>`
    select to_char(date_trunc('week', d), 'YYYY-MM-DD') as week, count(distinct citizen_id)::int as citizens from (
      select citizen_id, (occurred_at at time zone 'Europe/Copenhagen')::date as d from activity_event where municipality_code = ${code} and ${inRange('occurred_at')}
      union select citizen_id, (launched_at at time zone 'Europe/Copenhagen')::date from listing_launch where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}) c
    group by 1 order by 1`.execute(db);
  return { byListing, reach: reach[0]?.n ?? 0, weeks };
}

export async function dashboardEqualsDirectCounts(
  db: Db,
  owner: Principal,
  options: { label: string; period: { from: string; to: string; days: number }; today: string },
): Promise<Dashboard> {
  const { label, period: chosen, today } = options;
  const code = owner.municipality?.code ?? '';
  const dashboard = await getDashboard(db, owner, { period: chosen }, (range) => loadNationalFigures(db, range), today);
  const direct = await countDirectly(db, code, chosen);
  // Listings with ratings or dismissals only are on the dashboard too; the funnel's columns are compared here.
  const shown = dashboard.funnel.all
    .filter((r) => r.launches + r.starts + r.completions + r.drops > 0)
    .map((r) => ({ listing_id: r.listingId, launches: r.launches, starts: r.starts, completions: r.completions, drops: r.drops }))
    .sort((a, b) => a.listing_id.localeCompare(b.listing_id));
  assert.deepEqual(
    shown,
    direct.byListing.filter((r) => r.launches + r.starts + r.completions + r.drops > 0),
    `${label}: the funnel per listing`,
  );
  assert.equal(dashboard.figures.current.reach, direct.reach, `${label}: active citizens`);
  assert.deepEqual(dashboard.reachByWeek, direct.weeks, `${label}: active citizens per week`);
  const sum = (key: 'launches' | 'starts' | 'completions' | 'drops') => direct.byListing.reduce((n, r) => n + r[key], 0);
  for (const key of ['launches', 'starts', 'completions', 'drops'] as const) assert.equal(dashboard.figures.current[key], sum(key), `${label}: ${key}`);
  const previous = await countDirectly(db, code, dashboard.previous);
  assert.equal(dashboard.figures.previous.reach, previous.reach, `${label}: active citizens before`);
  assert.equal(
    dashboard.figures.previous.launches,
    previous.byListing.reduce((n, r) => n + r.launches, 0),
    `${label}: launches before`,
  );
  return dashboard;
}
