import { createHmac } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Audience } from '../../platform/auth/principal.ts';
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

/** The IdP for an audience (and, for staff, a municipality). Throws NOT_FOUND when none is configured. */
export function providerFor(config: Config, audience: Audience, municipalityCode?: string): IdentityProviderSettings {
  const found = identityProviders(config).find(
    (p) =>
      p.audience === audience && (audience !== 'staff' || !p.municipalities || (municipalityCode !== undefined && p.municipalities.includes(municipalityCode))),
  );
  if (!found)
    throw new AppError('NOT_FOUND', `No identity provider is configured for ${audience}${municipalityCode ? ` in municipality ${municipalityCode}` : ''}.`);
  return found;
}

// Non-repudiation checks: the ID token's signature is verified against the IdP's published keys even though
// it came straight from the token endpoint (OIDC Core lets clients skip that; a public platform should not).
const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The OpenID Connect client configuration for an IdP, discovered once and kept; a failed discovery is retried next time. */
export function clientFor(config: Config, provider: IdentityProviderSettings): Promise<oidc.Configuration> {
  const key = `${provider.issuer}|${provider.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    configuration = oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      { client_secret: provider.clientSecret, id_token_signed_response_alg: 'ES256' },
      oidc.ClientSecretBasic(provider.clientSecret),
      // Plain http is for the local test IdP and tests only; production issuers are https.
      config.env !== 'production'
        ? { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks], timeout: 10 }
        : { execute: [oidc.enableNonRepudiationChecks], timeout: 10 },
    );
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}
