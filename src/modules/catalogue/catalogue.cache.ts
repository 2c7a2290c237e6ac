// The catalogue's in-process result cache. What the national catalogue shows changes only when a version goes live
// or leaves, which is rare, while the same searches are asked again and again; so a search is answered from memory
// until the database says the live set changed (a notification on CATALOGUE_CHANNEL, heard by the connection
// catalogue.pages.ts keeps), a writer in this process says so (invalidateCatalogueCache), or a short time has passed
// (the safety net for anything missed).

/** The channel migration 0013's triggers notify when what the catalogue shows changes. */
export const CATALOGUE_CHANNEL = 'catalogue_changed';
/** How the connection listening on it is named in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'jobunivers-catalogue-listener';

type Entry = { value: Promise<unknown>; expires: number };

export type CatalogueCacheOptions = {
  /** How long an answer may be served at the most, in milliseconds. */
  ttlMs?: number;
  /** How many answers are kept; the least recently used goes first (queries are the public's to choose). */
  maxEntries?: number;
  now?: () => number;
};

/** Remembers answers by key; disabled (every call loads) until switched on, so it never serves what nobody invalidates. */
export class CatalogueCache {
  private entries = new Map<string, Entry>();
  private enabled = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: CatalogueCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The answer for `key`: remembered, or loaded once and shared by every caller asking while it loads.
   * A load that fails is forgotten, so the next caller tries again. Rejects as `load` does.
   */
  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
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
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // Cleared while loading: the map was replaced, and the answer (maybe older than the change) is not kept.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every answer, loading or loaded. */
  clear(): void {
    this.entries = new Map();
  }

  /** Switches remembering on (while changes are being heard) or off (then everything is forgotten). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

// Every cache of a running app in this process (one per app; tests may build several), for invalidateCatalogueCache.
const caches = new Set<CatalogueCache>();

/** Makes invalidateCatalogueCache reach `cache` until the returned function is called (on app close). */
export function registerCatalogueCache(cache: CatalogueCache): () => void {
  caches.add(cache);
  return () => void caches.delete(cache);
}

/**
 * Forgets every cached catalogue answer in this process. Writers that change what the catalogue shows (approve,
 * suspend, delist) call it right after their transaction commits; the database's notification follows anyway,
 * a moment later and to every process. Never throws.
 */
export function invalidateCatalogueCache(): void {
  for (const cache of caches) cache.clear();
}
