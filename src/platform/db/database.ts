import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** The role requests run as: not the tables' owner, so row-level security applies (migration 0005). */
export const APP_ROLE = 'jobunivers_app';

/**
 * Opens the connection pool. The pool is lazy: nothing connects until the first query.
 * With `asAppRole`, every connection switches to the application role, so row-level security guards
 * every query; without it (migrations, tests' fixtures, the CLI) connections keep the login role.
 * With `asyncCommit`, a commit returns before its WAL is flushed to disk (synchronous_commit off): for short-lived
 * state that may be lost on a crash of the database server, never for records anyone relies on.
 */
export function createDatabase(options: { url: string; poolMax: number; applicationName?: string; asAppRole?: boolean; asyncCommit?: boolean }): {
  db: Db;
  pool: pg.Pool;
} {
  const pool = new pg.Pool({
    connectionString: options.url,
    ...(options.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
    max: options.poolMax,
    application_name: options.applicationName ?? 'jobunivers',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (options.asAppRole) {
    pool.on('connect', (client) => {
      client.query(`set role ${APP_ROLE}`).catch(() => {
        // Without the role the connection must not serve: out of the pool with it. A pool that is ending (an app closed
        // while this connection was still being set up) has released it already, and says so by throwing.
        try {
          client.release(new Error(`could not switch to ${APP_ROLE}`));
        } catch {
          // Released by the ending pool: nothing left to do.
        }
      });
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Answers whether the database responds; never throws. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
