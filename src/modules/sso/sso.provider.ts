// The platform as OpenID Provider for vendor services (oidc-provider 9): clients are listings' live versions, the
// citizen's platform session is the login, consent decides the scopes, access tokens are opaque and DPoP-bound,
// subjects are pairwise per vendor, and `acr` is the citizen's NSIS level.
import { createHash } from 'node:crypto';
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { acrFor, nsisLevels } from '../../platform/auth/nsis.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { postgresAdapter, VENDOR_ID_METADATA } from './sso.adapter.ts';
import { pairwiseSubject } from '../../platform/crypto/pairwise.ts';
import type { SigningKey } from '../../platform/crypto/signing-keys.ts';
import { RequestCounter } from './sso.rate-limit.ts';
import { claimOnce, selectCitizenMunicipality, selectCitizenName } from './sso.repository.ts';
import { burnCode, type RevocationDeps } from './sso.revocation.ts';
import type { SsoCaches } from './sso.caches.ts';
import { renderLogoutConfirmation, renderLogoutDone, renderProviderError } from './sso.views.ts';

export const OIDC_PATH = '/oidc';
export const INTERACTION_PATH = '/oidc-interaktion';

/** The data categories a vendor may ask for, each as a scope `jobunivers:<code>`. */
export const dataCategoryCodes = ['profile', 'contact', 'cv', 'job_wishes', 'plan'] as const;
export const scopeOf = (category: string) => `jobunivers:${category}`;
export const categoryOfScope = (scope: string) => (scope.startsWith('jobunivers:') ? scope.slice('jobunivers:'.length) : undefined);

/** Seconds the provider's artefacts live. */
export const SSO_TTL = { AccessToken: 600, AuthorizationCode: 60, IdToken: 300, Session: 8 * 3600, Interaction: 900, PushedAuthorizationRequest: 60 } as const;

export function issuerOf(config: Pick<Config, 'baseUrl'>): string {
  return `${config.baseUrl}${OIDC_PATH}`;
}

/**
 * Builds the provider; `keys` are the platform's signing keys, the active one first. `passesWithoutInteraction`
 * decides whether an authorization request may go straight to the code (sso.service.ts checkSilentAuthorization).
 */
export function createSsoProvider(
  deps: {
    db: Db;
    stateDb: Db;
    config: Config;
    changes: ChangeBus;
    caches: SsoCaches;
    passesWithoutInteraction: (ctx: KoaContextWithOIDC) => Promise<boolean>;
  },
  keys: readonly SigningKey[],
): Provider {
  const { db, config } = deps;
  const { citizens } = deps.caches;
  const policy = interactionPolicy.base();
  // The platform session is the login, checked at every authorization with the level, the municipality's enablement
  // and consent — not taken from an earlier provider session: either the interaction checks them, or, when this
  // browser's provider session and grant already say exactly what the checks find now, they pass without it.
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('platform_session', 'the platform session, the listing and consent are checked at every authorization', async (ctx) =>
        ctx.oidc.result?.login || (await deps.passesWithoutInteraction(ctx))
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  const configuration: Configuration = {
    adapter: postgresAdapter({ db, stateDb: deps.stateDb, config, changes: deps.changes, clients: deps.caches.clients }),
    jwks: { keys: keys.map((key) => key.privateJwk) },
    cookies: { keys: [config.cookieSecret], long: { signed: true }, short: { signed: true } },
    pkce: { required: () => true },
    // What clients can use, and so all discovery advertises: code with PKCE, private_key_jwt or client_secret_basic,
    // asymmetric signatures only (clients' keys, DPoP proofs), ES256 id tokens.
    responseTypes: ['code'],
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    acrValues: nsisLevels.map(acrFor),
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => {
      const vendorId = (client as unknown as Record<string, unknown>)[VENDOR_ID_METADATA];
      if (typeof vendorId !== 'string') throw new Error('A client without a vendor cannot have pairwise subjects.');
      return pairwiseSubject(config, vendorId, accountId);
    },
    extraClientMetadata: { properties: [VENDOR_ID_METADATA] },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'private_key_jwt',
    },
    scopes: ['openid', ...dataCategoryCodes.map(scopeOf)],
    // The id token carries acr (the citizen's NSIS level) always; name and given_name only with the profile scope.
    claims: { openid: ['sub', 'acr'], [scopeOf('profile')]: ['name', 'given_name'] },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: async (_use, scope) => {
        const sub = accountId;
        if (!scope.split(' ').includes(scopeOf('profile'))) return { sub };
        const name = citizens.take(accountId)?.name ?? (await withTenant(db, { citizen: accountId }, (trx) => selectCitizenName(trx, accountId)));
        return name ? { sub, name, given_name: name.split(/\s+/)[0] } : { sub };
      },
    }),
    extraTokenClaims: async (ctx, token) => {
      if (token.kind !== 'AccessToken' || !('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      const code = ctx.oidc.entities.AuthorizationCode;
      const accountId = token.accountId;
      const municipality =
        citizens.take(accountId)?.municipality ?? (await withTenant(db, { citizen: accountId }, (trx) => selectCitizenMunicipality(trx, accountId)));
      return { acr: code?.acr, municipality };
    },
    interactions: { policy, url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    ttl: {
      ...SSO_TTL,
      // The grant lives as long as the consent it was made from; the interaction sets it (expiresIn) before saving.
      Grant: (_ctx, grant) => (grant as { expiresIn?: number }).expiresIn ?? SSO_TTL.Session,
    },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      dPoP: { enabled: true },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = renderLogoutConfirmation(localeOf(ctx), form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = renderLogoutDone(localeOf(ctx));
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderProviderError(localeOf(ctx), String(out.error));
    },
    enabledJWA: {
      dPoPSigningAlgValues: ['ES256', 'EdDSA', 'PS256', 'RS256'],
      clientAuthSigningAlgValues: ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'],
      idTokenSigningAlgValues: ['ES256'],
      requestObjectSigningAlgValues: ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'],
      userinfoSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
    },
    // oidc-provider refuses to fetch from special-use addresses (SSRF); the vendor sandbox (never in production) lets a
    // vendor's development server on this machine publish its keys and hear logouts.
    fetch: (url, options) => {
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url instanceof URL ? url.href : url).hostname);
      if (loopback && config.listingChecks.sandbox && config.env !== 'production') delete (options as { dispatcher?: unknown }).dispatcher;
      return globalThis.fetch(url, options);
    },
  };
  const provider = new Provider(issuerOf(config), configuration);
  provider.proxy = config.trustProxy;
  // oidc-provider checks a client assertion's or DPoP proof's id by looking it up and then storing it: two round
  // trips, and two processes could both find it missing. One statement does both, atomically (same id as oidc-provider's).
  const replayDetection = (provider as unknown as { ReplayDetection: { unique(iss: string, jti: string, exp: number): Promise<boolean> } }).ReplayDetection;
  Object.defineProperty(replayDetection, 'unique', {
    value: (iss: string, jti: string, exp: number) =>
      claimOnce(deps.stateDb, 'ReplayDetection', createHash('sha256').update(`${iss}${jti}`).digest('base64url'), { iss, jti }, new Date(exp * 1000)),
  });
  limitRequests(provider, config);
  burnCodesPresentedWrongly(provider, { db, changes: deps.changes });
  return provider;
}

/** The provider's paths (below the issuer) and route names that are rate limited. */
const LIMITED_PATHS = new Set(['/request', '/token']);
const LIMITED_ROUTES = new Set(['pushed_authorization_request', 'token']);

/**
 * PAR and token requests per address (before anything is read) and per client (once the client is named, before its
 * authentication is checked): over the limit the answer is 429 `slow_down` with Retry-After.
 */
function limitRequests(provider: Provider, config: Config): void {
  const byAddress = new RequestCounter(config.rateLimit.oidcPerAddressPerMinute);
  const byClient = new RequestCounter(config.rateLimit.oidcPerClientPerMinute);
  const description = 'Too many requests; try again after Retry-After seconds.';
  provider.use(async (ctx, next) => {
    const wait = ctx.method === 'POST' && LIMITED_PATHS.has(ctx.path) ? byAddress.take(ctx.ip) : undefined;
    if (wait === undefined) {
      await next();
      return;
    }
    ctx.status = 429;
    ctx.set('Retry-After', String(wait));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { error: 'slow_down', error_description: description };
  });
  // The client is named in the request (client_id, the assertion's sub, Basic) and looked up once per request.
  const counted = new WeakSet<object>();
  const Client = provider.Client as unknown as { find(id: string, ...rest: unknown[]): Promise<unknown> };
  const find = Client.find.bind(Client);
  Object.defineProperty(Client, 'find', {
    value: async (id: string, ...rest: unknown[]) => {
      const ctx = Provider.ctx;
      if (ctx && LIMITED_ROUTES.has(ctx.oidc.route) && !counted.has(ctx)) {
        counted.add(ctx);
        const wait = byClient.take(String(id));
        if (wait !== undefined) {
          ctx.set('Retry-After', String(wait));
          throw Object.assign(new errors.SlowDown(description), { status: 429, statusCode: 429 });
        }
      }
      return find(id, ...rest);
    },
  });
}

/**
 * A token request that gets a code wrong (invalid_grant: a wrong PKCE verifier, another client or redirect_uri, a
 * code already used) ends the code, before the answer goes out (sso.revocation.ts burnCode).
 */
function burnCodesPresentedWrongly(provider: Provider, deps: RevocationDeps): void {
  const refused = new WeakSet<object>();
  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: { error?: string }) => {
    if (error.error === 'invalid_grant') refused.add(ctx);
  });
  provider.use(async (ctx, next) => {
    await next();
    if (!refused.has(ctx)) return;
    const params = (ctx as KoaContextWithOIDC).oidc.params;
    if (params?.grant_type === 'authorization_code' && typeof params.code === 'string' && params.code.length < 200) await burnCode(deps, params.code);
  });
}

function localeOf(ctx: KoaContextWithOIDC): Locale {
  return /(?:^|;\s*)lang=en/.test(ctx.get('cookie')) ? 'en' : 'da';
}
