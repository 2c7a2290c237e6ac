// An a-kasse's or another actor's own offers and recommendations, for its caseworkers: list, create, change, cancel
// (asks first) offers; recommend a listing of the national catalogue and remove a recommendation (asks first).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formValues, isConfirmed } from '../../platform/views/components.ts';
import { listingSearchQuery, listQuery, offerParams, recommendationParams } from './actor-offers.schemas.ts';
import {
  actingOrganisation,
  cancelActorOffer,
  createActorOffer,
  getActorOffer,
  getActorRecommendation,
  listActorOffers,
  listActorRecommendations,
  listListingChoices,
  recommendListing,
  removeActorRecommendation,
  updateActorOffer,
} from './actor-offers.service.ts';
import {
  ACTOR_OFFERS,
  ACTOR_RECOMMENDATIONS,
  actorOfferPath,
  actorOfferTitle,
  momentFieldValues,
  placedErrors,
  renderActorOffer,
  renderActorOfferForm,
  renderActorOffers,
  renderRecommendForm,
  type ActorOfferForm,
} from './actor-offers.views.ts';

/** Caseworkers of an organisation; the service lets only an a-kasse's or another actor's on (a kommune's: not found). */
const actorStaffAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;

/** The service's input from the submitted form: the date and time fields become one moment each. */
function offerInput(body: unknown): Record<string, unknown> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const moment = (name: string) => ({ day: form[`${name}Day`], month: form[`${name}Month`], year: form[`${name}Year`], time: form[`${name}Time`] });
  return {
    titleDa: form.titleDa,
    titleEn: form.titleEn,
    descriptionDa: form.descriptionDa,
    descriptionEn: form.descriptionEn,
    place: form.place,
    startsAt: moment('startsAt'),
    endsAt: moment('endsAt'),
    url: form.url,
  };
}

const notices: Record<string, MessageKey> = {
  oprettet: 'actorOffers.flash.created',
  gemt: 'actorOffers.flash.saved',
  aflyst: 'actorOffers.flash.cancelled',
  allerede: 'form.alreadySubmitted',
  anbefalet: 'actorOffers.flash.recommended',
  fjernet: 'actorOffers.flash.removed',
  anbefalerallerede: 'actorOffers.flash.alreadyRecommended',
};

/** The offers pages of an a-kasse or another actor, and their actions. */
export const actorOfferPages: RouteModule = (app, { db, changes }) => {
  const showForm = (request: FastifyRequest, reply: FastifyReply, form: ActorOfferForm, status = 200) =>
    sendPage(reply, renderActorOfferForm(pageContext(request, reply), form), status);

  app.get(ACTOR_OFFERS, { config: actorStaffAccess, schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = principalOf(request);
    const [{ organisation, offers, hasNext }, { recommendations }] = await Promise.all([
      listActorOffers(db, actor, request.query.side),
      listActorRecommendations(db, actor),
    ]);
    const notice = request.query.besked ? notices[request.query.besked] : undefined;
    return sendPage(
      reply,
      renderActorOffers(pageContext(request, reply), { organisation, offers, hasNext, page: request.query.side, recommendations, notice }),
    );
  });

  app.get(`${ACTOR_OFFERS}/ny`, { config: actorStaffAccess }, async (request, reply) => {
    actingOrganisation(principalOf(request));
    const title = pageContext(request, reply).t('actorOffers.newTitle');
    return showForm(request, reply, { action: ACTOR_OFFERS, title, values: {}, errors: {}, creating: true });
  });

  app.post(ACTOR_OFFERS, { config: actorStaffAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => createActorOffer(db, actor, offerInput(request.body), changes, formOnce(request.body, 'actor-offers.offer', actor.subject)),
      then: (created) => `${actorOfferPath(created.id)}?besked=${created.replayed ? 'allerede' : 'oprettet'}`,
      showAgain: ({ error }) => {
        const title = pageContext(request, reply).t('actorOffers.newTitle');
        const errors = placedErrors(error.fields, request.locale);
        return showForm(request, reply, { action: ACTOR_OFFERS, title, values: formValues(request.body), errors, creating: true }, 400);
      },
    });
  });

  app.get(`${ACTOR_OFFERS}/:offerId`, { config: actorStaffAccess, schema: { params: offerParams, querystring: listQuery } }, async (request, reply) => {
    const offer = await getActorOffer(db, principalOf(request), request.params.offerId);
    const notice = request.query.besked ? notices[request.query.besked] : undefined;
    return sendPage(reply, renderActorOffer(pageContext(request, reply), offer, notice));
  });

  app.get(`${ACTOR_OFFERS}/:offerId/rediger`, { config: actorStaffAccess, schema: { params: offerParams } }, async (request, reply) => {
    const offer = await getActorOffer(db, principalOf(request), request.params.offerId);
    if (offer.cancelled_at) return reply.redirect(actorOfferPath(offer.id), 303);
    const ctx = pageContext(request, reply);
    const values = {
      titleDa: offer.title_da,
      titleEn: offer.title_en,
      descriptionDa: offer.description_da,
      descriptionEn: offer.description_en,
      place: offer.place,
      url: offer.url ?? '',
      ...momentFieldValues('startsAt', offer.starts_at),
      ...momentFieldValues('endsAt', offer.ends_at),
    };
    const title = ctx.t('actorOffers.editTitle', { title: actorOfferTitle(ctx, offer) });
    return showForm(request, reply, { action: `${actorOfferPath(offer.id)}/rediger`, title, values, errors: {}, creating: false });
  });

  app.post(`${ACTOR_OFFERS}/:offerId/rediger`, { config: actorStaffAccess, schema: { params: offerParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { offerId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await updateActorOffer(db, actor, offerId, offerInput(request.body), changes);
        return `${actorOfferPath(offerId)}?besked=gemt`;
      },
      showAgain: async ({ error }) => {
        const offer = await getActorOffer(db, actor, offerId);
        const ctx = pageContext(request, reply);
        const title = ctx.t('actorOffers.editTitle', { title: actorOfferTitle(ctx, offer) });
        const errors = placedErrors(error.fields, request.locale);
        return showForm(
          request,
          reply,
          { action: `${actorOfferPath(offerId)}/rediger`, title, values: formValues(request.body), errors, creating: false },
          400,
        );
      },
    });
  });

  // Cancelling asks first: the first POST shows what will happen, only the confirmed one cancels.
  app.post(`${ACTOR_OFFERS}/:offerId/aflys`, { config: actorStaffAccess, schema: { params: offerParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { offerId } = request.params;
    if (isConfirmed(request.body)) {
      await cancelActorOffer(db, actor, offerId, changes);
      return reply.redirect(`${actorOfferPath(offerId)}?besked=aflyst`, 303);
    }
    const offer = await getActorOffer(db, actor, offerId);
    if (offer.cancelled_at) return reply.redirect(actorOfferPath(offerId), 303);
    const ctx = pageContext(request, reply);
    return sendConfirmation(reply, ctx, {
      heading: ctx.t('actorOffers.confirmCancel', { title: actorOfferTitle(ctx, offer) }),
      text: ctx.t('actorOffers.confirmCancelText'),
      action: `${actorOfferPath(offerId)}/aflys`,
      confirmLabel: ctx.t('actorOffers.confirmCancelYes'),
      cancelHref: actorOfferPath(offerId),
    });
  });

  app.get(`${ACTOR_RECOMMENDATIONS}/ny`, { config: actorStaffAccess, schema: { querystring: listingSearchQuery } }, async (request, reply) => {
    const query = request.query.q ?? '';
    const choices = await listListingChoices(db, principalOf(request), query);
    return sendPage(reply, renderRecommendForm(pageContext(request, reply), { query, choices, values: {}, errors: {} }));
  });

  app.post(ACTOR_RECOMMENDATIONS, { config: actorStaffAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => recommendListing(db, actor, request.body, changes),
      then: (made) => `${ACTOR_OFFERS}?besked=${made.created ? 'anbefalet' : 'anbefalerallerede'}#recommendations-heading`,
      showAgain: async ({ error, values }) => {
        const choices = await listListingChoices(db, actor, '');
        return renderRecommendForm(pageContext(request, reply), { query: '', choices, values, errors: placedErrors(error.fields, request.locale) });
      },
    });
  });

  // Removing asks first, as cancelling does.
  app.post(`${ACTOR_RECOMMENDATIONS}/:listingId/fjern`, { config: actorStaffAccess, schema: { params: recommendationParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { listingId } = request.params;
    if (isConfirmed(request.body)) {
      await removeActorRecommendation(db, actor, listingId, changes);
      return reply.redirect(`${ACTOR_OFFERS}?besked=fjernet#recommendations-heading`, 303);
    }
    const recommendation = await getActorRecommendation(db, actor, listingId);
    const ctx = pageContext(request, reply);
    const name = (ctx.locale === 'en' ? (recommendation.name_en ?? recommendation.name_da) : recommendation.name_da) ?? ctx.t('actorOffers.notLive');
    return sendConfirmation(reply, ctx, {
      heading: ctx.t('actorOffers.confirmRemove', { name }),
      text: ctx.t('actorOffers.confirmRemoveText'),
      action: `${ACTOR_RECOMMENDATIONS}/${listingId}/fjern`,
      confirmLabel: ctx.t('actorOffers.confirmRemoveYes'),
      cancelHref: `${ACTOR_OFFERS}#recommendations-heading`,
    });
  });
};
