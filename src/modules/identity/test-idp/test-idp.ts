import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import middie from '@fastify/middie';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';
import { acrFor, nsisLevelFromClaims, nsisLevels, type NsisLevel } from '../../../platform/auth/nsis.ts';
import type { Audience } from '../../../platform/auth/principal.ts';
import type { Config } from '../../../platform/config.ts';
import type { RouteModule, TypedApp } from '../../../platform/http/app.ts';
import { pageContext, sendPage } from '../../../platform/http/page-context.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { claimNames, personSubject } from '../identity.claims.ts';
import { testIdpClients } from '../identity.providers.ts';
import { findTestPerson, testPersons } from './test-persons.ts';
import { renderIdpError, renderIdpLoggedOut, renderIdpLogout, renderLogin, type LoginView } from './test-idp.views.ts';

export const TEST_IDP_PATH = '/test-idp';
const INTERACTION_PATH = '/test-idp-login';

// What was chosen on the test IdP's page at a person's latest sign-in: where they live, at what level.
// The account id (and so `sub`) stays the person's own, as NemLog-in's persistent identifier does.
type Choice = { municipality: string; level: NsisLevel };

function accountClaims(accountId: string, choices: Map<string, Choice>): Record<string, unknown> | undefined {
  const personId = accountId.replace(personSubject(''), '');
  const person = findTestPerson(personId);
  const choice = choices.get(personId);
  if (!person || !choice) return undefined;
  const { municipality, level } = choice;
  return {
    sub: accountId,
    [claimNames.fullName]: person.name,
    [claimNames.loa]: level,
    ...(person.cpr ? { [claimNames.cpr]: person.cpr, [claimNames.cprUuid]: person.id } : {}),
    ...(person.vendor ? { [claimNames.cvr]: person.vendor.cvr, [claimNames.orgName]: person.vendor.name } : {}),
    ...(municipality ? { [claimNames.municipality]: municipality } : {}),
    ...(person.organisation ? { [claimNames.organisation]: person.organisation.id } : {}),
    [claimNames.roles]: person.roles,
  };
}

/** The built-in OpenID Provider for development, the demo and tests, shaped like a NemLog-in broker. */
function createTestProvider(config: Config, choices: Map<string, Choice>): Provider {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `test-idp-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'ES256' };
  const configuration: Configuration = {
    clients: testIdpClients(config).map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [`${config.baseUrl}/auth/callback`],
      post_logout_redirect_uris: [`${config.baseUrl}/log-af/faerdig`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
      // Every ID token says when the person authenticated (NemLog-in's brokers do), not only when max_age was asked.
      require_auth_time: true,
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: [config.cookieSecret] },
    pkce: { required: () => true },
    acrValues: nsisLevels.map(acrFor),
    claims: { openid: ['sub'], nemlogin: Object.values(claimNames) },
    scopes: ['openid', 'nemlogin'],
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = renderIdpLogout(localeOf(ctx.get('cookie')), form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = renderIdpLoggedOut(localeOf(ctx.get('cookie')));
        },
      },
    },
    renderError: (ctx, out) => {
      const locale = localeOf(ctx.get('cookie'));
      ctx.type = 'html';
      ctx.body = renderIdpError(locale, String(out.error_description ?? out.error));
    },
    findAccount: (_ctx, id) => {
      const claims = accountClaims(id, choices);
      return claims ? { accountId: id, claims: () => claims as { sub: string } } : undefined;
    },
    pairwiseIdentifier: (_ctx, accountId, client) => `${client.clientId}:${accountId}`,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    ttl: { Session: 8 * 3600, Interaction: 600, AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Grant: 8 * 3600 },
  };
  const provider = new Provider(`${config.baseUrl}${TEST_IDP_PATH}`, configuration);
  provider.proxy = config.trustProxy;
  return provider;
}

/** The platform's language (its `lang` cookie), for the pages oidc-provider renders outside Fastify. */
function localeOf(cookieHeader: string | undefined): Locale {
  const chosen = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookieHeader ?? '')?.[1];
  return isLocale(chosen) ? chosen : 'da';
}

const audienceOfClient = (clientId: string): Audience | undefined =>
  (['citizen', 'staff', 'vendor', 'governance'] as const).find((audience) => clientId === `jobunivers-${audience}`);

const loginFormSchema = z.object({
  person: z.uuid(),
  level: z.enum(nsisLevels),
  municipality: z
    .string()
    .regex(/^([0-9]{3})?$/)
    .optional()
    .transform((v) => v || undefined),
});

/**
 * Mounts the test identity provider at /test-idp and its sign-in page (pick a synthetic person and an NSIS level)
 * at /test-idp-login. Only when TEST_IDP_ENABLED; the app refuses to start in production with it on.
 */
export const testIdpRoutes: RouteModule = async (app: TypedApp, { config }) => {
  if (!config.testIdp.enabled) return;
  const choices = new Map<string, Choice>();
  const provider = createTestProvider(config, choices);
  await app.register(middie);
  const handle = provider.callback();
  app.use(TEST_IDP_PATH, (req: IncomingMessage, res: ServerResponse) => void handle(req, res));

  app.get(
    `${INTERACTION_PATH}/:uid`,
    { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } },
    async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      if (details.prompt.name === 'consent') {
        // First-party clients: the platform's own sign-in needs no consent screen at the IdP.
        const grant = details.grantId
          ? ((await provider.Grant.find(details.grantId)) ??
            new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params.client_id) }))
          : new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params.client_id) });
        grant.addOIDCScope('openid nemlogin');
        grant.addOIDCClaims(Object.values(claimNames));
        const grantId = await grant.save();
        reply.hijack();
        await provider.interactionFinished(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      const audience = audienceOfClient(String(details.params.client_id)) ?? 'citizen';
      const required = requiredLevel(details.params.claims);
      // prompt=login and max_age ask for a new authentication: the person is chosen again (the one signed in here first).
      const current = details.session?.accountId?.replace(personSubject(''), '');
      return sendPage(reply, renderLogin(pageContext(request, reply), loginView(request.params.uid, audience, required, { current })));
    },
  );

  app.post(
    `${INTERACTION_PATH}/:uid`,
    { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } },
    async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const audience = audienceOfClient(String(details.params.client_id)) ?? 'citizen';
      const form = loginFormSchema.safeParse(request.body);
      const person = form.success ? findTestPerson(form.data.person) : undefined;
      if (!form.success || !person || person.audience !== audience) {
        return sendPage(
          reply,
          renderLogin(pageContext(request, reply), loginView(request.params.uid, audience, requiredLevel(details.params.claims), { invalid: true })),
          400,
        );
      }
      const municipality = person.audience === 'citizen' ? (form.data.municipality ?? person.municipality ?? '') : (person.municipality ?? '');
      choices.set(person.id, { municipality, level: form.data.level });
      reply.hijack();
      await provider.interactionFinished(
        request.raw,
        reply.raw,
        { login: { accountId: personSubject(person.id), acr: acrFor(form.data.level), amr: ['mitid'] } },
        { mergeWithLastSubmission: false },
      );
    },
  );

  app.post(
    `${INTERACTION_PATH}/:uid/afbryd`,
    { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } },
    async (request, reply) => {
      await provider.interactionDetails(request.raw, reply.raw); // an unknown or expired interaction fails here, before the reply is handed over
      reply.hijack();
      await provider.interactionFinished(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
    },
  );
};

/** The lowest level an essential acr claim request accepts, or Low when none was asked for. */
function requiredLevel(claimsParameter: unknown): NsisLevel {
  try {
    const claims = typeof claimsParameter === 'string' ? (JSON.parse(claimsParameter) as unknown) : claimsParameter;
    const values = (claims as { id_token?: { acr?: { values?: unknown[] } } } | undefined)?.id_token?.acr?.values ?? [];
    const levels = values.map((acr) => nsisLevelFromClaims({ acr })).filter((level): level is NsisLevel => level !== undefined);
    return levels.sort((a, b) => nsisLevels.indexOf(a) - nsisLevels.indexOf(b))[0] ?? 'Low';
  } catch {
    return 'Low';
  }
}

/** What the sign-in page shows: the audience's synthetic people, the level asked for, where the form posts. */
function loginView(uid: string, audience: Audience, required: NsisLevel, state: { invalid?: boolean; current?: string | undefined }): LoginView {
  return { action: `${INTERACTION_PATH}/${uid}`, audience, required, people: testPersons.filter((p) => p.audience === audience), ...state };
}
