import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';

/**
 * One module's share of the demo world. Each part must be idempotent (upserts keyed by natural keys),
 * because `npm start` runs the seed on every start. Parts run in the order given, each in its own
 * transaction, so a later module may build on what an earlier one seeded.
 */
export type SeedPart = { name: string; run(db: Db, context?: SeedContext): Promise<void> };

/** What a part may need beyond the database: the configuration, when the seed runs for a configured app (not in tests). */
export type SeedContext = { config?: Config | undefined };

/** Runs the demo seed parts in order; a failing part rolls back alone and stops the seed. */
export async function runSeed(db: Db, parts: SeedPart[], logger: Pick<Logger, 'info'>, context: SeedContext = {}): Promise<void> {
  for (const part of parts) {
    await db.transaction().execute((trx) => part.run(trx, context));
    logger.info({ part: part.name }, 'demo seed applied');
  }
}
