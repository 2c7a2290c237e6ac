import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { contactValuesFromForm, contactValuesOf, renderContact } from './contact.views.ts';
import { getOwnContact, saveOwnContact } from './contact.service.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const contactQuery = z.object({ gemt: z.literal('1').optional().catch(undefined) });

/** "Mine kontaktoplysninger" (/borger/kontakt): the citizen's e-mail, phone and preferred language. */
export const contactPages: RouteModule = (app, { db }) => {
  app.get('/borger/kontakt', { config: citizenAccess, schema: { querystring: contactQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const row = await getOwnContact(db, principalOf(request));
    const body = renderContact(ctx, { values: contactValuesOf(row), errors: {}, saved: request.query.gemt === '1' });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('vendorData.contact.title'), body }));
  });

  app.post('/borger/kontakt', { config: citizenAccess }, async (request, reply) => {
    return submitForm(reply, request.body, {
      run: async () => {
        await saveOwnContact(db, principalOf(request), request.body);
        return '/borger/kontakt?gemt=1';
      },
      showAgain: ({ errors }) => {
        const ctx = pageContext(request, reply);
        const body = renderContact(ctx, { values: contactValuesFromForm(request.body), errors, saved: false });
        return renderPage(ctx, { title: ctx.t('vendorData.contact.title'), body });
      },
    });
  });
};
