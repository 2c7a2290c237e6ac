import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { pruneOpsLog, recordOpsEvent } from './operations.service.ts';

/** Nightly: removes operations-log entries older than OPS_LOG_RETENTION_DAYS. */
export const pruneOpsLogJob = defineJob({
  name: 'operations.prune-ops-log',
  version: 1,
  payload: z.object({}),
  schedule: '17 3 * * *',
  async handle(_payload, { db, config, logger }) {
    const removed = await pruneOpsLog(db, config.opsLogRetentionDays);
    logger.info({ removed, retentionDays: config.opsLogRetentionDays }, 'pruned operations log');
    if (removed > 0) await recordOpsEvent(db, 'ops-log.pruned', `Removed ${removed} entries older than ${config.opsLogRetentionDays} days.`, { removed });
  },
});
