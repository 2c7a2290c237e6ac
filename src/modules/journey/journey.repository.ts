// The journey's SQL. Every function runs inside a tenant transaction (withTenant): a citizen's own (app.citizen) or
// the staff of the organisation responsible for them (app.organisation); row-level security hides everyone else's rows. What a municipality
// offers (enabled listings, its recommendations, local offers) is public and read here, never written.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type {
  ActivitySource,
  ActivityStatus,
  Candidate,
  DigitalReadiness,
  EscalationReason,
  HelpNeed,
  ItemKind,
  MunicipalRecommendation,
} from './journey.rules.ts';

type Executor = Db | Trx;

export type ProfileRow = {
  citizen_id: string;
  municipality_code: string;
  digital_readiness: DigitalReadiness | null;
  job_goal: string | null;
  journey_stage: string | null;
  needs_help: HelpNeed | null;
  wants_contact: boolean;
  wellbeing_concern: boolean;
  languages: string[];
  target_group: string | null;
  screened_at: Date | null;
};

export async function selectProfile(trx: Trx, citizenId: string): Promise<ProfileRow | undefined> {
  return trx
    .selectFrom('citizen_profile')
    .select([
      'citizen_id',
      'municipality_code',
      'digital_readiness',
      'job_goal',
      'journey_stage',
      'needs_help',
      'wants_contact',
      'wellbeing_concern',
      'languages',
      'target_group',
      'screened_at',
    ])
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
}

export type ScreeningValues = {
  digital_readiness: DigitalReadiness;
  job_goal: string | null;
  journey_stage: string;
  needs_help: HelpNeed;
  wants_contact: boolean;
  wellbeing_concern: boolean;
  languages: string[];
};

/** Stores the screening as the citizen's profile (the target group, set by the jobcenter, is left as it is). */
export async function upsertScreening(trx: Trx, citizenId: string, municipalityCode: string, values: ScreeningValues): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('citizen_profile')
    .values({ citizen_id: citizenId, municipality_code: municipalityCode, ...values, screened_at: now, updated_at: now })
    .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ ...values, municipality_code: municipalityCode, screened_at: now, updated_at: now }))
    .execute();
}

/** Sets the citizen's target group (visitation), creating the profile if the citizen has not been screened yet. */
export async function upsertTargetGroup(trx: Trx, citizenId: string, municipalityCode: string, targetGroup: string): Promise<void> {
  await trx
    .insertInto('citizen_profile')
    .values({ citizen_id: citizenId, municipality_code: municipalityCode, target_group: targetGroup })
    .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ target_group: targetGroup, updated_at: new Date() }))
    .execute();
}

/** The citizen's home municipality, as their own transaction sees their record. */
export async function selectOwnMunicipality(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('citizen_identity').select('municipality_code').where('id', '=', citizenId).executeTakeFirst();
  return row?.municipality_code;
}

export type EscalationRow = {
  id: string;
  citizen_id: string;
  reasons: EscalationReason[];
  status: 'open' | 'in_progress' | 'closed';
  contact_by: string;
  assignee_name: string | null;
  note: string | null;
  created_at: Date;
  closed_at: Date | null;
};

const escalationColumns = [
  'escalation.id',
  'escalation.citizen_id',
  sql<EscalationReason[]>`escalation.reasons`.as('reasons'),
  'escalation.status',
  sql<string>`to_char(escalation.contact_by, 'YYYY-MM-DD')`.as('contact_by'),
  'escalation.assignee_name',
  'escalation.note',
  'escalation.created_at',
  'escalation.closed_at',
] as const;

/** The citizen's one escalation that is not closed, if any. */
export async function selectOpenEscalation(trx: Trx, citizenId: string): Promise<EscalationRow | undefined> {
  return trx.selectFrom('escalation').select(escalationColumns).where('citizen_id', '=', citizenId).where('status', '<>', 'closed').executeTakeFirst();
}

/**
 * Opens the citizen's escalation, or adds the new reasons to the one already open (one case per citizen at a time,
 * kept by a unique index). The earlier of the two contact dates stands.
 */
export async function upsertEscalation(
  trx: Trx,
  escalation: { citizenId: string; municipalityCode: string; reasons: EscalationReason[]; contactBy: string },
): Promise<EscalationRow> {
  const { id } = await trx
    .insertInto('escalation')
    .values({ citizen_id: escalation.citizenId, municipality_code: escalation.municipalityCode, reasons: escalation.reasons, contact_by: escalation.contactBy })
    .onConflict((oc) =>
      oc
        .column('citizen_id')
        // The partial unique index's own predicate, written out so PostgreSQL can infer the index.
        .where(sql<boolean>`status <> 'closed'`)
        .doUpdateSet({
          reasons: sql<string[]>`array(select distinct r from unnest(escalation.reasons || excluded.reasons) as r order by r)`,
          contact_by: sql<string>`least(escalation.contact_by, excluded.contact_by)`,
        }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return trx.selectFrom('escalation').select(escalationColumns).where('id', '=', id).executeTakeFirstOrThrow();
}

export type EscalationListRow = EscalationRow & { citizen_name: string };

/** Statuses in the order the caseworker works through them: not yet taken, then taken. */
const statusRank = sql<number>`case escalation.status when 'open' then 0 when 'in_progress' then 1 else 2 end`;

/** The escalations of citizens the transaction's organisation (app.organisation) is responsible for now. */
const servedNow = sql<boolean>`organisation_serves_citizen(escalation.citizen_id, escalation.municipality_code)`;

/** The escalations not closed of citizens the organisation is responsible for now: open first, then by contact date; `limit` rows after the cursor. */
export async function selectActiveEscalations(
  trx: Trx,
  page: { after?: [number, string, string] | undefined; limit: number },
): Promise<(EscalationListRow & { rank: number })[]> {
  let query = trx
    .selectFrom('escalation')
    .innerJoin('citizen_identity as c', 'c.id', 'escalation.citizen_id')
    .select([...escalationColumns, 'c.full_name as citizen_name', statusRank.as('rank')])
    .where(servedNow)
    .where('escalation.status', '<>', 'closed')
    .orderBy(statusRank)
    .orderBy('escalation.contact_by')
    .orderBy('escalation.id')
    .limit(page.limit);
  if (page.after) {
    const [rank, contactBy, id] = page.after;
    query = query.where(sql<boolean>`(${statusRank}, escalation.contact_by, escalation.id) > (${rank}, ${contactBy}::date, ${id}::uuid)`);
  }
  return query.execute();
}

/** The most recently closed escalations of citizens the organisation is responsible for now. */
export async function selectClosedEscalations(trx: Trx, limit: number): Promise<EscalationListRow[]> {
  return trx
    .selectFrom('escalation')
    .innerJoin('citizen_identity as c', 'c.id', 'escalation.citizen_id')
    .select([...escalationColumns, 'c.full_name as citizen_name'])
    .where(servedNow)
    .where('escalation.status', '=', 'closed')
    .orderBy('escalation.closed_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * One escalation with the citizen's name, and whether the transaction's organisation is responsible for the citizen
 * now (`responsible`; one that was reads it only); invisible when the organisation never was.
 */
export async function selectEscalation(trx: Trx, id: string): Promise<(EscalationListRow & { responsible: boolean }) | undefined> {
  return trx
    .selectFrom('escalation')
    .innerJoin('citizen_identity as c', 'c.id', 'escalation.citizen_id')
    .select([...escalationColumns, 'c.full_name as citizen_name', servedNow.as('responsible')])
    .where('escalation.id', '=', id)
    .executeTakeFirst();
}

/** Whether the transaction's organisation (app.organisation) is responsible for the citizen now (false: it was, or never). */
export async function selectServesCitizen(trx: Trx, citizenId: string, municipalityCode: string): Promise<boolean> {
  const { rows } = await sql<{ serves: boolean }>`select organisation_serves_citizen(${citizenId}::uuid, ${municipalityCode}) as serves`.execute(trx);
  return rows[0]?.serves === true;
}

/** A citizen on "Mine borgere", earlier: until when the organisation helped them. */
export type EarlierCitizenRow = { id: string; full_name: string; until: string | null };

/**
 * The citizens the transaction's organisation helped before and does not now (row-level security shows only citizens
 * it is or was responsible for), in Danish order of name; `limit` rows after the cursor (name, id).
 */
export async function selectEarlierCitizens(
  trx: Trx,
  organisationId: string,
  page: { after?: [string, string] | undefined; limit: number },
): Promise<EarlierCitizenRow[]> {
  const name = sql`c.full_name collate "da-DK-x-icu"`;
  let query = trx
    .selectFrom('citizen_identity as c')
    .select([
      'c.id',
      'c.full_name',
      sql<string | null>`(select to_char(max(f.ends_on), 'YYYY-MM-DD') from citizen_responsibility f
        where f.citizen_id = c.id and f.organisation_id = ${organisationId})`.as('until'),
    ])
    .where(sql<boolean>`not organisation_serves_citizen(c.id, c.municipality_code)`)
    .orderBy(name)
    .orderBy('c.id')
    .limit(page.limit);
  if (page.after) {
    const [afterName, afterId] = page.after;
    query = query.where(sql<boolean>`(${name}, c.id) > (${afterName} collate "da-DK-x-icu", ${afterId}::uuid)`);
  }
  return query.execute();
}

/** An escalation of the municipality, locked for a change; another municipality's is invisible. */
export async function lockEscalation(trx: Trx, id: string): Promise<{ id: string; status: 'open' | 'in_progress' | 'closed' } | undefined> {
  return trx.selectFrom('escalation').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateEscalation(
  trx: Trx,
  id: string,
  change: { status: 'in_progress' | 'closed'; assignee_subject?: string; assignee_name?: string; note?: string; closed_at?: Date },
): Promise<void> {
  await trx.updateTable('escalation').set(change).where('id', '=', id).execute();
}

export type ActivityRow = {
  id: string;
  source: ActivitySource;
  listing_id: string | null;
  local_offer_id: string | null;
  title: string;
  title_en: string | null;
  status: ActivityStatus;
  /** Percent done as the vendor's service reported it (events), or null. */
  progress: number | null;
  due_on: string | null;
  note: string | null;
  created_by_name: string;
  created_by_organisation: string | null;
  created_at: Date;
  updated_at: Date;
};

/** The citizen's plan: active activities first (by due date), then done, then dropped; with the offer's English title where there is one. */
export async function selectPlan(trx: Trx, citizenId: string): Promise<ActivityRow[]> {
  return trx
    .selectFrom('plan_activity as a')
    .leftJoin('listing_live as v', 'v.listing_id', 'a.listing_id')
    .leftJoin('municipality_offer_local_offer as o', 'o.id', 'a.local_offer_id')
    .select([
      'a.id',
      'a.source',
      'a.listing_id',
      'a.local_offer_id',
      'a.title',
      sql<string | null>`coalesce(v.name_en, o.title_en)`.as('title_en'),
      'a.status',
      'a.progress',
      sql<string | null>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'a.note',
      'a.created_by_name',
      'a.created_by_organisation',
      'a.created_at',
      'a.updated_at',
    ])
    .where('a.citizen_id', '=', citizenId)
    .orderBy(sql`case a.status when 'in_progress' then 0 when 'planned' then 1 when 'done' then 2 else 3 end`)
    .orderBy(sql`a.due_on nulls last`)
    .orderBy('a.created_at')
    .limit(500)
    .execute();
}

export async function insertActivity(
  trx: Trx,
  activity: {
    citizen_id: string;
    municipality_code: string;
    source: ActivitySource;
    listing_id: string | null;
    local_offer_id: string | null;
    title: string;
    due_on: string | null;
    note: string | null;
    created_by: string;
    created_by_name: string;
    created_by_organisation?: string | null;
  },
): Promise<boolean> {
  // The same offer once in a plan while it is not dropped (a unique index); adding it again changes nothing.
  const inserted = await trx
    .insertInto('plan_activity')
    .values(activity)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function lockActivity(trx: Trx, id: string): Promise<{ id: string; status: ActivityStatus; source: ActivitySource } | undefined> {
  return trx.selectFrom('plan_activity').select(['id', 'status', 'source']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateActivityStatus(trx: Trx, id: string, status: ActivityStatus): Promise<void> {
  await trx.updateTable('plan_activity').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Moves the plan activities of a vendor's listing as its events say (apply_activity_events, 0063: the vendor's
 * transaction cannot touch plan_activity itself); returns the citizens whose plan changed.
 */
export async function applyActivityMoves(trx: Trx, moves: readonly ActivityMove[]): Promise<string[]> {
  if (moves.length === 0) return [];
  const { rows } = await sql<{ citizen_id: string }>`select apply_activity_events(${JSON.stringify(moves)}::jsonb) as citizen_id`.execute(trx);
  return rows.map((r) => r.citizen_id);
}

/** One event's move of a citizen's plan activity for a listing. */
export type ActivityMove = { citizenId: string; listingId: string; move: 'started' | 'progress' | 'completed' | 'dropped'; percent?: number };

export async function selectDismissals(trx: Trx, citizenId: string): Promise<{ item_kind: ItemKind; item_id: string; dismissed_at: Date }[]> {
  return trx
    .selectFrom('recommendation_dismissal')
    .select(['item_kind', 'item_id', 'dismissed_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('dismissed_at')
    .execute();
}

export async function insertDismissal(
  trx: Trx,
  dismissal: { citizen_id: string; municipality_code: string; item_kind: ItemKind; item_id: string },
): Promise<void> {
  await trx
    .insertInto('recommendation_dismissal')
    .values(dismissal)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteDismissal(trx: Trx, citizenId: string, kind: ItemKind, itemId: string): Promise<void> {
  await trx.deleteFrom('recommendation_dismissal').where('citizen_id', '=', citizenId).where('item_kind', '=', kind).where('item_id', '=', itemId).execute();
}

export async function insertRecommendationLog(
  trx: Trx,
  entry: { citizen_id: string; municipality_code: string; rules_version: string; inputs: unknown; outputs: unknown },
): Promise<void> {
  await trx
    .insertInto('recommendation_log')
    .values({ ...entry, inputs: JSON.stringify(entry.inputs), outputs: JSON.stringify(entry.outputs) })
    .execute();
}

/** An offer as the journey shows it: names in both languages and what the rules look at. */
export type OfferRow = Candidate & {
  nameDa: string;
  nameEn: string;
  summaryDa: string | null;
  summaryEn: string | null;
  place: string | null;
  startsAt: Date | null;
};

/** The municipality's enabled listings with a live (approved) version, in Danish order of name (or the one with `onlyId`). */
export async function selectEnabledListings(db: Executor, municipalityCode: string, onlyId?: string): Promise<OfferRow[]> {
  let query = db
    .selectFrom('municipality_offer_listing as ml')
    .innerJoin('listing_live as v', 'v.listing_id', 'ml.listing_id')
    .select([
      'v.listing_id as id',
      'v.name_da',
      'v.name_en',
      'v.summary_da',
      'v.summary_en',
      'v.journey_stage',
      'v.categories',
      'v.target_groups',
      'v.languages',
    ])
    .where('ml.municipality_code', '=', municipalityCode)
    .orderBy(sql`v.name_da collate "da-DK-x-icu"`)
    .limit(1000);
  if (onlyId) query = query.where('v.listing_id', '=', onlyId);
  const rows = await query.execute();
  return rows.map((row) => ({
    kind: 'listing',
    id: row.id,
    journeyStage: row.journey_stage,
    categories: row.categories,
    targetGroups: row.target_groups,
    languages: row.languages,
    nameDa: row.name_da ?? '',
    nameEn: row.name_en ?? row.name_da ?? '',
    summaryDa: row.summary_da,
    summaryEn: row.summary_en,
    place: null,
    startsAt: null,
  }));
}

/** The municipality's local offers that have not started and are not cancelled, soonest first (or the one with `onlyId`). */
export async function selectUpcomingLocalOffers(db: Executor, municipalityCode: string, onlyId?: string): Promise<OfferRow[]> {
  let query = db
    .selectFrom('municipality_offer_local_offer')
    .select(['id', 'title_da', 'title_en', 'description_da', 'description_en', 'place', 'starts_at', 'journey_stage', 'target_groups', 'languages'])
    .where('municipality_code', '=', municipalityCode)
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', sql<Date>`now()`)
    .orderBy('starts_at')
    .limit(200);
  if (onlyId) query = query.where('id', '=', onlyId);
  const rows = await query.execute();
  return rows.map((row) => ({
    kind: 'local_offer',
    id: row.id,
    journeyStage: row.journey_stage,
    categories: [],
    targetGroups: row.target_groups,
    languages: row.languages,
    nameDa: row.title_da,
    nameEn: row.title_en,
    summaryDa: row.description_da,
    summaryEn: row.description_en,
    place: row.place,
    startsAt: row.starts_at,
  }));
}

/** The jobcenter's recommendations of its enabled listings per target group (and stage). */
export async function selectMunicipalRecommendations(db: Executor, municipalityCode: string): Promise<MunicipalRecommendation[]> {
  const rows = await db
    .selectFrom('municipality_offer_recommendation')
    .select(['listing_id', 'target_group', 'journey_stage', 'note_da', 'note_en'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ listingId: r.listing_id, targetGroup: r.target_group, journeyStage: r.journey_stage, noteDa: r.note_da, noteEn: r.note_en }));
}

export type TaxonomyEntry = { code: string; name_da: string; name_en: string };
export type JourneyTaxonomies = { journeyStages: TaxonomyEntry[]; targetGroups: TaxonomyEntry[]; languages: TaxonomyEntry[] };

/** The reference taxonomies the journey names things with (stages in journey order; only active target groups). */
export async function selectJourneyTaxonomies(db: Executor): Promise<JourneyTaxonomies> {
  // One after the other: `db` may be a transaction, whose one connection runs one query at a time.
  const terms = (taxonomy: 'stage' | 'target_group' | 'language') =>
    db.selectFrom('taxonomy_term').select(['code', 'name_da', 'name_en']).where('taxonomy', '=', taxonomy).where('active', '=', true);
  const journeyStages = await terms('stage').orderBy('sort').execute();
  const targetGroups = await terms('target_group')
    .orderBy(sql`name_da collate "da-DK-x-icu"`)
    .execute();
  const languages = await terms('language')
    .orderBy(sql`case code when 'da' then 0 when 'en' then 1 else 2 end`)
    .orderBy('name_da')
    .execute();
  return { journeyStages, targetGroups, languages };
}
