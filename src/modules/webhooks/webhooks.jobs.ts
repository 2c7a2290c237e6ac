import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { pruneMunicipalityAccessTokens } from './municipality-api.credentials.ts';
import { runWebhookDelivery } from './webhooks.delivery.ts';

/**
 * Dispatches new outbound events and sends due webhook deliveries: queued after a page's or the API's change
 * commits (a test message, a re-drive), and every minute as a sweep for processes that do not poll.
 */
export const deliverWebhooksJob = defineJob({
  name: 'webhooks.deliver',
  version: 1,
  payload: z.object({}),
  schedule: '* * * * *',
  async handle(_payload, deps) {
    const { dispatched, attempted } = await runWebhookDelivery(deps);
    if (dispatched + attempted > 0) deps.logger.info({ dispatched, attempted }, 'webhooks delivered');
  },
});

/** Removes the municipality API's expired access tokens. */
export const pruneMunicipalityApiTokensJob = defineJob({
  name: 'webhooks.prune-municipality-api-tokens',
  version: 1,
  payload: z.object({}),
  schedule: '*/15 * * * *',
  async handle(_payload, { db, logger }) {
    const removed = await pruneMunicipalityAccessTokens(db);
    if (removed > 0) logger.info({ removed }, 'pruned municipality API tokens');
  },
});
