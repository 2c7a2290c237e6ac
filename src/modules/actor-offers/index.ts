// actor-offers: an a-kasse's or another actor's own offers (workshops, courses, meetings) and its recommendations of
// listings in the national catalogue, written by its caseworkers and shown — marked with its name — in the
// marketplace of the citizens it is responsible for.
export { actorOfferPages } from './actor-offers.pages.ts';
export { actorOffersSeed } from './actor-offers.seed.ts';
export {
  isActorOrganisationId,
  loadActorMarketOffer,
  mayManageActorOffers,
  type ActorMarketItem,
  type ActorMarketOffer,
  type ActorMarketRecommendation,
} from './actor-offers.service.ts';
export { ACTOR_OFFERS, renderActorMarketSection } from './actor-offers.views.ts';
