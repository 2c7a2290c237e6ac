import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { forwardRegistration, sweepJoblog } from './joblog.forwarding.ts';

/** Forwards one registration to Joblog; queued after the transaction that wrote it. */
export const forwardRegistrationJob = defineJob({
  name: 'joblog.forward-registration',
  version: 1,
  payload: z.object({ registrationId: z.uuid(), citizenId: z.uuid() }),
  async handle(payload, deps) {
    await forwardRegistration(deps, payload);
  },
});

/** Every minute: picks up new application-sent and meeting-held events and sends what is due again. */
export const sweepJoblogJob = defineJob({
  name: 'joblog.sweep',
  version: 1,
  payload: z.object({}),
  schedule: '* * * * *',
  async handle(_payload, deps) {
    const swept = await sweepJoblog(deps);
    if (swept.pickedUp > 0 || swept.tried > 0) deps.logger.info(swept, 'swept Joblog registrations');
  },
});
