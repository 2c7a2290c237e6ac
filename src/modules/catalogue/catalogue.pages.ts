import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { CatalogueCache } from './catalogue.cache.ts';
import { catalogueBody, renderCatalogue, renderListing } from './catalogue.views.ts';
import { catalogueQuerySchema, listingParamsSchema } from './catalogue.schemas.ts';
import { findListings, getLiveListing, getTaxonomies } from './catalogue.service.ts';

/**
 * The national catalogue, public: Danish full-text search with typo tolerance and facets, and each live listing's
 * page. Answers are cached in this process, forgotten as the app's change bus says.
 */
export const cataloguePages: RouteModule = (app, { db, changes }) => {
  const cache = new CatalogueCache();
  const stopFollowing = cache.followChanges(changes);
  app.addHook('onClose', (_instance, done) => {
    stopFollowing();
    done();
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
