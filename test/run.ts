// `npm test` (and `npm run test:browser`): prepares PostgreSQL once, then runs the test files with
// Node's test runner. With DATABASE_URL the tests use that server; otherwise an embedded PostgreSQL
// is started in a temporary folder and removed afterwards. Migrations run once, into a template
// database, and the demo world is seeded once into a second template copied from it; every test file copies
// one of them into a database of its own.
import { spawn } from 'node:child_process';
import { globSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../src/platform/db/database.ts';
import { quoteIdentifier, startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logger.ts';
import { runSeed } from '../src/platform/seed.ts';
import { seedParts } from '../src/modules.ts';
import { databaseUrl } from './support/database.ts';

const browser = process.argv.includes('--browser');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files =
  only.length > 0
    ? only
    : browser
      ? globSync('test/browser/**/*.test.ts')
      : slowestFirst([...globSync('src/**/*.test.ts'), ...globSync('test/**/*.test.ts', { exclude: (f) => f.startsWith('test/browser') })].sort());

/**
 * Seconds a file's tests take beyond its set-up (measured in CI, December 2026): the files that start whole app
 * processes and embedded databases take several times longer than the rest. Any other file counts as 2 s.
 */
function secondsOf(file: string): number {
  const knownSeconds: Record<string, number> = {
    'test/startup.test.ts': 24,
    'test/crash-delivery.test.ts': 14,
    'test/migrations.test.ts': 11,
    'test/platform-header-reference.test.ts': 7,
    'test/sso-hardening.test.ts': 5,
    'test/marketplace.test.ts': 5,
    'test/consent.test.ts': 4,
  };
  return knownSeconds[file] ?? 2;
}

/** The slowest first: started first, they run beside the many short files instead of alone at the end. */
function slowestFirst(all: string[]): string[] {
  return [...all].sort((a, b) => secondsOf(b) - secondsOf(a) || a.localeCompare(b));
}

const logger = createLogger({ level: 'warn' });
const template = `test_template_${process.pid}`;
const seededTemplate = `test_template_seeded_${process.pid}`;
let tempDir: string | undefined;
const compileCache = mkdtempSync(path.join(tmpdir(), 'jobunivers-compile-cache-'));
let stopEmbedded: (() => Promise<void>) | undefined;
let adminUrl = process.env.DATABASE_URL;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function prepare(): Promise<void> {
  if (!adminUrl) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'jobunivers-pg-'));
    const started = await startEmbeddedPostgres({ dataDir: tempDir, database: 'postgres', port: 0, logger, throwAway: true });
    adminUrl = started.adminUrl;
    stopEmbedded = () => started.stop();
  }
  await admin((client) => client.query(`create database ${quoteIdentifier(template)}`));
  const migrated = createDatabase({ url: databaseUrl(adminUrl, template), poolMax: 2 });
  await migrateToLatest(migrated.db);
  await migrated.db.destroy();
  // The same seed parts the app runs at start-up, without its configuration (so no reference vendor listing), as
  // createTestApp ran them for every file before: once here instead of once per file.
  await admin((client) => client.query(`create database ${quoteIdentifier(seededTemplate)} template ${quoteIdentifier(template)}`));
  const seeded = createDatabase({ url: databaseUrl(adminUrl, seededTemplate), poolMax: 2 });
  await runSeed(seeded.db, seedParts, logger);
  await seeded.db.destroy();
}

async function cleanUp(): Promise<void> {
  for (const name of [seededTemplate, template]) {
    if (adminUrl) await admin((client) => client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`)).catch(() => undefined);
  }
  if (stopEmbedded) await stopEmbedded();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  rmSync(compileCache, { recursive: true, force: true });
}

const childEnv = {
  ...process.env,
  // Every test process (and every app process a test starts) loads the same modules: V8's code cache, kept for this
  // run only, spares each process compiling them again.
  NODE_COMPILE_CACHE: compileCache,
};

/** Runs Node's test runner over `list` with `flags`; its report goes to `output` (inherited when not given). */
function runner(flags: string[], list: string[], output?: (chunk: Buffer) => void): Promise<number> {
  const child = spawn(process.execPath, [...flags, '--test', '--test-reporter=spec', ...list], {
    stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'],
    env: { ...childEnv, TEST_ADMIN_URL: adminUrl, TEST_TEMPLATE_DATABASE: template, TEST_SEEDED_TEMPLATE_DATABASE: seededTemplate },
  });
  if (output) {
    child.stdout?.on('data', output);
    child.stderr?.on('data', output);
  }
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * Seconds a browser test file takes (measured in CI, December 2026, three at a time): the longest start first, so the
 * last ones to end are short. Any other file counts as 40 s.
 */
function browserSecondsOf(file: string): number {
  const knownSeconds: Record<string, number> = {
    'test/browser/marketplace.test.ts': 143,
    'test/browser/journey.test.ts': 119,
    'test/browser/pages.test.ts': 108,
    'test/browser/curation.test.ts': 103,
    'test/browser/identity.test.ts': 80,
    'test/browser/organisations.test.ts': 76,
    'test/browser/municipal-journey.test.ts': 70,
    'test/browser/akasse-caseworker.test.ts': 68,
    'test/browser/papercuts.test.ts': 63,
    'test/browser/listings.test.ts': 60,
    'test/browser/sso-journey.test.ts': 60,
    'test/browser/api-docs.test.ts': 29,
    'test/browser/sso.test.ts': 27,
    'test/browser/citizen-navigation.test.ts': 24,
    'test/browser/vendor-data.test.ts': 17,
  };
  return knownSeconds[file] ?? 40;
}

/**
 * The browser tests: one file per runner process (each file starts its app and Chromium), BROWSER_TEST_CONCURRENCY (3)
 * at a time, the longest first. A file mostly waits — on Chromium, on its app, on PostgreSQL — so two files left half
 * of the two cores idle; three keep them busy. Each file's report is printed when it ends, then a summary.
 */
async function runBrowserTests(): Promise<number> {
  const width = Number(process.env.BROWSER_TEST_CONCURRENCY ?? process.env.TEST_CONCURRENCY ?? 3);
  const queue = [...files].sort((a, b) => browserSecondsOf(b) - browserSecondsOf(a) || a.localeCompare(b));
  const failed: string[] = [];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const report: Buffer[] = [];
      const code = await runner(['--experimental-test-isolation=none', '--disable-warning=ExperimentalWarning'], [file], (chunk) => report.push(chunk));
      process.stdout.write(Buffer.concat(report));
      if (code !== 0) failed.push(file);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
  process.stdout.write(`\nBrowser test files: ${files.length}, failed: ${failed.length}${failed.length ? ` (${failed.join(', ')})` : ''}\n`);
  return failed.length > 0 ? 1 : 0;
}

/**
 * The others run in TEST_CONCURRENCY (2) shards, each one process that imports its files one after the other
 * (Node's test isolation "none"): the platform's modules are loaded once per shard instead of once per file, which was
 * most of a file's cost. Every file still has its own database and app; its `after` hooks run when the shard ends.
 * The shards' reports are printed one after the other, each when its shard is done. One file alone runs as it is.
 */
async function runTests(): Promise<number> {
  if (browser && only.length !== 1) return runBrowserTests();
  const width = Number(process.env.TEST_CONCURRENCY ?? 2);
  if (browser || only.length === 1) return runner([`--test-concurrency=${width}`], files);
  const shards: string[][] = Array.from({ length: Math.max(1, width) }, () => []);
  // Each file, slowest first, to the shard with the least to do so far (the shards end close together).
  const load = shards.map(() => 0);
  for (const file of files) {
    const least = load.indexOf(Math.min(...load));
    shards[least]?.push(file);
    load[least] = (load[least] ?? 0) + secondsOf(file);
  }
  const reports = shards.map(() => [] as Buffer[]);
  const codes = await Promise.all(
    shards.map((list, i) =>
      list.length === 0
        ? Promise.resolve(0)
        : runner(['--experimental-test-isolation=none', '--disable-warning=ExperimentalWarning'], list, (chunk) => reports[i]?.push(chunk)).then((code) => {
            process.stdout.write(Buffer.concat(reports[i] ?? []));
            return code;
          }),
    ),
  );
  return codes.find((code) => code !== 0) ?? 0;
}

// Interrupted (Ctrl-C): still stop the throw-away server and remove its folder.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

let exitCode = 1;
try {
  await prepare();
  exitCode = await runTests();
} catch (error) {
  process.stderr.write(`The test database could not be prepared: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
