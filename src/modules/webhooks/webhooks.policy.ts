import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may do what with outbound delivery. A vendor's or a municipality's endpoints belong to the company or
 * municipality of the signed-in person (their identity names it; the database's row-level security holds it): the
 * administrator keeps them, developers read them, the company's (or municipality's) API clients read the feed and
 * re-drive. Governance sees every dead letter and re-drives it.
 */
export const webhooksPolicy = definePolicy<
  'endpoint.read' | 'endpoint.manage' | 'delivery.redrive' | 'feed.read' | 'dead-letters.read' | 'dead-letters.redrive' | 'api-client.manage'
>({
  'endpoint.read': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_developer', 'vendor_api', 'municipal_admin'),
    refusal: 'Only the company or municipality that owns the webhooks sees them.',
  },
  'endpoint.manage': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'municipal_admin'),
    refusal: 'Only the administrator keeps the webhook endpoints.',
  },
  'delivery.redrive': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_api', 'municipal_admin'),
    refusal: 'Only the administrator or the API client re-drives a delivery.',
  },
  'feed.read': { allow: (actor) => hasRole(actor, 'vendor_api', 'municipality_api'), refusal: 'The feed is read with an API client.' },
  'dead-letters.read': { allow: (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'), refusal: 'Only governance sees every dead letter.' },
  'dead-letters.redrive': { allow: (actor) => hasRole(actor, 'governance_admin'), refusal: 'Only the governance administrator re-drives for others.' },
  // A municipality's API clients read its outbound events; only its administrator makes and revokes them.
  'api-client.manage': {
    allow: (actor) => hasRole(actor, 'municipal_admin') && actor.municipality !== undefined,
    refusal: 'Only a municipality’s administrator keeps its API clients.',
  },
});
