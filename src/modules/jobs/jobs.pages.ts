import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { fieldErrorsFromIssues } from '../../platform/validation.ts';
import { formErrors, type FormErrors } from '../../platform/views/components.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { listAllMunicipalities } from '../municipalities/index.ts';
import { mapEnhancement } from './jobs.map.ts';
import { municipalityPoint } from './jobs.places.ts';
import { adParams, jobPageQuerySchema } from './jobs.schemas.ts';
import { getJobAd, searchJobs, type JobSearchResult, type Place } from './jobs.service.ts';
import { queryValuesOf, renderJobAd, renderJobAdGone, renderJobSearch } from './jobs.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

/** The municipalities by name, for the form and the facets: reference data that changes only by migration. */
function createMunicipalityNames(db: Db) {
  const cache = new LoadingCache({ ttlMs: 3_600_000, maxEntries: 1 });
  cache.setEnabled(true);
  return () =>
    cache.remember('all', async () =>
      (await listAllMunicipalities(db)).map((m) => ({ code: m.code, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'da')),
    );
}

/** Job search for everyone (/job) and for the signed-in citizen (/borger/job, from their municipality), and one ad. */
export const jobPages: RouteModule = (app, { db, config }) => {
  const municipalityNames = createMunicipalityNames(db);
  const enhancement = mapEnhancement(config);

  async function searchPage(ctx: PageContext, query: unknown, options: { base: string; lead: MessageKey; defaultPlace?: Place | undefined }) {
    const values = queryValuesOf(query);
    let errors: FormErrors = {};
    let result: JobSearchResult | undefined;
    const parsed = jobPageQuerySchema.safeParse(query ?? {});
    if (!parsed.success) errors = formErrors(fieldErrorsFromIssues(parsed.error.issues), ctx.locale);
    else {
      const q = parsed.data;
      const now = new Date();
      try {
        result = await searchJobs(
          db,
          {
            query: q.q,
            occupations: q.stilling,
            occupationText: q.stilling.length > 0 ? '' : q.stillingstekst,
            municipalities: q.kommune,
            place: q.sted,
            radiusKm: q.afstand,
            hours: q.arbejdstid,
            publishedWithinDays: q.publiceret,
            deadlineFrom: q.frist,
            sort: q.sortering,
            page: q.side,
          },
          // The citizen's municipality is where the search starts, unless they chose a municipality or a place.
          { now, today: copenhagenDate(now), defaultPlace: q.kommune.length > 0 ? undefined : options.defaultPlace },
        );
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
        errors = formErrors(error.fields, ctx.locale);
      }
    }
    const body = renderJobSearch(ctx, {
      base: options.base,
      lead: options.lead,
      values,
      result,
      errors,
      municipalities: await municipalityNames(),
      mapEnhancement: enhancement,
    });
    return { body, status: Object.keys(errors).length > 0 ? 400 : 200 };
  }

  app.get('/job', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { body, status } = await searchPage(ctx, request.query, { base: '/job', lead: 'jobs.lead' });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.title'), body }), status);
  });

  app.get('/borger/job', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const seat = actor.municipality ? municipalityPoint(actor.municipality.code) : undefined;
    const defaultPlace = seat && actor.municipality ? { name: actor.municipality.name, lat: seat.lat, lon: seat.lon } : undefined;
    const { body, status } = await searchPage(ctx, request.query, { base: '/borger/job', lead: 'jobs.citizenLead', defaultPlace });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.title'), body }), status);
  });

  async function adPage(ctx: PageContext, base: string, adId: string) {
    try {
      const ad = await getJobAd(db, adId, copenhagenDate());
      return { page: renderPage(ctx, { title: ad.title, body: renderJobAd(ctx, base, ad) }), status: 200 };
    } catch (error) {
      if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
      return { page: renderPage(ctx, { title: ctx.t('jobs.ad.gone'), body: renderJobAdGone(ctx, base) }), status: 404 };
    }
  }

  app.get('/job/:adId', { config: publicAccess, schema: { params: adParams } }, async (request, reply) => {
    const { page, status } = await adPage(pageContext(request, reply), '/job', request.params.adId);
    return sendPage(reply, page, status);
  });

  app.get('/borger/job/:adId', { config: citizenAccess, schema: { params: adParams } }, async (request, reply) => {
    const { page, status } = await adPage(pageContext(request, reply), '/borger/job', request.params.adId);
    return sendPage(reply, page, status);
  });
};
