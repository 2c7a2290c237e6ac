import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { jobDefinitions } from '../src/modules.ts';
import { pruneOpsLogJob } from '../src/modules/operations/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { JobRunner, type JobDefinition } from '../src/platform/jobs/runner.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestDatabase } from './support/database.ts';
import { temporaryFolder } from './support/temporary.ts';

const { db, url } = await createTestDatabase();
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: temporaryFolder('jobunivers-jobs-'), DATABASE_URL: url, OPS_LOG_RETENTION_DAYS: '30' });
const runner = new JobRunner({
  databaseUrl: url,
  deps: { db, config, logger: createLogger({ level: 'silent' }) },
  jobs: jobDefinitions,
  work: true,
  pollingIntervalSeconds: 0.5,
});
await runner.start();
after(() => runner.stop());

async function waitFor(job: JobDefinition<never>, id: string): Promise<string | null> {
  for (let i = 0; i < 100; i++) {
    const state = await runner.jobState(job, id);
    if (state === 'completed' || state === 'failed') return state;
    await sleep(100);
  }
  return runner.jobState(job, id);
}

test('the prune job, run by the job runner, removes operations-log entries past retention and keeps the rest', async () => {
  await db
    .insertInto('ops_log')
    .values([
      { kind: 'test.old', message: 'from long ago', occurred_at: sql<Date>`now() - interval '45 days'` },
      { kind: 'test.old', message: 'just past retention', occurred_at: sql<Date>`now() - interval '30 days 1 minute'` },
      { kind: 'test.recent', message: 'within retention', occurred_at: sql<Date>`now() - interval '29 days'` },
      { kind: 'test.recent', message: 'today' },
    ])
    .execute();

  const id = await runner.send(pruneOpsLogJob, {});
  assert.equal(await waitFor(pruneOpsLogJob as JobDefinition<never>, id), 'completed');

  const left = await db.selectFrom('ops_log').select(['kind', 'message']).orderBy('id').execute();
  assert.deepEqual(
    left.filter((r) => r.kind.startsWith('test.')).map((r) => r.message),
    ['within retention', 'today'],
  );
  assert.ok(
    left.some((r) => r.kind === 'ops-log.pruned' && r.message.includes('Removed 2 entries')),
    'the pruning is itself logged',
  );
});

test('the prune job is scheduled nightly and its queue depth is reported', async () => {
  const depths = await runner.queueDepths();
  assert.equal(depths['operations.prune-ops-log.v1'], 0);
  const schedules = await sql<{
    name: string;
    cron: string;
    timezone: string;
  }>`select name, cron, timezone from pgboss.schedule where name = 'operations.prune-ops-log.v1'`.execute(db);
  assert.deepEqual(schedules.rows, [{ name: 'operations.prune-ops-log.v1', cron: '17 3 * * *', timezone: 'Europe/Copenhagen' }]);
});
