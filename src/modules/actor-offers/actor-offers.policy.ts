import { actsForOrganisation, definePolicy, hasRole } from '../../platform/auth/policy.ts';
import type { Principal } from '../../platform/auth/principal.ts';

/** What the rules look at: the organisation an offer or recommendation belongs to. */
export type ActorOfferResource = { organisationId?: string | undefined };

/** Whether the actor signed in for an a-kasse or another actor (a kommune has curation's local offers instead). */
const actsForActor = (actor: Principal): boolean =>
  actsForOrganisation(actor) && (actor.organisation?.kind === 'akasse' || actor.organisation?.kind === 'anden_aktoer');

/**
 * Who may do what with an a-kasse's or another actor's own offers and recommendations: its caseworkers, for their own
 * organisation only. A municipality's staff, and everyone else, may not.
 */
export const actorOffersPolicy = definePolicy<'actor-offers.manage', ActorOfferResource>({
  'actor-offers.manage': (actor, resource) =>
    hasRole(actor, 'caseworker') && actsForActor(actor) && resource?.organisationId !== undefined && resource.organisationId === actor.organisation?.id,
});
