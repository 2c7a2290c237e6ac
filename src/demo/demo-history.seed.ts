import type { SeedPart } from '../platform/seed.ts';
import { refreshStatistics } from '../modules/statistics/index.ts';
import { generateWorld, syntheticWorldExists } from './generate.seed.ts';

/** The demo history's seed: its citizens' person_uuid carry it, so a second start finds the history and skips it. */
export const DEMO_HISTORY_SEED = 2026;

/**
 * Demo world, last part: a year of synthetic history for the demo municipalities København and Aarhus (600 citizens,
 * 30 listings, about 30,000 activity events), so their dashboards and the open statistics show believable figures out
 * of the box. Runs only when the configuration allows it (DEMO_HISTORY: on with the embedded database outside
 * production; never in tests, which seed without a configuration) and only once.
 */
export const demoHistorySeed: SeedPart = {
  name: 'demo.history',
  async run(db, context) {
    if (context?.config?.demoHistory !== true) return;
    if (await syntheticWorldExists(db, DEMO_HISTORY_SEED)) return;
    await generateWorld(db, { events: 30_000, citizens: 600, listings: 30, vendors: 6, municipalities: ['101', '751'], months: 12, seed: DEMO_HISTORY_SEED });
    await refreshStatistics(db, { all: true });
  },
};
