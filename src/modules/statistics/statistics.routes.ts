// The open statistics as data: GET /api/public/v1/statistics, no sign-in, rate limited as every API route.
import { z } from 'zod';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { statisticsQuerySchema, statisticsTableSchema } from './statistics.schemas.ts';
import { readMunicipalityMonthTable, readVendorMonthTable } from './statistics.service.ts';
import { municipalityTableCsv, presentMunicipalityTable, presentVendorTable, vendorTableCsv } from './statistics.views.ts';

/** The two published tables in JSON or CSV. */
export const statisticsApiRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/public/v1/statistics',
    {
      config: publicAccess,
      schema: {
        operationId: 'readStatistics',
        tags: ['Statistics'],
        security: [],
        summary: 'The open statistics: citizens with activity per municipality or vendor and month',
        description:
          'One of two fixed tables. `municipality-month`: for one completed month, distinct citizens with activity per municipality × (journey stage, target group), with row, column and grand totals. `vendor-month`: distinct citizens with events from each vendor per month, the last 12 completed months, without totals. No figure from 1–4 citizens is published (null in JSON, ".." in CSV), and further figures of the municipality table are hidden so that no hidden one can be worked out from the totals; the two tables share no totals. The method: /statistik#metode.',
        querystring: statisticsQuerySchema,
        response: {
          200: {
            description: 'The table',
            content: { 'application/json': { schema: statisticsTableSchema }, 'text/csv': { schema: z.string() } },
          },
          ...problemResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { table, format, month } = request.query;
      reply.header('cache-control', 'public, max-age=600');
      if (table === 'vendor-month') {
        const vendors = await readVendorMonthTable(db);
        if (format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="statistik-leverandoer-maaned.csv"')
            .send(vendorTableCsv(vendors));
        return presentVendorTable(vendors);
      }
      const municipalities = await readMunicipalityMonthTable(db, month);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="statistik-kommune-${municipalities?.month ?? 'ingen'}.csv"`)
          .send(municipalityTableCsv(municipalities));
      return presentMunicipalityTable(municipalities);
    },
  );
};
