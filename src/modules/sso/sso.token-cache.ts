// Access tokens as the Data API reads them, kept in memory for at most a second (one cache per app, owned by its DPoP
// reader): a vendor's service calls the API several times a page, and each call would otherwise ask the database for
// its token, its listing and its vendor. What ends tokens is heard on the app's change bus — a withdrawal
// (consentWithdrawn), a revocation by the provider or a burnt code (vendorAccessRevoked), a listing that changed or
// went (listingWentLive, listingsChanged) — from this process after its commit and from every other one at theirs, so
// the next call is refused at once everywhere; TOKEN_KEPT_MS is the safety net for anything not heard, and nothing is
// kept while the bus's LISTEN connection is down.
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { selectVendorToken, type VendorTokenRow } from './sso.repository.ts';

export const TOKEN_KEPT_MS = 1000;
const MAX_TOKENS = 50_000;

/** One app's access tokens as read for the Data API, by token value. */
export class VendorTokenCache extends LoadingCache {
  constructor(options: { now?: () => number } = {}) {
    super({ ttlMs: TOKEN_KEPT_MS, maxEntries: MAX_TOKENS, now: options.now });
  }

  /** The token's row (with its live listing and vendor), from memory when read less than TOKEN_KEPT_MS ago. */
  read(db: Db, token: string): Promise<VendorTokenRow | undefined> {
    const kept = this.peek<VendorTokenRow>(token);
    if (kept) return Promise.resolve(kept);
    // Unknown tokens are not kept (a token never becomes valid later): they expire as they are loaded.
    return this.remember(
      token,
      () => selectVendorToken(db, token),
      (row) => (row ? undefined : 0),
    );
  }

  /** Forgets the tokens the bus says ended, and is on only while the bus hears other processes; returns the function that stops following. */
  followChanges(changes: ChangeBus): () => void {
    const forgetCitizen = ({ citizenId }: { citizenId: string }) =>
      this.forgetWhere((_token, row) => (row as VendorTokenRow | undefined)?.payload.accountId === citizenId);
    const stops = [
      changes.followListening((listening) => this.setEnabled(listening)),
      changes.subscribe('vendorAccessRevoked', forgetCitizen),
      changes.subscribe('consentWithdrawn', forgetCitizen),
      changes.subscribe('listingWentLive', ({ listingId }) => this.forgetWhere((_token, row) => (row as VendorTokenRow | undefined)?.listing_id === listingId)),
      changes.subscribe('listingsChanged', () => this.clear()),
    ];
    return () => stops.forEach((stop) => stop());
  }
}
