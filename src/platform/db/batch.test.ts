// The group writer under the Data API's DPoP proof ids and access-log entries: callers arriving together share a
// statement, each gets its own row's result only once its statement is done, a failed statement fails only its own
// callers, and no more statements are under way at once than allowed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBatchWriter } from './batch.ts';

test('callers arriving while statements are under way share the next one, at most `concurrency` at once, each with its own result', async () => {
  const batches: number[][] = [];
  let running = 0;
  let most = 0;
  const write = createBatchWriter(
    async (items: number[]) => {
      running++;
      most = Math.max(most, running);
      batches.push(items);
      await sleep(20);
      running--;
      if (items.includes(13)) throw new Error('the database refused a row');
      return items.map((item) => item * 10);
    },
    { concurrency: 2 },
  );
  const settled = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => write(i)));
  assert.equal(most, 2);
  // The first two callers each start a statement; the other 28 wait and go together.
  assert.deepEqual(
    batches.map((batch) => batch.length).sort((a, b) => a - b),
    [1, 1, 28],
  );
  for (const [i, outcome] of settled.entries()) {
    const failedBatch = batches.find((batch) => batch.includes(13));
    if (failedBatch?.includes(i)) assert.equal(outcome.status, 'rejected');
    else assert.deepEqual(outcome, { status: 'fulfilled', value: i * 10 });
  }
});
