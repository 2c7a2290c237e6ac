import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { withMailer } from '../../platform/mail/mailer.ts';
import { deliverNotifications } from './notifications.service.ts';
import { createSmsSender } from './notifications.sms.ts';

/**
 * Every minute: the notifications' e-mails and SMS not yet sent, each once, per the preferences read now; a failed
 * send is tried again on a later run (2, 4, 8, … minutes, at most 8 attempts). `notify` runs inside its caller's
 * transaction and queues nothing itself: a notification waits at most a minute (and the worker's polling) for its mail.
 */
export const deliverNotificationsJob = defineJob({
  name: 'notifications.deliver',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '* * * * *',
  async handle(_payload, { db, config, logger }) {
    const run = await withMailer(config, (mailer) => deliverNotifications(db, config, { mailer, sms: createSmsSender(config, db) }));
    if (run.sent > 0 || run.failed > 0 || run.skipped > 0) logger.info(run, 'notifications delivered');
  },
});
