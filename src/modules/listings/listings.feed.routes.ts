// The public catalogue feed: GET /api/public/v1/catalogue/feed, no sign-in, rate limited as every API route.
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { catalogueFeedPageSchema, catalogueFeedQuerySchema } from './listings.feed.schemas.ts';
import { readCatalogueFeed } from './listings.feed.service.ts';
import { presentFeedItem } from './listings.feed.views.ts';

/** The national catalogue's change feed for anyone who keeps a copy of the catalogue. */
export const catalogueFeedRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/public/v1/catalogue/feed',
    {
      config: publicAccess,
      schema: {
        operationId: 'readCatalogueFeed',
        tags: ['Catalogue'],
        security: [],
        summary: 'Changes to the national catalogue',
        description:
          'Every change to what the national catalogue shows, oldest first: a listing went live (created), a new version or other content went live (changed), it was suspended or reinstated, or it left for good (removed). Suspended and removed items carry a tombstone `{ id, removed: true, removed_at }`. Start without `after`, keep `next`, and ask again with it: replaying the items (a tombstone deletes) gives exactly the catalogue. A change appears once every transaction older than it has ended, so no change ever lands behind a cursor.',
        querystring: catalogueFeedQuerySchema,
        response: { 200: catalogueFeedPageSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const page = await readCatalogueFeed(db, request.query);
      return { items: page.rows.map(presentFeedItem), next: page.next };
    },
  );
};
