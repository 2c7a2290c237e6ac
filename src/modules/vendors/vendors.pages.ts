import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues, isConfirmed } from '../../platform/views/components.ts';
import { createApiClient, listApiClients, revokeApiClient } from './vendors.credentials.ts';
import { profileValues, renderClients, renderProfile } from './vendors.views.ts';
import { getOwnVendor, saveOwnVendorProfile, vendorPermissions } from './vendors.service.ts';

const vendorUsers = { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } } as const;
const vendorAdmin = { access: { roles: ['vendor_admin'], level: 'Substantial' } } as const;

/** The vendor portal (virk.dk theme): the company profile and the API clients; administrators edit, developers read. */
export const vendorPages: RouteModule = (app, { db }) => {
  app.get(
    '/leverandoer/virksomhed',
    {
      config: { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } },
      schema: { querystring: z.object({ gemt: z.literal('1').optional().catch(undefined) }) },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      const vendor = await getOwnVendor(db, actor);
      const values = vendor ? profileValues(vendor) : { name: actor.vendor?.name ?? '', dpaStatus: 'not_started' };
      return sendPage(
        reply,
        renderProfile(
          ctx,
          actor.vendor?.cvr ?? '',
          values,
          {},
          { registered: Boolean(vendor), canEdit: vendorPermissions(actor).editProfile, saved: request.query.gemt === '1' },
        ),
      );
    },
  );

  app.post('/leverandoer/virksomhed', { config: { access: { roles: ['vendor_admin'], level: 'Substantial' } } }, async (request, reply) => {
    const actor = principalOf(request);
    const values = formValues(request.body);
    return submitForm(reply, request.body, {
      run: async () => {
        await saveOwnVendorProfile(db, actor, values);
        return '/leverandoer/virksomhed?gemt=1';
      },
      showAgain: async ({ errors }) => {
        const registered = Boolean(await getOwnVendor(db, actor));
        return renderProfile(pageContext(request, reply, 'virk'), actor.vendor?.cvr ?? '', values, errors, { registered, canEdit: true, saved: false });
      },
    });
  });

  app.get(
    '/leverandoer/api-noegler',
    { config: vendorUsers, schema: { querystring: z.object({ allerede: z.uuid().optional().catch(undefined) }) } },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      const clients = await listApiClients(db, actor);
      const already = clients.find((c) => c.id === request.query.allerede);
      return sendPage(reply, renderClients(ctx, clients, { canEdit: vendorPermissions(actor).manageClients, errors: {}, values: {}, already }));
    },
  );

  app.post('/leverandoer/api-noegler', { config: vendorAdmin }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return submitForm(reply, body, {
      run: () => createApiClient(db, actor, { name: body.name }, formOnce(body, 'vendors.api-client', actor.subject)),
      then: async ({ id, created }) => {
        // A resubmit of the same form: the client exists and its secret was shown once, on the first answer.
        if (!created) return `/leverandoer/api-noegler?allerede=${id}`;
        const clients = await listApiClients(db, actor);
        // Shown once, on the answer to the POST itself (never stored, never in a URL).
        reply.header('cache-control', 'no-store');
        return sendPage(reply, renderClients(ctx, clients, { canEdit: true, errors: {}, values: {}, created }));
      },
      showAgain: async ({ errors, values }) => renderClients(ctx, await listApiClients(db, actor), { canEdit: true, errors, values }),
    });
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
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('apiClient.confirmRevoke', { name: client.name }),
        text: ctx.t('apiClient.confirmRevokeText', { clientId: client.client_id }),
        action: `/leverandoer/api-noegler/${client.id}/spaer`,
        confirmLabel: ctx.t('apiClient.confirmRevokeYes'),
        cancelHref: '/leverandoer/api-noegler',
      });
    },
  );
};
