import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may do what to a vendor's own company (the CVR always comes from the identity, so a vendor user acts on their
 * own company only): its administrator keeps the profile and the API clients; its developers read them.
 */
export const vendorPolicy = definePolicy<'vendor.edit-profile' | 'credential.create' | 'credential.revoke'>({
  'vendor.edit-profile': { allow: (actor) => hasRole(actor, 'vendor_admin'), refusal: 'Only the vendor administrator may change the profile.' },
  'credential.create': { allow: (actor) => hasRole(actor, 'vendor_admin'), refusal: 'Only the vendor administrator creates API clients.' },
  'credential.revoke': { allow: (actor) => hasRole(actor, 'vendor_admin'), refusal: 'Only the vendor administrator revokes API clients.' },
});
