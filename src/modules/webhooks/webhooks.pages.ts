import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf, type RouteAccess } from '../../platform/http/access.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { isConfirmed } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { API_CLIENTS_PATH } from './municipality-api.views.ts';
import { deliverWebhooksJob } from './webhooks.jobs.ts';
import {
  createEndpoint,
  getEndpoint,
  listDeadLetters,
  listWebhooks,
  redriveDelivery,
  rotateSecret,
  sendTestMessage,
  setEndpointActive,
  webhookPermissions,
  type ShownSecret,
} from './webhooks.service.ts';
import { renderDeadLetters, renderWebhooks, type WebhooksPageModel } from './webhooks.views.ts';

/** What the composition hands the pages: governance's navigation and the municipal workspace's band (owned elsewhere). */
export type WebhookPageOptions = {
  governanceNav: (ctx: PageContext) => SafeHtml;
  workspaceHeader: (db: Db, ctx: PageContext, actor: Principal) => Promise<SafeHtml>;
};

const notices = z.enum(['testSent', 'redriven', 'alreadyCreated']).optional().catch(undefined);
const endpointParams = z.object({ endpointId: z.uuid() });

function checkedTypes(body: unknown): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).eventTypes : undefined;
  return [value ?? []].flat().filter((v): v is string => typeof v === 'string');
}

/**
 * The vendor portal's and the municipal administrator's webhook pages (the same pages under two addresses, each
 * owner seeing its own), and governance's dead letters.
 */
export function webhookPages(options: WebhookPageOptions): RouteModule {
  return (app, deps: AppDeps) => {
    const { db, config } = deps;
    const kick = () => deps.jobs?.send(deliverWebhooksJob, {});
    const areas: {
      base: string;
      theme: 'virk' | 'borger';
      read: { access: RouteAccess };
      manage: { access: RouteAccess };
      header: (ctx: PageContext, actor: Principal) => Promise<SafeHtml | undefined>;
      apiClientsHref?: string;
    }[] = [
      {
        base: '/leverandoer/webhooks',
        theme: 'virk',
        read: { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } },
        manage: { access: { roles: ['vendor_admin'], level: 'Substantial' } },
        header: () => Promise.resolve(undefined),
      },
      {
        base: '/kommune/webhooks',
        theme: 'borger',
        read: { access: { roles: ['municipal_admin'], level: 'Substantial' } },
        manage: { access: { roles: ['municipal_admin'], level: 'Substantial' } },
        header: (ctx: PageContext, actor: Principal) => options.workspaceHeader(db, ctx, actor),
        apiClientsHref: API_CLIENTS_PATH,
      },
    ];

    for (const area of areas) {
      const page = async (
        request: FastifyRequest,
        reply: FastifyReply,
        state: Partial<Pick<WebhooksPageModel, 'errors' | 'values' | 'checkedTypes' | 'shown' | 'notice'>>,
      ): Promise<SafeHtml> => {
        const ctx = pageContext(request, reply, area.theme);
        const actor = principalOf(request);
        const { eventTypes, endpoints, deliveries } = await listWebhooks(db, actor);
        return renderWebhooks(ctx, {
          base: area.base,
          header: await area.header(ctx, actor),
          eventTypes,
          endpoints,
          deliveries,
          permissions: webhookPermissions(actor),
          errors: state.errors ?? {},
          values: state.values ?? {},
          checkedTypes: state.checkedTypes ?? [],
          shown: state.shown,
          notice: state.notice,
          apiClientsHref: area.apiClientsHref,
        });
      };
      const withSecret = async (request: FastifyRequest, reply: FastifyReply, shown: ShownSecret & { kind: 'created' | 'rotated' }) => {
        // Shown once, on the answer to the POST itself (never stored in the clear, never in a URL).
        reply.header('cache-control', 'no-store');
        return sendPage(reply, await page(request, reply, { shown }));
      };

      app.get(area.base, { config: area.read, schema: { querystring: z.object({ besked: notices }) } }, async (request, reply) =>
        sendPage(reply, await page(request, reply, { notice: request.query.besked })),
      );

      app.post(area.base, { config: area.manage }, async (request, reply) => {
        const actor = principalOf(request);
        return submitForm(reply, request.body, {
          run: () => createEndpoint(db, config, actor, request.body, formOnce(request.body, 'webhooks.endpoint', actor.subject)),
          then: async ({ created }) => (created ? withSecret(request, reply, { ...created, kind: 'created' }) : `${area.base}?besked=alreadyCreated`),
          showAgain: ({ errors, values }) => page(request, reply, { errors, values, checkedTypes: checkedTypes(request.body) }),
        });
      });

      app.post(`${area.base}/:endpointId/test`, { config: area.manage, schema: { params: endpointParams } }, async (request, reply) => {
        await sendTestMessage(db, principalOf(request), request.params.endpointId);
        await kick();
        return reply.redirect(`${area.base}?besked=testSent`, 303);
      });

      app.post(`${area.base}/:endpointId/roter`, { config: area.manage, schema: { params: endpointParams } }, async (request, reply) => {
        const shown = await rotateSecret(db, config, principalOf(request), request.params.endpointId);
        return withSecret(request, reply, { ...shown, kind: 'rotated' });
      });

      // Switching off asks first: the first POST shows what will happen, only the confirmed one switches off.
      app.post(`${area.base}/:endpointId/deaktiver`, { config: area.manage, schema: { params: endpointParams } }, async (request, reply) => {
        const actor = principalOf(request);
        if (isConfirmed(request.body)) {
          await setEndpointActive(db, actor, request.params.endpointId, false);
          return reply.redirect(area.base, 303);
        }
        const endpoint = await getEndpoint(db, actor, request.params.endpointId);
        const ctx = pageContext(request, reply, area.theme);
        return sendConfirmation(reply, ctx, {
          heading: ctx.t('webhooks.confirmDisable', { url: endpoint.url }),
          text: ctx.t('webhooks.confirmDisableText'),
          action: `${area.base}/${endpoint.id}/deaktiver`,
          confirmLabel: ctx.t('webhooks.confirmDisableYes'),
          cancelHref: area.base,
        });
      });

      app.post(`${area.base}/:endpointId/aktiver`, { config: area.manage, schema: { params: endpointParams } }, async (request, reply) => {
        await setEndpointActive(db, principalOf(request), request.params.endpointId, true);
        await kick();
        return reply.redirect(area.base, 303);
      });

      app.post(
        `${area.base}/leveringer/:deliveryId/gensend`,
        { config: area.manage, schema: { params: z.object({ deliveryId: z.uuid() }) } },
        async (request, reply) => {
          await redriveDelivery(db, principalOf(request), request.params.deliveryId);
          await kick();
          return reply.redirect(`${area.base}?besked=redriven`, 303);
        },
      );
    }

    app.get(
      '/faellesskab/webhooks',
      {
        config: { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } },
        schema: { querystring: z.object({ besked: notices }) },
      },
      async (request, reply) => {
        const ctx = pageContext(request, reply);
        const { deliveries, canRedrive } = await listDeadLetters(db, principalOf(request));
        return sendPage(
          reply,
          renderDeadLetters(ctx, { nav: options.governanceNav(ctx), deliveries, canRedrive, redriven: request.query.besked === 'redriven' }),
        );
      },
    );

    app.post(
      '/faellesskab/webhooks/:deliveryId/gensend',
      { config: { access: { roles: ['governance_admin'], level: 'Substantial' } }, schema: { params: z.object({ deliveryId: z.uuid() }) } },
      async (request, reply) => {
        await redriveDelivery(db, principalOf(request), request.params.deliveryId);
        await kick();
        return reply.redirect('/faellesskab/webhooks?besked=redriven', 303);
      },
    );
  };
}
