// The citizen's timeline (issue 15): everything that happened on their journey, newest first — what services
// reported, the plan, sign-ups to local offers, the screening and Joblog registrations — 25 to a page, filtered by
// service and by type. The citizen reads their own (app.citizen); a caseworker reads a citizen's for a stated purpose,
// written to the citizen's Min Log in the same transaction (app.organisation: responsibility decides what is seen).
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { purposeOrAsk, recordCitizenAccess, type CitizenRow, type ReadPurpose } from '../identity/index.ts';
import { selectTimeline, selectTimelineServices, type TimelineFilter, type TimelineRow } from './timeline.repository.ts';
import { timelinePolicy } from './timeline.policy.ts';
import type { TimelineQuery } from './timeline.schemas.ts';

/** Entries on a page. */
export const TIMELINE_PAGE = 25;
/** The access log's data category for a caseworker's look at the timeline: the journey's, as the citizen page's. */
const JOURNEY_DATA_CATEGORY = 'journey';

export type TimelineService = { listing_id: string; name_da: string; name_en: string | null };
export type TimelineView = {
  items: TimelineRow[];
  nextCursor: string | null;
  services: TimelineService[];
  filter: TimelineFilter;
  /** Whether this is a later page (the way back to the first is then offered). */
  later: boolean;
};

function cursorOf(cursor: string | undefined): { at: string; key: string } | undefined {
  if (!cursor) return undefined;
  const [at, key] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof key !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || key.length > 100)
    throw new AppError('VALIDATION', 'The cursor is not one this page gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
  return { at, key };
}

async function readTimeline(trx: Trx, citizenId: string, query: TimelineQuery): Promise<TimelineView> {
  const filter: TimelineFilter = { listingId: query.tjeneste, category: query.type };
  const rows = await selectTimeline(trx, citizenId, { ...filter, after: cursorOf(query.cursor), limit: TIMELINE_PAGE + 1 });
  const page = toPage(
    rows,
    TIMELINE_PAGE,
    (row) => [row.at_key, row.key],
    (row) => row,
  );
  return { ...page, services: await selectTimelineServices(trx, citizenId), filter, later: Boolean(query.cursor) };
}

/** The signed-in citizen's timeline, one page. A cursor this page did not give out is VALIDATION. */
export async function getOwnTimeline(db: Db, actor: Principal, query: TimelineQuery): Promise<TimelineView> {
  const citizenId = actor.citizenId;
  if (!citizenId || !timelinePolicy.can(actor, 'timeline.view-own', { citizenId })) throw new AppError('FORBIDDEN', 'Only the citizen sees their timeline.');
  return withTenant(db, { citizen: citizenId }, (trx) => readTimeline(trx, citizenId, query));
}

export type CitizenTimelineView = TimelineView & { citizen: CitizenRow; purpose: ReadPurpose };

/**
 * A citizen's timeline for a caseworker, for a stated purpose written to the citizen's access log in the same
 * transaction as the read. Without a purpose: VALIDATION (nothing read or logged); a citizen the organisation never
 * was responsible for: NOT_FOUND; not a caseworker of an organisation: FORBIDDEN.
 */
export async function openCitizenTimeline(
  db: Db,
  actor: Principal,
  citizenId: string,
  query: TimelineQuery & { purpose?: unknown },
): Promise<CitizenTimelineView> {
  const organisation = actor.organisation?.id;
  if (!organisation || !timelinePolicy.can(actor, 'timeline.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  // A forged cursor is refused before anything is read or logged.
  cursorOf(query.cursor);
  return withTenant(db, { organisation }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, { purpose: query.purpose });
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
    return { ...(await readTimeline(trx, citizen.id, query)), citizen, purpose };
  });
}
