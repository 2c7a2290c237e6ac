import type { NsisLevel } from './nsis.ts';

/** The four ways into the platform, each with its own identity provider(s). */
export const audiences = ['citizen', 'staff', 'vendor', 'governance'] as const;
export type Audience = (typeof audiences)[number];

/** URL words for the audiences (Danish, as the rest of the paths): /log-ind/<slug>, and each start page. */
export const audienceSlugs: Record<Audience, string> = { citizen: 'borger', staff: 'medarbejder', vendor: 'leverandoer', governance: 'faellesskab' };

export const roles = [
  'citizen',
  'caseworker',
  'content_owner',
  'municipal_admin',
  'vendor_admin',
  'vendor_developer',
  'governance_reviewer',
  'governance_admin',
  'vendor_api',
  'vendor_service',
  'municipality_api',
] as const;
export type Role = (typeof roles)[number];

/** Which roles an identity provider of each audience may grant; anything else it claims is ignored. */
export const rolesOfAudience: Record<Audience, readonly Role[]> = {
  citizen: ['citizen'],
  staff: ['caseworker', 'content_owner', 'municipal_admin'],
  vendor: ['vendor_admin', 'vendor_developer'],
  governance: ['governance_reviewer', 'governance_admin'],
};

/**
 * Roles no identity provider grants: a vendor's API client (OAuth 2 client credentials) acts for its company;
 * a vendor's service (single sign-on, a DPoP-bound access token) acts for one citizen who signed in to it; a
 * municipality's API client (client credentials, webhooks module) acts for the municipality's systems.
 */
export const machineRoles: Partial<Record<Role, Audience>> = { vendor_api: 'vendor', vendor_service: 'vendor', municipality_api: 'staff' };

export function audienceOfRole(role: Role): Audience {
  const machine = machineRoles[role];
  if (machine) return machine;
  return (Object.keys(rolesOfAudience) as Audience[]).find((audience) => rolesOfAudience[audience].includes(role)) ?? 'citizen';
}

/** The three kinds of organisation that run a citizen's contact course: a municipality, an a-kasse, another actor. */
export const organisationKinds = ['kommune', 'akasse', 'anden_aktoer'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** The signed-in person as every service sees them. Municipal roles are bound to one municipality, vendor roles to one vendor. */
export type Principal = {
  subject: string;
  name: string;
  audience: Audience;
  roles: Role[];
  nsisLevel: NsisLevel;
  /**
   * When the person last authenticated at the IdP (the ID token's auth_time, or the sign-in's time when the IdP sent
   * none). Every signed-in session has it; a new one is had with `/log-ind/<audience>?genlogin=1`. Machine principals
   * (API clients) have none.
   */
  authTime?: Date | undefined;
  municipality?: { code: string; name: string } | undefined;
  /**
   * Staff: the organisation the person signed in for; their roles are scoped to it. A municipality's staff have both
   * this (`kommune-<code>`) and `municipality`; an a-kasse's or another actor's staff have only this.
   */
  organisation?: { id: string; kind: OrganisationKind; name: string } | undefined;
  vendor?: { cvr: string; name: string } | undefined;
  /** The platform's id of a signed-in citizen (for `vendor_service`: the citizen the token was issued for). */
  citizenId?: string | undefined;
  /** For `vendor_service`: the service (listing = OpenID client) and the scopes its access token carries. */
  service?: { listingId: string; clientId: string; scopes: readonly string[] } | undefined;
};
