// The catalogue's in-process result cache. What the national catalogue shows changes only when a version goes live
// or leaves, which is rare, while the same searches are asked again and again; so a search is answered from memory
// until the app's change bus says a listing changed (a writer in this process after its commit, another process or
// the database's triggers through the bus's LISTEN connection), or a short time has passed (the safety net for
// anything missed). Nothing is kept while that connection is down.

import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';

export type CatalogueCacheOptions = {
  /** How long an answer may be served at the most, in milliseconds (10 s). */
  ttlMs?: number;
  /** How many answers are kept (1,000); the least recently used goes first (queries are the public's to choose). */
  maxEntries?: number;
  now?: () => number;
};

/** Remembers answers by key (src/platform/cache.ts); disabled (every call loads) until switched on, so it never serves what nobody invalidates. */
export class CatalogueCache extends LoadingCache {
  constructor(options: CatalogueCacheOptions = {}) {
    super({ ttlMs: options.ttlMs ?? 10_000, maxEntries: options.maxEntries ?? 1_000, now: options.now });
  }

  /**
   * Forgets every answer when any listing changes (a search's results span listings), and is on only while the bus
   * hears other processes; returns the function that stops following.
   */
  followChanges(changes: ChangeBus): () => void {
    const stops = [
      changes.followListening((listening) => this.setEnabled(listening)),
      changes.subscribe('listingWentLive', () => this.clear()),
      changes.subscribe('listingsChanged', () => this.clear()),
    ];
    return () => stops.forEach((stop) => stop());
  }
}
