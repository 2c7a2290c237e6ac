// The workspace's catalogue: the national catalogue's live listings with the municipality's choices; enable and
// disable listings; per listing, recommend it to a target group (at a journey stage) with a local note.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formatCalendarDate, formatDateTime, isOneOf, type MessageKey } from '../../platform/i18n/index.ts';
import { listingStatuses, priceModels } from '../../platform/db/schema.ts';
import { csrfField, errorSummary, radioGroup, selectField, textArea, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { getBranding } from './branding.service.ts';
import { workspaceAccess } from './curation.access.ts';
import { flash, formatKroner, labelOf, nameIn, pager, placedErrors, seatUse, textValues, workspaceHeader } from './curation.presenter.ts';
import type { CurationTaxonomies, LicenceRow, RecommendationBrief } from './curation.repository.ts';
import { enablementForm, listingParams, listQuery, workspaceCatalogueQuery, type WorkspaceCatalogueQuery } from './curation.schemas.ts';
import {
  browseCatalogue,
  disableListing,
  enableListing,
  getCurationTaxonomies,
  getListingCuration,
  recommendListing,
  removeRecommendation,
  workspaceMunicipality,
  type ListingCuration,
  type WorkspaceCatalogue,
} from './curation.service.ts';
import { listLicencesOfListing } from './licences.service.ts';

const CATALOGUE = '/kommune/katalog';
const listingPath = (listingId: string) => `${CATALOGUE}/${listingId}`;
const listingNotices = ['valgt', 'fravalgt', 'anbefalet', 'fjernet'] as const;

/** The catalogue page's address with the same search, filter and page. */
function catalogueUrl(query: { q?: string | undefined; vis?: string | undefined; side?: number | undefined }, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.vis && query.vis !== 'alle') params.set('vis', query.vis);
  if (query.side && query.side > 1) params.set('side', String(query.side));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `${CATALOGUE}?${text}` : CATALOGUE;
}

/** The workspace's catalogue pages and their actions. */
export const catalogueCurationPages: RouteModule = (app, { db, changes }) => {
  app.get(CATALOGUE, { config: workspaceAccess, schema: { querystring: workspaceCatalogueQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const [view, taxonomies, branding] = await Promise.all([
      browseCatalogue(db, actor, request.query),
      getCurationTaxonomies(db),
      getBranding(db, workspaceMunicipality(actor)),
    ]);
    return sendPage(reply, renderCatalogue(ctx, workspaceHeader(ctx, branding, 'catalogue'), view, taxonomies, request.query));
  });

  app.post(`${CATALOGUE}/:listingId/vaelg`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await enableListing(db, principalOf(request), request.params.listingId, changes);
    return reply.redirect(backTo(request.body, request.params.listingId, 'valgt'), 303);
  });

  app.post(`${CATALOGUE}/:listingId/fravaelg`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await disableListing(db, principalOf(request), request.params.listingId, changes);
    return reply.redirect(backTo(request.body, request.params.listingId, 'fravalgt'), 303);
  });

  app.get(`${CATALOGUE}/:listingId`, { config: workspaceAccess, schema: { params: listingParams, querystring: listQuery } }, async (request, reply) => {
    const notice = listingNotices.find((n) => n === request.query.besked);
    return showListing(db, request, reply, request.params.listingId, { notice });
  });

  app.post(`${CATALOGUE}/:listingId/anbefalinger`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    const { listingId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await recommendListing(db, principalOf(request), listingId, request.body, changes);
        return `${listingPath(listingId)}?besked=anbefalet`;
      },
      showAgain: ({ error }) =>
        showListing(db, request, reply, listingId, { form: { values: textValues(request.body), errors: placedErrors(error.fields, request.locale) } }, 400),
    });
  });

  app.post(`${CATALOGUE}/:listingId/anbefalinger/fjern`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await removeRecommendation(db, principalOf(request), request.params.listingId, request.body, changes);
    return reply.redirect(`${listingPath(request.params.listingId)}?besked=fjernet`, 303);
  });
};

/** Where an enable/disable answer goes: back to the list page it came from, or to the listing's page. */
function backTo(body: unknown, listingId: string, notice: string): string {
  const from = enablementForm.parse(typeof body === 'object' && body !== null ? body : {});
  return from.fra === 'ydelse' ? `${listingPath(listingId)}?besked=${notice}` : catalogueUrl(from, { besked: notice });
}

type RecommendationForm = { values: Record<string, string>; errors: FormErrors };

async function showListing(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  listingId: string,
  state: { notice?: string | undefined; form?: RecommendationForm },
  status = 200,
): Promise<FastifyReply> {
  const ctx = pageContext(request, reply);
  const actor: Principal = principalOf(request);
  const [curation, taxonomies, branding, licences] = await Promise.all([
    getListingCuration(db, actor, listingId),
    getCurationTaxonomies(db),
    getBranding(db, workspaceMunicipality(actor)),
    listLicencesOfListing(db, actor, listingId),
  ]);
  return sendPage(reply, renderListing(ctx, workspaceHeader(ctx, branding, 'catalogue'), { curation, taxonomies, licences, ...state }), status);
}

function recommendationText(ctx: PageContext, taxonomies: CurationTaxonomies, r: RecommendationBrief): string {
  const group = labelOf(ctx.locale, taxonomies.targetGroups, r.target_group);
  return r.journey_stage ? `${group} (${labelOf(ctx.locale, taxonomies.journeyStages, r.journey_stage)})` : group;
}

function enablementButton(
  ctx: PageContext,
  options: { listingId: string; name: string; enabled: boolean; from: 'liste' | 'ydelse'; query?: WorkspaceCatalogueQuery },
): SafeHtml {
  const { t } = ctx;
  const action = `${listingPath(options.listingId)}/${options.enabled ? 'fravaelg' : 'vaelg'}`;
  const query = options.query;
  return html`<form method="post" action="${action}" class="mt-0">
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="fra" value="${options.from}">
  ${query?.q ? html`<input type="hidden" name="q" value="${query.q}">` : ''}${query && query.vis !== 'alle' ? html`<input type="hidden" name="vis" value="${query.vis}">` : ''}${
    query && query.side > 1 ? html`<input type="hidden" name="side" value="${String(query.side)}">` : ''
  }
  <button class="button ${options.enabled ? 'button-secondary' : 'button-primary'}" type="submit">${options.enabled ? t('curation.catalogue.disable') : t('curation.catalogue.enable')}<span class="sr-only"> ${options.name}</span></button>
</form>`;
}

function renderCatalogue(
  ctx: PageContext,
  header: SafeHtml,
  view: WorkspaceCatalogue,
  taxonomies: CurationTaxonomies,
  query: WorkspaceCatalogueQuery,
): SafeHtml {
  const { t, locale } = ctx;
  const notice = query.besked === 'valgt' ? t('curation.flash.enabled') : query.besked === 'fravalgt' ? t('curation.flash.disabled') : undefined;
  const previous = query.side > 1 ? catalogueUrl({ ...query, side: query.side - 1 }) : undefined;
  const next = view.hasNext ? catalogueUrl({ ...query, side: query.side + 1 }) : undefined;
  return renderPage(ctx, {
    title: t('curation.catalogue.title'),
    body: html`${header}
<h1>${t('curation.catalogue.title')}</h1>
<p class="font-lead">${t('curation.catalogue.lead')}</p>
${flash(notice)}
<p>${t('curation.catalogue.enabledCount', { count: view.enabledCount })}</p>
<form method="get" action="${CATALOGUE}" role="search" class="mb-6">
  <div class="form-group">
    <label class="form-label" for="q">${t('curation.catalogue.search')}</label>
    <span class="form-hint" id="q-hint">${t('curation.catalogue.searchHint')}</span>
    <input class="form-input" type="search" id="q" name="q" value="${query.q ?? ''}" maxlength="200" aria-describedby="q-hint">
  </div>
  ${radioGroup({
    name: 'vis',
    legend: t('curation.catalogue.show'),
    value: query.vis,
    choices: [
      { value: 'alle', label: t('curation.catalogue.showAll') },
      { value: 'valgte', label: t('curation.catalogue.showEnabled') },
    ],
  })}
  <button class="button button-secondary" type="submit">${t('curation.catalogue.submit')}</button>
</form>
${
  view.notLive.length > 0
    ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-heading">${t('curation.catalogue.notLiveTitle')}</p><p class="alert-text">${t('curation.catalogue.notLiveText')}</p>
<ul class="nobullet-list">${view.notLive.map(
        (
          row,
        ) => html`<li class="mb-4"><a href="${listingPath(row.listing_id)}">${nameIn(locale, row) || t('curation.unnamed')}</a> (${isOneOf(listingStatuses, row.status) ? t(`listing.status.${row.status}`) : row.status})
${enablementButton(ctx, { listingId: row.listing_id, name: nameIn(locale, row), enabled: true, from: 'liste', query })}</li>`,
      )}</ul></div></div>`
    : ''
}
<h2>${query.vis === 'valgte' ? t('curation.catalogue.enabledResults') : t('curation.catalogue.results')}</h2>
${
  view.rows.length === 0
    ? html`<p>${t('curation.catalogue.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('curation.catalogue.results')}</caption>
<thead><tr><th scope="col">${t('curation.catalogue.listing')}</th><th scope="col">${t('curation.catalogue.vendor')}</th><th scope="col">${t('curation.catalogue.stage')}</th><th scope="col">${t('curation.catalogue.state')}</th><th scope="col">${t('curation.catalogue.action')}</th></tr></thead>
<tbody>${view.rows.map((row) => {
        const name = nameIn(locale, row);
        return html`<tr>
<td><a href="${listingPath(row.listing_id)}">${name}</a><br><span class="small-text">${locale === 'en' ? row.summary_en : row.summary_da}</span></td>
<td>${row.vendor_name}</td>
<td>${labelOf(locale, taxonomies.journeyStages, row.journey_stage)}</td>
<td>${
          row.enabled_at
            ? html`<strong>${t('curation.catalogue.enabled')}</strong>${
                row.recommendations.length > 0
                  ? html`<br><span class="small-text">${t('curation.catalogue.recommendedFor')}: ${row.recommendations.map((r) => recommendationText(ctx, taxonomies, r)).join(', ')}</span>`
                  : ''
              }`
            : t('curation.catalogue.notEnabled')
        }</td>
<td>${enablementButton(ctx, { listingId: row.listing_id, name, enabled: row.enabled_at !== null, from: 'liste', query })}</td>
</tr>`;
      })}</tbody></table></div>`
}
${pager(ctx, { previous, next })}`,
  });
}

function renderListing(
  ctx: PageContext,
  header: SafeHtml,
  view: {
    curation: ListingCuration;
    taxonomies: CurationTaxonomies;
    licences: LicenceRow[];
    notice?: string | undefined;
    form?: RecommendationForm | undefined;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const { listing, recommendations } = view.curation;
  const taxonomies = view.taxonomies;
  const name = nameIn(locale, listing) || t('curation.unnamed');
  const enabled = listing.enabled_at !== null;
  const form = view.form ?? { values: {}, errors: {} };
  const e = form.errors;
  const notices: Record<string, MessageKey> = {
    valgt: 'curation.flash.enabled',
    fravalgt: 'curation.flash.disabled',
    anbefalet: 'curation.flash.recommended',
    fjernet: 'curation.flash.recommendationRemoved',
  };
  const noticeKey = view.notice ? notices[view.notice] : undefined;
  return renderPage(ctx, {
    title: name,
    body: html`${header}
<nav aria-label="${t('shell.breadcrumb')}"><a href="${CATALOGUE}">${t('curation.catalogue.title')}</a></nav>
<h1>${name}</h1>
${flash(noticeKey ? t(noticeKey) : undefined)}
${
  listing.live
    ? ''
    : html`<div class="alert alert-warning" role="status"><div class="alert-body">
<p class="alert-heading">${t(listing.status === 'delisted' ? 'curation.listing.delistedHeading' : 'curation.listing.unavailableHeading')}</p>
<p class="alert-text">${t('curation.listing.notLive')}</p>
${listing.status_reason ? html`<p class="alert-text">${t('curation.listing.unavailableWhy', { reason: listing.status_reason })}</p>` : ''}
<p class="alert-text"><a href="/kommune/meddelelser">${t('curation.listing.backToNotices')}</a> · <a href="${CATALOGUE}">${t('curation.listing.backToCatalogue')}</a></p>
</div></div>`
}
<p class="font-lead">${(locale === 'en' ? listing.summary_en : listing.summary_da) ?? ''}</p>
<dl>
  <dt>${t('curation.catalogue.vendor')}</dt><dd>${listing.vendor_name}</dd>
  <dt>${t('curation.catalogue.stage')}</dt><dd>${labelOf(locale, taxonomies.journeyStages, listing.journey_stage) || '—'}</dd>
  <dt>${t('curation.listing.price')}</dt><dd>${listing.price_model && isOneOf(priceModels, listing.price_model) ? t(`price.${listing.price_model}`) : (listing.price_model ?? '—')}</dd>
  <dt>${t('curation.catalogue.state')}</dt><dd>${enabled && listing.enabled_at ? t('curation.listing.enabledSince', { time: formatDateTime(locale, listing.enabled_at) }) : t('curation.catalogue.notEnabled')}</dd>
</dl>
${listing.live ? html`<p><a href="/katalog/${listing.listing_id}">${t('curation.listing.inCatalogue')}</a></p>` : ''}
${enabled || listing.live ? enablementButton(ctx, { listingId: listing.listing_id, name, enabled, from: 'ydelse' }) : ''}
${
  enabled
    ? html`<section aria-labelledby="recommendations-heading" class="mt-6">
<h2 id="recommendations-heading">${t('curation.recommendations.title')}</h2>
<p>${t('curation.recommendations.lead')}</p>
${
  recommendations.length === 0
    ? html`<p>${t('curation.recommendations.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('curation.recommendations.title')}</caption>
<thead><tr><th scope="col">${t('curation.field.targetGroup')}</th><th scope="col">${t('curation.field.journeyStage')}</th><th scope="col">${t('curation.recommendations.note')}</th><th scope="col">${t('curation.catalogue.action')}</th></tr></thead>
<tbody>${recommendations.map((r) => {
        const group = labelOf(locale, taxonomies.targetGroups, r.target_group);
        const note = locale === 'en' ? r.note_en : r.note_da;
        return html`<tr><td>${group}</td><td>${r.journey_stage ? labelOf(locale, taxonomies.journeyStages, r.journey_stage) : t('curation.recommendations.anyStage')}</td><td class="preserve-lines">${note ?? '—'}</td>
<td><form method="post" action="${listingPath(listing.listing_id)}/anbefalinger/fjern">${csrfField(ctx.csrfToken())}<input type="hidden" name="recommendationId" value="${r.id}"><button class="button button-secondary" type="submit">${t('curation.recommendations.remove')}<span class="sr-only"> ${recommendationText(ctx, taxonomies, r)}</span></button></form></td></tr>`;
      })}</tbody></table></div>`
}
<h3>${t('curation.recommendations.add')}</h3>
${errorSummary(t, e)}
<form method="post" action="${listingPath(listing.listing_id)}/anbefalinger" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${radioGroup({ name: 'targetGroup', legend: t('curation.field.targetGroup'), value: form.values.targetGroup, error: e.targetGroup, choices: taxonomies.targetGroups.map((g) => ({ value: g.code, label: nameIn(locale, g) })) })}
  ${selectField({
    name: 'journeyStage',
    label: t('curation.field.journeyStage'),
    hint: t('curation.recommendations.stageHint'),
    value: form.values.journeyStage,
    error: e.journeyStage,
    choices: taxonomies.journeyStages.map((s) => ({ value: s.code, label: nameIn(locale, s) })),
    emptyLabel: t('curation.recommendations.anyStage'),
  })}
  ${textArea({ name: 'noteDa', label: t('curation.field.noteDa'), hint: t('curation.recommendations.noteHint'), value: form.values.noteDa, error: e.noteDa, maxLength: 500, rows: 3, optional: true })}
  ${textArea({ name: 'noteEn', label: t('curation.field.noteEn'), value: form.values.noteEn, error: e.noteEn, maxLength: 500, rows: 3, optional: true })}
  <button class="button button-primary" type="submit">${t('curation.recommendations.submit')}</button>
</form>
</section>`
    : ''
}
<section aria-labelledby="licences-heading" class="mt-6">
<h2 id="licences-heading">${t('curation.licences.title')}</h2>
${
  view.licences.length === 0
    ? html`<p>${t('curation.listing.noLicences')}</p>`
    : html`<ul>${view.licences.map(
        (l) =>
          html`<li><a href="/kommune/licenser/${l.id}">${formatCalendarDate(locale, l.valid_from)} – ${formatCalendarDate(locale, l.valid_to)}</a>: ${seatUse(ctx, l.seats_used, l.seats)}, ${formatKroner(locale, l.price_dkk)}</li>`,
      )}</ul>`
}
${enabled ? html`<p><a href="/kommune/licenser?listing=${listing.listing_id}#licence-form">${t('curation.listing.addLicence')}</a></p>` : ''}
</section>`,
  });
}
