import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { getWhoHelpsMe, renderWhoHelpsMeCard } from '../responsibility/index.ts';
import { countOpenJobSuggestions, renderJobSuggestionsLink } from '../jobs/index.ts';
import { renderJourney, renderOverview, renderScreening, screeningValuesFromForm, screeningValuesOf } from './journey.views.ts';
import { activityParams } from './journey.schemas.ts';
import {
  addToPlan,
  changeActivityStatus,
  dismissRecommendation,
  getCitizenOverview,
  getJourney,
  getScreening,
  restoreRecommendation,
  submitScreening,
} from './journey.service.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const journeyQuery = z.object({ screening: z.literal('gemt').optional().catch(undefined) });

/** The citizen's overview (their start page), the screening, "Min jobrejse" with the plan and recommendations, and its forms. */
export const journeyPages: RouteModule = (app, { db, config, changes }) => {
  app.get('/borger', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const overview = await getCitizenOverview(db, actor);
    const whoHelps = renderWhoHelpsMeCard(ctx, await getWhoHelpsMe({ db, config, changes }, actor));
    return sendPage(reply, renderPage(ctx, { title: ctx.t('start.title', { name: actor.name }), body: renderOverview(ctx, actor, overview, whoHelps) }));
  });

  app.get('/borger/screening', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await getScreening(db, principalOf(request));
    const body = renderScreening(ctx, {
      values: screeningValuesOf(view.profile),
      errors: {},
      taxonomies: view.taxonomies,
      firstTime: !view.profile?.screened_at,
      escalation: view.escalation,
      contact: view.contact,
    });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('journey.screening.title'), body }));
  });

  app.post('/borger/screening', { config: citizenAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => {
        await submitScreening(db, actor, request.body, changes);
        return '/borger/jobrejse?screening=gemt';
      },
      showAgain: async ({ errors }) => {
        const ctx = pageContext(request, reply);
        const view = await getScreening(db, actor);
        const body = renderScreening(ctx, {
          values: screeningValuesFromForm(request.body),
          errors,
          taxonomies: view.taxonomies,
          firstTime: !view.profile?.screened_at,
          escalation: view.escalation,
          contact: view.contact,
        });
        return renderPage(ctx, { title: ctx.t('journey.screening.title'), body });
      },
    });
  });

  app.get('/borger/jobrejse', { config: citizenAccess, schema: { querystring: journeyQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await getJourney(db, principalOf(request));
    // Nobody starts without the screening: it is what makes sure a citizen who needs a person gets one.
    if (!view) return reply.redirect('/borger/screening', 303);
    const jobSuggestions = renderJobSuggestionsLink(ctx, await countOpenJobSuggestions(db, principalOf(request)));
    return sendPage(
      reply,
      renderPage(ctx, {
        title: ctx.t('journey.title'),
        body: renderJourney(ctx, view, { screeningSaved: request.query.screening === 'gemt' }, jobSuggestions),
      }),
    );
  });

  app.post('/borger/jobrejse/aktiviteter', { config: citizenAccess }, async (request, reply) => {
    await addToPlan(db, principalOf(request), request.body, changes);
    return reply.redirect('/borger/jobrejse#plan-heading', 303);
  });

  app.post('/borger/jobrejse/aktiviteter/:activityId/status', { config: citizenAccess, schema: { params: activityParams } }, async (request, reply) => {
    await changeActivityStatus(db, principalOf(request), request.params.activityId, request.body, changes);
    return reply.redirect('/borger/jobrejse#plan-heading', 303);
  });

  app.post('/borger/jobrejse/ikke-relevant', { config: citizenAccess }, async (request, reply) => {
    await dismissRecommendation(db, principalOf(request), request.body, changes);
    return reply.redirect('/borger/jobrejse#recommendations-heading', 303);
  });

  app.post('/borger/jobrejse/ikke-relevant/fortryd', { config: citizenAccess }, async (request, reply) => {
    await restoreRecommendation(db, principalOf(request), request.body, changes);
    return reply.redirect('/borger/jobrejse#recommendations-heading', 303);
  });
};
