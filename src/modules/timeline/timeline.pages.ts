import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { caseworkerTimelineQuery, citizenParams, timelineQuery } from './timeline.schemas.ts';
import { getOwnTimeline, openCitizenTimeline } from './timeline.service.ts';
import { renderCitizenTimeline, renderOwnTimeline, renderTimelinePurpose } from './timeline.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;

/** The citizen's timeline (/borger/tidslinje) and a citizen's timeline for the caseworker, opened with a purpose. */
export const timelinePages: RouteModule = (app, { db }) => {
  app.get('/borger/tidslinje', { config: citizenAccess, schema: { querystring: timelineQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await getOwnTimeline(db, principalOf(request), request.query);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('timeline.title'), body: renderOwnTimeline(ctx, view) }));
  });

  app.get(
    '/medarbejder/borgere/:citizenId/tidslinje',
    { config: caseworkerAccess, schema: { params: citizenParams, querystring: caseworkerTimelineQuery } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const { citizenId } = request.params;
      if (request.query.purpose === undefined) {
        // The question comes first: nothing of the citizen is read before a purpose is given.
        return sendPage(
          reply,
          renderPage(ctx, { title: ctx.t('timeline.caseworker.purposeTitle'), body: renderTimelinePurpose(ctx, citizenId, { errors: {} }) }),
        );
      }
      return submitForm(reply, undefined, {
        run: () => openCitizenTimeline(db, principalOf(request), citizenId, request.query),
        then: (view) =>
          sendPage(
            reply,
            renderPage(ctx, { title: ctx.t('timeline.caseworker.title', { name: view.citizen.full_name }), body: renderCitizenTimeline(ctx, view) }),
          ),
        showAgain: ({ errors }) =>
          renderPage(ctx, {
            title: ctx.t('timeline.caseworker.purposeTitle'),
            body: renderTimelinePurpose(ctx, citizenId, { value: request.query.purpose, errors }),
          }),
      });
    },
  );
};
