import { createHmac } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Audience } from '../../platform/auth/principal.ts';
import { LoadingCache } from '../../platform/cache.ts';
import type { Config, IdentityProviderSettings } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';

/** The clients the built-in test IdP knows: one per audience, with secrets derived from the cookie secret. */
export function testIdpClients(config: Config): { audience: Audience; clientId: string; clientSecret: string }[] {
  return (['citizen', 'staff', 'vendor', 'governance'] as const).map((audience) => ({
    audience,
    clientId: `jobunivers-${audience}`,
    clientSecret: createHmac('sha256', config.cookieSecret).update(`test-idp-client:${audience}`).digest('base64url'),
  }));
}

/** The identity providers in use: those configured, or the built-in test IdP for every audience. */
export function identityProviders(config: Config): IdentityProviderSettings[] {
  if (config.identityProviders.length > 0) return config.identityProviders;
  if (!config.testIdp.enabled) return [];
  return testIdpClients(config).map((client) => ({ ...client, issuer: `${config.baseUrl}/test-idp` }));
}

/**
 * Whether a staff IdP signs in the employees of an organisation ('kommune-<code>', 'akasse-<cvr>', 'aktoer-<cvr>'):
 * one listing neither municipalities nor organisations serves every organisation.
 */
export function servesOrganisation(provider: IdentityProviderSettings, organisationId: string): boolean {
  if (!provider.municipalities && !provider.organisations) return true;
  const municipality = /^kommune-([0-9]{3})$/.exec(organisationId)?.[1];
  return (
    (provider.organisations?.includes(organisationId) ?? false) || (municipality !== undefined && (provider.municipalities?.includes(municipality) ?? false))
  );
}

/** The IdP for an audience (and, for staff, an organisation's id). Throws NOT_FOUND when none is configured. */
export function providerFor(config: Config, audience: Audience, organisationId?: string): IdentityProviderSettings {
  const found = identityProviders(config).find(
    (p) =>
      p.audience === audience &&
      (audience !== 'staff' || (!p.municipalities && !p.organisations) || (organisationId !== undefined && servesOrganisation(p, organisationId))),
  );
  if (!found) throw new AppError('NOT_FOUND', `No identity provider is configured for ${audience}${organisationId ? ` in ${organisationId}` : ''}.`);
  return found;
}

/**
 * The IdPs' discovered client configurations, one set per app (identity's route module makes it): discovered once
 * and kept (a day at the most), a failed discovery tried again next time. Not database state, so always on and
 * following no change.
 */
export class IdpClients extends LoadingCache {
  constructor() {
    super({ ttlMs: 24 * 3600_000, maxEntries: 100 });
    this.setEnabled(true);
  }
}

// Non-repudiation checks: the ID token's signature is verified against the IdP's published keys even though
// it came straight from the token endpoint (OIDC Core lets clients skip that; a public platform should not).
function discover(config: Config, provider: IdentityProviderSettings): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { client_secret: provider.clientSecret, id_token_signed_response_alg: 'ES256' },
    oidc.ClientSecretBasic(provider.clientSecret),
    // Plain http is for the local test IdP and tests only; production issuers are https.
    config.env !== 'production'
      ? { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks], timeout: 10 }
      : { execute: [oidc.enableNonRepudiationChecks], timeout: 10 },
  );
}

/** The OpenID Connect client configuration for an IdP, from the app's `clients` (discovered anew without them). Rejects as discovery does. */
export function clientFor(config: Config, provider: IdentityProviderSettings, clients: IdpClients | undefined): Promise<oidc.Configuration> {
  if (!clients) return discover(config, provider);
  return clients.remember(`${provider.issuer}|${provider.clientId}`, () => discover(config, provider));
}
