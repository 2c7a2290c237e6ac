import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { pruneAccessLog, prunePurposeSessions } from './access-log.service.ts';
import { deleteExpiredSessionsAndAttempts } from './identity.repository.ts';

/** Every 15 minutes: removes sessions past their lifetime or idle limit, stale sign-in attempts, and purpose sessions older than a sign-in lasts. */
export const pruneSessionsJob = defineJob({
  name: 'identity.prune-sessions',
  version: 1,
  payload: z.object({}),
  schedule: '*/15 * * * *',
  async handle(_payload, { db, config, logger }) {
    const removed = await deleteExpiredSessionsAndAttempts(db, config.session.idleMinutes);
    if (removed > 0) logger.info({ removed }, 'pruned sessions and sign-in attempts');
    const purposes = await prunePurposeSessions({ db, config });
    if (purposes > 0) logger.info({ removed: purposes }, 'pruned purpose sessions');
  },
});

/** Nightly: removes access-log entries older than ACCESS_LOG_RETENTION_DAYS (default about 6 months). */
export const pruneAccessLogJob = defineJob({
  name: 'identity.prune-access-log',
  version: 1,
  payload: z.object({}),
  schedule: '37 2 * * *',
  async handle(_payload, { db, config, logger }) {
    const removed = await pruneAccessLog({ db, config });
    logger.info({ removed, retentionDays: config.accessLogRetentionDays }, 'pruned access log');
  },
});
