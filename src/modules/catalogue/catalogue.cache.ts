// The catalogue's in-process result cache. What the national catalogue shows changes only when a version goes live
// or leaves, which is rare, while the same searches are asked again and again; so a search is answered from memory
// until the database says the live set changed (a notification on CATALOGUE_CHANNEL, heard by the connection
// catalogue.pages.ts keeps), a writer in this process says so (invalidateCatalogueCache), or a short time has passed
// (the safety net for anything missed).

import { LoadingCache } from '../../platform/cache.ts';

/** The channel migration 0013's triggers notify when what the catalogue shows changes. */
export const CATALOGUE_CHANNEL = 'catalogue_changed';
/** How the connection listening on it is named in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'jobunivers-catalogue-listener';

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
