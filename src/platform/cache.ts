// An in-process cache of values loaded on demand, for modules that keep what the database says until it says
// something changed (the catalogue's searches, the marketplace's offers and citizens' inputs, sessions, tokens; they
// forget by subscribing to the app's change bus, src/platform/changes.ts): each value is loaded
// once and shared by every caller asking while it loads, kept for at most `ttlMs` (the safety net for a change not
// heard), at most `maxEntries` of them (the least recently used goes first), and it is off — every call loads —
// until switched on, so that nothing is served while nobody is listening for changes. This is the app's one cache:
// a module needing more than it offers extends it here rather than keeping a Map of its own.

type Entry = { value: Promise<unknown>; expires: number; loaded?: { value: unknown }; generation: number; reloading?: boolean };

export type LoadingCacheOptions = {
  /** How long a value may be served at the most, in milliseconds. */
  ttlMs: number;
  /** How many values are kept; the least recently used goes first. */
  maxEntries: number;
  now?: (() => number) | undefined;
};

export class LoadingCache {
  private entries = new Map<string, Entry>();
  private enabled = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Bumped by `markStale`: a loaded value of an older generation is answered while its newer one loads. */
  private generation = 0;

  constructor(options: LoadingCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    // Read through the global at each call, not captured here, so a test can move the clock (node:test mock timers).
    this.now = options.now ?? (() => Date.now());
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
      if (hit.generation !== this.generation && hit.loaded) this.reload(key, hit, load, until);
      return hit.value as Promise<T>;
    }
    return this.start(key, load, until);
  }

  /** A stale value's newer one, loaded once in the background; it takes the stale one's place when it arrives. */
  private reload<T>(key: string, stale: Entry, load: () => Promise<T>, until?: (value: T) => number | undefined): void {
    if (stale.reloading) return;
    stale.reloading = true;
    const generation = this.generation;
    load().then(
      (loaded) => {
        if (this.entries.get(key) !== stale) return;
        const entry: Entry = { value: Promise.resolve(loaded), expires: this.now() + this.ttlMs, loaded: { value: loaded }, generation };
        const end = until?.(loaded);
        if (end !== undefined) entry.expires = Math.min(entry.expires, end);
        this.entries.set(key, entry);
      },
      () => {
        stale.reloading = false;
      },
    );
  }

  private start<T>(key: string, load: () => Promise<T>, until?: (value: T) => number | undefined): Promise<T> {
    const now = this.now();
    const value = load();
    const entry: Entry = { value, expires: now + this.ttlMs, generation: this.generation };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // Forgotten while loading (a change was heard): the answer, maybe older than the change, is not kept — the
    // entry is no longer in the map, so nothing below touches what is there now.
    value.then(
      (loaded) => {
        entry.loaded = { value: loaded };
        const end = until?.(loaded);
        if (end !== undefined && this.entries.get(key) === entry) entry.expires = Math.min(entry.expires, end);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /**
   * The value for `key` if it is loaded and still fresh, without waiting: for a hot path that must not yield to the
   * event loop on a hit (the caller loads through `remember` on a miss). Undefined while off, loading or expired.
   */
  peek<T>(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit?.loaded || hit.expires <= this.now()) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.loaded.value as T;
  }

  /** Forgets one value, loading or loaded. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Forgets the loaded values `matches` picks (by key and value), and every value still loading: a load under way may
   * have read what changed. For a change that names something the keys do not (a citizen, where tokens are the keys).
   */
  forgetWhere(matches: (key: string, value: unknown) => boolean): void {
    for (const [key, entry] of this.entries) if (!entry.loaded || matches(key, entry.loaded.value)) this.entries.delete(key);
  }

  /**
   * Marks every value stale without forgetting it (stale-while-revalidate): the next caller of a loaded one gets it at
   * once and its newer one is loaded in the background, once, to answer the callers after. For data that is recomputed
   * in batches (the statistics' rollups), where a value one batch old is better than making everyone wait for the next.
   */
  markStale(): void {
    this.generation++;
  }

  /** Forgets every value, loading or loaded. */
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
