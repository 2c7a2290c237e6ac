import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import middie from '@fastify/middie';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';
import { acrFor, nsisLevelFromClaims, nsisLevels, type NsisLevel } from '../../../platform/auth/nsis.ts';
import { rolesOfAudience, type Audience } from '../../../platform/auth/principal.ts';
import type { Config } from '../../../platform/config.ts';
import type { RouteModule, TypedApp } from '../../../platform/http/app.ts';
import { pageContext, sendPage } from '../../../platform/http/page-context.ts';
import { isLocale, translate, type Locale, type MessageKey } from '../../../platform/i18n/index.ts';
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
          const t = (key: MessageKey) => escapeHtml(translate(localeOf(ctx.get('cookie')), key));
          ctx.body = idpPage(
            localeOf(ctx.get('cookie')),
            t('testIdp.logout.title'),
            `<h1>${t('testIdp.logout.heading')}</h1><p>${t('testIdp.logout.text')}</p>${form.replace('<form', '<form id="op.logoutForm"')}<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">${t('testIdp.logout.submit')}</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          const locale = localeOf(ctx.get('cookie'));
          ctx.body = idpPage(locale, translate(locale, 'testIdp.loggedOut'), `<h1>${escapeHtml(translate(locale, 'testIdp.loggedOut'))}</h1>`);
        },
      },
    },
    renderError: (ctx, out) => {
      const locale = localeOf(ctx.get('cookie'));
      ctx.type = 'html';
      // The description is the protocol's own (English) wording: it is for the developer trying the test login.
      ctx.body = idpPage(
        locale,
        translate(locale, 'testIdp.error.title'),
        `<h1>${escapeHtml(translate(locale, 'testIdp.error.heading'))}</h1><p lang="en">${escapeHtml(String(out.error_description ?? out.error))}</p>`,
      );
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

/** A bare page for what oidc-provider renders itself (logout, errors); `body` is HTML already escaped. */
function idpPage(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)} — ${escapeHtml(translate(locale, 'testIdp.title'))}</title><link rel="stylesheet" href="/dkfds/css/dkfds-borgerdk.min.css"></head><body><main class="container page-container">${body}</main></body></html>`;
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
      return sendPage(reply, renderLogin(pageContext(request, reply), request.params.uid, audience, required, { current }));
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
          renderLogin(pageContext(request, reply), request.params.uid, audience, requiredLevel(details.params.claims), { invalid: true }),
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

function renderLogin(ctx: PageContext, uid: string, audience: Audience, required: NsisLevel, state: { invalid?: boolean; current?: string | undefined } = {}) {
  const { t } = ctx;
  const people = testPersons.filter((p) => p.audience === audience);
  const chosen = people.find((p) => p.id === state.current) ?? people[0];
  const allowed = nsisLevels.filter((level) => nsisLevels.indexOf(level) >= nsisLevels.indexOf(required));
  const label = (p: TestPerson) =>
    [
      p.name,
      p.cpr ? t('testIdp.cpr', { cpr: `${p.cpr.slice(0, 6)}-${p.cpr.slice(6)}` }) : '',
      p.municipality ? t('testIdp.municipality', { code: p.municipality }) : '',
      p.vendor ? t('testIdp.cvr', { name: p.vendor.name, cvr: p.vendor.cvr }) : '',
      p.roles.map((r) => t(`role.${r}`)).join(', '),
    ]
      .filter(Boolean)
      .join(' · ');
  return renderPage(ctx, {
    title: t('testIdp.title'),
    body: html`<h1>${t('testIdp.title')}</h1>
<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('testIdp.warning')}</p></div></div>
${state.invalid ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t('testIdp.invalid')}</p></div></div>` : ''}
${required !== 'Low' ? html`<p><strong>${t('testIdp.requiredLevel', { level: t(`level.${required}`) })}</strong></p>` : ''}
<form method="post" action="${INTERACTION_PATH}/${uid}">
  ${csrfField(ctx.csrfToken())}
  <fieldset>
    <legend class="h3">${t('testIdp.choosePerson', { roles: rolesOfAudience[audience].map((r) => t(`role.${r}`)).join(', ') })}</legend>
    ${people.map(
      (p, i) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="person-${i}" name="person" value="${p.id}"${p === chosen ? html` checked` : ''}><label for="person-${i}">${label(p)}</label></div>`,
    )}
  </fieldset>
  ${
    audience === 'citizen'
      ? html`<div class="form-group"><label class="form-label" for="municipality">${t('testIdp.residence')}</label>
  <select class="form-select" id="municipality" name="municipality"><option value="">${t('testIdp.residence.own')}</option>${['101', '751', '461', '851'].map((code) => html`<option value="${code}">${code}</option>`)}</select></div>`
      : ''
  }
  <fieldset>
    <legend class="h3">${t('testIdp.level')}</legend>
    ${allowed.map(
      (level) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="level-${level}" name="level" value="${level}"${level === (allowed.includes('Substantial') ? 'Substantial' : allowed[0]) ? html` checked` : ''}><label for="level-${level}">${t(`level.${level}`)} (${level})</label></div>`,
    )}
  </fieldset>
  <button class="button button-primary" type="submit">${t('testIdp.signIn')}</button>
</form>
<form method="post" action="${INTERACTION_PATH}/${uid}/afbryd" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('testIdp.cancel')}</button></form>`,
  });
}
