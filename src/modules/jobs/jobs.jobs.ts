import { defineJob } from '../../platform/jobs/runner.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { z } from 'zod';
import { createJobFeedClient } from './jobs.feed.ts';
import { withMailer } from '../../platform/mail/mailer.ts';
import { gatherDigests, mailNotices, matchAgents } from './agents.service.ts';
import { expireJobAds, ingestJobAds } from './jobs.service.ts';

/** Pages one run reads at most (of 500 ads or changes): a first snapshot of 100,000 ads takes a few runs. */
const PAGES_PER_RUN = 100;

/** Every minute: the job-ad feed read on from its last committed page; ads past their deadline removed. */
export const ingestJobAdsJob = defineJob({
  name: 'jobs.ingest',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '* * * * *',
  async handle(_payload, { db, config, logger }) {
    if (!config.integrations.jobnetUrl) return;
    const feed = createJobFeedClient(config.integrations.jobnetUrl, config.integrations.timeoutMs);
    const run = await ingestJobAds(db, feed, { today: copenhagenDate(), maxPages: PAGES_PER_RUN });
    logger.info(run, 'job ads ingested');
  },
});

/** Nightly: ads past their deadline and the lexicon's unused words removed. */
export const expireJobAdsJob = defineJob({
  name: 'jobs.expire',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '20 0 * * *',
  async handle(_payload, { db, logger }) {
    logger.info({ expired: await expireJobAds(db, copenhagenDate()) }, 'job ads expired');
  },
});

/** Every minute: the ads seen since each agent's last look matched, and the notices mailed (immediate agents). */
export const jobAgentsJob = defineJob({
  name: 'jobs.agents',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '* * * * *',
  async handle(_payload, { db, config, logger }) {
    const matched = await matchAgents(db, copenhagenDate());
    const mailed = await withMailer(config, (mailer) => mailNotices(db, config, mailer));
    if (matched.found > 0 || mailed.mailed > 0 || mailed.failed > 0) logger.info({ ...matched, ...mailed }, 'job agents matched and mailed');
  },
});

/** Every morning at 7: each daily agent's finds of the last day gathered into one digest, and mailed. */
export const jobAgentDigestJob = defineJob({
  name: 'jobs.agent-digest',
  version: 1,
  payload: z.object({}).default({}),
  schedule: '0 7 * * *',
  async handle(_payload, { db, config, logger }) {
    await matchAgents(db, copenhagenDate());
    const digests = await gatherDigests(db);
    const mailed = await withMailer(config, (mailer) => mailNotices(db, config, mailer));
    logger.info({ digests, ...mailed }, 'job agent digests mailed');
  },
});
