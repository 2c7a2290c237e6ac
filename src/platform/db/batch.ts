// Group writing: callers that write the same kind of small row at the same moment share one statement. The first
// caller's row is written at once; rows that arrive while writes are under way (at most `concurrency` at a time) wait
// and then go together in the next one. Each caller's promise settles with its own row's result once the statement
// has committed, so a caller never goes on before its row is stored — only the round trips are shared.

type Waiting<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * A writer for items of one kind: `write` stores a batch and returns one result per item, in order. Rejects every
 * item of a batch whose write failed. `concurrency` statements may be under way at once (default 1): a second one
 * lets a batch start while the previous one waits for its commit.
 */
export function createBatchWriter<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: { maxBatch?: number; concurrency?: number } = {},
): (item: T) => Promise<R> {
  const maxBatch = options.maxBatch ?? 500;
  const concurrency = options.concurrency ?? 1;
  let queue: Waiting<T, R>[] = [];
  let writing = 0;

  async function writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await write(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, i) => waiting.resolve(results[i] as R));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  async function drain(): Promise<void> {
    writing++;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await writeBatch(batch);
    }
    writing--;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (writing < concurrency) void drain();
    });
}
