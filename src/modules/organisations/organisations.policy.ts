import { definePolicy, hasRole, sameMunicipality, type Resource } from '../../platform/auth/policy.ts';

/**
 * Who keeps which part of the register: governance's administrators the a-kasser, which its reviewers may see; a
 * municipality's administrators its contracts with other actors and its name for its employment service, which its
 * content owners may see.
 */
export const organisationsPolicy = definePolicy<'akasse.view' | 'akasse.manage' | 'actor.view' | 'actor.manage', Resource>({
  'akasse.view': (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'),
  'akasse.manage': { allow: (actor) => hasRole(actor, 'governance_admin'), refusal: 'Only governance administrators keep the a-kasser.' },
  'actor.view': (actor, municipality) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, municipality),
  'actor.manage': {
    allow: (actor, municipality) => hasRole(actor, 'municipal_admin') && sameMunicipality(actor, municipality),
    refusal: 'Only the municipality’s administrators keep its contracts with other actors.',
  },
});
