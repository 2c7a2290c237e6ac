import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { quoteIdentifier } from '../../src/platform/db/embedded-postgres.ts';
import { createDatabase, type Db } from '../../src/platform/db/database.ts';

// Set by test/run.ts: a server where tests may create databases, a migrated template to copy, and a migrated
// template with the demo world seeded.
function testEnvironment(): { adminUrl: string; template: string; seededTemplate: string } {
  const adminUrl = process.env.TEST_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  const seededTemplate = process.env.TEST_SEEDED_TEMPLATE_DATABASE;
  if (!adminUrl || !template || !seededTemplate) throw new Error('Run the tests with `npm test` (test/run.ts prepares the database).');
  return { adminUrl, template, seededTemplate };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testEnvironment().adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { name: string; url: string; db: Db; pool: pg.Pool; drop(): Promise<void> };

/**
 * A fresh database for one test file, copied from the migrated template, dropped when the file ends.
 * `seeded: true` copies the template that also holds the demo world (seeded once by test/run.ts, as the app seeds
 * it at start-up); `migrated: false` gives an empty database instead (for testing migrations and readiness).
 */
export async function createTestDatabase(options: { migrated?: boolean; seeded?: boolean; dropWhenDone?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template, seededTemplate } = testEnvironment();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const from = options.migrated === false ? '' : ` template ${quoteIdentifier(options.seeded ? seededTemplate : template)}`;
  await withAdmin((client) => client.query(`create database ${quoteIdentifier(name)}${from}`));
  const url = databaseUrl(adminUrl, name);
  const { db, pool } = createDatabase({ url, poolMax: 5 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.destroy();
    await withAdmin((client) => client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`));
  };
  // `dropWhenDone: false`: the caller drops it (createTestApp, after its app has closed its connections).
  if (options.dropWhenDone !== false) after(drop);
  return { name, url, db, pool, drop };
}
