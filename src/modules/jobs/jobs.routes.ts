// Job search as data: GET /api/public/v1/jobs (no sign-in), the occupations for typeahead, and one ad.
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { adParams, jobApiQuerySchema, jobSearchResultSchema, occupationListSchema, occupationQuerySchema } from './jobs.schemas.ts';
import { getJobAd, JOBS_PAGE_SIZE, searchJobs, suggestOccupations } from './jobs.service.ts';
import { presentAd, presentSearch } from './jobs.views.ts';
import { jobAdSchema } from './jobs.schemas.ts';

export const jobApiRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/public/v1/jobs',
    {
      config: publicAccess,
      schema: {
        operationId: 'searchJobs',
        tags: ['Jobs'],
        security: [],
        summary: 'Search the job ads',
        description: `Danish full text (stemmed, typo-tolerant), occupation, municipality, distance from a place, working hours, publication and deadline; sorted by relevance, distance, newest or deadline; ${JOBS_PAGE_SIZE} to a page, with facet counts over all matching ads.`,
        querystring: jobApiQuerySchema,
        response: {
          200: { description: 'A page of ads with the facet counts', content: { 'application/json': { schema: jobSearchResultSchema } } },
          ...problemResponses(400, 429),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const now = new Date();
      const result = await searchJobs(
        db,
        {
          query: q.q,
          occupations: q.occupation,
          occupationText: '',
          municipalities: q.municipality,
          place: q.near ?? '',
          radiusKm: q.radiusKm,
          hours: q.hours,
          publishedWithinDays: q.publishedWithinDays,
          deadlineFrom: q.deadlineFrom,
          sort: q.sort,
          page: q.page,
        },
        { now, today: copenhagenDate(now) },
      );
      reply.header('cache-control', 'public, max-age=60');
      return presentSearch(result);
    },
  );

  app.get(
    '/api/public/v1/jobs/occupations',
    {
      config: publicAccess,
      schema: {
        operationId: 'suggestOccupations',
        tags: ['Jobs'],
        security: [],
        summary: 'Occupations whose title starts with, contains or resembles the text (typeahead)',
        querystring: occupationQuerySchema,
        response: {
          200: { description: 'Up to 10 occupations', content: { 'application/json': { schema: occupationListSchema } } },
          ...problemResponses(400, 429),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return (await suggestOccupations(db, request.query.q)).map((o) => ({ escoUri: o.esco_uri, title: o.title, discoCode: o.disco_code }));
    },
  );

  app.get(
    '/api/public/v1/jobs/:adId',
    {
      config: publicAccess,
      schema: {
        operationId: 'readJob',
        tags: ['Jobs'],
        security: [],
        summary: 'One job ad, whole',
        params: adParams,
        response: { 200: { description: 'The ad', content: { 'application/json': { schema: jobAdSchema } } }, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => presentAd(await getJobAd(db, request.params.adId, copenhagenDate())),
  );
};
