// The marketplace's in-process cache. What a municipality offers changes seldom (a curator enables a listing, a
// version goes live, a rating is approved) while its citizens open the marketplace all day; so each municipality's
// offer is kept in memory, with the card fragments rendered from it, and each citizen's personal inputs (target
// group, stage, dismissals) beside it. Both are forgotten when the database says they changed
// (marketplace.listener.ts: triggers of migrations 0013 and 0021), when a writer in this process says so
// (invalidateMarketplace…), or after a short time (the safety net for anything missed).

type Entry = { value: Promise<unknown>; expires: number };

export type MemoOptions = {
  /** How long a value may be served at the most, in milliseconds. */
  ttlMs: number;
  /** How many values are kept; the least recently used goes first. */
  maxEntries: number;
  now?: () => number;
};

/** Values by key, each loaded once and shared by every caller asking while it loads; off (every call loads) until switched on. */
export class Memo {
  private entries = new Map<string, Entry>();
  private enabled = false;
  private readonly now: () => number;

  constructor(private readonly options: MemoOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The value for `key`: remembered, or loaded. `until` may shorten its life (e.g. to when a local offer starts and
   * leaves the list). A failed load is forgotten, so the next caller tries again. Rejects as `load` does.
   */
  remember<T>(key: string, load: () => Promise<T>, until?: (value: T) => number | undefined): Promise<T> {
    if (!this.enabled) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      // Most recently used last, so eviction takes the oldest.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry: Entry = { value, expires: now + this.options.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // Forgotten while loading (a change was heard): the answer, maybe older than the change, is not kept — the
    // entry is no longer in the map, so nothing below touches what is there now.
    value.then(
      (loaded) => {
        const end = until?.(loaded);
        if (end !== undefined && this.entries.get(key) === entry) entry.expires = Math.min(entry.expires, end);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries = new Map();
  }

  /** Switches remembering on (while changes are heard) or off (then everything is forgotten). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export type MarketplaceCacheOptions = { ttlMs?: number; maxCitizens?: number; now?: () => number };

/** One app's marketplace cache: what each municipality offers, and each citizen's personal inputs. */
export class MarketplaceCache {
  readonly municipalities: Memo;
  readonly citizens: Memo;

  constructor(options: MarketplaceCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? 10_000;
    // 98 municipalities at most; citizens are many, and each entry is a few ids.
    this.municipalities = new Memo({ ttlMs, maxEntries: 200, now: options.now });
    this.citizens = new Memo({ ttlMs, maxEntries: options.maxCitizens ?? 20_000, now: options.now });
  }

  /** What a notification payload of migration 0021 (or a catalogue change) says to forget. */
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
export type MarketplaceChange =
  | { kind: 'municipality'; code: string }
  | { kind: 'citizen'; citizenId: string }
  | { kind: 'offers' }
  | { kind: 'everything' };

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
