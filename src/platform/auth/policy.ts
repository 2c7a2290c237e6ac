import type { Principal, Role } from './principal.ts';

/** What can be asked of the policy. A resource names the municipality (tenant) or citizen it belongs to. */
export type Action =
  | 'start-page.view'
  | 'access-log.read-own'
  | 'citizen.look-up'
  | 'session.end-everywhere'
  | 'framework.read'
  | 'framework.maintain'
  | 'declaration.read-own'
  | 'declaration.write-own'
  | 'journey.use-own'
  | 'journey.assist'
  | 'escalation.handle'
  | 'curation.manage'
  | 'marketplace.use-own'
  | 'marketplace.moderate';

export type Resource = { municipalityCode?: string; citizenId?: string };

const hasRole = (actor: Principal, ...wanted: Role[]) => actor.roles.some((role) => wanted.includes(role));
const sameMunicipality = (actor: Principal, resource?: Resource) => actor.municipality !== undefined && resource?.municipalityCode === actor.municipality.code;

const rules: Record<Action, (actor: Principal, resource?: Resource) => boolean> = {
  'start-page.view': () => true,
  'session.end-everywhere': () => true,
  'access-log.read-own': (actor, resource) => hasRole(actor, 'citizen') && actor.citizenId !== undefined && resource?.citizenId === actor.citizenId,
  // Caseworkers see citizens of their own municipality only, and always with a stated purpose (logged).
  'citizen.look-up': (actor, resource) => hasRole(actor, 'caseworker') && sameMunicipality(actor, resource),
  // Framework agreements: governance administrators maintain them, reviewers read them. A vendor's declaration
  // is always its own company's (the CVR comes from the identity); developers read it, administrators answer.
  'framework.read': (actor) => hasRole(actor, 'governance_reviewer', 'governance_admin'),
  'framework.maintain': (actor) => hasRole(actor, 'governance_admin'),
  'declaration.read-own': (actor) => hasRole(actor, 'vendor_admin', 'vendor_developer', 'vendor_api') && actor.vendor !== undefined,
  'declaration.write-own': (actor) => hasRole(actor, 'vendor_admin', 'vendor_api') && actor.vendor !== undefined,
  // The journey: a citizen screens, plans and dismisses for themself only; a caseworker of the citizen's own
  // municipality recommends or assigns activities and sets the target group, and handles its escalations.
  'journey.use-own': (actor, resource) => hasRole(actor, 'citizen') && actor.citizenId !== undefined && resource?.citizenId === actor.citizenId,
  'journey.assist': (actor, resource) => hasRole(actor, 'caseworker') && sameMunicipality(actor, resource),
  'escalation.handle': (actor, resource) => hasRole(actor, 'caseworker') && sameMunicipality(actor, resource),
  // A municipality's workspace (enablement, recommendations, local offers, licences, branding): its own content
  // owners and administrators, for their own municipality only.
  'curation.manage': (actor, resource) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, resource),
  // The marketplace: a citizen browses, launches, rates and signs up in their own municipality's marketplace only;
  // its content owners and administrators moderate the ratings its citizens write.
  'marketplace.use-own': (actor, resource) =>
    hasRole(actor, 'citizen') && actor.citizenId !== undefined && resource?.citizenId === actor.citizenId && sameMunicipality(actor, resource),
  'marketplace.moderate': (actor, resource) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, resource),
};

/** The one policy every service asks: may this actor do this action on this resource? */
export function can(actor: Principal, action: Action, resource?: Resource): boolean {
  return rules[action](actor, resource);
}
