import { listenForNotifications } from '../../platform/db/notifications.ts';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { CATALOGUE_CHANNEL, CatalogueCache, LISTENER_APPLICATION_NAME, registerCatalogueCache } from './catalogue.cache.ts';
import { catalogueBody, renderCatalogue, renderListing } from './catalogue.presenter.ts';
import { catalogueQuerySchema, listingParamsSchema } from './catalogue.schemas.ts';
import { findListings, getLiveListing, getTaxonomies } from './catalogue.service.ts';

/**
 * The national catalogue, public: Danish full-text search with typo tolerance and facets, and each live listing's
 * page. Answers are cached in this process while a connection of its own hears the database's change notifications.
 */
export const cataloguePages: RouteModule = async (app, { db, pool, logger }) => {
  const cache = new CatalogueCache();
  const unregister = registerCatalogueCache(cache);
  const listener = await listenForNotifications({
    connection: pool.options,
    channels: [CATALOGUE_CHANNEL],
    name: LISTENER_APPLICATION_NAME,
    logger,
    onNotification: () => cache.clear(),
    onListening: (listening) => cache.setEnabled(listening),
  });
  app.addHook('onClose', async () => {
    unregister();
    await listener.stop();
  });

  app.get('/katalog', { config: publicAccess, schema: { querystring: catalogueQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { q, fase, kategori, maalgruppe, sprog, pris, niveau, side } = request.query;
    const filter = {
      query: q ?? '',
      stages: fase,
      categories: kategori,
      targetGroups: maalgruppe,
      languages: sprog,
      priceModels: pris,
      maxNsisLevel: niveau,
      page: side,
    };
    // The body depends on the language and the search only, so it is kept with the answer it shows.
    const body = await cache.remember(`page:${ctx.locale}:${JSON.stringify(filter)}`, async () => {
      const [result, taxonomies] = await Promise.all([findListings(db, cache, filter), getTaxonomies(db, cache)]);
      return catalogueBody(ctx, { filter, result, taxonomies });
    });
    return sendPage(reply, renderCatalogue(ctx, body));
  });

  app.get('/katalog/:listingId', { config: publicAccess, schema: { params: listingParamsSchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [listing, taxonomies] = await Promise.all([getLiveListing(db, cache, request.params.listingId), getTaxonomies(db, cache)]);
    return sendPage(reply, renderListing(ctx, listing, taxonomies));
  });
};
