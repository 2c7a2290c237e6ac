// SQL for the citizen's timeline: one keyset-paginated query over what other modules publish — the vendors' events
// (events' activity_event_entry, 0061), the plan (journey's citizen_plan, 0042), the screening (journey's
// citizen_screening, 0065), sign-ups to local offers (curation's municipality_offer_*, 0041) and the Joblog
// registrations (joblog's joblog_entry, 0066). Row-level security of the caller's tenant transaction decides what is seen.
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';

export type TimelineCategory = 'service' | 'job-search' | 'plan' | 'local-offer' | 'screening';
export type TimelineKind = 'event' | 'plan-created' | 'plan-changed' | 'sign-up' | 'sign-up-cancelled' | 'screening' | 'joblog';

export type TimelineRow = {
  /** Unique across the sources: "<kind>:<id>"; the tie-breaker of the order. */
  key: string;
  at: Date;
  /** `at` to the microsecond (UTC, ISO 8601), for the cursor: a JavaScript Date keeps only milliseconds. */
  at_key: string;
  category: TimelineCategory;
  kind: TimelineKind;
  event_type: string | null;
  listing_id: string | null;
  listing_name_da: string | null;
  listing_name_en: string | null;
  title_da: string | null;
  title_en: string | null;
  data: Record<string, unknown>;
  joblog_status: 'pending' | 'registered' | 'failed' | 'cancelled' | null;
  joblog_registered_at: Date | null;
};

export type TimelineFilter = { listingId?: string | undefined; category?: TimelineCategory | undefined };

const applicationSent = 'dk.jobunivers.activity.application-sent';
const meetingHeld = 'dk.jobunivers.activity.meeting-held';

/** A source's cut at the cursor: (at, key) strictly before it; `at <= …` alone is what its index can serve. */
function before(at: RawBuilder<unknown>, key: RawBuilder<unknown>, after: { at: string; key: string } | undefined): RawBuilder<unknown> {
  return after ? sql`and ${at} <= ${after.at}::timestamptz and (${at}, ${key}) < (${after.at}::timestamptz, ${after.key})` : sql``;
}

/**
 * One page of the citizen's timeline, newest first, after the cursor's (at, key) when given; `limit` rows at most.
 * Each source gives at most `limit` rows of its own, cut, filtered and ordered as the page is, and they are merged
 * before the page's rows are joined with the services' names (once, not per source: less for the planner, which
 * plans this statement on every request): a citizen with thousands of events reads a page's worth through the index
 * (activity_event_citizen), not all of them (each row read is checked by the row-level security's functions).
 */
export async function selectTimeline(
  trx: Trx,
  citizenId: string,
  options: TimelineFilter & { after?: { at: string; key: string } | undefined; limit: number },
): Promise<TimelineRow[]> {
  const { after, limit, listingId, category } = options;
  const wants = (c: TimelineCategory) => category === undefined || category === c;
  const ofListing = (column: RawBuilder<unknown>) => (listingId ? sql`and ${column} = ${listingId}::uuid` : sql``);
  const jobSearchTypes = sql`(${applicationSent}, ${meetingHeld})`;
  const branches: RawBuilder<unknown>[] = [];
  if (wants('service') || wants('job-search')) {
    const typeFilter =
      category === 'job-search' ? sql`and e.type in ${jobSearchTypes}` : category === 'service' ? sql`and e.type not in ${jobSearchTypes}` : sql``;
    branches.push(sql`
        select 'event:' || e.id as key, e.occurred_at as at,
               case when e.type in ${jobSearchTypes} then 'job-search' else 'service' end as category,
               'event' as kind, e.type as event_type, e.listing_id, null::text as title_da, null::text as title_en, e.data,
               j.status as joblog_status, j.registered_at as joblog_registered_at
          from (select e.id, e.occurred_at, e.type, e.listing_id, e.data
                  from activity_event_entry e
                 where e.citizen_id = ${citizenId} ${typeFilter} ${ofListing(sql.ref('e.listing_id'))}
                       ${before(sql.ref('e.occurred_at'), sql`'event:' || e.id`, after)}
                 order by e.occurred_at desc, 'event:' || e.id desc
                 limit ${limit}) e
          left join joblog_entry j on j.event_id = e.id`);
  }
  if (wants('plan')) {
    for (const [kind, at, changedOnly] of [
      ['plan-created', 'created_at', false],
      ['plan-changed', 'updated_at', true],
    ] as const) {
      const atColumn = sql.ref(`p.${at}`);
      const key = sql`${kind + ':'} || p.id`;
      branches.push(sql`
        select * from (
        select ${key} as key, ${atColumn} as at, 'plan' as category, ${kind} as kind, null::text as event_type, p.listing_id,
               p.title as title_da, o.title_en, jsonb_build_object('source', p.source, 'status', p.status) as data,
               null::text as joblog_status, null::timestamptz as joblog_registered_at
          from citizen_plan p
          left join municipality_offer_local_offer o on o.id = p.local_offer_id
         where p.citizen_id = ${citizenId} ${changedOnly ? sql`and p.updated_at > p.created_at` : sql``} ${ofListing(sql.ref('p.listing_id'))}
               ${before(atColumn, key, after)}
         order by 2 desc, 1 desc
         limit ${limit}) x`);
    }
  }
  // The sources below name no service: a filter by service leaves them out.
  if (wants('local-offer') && !listingId) {
    for (const [kind, at] of [
      ['sign-up', 'signed_up_at'],
      ['sign-up-cancelled', 'cancelled_at'],
    ] as const) {
      const atColumn = sql.ref(`s.${at}`);
      const key = sql`${kind + ':'} || s.offer_id`;
      branches.push(sql`
        select * from (
        select ${key} as key, ${atColumn} as at, 'local-offer' as category, ${kind} as kind, null::text as event_type, null::uuid as listing_id,
               o.title_da, o.title_en, jsonb_build_object('offerId', s.offer_id) as data,
               null::text as joblog_status, null::timestamptz as joblog_registered_at
          from municipality_offer_sign_up s
          join municipality_offer_local_offer o on o.id = s.offer_id
         where s.citizen_id = ${citizenId} and ${atColumn} is not null ${before(atColumn, key, after)}
         order by 2 desc, 1 desc
         limit ${limit}) x`);
    }
  }
  if (wants('screening') && !listingId) {
    branches.push(sql`
        select 'screening:' || c.citizen_id as key, c.screened_at as at, 'screening' as category, 'screening' as kind, null::text as event_type,
               null::uuid as listing_id, null::text as title_da, null::text as title_en, '{}'::jsonb as data, null::text as joblog_status, null::timestamptz as joblog_registered_at
          from citizen_screening c
         where c.citizen_id = ${citizenId} and c.screened_at is not null ${before(sql.ref('c.screened_at'), sql`'screening:' || c.citizen_id`, after)}`);
  }
  if (wants('job-search') && !listingId) {
    branches.push(sql`
        select * from (
        select 'joblog:' || j.id as key, j.created_at as at, 'job-search' as category, 'joblog' as kind, null::text as event_type, null::uuid as listing_id,
               null::text as title_da, null::text as title_en,
               jsonb_build_object('kind', j.kind, 'jobTitle', j.job_title, 'employer', j.employer, 'on', j.activity_on::text) as data,
               j.status as joblog_status, j.registered_at as joblog_registered_at
          from joblog_entry j
         where j.citizen_id = ${citizenId} and j.source = 'manual' ${before(sql.ref('j.created_at'), sql`'joblog:' || j.id`, after)}
         order by 2 desc, 1 desc
         limit ${limit}) x`);
  }
  if (branches.length === 0) return [];
  const { rows } = await sql<TimelineRow>`
    select t.key, t.at, to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key, t.category, t.kind, t.event_type, t.listing_id,
           ln.name_da as listing_name_da, ll.name_en as listing_name_en, t.title_da,
           case when t.category = 'plan' then coalesce(ll.name_en, t.title_en) else t.title_en end as title_en,
           t.data, t.joblog_status, t.joblog_registered_at
      from (select * from (${sql.join(
        branches.map((b) => sql`(${b})`),
        sql` union all `,
      )}) u
             order by u.at desc, u.key desc
             limit ${limit}) t
      left join listing_name ln on ln.listing_id = t.listing_id
      left join listing_live ll on ll.listing_id = t.listing_id
     order by t.at desc, t.key desc`.execute(trx);
  return rows;
}

/**
 * The services (listings) that appear on the citizen's timeline, for its filter. The events' listings are found by
 * skipping through the index on (citizen, listing) (activity_event_citizen_listing, 0073): one probe per service, not
 * a read of every event.
 */
export async function selectTimelineServices(trx: Trx, citizenId: string): Promise<{ listing_id: string; name_da: string; name_en: string | null }[]> {
  const { rows } = await sql<{ listing_id: string; name_da: string; name_en: string | null }>`
    with recursive seen(listing_id) as (
      (select e.listing_id from activity_event_entry e where e.citizen_id = ${citizenId} order by e.listing_id limit 1)
      union all
      select (select e.listing_id from activity_event_entry e
               where e.citizen_id = ${citizenId} and e.listing_id > s.listing_id order by e.listing_id limit 1)
        from seen s where s.listing_id is not null
    )
    select x.listing_id, coalesce(ln.name_da, '') as name_da, ll.name_en
      from (select listing_id from seen where listing_id is not null
            union
            select p.listing_id from citizen_plan p where p.citizen_id = ${citizenId} and p.listing_id is not null) x
      left join listing_name ln on ln.listing_id = x.listing_id
      left join listing_live ll on ll.listing_id = x.listing_id
     order by 2, 1`.execute(trx);
  return rows;
}
