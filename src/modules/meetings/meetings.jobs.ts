import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { remindTomorrowsMeetings } from './meetings.service.ts';

/**
 * Every afternoon at 17 (Copenhagen): each citizen with a meeting tomorrow is reminded by notification (e-mail/SMS per
 * their preferences), once per meeting — a second run, or a retry, reminds no one twice.
 */
export const meetingRemindersJob = defineJob({
  name: 'meetings.remind',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '0 17 * * *',
  async handle(_payload, { db, logger }) {
    const meetings = await remindTomorrowsMeetings(db);
    if (meetings > 0) logger.info({ meetings }, 'meeting reminders recorded');
  },
});
