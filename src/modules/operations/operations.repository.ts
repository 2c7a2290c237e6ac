import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type OpsLogRow = { id: string; occurred_at: Date; kind: string; message: string; details: Record<string, unknown> };

export async function insertOpsEvent(db: Db, event: { kind: string; message: string; details?: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('ops_log')
    .values({ kind: event.kind, message: event.message, details: JSON.stringify(event.details ?? {}) })
    .execute();
}

export async function deleteOpsEventsBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('ops_log').where('occurred_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function selectRecentOpsEvents(db: Db, limit: number): Promise<OpsLogRow[]> {
  return db
    .selectFrom('ops_log')
    .select(['id', 'occurred_at', 'kind', 'message', 'details'])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return rows[0]?.now ?? new Date();
}
