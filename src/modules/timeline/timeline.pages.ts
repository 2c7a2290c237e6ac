import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { caseworkerTimelineQuery, citizenParams, timelineQuery } from './timeline.schemas.ts';
import { getOwnTimeline, openCitizenTimeline } from './timeline.service.ts';
import { sendPurposeQuestion } from '../identity/index.ts';
import { renderCitizenTimeline, renderOwnTimeline } from './timeline.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;

/** Citizens whose rendered pages are kept, each with up to PAGES_PER_CITIZEN pages (language, filters, cursor). */
const CACHED_CITIZENS = 2_000;
const PAGES_PER_CITIZEN = 16;
/** The safety net for a change not heard. */
const CACHE_TTL_MS = 60_000;

/**
 * The citizen's own timeline pages, rendered, kept per citizen: a citizen with thousands of events opens the same first
 * page again and again. Forgotten on citizenChanged (every writer of what the page shows announces it: the events
 * ingest, the journey, and the database's triggers on sign-ups, Joblog and plan activities, 0076 — heard from
 * other processes through the bus's LISTEN connection) and on changes to what every page names (services, local
 * offers); off while the bus does not hear other processes. A page of the caseworker's is never kept: each look is logged.
 */
function createTimelineCache(changes: ChangeBus) {
  const citizens = new LoadingCache({ ttlMs: CACHE_TTL_MS, maxEntries: CACHED_CITIZENS });
  const stops = [
    changes.followListening((listening) => citizens.setEnabled(listening)),
    changes.subscribe('citizenChanged', ({ citizenId }) => citizens.forget(citizenId)),
    changes.subscribe('listingsChanged', () => citizens.clear()),
    changes.subscribe('listingWentLive', () => citizens.clear()),
    changes.subscribe('municipalityOfferChanged', () => citizens.clear()),
  ];
  return {
    /** The page body for `variant` of the citizen's timeline: kept, or rendered by `load`. Rejects as `load` does. */
    async page(citizenId: string, variant: string, load: () => Promise<SafeHtml>): Promise<SafeHtml> {
      // One cache of pages per citizen, so a change forgets all of a citizen's pages at once (a forgotten one, still
      // loading, is simply dropped with its citizen).
      const pages = await citizens.remember(citizenId, () => {
        const own = new LoadingCache({ ttlMs: CACHE_TTL_MS, maxEntries: PAGES_PER_CITIZEN });
        own.setEnabled(true);
        return Promise.resolve(own);
      });
      return pages.remember(variant, load);
    },
    stop() {
      stops.forEach((stop) => stop());
      citizens.setEnabled(false);
    },
  };
}

/** The citizen's timeline (/borger/tidslinje) and a citizen's timeline for the caseworker, opened with a purpose. */
export const timelinePages: RouteModule = (app, { db, changes }) => {
  const cache = createTimelineCache(changes);
  app.addHook('onClose', (_instance, done) => {
    cache.stop();
    done();
  });

  app.get('/borger/tidslinje', { config: citizenAccess, schema: { querystring: timelineQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const { cursor, tjeneste, type } = request.query;
    const load = async () => renderOwnTimeline(ctx, await getOwnTimeline(db, actor, request.query));
    // Only a citizen's own pages are kept (getOwnTimeline refuses anyone else, and nothing refused is kept).
    const body = actor.citizenId
      ? await cache.page(actor.citizenId, JSON.stringify([ctx.locale, tjeneste ?? '', type ?? '', cursor ?? '']), load)
      : await load();
    return sendPage(reply, renderPage(ctx, { title: ctx.t('timeline.title'), body }));
  });

  app.get(
    '/medarbejder/borgere/:citizenId/tidslinje',
    { config: caseworkerAccess, schema: { params: citizenParams, querystring: caseworkerTimelineQuery } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const { citizenId } = request.params;
      return submitForm(reply, undefined, {
        run: () => openCitizenTimeline(db, principalOf(request), citizenId, request.query),
        then: (view) =>
          sendPage(
            reply,
            renderPage(ctx, { title: ctx.t('timeline.caseworker.title', { name: view.citizen.full_name }), body: renderCitizenTimeline(ctx, view) }),
          ),
        // No purpose yet for this working session: the question first (nothing of the citizen is read), then back here.
        showAgain: ({ errors }) =>
          sendPurposeQuestion(reply, db, { citizenId, returnTo: `/medarbejder/borgere/${citizenId}/tidslinje`, typed: request.query.purpose, errors }),
      });
    },
  );
};
