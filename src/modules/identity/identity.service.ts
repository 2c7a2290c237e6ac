import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { acrValuesAtLeast, meetsLevel, nsisLevelFromClaims, nsisLevels, type NsisLevel } from '../../platform/auth/nsis.ts';
import { audiences, organisationKinds, roles, rolesOfAudience, type Audience, type Principal, type Role } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Config, IdentityProviderSettings } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { safeRedirectPath } from '../../platform/http/safe-redirect.ts';
import { getMunicipality, listAllMunicipalities } from '../municipalities/index.ts';
import { getOrganisation, kommuneOrganisationId, listOrganisations } from '../organisations/index.ts';
import { isValidCvr } from '../vendors/index.ts';
import { claimNames } from './identity.claims.ts';
import { identityPolicy, staffRolesOfOrganisation } from './identity.policy.ts';
import { clientFor, identityProviders, providerFor, servesOrganisation, type IdpClients } from './identity.providers.ts';
import { residenceFromIdentity, type ResidenceLookup } from './identity.residence.ts';
import {
  deleteSession,
  deleteSessionsOfSubject,
  insertSession,
  insertSignInAttempt,
  recordCitizenSignIn,
  recordStaffSignIn,
  selectStaffMembers,
  selectLiveSession,
  takeSignInAttempt,
  touchSession,
} from './identity.repository.ts';

/** `changes`: the app's bus, told when this process ends sessions (src/platform/changes.ts). */
export type IdentityDeps = {
  db: Db;
  config: Config;
  logger: Logger;
  residence?: ResidenceLookup;
  changes?: ChangeBus | undefined;
  /** The app's discovered IdP clients (identity.providers.ts); without them every sign-in discovers its IdP anew. */
  idpClients?: IdpClients | undefined;
};

const SIGN_IN_TTL_SECONDS = 600;
const TOUCH_AFTER_MS = 60_000;

/**
 * Why a sign-in failed; each has its own plain explanation page. `person`: a step-up or re-authentication came back
 * with another person than the session's, so that session was ended. `municipality`: a staff IdP said the person
 * works for a municipality (or an a-kasse or another actor) it does not sign in for.
 */
export type SignInFailure = 'state' | 'cancelled' | 'token' | 'level' | 'identity' | 'person' | 'municipality';

/**
 * The way on that a failure page offers: signing in again (audience, page to return to, level); for `municipality`
 * also the organisation the IdP reported (`code`: what the sign-in page's choice sends for it — a municipality's code,
 * or an a-kasse's or other actor's id — and its name), the name of the one chosen, and whether any IdP here signs in
 * its staff.
 */
export type SignInRetry = {
  audience: Audience;
  returnTo: string;
  requiredLevel: NsisLevel;
  municipality?: { code: string; name: string; chosen: string | undefined; served: boolean };
};

/** Raised by completeSignIn. The reason picks the page; `detail` goes to the log only. */
export class SignInError extends Error {
  readonly reason: SignInFailure;
  readonly detail: string;
  readonly retry: SignInRetry | undefined;
  constructor(reason: SignInFailure, detail: string, retry?: SignInRetry) {
    super(detail);
    this.reason = reason;
    this.detail = detail;
    this.retry = retry;
    this.name = 'SignInError';
  }
}

const hash = (value: string) => createHash('sha256').update(value).digest();

/**
 * Starts a sign-in at the audience's IdP: stores state, nonce and PKCE verifier for one use, and asks for an
 * essential acr at or above the required level (oidc-provider does not enforce acr_values). When the browser has a
 * live session of the same audience (`sessionToken`), this is a step-up or re-authentication of that session's
 * person: the attempt remembers who, and the callback accepts no one else. `fresh` (genlogin=1) asks for an
 * authentication made now (max_age=0). Returns the URL to send the browser to and the state to bind to the browser.
 * Throws NOT_FOUND when no IdP is configured.
 */
export async function startSignIn(
  deps: IdentityDeps,
  request: {
    audience: Audience;
    /** Staff: the organisation chosen ('kommune-<code>', 'akasse-<cvr>', 'aktoer-<cvr>'). */
    organisationId?: string | undefined;
    requiredLevel: NsisLevel;
    returnTo: string;
    sessionToken?: string | undefined;
    fresh?: boolean;
  },
): Promise<{ authorizationUrl: string; state: string }> {
  const provider = providerFor(deps.config, request.audience, request.organisationId);
  const client = await clientFor(deps.config, provider, deps.idpClients);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const current =
    request.sessionToken && request.sessionToken.length <= 100
      ? await selectLiveSession(deps.db, hash(request.sessionToken), deps.config.session.idleMinutes)
      : undefined;
  const expected = current?.audience === request.audience ? current : undefined;
  await insertSignInAttempt(deps.db, {
    expected_issuer: expected?.idp_issuer ?? null,
    expected_subject: expected?.subject ?? null,
    expected_citizen_id: expected ? citizenIdOf(expected.principal) : null,
    max_age: request.fresh ? 0 : null,
    state_hash: hash(state),
    nonce,
    code_verifier: codeVerifier,
    audience: request.audience,
    municipality_code: municipalityOfOrganisation(request.organisationId) ?? null,
    organisation_id: request.organisationId ?? null,
    required_level: request.requiredLevel,
    // Checked again here, where it is kept: whatever a caller passes, the callback redirects only within the site.
    return_to: safeRedirectPath(request.returnTo, deps.config.baseUrl),
    ttlSeconds: SIGN_IN_TTL_SECONDS,
  });
  const url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: `${deps.config.baseUrl}/auth/callback`,
    scope: 'openid nemlogin',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    // A fresh authentication at every sign-in and step-up, as NemLog-in's ForceAuthn.
    prompt: 'login',
    ...(request.fresh ? { max_age: '0' } : {}),
    claims: JSON.stringify({ id_token: { acr: { essential: true, values: acrValuesAtLeast(request.requiredLevel) } } }),
  });
  return { authorizationUrl: url.href, state };
}

const baseClaimsSchema = z.object({
  sub: z.string().min(1),
  [claimNames.fullName]: z.string().min(1).max(200),
  [claimNames.roles]: z.array(z.string()).optional(),
});
const citizenClaimsSchema = baseClaimsSchema.extend({
  [claimNames.cpr]: z.string().regex(/^[0-9]{10}$/),
  [claimNames.cprUuid]: z.string().min(1),
});
const professionalClaimsSchema = baseClaimsSchema.extend({
  [claimNames.cvr]: z.string().refine(isValidCvr, 'not a valid CVR number'),
  [claimNames.orgName]: z.string().min(1),
});

const organisationIdPattern = /^(kommune-[0-9]{3}|akasse-[0-9]{8}|aktoer-[0-9]{8})$/;

/** The organisation a staff identity says its person works for: its organisation claim, else its municipality claim. */
function employerFromClaims(claims: Record<string, unknown>): string | undefined {
  const organisation = claims[claimNames.organisation];
  if (typeof organisation === 'string' && organisationIdPattern.test(organisation)) return organisation;
  const code = claims[claimNames.municipality];
  return typeof code === 'string' && /^[0-9]{3}$/.test(code) ? kommuneOrganisationId(code) : undefined;
}

/** The municipality's code of a kommune's organisation id; undefined for any other. */
function municipalityOfOrganisation(organisationId: string | undefined): string | undefined {
  return organisationId ? /^kommune-([0-9]{3})$/.exec(organisationId)?.[1] : undefined;
}

/**
 * Completes a sign-in from the IdP's callback: checks the browser-bound state (single use, not expired),
 * exchanges the code with PKCE, verifies the ID token (issuer, signature, nonce, and for a re-authentication its
 * auth_time — openid-client), makes sure a step-up or re-authentication came back with the session's own person
 * (else ends the browser's session, `sessionToken`), normalises the NSIS level and refuses one below what was asked
 * for, builds the principal and opens a new session. Returns the session token and where to go. Throws SignInError;
 * never leaves a session behind on failure.
 */
export async function completeSignIn(
  deps: IdentityDeps,
  callback: { url: URL; boundState: string | undefined; sessionToken?: string | undefined },
): Promise<{ token: string; returnTo: string; principal: Principal }> {
  const state = callback.url.searchParams.get('state') ?? '';
  if (!state || !callback.boundState || state !== callback.boundState) throw new SignInError('state', 'state missing or not bound to this browser');
  const attempt = await takeSignInAttempt(deps.db, hash(state));
  if (!attempt) throw new SignInError('state', 'state unknown, used before or expired');
  const idpError = callback.url.searchParams.get('error');
  if (idpError) throw new SignInError('cancelled', `the IdP answered ${idpError}: ${callback.url.searchParams.get('error_description') ?? ''}`);

  const audience = z.enum(audiences).parse(attempt.audience);
  const requiredLevel = z.enum(nsisLevels).parse(attempt.required_level);
  // An attempt from before organisations (0051) has only the municipality.
  const chosen = attempt.organisation_id ?? (attempt.municipality_code ? kommuneOrganisationId(attempt.municipality_code) : undefined);
  const provider = providerFor(deps.config, audience, chosen);
  let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  try {
    tokens = await oidc.authorizationCodeGrant(await clientFor(deps.config, provider, deps.idpClients), callback.url, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
      ...(attempt.max_age !== null ? { maxAge: attempt.max_age } : {}),
    });
  } catch (error) {
    // openid-client wraps the precise complaint (e.g. 'unexpected ID Token "nonce" claim value') in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const reason = `${error instanceof Error ? error.message : String(error)}${cause}`;
    throw new SignInError('token', `code exchange or ID token check failed: ${reason}`);
  }
  const claims = tokens.claims() as Record<string, unknown> | undefined;
  const idToken = tokens.id_token;
  if (!claims || !idToken) throw new SignInError('token', 'no ID token');

  const retry: SignInRetry = { audience, returnTo: attempt.return_to, requiredLevel };
  // Before anything is recorded of whoever answered: a step-up must not hand the session to someone else, and the
  // session it was started from ends, since its browser has just been used by another person.
  if (attempt.expected_subject !== null && (claims.sub !== attempt.expected_subject || provider.issuer !== attempt.expected_issuer)) {
    if (callback.sessionToken) await signOut(deps, callback.sessionToken);
    throw new SignInError(
      'person',
      `step-up of ${attempt.expected_subject} answered by ${String(claims.sub)} (${provider.issuer}); the session was ended`,
      retry,
    );
  }

  const level = nsisLevelFromClaims(claims);
  if (!level) throw new SignInError('level', `unknown assurance level (acr ${JSON.stringify(claims.acr)})`);
  if (!meetsLevel(level, requiredLevel)) throw new SignInError('level', `signed in at ${level}, ${requiredLevel} required`);

  const principal = await principalFromClaims(deps, audience, claims, level, { provider, chosen, retry });
  // The CPR UUID decides who a citizen is, whatever the IdP's subject looks like.
  if (attempt.expected_citizen_id !== null && principal.citizenId !== attempt.expected_citizen_id) {
    if (callback.sessionToken) await signOut(deps, callback.sessionToken);
    throw new SignInError(
      'person',
      `step-up of citizen ${attempt.expected_citizen_id} answered by citizen ${principal.citizenId ?? ''}; the session was ended`,
      retry,
    );
  }
  // Staff enter their organisation's directory, so colleagues can assign them work and notifications can reach them.
  if (audience === 'staff' && principal.organisation)
    await recordStaffSignIn(deps.db, { organisationId: principal.organisation.id, subject: principal.subject, name: principal.name, roles: principal.roles });
  const authTime = authTimeOf(claims);
  const token = randomBytes(32).toString('base64url');
  await insertSession(deps.db, {
    token_hash: hash(token),
    subject: principal.subject,
    audience,
    principal,
    nsis_level: level,
    idp_issuer: provider.issuer,
    id_token: idToken,
    auth_time: authTime,
    absoluteHours: deps.config.session.absoluteHours,
  });
  return { token, returnTo: safeRedirectPath(attempt.return_to, deps.config.baseUrl), principal: { ...principal, authTime } };
}

function citizenIdOf(principal: Record<string, unknown>): string | null {
  return typeof principal.citizenId === 'string' ? principal.citizenId : null;
}

/** The ID token's auth_time (seconds since the epoch), or now — the callback's time — when the IdP sent none. */
function authTimeOf(claims: Record<string, unknown>): Date {
  const parsed = z.number().int().positive().safeParse(claims.auth_time);
  return parsed.success ? new Date(parsed.data * 1000) : new Date();
}

async function principalFromClaims(
  deps: IdentityDeps,
  audience: Audience,
  claims: Record<string, unknown>,
  nsisLevel: NsisLevel,
  signIn: { provider: IdentityProviderSettings; chosen: string | undefined; retry: SignInRetry },
): Promise<Principal> {
  const schema = audience === 'citizen' ? citizenClaimsSchema : audience === 'vendor' ? professionalClaimsSchema : baseClaimsSchema;
  const parsed = schema.safeParse(claims);
  if (!parsed.success)
    throw new SignInError('identity', `claims do not fit the ${audience} audience: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const name = parsed.data[claimNames.fullName];
  // An IdP may only grant the roles of its own audience; anything else it claims is ignored.
  const granted = (parsed.data[claimNames.roles] ?? []).filter(
    (r): r is Role => (roles as readonly string[]).includes(r) && rolesOfAudience[audience].includes(r as Role),
  );
  const base = { subject: parsed.data.sub, name, audience, nsisLevel };

  if (audience === 'citizen') {
    const citizenClaims = citizenClaimsSchema.parse(claims);
    const residence = deps.residence ?? residenceFromIdentity;
    const code = await residence.municipalityOf({ cpr: citizenClaims[claimNames.cpr], claims });
    if (!code) throw new SignInError('identity', 'no municipality of residence for the citizen');
    const municipality = await municipalityNamed(deps.db, code);
    const citizenId = await recordCitizenSignIn(deps.db, {
      personUuid: citizenClaims[claimNames.cprUuid],
      cpr: citizenClaims[claimNames.cpr],
      name,
      municipalityCode: code,
    });
    return { ...base, roles: ['citizen'], municipality, citizenId };
  }
  if (granted.length === 0) throw new SignInError('identity', `the IdP granted no ${audience} role`);
  if (audience === 'staff') {
    // The IdP knows where the person works, and its word decides over the one picked on our page, as long as it
    // signs in for that organisation: one organisation's IdP never grants roles in another.
    const id = employerFromClaims(claims) ?? signIn.chosen;
    if (!id) throw new SignInError('identity', 'staff organisation neither chosen nor reported by the IdP');
    const employer = await staffOrganisation(deps.db, id);
    if (!servesOrganisation(signIn.provider, id)) {
      const chosen = signIn.chosen ? (await staffOrganisation(deps.db, signIn.chosen)).shortName : undefined;
      const served = identityProviders(deps.config).some((p) => p.audience === 'staff' && servesOrganisation(p, id));
      throw new SignInError(
        'municipality',
        `the staff IdP ${signIn.provider.issuer} (chosen ${signIn.chosen ?? 'none'}) reported organisation ${id}, which it does not serve`,
        { ...signIn.retry, municipality: { code: employer.choice, name: employer.shortName, chosen, served } },
      );
    }
    if (employer.municipality)
      return { ...base, roles: granted, municipality: employer.municipality, organisation: kommuneOrganisation(employer.municipality) };
    // Whatever else their IdP grants an a-kasse's or another actor's staff is ignored (identity.policy.ts says which).
    const caseRoles = granted.filter((granting) => staffRolesOfOrganisation[employer.organisation.kind].includes(granting));
    if (caseRoles.length === 0) throw new SignInError('identity', `the IdP granted no role an employee of ${id} may have`);
    return { ...base, roles: caseRoles, organisation: employer.organisation };
  }
  if (audience === 'vendor') {
    const professional = professionalClaimsSchema.parse(claims);
    return { ...base, roles: granted, vendor: { cvr: professional[claimNames.cvr], name: professional[claimNames.orgName] } };
  }
  return { ...base, roles: granted };
}

async function municipalityNamed(db: Db, code: string): Promise<{ code: string; name: string }> {
  try {
    const { municipality } = await getMunicipality(db, code);
    return { code, name: municipality.name };
  } catch {
    throw new SignInError('identity', `unknown municipality ${code}`);
  }
}

/**
 * The organisation a staff member signs in for: a municipality (as today, from the municipalities' register), or an
 * active a-kasse or other actor from the organisations' register. `choice` is what the sign-in page's choice sends for
 * it; `shortName` what the pages call it ("Aarhus", "3F A-kasse"). Throws SignInError('identity') for an unknown or
 * deactivated one.
 */
async function staffOrganisation(
  db: Db,
  id: string,
): Promise<{ choice: string; shortName: string; municipality?: { code: string; name: string }; organisation: NonNullable<Principal['organisation']> }> {
  const code = municipalityOfOrganisation(id);
  if (code) {
    const municipality = await municipalityNamed(db, code);
    return { choice: code, shortName: municipality.name, municipality, organisation: kommuneOrganisation(municipality) };
  }
  const organisation = await getOrganisation(db, id).catch(() => undefined);
  if (!organisation?.active) throw new SignInError('identity', `unknown or deactivated organisation ${id}`);
  return { choice: id, shortName: organisation.name, organisation: { id, kind: organisation.kind, name: organisation.name } };
}

/** A municipality as the organisation its staff sign in for. */
export function kommuneOrganisation(municipality: { code: string; name: string }): NonNullable<Principal['organisation']> {
  return { id: `kommune-${municipality.code}`, kind: 'kommune', name: `${municipality.name} Kommune` };
}

const principalSchema = z.object({
  subject: z.string(),
  name: z.string(),
  audience: z.enum(audiences),
  roles: z.array(z.enum(roles)),
  nsisLevel: z.enum(nsisLevels),
  municipality: z.object({ code: z.string(), name: z.string() }).optional(),
  organisation: z.object({ id: z.string(), kind: z.enum(organisationKinds), name: z.string() }).optional(),
  vendor: z.object({ cvr: z.string(), name: z.string() }).optional(),
  citizenId: z.string().optional(),
});

/** The principal of a live session (touching it so it stays alive while used), or undefined. */
export type LiveSession = { principal: Principal; subject: string; expiresAt: number; lastSeenAt: number };

/** The SHA-256 the session table keys a token by. */
export function sessionKey(token: string): Buffer {
  return hash(token);
}

/** A live session behind a token (not past its lifetime, not idle too long), or undefined. */
export async function loadSession(deps: IdentityDeps, tokenHash: Buffer): Promise<LiveSession | undefined> {
  const session = await selectLiveSession(deps.db, tokenHash, deps.config.session.idleMinutes);
  if (!session) return undefined;
  const parsed = principalSchema.safeParse(session.principal);
  if (!parsed.success) return undefined;
  // A municipality's staff session from before organisations acts for its municipality.
  const organisation =
    parsed.data.organisation ?? (parsed.data.audience === 'staff' && parsed.data.municipality ? kommuneOrganisation(parsed.data.municipality) : undefined);
  return {
    principal: { ...parsed.data, organisation, authTime: session.auth_time },
    subject: session.subject,
    expiresAt: session.expires_at.getTime(),
    lastSeenAt: session.last_seen_at.getTime(),
  };
}

/** Records activity on a session when the last record is older than a minute; returns when it was last recorded. */
export async function touchIfDue(deps: IdentityDeps, tokenHash: Buffer, lastSeenAt: number, now = Date.now()): Promise<number> {
  if (now - lastSeenAt <= TOUCH_AFTER_MS) return lastSeenAt;
  await touchSession(deps.db, tokenHash);
  return now;
}

/** What the staff sign-in page offers, by kind: municipalities by code, a-kasser and other actors by id; each in name order. */
/** A colleague in the staff directory: who signed in for the organisation, with the roles they had then. */
export type StaffMember = { subject: string; name: string; roles: Role[] };

/**
 * The staff who have signed in for the actor's organisation, in name order (only those with `role` when given): the
 * people a citizen, a message thread or a meeting can be assigned to. FORBIDDEN for anyone not acting for an organisation.
 */
export async function listStaffMembers(db: Db, actor: Principal, options: { role?: Role | undefined } = {}): Promise<StaffMember[]> {
  const organisation = actor.organisation?.id;
  if (!organisation || !identityPolicy.can(actor, 'staff.list')) throw new AppError('FORBIDDEN', 'Only staff of an organisation see its staff.');
  return withTenant(db, { organisation }, (trx) => selectStaffMembers(trx, organisation, options.role));
}

export type StaffSignInChoices = {
  municipalities: { code: string; name: string }[];
  akasser: { id: string; name: string }[];
  actors: { id: string; name: string }[];
};

/** The organisations whose staff can sign in here (an IdP without a list serves them all); deactivated ones are left out. */
export async function staffSignInChoices(deps: IdentityDeps): Promise<StaffSignInChoices> {
  const staffIdps = identityProviders(deps.config).filter((p) => p.audience === 'staff');
  const served = (id: string) => staffIdps.some((p) => servesOrganisation(p, id));
  const [municipalities, akasser, actors] = await Promise.all([
    listAllMunicipalities(deps.db),
    listOrganisations(deps.db, { kind: 'akasse' }),
    listOrganisations(deps.db, { kind: 'anden_aktoer' }),
  ]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'da');
  const pick = (list: { id: string; name: string }[]) => list.filter((o) => served(o.id)).map((o) => ({ id: o.id, name: o.name }));
  return {
    municipalities: municipalities
      .filter((m) => served(kommuneOrganisationId(m.code)))
      .map((m) => ({ code: m.code, name: m.name }))
      .sort(byName),
    akasser: pick(akasser).sort(byName),
    actors: pick(actors).sort(byName),
  };
}

// Ending a session publishes sessionEnded after the delete, so this process's session cache forgets it before the
// answer goes out; other processes hear it from the database (the session trigger of migrations 0019 and 0037).
async function sessionsEnded(deps: IdentityDeps, tokenHashes: Buffer[]): Promise<void> {
  for (const tokenHash of tokenHashes) await deps.changes?.publish('sessionEnded', { tokenHash: tokenHash.toString('hex') });
}

/** Ends one session here and gives the IdP's end-session URL (RP-initiated logout), or undefined when unknown. */
export async function signOut(deps: IdentityDeps, token: string | undefined): Promise<string | undefined> {
  if (!token) return undefined;
  const ended = await deleteSession(deps.db, hash(token));
  await sessionsEnded(deps, [hash(token)]);
  if (!ended) return undefined;
  return endSessionUrl(deps, ended.audience, ended.idp_issuer, ended.id_token);
}

/** Ends every session of the person, on every device; gives the IdP logout URL for the current one. */
export async function signOutEverywhere(deps: IdentityDeps, token: string, principal: Principal): Promise<{ ended: number; logoutUrl: string | undefined }> {
  const logoutUrl = await signOut(deps, token);
  const others = await deleteSessionsOfSubject(deps.db, principal.subject);
  await sessionsEnded(deps, others);
  return { ended: others.length + 1, logoutUrl };
}

async function endSessionUrl(deps: IdentityDeps, audience: string, issuer: string, idToken: string): Promise<string | undefined> {
  const provider = identityProviders(deps.config).find((p) => p.issuer === issuer && p.audience === audience);
  if (!provider) return undefined;
  try {
    const client = await clientFor(deps.config, provider, deps.idpClients);
    return oidc.buildEndSessionUrl(client, { id_token_hint: idToken, post_logout_redirect_uri: `${deps.config.baseUrl}/log-af/faerdig` }).href;
  } catch {
    return undefined;
  }
}
