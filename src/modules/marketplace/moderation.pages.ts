import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { workspaceHeaderFor } from '../curation/index.ts';
import { MODERATION, renderModeration } from './moderation.views.ts';
import { moderationQuerySchema, ratingParamsSchema } from './marketplace.schemas.ts';
import { listPendingRatings, moderateRating } from './moderation.service.ts';

/** The municipality's content owners and administrators, signed in at NSIS Substantial. */
const moderatorAccess = { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } as const;

/** The municipality's moderation of its citizens' ratings: the queue, and approve or reject. */
export const moderationPages: RouteModule = (app, { db, changes }) => {
  app.get(MODERATION, { config: moderatorAccess, schema: { querystring: moderationQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const [queue, header] = await Promise.all([listPendingRatings(db, actor, request.query.side), workspaceHeaderFor(db, ctx, actor, 'ratings')]);
    return sendPage(reply, renderModeration(ctx, header, queue, request.query.afgjort));
  });

  app.post(`${MODERATION}/:ratingId`, { config: moderatorAccess, schema: { params: ratingParamsSchema } }, async (request, reply) => {
    const decision = await moderateRating(db, principalOf(request), request.params.ratingId, request.body, changes);
    return reply.redirect(`${MODERATION}?afgjort=${decision}`, 303);
  });
};
