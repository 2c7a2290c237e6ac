// Figures counted straight from the raw rows (events, launches, marketplace views and searches, attendance), as the statistics' rollups must give them, and the
// check that a municipality's dashboard shows exactly those.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Principal } from '../../src/platform/auth/principal.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { getDashboard, loadNationalFigures, MIN_SEARCHES_SHOWN, SEARCH_TERMS_SHOWN, type Dashboard } from '../../src/modules/statistics/dashboard.service.ts';

/** The figures counted straight from the raw rows, as the rollups must give them. */
export async function countDirectly(db: Db, code: string, range: { from: string; to: string }) {
  const inRange = (column: string) => sql`(${sql.ref(column)} at time zone 'Europe/Copenhagen')::date between ${range.from}::date and ${range.to}::date`;
  const { rows: byListing } = await sql<{
    listing_id: string;
    shown: number;
    viewed: number;
    launches: number;
    starts: number;
    completions: number;
    drops: number;
  }>`
    select listing_id, sum(shown)::int as shown, sum(viewed)::int as viewed, sum(launches)::int as launches, sum(starts)::int as starts,
           sum(completions)::int as completions, sum(drops)::int as drops from (
      select listing_id, 0 as shown, 0 as viewed, 1 as launches, 0 as starts, 0 as completions, 0 as drops from listing_launch
       where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}
      union all
      select listing_id, 0, 0, 0, (type = 'dk.jobunivers.activity.started')::int, (type = 'dk.jobunivers.activity.completed')::int,
             (type = 'dk.jobunivers.activity.dropped')::int from activity_event
       where municipality_code = ${code} and ${inRange('occurred_at')}
      union all
      select shown_listing, (page = 'list')::int, (page = 'listing')::int, 0, 0, 0, 0
        from marketplace_view cross join unnest(listing_ids) as shown_listing
       where municipality_code = ${code} and ${inRange('occurred_at')}) f
    group by listing_id order by listing_id`.execute(db);
  const { rows: searches } = await sql<{ searches: number; without_results: number }>`
    select count(*)::int as searches, count(*) filter (where results = 0)::int as without_results from marketplace_view
     where municipality_code = ${code} and search_terms is not null and ${inRange('occurred_at')}`.execute(db);
  const { rows: terms } = await sql<{ term: string; searches: number; without_results: number }>`
    select term, count(*)::int as searches, count(*) filter (where results = 0)::int as without_results
      from marketplace_view cross join unnest(search_terms) as term
     where municipality_code = ${code} and ${inRange('occurred_at')}
     group by term order by term`.execute(db);
  const { rows: attendance } = await sql<{ attended: number; not_attended: number }>`
    select count(*) filter (where s.attended)::int as attended, count(*) filter (where not s.attended)::int as not_attended
      from local_offer_signup s join local_offer o on o.id = s.offer_id
     where s.municipality_code = ${code} and ${inRange('o.starts_at')}`.execute(db);
  const { rows: reach } = await sql<{ n: number }>`
    select count(distinct citizen_id)::int as n from (
      select citizen_id from activity_event where municipality_code = ${code} and ${inRange('occurred_at')}
      union select citizen_id from listing_launch where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}) c`.execute(db);
  const { rows: weeks } = await sql<{ week: string; citizens: number }>`
    select to_char(date_trunc('week', d), 'YYYY-MM-DD') as week, count(distinct citizen_id)::int as citizens from (
      select citizen_id, (occurred_at at time zone 'Europe/Copenhagen')::date as d from activity_event where municipality_code = ${code} and ${inRange('occurred_at')}
      union select citizen_id, (launched_at at time zone 'Europe/Copenhagen')::date from listing_launch where municipality_code = ${code} and outcome = 'launched' and ${inRange('launched_at')}) c
    group by 1 order by 1`.execute(db);
  return {
    byListing,
    reach: reach[0]?.n ?? 0,
    weeks,
    searches: searches[0]?.searches ?? 0,
    searchesWithoutResults: searches[0]?.without_results ?? 0,
    terms,
    attended: attendance[0]?.attended ?? 0,
    notAttended: attendance[0]?.not_attended ?? 0,
  };
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
  const funnelColumns = ['shown', 'viewed', 'launches', 'starts', 'completions', 'drops'] as const;
  const active = (r: Record<(typeof funnelColumns)[number], number>) => funnelColumns.some((key) => r[key] > 0);
  const onDashboard = dashboard.funnel.all
    .filter(active)
    .map((r) => ({
      listing_id: r.listingId,
      shown: r.shown,
      viewed: r.viewed,
      launches: r.launches,
      starts: r.starts,
      completions: r.completions,
      drops: r.drops,
    }))
    .sort((a, b) => a.listing_id.localeCompare(b.listing_id));
  assert.deepEqual(onDashboard, direct.byListing.filter(active), `${label}: the funnel per listing`);
  assert.equal(dashboard.figures.current.reach, direct.reach, `${label}: active citizens`);
  assert.deepEqual(dashboard.reachByWeek, direct.weeks, `${label}: active citizens per week`);
  const sum = (key: (typeof funnelColumns)[number]) => direct.byListing.reduce((n, r) => n + r[key], 0);
  for (const key of funnelColumns) assert.equal(dashboard.figures.current[key], sum(key), `${label}: ${key}`);
  // The funnel per target group and stage reads the tables per group (the figures above read the totals over them).
  for (const key of ['launches', 'starts', 'completions'] as const)
    assert.equal(
      dashboard.groups.reduce((n, g) => n + g[key], 0),
      sum(key),
      `${label}: ${key} summed over the target groups and stages`,
    );
  assert.equal(dashboard.figures.current.searches, direct.searches, `${label}: searches`);
  assert.equal(dashboard.figures.current.searchesWithoutResults, direct.searchesWithoutResults, `${label}: searches without results`);
  assert.equal(dashboard.figures.current.attended, direct.attended, `${label}: attended`);
  const often = direct.terms.filter((w) => w.searches >= MIN_SEARCHES_SHOWN);
  assert.deepEqual(
    dashboard.demand.searched.map((w) => [w.term, w.searches, w.withoutResults]).sort(),
    often
      .sort((a, b) => b.searches - a.searches || a.term.localeCompare(b.term, 'da'))
      .slice(0, SEARCH_TERMS_SHOWN)
      .map((w) => [w.term, w.searches, w.without_results])
      .sort(),
    `${label}: the most searched words`,
  );
  assert.deepEqual(
    dashboard.demand.withoutResults.map((w) => [w.term, w.withoutResults]).sort(),
    often
      .filter((w) => w.without_results >= MIN_SEARCHES_SHOWN)
      .sort((a, b) => b.without_results - a.without_results || a.term.localeCompare(b.term, 'da'))
      .slice(0, SEARCH_TERMS_SHOWN)
      .map((w) => [w.term, w.without_results])
      .sort(),
    `${label}: the words of searches without results`,
  );
  const previous = await countDirectly(db, code, dashboard.previous);
  assert.equal(dashboard.figures.previous.reach, previous.reach, `${label}: active citizens before`);
  assert.equal(
    dashboard.figures.previous.launches,
    previous.byListing.reduce((n, r) => n + r.launches, 0),
    `${label}: launches before`,
  );
  return dashboard;
}
