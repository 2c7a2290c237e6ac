import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may do what to listings. A vendor's listing is its own company's (another company's does not exist for it):
 * its administrator, or one of its API clients (which an administrator created), submits it to governance; platform
 * governance, reviewers and administrators alike, reviews it and decides on live listings.
 */
export const listingsPolicy = definePolicy<'listing.submit' | 'listing.review'>({
  'listing.submit': { allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_api'), refusal: 'Only the vendor administrator submits listings.' },
  'listing.review': {
    allow: (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'),
    refusal: 'Only platform governance decides on listings.',
  },
});
