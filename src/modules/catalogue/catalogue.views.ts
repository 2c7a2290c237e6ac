// How the national catalogue and a listing's public page look (DKFDS, borger.dk theme); both work without JavaScript.
import { nsisLevels } from '../../platform/auth/nsis.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { escapeHtml, html, SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { MARK_END, MARK_START, type CatalogueRow, type LiveListingRow } from './catalogue.repository.ts';
import { priceModels } from './catalogue.schemas.ts';
import type { CatalogueFilter, CatalogueResult, TaxonomyEntry, Taxonomies } from './catalogue.service.ts';

const collators: Record<Locale, Intl.Collator> = { da: new Intl.Collator('da'), en: new Intl.Collator('en') };

const nameIn = (locale: Locale, entry: TaxonomyEntry) => (locale === 'en' ? entry.name_en : entry.name_da);

/** Labels of codes in the reader's language, sorted as the reader's language sorts; an unknown code shows as it is. */
function labels(locale: Locale, entries: TaxonomyEntry[], codes: readonly string[]): string[] {
  const byCode = new Map(entries.map((entry) => [entry.code, nameIn(locale, entry)]));
  return codes.map((code) => byCode.get(code) ?? code).sort(collators[locale].compare);
}

/** The link to a catalogue page with the same search and filters. */
export function catalogueUrl(filter: CatalogueFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.query) params.set('q', filter.query);
  const lists: [string, string[]][] = [
    ['fase', filter.stages],
    ['kategori', filter.categories],
    ['maalgruppe', filter.targetGroups],
    ['sprog', filter.languages],
    ['pris', filter.priceModels],
  ];
  for (const [name, values] of lists) for (const value of values) params.append(name, value);
  if (filter.maxNsisLevel) params.set('niveau', filter.maxNsisLevel);
  params.set('side', String(page));
  return `/katalog?${params.toString()}`;
}

/** The highlighted summary: stored text escaped first, then the database's match markers become <mark>. */
export function highlighted(headline: string): SafeHtml {
  return new SafeHtml(escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>'));
}

type Choice = { value: string; label: string };

function checkboxes(name: string, legend: string, choices: Choice[], checked: readonly string[]): SafeHtml | string {
  if (choices.length === 0) return '';
  return html`<div class="form-group">
  <fieldset>
    <legend class="form-label">${legend}</legend>
    ${choices.map(
      (choice) =>
        html`<div class="form-group-checkbox"><input type="checkbox" class="form-checkbox" id="${name}-${choice.value}" name="${name}" value="${choice.value}"${
          checked.includes(choice.value) ? html` checked` : ''
        }><label class="form-label" for="${name}-${choice.value}">${choice.label}</label></div>`,
    )}
  </fieldset>
</div>`;
}

function facetChoices(locale: Locale, entries: TaxonomyEntry[]): Choice[] {
  return entries.filter((entry) => entry.active).map((entry) => ({ value: entry.code, label: nameIn(locale, entry) }));
}

/** What a page body may depend on: the reader's language and nothing else of the request, so it can be kept. */
export type Language = Pick<PageContext, 't' | 'locale'>;

/** The catalogue page around a body made by catalogueBody. */
export function renderCatalogue(ctx: PageContext, body: SafeHtml): SafeHtml {
  return renderPage(ctx, { title: ctx.t('catalogue.title'), body });
}

/** The catalogue page's body: the search and facet form beside the results, 25 to a page. */
export function catalogueBody(language: Language, view: { filter: CatalogueFilter; result: CatalogueResult; taxonomies: Taxonomies }): SafeHtml {
  const { t, locale } = language;
  const { filter, result, taxonomies } = view;
  const stageName = new Map(taxonomies.stage.map((stage) => [stage.code, nameIn(locale, stage)]));
  const previous = filter.page > 1 ? catalogueUrl(filter, filter.page - 1) : undefined;
  const next = result.hasNext ? catalogueUrl(filter, filter.page + 1) : undefined;
  return html`<h1>${t('catalogue.title')}</h1>
<p class="font-lead">${t('catalogue.lead')}</p>
<div class="row">
<div class="col-12 col-lg-4">
<form method="get" action="/katalog" role="search" class="mb-6">
  <div class="form-group">
    <label class="form-label" for="q">${t('catalogue.search')}</label>
    <span class="form-hint" id="q-hint">${t('catalogue.searchHint')}</span>
    <input class="form-input" type="search" id="q" name="q" value="${filter.query}" maxlength="200" aria-describedby="q-hint">
  </div>
  <h2 class="h3">${t('catalogue.filters')}</h2>
  ${checkboxes('fase', t('catalogue.stage'), facetChoices(locale, taxonomies.stage), filter.stages)}
  ${checkboxes('kategori', t('catalogue.category'), facetChoices(locale, taxonomies.category), filter.categories)}
  ${checkboxes('maalgruppe', t('catalogue.targetGroup'), facetChoices(locale, taxonomies.target_group), filter.targetGroups)}
  ${checkboxes('sprog', t('catalogue.language'), facetChoices(locale, taxonomies.language), filter.languages)}
  ${checkboxes(
    'pris',
    t('catalogue.price'),
    priceModels.map((price) => ({ value: price, label: t(`price.${price}`) })),
    filter.priceModels,
  )}
  <div class="form-group">
    <label class="form-label" for="niveau">${t('catalogue.nsisLevel')}</label>
    <span class="form-hint" id="niveau-hint">${t('catalogue.nsisLevelHint')}</span>
    <select class="form-select" id="niveau" name="niveau" aria-describedby="niveau-hint">
      <option value="">${t('catalogue.anyLevel')}</option>
      ${nsisLevels.map((level) => html`<option value="${level}"${filter.maxNsisLevel === level ? html` selected` : ''}>${t(`level.${level}`)}</option>`)}
    </select>
  </div>
  <button class="button button-primary" type="submit">${t('catalogue.submit')}</button>
</form>
</div>
<div class="col-12 col-lg-8">
<h2 aria-live="polite">${t('catalogue.results')}</h2>
${
  result.correctedQuery
    ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('catalogue.corrected', { query: filter.query, corrected: result.correctedQuery })}</p></div></div>`
    : ''
}
${
  result.rows.length === 0
    ? html`<p>${t('catalogue.none')}</p>`
    : html`<ul class="nobullet-list catalogue-results">${result.rows.map((row) => resultItem(language, row, stageName))}</ul>`
}
${
  previous || next
    ? html`<nav aria-label="${t('catalogue.pages')}"><ul class="nobullet-list">${previous ? html`<li><a href="${previous}">${t('catalogue.previous')}</a></li>` : ''}${next ? html`<li><a href="${next}">${t('catalogue.next')}</a></li>` : ''}</ul></nav>`
    : ''
}
</div>
</div>`;
}

function resultItem(language: Language, row: CatalogueRow, stageName: Map<string, string>): SafeHtml {
  const { t, locale } = language;
  return html`<li class="mb-6"><h3 class="h4"><a href="/katalog/${row.listing_id}">${locale === 'en' ? row.name_en : row.name_da}</a></h3>
<p>${locale === 'en' ? row.summary_en : highlighted(row.headline)}</p>
<p class="small-text">${stageName.get(row.journey_stage) ?? row.journey_stage} · ${t('catalogue.vendor')}: ${row.vendor_name} · ${t('catalogue.price')}: ${t(`price.${row.price_model}`)} · ${t('catalogue.level')}: ${t(`level.${row.required_nsis_level}`)}</p></li>`;
}

function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => html`<p>${part}</p>`);
}

function listOrNone(ctx: PageContext, items: string[]): SafeHtml | string {
  if (items.length === 0) return ctx.t('catalogue.listing.none');
  return html`<ul class="nobullet-list">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

/** A live listing's public page: what it is, who offers it, for whom, how, and what it asks to know about you. */
export function renderListing(ctx: PageContext, listing: LiveListingRow, taxonomies: Taxonomies): SafeHtml {
  const { t, locale } = ctx;
  const en = locale === 'en';
  const name = en ? listing.name_en : listing.name_da;
  const stage = labels(locale, taxonomies.stage, [listing.journey_stage])[0];
  const dataNames = new Map(taxonomies.data_category.map((entry) => [entry.code, nameIn(locale, entry)]));
  const channelLabels = listing.channels.map((channel) => t(`channel.${channel}`));
  return renderPage(ctx, {
    title: name,
    body: html`<a href="/katalog" class="back-link">${t('catalogue.listing.back')}</a>
<h1>${name}</h1>
<p class="font-lead">${en ? listing.summary_en : listing.summary_da}</p>
<p><a class="button button-primary" href="${listing.service_url}">${t('catalogue.listing.open')}</a></p>
<h2>${t('catalogue.listing.about')}</h2>
${paragraphs(en ? listing.description_en : listing.description_da)}
<h2>${t('catalogue.listing.facts')}</h2>
<dl>
  <dt>${t('catalogue.vendor')}</dt><dd>${listing.vendor_name}</dd>
  <dt>${t('catalogue.stage')}</dt><dd>${stage}</dd>
  <dt>${t('catalogue.listing.categories')}</dt><dd>${listOrNone(ctx, labels(locale, taxonomies.category, listing.categories))}</dd>
  <dt>${t('catalogue.listing.targetGroups')}</dt><dd>${listOrNone(ctx, labels(locale, taxonomies.target_group, listing.target_groups))}</dd>
  <dt>${t('catalogue.listing.languages')}</dt><dd>${listOrNone(ctx, labels(locale, taxonomies.language, listing.languages))}</dd>
  <dt>${t('catalogue.listing.channels')}</dt><dd>${listOrNone(ctx, channelLabels)}</dd>
  <dt>${t('catalogue.price')}</dt><dd>${t(`price.${listing.price_model}`)}</dd>
  <dt>${t('catalogue.listing.nsisLevel')}</dt><dd>${t(`level.${listing.required_nsis_level}`)}</dd>
  <dt>${t('catalogue.listing.serviceUrl')}</dt><dd><a href="${listing.service_url}">${listing.service_url}</a></dd>
  <dt>${t('catalogue.listing.accessibility')}</dt><dd><a href="${listing.accessibility_statement_url}">${t('catalogue.listing.accessibilityLink')}</a></dd>
</dl>
<h2>${t('catalogue.listing.data')}</h2>
${
  listing.data_categories.length === 0
    ? html`<p>${t('catalogue.listing.noData')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <thead><tr><th scope="col">${t('catalogue.listing.dataCategory')}</th><th scope="col">${t('catalogue.listing.purpose')}</th><th scope="col">${t('catalogue.listing.legalBasis')}</th></tr></thead>
  <tbody>${listing.data_categories.map(
    (use) =>
      html`<tr><th scope="row">${dataNames.get(use.category) ?? use.category}</th><td>${(en ? use.purpose_en : use.purpose_da) ?? use.purpose_da ?? t('catalogue.listing.notStated')}</td><td>${
        use.legal_basis ? t(`legalBasis.${use.legal_basis}`) : t('catalogue.listing.notStated')
      }</td></tr>`,
  )}</tbody>
</table></div>`
}`,
  });
}
