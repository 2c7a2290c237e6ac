import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may reach a citizen's data through Jobunivers: a vendor's service, with a token issued for the one citizen
 * who signed in to it (consent and scopes then decide each category); and the citizen, who keeps their own
 * contact details.
 */
export const vendorDataPolicy = definePolicy<'citizen-data.read' | 'contact.keep-own'>({
  'citizen-data.read': {
    allow: (actor) => hasRole(actor, 'vendor_service'),
    refusal: 'Only a vendor service acting for a signed-in citizen reads this.',
  },
  'contact.keep-own': { allow: (actor) => hasRole(actor, 'citizen') && Boolean(actor.citizenId), refusal: 'Only the citizen keeps their contact details.' },
});
