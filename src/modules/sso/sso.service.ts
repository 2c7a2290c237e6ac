// What happens between a vendor's authorization request and the code: the citizen's platform session is the login,
// the listing's NSIS level is enforced by step-up, the citizen's municipality must have enabled the listing, and
// consent decides which data scopes the grant holds.
import { acrFor, meetsLevel, rank, type NsisLevel } from '../../platform/auth/nsis.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { consentStanding, loadConsentRequest, recordConsent, type ConsentAnswer, type ConsentRequest } from '../consent/index.ts';
import { scopeOf, SSO_TTL } from './sso.provider.ts';
import { ssoPolicy } from './sso.policy.ts';
import { createHash } from 'node:crypto';
import {
  selectCitizenName,
  selectConsentValidUntil,
  selectInteractionListing,
  selectLaunchTarget,
  selectPlatformSessionStart,
  type InteractionListingRow,
} from './sso.repository.ts';

/** Where an authorization stands for the citizen in front of the browser. */
export type InteractionStep =
  | { kind: 'sign_in'; level: NsisLevel }
  | { kind: 'step_up'; level: NsisLevel }
  | { kind: 'refused'; reason: 'unknown_listing' | 'not_enabled'; listing?: InteractionListingRow | undefined }
  | { kind: 'consent'; listing: InteractionListingRow; request: ConsentRequest; citizenId: string; changed: boolean }
  | {
      kind: 'finish';
      listing: InteractionListingRow;
      citizenId: string;
      citizenName: string | undefined;
      level: NsisLevel;
      acceptedCategories: string[];
      consentId?: string | undefined;
    };

/** The level a sign-in for a listing asks for: the listing's, and never below Substantial's default for citizens' pages. */
function signInLevel(required: NsisLevel): NsisLevel {
  return rank(required) > rank('Substantial') ? required : 'Substantial';
}

/**
 * Checks a citizen's authorization at a listing: session, level, enablement, consent. Never throws for the
 * citizen's situation (each is a step); throws only on database failure.
 */
export async function checkAuthorization(db: Db, principal: Principal | undefined, listingId: string): Promise<InteractionStep> {
  const citizen = principal && ssoPolicy.can(principal, 'sso.sign-in-own') ? principal : undefined;
  const municipalityCode = citizen?.municipality?.code ?? '';
  // One transaction as the citizen and their municipality: the listing's enablement there, its data policy, and the
  // citizen's decision about it.
  return withTenant(db, { municipality: municipalityCode, citizen: citizen?.citizenId }, async (trx): Promise<InteractionStep> => {
    const listing = await selectInteractionListing(trx, listingId, municipalityCode);
    if (!listing) return { kind: 'refused', reason: 'unknown_listing' };
    if (!citizen?.citizenId || !citizen.municipality) return { kind: 'sign_in', level: signInLevel(listing.required_nsis_level) };
    // A Low session at a Substantial listing goes back to sign in at the listing's level, never through.
    if (!meetsLevel(citizen.nsisLevel, listing.required_nsis_level)) return { kind: 'step_up', level: listing.required_nsis_level };
    if (!listing.enabled) return { kind: 'refused', reason: 'not_enabled', listing };
    // The citizen's name as registered, for the tokens' claims (sso.provider.ts RecentCitizens).
    const finish = async (acceptedCategories: string[], consentId?: string) => ({
      kind: 'finish' as const,
      listing,
      citizenId: citizen.citizenId as string,
      citizenName: await selectCitizenName(trx, citizen.citizenId as string),
      level: citizen.nsisLevel,
      acceptedCategories,
      consentId,
    });
    // A service that asks for no data needs no decision: the citizen only signs in.
    if (listing.data_categories === 0) return finish([]);
    const request = await loadConsentRequest(trx, { citizenId: citizen.citizenId, municipalityCode: citizen.municipality.code, listingId });
    const standing = await consentStanding(trx, request);
    if (standing.kind === 'ask') return { kind: 'consent', listing, request, citizenId: citizen.citizenId, changed: standing.previous !== undefined };
    return finish(standing.acceptedCategories, standing.consentId);
  });
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

/** What the provider's grant for a client says (oidc-provider's Grant, as far as the comparison needs it). */
export type GrantLike = {
  jti?: string | undefined;
  accountId?: string | undefined;
  clientId?: string | undefined;
  getOIDCScope(): string;
  getRejectedOIDCScope(): Iterable<string>;
  getOIDCClaims(): Iterable<string>;
  getRejectedOIDCClaims(): Iterable<string>;
};

/** Whether a stored grant says exactly what `decided` (grantFor) gives this citizen at this client — no more, no less. */
export function grantMatches(grant: GrantLike | undefined, citizenId: string, clientId: string, decided: ReturnType<typeof grantFor>): boolean {
  const same = (a: Iterable<string>, b: Iterable<string>) => [...a].sort().join(' ') === [...b].sort().join(' ');
  return (
    grant?.jti !== undefined &&
    grant.accountId === citizenId &&
    grant.clientId === clientId &&
    same(grant.getOIDCScope().split(' ').filter(Boolean), decided.scopes) &&
    same(grant.getRejectedOIDCScope(), decided.rejectedScopes) &&
    same(grant.getOIDCClaims(), decided.claims) &&
    same(grant.getRejectedOIDCClaims(), decided.rejectedClaims)
  );
}

/**
 * Whether an authorization request goes through without the interaction (straight to the code): the browser's
 * provider session is the citizen of its platform session, signed in at the same level; checkAuthorization says
 * `finish` now (session, level, enablement, consent — asked at every authorization, as the interaction asks); and
 * the grant the provider holds for the client says exactly what that consent gives. A withdrawal destroys the grant
 * (revokeVendorAccess), so a withdrawn consent never passes here. Returns the step when it passes.
 */
export async function checkSilentAuthorization(
  db: Db,
  principal: Principal | undefined,
  provider: {
    accountId: string | undefined;
    acr: string | undefined;
    authTime: number | undefined;
    clientId: string;
    params: Record<string, unknown>;
    grant: GrantLike | undefined;
  },
  signedInAt: Date | undefined,
): Promise<Extract<InteractionStep, { kind: 'finish' }> | undefined> {
  if (!principal?.citizenId || provider.accountId !== principal.citizenId || provider.acr !== acrFor(principal.nsisLevel)) return undefined;
  // A sign-in since the provider's session began (another platform session): the interaction hands the new auth_time over.
  if (!signedInAt || provider.authTime !== epochSeconds(signedInAt)) return undefined;
  // No grant for this client in the session yet: the first launch in this browser decides in the interaction.
  if (provider.grant?.jti === undefined) return undefined;
  const step = await checkAuthorization(db, principal, provider.clientId);
  if (step.kind !== 'finish') return undefined;
  return grantMatches(provider.grant, step.citizenId, provider.clientId, grantFor(provider.params, step.acceptedCategories)) ? step : undefined;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * When the citizen behind a platform session signed in at the identity provider: the principal's `authTime`, or where
 * the session does not carry one, when the session began (every sign-in makes a new session). Undefined without a
 * session.
 */
export async function signInTimeOf(db: Db, principal: Principal | undefined, platformToken: string | undefined): Promise<Date | undefined> {
  if (!principal || !platformToken) return undefined;
  const reported = (principal as { authTime?: unknown }).authTime;
  const authTime = reported instanceof Date ? reported : typeof reported === 'string' || typeof reported === 'number' ? new Date(reported) : undefined;
  if (authTime && !Number.isNaN(authTime.getTime())) return authTime;
  return selectPlatformSessionStart(db, createHash('sha256').update(platformToken).digest());
}

/** What an authorization request asks of the sign-in's age (oidc-provider's interaction: its prompt, start and parameters). */
export type FreshnessDemand = { reasons: readonly string[]; prompt: unknown; maxAge: unknown; startedAt: number | undefined };

/**
 * Whether the citizen must sign in again before this authorization goes on: `prompt=login` wants a sign-in made
 * during this authorization, `max_age` one no older than that many seconds (or made during it — a sign-in takes longer
 * than a short max_age). False when neither was asked.
 */
export function needsFreshSignIn(demand: FreshnessDemand, signedInAt: Date | undefined, now = Date.now()): boolean {
  const login = demand.reasons.includes('login_prompt') || (typeof demand.prompt === 'string' && demand.prompt.split(' ').includes('login'));
  const maxAge = demand.maxAge === undefined || demand.maxAge === null || demand.maxAge === '' ? undefined : Number(demand.maxAge);
  if (!login && (maxAge === undefined || Number.isNaN(maxAge))) return false;
  if (!signedInAt) return true;
  const at = epochSeconds(signedInAt);
  if (demand.startedAt !== undefined && at >= demand.startedAt) return false;
  if (login) return true;
  return Math.floor(now / 1000) - at > (maxAge ?? 0);
}

/** The claims a grant may release: acr always, the name only with the profile category. */
const releasableClaims = (scopes: readonly string[]) => ['sub', 'acr', ...(scopes.includes(scopeOf('profile')) ? ['name', 'given_name'] : [])];

/**
 * What a grant holds for an authorization request: openid and the accepted categories' scopes, of those the client
 * asked for, and the claims those allow; everything else the client asked for is rejected (so the provider does not
 * ask again).
 */
export function grantFor(
  params: Record<string, unknown>,
  acceptedCategories: readonly string[],
): { scopes: string[]; rejectedScopes: string[]; claims: string[]; rejectedClaims: string[] } {
  const asked = new Set((typeof params.scope === 'string' ? params.scope : '').split(' ').filter(Boolean));
  const scopes = ['openid', ...acceptedCategories.map(scopeOf).filter((scope) => asked.has(scope))];
  const rejectedScopes = [...asked].filter((scope) => !scopes.includes(scope));
  const askedClaims = new Set<string>();
  try {
    const claims = (typeof params.claims === 'string' ? JSON.parse(params.claims) : params.claims) as
      Record<string, Record<string, unknown> | undefined> | undefined;
    for (const where of ['id_token', 'userinfo']) for (const name of Object.keys(claims?.[where] ?? {})) askedClaims.add(name);
  } catch {
    // oidc-provider has already refused a claims parameter that is not JSON
  }
  const allowed = releasableClaims(scopes);
  return {
    scopes,
    rejectedScopes,
    claims: allowed.filter((claim) => claim !== 'sub'),
    rejectedClaims: [...askedClaims].filter((claim) => !allowed.includes(claim)),
  };
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
