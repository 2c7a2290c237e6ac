// Reading sessions for the access check, with an in-process cache (the platform's LoadingCache, one per app): every
// page and API call needs the principal behind its cookie, and a session changes only when it ends. A cached session
// is served while it is within its lifetime and idle limit and for at most CACHE_TTL_MS; it is forgotten when the
// app's change bus says it ended — sign-out in this process publishes that before answering, and the database's
// trigger tells every process (migrations 0019 and 0037). While the bus's LISTEN connection is down, nothing is cached.
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { SessionReader } from '../../platform/http/access.ts';
import { sessionCookieName } from './identity.pages.ts';
import { loadSession, sessionKey, touchIfDue, type IdentityDeps, type LiveSession } from './identity.service.ts';

const CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/** What the access check needs from this module: the session cookie's name and the principal behind a token. */
export function createSessionReader(deps: IdentityDeps & { changes: ChangeBus }): SessionReader {
  const cache = new LoadingCache({ ttlMs: CACHE_TTL_MS, maxEntries: MAX_ENTRIES });
  const idleMs = deps.config.session.idleMinutes * 60_000;
  let stops: (() => void)[] = [];
  return {
    cookieName: sessionCookieName(deps.config.secureCookies),
    idleMinutes: deps.config.session.idleMinutes,
    async principalFor(token) {
      if (token.length > 100) return undefined;
      const tokenHash = sessionKey(token);
      const key = tokenHash.toString('hex');
      const now = Date.now();
      // A hit is answered without waiting on anything but the (rare) touch: this runs for every request.
      let session = cache.peek<LiveSession | undefined>(key);
      if (session && (now >= session.expiresAt || now - session.lastSeenAt >= idleMs)) {
        cache.forget(key);
        session = undefined;
      }
      // An unknown or ended session is not kept: it expires as it is loaded.
      session ??= await cache.remember(
        key,
        () => loadSession(deps, tokenHash),
        (loaded) => loaded?.expiresAt ?? 0,
      );
      if (!session) return undefined;
      session.lastSeenAt = await touchIfDue(deps, tokenHash, session.lastSeenAt, now);
      return session.principal;
    },
    start() {
      stops = [
        deps.changes.followListening((listening) => cache.setEnabled(listening)),
        deps.changes.subscribe('sessionEnded', ({ tokenHash }) => cache.forget(tokenHash)),
      ];
      return Promise.resolve();
    },
    stop() {
      stops.forEach((stop) => stop());
      cache.setEnabled(false);
      return Promise.resolve();
    },
  };
}
