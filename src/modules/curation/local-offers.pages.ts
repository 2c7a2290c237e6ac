// The workspace's local offers: the jobcenter's own workshops, courses, job fairs and meetings — list, create,
// change, cancel, and the list of who signed up (a logged look-up), where staff record who came once it started.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/http/access.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { submitForm } from '../../platform/http/forms.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { getBranding } from './branding.service.ts';
import { workspaceAccess } from './curation.access.ts';
import type { LocalOfferRow } from './curation.repository.ts';
import { listQuery, offerParams } from './curation.schemas.ts';
import { getCurationTaxonomies, workspaceMunicipality } from './curation.service.ts';
import { listValue, momentFieldValues, momentInput, placedErrors, textValues, workspaceHeader } from './curation.views.ts';
import { cancelLocalOffer, createLocalOffer, getLocalOffer, listLocalOffers, listSignups, recordAttendance, updateLocalOffer } from './local-offers.service.ts';
import {
  OFFERS,
  offerPath,
  renderOffer,
  renderOfferForm,
  renderOffers,
  renderSignups,
  signupsPath,
  titleOf,
  type OfferForm,
  type OfferFormValues,
} from './local-offers.views.ts';

/** The service's input from the submitted form: the date and time fields become one moment each. */
function offerInput(body: unknown): Record<string, unknown> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    kind: form.kind,
    titleDa: form.titleDa,
    titleEn: form.titleEn,
    descriptionDa: form.descriptionDa,
    descriptionEn: form.descriptionEn,
    place: form.place,
    startsAt: momentInput(form, 'startsAt'),
    endsAt: momentInput(form, 'endsAt'),
    capacity: form.capacity,
    signupRequired: form.signupRequired,
    journeyStage: form.journeyStage,
    targetGroups: form.targetGroups,
    languages: form.languages,
  };
}

function submittedValues(body: unknown): OfferFormValues {
  return {
    text: textValues(body),
    targetGroups: listValue(body, 'targetGroups'),
    languages: listValue(body, 'languages'),
    signupRequired: listValue(body, 'signupRequired').includes('ja'),
  };
}

function storedValues(offer: LocalOfferRow): OfferFormValues {
  return {
    text: {
      kind: offer.kind,
      titleDa: offer.title_da,
      titleEn: offer.title_en,
      descriptionDa: offer.description_da,
      descriptionEn: offer.description_en,
      place: offer.place,
      capacity: offer.capacity === null ? '' : String(offer.capacity),
      journeyStage: offer.journey_stage ?? '',
      ...momentFieldValues('startsAt', offer.starts_at),
      ...momentFieldValues('endsAt', offer.ends_at),
    },
    targetGroups: offer.target_groups,
    languages: offer.languages,
    signupRequired: offer.signup_required,
  };
}

const offerNotices: Record<string, MessageKey> = {
  oprettet: 'curation.flash.offerCreated',
  gemt: 'curation.flash.saved',
  aflyst: 'curation.flash.offerCancelled',
  allerede: 'form.alreadySubmitted',
};

const signupNotices: Record<string, MessageKey> = { fremmoede: 'curation.flash.attendanceSaved' };

/** The workspace's local offer pages and their actions. */
export const localOfferPages: RouteModule = (app, { db, changes }) => {
  async function header(request: FastifyRequest, ctx: PageContext): Promise<SafeHtml> {
    return workspaceHeader(ctx, await getBranding(db, workspaceMunicipality(principalOf(request))), 'offers');
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, form: OfferForm, status = 200): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    const [taxonomies, top] = await Promise.all([getCurationTaxonomies(db), header(request, ctx)]);
    return sendPage(reply, renderOfferForm(ctx, top, form, taxonomies), status);
  }

  app.get(OFFERS, { config: workspaceAccess, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [{ offers, hasNext }, taxonomies, top] = await Promise.all([
      listLocalOffers(db, principalOf(request), request.query.side),
      getCurationTaxonomies(db),
      header(request, ctx),
    ]);
    const notice = request.query.besked ? offerNotices[request.query.besked] : undefined;
    return sendPage(reply, renderOffers(ctx, top, { offers, hasNext, page: request.query.side, taxonomies, notice }));
  });

  app.get(`${OFFERS}/ny`, { config: workspaceAccess }, async (request, reply) => {
    workspaceMunicipality(principalOf(request));
    const values: OfferFormValues = { text: {}, targetGroups: [], languages: ['da'], signupRequired: true };
    return showForm(request, reply, { action: OFFERS, title: pageContext(request, reply).t('curation.offer.newTitle'), values, errors: {} });
  });

  app.post(OFFERS, { config: workspaceAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => createLocalOffer(db, actor, offerInput(request.body), changes, formOnce(request.body, 'curation.local-offer', actor.subject)),
      then: (created) => `${offerPath(created.id)}?besked=${created.replayed ? 'allerede' : 'oprettet'}`,
      showAgain: ({ error }) => {
        const errors = placedErrors(error.fields, request.locale);
        const title = pageContext(request, reply).t('curation.offer.newTitle');
        return showForm(request, reply, { action: OFFERS, title, values: submittedValues(request.body), errors }, 400);
      },
    });
  });

  app.get(`${OFFERS}/:offerId`, { config: workspaceAccess, schema: { params: offerParams, querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [offer, taxonomies, top] = await Promise.all([
      getLocalOffer(db, principalOf(request), request.params.offerId),
      getCurationTaxonomies(db),
      header(request, ctx),
    ]);
    const notice = request.query.besked ? offerNotices[request.query.besked] : undefined;
    return sendPage(reply, renderOffer(ctx, top, offer, taxonomies, notice));
  });

  app.get(`${OFFERS}/:offerId/rediger`, { config: workspaceAccess, schema: { params: offerParams } }, async (request, reply) => {
    const offer = await getLocalOffer(db, principalOf(request), request.params.offerId);
    if (offer.cancelled_at) return reply.redirect(offerPath(offer.id), 303);
    const ctx = pageContext(request, reply);
    const title = ctx.t('curation.offer.editTitle', { title: titleOf(ctx, offer) });
    return showForm(request, reply, { action: `${offerPath(offer.id)}/rediger`, title, values: storedValues(offer), errors: {} });
  });

  app.post(`${OFFERS}/:offerId/rediger`, { config: workspaceAccess, schema: { params: offerParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { offerId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await updateLocalOffer(db, actor, offerId, offerInput(request.body), changes);
        return `${offerPath(offerId)}?besked=gemt`;
      },
      showAgain: async ({ error }) => {
        const offer = await getLocalOffer(db, actor, offerId);
        const ctx = pageContext(request, reply);
        const title = ctx.t('curation.offer.editTitle', { title: titleOf(ctx, offer) });
        const errors = placedErrors(error.fields, request.locale);
        return showForm(request, reply, { action: `${offerPath(offerId)}/rediger`, title, values: submittedValues(request.body), errors }, 400);
      },
    });
  });

  app.post(`${OFFERS}/:offerId/aflys`, { config: workspaceAccess, schema: { params: offerParams } }, async (request, reply) => {
    await cancelLocalOffer(db, principalOf(request), request.params.offerId, changes);
    return reply.redirect(`${offerPath(request.params.offerId)}?besked=aflyst`, 303);
  });

  app.get(`${OFFERS}/:offerId/deltagere`, { config: workspaceAccess, schema: { params: offerParams, querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [list, top] = await Promise.all([listSignups(db, principalOf(request), request.params.offerId, request.query.side), header(request, ctx)]);
    const notice = request.query.besked ? signupNotices[request.query.besked] : undefined;
    return sendPage(reply, renderSignups(ctx, top, { ...list, page: request.query.side, notice }));
  });

  // Who came: the choices of one page of the list, saved together; back to that page.
  app.post(`${OFFERS}/:offerId/deltagere`, { config: workspaceAccess, schema: { params: offerParams, querystring: listQuery } }, async (request, reply) => {
    const actor = principalOf(request);
    const { offerId } = request.params;
    const page = request.query.side;
    return submitForm(reply, request.body, {
      run: async () => {
        await recordAttendance(db, actor, offerId, request.body);
        return signupsPath(offerId, page, 'fremmoede');
      },
      showAgain: async ({ errors }) => {
        const ctx = pageContext(request, reply);
        const [list, top] = await Promise.all([listSignups(db, actor, offerId, page), header(request, ctx)]);
        return renderSignups(ctx, top, { ...list, page, form: { values: textValues(request.body), errors } });
      },
    });
  });
};
