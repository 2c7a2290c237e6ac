import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { deleteExpiredModels } from './sso.repository.ts';

/** Removes the provider's expired sessions, codes, tokens, interactions and DPoP proof ids every 15 minutes. */
export const pruneOidcModelsJob = defineJob({
  name: 'sso.prune-oidc-models',
  version: 1,
  payload: z.object({}),
  schedule: '*/15 * * * *',
  async handle(_payload, { db, logger }) {
    const removed = await deleteExpiredModels(db);
    if (removed > 0) logger.info({ removed }, 'pruned expired OpenID Provider models');
  },
});
