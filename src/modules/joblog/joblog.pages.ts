import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { joblogQuery } from './joblog.schemas.ts';
import { agreeToForwarding, getJoblog, registerManually, withdrawForwarding } from './joblog.service.ts';
import { renderJoblog } from './joblog.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

/** The citizen's Joblog page (/borger/joblog): agreeing to forwarding, withdrawing it, and registering an activity by hand. */
export const joblogPages: RouteModule = (app, { db, jobs, logger }) => {
  app.get('/borger/joblog', { config: citizenAccess, schema: { querystring: joblogQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await getJoblog(db, principalOf(request));
    const body = renderJoblog(ctx, view, { flash: request.query.gemt, values: {}, errors: {} });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('joblog.title'), body }));
  });

  app.post('/borger/joblog', { config: citizenAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => {
        await registerManually({ db, jobs, logger }, actor, request.body);
        return '/borger/joblog?gemt=registrering#list-heading';
      },
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderJoblog(ctx, await getJoblog(db, actor), { values, errors });
        return renderPage(ctx, { title: ctx.t('joblog.title'), body });
      },
    });
  });

  app.post('/borger/joblog/samtykke', { config: citizenAccess }, async (request, reply) => {
    await agreeToForwarding(db, principalOf(request));
    return reply.redirect('/borger/joblog?gemt=samtykke', 303);
  });

  app.post('/borger/joblog/samtykke/tilbagekald', { config: citizenAccess }, async (request, reply) => {
    await withdrawForwarding(db, principalOf(request));
    return reply.redirect('/borger/joblog?gemt=tilbagekaldt', 303);
  });
};
