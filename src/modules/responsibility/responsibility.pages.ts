import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { whoHelpsQuery } from './responsibility.schemas.ts';
import { chooseActor, getWhoHelpsMe } from './responsibility.service.ts';
import { renderWhoHelpsMePage } from './responsibility.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

/** "Hvem hjælper mig?" (/borger/hvem-hjaelper-mig): who helps the citizen now, the periods so far, and the free choice. */
export const responsibilityPages: RouteModule = (app, { db, config, changes }) => {
  const deps = { db, config, changes };

  app.get('/borger/hvem-hjaelper-mig', { config: citizenAccess, schema: { querystring: whoHelpsQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await getWhoHelpsMe(deps, principalOf(request));
    const body = renderWhoHelpsMePage(ctx, view, { errors: {}, saved: request.query.valgt === '1' });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('responsibility.page.title'), body }));
  });

  app.post('/borger/hvem-hjaelper-mig', { config: citizenAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => {
        await chooseActor(deps, actor, request.body);
        return '/borger/hvem-hjaelper-mig?valgt=1';
      },
      showAgain: async ({ errors }) => {
        const ctx = pageContext(request, reply);
        const view = await getWhoHelpsMe(deps, actor);
        const body = renderWhoHelpsMePage(ctx, view, { errors, value: formValues(request.body).organisation, saved: false });
        return renderPage(ctx, { title: ctx.t('responsibility.page.title'), body });
      },
    });
  });
};
