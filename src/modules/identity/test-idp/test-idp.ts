import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import middie from '@fastify/middie';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';
import { acrFor, nsisLevelFromClaims, nsisLevels, type NsisLevel } from '../../../platform/auth/nsis.ts';
import { rolesOfAudience, type Audience } from '../../../platform/auth/principal.ts';
import type { Config } from '../../../platform/config.ts';
import type { RouteModule, TypedApp } from '../../../platform/http/app.ts';
import { pageContext, sendPage } from '../../../platform/http/page-context.ts';
import { translator, type MessageKey } from '../../../platform/i18n/index.ts';
import { csrfField } from '../../../platform/views/components.ts';
import { escapeHtml, html } from '../../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../../platform/views/layout.ts';
import { claimNames, personSubject } from '../identity.claims.ts';
import { testIdpClients } from '../identity.providers.ts';
import { findTestPerson, testPersons, type TestPerson } from './test-persons.ts';

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
          ctx.body = idpPage('Log af', `<h1>Log af testlogin?</h1><p>Du logges af Jobunivers’ testlogin.</p>${form.replace('<form', '<form id="op.logoutForm"')}<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">Log af</button>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = idpPage('Logget af', '<h1>Du er logget af</h1>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = idpPage('Fejl', `<h1>Testlogin kunne ikke gennemføres</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p>`);
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

function idpPage(title: string, body: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Testlogin</title><link rel="stylesheet" href="/dkfds/css/dkfds-borgerdk.min.css"></head><body><main class="container page-container">${body}</main></body></html>`;
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

  app.get(`${INTERACTION_PATH}/:uid`, { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } }, async (request, reply) => {
    const details = await provider.interactionDetails(request.raw, reply.raw);
    if (details.prompt.name === 'consent') {
      // First-party clients: the platform's own sign-in needs no consent screen at the IdP.
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params.client_id) }))
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
    return sendPage(reply, renderLogin(danishContext(request, reply), request.params.uid, audience, required));
  });

  app.post(`${INTERACTION_PATH}/:uid`, { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } }, async (request, reply) => {
    const details = await provider.interactionDetails(request.raw, reply.raw);
    const audience = audienceOfClient(String(details.params.client_id)) ?? 'citizen';
    const form = loginFormSchema.safeParse(request.body);
    const person = form.success ? findTestPerson(form.data.person) : undefined;
    if (!form.success || !person || person.audience !== audience) {
      return sendPage(reply, renderLogin(danishContext(request, reply), request.params.uid, audience, requiredLevel(details.params.claims), true), 400);
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
  });

  app.post(`${INTERACTION_PATH}/:uid/afbryd`, { config: { access: { public: true } }, schema: { params: z.object({ uid: z.string().max(100) }) } }, async (request, reply) => {
    await provider.interactionDetails(request.raw, reply.raw); // an unknown or expired interaction fails here, before the reply is handed over
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' }, { mergeWithLastSubmission: false });
  });
};

/** The test IdP stands in for NemLog-in's Danish pages, so it speaks Danish whatever the platform's language is. */
function danishContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return { ...pageContext(request, reply), locale: 'da', t: translator('da') };
}

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

const levelNames: Record<NsisLevel, string> = { Low: 'Lav', Substantial: 'Betydelig', High: 'Høj' };

function renderLogin(ctx: PageContext, uid: string, audience: Audience, required: NsisLevel, invalid = false) {
  const people = testPersons.filter((p) => p.audience === audience);
  const allowed = nsisLevels.filter((level) => nsisLevels.indexOf(level) >= nsisLevels.indexOf(required));
  const label = (p: TestPerson) =>
    [p.name, p.cpr ? `CPR ${p.cpr.slice(0, 6)}-${p.cpr.slice(6)}` : '', p.municipality ? `kommune ${p.municipality}` : '', p.vendor ? `${p.vendor.name}, CVR ${p.vendor.cvr}` : '', p.roles.map((r) => ctx.t(`role.${r}` as MessageKey)).join(', ')]
      .filter(Boolean)
      .join(' · ');
  return renderPage(ctx, {
    title: 'Testlogin',
    body: html`<h1>Testlogin</h1>
<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">Dette er platformens indbyggede test-identitetsudbyder med syntetiske personer. Den findes kun uden for produktion.</p></div></div>
${invalid ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">Vælg en person og et sikringsniveau.</p></div></div>` : ''}
${required !== 'Low' ? html`<p><strong>Tjenesten kræver sikringsniveau ${levelNames[required]} eller højere.</strong></p>` : ''}
<form method="post" action="${INTERACTION_PATH}/${uid}">
  ${csrfField(ctx.csrfToken())}
  <fieldset>
    <legend class="h3">Vælg testperson (${rolesOfAudience[audience].map((r) => ctx.t(`role.${r}` as MessageKey)).join(', ')})</legend>
    ${people.map(
      (p, i) => html`<div class="form-group-radio"><input type="radio" class="form-radio" id="person-${i}" name="person" value="${p.id}"${i === 0 ? html` checked` : ''}><label for="person-${i}">${label(p)}</label></div>`,
    )}
  </fieldset>
  ${audience === 'citizen'
    ? html`<div class="form-group"><label class="form-label" for="municipality">Bopælskommune (vælg en anden for at afprøve en flytning)</label>
  <select class="form-select" id="municipality" name="municipality"><option value="">Personens egen</option>${['101', '751', '461', '851'].map((code) => html`<option value="${code}">${code}</option>`)}</select></div>`
    : ''}
  <fieldset>
    <legend class="h3">Sikringsniveau (NSIS)</legend>
    ${allowed.map(
      (level) => html`<div class="form-group-radio"><input type="radio" class="form-radio" id="level-${level}" name="level" value="${level}"${level === (allowed.includes('Substantial') ? 'Substantial' : allowed[0]) ? html` checked` : ''}><label for="level-${level}">${levelNames[level]} (${level})</label></div>`,
    )}
  </fieldset>
  <button class="button button-primary" type="submit">Log ind</button>
</form>
<form method="post" action="${INTERACTION_PATH}/${uid}/afbryd" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">Afbryd</button></form>`,
  });
}

