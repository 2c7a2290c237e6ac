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
import type { Principal } from '../../platform/auth/principal.ts';
import { forwardsToJoblog } from '../joblog/index.ts';
import { listAllMunicipalities } from '../municipalities/index.ts';
import { createJobnetClient, getOwnJobWishes } from '../vendor-data/index.ts';
import { mapEnhancement } from './jobs.map.ts';
import { municipalityPoint } from './jobs.places.ts';
import { adParams, jobPageQuerySchema, radiusChoices } from './jobs.schemas.ts';
import { getJobAd, occupationsInGroup, searchJobs, type JobSearchResult, type Place } from './jobs.service.ts';
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
  const jobnet = createJobnetClient(config);
  const enhancement = mapEnhancement(config);

  /** The citizen's job wishes from Jobnet as searches: each wished occupation group's occupations; none when Jobnet fails. */
  async function wishesAsSearches(actor: Principal): Promise<{ title: string; href: string }[]> {
    const wishes = await getOwnJobWishes(db, jobnet, actor).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'UNAVAILABLE') return undefined;
      throw error;
    });
    if (!wishes) return [];
    const hours = wishes.workingHours === 'begge' ? [] : [wishes.workingHours];
    const radius = radiusChoices.find((r) => r >= wishes.maxCommuteKm) ?? 200;
    return Promise.all(
      wishes.occupations.map(async (wish) => {
        const occupations = await occupationsInGroup(db, wish.discoCode);
        const params = new URLSearchParams([
          ...(occupations.length > 0 ? occupations.map((uri): [string, string] => ['stilling', uri]) : [['q', wish.title] as [string, string]]),
          ...hours.map((h): [string, string] => ['arbejdstid', h]),
          ['afstand', String(radius)],
        ]);
        return { title: wish.title, href: `/borger/job?${params.toString()}` };
      }),
    );
  }

  async function searchPage(
    ctx: PageContext,
    query: unknown,
    options: { base: string; lead: MessageKey; defaultPlace?: Place | undefined; wishes?: { title: string; href: string }[] | undefined },
  ) {
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
      wishes: options.wishes,
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
    const fresh = Object.keys((request.query as object | undefined) ?? {}).length === 0;
    const wishes = fresh ? await wishesAsSearches(actor) : undefined;
    const { body, status } = await searchPage(ctx, request.query, { base: '/borger/job', lead: 'jobs.citizenLead', defaultPlace, wishes });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.title'), body }), status);
  });

  async function adPage(ctx: PageContext, base: string, adId: string, citizen?: Principal) {
    try {
      const today = copenhagenDate();
      const ad = await getJobAd(db, adId, today);
      // A signed-in citizen can put the application in their Joblog from here.
      const joblog = citizen ? { forwarding: await forwardsToJoblog(db, citizen), today } : undefined;
      return { page: renderPage(ctx, { title: ad.title, body: renderJobAd(ctx, base, ad, joblog) }), status: 200 };
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
    const { page, status } = await adPage(pageContext(request, reply), '/borger/job', request.params.adId, principalOf(request));
    return sendPage(reply, page, status);
  });
};
