// SQL for the citizen's timeline: one keyset-paginated query over what other modules publish — the vendors' events
// (events' activity_event_entry, 0061), the plan (journey's citizen_plan, 0042), the screening (journey's
// citizen_screening, 0065), sign-ups to local offers (curation's municipality_offer_*, 0041), the Joblog
// registrations (joblog's joblog_entry, 0066), the job suggestions (jobs' job_suggestion_entry, 0092) and the meetings
// (meetings' meeting_entry, 0097) — kept in the functions timeline_page and timeline_services (0077, 0092, 0097), whose
// plans PostgreSQL keeps. Row-level security of the caller's tenant transaction decides what is seen.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';

export type TimelineCategory = 'service' | 'job-search' | 'plan' | 'local-offer' | 'screening' | 'meeting';
export type TimelineKind =
  | 'event'
  | 'plan-created'
  | 'plan-changed'
  | 'sign-up'
  | 'sign-up-cancelled'
  | 'screening'
  | 'joblog'
  | 'job-suggested'
  | 'job-suggestion-answered'
  | 'meeting-booked'
  | 'meeting-cancelled'
  | 'meeting-outcome';

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

/**
 * One page of the citizen's timeline, newest first, after the cursor's (at, key) when given; `limit` rows at most.
 * The statement is timeline_page (0077): each source gives at most `limit` rows of its own, cut, filtered and ordered as
 * the page is, merged, and the page's rows named by the services' names. It is a function so that PostgreSQL keeps its
 * plan per connection: parsing and planning the union over eight views took several times what running it does.
 */
export async function selectTimeline(
  trx: Trx,
  citizenId: string,
  options: TimelineFilter & { after?: { at: string; key: string } | undefined; limit: number },
): Promise<TimelineRow[]> {
  const { after, limit, listingId, category } = options;
  const { rows } = await sql<TimelineRow>`
    select * from timeline_page(${citizenId}::uuid, ${category ?? null}::text, ${listingId ?? null}::uuid,
                                ${after?.at ?? null}::timestamptz, ${after?.key ?? null}::text, ${limit}::int)`.execute(trx);
  return rows;
}

/**
 * The services (listings) that appear on the citizen's timeline, for its filter. The events' listings are found by
 * skipping through the index on (citizen, listing) (activity_event_citizen_listing, 0073): one probe per service, not
 * a read of every event.
 */
export async function selectTimelineServices(trx: Trx, citizenId: string): Promise<{ listing_id: string; name_da: string; name_en: string | null }[]> {
  const { rows } = await sql<{ listing_id: string; name_da: string; name_en: string | null }>`
    select * from timeline_services(${citizenId}::uuid)`.execute(trx);
  return rows;
}
