// The marketplace's in-process cache. What a municipality offers changes seldom (a curator enables a listing, a
// version goes live, a rating is approved) while its citizens open the marketplace all day; so each municipality's
// offer is kept in memory, with the card fragments rendered from it, and each citizen's personal inputs (target
// group, stage, dismissals, the organisation responsible for them now) beside it, and what each a-kasse or other actor
// responsible for some citizens offers them. Both are forgotten when the app's change bus says they changed — a writer in
// this process after its commit, another process or the database's triggers (migration 0037) through the bus's LISTEN
// connection — or after a short time (the safety net for anything missed); and nothing is kept while that connection
// is down.

import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';

export type MarketplaceCacheOptions = { ttlMs?: number; maxCitizens?: number; now?: () => number };

/** One app's marketplace cache: what each municipality offers, and each citizen's personal inputs. */
export class MarketplaceCache {
  readonly municipalities: LoadingCache;
  readonly citizens: LoadingCache;
  /** Per a-kasse or other actor: its upcoming offers and its recommendations (actor-offers' loadActorMarketOffer). */
  readonly actors: LoadingCache;

  constructor(options: MarketplaceCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? 10_000;
    // 98 municipalities at most; citizens are many, and each entry is a few ids.
    this.municipalities = new LoadingCache({ ttlMs, maxEntries: 200, now: options.now });
    this.citizens = new LoadingCache({ ttlMs, maxEntries: options.maxCitizens ?? 20_000, now: options.now });
    // Some 20 a-kasser and the other actors municipalities contract.
    this.actors = new LoadingCache({ ttlMs, maxEntries: 500, now: options.now });
  }

  setEnabled(enabled: boolean): void {
    this.municipalities.setEnabled(enabled);
    this.citizens.setEnabled(enabled);
    this.actors.setEnabled(enabled);
  }

  /**
   * Forgets what the bus says changed, and is on only while the bus hears other processes; returns the function
   * that stops following. A listing is shown wherever it is enabled, so any listing's change forgets every offer.
   */
  followChanges(changes: ChangeBus): () => void {
    const stops = [
      changes.followListening((listening) => this.setEnabled(listening)),
      changes.subscribe('municipalityOfferChanged', ({ municipalityCode }) => this.municipalities.forget(municipalityCode)),
      changes.subscribe('citizenChanged', ({ citizenId }) => this.citizens.forget(citizenId)),
      // Who is responsible for the citizen decides whose offers and recommendations they see.
      changes.subscribe('responsibilityChanged', ({ citizenId }) => this.citizens.forget(citizenId)),
      changes.subscribe('actorOffersChanged', ({ organisationId }) => this.actors.forget(organisationId)),
      // A municipality's offer holds the name it gives its employment service; an actor's offer, the actor's name.
      changes.subscribe('organisationChanged', ({ organisationId }) => {
        const municipalityCode = /^kommune-(\d{3})$/.exec(organisationId)?.[1];
        if (municipalityCode) this.municipalities.forget(municipalityCode);
        else this.actors.forget(organisationId);
      }),
      changes.subscribe('listingWentLive', () => this.municipalities.clear()),
      // Also an emptied table, the citizens' ones among them: everything goes.
      changes.subscribe('listingsChanged', () => {
        this.municipalities.clear();
        this.citizens.clear();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }
}
