// Request counts for the OpenID Provider's PAR and token endpoints (per client and per address), in one-minute
// windows in this process, as the app's own rate limits (@fastify/rate-limit's local store) count. oidc-provider's
// Koa routes are outside Fastify's routing, so its limiter does not see them.

const MAX_KEYS = 50_000;

/** Requests per key in fixed one-minute windows. */
export class RequestCounter {
  // Counts of this process's own requests, not a cache of database state: nothing to load, nothing the bus could say.
  private windows = new Map<string, { count: number; resetAt: number }>();

  private readonly perMinute: number;
  private readonly now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.now = now;
  }

  /** Counts one request for `key`: undefined while within the limit, else the seconds until the window ends. */
  take(key: string): number | undefined {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= MAX_KEYS) this.forgetEnded(now);
      window = { count: 0, resetAt: now + 60_000 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : undefined;
  }

  private forgetEnded(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    // Still full (a flood of distinct keys): the oldest windows go, as the app's limiter's LRU does.
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}
