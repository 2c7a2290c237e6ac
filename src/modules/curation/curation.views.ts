// What every page of the municipality's workspace shares: the municipality's own band (logo, display name) with
// the workspace's navigation, DKFDS date fields that work without JavaScript, pages, messages and amounts; and the
// workspace's catalogue pages (its listings, enabled or not, and each listing's recommendations).
import { listingStatuses, priceModels } from '../../platform/db/schema.ts';
import type { FieldError } from '../../platform/errors.ts';
import { formatCalendarDate, formatDateTime, formatNumber, isOneOf, translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, selectField, textArea, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { copenhagenWallClock } from '../../platform/time.ts';
import type { BrandingRow, CurationTaxonomies, LicenceRow, RecommendationBrief, TaxonomyEntry } from './curation.repository.ts';
import type { WorkspaceCatalogueQuery } from './curation.schemas.ts';
import type { ListingCuration, WorkspaceCatalogue } from './curation.service.ts';

export const workspaceSections = [
  // The statistics module's dashboard, first: what the workspace's choices led to.
  { key: 'dashboard', href: '/kommune/overblik', label: 'statistics.dashboard.nav' },
  { key: 'catalogue', href: '/kommune/katalog', label: 'curation.nav.catalogue' },
  { key: 'offers', href: '/kommune/tilbud', label: 'curation.nav.offers' },
  { key: 'licences', href: '/kommune/licenser', label: 'curation.nav.licences' },
  { key: 'branding', href: '/kommune/branding', label: 'curation.nav.branding' },
  { key: 'notices', href: '/kommune/meddelelser', label: 'curation.nav.notices' },
  { key: 'ratings', href: '/kommune/bedoemmelser', label: 'curation.nav.ratings' },
  // The organisations module's page, handed this navigation by the composition (src/modules.ts).
  { key: 'actors', href: '/kommune/aktoerer', label: 'organisations.nav.actors' },
  // The webhooks module's page, handed this navigation by the composition (src/modules.ts).
  { key: 'webhooks', href: '/kommune/webhooks', label: 'webhooks.nav' },
  // The knowledge module's local answers, handed this navigation by the composition (src/modules.ts).
  { key: 'knowledge', href: '/kommune/vidensbase', label: 'knowledge.nav' },
] as const satisfies readonly { key: string; href: string; label: MessageKey }[];
export type WorkspaceSection = (typeof workspaceSections)[number]['key'];

/** The address of a municipality's logo; the version changes with every upload, so caches never show an old one. */
export function logoUrl(code: string, branding: Pick<BrandingRow, 'updated_at'>): string {
  return `/kommuner/${code}/logo?v=${branding.updated_at.getTime()}`;
}

/** The municipality's band at the top of each workspace page: its logo and name, and the workspace's sections. */
export function workspaceHeader(ctx: PageContext, branding: BrandingRow | undefined, current: WorkspaceSection): SafeHtml {
  const { t } = ctx;
  const code = ctx.municipality?.code ?? '';
  const name = branding?.display_name ?? (ctx.municipality ? `${ctx.municipality.name} Kommune` : '');
  return html`<div class="workspace-band d-flex flex-wrap align-items-center mb-5">
  ${branding?.has_logo ? html`<img class="mr-5" src="${logoUrl(code, branding)}" alt="${branding.logo_alt ?? ''}" height="64">` : ''}
  <p class="font-lead mt-0 mb-0"><strong>${name}</strong> — ${t('curation.workspace')}</p>
</div>
<nav aria-label="${t('curation.nav.label')}" class="mb-6"><ul class="nobullet-list d-flex flex-wrap">${workspaceSections.map(
    (section) =>
      html`<li class="mr-5">${section.key === current ? html`<a href="${section.href}" aria-current="page"><strong>${t(section.label)}</strong></a>` : html`<a href="${section.href}">${t(section.label)}</a>`}</li>`,
  )}</ul></nav>`;
}

/** A confirmation after a change ("saved", "cancelled", …), announced to screen readers. */
export function flash(text: string | undefined): SafeHtml | string {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : '';
}

/** Previous/next links of a paged list. */
export function pager(ctx: PageContext, links: { previous?: string | undefined; next?: string | undefined }): SafeHtml | string {
  if (!links.previous && !links.next) return '';
  return html`<nav aria-label="${ctx.t('curation.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${
    links.previous ? html`<li class="mr-5"><a href="${links.previous}">${ctx.t('curation.previous')}</a></li>` : ''
  }${links.next ? html`<li><a href="${links.next}">${ctx.t('curation.next')}</a></li>` : ''}</ul></nav>`;
}

/** Field errors placed on a form's fields: a nested field ("startsAt.day", "targetGroups.2") belongs to its group. */
export function placedErrors(fields: readonly FieldError[], locale: Locale): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) errors[field.field.split('.')[0] ?? field.field] ??= translate(locale, field.message, field.params);
  return errors;
}

export const nameIn = (locale: Locale, entry: { name_da: string | null; name_en: string | null }) =>
  (locale === 'en' ? (entry.name_en ?? entry.name_da) : (entry.name_da ?? entry.name_en)) ?? '';

export function labelOf(locale: Locale, entries: readonly TaxonomyEntry[], code: string | null): string {
  const entry = entries.find((e) => e.code === code);
  return entry ? nameIn(locale, entry) : (code ?? '');
}

/** "x/y pladser brugt": seat use of a licence. */
export function seatUse(ctx: PageContext, used: number, seats: number): string {
  return ctx.t('curation.licence.seatUse', { used: formatNumber(ctx.locale, used), seats: formatNumber(ctx.locale, seats) });
}

const kroner: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'DKK' }),
};

export function formatKroner(locale: Locale, amount: string): string {
  return kroner[locale].format(Number(amount));
}

/** An amount as it is typed back into a Danish form field: "125000,50". */
export function kronerForForm(amount: string): string {
  return amount.replace('.', ',').replace(/,00$/, '');
}

/** A moment as the date and time fields show it (Copenhagen time). */
export function momentFieldValues(name: string, moment: Date): Record<string, string> {
  const clock = copenhagenWallClock(moment);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    [`${name}Day`]: String(clock.day),
    [`${name}Month`]: String(clock.month),
    [`${name}Year`]: String(clock.year),
    [`${name}Time`]: `${two(clock.hour)}:${two(clock.minute)}`,
  };
}

/** A calendar date (YYYY-MM-DD) as the date fields show it. */
export function dateFieldValues(name: string, date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-');
  return { [`${name}Day`]: String(Number(day)), [`${name}Month`]: String(Number(month)), [`${name}Year`]: year };
}

/** The parts of a date (and time) field group as the service reads them. */
export function momentInput(form: Record<string, unknown>, name: string): Record<string, unknown> {
  return { day: form[`${name}Day`], month: form[`${name}Month`], year: form[`${name}Year`], time: form[`${name}Time`] };
}

/** A submitted form's single-valued fields as text, to show them again after an error. */
export function textValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf'));
}

/** A submitted form's repeated field (checkboxes) as a list. */
export function listValue(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  return [value].flat().filter((v): v is string => typeof v === 'string');
}

/** Where the workspace's catalogue lives. */
export const CATALOGUE = '/kommune/katalog';
/** A listing's page in the workspace's catalogue. */
export const listingPath = (listingId: string) => `${CATALOGUE}/${listingId}`;

/** The catalogue page's address with the same search, filter and page. */
export function catalogueUrl(
  query: { q?: string | undefined; vis?: string | undefined; side?: number | undefined },
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.vis && query.vis !== 'alle') params.set('vis', query.vis);
  if (query.side && query.side > 1) params.set('side', String(query.side));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `${CATALOGUE}?${text}` : CATALOGUE;
}

/** What was typed into the recommendation form, and its messages. */
export type RecommendationForm = { values: Record<string, string>; errors: FormErrors };

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

/** The workspace's catalogue: search, enabled listings, listings no longer live, and enable/disable per listing. */
export function renderCatalogue(
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

/** A listing in the workspace: its state, the municipality's recommendations and licences, and the forms to change them. */
export function renderListing(
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
