import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { toPage } from '../../platform/http/pagination.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { presentJobcenter, presentMunicipality } from './municipalities.views.ts';
import { municipalityDetailSchema, municipalityListQuerySchema, municipalityPageSchema, municipalityParamsSchema } from './municipalities.schemas.ts';
import { getMunicipality, listMunicipalities } from './municipalities.service.ts';

/** Public reference API: the 98 municipalities and their jobcenters. */
export const municipalityRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/municipalities',
    {
      config: publicAccess,
      schema: {
        operationId: 'listMunicipalities',
        tags: ['Municipalities'],
        security: [],
        summary: 'List municipalities',
        description: 'All 98 Danish municipalities in kommunekode order, optionally for one region. Cursor-paginated.',
        querystring: municipalityListQuerySchema,
        response: { 200: municipalityPageSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const rows = await listMunicipalities(db, request.query);
      return toPage(
        rows,
        request.query.limit,
        (row) => [row.code],
        (row) => presentMunicipality(row, request.locale),
      );
    },
  );

  app.get(
    '/api/municipalities/:code',
    {
      config: publicAccess,
      schema: {
        operationId: 'getMunicipality',
        tags: ['Municipalities'],
        security: [],
        summary: 'Get a municipality',
        description: 'One municipality with its jobcenters: address, contact and opening hours.',
        params: municipalityParamsSchema,
        response: { 200: municipalityDetailSchema, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const { municipality, jobcenters } = await getMunicipality(db, request.params.code);
      return { ...presentMunicipality(municipality, request.locale), jobcenters: jobcenters.map(presentJobcenter) };
    },
  );
};
