// The caseworker's caseload figures in SQL: escalations waiting, citizens without a plan, and plans without activity
// for 30 days. Every query runs in the tenant transaction of the caseworker's organisation and keeps to the citizens
// it serves now (organisation_serves_citizen); row-level security hides every other citizen's rows besides.
// Days are counted on the Copenhagen calendar, as the citizen and the caseworker count them.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';

/** A keyset cursor's time carried as text to the microsecond (a JavaScript Date keeps only milliseconds). */
const microseconds = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Whole days on the Copenhagen calendar from a moment to today. */
const daysSince = (expression: ReturnType<typeof sql>) =>
  sql<number>`((now() at time zone 'Europe/Copenhagen')::date - (${expression} at time zone 'Europe/Copenhagen')::date)`;

/** Joblog's inactivity rule: a plan with neither a change nor a reported event for this many days. */
export const INACTIVE_DAYS = 30;

export type WaitingEscalationRow = {
  id: string;
  citizen_id: string;
  citizen_name: string;
  status: 'open' | 'in_progress';
  assignee_name: string | null;
  days: number;
  /** The cursor's key: created_at as text. */
  since: string;
};

/** How many escalations not closed there are of citizens the organisation serves now. */
export async function countWaitingEscalations(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom('escalation')
    .select(sql<string>`count(*)`.as('n'))
    .where(sql<boolean>`organisation_serves_citizen(escalation.citizen_id, escalation.municipality_code)`)
    .where('escalation.status', '<>', 'closed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The escalations not closed of citizens the organisation serves now, oldest first; `limit` rows after the cursor (created_at, id). */
export async function selectWaitingEscalations(trx: Trx, page: { after?: [string, string] | undefined; limit: number }): Promise<WaitingEscalationRow[]> {
  let query = trx
    .selectFrom('escalation')
    .innerJoin('citizen_identity as c', 'c.id', 'escalation.citizen_id')
    .select([
      'escalation.id',
      'escalation.citizen_id',
      'c.full_name as citizen_name',
      sql<'open' | 'in_progress'>`escalation.status`.as('status'),
      'escalation.assignee_name',
      daysSince(sql`escalation.created_at`).as('days'),
      microseconds('escalation.created_at').as('since'),
    ])
    .where(sql<boolean>`organisation_serves_citizen(escalation.citizen_id, escalation.municipality_code)`)
    .where('escalation.status', '<>', 'closed')
    .orderBy('escalation.created_at')
    .orderBy('escalation.id')
    .limit(page.limit);
  if (page.after) {
    const [since, id] = page.after;
    query = query.where(sql<boolean>`(escalation.created_at, escalation.id) > (${since}::timestamptz, ${id}::uuid)`);
  }
  return query.execute();
}

export type CitizenWithoutPlanRow = { id: string; full_name: string };

const citizenName = sql`c.full_name collate "da-DK-x-icu"`;
const servesCitizen = sql<boolean>`organisation_serves_citizen(c.id, c.municipality_code)`;
const withoutPlan = sql<boolean>`not exists (select 1 from plan_activity a where a.citizen_id = c.id)`;

/** How many citizens the organisation serves now have no plan activity at all. */
export async function countCitizensWithoutPlan(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom('citizen_identity as c')
    .select(sql<string>`count(*)`.as('n'))
    .where(servesCitizen)
    .where(withoutPlan)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The citizens the organisation serves now with no plan activity at all, in Danish order of name; `limit` rows after the cursor (name, id). */
export async function selectCitizensWithoutPlan(trx: Trx, page: { after?: [string, string] | undefined; limit: number }): Promise<CitizenWithoutPlanRow[]> {
  let query = trx
    .selectFrom('citizen_identity as c')
    .select(['c.id', 'c.full_name'])
    .where(servesCitizen)
    .where(withoutPlan)
    .orderBy(citizenName)
    .orderBy('c.id')
    .limit(page.limit);
  if (page.after) {
    const [afterName, afterId] = page.after;
    query = query.where(sql<boolean>`(${citizenName}, c.id) > (${afterName} collate "da-DK-x-icu", ${afterId}::uuid)`);
  }
  return query.execute();
}

export type InactivePlanRow = { id: string; full_name: string; days: number; since: string };

/**
 * The citizens the organisation serves now who have a plan, each with the latest sign of life: the latest change of a
 * plan activity, or the latest event a vendor's service reported (events' published view activity_event_entry).
 */
function plansWithLastActivity(trx: Trx) {
  return trx
    .selectFrom('citizen_identity as c')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('plan_activity as a')
          .select(['a.citizen_id', sql<Date>`max(greatest(a.created_at, a.updated_at))`.as('changed_at')])
          .groupBy('a.citizen_id')
          .as('p'),
      (join) => join.onRef('p.citizen_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.full_name',
      sql<Date>`greatest(p.changed_at, coalesce((select max(e.occurred_at) from activity_event_entry e where e.citizen_id = c.id), '-infinity'))`.as('last_at'),
    ])
    .where(servesCitizen);
}

const inactive = sql<boolean>`q.last_at < now() - make_interval(days => ${INACTIVE_DAYS})`;

/** How many citizens the organisation serves now have a plan with no activity for INACTIVE_DAYS days. */
export async function countInactivePlans(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom(plansWithLastActivity(trx).as('q'))
    .select(sql<string>`count(*)`.as('n'))
    .where(inactive)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The plans without activity for INACTIVE_DAYS days, the longest quiet first; `limit` rows after the cursor (last activity, id). */
export async function selectInactivePlans(trx: Trx, page: { after?: [string, string] | undefined; limit: number }): Promise<InactivePlanRow[]> {
  let query = trx
    .selectFrom(plansWithLastActivity(trx).as('q'))
    .select(['q.id', 'q.full_name', daysSince(sql`q.last_at`).as('days'), microseconds('q.last_at').as('since')])
    .where(inactive)
    .orderBy('q.last_at')
    .orderBy('q.id')
    .limit(page.limit);
  if (page.after) {
    const [since, id] = page.after;
    query = query.where(sql<boolean>`(q.last_at, q.id) > (${since}::timestamptz, ${id}::uuid)`);
  }
  return query.execute();
}

/** The caseload's scopes: assigned to the caseworker, to no one yet, or the whole team's. */
export type CaseloadScope = 'mine' | 'unassigned' | 'team';
/** The caseload's orders: by name, oldest waiting escalation, next meeting, longest quiet. */
export type CaseloadSort = 'name' | 'waiting' | 'meeting' | 'quiet';

export type CaseloadFilter = {
  scope: CaseloadScope;
  subject: string;
  targetGroup?: string | undefined;
  stage?: string | undefined;
  waiting: boolean;
  withoutPlan: boolean;
  inactive: boolean;
  unread: boolean;
  meeting: boolean;
  sort: CaseloadSort;
  offset: number;
  limit: number;
};

export type CaseloadRow = {
  citizen_id: string;
  full_name: string;
  target_group: string | null;
  journey_stage: string | null;
  caseworker_subject: string | null;
  caseworker_name: string | null;
  waiting_since: Date | null;
  waiting_escalation_id: string | null;
  /** YYYY-MM-DD, the open responsibility period's first day (none: the municipality from the start). */
  responsible_since: string | null;
  next_meeting_at: Date | null;
  unread_threads: number;
  last_activity_at: Date | null;
  total: string;
};

/** A page of the organisation's caseload (the database function caseload_page: the transaction's app.organisation only). */
export async function selectCaseloadPage(trx: Trx, f: CaseloadFilter): Promise<CaseloadRow[]> {
  const { rows } = await sql<CaseloadRow>`select * from caseload_page(${f.scope}, ${f.subject}, ${f.targetGroup ?? null}, ${f.stage ?? null},
    ${f.waiting}, ${f.withoutPlan}, ${f.inactive}, ${f.unread}, ${f.meeting}, ${f.sort}, ${f.offset}, ${f.limit})`.execute(trx);
  return rows;
}

export type AssignmentRow = { caseworker_subject: string; caseworker_name: string; assigned_at: Date };

/** The caseworker the citizen is assigned to in the organisation, if any. */
export async function selectAssignment(trx: Trx, organisationId: string, citizenId: string): Promise<AssignmentRow | undefined> {
  return trx
    .selectFrom('citizen_caseworker')
    .select(['caseworker_subject', 'caseworker_name', 'assigned_at'])
    .where('organisation_id', '=', organisationId)
    .where('citizen_id', '=', citizenId)
    .forUpdate()
    .executeTakeFirst();
}

/** Assigns the citizen to a caseworker (replacing any earlier one), or to no one; the change is recorded with its note. */
export async function writeAssignment(
  trx: Trx,
  change: {
    organisationId: string;
    citizenId: string;
    to: { subject: string; name: string } | undefined;
    fromName: string | null;
    byName: string;
    note: string | null;
  },
): Promise<void> {
  if (change.to)
    await trx
      .insertInto('citizen_caseworker')
      .values({ organisation_id: change.organisationId, citizen_id: change.citizenId, caseworker_subject: change.to.subject, caseworker_name: change.to.name })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'citizen_id'])
          .doUpdateSet({ caseworker_subject: change.to?.subject ?? '', caseworker_name: change.to?.name ?? '', assigned_at: sql<Date>`now()` }),
      )
      .execute();
  else await trx.deleteFrom('citizen_caseworker').where('organisation_id', '=', change.organisationId).where('citizen_id', '=', change.citizenId).execute();
  await trx
    .insertInto('citizen_caseworker_change')
    .values({
      organisation_id: change.organisationId,
      citizen_id: change.citizenId,
      from_name: change.fromName,
      to_name: change.to?.name ?? null,
      by_name: change.byName,
      note: change.note,
    })
    .execute();
}

export type AssignmentChangeRow = { from_name: string | null; to_name: string | null; by_name: string; note: string | null; changed_at: Date };

/** The latest assignments and hand-overs of the citizen in the organisation, newest first. */
export async function selectAssignmentChanges(trx: Trx, organisationId: string, citizenId: string, limit: number): Promise<AssignmentChangeRow[]> {
  return trx
    .selectFrom('citizen_caseworker_change')
    .select(['from_name', 'to_name', 'by_name', 'note', 'changed_at'])
    .where('organisation_id', '=', organisationId)
    .where('citizen_id', '=', citizenId)
    .orderBy('changed_at', 'desc')
    .limit(limit)
    .execute();
}

/** A citizen the organisation is or was responsible for (row-level security hides any other), with their municipality. */
export async function selectCitizenOfOrganisation(trx: Trx, citizenId: string): Promise<{ id: string; municipality_code: string } | undefined> {
  return trx.selectFrom('citizen_identity').select(['id', 'municipality_code']).where('id', '=', citizenId).executeTakeFirst();
}
