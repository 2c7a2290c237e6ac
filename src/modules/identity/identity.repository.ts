import { sql, type Selectable } from 'kysely';
import type { AccessLogTable, SignInAttemptTable } from '../../platform/db/schema.ts';
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
    .returning(['nonce', 'code_verifier', 'audience', 'municipality_code', 'required_level', 'return_to'])
    .executeTakeFirst();
}

export type SessionRow = { subject: string; principal: Record<string, unknown>; nsis_level: string; idp_issuer: string; id_token: string; last_seen_at: Date; expires_at: Date };

export async function insertSession(
  db: Db,
  session: { token_hash: Buffer; subject: string; audience: string; principal: Record<string, unknown>; nsis_level: string; idp_issuer: string; id_token: string; absoluteHours: number },
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
    .select(['subject', 'principal', 'nsis_level', 'idp_issuer', 'id_token', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: sql<Date>`now()` }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: Buffer): Promise<{ id_token: string; idp_issuer: string; subject: string; audience: string } | undefined> {
  return db.deleteFrom('session').where('token_hash', '=', tokenHash).returning(['id_token', 'idp_issuer', 'subject', 'audience']).executeTakeFirst();
}

export async function deleteSessionsOfSubject(db: Db, subject: string): Promise<number> {
  const result = await db.deleteFrom('session').where('subject', '=', subject).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessionsAndAttempts(db: Db, idleMinutes: number): Promise<number> {
  const sessions = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)]))
    .executeTakeFirst();
  const attempts = await db.deleteFrom('sign_in_attempt').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(sessions.numDeletedRows) + Number(attempts.numDeletedRows);
}

/** Creates or updates the citizen at sign-in (through the one function allowed to cross tenants). Returns the id. */
export async function recordCitizenSignIn(db: Db, citizen: { personUuid: string; cpr: string; name: string; municipalityCode: string }): Promise<string> {
  const { rows } = await sql<{ id: string }>`select record_citizen_sign_in(${citizen.personUuid}, ${citizen.cpr}, ${citizen.name}, ${citizen.municipalityCode}) as id`.execute(db);
  const id = rows[0]?.id;
  if (!id) throw new Error('record_citizen_sign_in returned nothing');
  return id;
}

export type CitizenRow = { id: string; cpr_number: string; full_name: string; municipality_code: string; last_signed_in_at: Date };

/** Within a tenant transaction: a citizen by id (invisible when in another municipality). */
export async function selectCitizen(trx: Trx, id: string): Promise<CitizenRow | undefined> {
  return trx.selectFrom('citizen').select(['id', 'cpr_number', 'full_name', 'municipality_code', 'last_signed_in_at']).where('id', '=', id).executeTakeFirst();
}

/** Within a tenant transaction: a citizen by CPR number. */
export async function selectCitizenByCpr(trx: Trx, cpr: string): Promise<CitizenRow | undefined> {
  return trx.selectFrom('citizen').select(['id', 'cpr_number', 'full_name', 'municipality_code', 'last_signed_in_at']).where('cpr_number', '=', cpr).executeTakeFirst();
}

export type AccessLogEntry = Omit<Selectable<AccessLogTable>, 'id' | 'occurred_at'>;

export async function insertAccessLogEntry(trx: Trx, entry: AccessLogEntry): Promise<void> {
  await trx.insertInto('access_log').values(entry).execute();
}

/** A vendor service's read of a citizen's data, for `record_vendor_reads` (migration 0027). */
export type VendorRead = { citizen_id: string; municipality_code: string; actor_subject: string; actor_name: string; actor_organisation: string; data_category: string; purpose: string };

/** Writes vendor services' reads of several citizens in one statement; returns how many were written. */
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
