import { sql, type Selectable } from 'kysely';
import type { AccessLogTable, AccessPurposeCode, SignInAttemptTable } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type SignInAttemptRow = Omit<Selectable<SignInAttemptTable>, 'state_hash' | 'created_at' | 'expires_at'>;

export async function insertSignInAttempt(db: Db, attempt: SignInAttemptRow & { state_hash: Buffer; ttlSeconds: number }): Promise<void> {
  const { ttlSeconds, ...values } = attempt;
  await db
    .insertInto('sign_in_attempt')
    .values({ ...values, expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})` })
    .execute();
}

/** Takes (deletes and returns) a live sign-in attempt: a state can be used once only. */
export async function takeSignInAttempt(db: Db, stateHash: Buffer): Promise<SignInAttemptRow | undefined> {
  return db
    .deleteFrom('sign_in_attempt')
    .where('state_hash', '=', stateHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning([
      'nonce',
      'code_verifier',
      'audience',
      'municipality_code',
      'organisation_id',
      'required_level',
      'return_to',
      'expected_issuer',
      'expected_subject',
      'expected_citizen_id',
      'max_age',
    ])
    .executeTakeFirst();
}

export type SessionRow = {
  subject: string;
  audience: string;
  principal: Record<string, unknown>;
  nsis_level: string;
  idp_issuer: string;
  id_token: string;
  auth_time: Date;
  last_seen_at: Date;
  expires_at: Date;
};

export async function insertSession(
  db: Db,
  session: {
    token_hash: Buffer;
    subject: string;
    audience: string;
    principal: Record<string, unknown>;
    nsis_level: string;
    idp_issuer: string;
    id_token: string;
    auth_time: Date;
    absoluteHours: number;
  },
): Promise<void> {
  const { absoluteHours, principal, ...values } = session;
  await db
    .insertInto('session')
    .values({ ...values, principal: JSON.stringify(principal), expires_at: sql<Date>`now() + make_interval(hours => ${absoluteHours})` })
    .execute();
}

/** A session that is neither past its absolute lifetime nor idle for longer than allowed. */
export async function selectLiveSession(db: Db, tokenHash: Buffer, idleMinutes: number): Promise<SessionRow | undefined> {
  return db
    .selectFrom('session')
    .select(['subject', 'audience', 'principal', 'nsis_level', 'idp_issuer', 'id_token', 'auth_time', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db
    .updateTable('session')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(
  db: Db,
  tokenHash: Buffer,
): Promise<{ id_token: string; idp_issuer: string; subject: string; audience: string } | undefined> {
  return db.deleteFrom('session').where('token_hash', '=', tokenHash).returning(['id_token', 'idp_issuer', 'subject', 'audience']).executeTakeFirst();
}

/** Deletes every session of the subject; returns their token hashes. */
export async function deleteSessionsOfSubject(db: Db, subject: string): Promise<Buffer[]> {
  const rows = await db.deleteFrom('session').where('subject', '=', subject).returning('token_hash').execute();
  return rows.map((row) => row.token_hash);
}

export async function deleteExpiredSessionsAndAttempts(db: Db, idleMinutes: number): Promise<number> {
  const sessions = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)]))
    .executeTakeFirst();
  const attempts = await db
    .deleteFrom('sign_in_attempt')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(sessions.numDeletedRows) + Number(attempts.numDeletedRows);
}

/** Creates or updates the citizen at sign-in (through the one function allowed to cross tenants). Returns the id. */
export async function recordCitizenSignIn(db: Db, citizen: { personUuid: string; cpr: string; name: string; municipalityCode: string }): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`select record_citizen_sign_in(${citizen.personUuid}, ${citizen.cpr}, ${citizen.name}, ${citizen.municipalityCode}) as id`.execute(db);
  const id = rows[0]?.id;
  if (!id) throw new Error('record_citizen_sign_in returned nothing');
  return id;
}

/** Records a staff sign-in in the staff directory (through the one database function that writes it). */
export async function recordStaffSignIn(db: Db, staff: { organisationId: string; subject: string; name: string; roles: readonly string[] }): Promise<void> {
  await sql`select record_staff_sign_in(${staff.organisationId}, ${staff.subject}, ${staff.name}, ${sql.val([...staff.roles])}::text[])`.execute(db);
}

/** Within a tenant transaction (app.organisation): the organisation's staff directory in name order, optionally those with a role. */
export async function selectStaffMembers(
  trx: Trx,
  organisationId: string,
  role: string | undefined,
): Promise<{ subject: string; name: string; roles: Role[] }[]> {
  let query = trx.selectFrom('staff_member').select(['subject', 'name', 'roles']).where('organisation_id', '=', organisationId);
  if (role) query = query.where(sql<boolean>`${role} = any(roles)`);
  return query.orderBy('name').orderBy('subject').execute();
}

/** Within a tenant transaction (app.organisation): the organisation's own active purposes of case work, oldest first. */
export async function selectCasePurposes(trx: Trx, organisationId: string): Promise<{ id: string; text_da: string; text_en: string | null }[]> {
  return trx
    .selectFrom('case_purpose')
    .select(['id', 'text_da', 'text_en'])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type PurposeSessionKey = { organisationId: string; subject: string; authTime: Date; citizenId: string };
export type PurposeSessionRow = { purpose_da: string; purpose_en: string; note: string | null; typed: boolean };

/** Within a tenant transaction: records (or replaces) the purpose of a working session for a citizen. */
export async function upsertPurposeSession(trx: Trx, key: PurposeSessionKey, purpose: PurposeSessionRow): Promise<void> {
  await trx
    .insertInto('purpose_session')
    .values({ organisation_id: key.organisationId, subject: key.subject, auth_time: key.authTime, citizen_id: key.citizenId, ...purpose })
    .onConflict((oc) => oc.columns(['organisation_id', 'subject', 'auth_time', 'citizen_id']).doUpdateSet({ ...purpose, started_at: sql<Date>`now()` }))
    .execute();
}

/** Within a tenant transaction: the purpose given for a citizen in a working session, if any. */
export async function selectPurposeSession(trx: Trx, key: PurposeSessionKey): Promise<PurposeSessionRow | undefined> {
  return trx
    .selectFrom('purpose_session')
    .select(['purpose_da', 'purpose_en', 'note', 'typed'])
    .where('organisation_id', '=', key.organisationId)
    .where('subject', '=', key.subject)
    .where('auth_time', '=', key.authTime)
    .where('citizen_id', '=', key.citizenId)
    .executeTakeFirst();
}

/** Removes every organisation's purpose sessions started before the time given (a database function: it crosses tenants). */
export async function prunePurposeSessionsBefore(db: Db, before: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`select prune_purpose_sessions(${before}) as n`.execute(db);
  return rows[0]?.n ?? 0;
}

export type CitizenRow = { id: string; cpr_number: string; full_name: string; municipality_code: string; last_signed_in_at: Date };

/** Within a tenant transaction: a citizen by id (invisible when in another municipality). */
export async function selectCitizen(trx: Trx, id: string): Promise<CitizenRow | undefined> {
  return trx.selectFrom('citizen').select(['id', 'cpr_number', 'full_name', 'municipality_code', 'last_signed_in_at']).where('id', '=', id).executeTakeFirst();
}

/** Whether the transaction's organisation (app.organisation) is responsible for the citizen now; false when it only was. */
export async function selectOrganisationServes(trx: Trx, citizen: { id: string; municipality_code: string }): Promise<boolean> {
  const { rows } = await sql<{ serves: boolean }>`select organisation_serves_citizen(${citizen.id}::uuid, ${citizen.municipality_code}) as serves`.execute(trx);
  return rows[0]?.serves === true;
}

/** Within a tenant transaction: a citizen by CPR number. */
export async function selectCitizenByCpr(trx: Trx, cpr: string): Promise<CitizenRow | undefined> {
  return trx
    .selectFrom('citizen')
    .select(['id', 'cpr_number', 'full_name', 'municipality_code', 'last_signed_in_at'])
    .where('cpr_number', '=', cpr)
    .executeTakeFirst();
}

/** An entry for a citizen's access log; `purpose_code` says how its purpose is shown per language (migration 0030). */
export type AccessLogEntry = Omit<
  Selectable<AccessLogTable>,
  'id' | 'occurred_at' | 'count' | 'last_at' | 'actor_name_en' | 'purpose_code' | 'purpose_args'
> & {
  actor_name_en?: string | null;
  purpose_code: AccessPurposeCode;
  purpose_args?: Record<string, string>;
};

/**
 * Within the tenant transaction: adds the entry, or — a read of the same data by the same actor for the same purpose
 * within 10 minutes of an entry's first read — counts it on that entry (`record_citizen_access`, which refuses a
 * citizen outside the transaction's municipality).
 */
export async function insertAccessLogEntry(trx: Trx, e: AccessLogEntry): Promise<void> {
  await sql`select record_citizen_access(${e.citizen_id}::uuid, ${e.municipality_code}, ${e.actor_subject}, ${e.actor_name}, ${e.actor_name_en ?? null}, ${e.actor_role},
    ${e.actor_organisation}, ${e.action}, ${e.data_category}, ${e.purpose}, ${e.purpose_code}, ${JSON.stringify(e.purpose_args ?? {})}::jsonb)`.execute(trx);
}

/** A vendor service's read of a citizen's data, for `record_vendor_reads` (migrations 0027, 0030): the listing's purpose and name in both languages. */
export type VendorRead = {
  citizen_id: string;
  municipality_code: string;
  actor_subject: string;
  actor_name: string;
  actor_name_en?: string | null | undefined;
  actor_organisation: string;
  data_category: string;
  purpose: string;
  purpose_en?: string | null | undefined;
};

/** Writes vendor services' reads of several citizens in one statement (repeats counted); returns how many were recorded. */
export async function insertVendorReads(db: Db, reads: readonly VendorRead[]): Promise<number> {
  const { rows } = await sql<{ written: number }>`select record_vendor_reads(${JSON.stringify(reads)}::jsonb) as written`.execute(db);
  return rows[0]?.written ?? 0;
}

export type AccessLogRow = Selectable<AccessLogTable>;

/** Within a citizen's own transaction: their log, newest first, after the cursor id. */
export async function selectAccessLog(trx: Trx, citizenId: string, options: { beforeId?: string | undefined; limit: number }): Promise<AccessLogRow[]> {
  let query = trx.selectFrom('access_log').selectAll().where('citizen_id', '=', citizenId).orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.execute();
}

export async function pruneAccessLogBefore(db: Db, retentionDays: number): Promise<number> {
  const { rows } = await sql<{ removed: string }>`select prune_access_log(now() - make_interval(days => ${retentionDays})) as removed`.execute(db);
  return Number(rows[0]?.removed ?? 0);
}
