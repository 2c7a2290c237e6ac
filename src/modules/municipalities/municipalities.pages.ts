import { publicAccess } from '../../platform/http/access.ts';
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { municipalityParamsSchema, regionCodeSchema } from './municipalities.schemas.ts';
import { getMunicipality, listAllMunicipalities, listRegions } from './municipalities.service.ts';
import { presentJobcenter, presentMunicipality, renderMunicipality, renderOverview } from './municipalities.views.ts';

// An unknown region in the filter shows all regions rather than an error: it is a view setting, not data.
const overviewQuerySchema = z.object({ region: regionCodeSchema.optional().catch(undefined) });

/** Public pages: the municipality overview and each municipality's jobcenter. */
export const municipalityPages: RouteModule = (app, { db }) => {
  app.get('/kommuner', { config: publicAccess, schema: { querystring: overviewQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [rows, regions] = await Promise.all([listAllMunicipalities(db, request.query.region), listRegions(db)]);
    const municipalities = rows.map((row) => presentMunicipality(row, ctx.locale));
    const regionOptions = regions.map((r) => ({ code: r.code, name: ctx.locale === 'en' ? r.name_en : r.name_da }));
    return sendPage(reply, renderOverview(ctx, municipalities, regionOptions, request.query.region));
  });

  app.get('/kommuner/:code', { config: publicAccess, schema: { params: municipalityParamsSchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { municipality, jobcenters } = await getMunicipality(db, request.params.code);
    return sendPage(reply, renderMunicipality(ctx, presentMunicipality(municipality, ctx.locale), jobcenters.map(presentJobcenter)));
  });
};
