// The marketplace's in-process cache. What a municipality offers changes seldom (a curator enables a listing, a
// version goes live, a rating is approved) while its citizens open the marketplace all day; so each municipality's
// offer is kept in memory, with the card fragments rendered from it, and each citizen's personal inputs (target
// group, stage, dismissals) beside it. Both are forgotten when the app's change bus says they changed — a writer in
// this process after its commit, another process or the database's triggers (migration 0037) through the bus's LISTEN
// connection — or after a short time (the safety net for anything missed); and nothing is kept while that connection
// is down.

import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';

export type MarketplaceCacheOptions = { ttlMs?: number; maxCitizens?: number; now?: () => number };

/** One app's marketplace cache: what each municipality offers, and each citizen's personal inputs. */
export class MarketplaceCache {
  readonly municipalities: LoadingCache;
  readonly citizens: LoadingCache;

  constructor(options: MarketplaceCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? 10_000;
    // 98 municipalities at most; citizens are many, and each entry is a few ids.
    this.municipalities = new LoadingCache({ ttlMs, maxEntries: 200, now: options.now });
    this.citizens = new LoadingCache({ ttlMs, maxEntries: options.maxCitizens ?? 20_000, now: options.now });
  }

  setEnabled(enabled: boolean): void {
    this.municipalities.setEnabled(enabled);
    this.citizens.setEnabled(enabled);
  }

  /**
   * Forgets what the bus says changed, and is on only while the bus hears other processes; returns the function
   * that stops following. A listing is shown wherever it is enabled, so any listing's change forgets every offer.
   */
  followChanges(changes: ChangeBus): () => void {
    const stops = [
      changes.followListening((listening) => this.setEnabled(listening)),
      changes.subscribe('municipalityOfferChanged', ({ municipalityCode }) => this.municipalities.forget(municipalityCode)),
      changes.subscribe('citizenChanged', ({ citizenId }) => this.citizens.forget(citizenId)),
      changes.subscribe('listingWentLive', () => this.municipalities.clear()),
      // Also an emptied table, the citizens' ones among them: everything goes.
      changes.subscribe('listingsChanged', () => {
        this.municipalities.clear();
        this.citizens.clear();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }
}
