import { actsForOrganisation, definePolicy, hasRole, ownCitizen, type Resource } from '../../platform/auth/policy.ts';
import type { OrganisationKind, Role } from '../../platform/auth/principal.ts';

/**
 * The staff roles a person may hold in an organisation of each kind, whatever their IdP grants: content and
 * administration are a municipality's; an a-kasse's or another actor's staff work with contact courses only.
 */
export const staffRolesOfOrganisation: Record<OrganisationKind, readonly Role[]> = {
  kommune: ['caseworker', 'content_owner', 'municipal_admin'],
  akasse: ['caseworker'],
  anden_aktoer: ['caseworker'],
};

/** A link on the start page, shown to the roles whose routes it leads to. */
type StartLink = { roles: readonly Role[]; organisationKinds?: readonly OrganisationKind[] | undefined };

/** Who may do what with people's identities and their access log (Min Log). */
export const identityPolicy = definePolicy<'citizen.look-up' | 'access-log.read-own' | 'start-link.show' | 'staff.list', Resource & Partial<StartLink>>({
  // Caseworkers see the citizens their organisation is or was responsible for (the database decides which), and always
  // with a stated purpose (logged).
  'citizen.look-up': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  'access-log.read-own': (actor, log) => hasRole(actor, 'citizen') && ownCitizen(actor, log),
  // Staff see who else works in their organisation (to assign a citizen, a thread or a meeting to a colleague).
  'staff.list': (actor) => hasRole(actor, ...staffRolesOfOrganisation.kommune) && actsForOrganisation(actor),
  // The start page offers each role the pages its route declarations let it reach, nothing more.
  'start-link.show': (actor, link) =>
    hasRole(actor, ...(link?.roles ?? [])) &&
    (link?.organisationKinds === undefined || (actor.organisation !== undefined && link.organisationKinds.includes(actor.organisation.kind))),
});
