import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { sendDeletionRequest, sweepDeletionRequests } from './consent.deletion.ts';

/** Sends one deletion request to its vendor; queued after the transaction that wrote it. */
export const sendDeletionRequestJob = defineJob({
  name: 'consent.send-deletion-request',
  version: 1,
  payload: z.object({ deletionRequestId: z.uuid(), citizenId: z.uuid() }),
  async handle(payload, deps) {
    await sendDeletionRequest(deps, payload);
  },
});

/** Every five minutes: sends again the deletion requests still pending whose pause after the last try is over. */
export const sweepDeletionRequestsJob = defineJob({
  name: 'consent.sweep-deletion-requests',
  version: 1,
  payload: z.object({}),
  schedule: '*/5 * * * *',
  async handle(_payload, deps) {
    const tried = await sweepDeletionRequests(deps);
    if (tried > 0) deps.logger.info({ tried }, 'swept deletion requests');
  },
});
