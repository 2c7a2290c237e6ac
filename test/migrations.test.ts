import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { checkMigrations, findBaseManifest, readManifest, sealMigrations } from '../src/platform/db/migration-manifest.ts';
import { migrateToLatest, migrationFilePattern, migrationsDir, pendingMigrations, renamedMigrations } from '../src/platform/db/migrate.ts';
import { createTestDatabase } from './support/database.ts';
import { startApp } from './support/server.ts';

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jobunivers-migrations-'));
  temporary.push(dir);
  return dir;
}

/** A copy of migrations/ with its manifest, to break on purpose. */
function copyOfMigrations(): string {
  const dir = tempDir();
  for (const file of readdirSync(migrationsDir)) copyFileSync(path.join(migrationsDir, file), path.join(dir, file));
  return dir;
}

const repoRoot = path.resolve(migrationsDir, '..');
const noHistory = { skipped: 'not compared in this test' };

function git(cwd: string, ...args: string[]): string | undefined {
  try {
    const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false'];
    return execFileSync('git', [...identity, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

test('the real migrations folder passes the check, and every file in it is sealed', () => {
  const { problems } = checkMigrations(migrationsDir, findBaseManifest(migrationsDir));
  assert.deepEqual(problems, []);
  const onDisk = readdirSync(migrationsDir)
    .filter((f) => migrationFilePattern.test(f))
    .sort();
  assert.deepEqual(
    readManifest(migrationsDir).map((e) => e.file),
    onDisk,
  );
});

test('the check fails when a committed migration is edited', () => {
  const dir = copyOfMigrations();
  appendFileSync(path.join(dir, '0012_listings_workflow.sql'), '\n-- a small fix\n');
  assert.deepEqual(checkMigrations(dir, noHistory).problems, [
    'migration 0012_listings_workflow.sql was changed after it was committed — write a new migration instead.',
  ]);
  assert.throws(() => sealMigrations(dir, noHistory), /0012_listings_workflow\.sql was changed after it was committed/);
});

test('the check fails when a committed migration is removed or renamed', () => {
  const dir = copyOfMigrations();
  renameSync(path.join(dir, '0013_catalogue_search.sql'), path.join(dir, '0013_catalogue_search_v2.sql'));
  const { problems } = checkMigrations(dir, noHistory);
  const missing = 'migration 0013_catalogue_search.sql is listed in manifest.json but missing — a committed migration is never removed or renamed.';
  assert.ok(problems.includes(missing), problems.join('\n'));
  assert.ok(
    problems.some((p) => p.startsWith('migration 0013_catalogue_search_v2.sql does not sort after the last committed migration')),
    problems.join('\n'),
  );
});

test('the check fails on a new migration that sorts before the last committed one, and sealing refuses it', () => {
  const dir = copyOfMigrations();
  const last = readManifest(dir).at(-1)!.file;
  writeFileSync(path.join(dir, '0029_identity_late.sql'), 'select 1;\n');
  assert.deepEqual(checkMigrations(dir, noHistory).problems, [
    `migration 0029_identity_late.sql does not sort after the last committed migration ${last} — give it a number above ${last.slice(0, 4)}.`,
  ]);
  assert.throws(() => sealMigrations(dir, noHistory), /0029_identity_late\.sql does not sort after the last committed migration/);
});

test('a new migration after the last one must be sealed; sealing appends it and the check passes', () => {
  const dir = copyOfMigrations();
  writeFileSync(path.join(dir, '9000_platform_new.sql'), 'select 1;\n');
  writeFileSync(path.join(dir, 'notes.sql'), 'select 1;\n');
  assert.deepEqual(checkMigrations(dir, noHistory).problems, [
    'notes.sql is not named like 0042_module_words.sql, so the migrator would skip it.',
    'migration 9000_platform_new.sql is not in manifest.json yet — run `npm run migrations:seal` and commit the manifest with it.',
  ]);
  rmSync(path.join(dir, 'notes.sql'));
  assert.deepEqual(sealMigrations(dir, noHistory), { added: ['9000_platform_new.sql'], resealed: [] });
  assert.equal(readManifest(dir).at(-1)!.file, '9000_platform_new.sql');
  assert.deepEqual(checkMigrations(dir, noHistory).problems, []);
});

test('the manifest is append-only relative to main: a rewritten entry fails even when its file matches', (t) => {
  const repo = tempDir();
  if (git(repo, 'init', '-q', '-b', 'main') === undefined) return t.skip('git is not available here');
  const dir = path.join(repo, 'migrations');
  mkdirSync(dir);
  const file = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
  file('0001_platform_a.sql', 'select 1;\n');
  file('0002_platform_b.sql', 'select 2;\n');
  sealMigrations(dir, findBaseManifest(dir, 'seal'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first');
  file('0003_platform_c.sql', 'select 3;\n');
  assert.deepEqual(sealMigrations(dir, findBaseManifest(dir, 'seal')), { added: ['0003_platform_c.sql'], resealed: [] });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'second');
  assert.deepEqual(checkMigrations(dir, findBaseManifest(dir)).problems, []);

  // On main everything committed is final: a changed file cannot be sealed again …
  file('0003_platform_c.sql', 'select 33;\n');
  assert.throws(() => sealMigrations(dir, findBaseManifest(dir, 'seal')), /0003_platform_c\.sql was changed after it was committed/);
  file('0003_platform_c.sql', 'select 3;\n');
  // … and changing a file and its hash together is caught by comparing with the previous commit's manifest.
  file('0002_platform_b.sql', 'select 22;\n');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.migrations[1].sha256 = createHash('sha256').update('select 22;\n').digest('hex');
  file('manifest.json', JSON.stringify(manifest));
  const parent = git(repo, 'rev-parse', '--short=7', 'HEAD~1')!.trim();
  assert.deepEqual(checkMigrations(dir, findBaseManifest(dir)).problems, [
    'migration 0002_platform_b.sql was changed after it was committed ' +
      `(its hash differs from migrations/manifest.json at HEAD~1 (${parent})) — write a new migration instead.`,
  ]);
  git(repo, 'checkout', '-q', '--', '.');

  // On a branch ahead of origin/main, a migration not yet on main may be sealed again after an edit.
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  file('0004_platform_d.sql', 'select 4;\n');
  sealMigrations(dir, findBaseManifest(dir, 'seal'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'branch work');
  file('0004_platform_d.sql', 'select 44;\n');
  assert.deepEqual(sealMigrations(dir, findBaseManifest(dir, 'seal')), { added: [], resealed: ['0004_platform_d.sql'] });
  const { problems, notes } = checkMigrations(dir, findBaseManifest(dir));
  assert.deepEqual(problems, []);
  assert.match(notes.join('\n'), /merge-base with origin\/main/);
});

/** The migration files as they were at `commit`, read from git; undefined when this clone lacks that history. */
function migrationsAt(commit: string): string | undefined {
  const names = git(repoRoot, 'ls-tree', '--name-only', `${commit}:migrations`);
  if (names === undefined) return undefined;
  const dir = tempDir();
  for (const name of names.split('\n').filter((n) => migrationFilePattern.test(n))) {
    writeFileSync(path.join(dir, name), git(repoRoot, 'show', `${commit}:migrations/${name}`)!);
  }
  return dir;
}

async function recordedNames(db: Awaited<ReturnType<typeof createTestDatabase>>['db']): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(db);
  return rows.map((r) => r.name);
}

const currentNames = readdirSync(migrationsDir)
  .filter((f) => migrationFilePattern.test(f))
  .sort()
  .map((f) => f.replace(/\.sql$/, ''));

test('a database migrated at commit 7071764 (0021 applied before 0022) starts on the new code', async (t) => {
  const old = migrationsAt('7071764');
  if (old === undefined) return t.skip("commit 7071764 is not in this clone's git history (a shallow clone?), so its migrations cannot be read");
  const { db, url } = await createTestDatabase({ migrated: false });
  await migrateToLatest(db, old);
  assert.ok((await recordedNames(db)).includes('0021_marketplace_more'));

  // Started as `npm start` starts it: migrations, the demo seed, jobs and HTTP; startApp waits for /readyz to say 200.
  const app = await startApp({ DATABASE_URL: url, DATA_DIR: tempDir() });
  try {
    assert.equal((await fetch(`${app.baseUrl}/`)).status, 200);
  } finally {
    assert.equal(await app.stop('SIGTERM'), 0);
  }
  assert.deepEqual(await recordedNames(db), currentNames, 'the record lists every migration under its current name, in order');
  assert.deepEqual(await migrateToLatest(db), [], 'a second start applies nothing and renames nothing');
});

test('a database migrated at commit a408a7a (0022 applied, 0021 not yet committed) migrates again: 0020 runs after 0019', async (t) => {
  const old = migrationsAt('a408a7a');
  if (old === undefined) return t.skip("commit a408a7a is not in this clone's git history (a shallow clone?), so its migrations cannot be read");
  const { db } = await createTestDatabase({ migrated: false });
  await migrateToLatest(db, old);
  assert.equal((await recordedNames(db)).at(-1), '0022_identity_session_notify');

  const applied = await migrateToLatest(db);
  assert.equal(applied[0], '0020_marketplace_more');
  assert.deepEqual(await recordedNames(db), currentNames);
  assert.deepEqual(await pendingMigrations(db), []);
  const { rows } = await sql<{ tgname: string }>`
    select distinct tgname from pg_trigger where tgname in ('session_ended_notify', 'marketplace_rows_inserted') order by tgname`.execute(db);
  assert.deepEqual(
    rows.map((r) => r.tgname),
    ['marketplace_rows_inserted', 'session_ended_notify'],
  );
});

test('the renumbering map names files that exist under their new names only', () => {
  for (const [from, to] of renamedMigrations) {
    assert.ok(!currentNames.includes(from), `${from} is gone`);
    assert.ok(currentNames.includes(to), `${to} is there`);
  }
});
