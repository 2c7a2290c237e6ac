// The OpenID Provider's caches, one set per app (made where the module registers, sso.pages.ts): the live versions
// behind clients, the citizens who just passed an authorization, and the platform sessions already linked to a
// sign-on. Each is the platform's LoadingCache, forgets what the app's change bus says changed, and is on only while
// the bus hears other processes (otherwise every look-up reads the database, as it would without them).
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { SSO_TTL } from './sso.provider.ts';
import { linkPlatformSession } from './sso.repository.ts';

const CLIENT_KEPT_MS = 5_000;
const SESSION_LINK_KEPT_MS = 8 * 3600_000;

/**
 * The live versions behind clients, by listing id: a launch looks its client up four times (PAR, authorization,
 * resume, token), so each is kept a few seconds (CLIENT_KEPT_MS, the safety net) and forgotten when the bus says the
 * listing changed.
 */
export class ClientCache extends LoadingCache {
  constructor() {
    super({ ttlMs: CLIENT_KEPT_MS, maxEntries: 5_000 });
  }
}

export type RecentCitizen = { name: string | undefined; municipality: { code: string; name: string } };

/**
 * The name (as registered, read by the authorization's checks) and municipality (of the platform session's sign-in)
 * of citizens who just passed an authorization in this process, for their tokens' claims a moment later: the token
 * request usually comes to the same process; otherwise, or later (userinfo), the citizen's row is read.
 */
export class RecentCitizens extends LoadingCache {
  constructor() {
    // Handed to the token request, which comes while the code lives.
    super({ ttlMs: SSO_TTL.AuthorizationCode * 1000, maxEntries: 10_000 });
  }

  /** Keeps what the latest authorization found for the citizen, in place of anything kept before. */
  keep(accountId: string, citizen: RecentCitizen): void {
    this.forget(accountId);
    void this.remember(accountId, () => Promise.resolve(citizen));
  }

  /** What an authorization found for the citizen within the code's lifetime; undefined otherwise. */
  take(accountId: string): RecentCitizen | undefined {
    return this.peek<RecentCitizen>(accountId);
  }
}

/** Platform sessions (by their token's SHA-256 in hex) already linked to a sign-on, so a launch writes the link once. */
export class PlatformSessionLinks extends LoadingCache {
  constructor() {
    super({ ttlMs: SESSION_LINK_KEPT_MS, maxEntries: 10_000 });
  }

  /** Links the platform session to the citizen's sign-on (sso_platform_session) unless done already. Throws on database failure. */
  link(db: Db, tokenHash: Buffer, citizenId: string): Promise<void> {
    return this.remember(tokenHash.toString('hex'), () => linkPlatformSession(db, tokenHash, citizenId));
  }
}

/** One app's set of the provider's caches. */
export type SsoCaches = { clients: ClientCache; citizens: RecentCitizens; links: PlatformSessionLinks };

export function createSsoCaches(): SsoCaches {
  return { clients: new ClientCache(), citizens: new RecentCitizens(), links: new PlatformSessionLinks() };
}

/**
 * Makes the caches follow the bus: a listing that changed or went forgets its client (any listing's change, every
 * client), an ended platform session its link; all are on only while the bus is listening. Returns the function
 * that stops following.
 */
export function followSsoChanges(caches: SsoCaches, changes: ChangeBus): () => void {
  const all = [caches.clients, caches.citizens, caches.links];
  const stops = [
    changes.followListening((listening) => all.forEach((cache) => cache.setEnabled(listening))),
    changes.subscribe('listingWentLive', ({ listingId }) => caches.clients.forget(listingId)),
    changes.subscribe('listingsChanged', () => caches.clients.clear()),
    changes.subscribe('sessionEnded', ({ tokenHash }) => caches.links.forget(tokenHash)),
  ];
  return () => {
    stops.forEach((stop) => stop());
    all.forEach((cache) => cache.setEnabled(false));
  };
}
