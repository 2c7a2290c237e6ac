import { z } from 'zod';
import { defineJob } from '../../platform/jobs/runner.ts';
import { refreshStatistics } from './statistics.service.ts';

/** Every ten minutes: folds new and late activity events into the statistics' rollups, whole months at a time. */
export const refreshStatisticsJob = defineJob({
  name: 'statistics.refresh',
  version: 1,
  payload: z.object({ all: z.boolean().optional() }),
  schedule: '*/10 * * * *',
  async handle(payload, deps) {
    const { months, days } = await refreshStatistics(deps.db, { all: payload.all === true });
    if (months.length > 0 || days.length > 0) deps.logger.info({ months, days: days.length }, 'refreshed the statistics');
  },
});
