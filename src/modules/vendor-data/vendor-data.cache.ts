// What the Data API's checks found (consent, citizen, purpose), by citizen, service and category, kept for at most
// AUTHORISATION_KEPT_MS in one app (a service calls several times a page). Forgotten when the app's change bus says
// the consent was withdrawn, the vendor's access revoked, the citizen's data or the listing changed; the second is the
// safety net for a change nobody announced (a consent ended in the database itself), and nothing is kept while the
// bus does not hear other processes.
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';

export const AUTHORISATION_KEPT_MS = 1000;

/** The key of one check: the citizen, the service (listing) and the category. */
export const authorisationKey = (citizenId: string, listingId: string, category: string) => `${citizenId}:${listingId}:${category}`;

/** One app's kept checks (a refusal is not kept: a failed load is forgotten). */
export class AuthorisationCache extends LoadingCache {
  constructor() {
    super({ ttlMs: AUTHORISATION_KEPT_MS, maxEntries: 50_000 });
  }

  /** Returns the function that stops following the bus. */
  followChanges(changes: ChangeBus): () => void {
    const forgetCitizen = ({ citizenId }: { citizenId: string }) => this.forgetWhere((key) => key.startsWith(`${citizenId}:`));
    const stops = [
      changes.followListening((listening) => this.setEnabled(listening)),
      changes.subscribe('consentWithdrawn', ({ citizenId, listingId }) => this.forgetWhere((key) => key.startsWith(`${citizenId}:${listingId}:`))),
      changes.subscribe('vendorAccessRevoked', forgetCitizen),
      changes.subscribe('citizenChanged', forgetCitizen),
      changes.subscribe('listingWentLive', ({ listingId }) => this.forgetWhere((key) => key.includes(`:${listingId}:`))),
      changes.subscribe('listingsChanged', () => this.clear()),
    ];
    return () => {
      stops.forEach((stop) => stop());
      this.setEnabled(false);
    };
  }
}
