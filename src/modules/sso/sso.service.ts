// What happens between a vendor's authorization request and the code: the citizen's platform session is the login,
// the listing's NSIS level is enforced by step-up, the citizen's municipality must have enabled the listing, and
// consent decides which data scopes the grant holds.
import { meetsLevel, rank, type NsisLevel } from '../../platform/auth/nsis.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { consentStanding, loadConsentRequest, recordConsent, type ConsentAnswer, type ConsentRequest } from '../consent/index.ts';
import { scopeOf, SSO_TTL } from './sso.provider.ts';
import { selectConsentValidUntil, selectInteractionListing, selectLaunchTarget, type InteractionListingRow } from './sso.repository.ts';

/** Where an authorization stands for the citizen in front of the browser. */
export type InteractionStep =
  | { kind: 'sign_in'; level: NsisLevel }
  | { kind: 'step_up'; level: NsisLevel }
  | { kind: 'refused'; reason: 'unknown_listing' | 'not_enabled'; listing?: InteractionListingRow | undefined }
  | { kind: 'consent'; listing: InteractionListingRow; request: ConsentRequest; citizenId: string; changed: boolean }
  | { kind: 'finish'; listing: InteractionListingRow; citizenId: string; level: NsisLevel; acceptedCategories: string[]; consentId?: string | undefined };

/** The level a sign-in for a listing asks for: the listing's, and never below Substantial's default for citizens' pages. */
function signInLevel(required: NsisLevel): NsisLevel {
  return rank(required) > rank('Substantial') ? required : 'Substantial';
}

/**
 * Checks a citizen's authorization at a listing: session, level, enablement, consent. Never throws for the
 * citizen's situation (each is a step); throws only on database failure.
 */
export async function checkAuthorization(db: Db, principal: Principal | undefined, listingId: string): Promise<InteractionStep> {
  const citizen = principal?.roles.includes('citizen') && principal.citizenId && principal.municipality ? principal : undefined;
  const municipalityCode = citizen?.municipality?.code ?? '';
  const listing = await withTenant(db, { municipality: municipalityCode }, (trx) => selectInteractionListing(trx, listingId, municipalityCode));
  if (!listing) return { kind: 'refused', reason: 'unknown_listing' };
  if (!citizen?.citizenId || !citizen.municipality) return { kind: 'sign_in', level: signInLevel(listing.required_nsis_level) };
  // A Low session at a Substantial listing goes back to sign in at the listing's level, never through.
  if (!meetsLevel(citizen.nsisLevel, listing.required_nsis_level)) return { kind: 'step_up', level: listing.required_nsis_level };
  if (!listing.enabled) return { kind: 'refused', reason: 'not_enabled', listing };
  // A service that asks for no data needs no decision: the citizen only signs in.
  if (listing.data_categories === 0) return { kind: 'finish', listing, citizenId: citizen.citizenId, level: citizen.nsisLevel, acceptedCategories: [] };
  const request = await loadConsentRequest(db, { citizenId: citizen.citizenId, municipalityCode: citizen.municipality.code, listingId });
  const standing = await consentStanding(db, request);
  if (standing.kind === 'ask') return { kind: 'consent', listing, request, citizenId: citizen.citizenId, changed: standing.previous !== undefined };
  return { kind: 'finish', listing, citizenId: citizen.citizenId, level: citizen.nsisLevel, acceptedCategories: standing.acceptedCategories, consentId: standing.consentId };
}

/**
 * Records the citizen's answer on the consent screen and says how the authorization ends: `finish` with the accepted
 * categories, or `denied` when the citizen declined and the service cannot be used without the data.
 */
export async function answerConsent(
  deps: { db: Db; config: Config },
  request: ConsentRequest,
  answer: ConsentAnswer,
): Promise<{ kind: 'finish'; acceptedCategories: string[]; consentId: string } | { kind: 'denied' }> {
  const recorded = await recordConsent(deps, request, answer);
  if (answer.decision === 'declined' && !request.worksWithoutData) return { kind: 'denied' };
  return { kind: 'finish', acceptedCategories: answer.decision === 'accepted' ? recorded.acceptedCategories : [], consentId: recorded.consentId };
}

/** The claims a grant may release: acr always, the name only with the profile category. */
const releasableClaims = (scopes: readonly string[]) => ['sub', 'acr', ...(scopes.includes(scopeOf('profile')) ? ['name', 'given_name'] : [])];

/**
 * What a grant holds for an authorization request: openid and the accepted categories' scopes, of those the client
 * asked for, and the claims those allow; everything else the client asked for is rejected (so the provider does not
 * ask again).
 */
export function grantFor(params: Record<string, unknown>, acceptedCategories: readonly string[]): { scopes: string[]; rejectedScopes: string[]; claims: string[]; rejectedClaims: string[] } {
  const asked = new Set((typeof params.scope === 'string' ? params.scope : '').split(' ').filter(Boolean));
  const scopes = ['openid', ...acceptedCategories.map(scopeOf).filter((scope) => asked.has(scope))];
  const rejectedScopes = [...asked].filter((scope) => !scopes.includes(scope));
  const askedClaims = new Set<string>();
  try {
    const claims = (typeof params.claims === 'string' ? JSON.parse(params.claims) : params.claims) as Record<string, Record<string, unknown> | undefined> | undefined;
    for (const where of ['id_token', 'userinfo']) for (const name of Object.keys(claims?.[where] ?? {})) askedClaims.add(name);
  } catch {
    // oidc-provider has already refused a claims parameter that is not JSON
  }
  const allowed = releasableClaims(scopes);
  return { scopes, rejectedScopes, claims: allowed.filter((claim) => claim !== 'sub'), rejectedClaims: [...askedClaims].filter((claim) => !allowed.includes(claim)) };
}

/** Seconds a grant lives: as long as the consent it rests on, or a session's length without one. */
export async function grantLifetime(db: Db, citizenId: string, consentId: string | undefined): Promise<number> {
  if (!consentId) return SSO_TTL.Session;
  const until = await withTenant(db, { citizen: citizenId }, (trx) => selectConsentValidUntil(trx, consentId));
  const seconds = until ? Math.floor((until.getTime() - Date.now()) / 1000) : 0;
  return seconds > 60 ? seconds : SSO_TTL.Session;
}

/**
 * Where the marketplace sends a citizen to open a listing's service: OpenID Connect third-party initiated login at
 * the listing's initiate_login_uri (or its service URL) with our issuer and the service as target. Undefined when
 * the listing has no live version or no address.
 */
export async function launchUrlFor(db: Db, issuer: string, listingId: string): Promise<string | undefined> {
  const target = await selectLaunchTarget(db, listingId);
  const start = target?.initiate_login_uri ?? target?.service_url;
  if (!target || !start || !/^https?:\/\//.test(start)) return undefined;
  const url = new URL(start);
  url.searchParams.set('iss', issuer);
  if (target.service_url) url.searchParams.set('target_link_uri', target.service_url);
  return url.href;
}
