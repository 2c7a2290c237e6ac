// The marketplace's in-process cache. What a municipality offers changes seldom (a curator enables a listing, a
// version goes live, a rating is approved) while its citizens open the marketplace all day; so each municipality's
// offer is kept in memory, with the card fragments rendered from it, and each citizen's personal inputs (target
// group, stage, dismissals) beside it. Both are forgotten when the database says they changed
// (marketplace.listener.ts: triggers of migrations 0013 and 0020), when a writer in this process says so
// (invalidateMarketplace…), or after a short time (the safety net for anything missed).

import { LoadingCache } from '../../platform/cache.ts';

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

  /** What a notification payload of migration 0020 (or a catalogue change) says to forget. */
  forget(change: MarketplaceChange): void {
    if (change.kind === 'municipality') this.municipalities.forget(change.code);
    else if (change.kind === 'citizen') this.citizens.forget(change.citizenId);
    else {
      this.municipalities.clear();
      if (change.kind === 'everything') this.citizens.clear();
    }
  }

  setEnabled(enabled: boolean): void {
    this.municipalities.setEnabled(enabled);
    this.citizens.setEnabled(enabled);
  }
}

/**
 * What changed: one municipality's offer, one citizen's personal inputs, every municipality's offer (a listing or a
 * rating, shown everywhere), or everything (a table was emptied).
 */
export type MarketplaceChange = { kind: 'municipality'; code: string } | { kind: 'citizen'; citizenId: string } | { kind: 'offers' } | { kind: 'everything' };

/** Reads a `marketplace_changed` payload; anything it does not know forgets everything (safe, never stale). */
export function changeOf(payload: string | undefined): MarketplaceChange {
  const [kind, id] = (payload ?? '').split(':', 2);
  if (kind === 'municipality' && id && /^\d{3}$/.test(id)) return { kind: 'municipality', code: id };
  if (kind === 'citizen' && id) return { kind: 'citizen', citizenId: id };
  if (kind === 'all') return { kind: 'offers' };
  return { kind: 'everything' };
}

// Every cache of a running app in this process (one per app; tests may build several), for the invalidate functions.
const caches = new Set<MarketplaceCache>();

/** Makes the invalidate functions reach `cache` until the returned function is called (on app close). */
export function registerMarketplaceCache(cache: MarketplaceCache): () => void {
  caches.add(cache);
  return () => void caches.delete(cache);
}

/**
 * Forgets what the marketplace keeps about one municipality's offer (or, without a code, every municipality's).
 * Writers that change what a marketplace shows — enabling, recommending, local offers, ratings — call it right after
 * their transaction commits, so their own next page is fresh; the database's notification follows anyway, a moment
 * later and to every process. Never throws.
 */
export function invalidateMarketplace(municipalityCode?: string): void {
  for (const cache of caches) cache.forget(municipalityCode ? { kind: 'municipality', code: municipalityCode } : { kind: 'offers' });
}

/** Forgets what the marketplace keeps about one citizen (target group, stage, dismissals). Never throws. */
export function invalidateMarketplaceCitizen(citizenId: string): void {
  for (const cache of caches) cache.forget({ kind: 'citizen', citizenId });
}
