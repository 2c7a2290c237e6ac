import { definePolicy, hasRole, sameMunicipality, type Resource } from '../../platform/auth/policy.ts';

/**
 * Who sees which figures beyond the open statistics: a municipality's content owners and administrators their own
 * municipality's dashboard; governance the national oversight of every vendor, listing and municipality.
 */
export const statisticsPolicy = definePolicy<'statistics.municipality' | 'statistics.national', Resource>({
  'statistics.municipality': (actor, resource) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, resource),
  'statistics.national': (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'),
});
