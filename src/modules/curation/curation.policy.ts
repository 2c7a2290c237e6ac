import { definePolicy, hasRole, sameMunicipality } from '../../platform/auth/policy.ts';

/**
 * Who may work in a municipality's workspace (enablement, recommendations, local offers, licences, branding): its
 * own content owners and administrators, for their own municipality only.
 */
export const curationPolicy = definePolicy<'curation.manage'>({
  'curation.manage': (actor, workspace) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, workspace),
});
