// `npm run cli -- <command>`: what operators need without starting the web server.
// Uses the same configuration as the app; with the embedded database it uses the running app's
// server when there is one, or starts (and stops) its own.
import { parseArgs } from 'node:util';
import { jobDefinitions, seedParts } from './modules.ts';
import { listOpsLog, pruneOpsLog, recordOpsEvent } from './modules/operations/index.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { DatabaseUnavailableError, openDatabaseServer, redactUrl } from './platform/db/connect.ts';
import { createDatabase, type Db } from './platform/db/database.ts';
import { EmbeddedDatabaseError } from './platform/db/embedded-postgres.ts';
import { MigrationError, migrateToLatest, pendingMigrations } from './platform/db/migrate.ts';
import { createLogger } from './platform/logger.ts';
import { runSeed } from './platform/seed.ts';
import { rotateSigningKeys } from './platform/crypto/signing-keys.ts';
import { GENERATE_USAGE, parseGenerateArgs, progressBar, summaryLines } from './demo/generate.cli.ts';
import { generateWorld } from './demo/generate.seed.ts';
import { refreshStatistics } from './modules/statistics/index.ts';

type Command = { summary: string; run(context: { db: Db; config: Config; args: string[]; url: string }): Promise<void> };

const out = (line = '') => process.stdout.write(`${line}\n`);

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply every migration not yet applied.',
    async run({ db }) {
      const applied = await migrateToLatest(db);
      if (applied.length > 0) await recordOpsEvent(db, 'migrations.applied', `Applied ${applied.length} migration(s) from the CLI.`, { applied });
      out(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
    },
  },
  seed: {
    summary: 'Apply migrations, then seed the demo world (idempotent).',
    async run({ db, config }) {
      await migrateToLatest(db);
      await runSeed(db, seedParts, createLogger({ level: 'warn' }), { config });
      await recordOpsEvent(db, 'seed.applied', 'Demo world seeded from the CLI.', { parts: seedParts.map((p) => p.name) });
      out(`Seeded: ${seedParts.map((p) => p.name).join(', ')}`);
    },
  },
  status: {
    summary: 'Show the database in use, pending migrations and the jobs defined.',
    async run({ db, url }) {
      const pending = await pendingMigrations(db);
      out(`Database: ${redactUrl(url)}`);
      out(`Pending migrations: ${pending.length === 0 ? 'none' : pending.join(', ')}`);
      out(`Background jobs: ${jobDefinitions.map((j) => `${j.name}.v${j.version}${j.schedule ? ` (cron ${j.schedule})` : ''}`).join(', ')}`);
    },
  },
  'ops-log': {
    summary: 'Print the newest entries of the operations log (--limit N, default 20).',
    async run({ db, args }) {
      const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '20' } } });
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(['--limit must be a whole number above zero.']);
      for (const entry of (await listOpsLog(db, limit)).reverse()) {
        out(`${entry.occurred_at.toISOString()}  ${entry.kind.padEnd(20)}  ${entry.message}`);
      }
    },
  },
  'sso:rotate-keys': {
    summary: 'Make a new signing key for the OpenID Provider; the old one stays published until the next rotation.',
    async run({ db, config }) {
      const kid = await rotateSigningKeys(db, config.cookieSecret);
      await recordOpsEvent(db, 'sso.keys.rotated', `Rotated the OpenID Provider's signing keys; the active key is ${kid}.`, { kid });
      out(`Active signing key: ${kid}. Restart the app's processes so they sign with it.`);
    },
  },
  generate: {
    summary: `Generate a synthetic world for tests, benchmarks and demos (never in production): ${GENERATE_USAGE.replace('npm run cli -- generate ', '')}.`,
    async run({ db, config, args }) {
      if (config.env === 'production')
        throw new ConfigError(['generate does not run in production (NODE_ENV=production): it writes synthetic citizens and events.']);
      const options = parseGenerateArgs(args);
      const bar = progressBar(process.stderr);
      const summary = await generateWorld(db, options, (p) => bar.update(p));
      bar.end();
      for (const line of summaryLines(summary)) out(line);
      const started = performance.now();
      await refreshStatistics(db, { all: true });
      out(`Statistics refreshed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    },
  },
  'prune-ops-log': {
    summary: 'Remove operations-log entries older than OPS_LOG_RETENTION_DAYS now.',
    async run({ db, config }) {
      const removed = await pruneOpsLog(db, config.opsLogRetentionDays);
      out(`Removed ${removed} entries older than ${config.opsLogRetentionDays} days.`);
    },
  },
};

function help(): void {
  out('Usage: npm run cli -- <command> [options]');
  out();
  for (const [name, command] of Object.entries(commands)) out(`  ${name.padEnd(15)} ${command.summary}`);
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') {
    help();
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n`);
    help();
    return 1;
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const server = await openDatabaseServer(config, logger, { shareRunning: true });
  const { db } = createDatabase({ url: server.url, poolMax: 2 });
  try {
    await command.run({ db, config, args, url: server.url });
    return 0;
  } finally {
    await db.destroy();
    await server.stop();
  }
}

const plainErrors = [ConfigError, DatabaseUnavailableError, EmbeddedDatabaseError, MigrationError];
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const plain = plainErrors.some((type) => error instanceof type);
    process.stderr.write(`${plain ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
