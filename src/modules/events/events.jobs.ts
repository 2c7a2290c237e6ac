import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { pruneRejections } from './events.service.ts';

/** Nightly: removes refused events older than 30 days from the vendors' event logs. */
export const pruneEventRejectionsJob = defineJob({
  name: 'events.prune-rejections',
  version: 1,
  payload: z.object({}),
  schedule: '40 3 * * *',
  async handle(_payload, { db, logger }) {
    const removed = await pruneRejections(db);
    if (removed > 0) logger.info({ removed }, 'pruned refused events');
  },
});
