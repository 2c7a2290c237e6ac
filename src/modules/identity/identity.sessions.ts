// Reading sessions for the access check, with an in-process cache: every page and API call needs the principal
// behind its cookie, and a session changes only when it ends. A cached session is served while it is within its
// lifetime and idle limit and for at most CACHE_TTL_MS; the database tells every process the moment a session ends
// (migration 0019, channel session_ended), and sign-out in this process forgets it before answering. While the
// listening connection is down, nothing is cached.
import type pg from 'pg';
import type { SessionReader } from '../../platform/http/access.ts';
import { listenForNotifications, type NotificationListener } from '../../platform/db/notifications.ts';
import { sessionCookieName } from './identity.pages.ts';
import { loadSession, onSessionsEnded, sessionKey, touchIfDue, type IdentityDeps, type LiveSession } from './identity.service.ts';

const CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;
const CHANNEL = 'session_ended';

type Entry = LiveSession & { cachedUntil: number };

/** The sessions this process has read lately, by the hex SHA-256 of their token. */
export class SessionCache {
  private entries = new Map<string, Entry>();
  private enabled = false;

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.entries = new Map();
  }

  get(key: string, now: number, idleMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now >= entry.cachedUntil || now >= entry.expiresAt || now - entry.lastSeenAt >= idleMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, session: LiveSession, now: number): void {
    if (!this.enabled) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(key, { ...session, cachedUntil: now + CACHE_TTL_MS });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  forgetSubject(subject: string): void {
    for (const [key, entry] of this.entries) if (entry.subject === subject) this.entries.delete(key);
  }
}

/** What the access check needs from this module: the session cookie's name and the principal behind a token. */
export function createSessionReader(deps: IdentityDeps & { pool?: pg.Pool | undefined }): SessionReader {
  const cache = new SessionCache();
  const idleMs = deps.config.session.idleMinutes * 60_000;
  let listener: NotificationListener | undefined;
  let unsubscribe: (() => void) | undefined;
  return {
    cookieName: sessionCookieName(deps.config.secureCookies),
    idleMinutes: deps.config.session.idleMinutes,
    async principalFor(token) {
      if (token.length > 100) return undefined;
      const tokenHash = sessionKey(token);
      const key = tokenHash.toString('hex');
      const now = Date.now();
      const cached = cache.get(key, now, idleMs);
      if (cached) {
        cached.lastSeenAt = await touchIfDue(deps, tokenHash, cached.lastSeenAt, now);
        return cached.principal;
      }
      const session = await loadSession(deps, tokenHash);
      if (!session) return undefined;
      session.lastSeenAt = await touchIfDue(deps, tokenHash, session.lastSeenAt, now);
      cache.set(key, session, now);
      return session.principal;
    },
    async start() {
      if (!deps.pool) return;
      unsubscribe = onSessionsEnded((which) => {
        if (which.tokenHash) cache.forget(which.tokenHash.toString('hex'));
        if (which.subject) cache.forgetSubject(which.subject);
      });
      listener = await listenForNotifications({
        connection: deps.pool.options,
        channels: [CHANNEL],
        name: 'jobunivers-session-listener',
        logger: deps.logger,
        onNotification: (_channel, payload) => payload && cache.forget(payload),
        onListening: (listening) => cache.setEnabled(listening),
      });
    },
    async stop() {
      unsubscribe?.();
      cache.setEnabled(false);
      await listener?.stop();
    },
  };
}
