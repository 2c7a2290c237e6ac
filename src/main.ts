import closeWithGrace from 'close-with-grace';
import { createSessionReaders, jobDefinitions, routeModules, seedParts } from './modules.ts';
import { DEV_MAIL_PATH, startMailCatcher } from './modules/dev-mail/index.ts';
import { recordOpsEvent } from './modules/operations/index.ts';
import { startReferenceVendorProcess } from './modules/reference-vendor/index.ts';
import { createChangeBus } from './platform/changes.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseUnavailableError, openDatabaseServer } from './platform/db/connect.ts';
import { createDatabase } from './platform/db/database.ts';
import { EmbeddedDatabaseError } from './platform/db/embedded-postgres.ts';
import { MigrationError, migrateToLatest } from './platform/db/migrate.ts';
import { buildApp } from './platform/http/app.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import { createLogger } from './platform/logger.ts';
import { describeSmtpUrl } from './platform/mail/mailer.ts';
import { runSeed } from './platform/seed.ts';

const plainStartupErrors = [ConfigError, DatabaseUnavailableError, EmbeddedDatabaseError, MigrationError];

async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger({ level: loaded.logLevel });
  const started = performance.now();

  const server = await openDatabaseServer(loaded, logger);
  // Migrations and the demo seed run as the login role (the owner); requests run as the application role,
  // under row-level security.
  const owner = createDatabase({ url: server.url, poolMax: 2, applicationName: 'jobunivers-migrate' });
  const applied = await migrateToLatest(owner.db);
  if (applied.length > 0) {
    logger.info({ applied }, 'migrations applied');
    await recordOpsEvent(owner.db, 'migrations.applied', `Applied ${applied.length} migration(s).`, { applied });
  }
  if (loaded.seedDemo) await runSeed(owner.db, seedParts, logger, { config: loaded });
  await owner.db.destroy();

  const { db, pool } = createDatabase({ url: server.url, poolMax: loaded.database.poolMax, asAppRole: true });
  // Short-lived protocol state (the OpenID Provider's rows, DPoP proof ids) is committed asynchronously (docs/SSO.md).
  const state = createDatabase({ url: server.url, poolMax: 4, applicationName: 'jobunivers-state', asAppRole: true, asyncCommit: true });

  // Outside production without an SMTP server: this process's own SMTP catcher (a free port on loopback; every
  // process on the machine runs one and they all write to this database), started before anything can send. The app
  // and the jobs are given its address as their SMTP server, so their mailers send to it without knowing.
  const mailCatcher = loaded.mail.catcher ? await startMailCatcher({ db, logger, host: '127.0.0.1', port: 0 }) : undefined;
  const config = mailCatcher ? { ...loaded, mail: { ...loaded.mail, smtpUrl: mailCatcher.url } } : loaded;
  if (!config.mail.smtpUrl) {
    // Said once: without SMTP_URL (or with MAIL_CATCHER=false outside production) the mailer sends nothing.
    logger[config.env === 'production' ? 'warn' : 'info']('mail is off: SMTP_URL is not set, so the platform sends no e-mail');
  }

  const jobs = new JobRunner({
    databaseUrl: server.url,
    deps: { db, config, logger },
    jobs: jobDefinitions,
    work: config.jobsEnabled,
    pollingIntervalSeconds: config.jobsPollSeconds,
  });
  await jobs.start();

  // The app's change bus: modules publish committed changes on it and react to each other's (src/platform/changes.ts).
  const changes = createChangeBus({ logger });
  const sessions = createSessionReaders({ db, stateDb: state.db, config, logger, pool, changes });
  const app = await buildApp({ config, db, stateDb: state.db, pool, logger, jobs, sessions, changes }, routeModules);
  await app.listen({ port: config.port, host: config.host });
  // The demo's reference vendor service (examples/vendor-app), in development only (REFERENCE_VENDOR_PORT).
  const referenceVendor = startReferenceVendorProcess(config, logger);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  await recordOpsEvent(db, 'app.started', `Started in ${seconds} s.`, { embeddedDatabase: server.embedded, baseUrl: config.baseUrl });
  const mailsPage = `${config.baseUrl}${DEV_MAIL_PATH}`;
  logger.info(
    {
      baseUrl: config.baseUrl,
      embeddedDatabase: server.embedded,
      seconds,
      ...(mailCatcher ? { mailCatcher: mailCatcher.url, mailsPage } : config.mail.smtpUrl ? { smtp: describeSmtpUrl(config.mail.smtpUrl) } : {}),
    },
    mailCatcher
      ? `Jobunivers is running at ${config.baseUrl}; the mails it sends are caught at ${mailCatcher.url} and shown at ${mailsPage}`
      : `Jobunivers is running at ${config.baseUrl}`,
  );

  // Stop accepting, let requests in flight finish, stop the workers, stop the mail catcher (after everything that
  // sends to it, before the pool it writes through), close the pool, stop the embedded database.
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    logger.info({ signal }, 'shutting down');
    await referenceVendor?.stop();
    await app.close();
    await jobs.stop();
    await mailCatcher?.close();
    await recordOpsEvent(db, 'app.stopped', `Stopped (${signal ?? 'error'}).`).catch((error: unknown) => logger.warn({ err: error }, 'could not log the stop'));
    await db.destroy();
    await state.db.destroy();
    await server.stop();
    logger.info('stopped');
  });
}

main().catch((error: unknown) => {
  if (plainStartupErrors.some((type) => error instanceof type)) {
    process.stderr.write(`Jobunivers cannot start: ${(error as Error).message}\n`);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    process.stderr.write(
      `Jobunivers cannot start: the port is already in use (${error.message.replace(/^listen EADDRINUSE: /, '')}); set PORT to a free port.\n`,
    );
  } else {
    process.stderr.write(`Jobunivers cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
