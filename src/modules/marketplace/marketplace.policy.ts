import { definePolicy, hasRole, ownCitizen, sameMunicipality } from '../../platform/auth/policy.ts';

/**
 * Who may do what in a municipality's marketplace: a citizen browses, launches, rates and signs up in their own
 * municipality's marketplace only; its content owners and administrators moderate the ratings its citizens write.
 */
export const marketplacePolicy = definePolicy<'marketplace.use-own' | 'marketplace.moderate'>({
  'marketplace.use-own': (actor, marketplace) => hasRole(actor, 'citizen') && ownCitizen(actor, marketplace) && sameMunicipality(actor, marketplace),
  'marketplace.moderate': (actor, marketplace) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, marketplace),
});
