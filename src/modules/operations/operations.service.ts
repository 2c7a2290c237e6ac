import type { Db } from '../../platform/db/database.ts';
import { databaseNow, deleteOpsEventsBefore, insertOpsEvent, selectRecentOpsEvents, type OpsLogRow } from './operations.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records an operator-visible event (start-up, migration, seed, CLI command) in the operations log. */
export async function recordOpsEvent(db: Db, kind: string, message: string, details?: Record<string, unknown>): Promise<void> {
  await insertOpsEvent(db, { kind, message, details });
}

/** Deletes operations-log entries older than the retention period, counted from the database clock. Returns how many went. */
export async function pruneOpsLog(db: Db, retentionDays: number): Promise<number> {
  const cutoff = new Date((await databaseNow(db)).getTime() - retentionDays * DAY_MS);
  return deleteOpsEventsBefore(db, cutoff);
}

/** The newest operations-log entries, newest first. */
export async function listOpsLog(db: Db, limit = 50): Promise<OpsLogRow[]> {
  return selectRecentOpsEvents(db, Math.min(Math.max(limit, 1), 1000));
}
