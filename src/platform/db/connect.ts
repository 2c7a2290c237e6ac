import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/** Raised when the database cannot be reached; the message is one plain sentence for the operator. */
export class DatabaseUnavailableError extends Error {}

export type DatabaseServer = { url: string; embedded: boolean; stop(): Promise<void> };

/**
 * Gives the URL of the platform's database: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL under DATA_DIR, started here. Checks that it answers. Throws DatabaseUnavailableError.
 */
export async function openDatabaseServer(config: Config, logger: Logger, options: { shareRunning?: boolean } = {}): Promise<DatabaseServer> {
  if (config.database.url) {
    await checkReachable(config.database.url);
    return { url: config.database.url, embedded: false, stop: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    database: 'jobunivers',
    port: config.database.embeddedPort,
    logger,
    shareRunning: options.shareRunning ?? false,
  });
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot reach the database at DATABASE_URL=${redactUrl(url)}: ${describe(error)}.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'nothing is listening there (connection refused)';
  if (e.code === 'ENOTFOUND') return 'the host name is not known';
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return 'the connection timed out';
  if (e.code === '28P01') return 'the user name or password is wrong';
  if (e.code === '3D000') return 'the database does not exist';
  return (e.message ?? String(error)).split('\n')[0] ?? 'unknown error';
}
