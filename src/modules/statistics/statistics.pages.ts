import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { statisticsPageQuerySchema } from './statistics.schemas.ts';
import { listPublishedMonths, readMunicipalityMonthTable, readVendorMonthTable } from './statistics.service.ts';
import { renderStatistics } from './statistics.views.ts';

/** The public page /statistik: the open statistics, no sign-in. */
export const statisticsPages: RouteModule = (app, { db }) => {
  app.get('/statistik', { config: publicAccess, schema: { querystring: statisticsPageQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    // A month that is not published shows the newest one: the month is a view setting here, not a resource.
    const months = await listPublishedMonths(db);
    const month = request.query.maaned !== undefined && months.includes(request.query.maaned) ? request.query.maaned : undefined;
    const [municipalities, vendors] = await Promise.all([readMunicipalityMonthTable(db, month), readVendorMonthTable(db)]);
    return sendPage(reply, renderStatistics(ctx, municipalities, vendors));
  });
};
