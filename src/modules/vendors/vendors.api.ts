import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import { formOnce, formTokenField } from '../../platform/http/form-token.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { confirmation, csrfField, errorSummary, formErrors, formValues, isConfirmed, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { createApiClient, issueAccessToken, listApiClients, revokeApiClient, TokenError, type ApiClientRow, type NewApiClient } from './vendors.credentials.ts';

const tokenRequestSchema = z
  .object({
    grant_type: z.string().optional(),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
    scope: z.string().max(200).optional(),
  })
  .describe('application/x-www-form-urlencoded, RFC 6749 §4.4.2');

const tokenResponseSchema = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int().describe('Seconds the token is valid.') })
  .meta({ id: 'AccessToken' });

/** RFC 6749 §5.2's error answer, not problem+json: OAuth client libraries read this form. */
const tokenErrorSchema = z
  .object({ error: z.enum(['invalid_request', 'invalid_client', 'unsupported_grant_type']), error_description: z.string() })
  .meta({ id: 'OAuthError' });

/** Client authentication from an HTTP Basic header (RFC 6749 §2.3.1: form-urlencoded id and secret). */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const vendorUsers = { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } } as const;
const vendorAdmin = { access: { roles: ['vendor_admin'], level: 'Substantial' } } as const;

/** The vendor API's token endpoint, and the portal page where administrators manage the API clients. */
export const vendorApiRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/vendor/v1/token',
    {
      config: publicAccess,
      schema: {
        operationId: 'issueAccessToken',
        tags: ['Vendor API'],
        // The client authenticates itself here (Basic or form fields, RFC 6749 §2.3.1), so no token is needed.
        security: [],
        summary: 'Get an access token (OAuth 2 client credentials)',
        description:
          'RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the form body. ' +
          'The answer is a bearer token for the other /api/vendor/v1/ operations, valid for expires_in seconds. ' +
          'Errors follow RFC 6749 §5.2 ({"error": ..., "error_description": ...}), not problem+json, so OAuth libraries understand them.',
        consumes: ['application/x-www-form-urlencoded'],
        body: tokenRequestSchema,
        response: { 200: tokenResponseSchema, 400: tokenErrorSchema, 401: tokenErrorSchema, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const token = await issueAccessToken(db, {
          grantType: request.body.grant_type,
          clientId: basic?.clientId ?? request.body.client_id,
          clientSecret: basic?.clientSecret ?? request.body.client_secret,
        });
        return reply.send(token);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        if (error.error === 'invalid_client') reply.code(401).header('www-authenticate', 'Basic realm="jobunivers-vendor-api"');
        else reply.code(400);
        return reply.send({ error: error.error, error_description: error.description });
      }
    },
  );

  app.get(
    '/leverandoer/api-noegler',
    { config: vendorUsers, schema: { querystring: z.object({ allerede: z.uuid().optional().catch(undefined) }) } },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      const clients = await listApiClients(db, actor);
      const already = clients.find((c) => c.id === request.query.allerede);
      return sendPage(reply, renderClients(ctx, clients, { canEdit: actor.roles.includes('vendor_admin'), errors: {}, values: {}, already }));
    },
  );

  app.post('/leverandoer/api-noegler', { config: vendorAdmin }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { id, created } = await createApiClient(db, actor, { name: body.name }, formOnce(body, 'vendors.api-client', actor.subject));
      // A resubmit of the same form: the client exists and its secret was shown once, on the first answer.
      if (!created) return reply.redirect(`/leverandoer/api-noegler?allerede=${id}`, 303);
      const clients = await listApiClients(db, actor);
      // Shown once, on the answer to the POST itself (never stored, never in a URL).
      reply.header('cache-control', 'no-store');
      return sendPage(reply, renderClients(ctx, clients, { canEdit: true, errors: {}, values: {}, created }));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
      const clients = await listApiClients(db, actor);
      return sendPage(reply, renderClients(ctx, clients, { canEdit: true, errors: formErrors(error.fields, ctx.locale), values: formValues(body) }), 400);
    }
  });

  // Revoking asks first: the first POST shows what will happen, only the confirmed one ("Ja, spær") revokes.
  app.post(
    '/leverandoer/api-noegler/:clientId/spaer',
    { config: vendorAdmin, schema: { params: z.object({ clientId: z.uuid() }) } },
    async (request, reply) => {
      const actor = principalOf(request);
      if (isConfirmed(request.body)) {
        await revokeApiClient(db, actor, request.params.clientId);
        return reply.redirect('/leverandoer/api-noegler', 303);
      }
      const client = (await listApiClients(db, actor)).find((c) => c.id === request.params.clientId && !c.revoked_at);
      if (!client) throw new AppError('NOT_FOUND');
      const ctx = pageContext(request, reply, 'virk');
      const { t } = ctx;
      return sendPage(
        reply,
        renderPage(ctx, {
          title: t('apiClient.confirmRevoke', { name: client.name }),
          body: confirmation({
            heading: t('apiClient.confirmRevoke', { name: client.name }),
            text: t('apiClient.confirmRevokeText', { clientId: client.client_id }),
            action: `/leverandoer/api-noegler/${client.id}/spaer`,
            csrfToken: ctx.csrfToken(),
            confirmLabel: t('apiClient.confirmRevokeYes'),
            cancelLabel: t('form.cancel'),
            cancelHref: '/leverandoer/api-noegler',
          }),
        }),
      );
    },
  );
};

function renderClients(
  ctx: PageContext,
  clients: ApiClientRow[],
  state: { canEdit: boolean; errors: FormErrors; values: Record<string, string>; created?: NewApiClient; already?: ApiClientRow | undefined },
): SafeHtml {
  const { t } = ctx;
  const created = state.created
    ? html`<div class="alert alert-success" role="status"><div class="alert-body">
<p class="alert-heading">${t('apiClient.created', { name: state.created.name })}</p>
<p class="alert-text">${t('apiClient.secretOnce')}</p>
<dl><dt>client_id</dt><dd><code>${state.created.clientId}</code></dd><dt>client_secret</dt><dd><code>${state.created.clientSecret}</code></dd></dl>
</div></div>`
    : state.already
      ? html`<div class="alert alert-info" role="status"><div class="alert-body">
<p class="alert-heading">${t('apiClient.alreadyCreated', { name: state.already.name })}</p>
<p class="alert-text">${t('apiClient.secretShownOnce')}</p>
<dl><dt>client_id</dt><dd><code>${state.already.client_id}</code></dd></dl>
</div></div>`
      : '';
  return renderPage(ctx, {
    title: t('apiClient.title'),
    body: html`<h1>${t('apiClient.title')}</h1>
<p class="font-lead">${t('apiClient.lead')}</p>
<p>${t('apiClient.how')} <a href="/api/docs">${t('apiClient.docs')}</a></p>
${created}
${
  clients.length === 0
    ? html`<p>${t('apiClient.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('apiClient.title')}</caption>
<thead><tr><th scope="col">${t('apiClient.name')}</th><th scope="col">client_id</th><th scope="col">${t('apiClient.createdAt')}</th><th scope="col">${t('apiClient.lastUsed')}</th><th scope="col">${t('apiClient.status')}</th></tr></thead>
<tbody>${clients.map(
        (c) =>
          html`<tr><td>${c.name}</td><td><code>${c.client_id}</code></td><td>${formatDateTime(ctx.locale, c.created_at)}</td><td>${c.last_used_at ? formatDateTime(ctx.locale, c.last_used_at) : '—'}</td><td>${
            c.revoked_at
              ? t('apiClient.revokedAt', { time: formatDateTime(ctx.locale, c.revoked_at) })
              : state.canEdit
                ? html`<form method="post" action="/leverandoer/api-noegler/${c.id}/spaer">${csrfField(ctx.csrfToken())}<button class="button button-secondary button-small" type="submit" aria-label="${t('apiClient.revokeNamed', { name: c.name })}">${t('apiClient.revoke')}</button></form>`
                : t('apiClient.active')
          }</td></tr>`,
      )}</tbody></table></div>`
}
${
  state.canEdit
    ? html`<h2>${t('apiClient.new')}</h2>
${errorSummary(t, state.errors)}
<form method="post" action="/leverandoer/api-noegler" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(state.values)}
  ${textField({ name: 'name', label: t('apiClient.name'), hint: t('apiClient.nameHint'), value: state.values.name, error: state.errors.name, maxLength: 100 })}
  <button class="button button-primary" type="submit">${t('apiClient.create')}</button>
</form>`
    : ''
}`,
  });
}
