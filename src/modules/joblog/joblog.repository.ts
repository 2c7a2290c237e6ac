// SQL for the joblog module: the citizen's agreement and registrations (under row-level security: the caller's
// tenant transaction decides whose rows it sees) and the outbox sweep's two narrow functions (0066).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { JoblogKind, JoblogStatus } from './joblog.tables.ts';

export type AgreementRow = { consented_at: Date | null; withdrawn_at: Date | null; legal_basis: string | null; legal_basis_since: Date | null };

export type RegistrationRow = {
  id: string;
  citizen_id: string;
  source: 'event' | 'manual';
  kind: JoblogKind;
  job_title: string | null;
  employer: string;
  /** YYYY-MM-DD */
  activity_on: string;
  basis: 'consent' | 'legal-basis';
  request_id: string;
  status: JoblogStatus;
  attempts: number;
  registered_at: Date | null;
  created_at: Date;
};

/** The municipality of the citizen the transaction acts for (identity's published view). */
export async function selectCitizenOf(trx: Trx, citizenId: string): Promise<{ municipality_code: string; cpr_number: string } | undefined> {
  return trx.selectFrom('citizen_identity').select(['municipality_code', 'cpr_number']).where('id', '=', citizenId).executeTakeFirst();
}

export function selectAgreement(trx: Trx, citizenId: string): Promise<AgreementRow | undefined> {
  return trx
    .selectFrom('joblog_agreement')
    .select(['consented_at', 'withdrawn_at', 'legal_basis', 'legal_basis_since'])
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
}

/** Records the citizen's agreement from now (again after a withdrawal). */
export async function upsertConsent(trx: Trx, citizenId: string, municipalityCode: string): Promise<void> {
  await trx
    .insertInto('joblog_agreement')
    .values({ citizen_id: citizenId, municipality_code: municipalityCode, consented_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .column('citizen_id')
        .doUpdateSet({ consented_at: sql<Date>`now()`, withdrawn_at: null, municipality_code: municipalityCode, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

/** Ends the citizen's agreement; returns whether there was one to end. */
export async function withdrawConsent(trx: Trx, citizenId: string): Promise<boolean> {
  const result = await trx
    .updateTable('joblog_agreement')
    .set({ consented_at: null, withdrawn_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('citizen_id', '=', citizenId)
    .where('consented_at', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Pending registrations made under the citizen's agreement will not be sent after it is withdrawn. */
export async function cancelPendingByConsent(trx: Trx, citizenId: string): Promise<void> {
  await trx
    .updateTable('joblog_registration')
    .set({ status: 'cancelled' })
    .where('citizen_id', '=', citizenId)
    .where('status', '=', 'pending')
    .where('basis', '=', 'consent')
    .execute();
}

const registrationColumns = [
  'id',
  'citizen_id',
  'source',
  'kind',
  'job_title',
  'employer',
  sql<string>`activity_on::text`.as('activity_on'),
  'basis',
  'request_id',
  'status',
  'attempts',
  'registered_at',
  'created_at',
] as const;

export function insertManualRegistration(
  trx: Trx,
  row: {
    citizen_id: string;
    municipality_code: string;
    kind: JoblogKind;
    job_title: string | null;
    employer: string;
    activity_on: string;
    basis: 'consent' | 'legal-basis';
  },
): Promise<{ id: string }> {
  return trx
    .insertInto('joblog_registration')
    .values({ ...row, source: 'manual' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The citizen's registrations, newest first. */
export function selectRegistrations(trx: Trx, citizenId: string, limit: number): Promise<RegistrationRow[]> {
  return trx
    .selectFrom('joblog_registration')
    .select(registrationColumns)
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A pending registration, locked for its sender (another sender at the same time skips it). */
export function claimPendingRegistration(trx: Trx, id: string): Promise<RegistrationRow | undefined> {
  return trx
    .selectFrom('joblog_registration')
    .select(registrationColumns)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Records DFDG's answer: registered (now), given up, cancelled, or another try after `retryInSeconds`. */
export async function updateRegistration(
  trx: Trx,
  id: string,
  change: { status: JoblogStatus; attempts: number; last_error: string | null; retryInSeconds?: number },
): Promise<void> {
  await trx
    .updateTable('joblog_registration')
    .set({
      status: change.status,
      attempts: change.attempts,
      last_error: change.last_error,
      registered_at: change.status === 'registered' ? sql<Date>`now()` : null,
      ...(change.retryInSeconds !== undefined ? { next_attempt_at: sql<Date>`now() + make_interval(secs => ${change.retryInSeconds})` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Turns new application-sent and meeting-held events of agreeing citizens into pending registrations; returns how many. */
export async function pickUpEvents(db: Db, limit: number): Promise<number> {
  const { rows } = await sql<{ picked: number }>`select joblog_pick_up_events(${limit}) as picked`.execute(db);
  return rows[0]?.picked ?? 0;
}

/** Pending registrations due for a try (any citizen's; through the narrow database function). */
export async function selectDueRegistrations(db: Db, limit: number): Promise<{ id: string; citizen_id: string }[]> {
  const { rows } = await sql<{ id: string; citizen_id: string }>`select id, citizen_id from due_joblog_registrations(${limit})`.execute(db);
  return rows;
}
