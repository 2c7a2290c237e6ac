import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues } from '../../platform/views/components.ts';
import { z } from 'zod';
import { eventsPolicy } from './events.policy.ts';
import { customTypeName } from './events.registry.ts';
import { eventLogQuerySchema } from './events.schemas.ts';
import { getEventLog, listCustomTypes, listEventTypes, registerCustomType } from './events.service.ts';
import { renderEventLog, renderRegistry } from './events.views.ts';

const vendorUsers = { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } } as const;
const vendorAdmin = { access: { roles: ['vendor_admin'], level: 'Substantial' } } as const;

/** The vendor portal's event pages: the log of what the company's services sent (and what was refused), and the registry. */
export const eventPages: RouteModule = (app, { db }) => {
  app.get('/leverandoer/haendelser', { config: vendorUsers, schema: { querystring: eventLogQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const { ydelse, udfald, foer } = request.query;
    const log = await getEventLog(db, principalOf(request), { listingId: ydelse, outcome: udfald, cursor: foer });
    return sendPage(reply, renderEventLog(ctx, log, { firstPage: !foer }));
  });

  const registryState = async (actor: ReturnType<typeof principalOf>) => ({
    types: listEventTypes(),
    own: await listCustomTypes(db, actor),
    prefix: customTypeName(actor.vendor?.cvr ?? '', ''),
    canCreate: eventsPolicy.can(actor, 'event-type.create'),
  });

  app.get(
    '/leverandoer/haendelser/typer',
    { config: vendorUsers, schema: { querystring: z.object({ oprettet: z.string().max(200).optional().catch(undefined) }) } },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      return sendPage(reply, renderRegistry(ctx, { ...(await registryState(actor)), errors: {}, values: {}, created: request.query.oprettet }));
    },
  );

  app.post('/leverandoer/haendelser/typer', { config: vendorAdmin }, async (request, reply) => {
    const actor = principalOf(request);
    const values = formValues(request.body);
    return submitForm(reply, request.body, {
      run: async () => {
        const created = await registerCustomType(db, actor, { name: values.name, description: values.description, dataSchema: values.dataSchema }, true);
        return `/leverandoer/haendelser/typer?oprettet=${encodeURIComponent(created.type)}`;
      },
      on: ['VALIDATION', 'CONFLICT'],
      showAgain: async ({ errors }) => renderRegistry(pageContext(request, reply, 'virk'), { ...(await registryState(actor)), errors, values }),
    });
  });
};
