import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may do what with the framework agreements and the vendors' declarations against them: governance
 * administrators maintain the agreements, reviewers read them. A vendor's declaration is always its own company's
 * (the CVR comes from the identity); its developers read it, its administrator (or API client) answers it.
 */
export const frameworksPolicy = definePolicy<'framework.read' | 'framework.maintain' | 'declaration.read-own' | 'declaration.write-own'>({
  'framework.read': {
    allow: (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'),
    refusal: 'Only governance sees the framework agreements’ versions.',
  },
  'framework.maintain': {
    allow: (actor) => hasRole(actor, 'governance_admin'),
    refusal: 'Only the governance administrator maintains framework agreements.',
  },
  'declaration.read-own': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_developer', 'vendor_api') && actor.vendor !== undefined,
    refusal: 'Only the vendor’s own users see its declaration.',
  },
  'declaration.write-own': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_api') && actor.vendor !== undefined,
    refusal: 'Only the vendor administrator may answer the framework agreement.',
  },
});
