import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues, isConfirmed } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { createMunicipalityApiClient, listMunicipalityApiClients, revokeMunicipalityApiClient } from './municipality-api.credentials.ts';
import { API_CLIENTS_PATH, renderMunicipalityApiClients, type ApiClientsPageModel } from './municipality-api.views.ts';

const municipalAdmin = { access: { roles: ['municipal_admin'], level: 'Substantial' } } as const;

/**
 * The municipal administrator's API clients page (/kommune/api-klienter): create (the secret shown once, the form
 * idempotent with its one-time token) and revoke (asks first). The workspace band comes from the composition.
 */
export function municipalityApiClientPages(options: { workspaceHeader: (db: Db, ctx: PageContext, actor: Principal) => Promise<SafeHtml> }): RouteModule {
  return (app, { db }) => {
    const page = async (ctx: PageContext, actor: Principal, state: Omit<ApiClientsPageModel, 'header' | 'clients'>) => {
      const clients = await listMunicipalityApiClients(db, actor);
      return renderMunicipalityApiClients(ctx, { header: await options.workspaceHeader(db, ctx, actor), clients, ...state });
    };

    app.get(
      API_CLIENTS_PATH,
      { config: municipalAdmin, schema: { querystring: z.object({ allerede: z.uuid().optional().catch(undefined) }) } },
      async (request, reply) => {
        const ctx = pageContext(request, reply, 'borger');
        const actor = principalOf(request);
        const already = (await listMunicipalityApiClients(db, actor)).find((c) => c.id === request.query.allerede);
        return sendPage(reply, await page(ctx, actor, { errors: {}, values: {}, already }));
      },
    );

    app.post(API_CLIENTS_PATH, { config: municipalAdmin }, async (request, reply) => {
      const ctx = pageContext(request, reply, 'borger');
      const actor = principalOf(request);
      const body = formValues(request.body);
      return submitForm(reply, request.body, {
        run: () => createMunicipalityApiClient(db, actor, { name: body.name }, formOnce(request.body, 'webhooks.municipality-api-client', actor.subject)),
        then: async ({ id, created }) => {
          // A resubmit of the same form: the client exists and its secret was shown once, on the first answer.
          if (!created) return `${API_CLIENTS_PATH}?allerede=${id}`;
          // Shown once, on the answer to the POST itself (never stored, never in a URL).
          reply.header('cache-control', 'no-store');
          return sendPage(reply, await page(ctx, actor, { errors: {}, values: {}, created }));
        },
        showAgain: ({ errors, values }) => page(ctx, actor, { errors, values }),
      });
    });

    // Revoking asks first: the first POST shows what will happen, only the confirmed one ("Ja, spær") revokes.
    app.post(
      `${API_CLIENTS_PATH}/:clientId/spaer`,
      { config: municipalAdmin, schema: { params: z.object({ clientId: z.uuid() }) } },
      async (request, reply) => {
        const actor = principalOf(request);
        if (isConfirmed(request.body)) {
          await revokeMunicipalityApiClient(db, actor, request.params.clientId);
          return reply.redirect(API_CLIENTS_PATH, 303);
        }
        const client = (await listMunicipalityApiClients(db, actor)).find((c) => c.id === request.params.clientId && !c.revoked_at);
        if (!client) throw new AppError('NOT_FOUND');
        const ctx = pageContext(request, reply, 'borger');
        return sendConfirmation(reply, ctx, {
          heading: ctx.t('municipalityApi.confirmRevoke', { name: client.name }),
          text: ctx.t('municipalityApi.confirmRevokeText', { clientId: client.client_id }),
          action: `${API_CLIENTS_PATH}/${client.id}/spaer`,
          confirmLabel: ctx.t('municipalityApi.confirmRevokeYes'),
          cancelHref: API_CLIENTS_PATH,
        });
      },
    );
  };
}
