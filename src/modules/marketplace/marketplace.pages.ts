import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { issuerOf, launchUrlFor } from '../sso/index.ts';
import { MarketplaceCache } from './marketplace.cache.ts';
import { MarketplaceViewRecorder } from './marketplace.recorder.ts';
import {
  MARKETPLACE,
  ratingValuesFromForm,
  renderHandOver,
  renderListingPage,
  renderLocalOfferPage,
  renderMarketplace,
  renderNoSeat,
} from './marketplace.views.ts';
import { listingParamsSchema, listingQuerySchema, localOfferParamsSchema, localOfferQuerySchema, marketplaceQuerySchema } from './marketplace.schemas.ts';
import { browseMarketplace, getHandOver, getListingPage, getLocalOfferPage, launchListing, rateListing, signUpForOffer } from './marketplace.service.ts';

/** Citizens signed in with MitID at NSIS Substantial. */
const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

/**
 * The citizen's marketplace: their municipality's enabled services and local offers, searched and filtered with the
 * jobcenter's recommendations first; each service's page with ratings; launching a service; signing up for a local
 * offer. What a municipality offers is kept in this process, forgotten as the app's change bus says.
 */
export const marketplacePages: RouteModule = (app, { db, config, changes, logger }) => {
  const cache = new MarketplaceCache();
  const stopFollowing = cache.followChanges(changes);
  const views = new MarketplaceViewRecorder(db, {
    flushMs: config.marketplaceViewsFlushMs,
    onError: (err, lost) => logger.error({ err, lost }, 'marketplace views could not be recorded'),
  });
  app.addHook('onClose', async () => {
    stopFollowing();
    await views.flush();
  });

  app.get(MARKETPLACE, { config: citizenAccess, schema: { querystring: marketplaceQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { q, fase, kategori, sprog, pris, lokale, filtre, side } = request.query;
    const filter = { query: q ?? '', stages: fase, categories: kategori, languages: sprog, priceModels: pris, localOnly: lokale === '1', page: side };
    const view = await browseMarketplace(db, cache, views, principalOf(request), filter);
    return sendPage(reply, renderMarketplace(ctx, view, { showFilters: filtre === '1' }));
  });

  app.get(
    `${MARKETPLACE}/:listingId`,
    { config: citizenAccess, schema: { params: listingParamsSchema, querystring: listingQuerySchema } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const page = await getListingPage(db, cache, principalOf(request), request.params.listingId, request.query.side, views);
      return sendPage(reply, renderListingPage(ctx, page, { values: {}, errors: {}, saved: request.query.bedoemmelse === 'gemt' }));
    },
  );

  app.post(`${MARKETPLACE}/:listingId/start`, { config: citizenAccess, schema: { params: listingParamsSchema } }, async (request, reply) => {
    const launched = await launchListing(db, cache, principalOf(request), request.params.listingId);
    // Not straight to the service: the page's CSP (form-action 'self') stops a form's redirect to another origin.
    if (launched.outcome === 'launched') return reply.redirect(`${MARKETPLACE}/${launched.listingId}/aabner`, 303);
    const ctx = pageContext(request, reply);
    const name = ctx.locale === 'en' ? launched.listing.name_en : launched.listing.name_da;
    return sendPage(
      reply,
      renderNoSeat(ctx, { listingName: name, listingId: launched.listing.listing_id, alternatives: launched.alternatives, contact: launched.contact }),
      409,
    );
  });

  app.get(`${MARKETPLACE}/:listingId/aabner`, { config: citizenAccess, schema: { params: listingParamsSchema } }, async (request, reply) => {
    const handOver = await getHandOver(db, principalOf(request), request.params.listingId);
    if (!handOver) return reply.redirect(`${MARKETPLACE}/${request.params.listingId}`, 303);
    // OpenID Connect third-party initiated login: the service's login start (or its address) with our issuer and
    // the service as target, so the vendor starts single sign-on at the platform's OpenID Provider.
    const url = (await launchUrlFor(db, issuerOf(config), handOver.listing.listing_id)) ?? handOver.listing.service_url;
    // The browser goes on by itself (a new navigation, which the CSP allows), and the page has a link in case not.
    if (/^https?:\/\/[^\s]+$/.test(url)) reply.header('refresh', `0; url=${url}`);
    return sendPage(reply, renderHandOver(pageContext(request, reply), { ...handOver.listing, service_url: url }));
  });

  app.post(`${MARKETPLACE}/:listingId/bedoemmelse`, { config: citizenAccess, schema: { params: listingParamsSchema } }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => {
        await rateListing(db, actor, request.params.listingId, request.body, changes);
        return `${MARKETPLACE}/${request.params.listingId}?bedoemmelse=gemt#rate-heading`;
      },
      showAgain: async ({ errors }) => {
        const page = await getListingPage(db, cache, actor, request.params.listingId);
        return renderListingPage(pageContext(request, reply), page, { values: ratingValuesFromForm(request.body), errors, saved: false });
      },
    });
  });

  app.get(
    `${MARKETPLACE}/lokale-tilbud/:localOfferId`,
    { config: citizenAccess, schema: { params: localOfferParamsSchema, querystring: localOfferQuerySchema } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const page = await getLocalOfferPage(db, cache, principalOf(request), request.params.localOfferId);
      return sendPage(reply, renderLocalOfferPage(ctx, page, request.query.tilmelding));
    },
  );

  app.post(
    `${MARKETPLACE}/lokale-tilbud/:localOfferId/tilmeld`,
    { config: citizenAccess, schema: { params: localOfferParamsSchema } },
    async (request, reply) => {
      const outcome = await signUpForOffer(db, principalOf(request), request.params.localOfferId, changes);
      return reply.redirect(`${MARKETPLACE}/lokale-tilbud/${request.params.localOfferId}?tilmelding=${outcome}`, 303);
    },
  );
};
