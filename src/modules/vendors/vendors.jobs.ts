import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { deleteExpiredAccessTokens } from './vendors.credentials.ts';

/** Every 15 minutes: removes the vendor API's expired access tokens. */
export const pruneApiTokensJob = defineJob({
  name: 'vendors.prune-api-tokens',
  version: 1,
  payload: z.object({}),
  schedule: '*/15 * * * *',
  async handle(_payload, { db, logger }) {
    const removed = await deleteExpiredAccessTokens(db);
    if (removed > 0) logger.info({ removed }, 'pruned vendor API tokens');
  },
});
