import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely/migration';
import type { Db } from './database.ts';

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** What the migrator takes for a migration file; anything else in migrations/ is not a migration. */
export const migrationFilePattern = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * The one renumbering issue 13 allowed, old name → new name. 0022 was committed before 0021, and Kysely's migrator
 * refuses a new migration that sorts before one already applied, so a database migrated between those two commits
 * could not start again; the two now sort in the order they were committed (filling 0019–0020). Never add to this.
 */
export const renamedMigrations: ReadonlyMap<string, string> = new Map([
  ['0022_identity_session_notify', '0019_identity_session_notify'],
  ['0021_marketplace_more', '0020_marketplace_more'],
]);

/** Raised when a migration fails; names the migration and the database's complaint. */
export class MigrationError extends Error {}

/** Reads the numbered SQL files in migrations/. Forward only: there is no `down`. */
class SqlFileMigrationProvider implements MigrationProvider {
  private readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((file) => migrationFilePattern.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = { up: async (db) => void (await sql.raw(text).execute(db)) };
    }
    return migrations;
  }
}

function migrator(db: Db, dir: string): Migrator {
  return new Migrator({ db, provider: new SqlFileMigrationProvider(dir) });
}

type MigrationRecord = { name: string; timestamp: string };

/**
 * Carries Kysely's record of applied migrations over to renamedMigrations' new names, in one transaction, so a
 * database migrated before the renumbering starts. Kysely orders applied migrations by their recorded time and
 * insists that order matches the names' order, so the renamed records also swap times where needed (a database
 * that applied 0021 before 0022 would otherwise be out of order). Does nothing on a new or already carried-over
 * database; concurrent starts are safe (the second one's update finds no old names once the first commits).
 */
async function carryOverRenamedMigrations(db: Db): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const table = await sql<{ exists: boolean }>`select to_regclass('kysely_migration') is not null as exists`.execute(trx);
    if (!table.rows[0]?.exists) return [];
    const renamed: MigrationRecord[] = [];
    for (const [from, to] of renamedMigrations) {
      const { rows } = await sql<MigrationRecord>`update kysely_migration set name = ${to} where name = ${from} returning name, timestamp`.execute(trx);
      renamed.push(...rows);
    }
    if (renamed.length === 0) return [];
    const names = renamed.map((r) => r.name).sort();
    const times = renamed.map((r) => r.timestamp).sort((a, b) => new Date(a).getTime() - new Date(b).getTime());
    for (const [i, name] of names.entries()) {
      await sql`update kysely_migration set timestamp = ${times[i]} where name = ${name}`.execute(trx);
    }
    return names;
  });
}

/**
 * Applies every migration not yet applied, each in its own transaction, under Kysely's lock, after carrying over
 * the record of renamed migrations. `dir` is for tests that migrate an older set of files. Throws MigrationError.
 */
export async function migrateToLatest(db: Db, dir = migrationsDir): Promise<string[]> {
  await carryOverRenamedMigrations(db);
  const { error, results } = await migrator(db, dir).migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r: MigrationResult) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return applied;
}

/** Names of migrations present on disk but not applied to the database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db, migrationsDir).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
