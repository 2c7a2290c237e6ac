import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formErrors, isConfirmed } from '../../platform/views/components.ts';
import { parseInput } from '../../platform/validation.ts';
import { liveActions, reasonSchema, reviewOutcomes } from './listings.schemas.ts';
import { LIVE_LIST, renderLiveList, renderMunicipalityNotices, renderReview, renderWorkspace } from './listings.review.views.ts';
import { workspaceHeaderFor } from '../curation/index.ts';
import {
  assignReview,
  changeLiveStatus,
  decideReview,
  getListingForReview,
  getMunicipalityNotices,
  getReviewWorkspace,
  getTaxonomyLabels,
  listLiveListings,
} from './listings.service.ts';

const governance = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;
const listingParams = z.object({ listingId: z.uuid() });
// After a decision the listing's page says what was done (`?udfald=`); anything else in the address shows nothing.
const reviewQuery = z.object({ udfald: z.enum(reviewOutcomes).optional().catch(undefined) });
const liveListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(['live', 'suspenderet']).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

/** Governance's workspace (the review queue and decisions) and the municipalities' notices about listings. */
export const listingReviewPages: RouteModule = (app, { db, changes }) => {
  app.get('/faellesskab/gennemgang', { config: governance }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { queue, recent } = await getReviewWorkspace(db);
    return sendPage(reply, renderWorkspace(ctx, queue, recent));
  });

  app.get(LIVE_LIST, { config: governance, schema: { querystring: liveListQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { q, status, side } = request.query;
    const list = await listLiveListings(db, principalOf(request), {
      query: q ?? '',
      status: status === 'live' ? 'approved' : status === 'suspenderet' ? 'suspended' : undefined,
      page: side,
    });
    return sendPage(reply, renderLiveList(ctx, list, { q: q ?? '', status }));
  });

  app.get('/faellesskab/ydelser/:listingId', { config: governance, schema: { params: listingParams, querystring: reviewQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [view, labels] = await Promise.all([getListingForReview(db, principalOf(request), request.params.listingId), getTaxonomyLabels(db)]);
    return sendPage(reply, renderReview(ctx, view, labels, {}, request.query.udfald));
  });

  app.post('/faellesskab/ydelser/:listingId/tildel', { config: governance, schema: { params: listingParams } }, async (request, reply) => {
    await assignReview(db, principalOf(request), request.params.listingId);
    return reply.redirect(`/faellesskab/ydelser/${request.params.listingId}`, 303);
  });

  app.post('/faellesskab/ydelser/:listingId/afgoerelse', { config: governance, schema: { params: listingParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return submitForm(reply, body, {
      run: async () => {
        await decideReview(db, actor, request.params.listingId, { decision: body.decision, reason: body.reason }, changes);
        const decided = reviewOutcomes.find((o) => o === body.decision);
        return `/faellesskab/ydelser/${request.params.listingId}${decided ? `?udfald=${decided}` : ''}`;
      },
      showAgain: async ({ errors, values }) => {
        const [view, labels] = await Promise.all([getListingForReview(db, actor, request.params.listingId), getTaxonomyLabels(db)]);
        return renderReview(pageContext(request, reply), view, labels, { decision: { values, errors } });
      },
    });
  });

  app.post('/faellesskab/ydelser/:listingId/status', { config: governance, schema: { params: listingParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = liveActions.find((a) => a === body.liveAction);
    return submitForm(reply, body, {
      run: async () => {
        if (!action) throw new AppError('VALIDATION', 'Choose what to do.', [{ field: 'liveAction', message: 'validation.choice' }]);
        // Suspending and delisting ask first (the reason checked before asking); only the confirmed POST acts.
        if (action !== 'reinstate' && !isConfirmed(body)) {
          const { reason } = parseInput(reasonSchema, { reason: body.liveReason });
          const ctx = pageContext(request, reply);
          const view = await getListingForReview(db, actor, request.params.listingId);
          const name = view.live?.name_da ?? view.open?.name_da ?? view.versions[0]?.name_da ?? ctx.t('listing.unnamed');
          const back = `/faellesskab/ydelser/${request.params.listingId}`;
          return sendConfirmation(reply, ctx, {
            heading: ctx.t(action === 'suspend' ? 'review.live.confirmSuspend' : 'review.live.confirmDelist', { name }),
            text: ctx.t(action === 'suspend' ? 'review.live.confirmSuspendText' : 'review.live.confirmDelistText', { reason }),
            action: `${back}/status`,
            confirmLabel: ctx.t(action === 'suspend' ? 'review.live.confirmSuspendYes' : 'review.live.confirmDelistYes'),
            cancelHref: back,
            hidden: { liveAction: action, liveReason: reason },
          });
        }
        await changeLiveStatus(db, actor, request.params.listingId, action, { reason: body.liveReason }, changes);
        return `/faellesskab/ydelser/${request.params.listingId}?udfald=${action}`;
      },
      showAgain: async ({ error, values }) => {
        const ctx = pageContext(request, reply);
        const [view, labels] = await Promise.all([getListingForReview(db, actor, request.params.listingId), getTaxonomyLabels(db)]);
        // The reason's field on this form is `liveReason` (the page has a second reason field, for decisions).
        const errors = formErrors(
          error.fields.map((f) => (f.field === 'reason' ? { ...f, field: 'liveReason' } : f)),
          ctx.locale,
        );
        return renderReview(ctx, view, labels, { live: { values, errors } });
      },
    });
  });

  app.get('/kommune/meddelelser', { config: { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const [notices, header] = await Promise.all([getMunicipalityNotices(db, actor), workspaceHeaderFor(db, ctx, actor, 'notices')]);
    return sendPage(reply, renderMunicipalityNotices(ctx, header, notices));
  });
};
