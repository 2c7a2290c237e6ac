import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { moveResponsibilities } from './responsibility.service.ts';

/** Every night just after midnight (Copenhagen): moves the citizens whose hand-over date is today. */
export const responsibilityJob = defineJob({
  name: 'responsibility.move',
  version: 1,
  payload: z.object({}),
  schedule: '5 0 * * *',
  async handle(_payload, { db, logger }) {
    const moved = await moveResponsibilities({ db, logger });
    logger.info({ moved }, 'moved citizens to whoever is responsible today');
  },
});
