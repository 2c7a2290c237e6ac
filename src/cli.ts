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
  'statistics:refresh': {
    summary:
      'Fold new and late activity into the statistics now; --all recomputes every day and month, --from YYYY-MM-DD --to YYYY-MM-DD recomputes those days (a backfill).',
    async run({ db, args }) {
      const { values } = parseArgs({ args, options: { all: { type: 'boolean', default: false }, from: { type: 'string' }, to: { type: 'string' } } });
      const days = values.from !== undefined || values.to !== undefined ? backfillDays(values.from, values.to) : undefined;
      const started = performance.now();
      const result = await refreshStatistics(db, { all: values.all === true, ...(days ? { days } : {}) });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      await recordOpsEvent(
        db,
        'statistics.refreshed',
        `Refreshed the statistics from the CLI: ${result.days.length} day(s), ${result.months.length} month(s).`,
        {
          all: values.all === true,
          from: values.from ?? null,
          to: values.to ?? null,
        },
      );
      out(`Recomputed ${result.days.length} day(s) and ${result.months.length} month(s) of the open statistics in ${seconds} s.`);
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

/** The days from `from` to `to` (both included) as 'YYYY-MM-DD'; a ConfigError names what is wrong. */
function backfillDays(from: string | undefined, to: string | undefined): string[] {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const valid = (value: string | undefined) =>
    value !== undefined &&
    day.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid(from) || !valid(to)) throw new ConfigError(['--from and --to must both be dates as YYYY-MM-DD.']);
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= (to as string); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
    if (days.length > 3700) throw new ConfigError(['Backfill at most ten years at a time.']);
  }
  if (days.length === 0) throw new ConfigError(['--to must be on or after --from.']);
  return days;
}

function help(): void {
  out('Usage: npm run cli -- <command> [options]');
  out();
  for (const [name, command] of Object.entries(commands)) out(`  ${name.padEnd(20)} ${command.summary}`);
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
