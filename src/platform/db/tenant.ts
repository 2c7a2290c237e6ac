import { sql, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Trx = Transaction<Database>;

/**
 * Who a transaction acts for: a municipality (its content work), an organisation (staff's case work: it sees the citizens
 * it is or was responsible for), a citizen (their own data).
 */
export type TenantScope = {
  municipality?: string | undefined;
  organisation?: string | undefined;
  citizen?: string | undefined;
  /** A vendor company's id (app.vendor): its API clients and portal users act for it (events, issue 15). */
  vendor?: string | undefined;
  /** Every municipality's statistics (app.national): governance's oversight and the national comparison (issue 16). */
  national?: boolean | undefined;
};

/**
 * Runs `work` in one transaction with the tenant set for row-level security (`app.municipality`,
 * `app.organisation`, `app.citizen`, `app.vendor`, `app.national`, local to the transaction). Rows of other tenants are invisible to it and cannot be written.
 */
export async function withTenant<T>(db: Db, scope: TenantScope, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.municipality', ${scope.municipality ?? ''}, true), set_config('app.organisation', ${scope.organisation ?? ''}, true),
      set_config('app.citizen', ${scope.citizen ?? ''}, true), set_config('app.vendor', ${scope.vendor ?? ''}, true),
      set_config('app.national', ${scope.national === true ? 'on' : ''}, true)`.execute(trx);
    return work(trx);
  });
}

/** Runs `work` in a transaction: a new one, or the caller's when `db` already is one (services compose). */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}
