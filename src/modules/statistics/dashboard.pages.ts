// The municipal dashboard (/kommune/overblik) and governance's oversight (/faellesskab/overblik), with every table as
// CSV (…/csv?tabel=…). A period's national figures are read once and kept (every dashboard compares with their
// medians) until the rollups change: the refresh announces statisticsRefreshed, heard by every process.
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { z } from 'zod';
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formErrors } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { workspaceHeaderFor } from '../curation/index.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { copenhagenDate } from '../../platform/time.ts';
import {
  getDashboard,
  getDashboardTerms,
  loadNationalFigures,
  parsePeriod,
  standardRanges,
  type Dashboard,
  type DayRange,
  type NationalFigures,
  type NationalLoader,
} from './dashboard.service.ts';
import {
  DASHBOARD_PATH,
  dashboardCsv,
  dashboardTables,
  OVERSIGHT_PATH,
  oversightCsv,
  oversightTables,
  renderDashboard,
  renderOversight,
  renderPeriodErrors,
} from './dashboard.views.ts';
import { getOversight } from './oversight.service.ts';
import { statisticsPolicy } from './statistics.policy.ts';
import { toCsv } from './statistics.views.ts';

const municipalAccess = { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } as const;
const governanceAccess = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;

const text = z.string().max(40).optional();
const pageNumber = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
const dashboardQuery = z.object({ fra: text, til: text, maalgruppe: text, fase: text, side: pageNumber });
const oversightQuery = z.object({ fra: text, til: text, side: pageNumber });
const dashboardCsvQuery = dashboardQuery.extend({ tabel: z.enum(dashboardTables).default('noegletal') });
const oversightCsvQuery = oversightQuery.extend({ tabel: z.enum(oversightTables).default('kommuner') });

const NATIONAL_TTL_MS = 15 * 60_000;

/**
 * A period's national figures, kept per period (15 minutes at most, the safety net). When the rollups are recomputed
 * the kept ones are marked stale: answered while their new ones load, once, in the background. The standard periods
 * (the default one and the nudges' 90 days) are loaded as soon as the process hears changes, so no first dashboard
 * waits for them; another period is loaded by the first request that asks.
 */
function nationalCache(db: Db, changes: ChangeBus, logger: FastifyBaseLogger): { load: NationalLoader; stop(): void } {
  const cache = new LoadingCache({ ttlMs: NATIONAL_TTL_MS, maxEntries: 64 });
  const load = (range: DayRange) => cache.remember<NationalFigures>(`${range.from}/${range.to}`, () => loadNationalFigures(db, range));
  let stopped = false;
  const warm = () => {
    if (stopped || !changes.listening) return;
    for (const range of standardRanges()) load(range).catch((error: unknown) => logger.warn({ err: error }, 'could not load the national figures ahead'));
  };
  const stops = [
    changes.followListening((listening) => {
      cache.setEnabled(listening);
      warm();
    }),
    changes.subscribe('statisticsRefreshed', () => cache.markStale()),
  ];
  return {
    load,
    stop() {
      stopped = true;
      stops.forEach((stop) => stop());
      cache.setEnabled(false);
    },
  };
}

/**
 * Each municipality's dashboards as read, per period, group and page: what they show changes when the rollups are
 * recomputed (statisticsRefreshed: the kept one is answered while its new one loads, once, in the background), when
 * the municipality's offer changes (enablement, licences, local offers and
 * their sign-ups: municipalityOfferChanged) or when what names listings changes. Off while the bus does not hear other
 * processes; the policy is asked before a kept dashboard is handed out (getDashboard refuses anyone else).
 */
function dashboardCache(changes: ChangeBus): { remember: (key: string, load: () => Promise<Dashboard>) => Promise<Dashboard>; stop(): void } {
  const cache = new LoadingCache({ ttlMs: NATIONAL_TTL_MS, maxEntries: 500 });
  const stops = [
    changes.followListening((listening) => cache.setEnabled(listening)),
    // Rollups move on every ten minutes: the dashboard kept from the last run is answered while the new one loads.
    changes.subscribe('statisticsRefreshed', () => cache.markStale()),
    changes.subscribe('listingsChanged', () => cache.clear()),
    changes.subscribe('listingWentLive', () => cache.clear()),
    changes.subscribe('municipalityOfferChanged', ({ municipalityCode }) => cache.forgetWhere((key) => key.startsWith(`${municipalityCode}|`))),
  ];
  return {
    remember: (key, load) => cache.remember(key, load),
    stop() {
      stops.forEach((stop) => stop());
      cache.setEnabled(false);
    },
  };
}

function csvReply(reply: FastifyReply, name: string, rows: (string | number)[][]) {
  return reply
    .header('cache-control', 'no-store')
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(`\uFEFF${toCsv(rows)}`);
}

export const dashboardPages: RouteModule = (app, { db, changes }) => {
  const national = nationalCache(db, changes, app.log);
  const dashboards = dashboardCache(changes);
  app.addHook('onClose', (_instance, done) => {
    national.stop();
    dashboards.stop();
    done();
  });
  /** The actor's dashboard: kept per municipality, period, group and page, for those the policy lets see it. */
  const dashboardFor = (
    actor: Principal,
    request: { period: DayRange & { days: number }; targetGroup?: string | undefined; journeyStage?: string | undefined; page?: number | undefined },
  ) => {
    const code = actor.municipality?.code;
    const load = () => getDashboard(db, actor, request, national.load);
    if (!code || !statisticsPolicy.can(actor, 'statistics.municipality', { municipalityCode: code })) return load();
    const key = [code, request.period.from, request.period.to, request.targetGroup ?? '', request.journeyStage ?? '', request.page ?? 1, copenhagenDate()].join(
      '|',
    );
    return dashboards.remember(key, load);
  };

  app.get(DASHBOARD_PATH, { config: municipalAccess, schema: { querystring: dashboardQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const header = await workspaceHeaderFor(db, ctx, actor, 'dashboard');
    const { fra, til, maalgruppe, fase, side } = request.query;
    try {
      const period = parsePeriod({ fra, til });
      const dashboard = await dashboardFor(actor, { period, targetGroup: maalgruppe || undefined, journeyStage: fase || undefined, page: side });
      return sendPage(reply, renderPage(ctx, { title: ctx.t('statistics.dashboard.title'), body: renderDashboard(ctx, header, dashboard) }));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
      // The form comes back with what was chosen, the target group and stage too.
      const terms = await getDashboardTerms(db, actor);
      const values = { fra: fra ?? '', til: til ?? '', maalgruppe, fase };
      const body = renderPeriodErrors(ctx, header, DASHBOARD_PATH, values, formErrors(error.fields, ctx.locale), terms);
      return sendPage(reply, renderPage(ctx, { title: ctx.t('statistics.dashboard.title'), body }), 400);
    }
  });

  app.get(`${DASHBOARD_PATH}/csv`, { config: municipalAccess, schema: { querystring: dashboardCsvQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { fra, til, maalgruppe, fase, tabel } = request.query;
    const period = parsePeriod({ fra, til });
    const dashboard = await dashboardFor(principalOf(request), { period, targetGroup: maalgruppe || undefined, journeyStage: fase || undefined });
    return csvReply(reply, `overblik-${dashboard.municipalityCode}-${tabel}-${period.from}-${period.to}`, dashboardCsv(ctx.locale, dashboard, tabel, ctx.t));
  });

  app.get(OVERSIGHT_PATH, { config: governanceAccess, schema: { querystring: oversightQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { fra, til, side } = request.query;
    try {
      const period = parsePeriod({ fra, til });
      const oversight = await getOversight(db, principalOf(request), { period, page: side }, national.load);
      return sendPage(reply, renderPage(ctx, { title: ctx.t('statistics.oversight.title'), body: renderOversight(ctx, oversight) }));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
      const body = renderPeriodErrors(ctx, '', OVERSIGHT_PATH, { fra: fra ?? '', til: til ?? '' }, formErrors(error.fields, ctx.locale));
      return sendPage(reply, renderPage(ctx, { title: ctx.t('statistics.oversight.title'), body }), 400);
    }
  });

  app.get(`${OVERSIGHT_PATH}/csv`, { config: governanceAccess, schema: { querystring: oversightCsvQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { fra, til, tabel } = request.query;
    const period = parsePeriod({ fra, til });
    const oversight = await getOversight(db, principalOf(request), { period }, national.load);
    return csvReply(reply, `nationalt-overblik-${tabel}-${period.from}-${period.to}`, oversightCsv(ctx.locale, oversight, tabel));
  });
};
