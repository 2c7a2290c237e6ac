import { z } from 'zod';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { escapeHtml, html, SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { MARK_END, MARK_START, selectJourneyStages, type CatalogueRow } from './catalogue.repository.ts';
import { findListings } from './catalogue.service.ts';

const catalogueQuerySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  fase: z.string().regex(/^[a-z_]{1,30}$/).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(400).catch(1).default(1),
});

const PAGE_SIZE = 25;

/** The national catalogue, public: Danish full-text search with typo tolerance, filtered by journey stage. */
export const cataloguePages: RouteModule = (app, { db }) => {
  app.get('/katalog', { config: publicAccess, schema: { querystring: catalogueQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = request.query.q ?? '';
    const page = request.query.side;
    // One row more than shown tells whether a next page exists.
    const [found, stages] = await Promise.all([
      findListings(db, { query, journeyStage: request.query.fase, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
      selectJourneyStages(db),
    ]);
    const next = found.length > PAGE_SIZE ? catalogueUrl(query, request.query.fase, page + 1) : undefined;
    const previous = page > 1 ? catalogueUrl(query, request.query.fase, page - 1) : undefined;
    return sendPage(reply, renderCatalogue(ctx, found.slice(0, PAGE_SIZE), stages, query, request.query.fase, { next, previous }));
  });
};

function catalogueUrl(query: string, stage: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (stage) params.set('fase', stage);
  params.set('side', String(page));
  return `/katalog?${params.toString()}`;
}

/** The highlighted summary: stored text escaped first, then the database's match markers become <mark>. */
function highlighted(headline: string): SafeHtml {
  return new SafeHtml(escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>'));
}

function renderCatalogue(
  ctx: PageContext,
  rows: CatalogueRow[],
  stages: { code: string; name_da: string; name_en: string }[],
  query: string,
  stage: string | undefined,
  pages: { next?: string | undefined; previous?: string | undefined },
) {
  const { t, locale } = ctx;
  const stageName = new Map(stages.map((s) => [s.code, locale === 'en' ? s.name_en : s.name_da]));
  return renderPage(ctx, {
    title: t('catalogue.title'),
    body: html`<h1>${t('catalogue.title')}</h1>
<p class="font-lead">${t('catalogue.lead')}</p>
<form method="get" action="/katalog" role="search" class="mb-6">
  <div class="form-group">
    <label class="form-label" for="q">${t('catalogue.search')}</label>
    <span class="form-hint" id="q-hint">${t('catalogue.searchHint')}</span>
    <input class="form-input" type="search" id="q" name="q" value="${query}" maxlength="200" aria-describedby="q-hint">
  </div>
  <div class="form-group">
    <label class="form-label" for="fase">${t('catalogue.stage')}</label>
    <select class="form-select" id="fase" name="fase">
      <option value="">${t('catalogue.allStages')}</option>
      ${stages.map((s) => html`<option value="${s.code}"${s.code === stage ? html` selected` : ''}>${stageName.get(s.code)}</option>`)}
    </select>
  </div>
  <button class="button button-primary" type="submit">${t('catalogue.submit')}</button>
</form>
<h2 aria-live="polite">${t('catalogue.results')}</h2>
${rows.length === 0
  ? html`<p>${t('catalogue.none')}</p>`
  : html`<ul class="nobullet-list catalogue-results">${rows.map(
      (row) => html`<li class="mb-6"><h3 class="h4">${locale === 'en' ? row.name_en : row.name_da}</h3>
<p>${locale === 'en' ? row.summary_en : highlighted(row.headline)}</p>
<p class="small-text">${stageName.get(row.journey_stage)} · ${t('catalogue.vendor')}: ${row.vendor_name} · ${t('catalogue.price')}: ${t(`price.${row.price_model}` as MessageKey)}</p></li>`,
    )}</ul>`}
${pages.previous || pages.next
  ? html`<nav aria-label="${t('catalogue.pages')}"><ul class="nobullet-list">${pages.previous ? html`<li><a href="${pages.previous}">${t('catalogue.previous')}</a></li>` : ''}${pages.next ? html`<li><a href="${pages.next}">${t('catalogue.next')}</a></li>` : ''}</ul></nav>`
  : ''}`,
  });
}
