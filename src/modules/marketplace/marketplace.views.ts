// How the citizen's marketplace looks (DKFDS, borger.dk theme, mobile first, no JavaScript needed). The cards of a
// municipality's items are rendered and escaped once per language and kept with its offer (marketplace.offer.ts
// `derive`), so a page is mostly the concatenation of kept markup; only what is the citizen's own (the
// jobcenter's recommendation for them, the page links, the shell) is rendered per request. Everything is made by the
// escaping `html` tag and kept as the SafeHtml it made, so nothing kept is ever turned from a string back into markup.
import { formatDateTime, formatNumber, formatPeriod, type Locale, type Translator } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, formValues, textArea, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import {
  derive,
  isFiltered,
  type MarketFilter,
  type MarketItem,
  type MarketListing,
  type MarketLocalOffer,
  type MarketOffer,
  type MarketRecommendation,
  type TaxonomyEntry,
} from './marketplace.offer.ts';
import { priceModels, type SignUpOutcome } from './marketplace.schemas.ts';
import { renderActorMarketSection } from '../actor-offers/index.ts';
import type { JobcenterContact, ListingPage, LocalOfferPage, MarketplaceView } from './marketplace.service.ts';

export const MARKETPLACE = '/borger/markedsplads';

type Language = Pick<PageContext, 't' | 'locale'>;

const nameIn = (locale: Locale, entry: { name_da: string; name_en: string }) => (locale === 'en' ? entry.name_en : entry.name_da);

function taxonomyName(locale: Locale, entries: readonly TaxonomyEntry[], code: string | null): string {
  if (!code) return '';
  const entry = entries.find((candidate) => candidate.code === code);
  return entry ? nameIn(locale, entry) : code;
}

const listingUrl = (id: string) => `${MARKETPLACE}/${id}`;
const localOfferUrl = (id: string) => `${MARKETPLACE}/lokale-tilbud/${id}`;

/** The first paragraph of a text, cut at a word before `max` characters. */
function excerpt(text: string, max = 180): string {
  const first = (text.split(/\r?\n\s*\r?\n/)[0] ?? '').trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()} …`;
}

function ratingText(language: Language, rating: { average: number; count: number } | undefined): string {
  if (!rating) return language.t('marketplace.rating.none');
  return language.t(rating.count === 1 ? 'marketplace.rating.summaryOne' : 'marketplace.rating.summary', {
    average: formatNumber(language.locale, Math.round(rating.average * 10) / 10),
    count: formatNumber(language.locale, rating.count),
  });
}

function placesText(language: Language, offer: Pick<MarketLocalOffer, 'placesLeft'>): string {
  if (offer.placesLeft === undefined) return language.t('marketplace.offer.noSignUp');
  if (offer.placesLeft === 0) return language.t('marketplace.offer.full');
  return language.t(offer.placesLeft === 1 ? 'marketplace.offer.placeLeft' : 'marketplace.offer.placesLeft', { places: offer.placesLeft });
}

/** A card in two parts, so a recommendation's reason can go between its heading and the rest. */
type Card = { head: SafeHtml; rest: SafeHtml; whole: SafeHtml };

function card(head: SafeHtml, rest: SafeHtml): Card {
  return { head, rest, whole: html`<li class="mb-6">${head}${rest}</li>` };
}

function listingCard(language: Language, offer: MarketOffer, item: MarketListing): Card {
  const { t, locale } = language;
  const en = locale === 'en';
  return card(
    html`<h3 class="h4"><a href="${listingUrl(item.id)}">${en ? item.nameEn : item.nameDa}</a></h3>`,
    html`<p>${en ? item.summaryEn : item.summaryDa}</p>
<p class="small-text">${taxonomyName(locale, offer.taxonomies.stage, item.stage)} · ${t('marketplace.vendor')}: ${item.vendorName} · ${t('marketplace.price')}: ${t(`price.${item.price}`)} · ${ratingText(language, item.rating)}</p>`,
  );
}

function localOfferCard(language: Language, offer: MarketOffer, item: MarketLocalOffer): Card {
  const { t, locale } = language;
  const en = locale === 'en';
  return card(
    html`<p class="small-text mb-0"><strong>${t('marketplace.offer.label', { service: offer.serviceName })}</strong> · ${t(`marketplace.offerKind.${item.offerKind}`)}</p>
<h3 class="h4 mt-0"><a href="${localOfferUrl(item.id)}">${en ? item.titleEn : item.titleDa}</a></h3>`,
    html`<p>${excerpt(en ? item.descriptionEn : item.descriptionDa)}</p>
<p class="small-text">${formatPeriod(locale, item.startsAt, item.endsAt)} · ${item.place} · ${placesText(language, item)}</p>`,
  );
}

/** Every item's card in the reader's language, rendered once per offer and language. */
function cardsOf(language: Language, offer: MarketOffer): Map<string, Card> {
  return derive(offer, `cards:${language.locale}`, () => {
    const cards = new Map<string, Card>();
    for (const item of offer.items) cards.set(item.id, item.kind === 'listing' ? listingCard(language, offer, item) : localOfferCard(language, offer, item));
    return cards;
  });
}

/** The plain-language reason the municipality's employment service recommends a listing to the citizen, with its local note. */
export function recommendationReason(language: Language, offer: MarketOffer, recommendation: MarketRecommendation): SafeHtml {
  const { t, locale } = language;
  if (recommendation.by !== undefined) return organisationReason(language, recommendation, recommendation.by);
  const service = offer.serviceName;
  const group = taxonomyName(locale, offer.taxonomies.target_group, recommendation.targetGroup).toLocaleLowerCase(locale === 'en' ? 'en' : 'da');
  const reason = recommendation.stage
    ? t('marketplace.recommended.reasonAtStage', {
        service,
        group,
        stage: taxonomyName(locale, offer.taxonomies.stage, recommendation.stage).toLocaleLowerCase(locale === 'en' ? 'en' : 'da'),
      })
    : t('marketplace.recommended.reason', { service, group });
  const note = (locale === 'en' ? recommendation.noteEn : recommendation.noteDa) ?? recommendation.noteDa;
  return html`<div class="alert alert-info mt-0 mb-4"><div class="alert-body"><p class="alert-heading">${t('marketplace.recommended.label')}</p><p class="alert-text">${reason}${
    note ? html` ${t('marketplace.recommended.note', { service, note })}` : ''
  }</p></div></div>`;
}

/** The reason an a-kasse or other actor responsible for the citizen recommends a listing: marked with its name, with its note. */
function organisationReason(language: Language, recommendation: MarketRecommendation, organisation: string): SafeHtml {
  const { t, locale } = language;
  const note = (locale === 'en' ? recommendation.noteEn : recommendation.noteDa) ?? recommendation.noteDa;
  return html`<div class="alert alert-info mt-0 mb-4"><div class="alert-body"><p class="alert-heading">${t('marketplace.recommended.byOrganisation', { organisation })}</p><p class="alert-text">${t(
    'marketplace.recommended.organisationReason',
    { organisation },
  )}${note ? html` ${t('marketplace.recommended.organisationNote', { organisation, note })}` : ''}</p></div></div>`;
}

function recommendedCard(language: Language, offer: MarketOffer, kept: Card, recommendation: MarketRecommendation): SafeHtml {
  return derive(
    offer,
    `recommended:${language.locale}:${recommendation.id}`,
    () => html`<li class="mb-6">${kept.head}${recommendationReason(language, offer, recommendation)}${kept.rest}</li>`,
  );
}

function itemHtml(
  language: Language,
  offer: MarketOffer,
  cards: Map<string, Card>,
  item: MarketItem,
  recommendation: MarketRecommendation | undefined,
): SafeHtml | undefined {
  const kept = cards.get(item.id);
  if (!kept) return undefined;
  return recommendation ? recommendedCard(language, offer, kept, recommendation) : kept.whole;
}

/** The link to a marketplace page with the same search and filters. */
export function marketplaceUrl(filter: MarketFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.query) params.set('q', filter.query);
  const lists: [string, readonly string[]][] = [
    ['fase', filter.stages],
    ['kategori', filter.categories],
    ['sprog', filter.languages],
    ['pris', filter.priceModels],
  ];
  for (const [name, values] of lists) for (const value of values) params.append(name, value);
  if (filter.localOnly) params.set('lokale', '1');
  if (page > 1) params.set('side', String(page));
  const query = params.toString();
  return query ? `${MARKETPLACE}?${query}` : MARKETPLACE;
}

type Choice = { value: string; label: string };

function checkboxes(name: string, legend: string, choices: Choice[], checked: readonly string[]): SafeHtml {
  return html`<fieldset class="form-group">
  <legend class="form-label">${legend}</legend>
  <ul class="nobullet-list">${choices.map(
    (choice) =>
      html`<li class="form-group-checkbox"><input type="checkbox" class="form-checkbox" id="${name}-${choice.value}" name="${name}" value="${choice.value}"${
        checked.includes(choice.value) ? html` checked` : ''
      }><label for="${name}-${choice.value}">${choice.label}</label></li>`,
  )}</ul>
</fieldset>`;
}

function activeChoices(locale: Locale, entries: readonly TaxonomyEntry[]): Choice[] {
  return entries.filter((entry) => entry.active).map((entry) => ({ value: entry.code, label: nameIn(locale, entry) }));
}

/** The same search with the filters shown (`filtre=1`). */
function withFiltersShown(filter: MarketFilter): string {
  const url = marketplaceUrl({ ...filter, page: 1 }, 1);
  return `${url}${url.includes('?') ? '&' : '?'}filtre=1`;
}

/**
 * The search, and the filters below it when asked for or in use. Mobile first: on a phone a long list of checkboxes
 * would push the results out of sight, so by default the filters are one link away (a plain link: no JavaScript).
 */
function searchForm(language: Language, offer: MarketOffer, filter: MarketFilter, showFilters: boolean): SafeHtml {
  const { t, locale } = language;
  const filtered = isFiltered(filter);
  const open = showFilters || filtered;
  return html`<form method="get" action="${MARKETPLACE}" role="search" class="mb-4">
  <div class="form-group">
    <label class="form-label" for="q">${t('marketplace.search')}</label>
    <span class="form-hint" id="q-hint">${t('marketplace.searchHint')}</span>
    <input class="form-input" type="search" id="q" name="q" value="${filter.query}" maxlength="200" aria-describedby="q-hint">
  </div>
  ${
    open
      ? html`<h2 class="h4">${t('marketplace.filters')}</h2>
  ${checkboxes('fase', t('marketplace.stage'), activeChoices(locale, offer.taxonomies.stage), filter.stages)}
  ${checkboxes('kategori', t('marketplace.category'), activeChoices(locale, offer.taxonomies.category), filter.categories)}
  ${checkboxes('sprog', t('marketplace.language'), activeChoices(locale, offer.taxonomies.language), filter.languages)}
  ${checkboxes(
    'pris',
    t('marketplace.price'),
    priceModels.map((price) => ({ value: price, label: t(`price.${price}`) })),
    filter.priceModels,
  )}
  <fieldset class="form-group">
    <legend class="form-label">${t('marketplace.localOnlyLegend', { service: offer.serviceName })}</legend>
    <div class="form-group-checkbox"><input type="checkbox" class="form-checkbox" id="lokale" name="lokale" value="1"${filter.localOnly ? html` checked` : ''}><label for="lokale">${t('marketplace.localOnly', { service: offer.serviceName })}</label></div>
  </fieldset>`
      : ''
  }
  <button class="button button-primary" type="submit">${t('marketplace.submit')}</button>
</form>
<p class="mb-6">${
    open
      ? filtered
        ? html`<a href="${marketplaceUrl({ ...filter, stages: [], categories: [], languages: [], priceModels: [], localOnly: false }, 1)}">${t('marketplace.clearFilters')}</a>`
        : html`<a href="${marketplaceUrl(filter, 1)}">${t('marketplace.hideFilters')}</a>`
      : html`<a href="${withFiltersShown(filter)}">${t('marketplace.showFilters')}</a>`
  }</p>`;
}

/** The marketplace page: the search (and the filters, when asked for) above the results, 20 to a page, recommended first. */
export function renderMarketplace(ctx: PageContext, view: MarketplaceView, options: { showFilters: boolean }): SafeHtml {
  return renderPage(ctx, { title: ctx.t('marketplace.title'), body: marketplaceBody(ctx, view, options) });
}

/** Page bodies kept per offer and language: enough for the pages citizens actually open, not every combination. */
const PAGES_KEPT = 200;

/**
 * The page below the shell. It follows from what the page shows — the items in order, which are recommended and by
 * which recommendation, the search and filters, the page numbers — so it is made once per offer for each such
 * combination, and citizens whose recommendations are the same share it.
 */
function marketplaceBody(ctx: PageContext, view: MarketplaceView, options: { showFilters: boolean }): SafeHtml {
  let key = `${options.showFilters ? 1 : 0}:${view.page}/${view.pageCount}/${view.total}:${view.correctedQuery ?? ''}:${marketplaceUrl(view.filter, view.page)}:`;
  for (const item of view.items) key += `${item.id}${view.recommended.get(item.id)?.id ?? ''},`;
  if (view.actor) key += `:${view.actor.version}`;
  const pages = derive(view.offer, `pages:${ctx.locale}`, () => new Map<string, SafeHtml>());
  const known = pages.get(key);
  if (known !== undefined) return known;
  const made = makeMarketplaceBody(ctx, view, options);
  if (pages.size < PAGES_KEPT) pages.set(key, made);
  return made;
}

function makeMarketplaceBody(ctx: PageContext, view: MarketplaceView, options: { showFilters: boolean }): SafeHtml {
  const { t } = ctx;
  const { offer, filter } = view;
  const language: Language = ctx;
  // The top of the page and the unfiltered form are the same for every citizen of the municipality.
  const top = derive(
    offer,
    `top:${ctx.locale}`,
    () =>
      html`<h1>${t('marketplace.title')}</h1>
<p class="font-lead">${t('marketplace.lead', { service: offer.serviceName })}</p>`,
  );
  const plain = filter.query === '' && !isFiltered(filter) && !options.showFilters;
  const form = plain
    ? derive(offer, `form:${ctx.locale}`, () => searchForm(language, offer, filter, false))
    : searchForm(language, offer, filter, options.showFilters);
  const cards = cardsOf(language, offer);
  const list: SafeHtml[] = [];
  for (const item of view.items) {
    const shown = itemHtml(language, offer, cards, item, view.recommended.get(item.id));
    if (shown) list.push(shown);
  }
  const previous = view.page > 1 ? marketplaceUrl(filter, view.page - 1) : undefined;
  const next = view.page < view.pageCount ? marketplaceUrl(filter, view.page + 1) : undefined;
  const heading = derive(
    offer,
    `results:${ctx.locale}:${view.total}`,
    () =>
      html`<h2 id="results-heading">${t(view.total === 1 ? 'marketplace.resultOne' : 'marketplace.results', { count: formatNumber(ctx.locale, view.total) })}</h2>`,
  );
  const results = html`${heading}
${view.correctedQuery ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('marketplace.corrected', { query: filter.query, corrected: view.correctedQuery })}</p></div></div>` : ''}
${view.total === 0 ? html`<p>${filter.query || isFiltered(filter) ? t('marketplace.noneFound') : t('marketplace.empty', { service: offer.serviceName })}</p>` : ''}`;
  // The offers of the a-kasse or other actor responsible for the citizen, above the results when nothing narrows them.
  const narrowed = filter.query !== '' || filter.stages.length + filter.categories.length + filter.languages.length + filter.priceModels.length > 0;
  const actorSection = view.actor && view.page === 1 && !narrowed ? renderActorMarketSection(language, view.actor) : '';
  const pages =
    view.pageCount > 1
      ? html`<nav aria-label="${t('marketplace.pages')}"><p>${t('marketplace.pageOf', { page: view.page, pages: view.pageCount })}</p><ul class="nobullet-list">${
          previous ? html`<li><a href="${previous}" rel="prev">${t('marketplace.previous')}</a></li>` : ''
        }${next ? html`<li><a href="${next}" rel="next">${t('marketplace.next')}</a></li>` : ''}</ul></nav>`
      : '';
  return html`${top}
${form}
${actorSection}
${results}
${list.length > 0 ? html`<ul class="nobullet-list">${list}</ul>` : ''}
${pages}`;
}

// ---- A listing's page ----

function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => html`<p>${part}</p>`);
}

function labelsOf(locale: Locale, entries: readonly TaxonomyEntry[], codes: readonly string[]): SafeHtml | string {
  const names = codes.map((code) => taxonomyName(locale, entries, code));
  return names.length === 0 ? '' : html`<ul class="nobullet-list">${names.map((name) => html`<li>${name}</li>`)}</ul>`;
}

function starsLabel(t: Translator, stars: number): string {
  return t(stars === 1 ? 'marketplace.rating.starOne' : 'marketplace.rating.stars', { stars });
}

export type RatingFormState = { values: Record<string, string>; errors: FormErrors; saved: boolean };

function ratingForm(ctx: PageContext, page: ListingPage, state: RatingFormState): SafeHtml {
  const { t } = ctx;
  const own = page.own;
  const stars = state.values.stars ?? (own ? String(own.stars) : '');
  const comment = state.values.comment ?? own?.comment ?? '';
  const service = page.offer.serviceName;
  const status = own ? t(`marketplace.rating.status.${own.status}`, { service }) : '';
  const starError = state.errors.stars;
  return html`<h2 id="rate-heading">${own ? t('marketplace.rating.editTitle') : t('marketplace.rating.formTitle')}</h2>
${state.saved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('marketplace.rating.saved', { service })}</p></div></div>` : ''}
${own ? html`<p>${t('marketplace.rating.yours', { stars: starsLabel(t, own.stars) })} ${status}</p>` : ''}
${errorSummary(t, state.errors)}
<form method="post" action="${listingUrl(page.listing.listing_id)}/bedoemmelse" novalidate>
  ${csrfField(ctx.csrfToken())}
  <fieldset class="form-group${starError ? ' form-error' : ''}" id="field-stars"${starError ? html` aria-describedby="field-stars-error"` : ''}>
    <legend class="form-label">${t('marketplace.rating.starsLegend')}</legend>
    ${starError ? html`<span class="form-error-message" id="field-stars-error">${starError}</span>` : ''}
    <ul class="nobullet-list">${[1, 2, 3, 4, 5].map(
      (value) =>
        html`<li class="form-group-radio"><input type="radio" class="form-radio" id="field-stars-${value}" name="stars" value="${value}"${stars === String(value) ? html` checked` : ''}><label for="field-stars-${value}">${starsLabel(t, value)}</label></li>`,
    )}</ul>
  </fieldset>
  ${textArea({ name: 'comment', label: t('marketplace.rating.comment'), hint: t('marketplace.rating.commentHint'), value: comment, error: state.errors.comment, optional: true, maxLength: 2000, rows: 4 })}
  <button class="button button-primary" type="submit">${own ? t('marketplace.rating.update') : t('marketplace.rating.submit')}</button>
</form>`;
}

/** An enabled listing's page: what it does, who provides it, what it asks to know and why, ratings, rating form, Start. */
export function renderListingPage(ctx: PageContext, page: ListingPage, state: RatingFormState): SafeHtml {
  const { t, locale } = ctx;
  const { listing, offer } = page;
  const en = locale === 'en';
  const name = en ? listing.name_en : listing.name_da;
  const taxonomies = offer.taxonomies;
  const start = page.levelMet
    ? html`<form method="post" action="${listingUrl(listing.listing_id)}/start">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('marketplace.listing.start')}</button></form>
<p class="form-hint">${t('marketplace.listing.startHint')}</p>`
    : html`<p>${t('marketplace.listing.stepUp', { level: t(`level.${listing.required_nsis_level}`) })}</p>
<p><a class="button button-primary" href="/log-ind/borger?${new URLSearchParams({ tilbage: listingUrl(listing.listing_id), niveau: listing.required_nsis_level }).toString()}">${t('marketplace.listing.stepUpLink')}</a></p>`;
  const previousRatings = page.ratingsPage > 1 ? `${listingUrl(listing.listing_id)}?side=${page.ratingsPage - 1}#ratings-heading` : undefined;
  const nextRatings = page.hasMoreRatings ? `${listingUrl(listing.listing_id)}?side=${page.ratingsPage + 1}#ratings-heading` : undefined;
  return renderPage(ctx, {
    title: name,
    body: html`<a href="${MARKETPLACE}" class="back-link">${t('marketplace.listing.back')}</a>
<h1>${name}</h1>
<p class="font-lead">${en ? listing.summary_en : listing.summary_da}</p>
${page.recommendation ? recommendationReason(ctx, offer, page.recommendation) : ''}
${start}
<h2>${t('marketplace.listing.about')}</h2>
${paragraphs(en ? listing.description_en : listing.description_da)}
<h2>${t('marketplace.listing.facts')}</h2>
<dl>
  <dt>${t('marketplace.vendor')}</dt><dd>${listing.vendor_name}</dd>
  <dt>${t('marketplace.stage')}</dt><dd>${taxonomyName(locale, taxonomies.stage, listing.journey_stage)}</dd>
  ${listing.categories.length > 0 ? html`<dt>${t('marketplace.listing.categories')}</dt><dd>${labelsOf(locale, taxonomies.category, listing.categories)}</dd>` : ''}
  ${listing.languages.length > 0 ? html`<dt>${t('marketplace.listing.languages')}</dt><dd>${labelsOf(locale, taxonomies.language, listing.languages)}</dd>` : ''}
  ${listing.channels.length > 0 ? html`<dt>${t('marketplace.listing.channels')}</dt><dd>${listing.channels.map((channel) => t(`channel.${channel}`)).join(', ')}</dd>` : ''}
  <dt>${t('marketplace.price')}</dt><dd>${t(`price.${listing.price_model}`)}</dd>
  <dt>${t('marketplace.listing.nsisLevel')}</dt><dd>${t(`level.${listing.required_nsis_level}`)}</dd>
  <dt>${t('marketplace.listing.accessibility')}</dt><dd><a href="${listing.accessibility_statement_url}">${t('marketplace.listing.accessibilityLink', { name })}</a></dd>
</dl>
<h2>${t('marketplace.listing.data')}</h2>
${
  listing.data_categories.length === 0
    ? html`<p>${t('marketplace.listing.noData')}</p>`
    : html`<p>${t('marketplace.listing.dataLead')}</p><div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('marketplace.listing.data')}</caption>
  <thead><tr><th scope="col">${t('marketplace.listing.dataCategory')}</th><th scope="col">${t('marketplace.listing.purpose')}</th><th scope="col">${t('marketplace.listing.legalBasis')}</th></tr></thead>
  <tbody>${listing.data_categories.map(
    (use) =>
      html`<tr><th scope="row">${taxonomyName(locale, taxonomies.data_category, use.category)}</th><td>${(en ? use.purpose_en : use.purpose_da) ?? use.purpose_da ?? t('marketplace.listing.notStated')}</td><td>${
        use.legal_basis ? t(`legalBasis.${use.legal_basis}`) : t('marketplace.listing.notStated')
      }</td></tr>`,
  )}</tbody>
</table></div>
<dl><dt>${t('listings.marketplace.worksWithoutData')}</dt><dd>${listing.works_without_data ? t('listings.marketplace.worksWithoutDataYes') : t('listings.marketplace.worksWithoutDataNo')}</dd></dl>`
}
<h2 id="ratings-heading">${t('marketplace.rating.title')}</h2>
<p>${ratingText(ctx, page.rating)}</p>
${
  page.ratings.length > 0
    ? html`<ul class="nobullet-list">${page.ratings.map(
        (rating) =>
          html`<li class="mb-5"><p class="mb-0"><strong>${starsLabel(t, rating.stars)}</strong> · <span class="small-text">${formatDateTime(locale, rating.updated_at)}</span></p>${rating.comment ? paragraphs(rating.comment) : ''}</li>`,
      )}</ul>`
    : ''
}
${
  previousRatings || nextRatings
    ? html`<nav aria-label="${t('marketplace.rating.pages')}"><ul class="nobullet-list">${previousRatings ? html`<li><a href="${previousRatings}">${t('marketplace.rating.newer')}</a></li>` : ''}${
        nextRatings ? html`<li><a href="${nextRatings}">${t('marketplace.rating.older')}</a></li>` : ''
      }</ul></nav>`
    : ''
}
${ratingForm(ctx, page, state)}`,
  });
}

/** What a failed rating form sends back: what the citizen typed (a very long text only in part: the field holds 2,000). */
export function ratingValuesFromForm(body: unknown): Record<string, string> {
  const values = formValues(body);
  if (values.comment && values.comment.length > 4000) values.comment = values.comment.slice(0, 4000);
  return { stars: values.stars ?? '', comment: values.comment ?? '' };
}

// ---- Hand-over ----

/** The moment between pressing Start and the service: the browser goes on by itself, or with the link. */
export function renderHandOver(
  ctx: PageContext,
  listing: { listing_id: string; name_da: string; name_en: string; vendor_name: string; service_url: string },
): SafeHtml {
  const { t } = ctx;
  const name = ctx.locale === 'en' ? listing.name_en : listing.name_da;
  return renderPage(ctx, {
    title: t('marketplace.handOver.title', { name }),
    body: html`<a href="${listingUrl(listing.listing_id)}" class="back-link">${t('marketplace.noSeat.back', { name })}</a>
<h1>${t('marketplace.handOver.title', { name })}</h1>
<p class="font-lead">${t('marketplace.handOver.text', { name, vendor: listing.vendor_name })}</p>
<p><a class="button button-primary" href="${listing.service_url}">${t('marketplace.handOver.link', { name })}</a></p>`,
  });
}

// ---- No seat ----

function contactBlock(ctx: PageContext, contact: JobcenterContact): SafeHtml {
  const { t, locale } = ctx;
  const text = (locale === 'en' ? contact.text.en : contact.text.da) ?? contact.text.da;
  return html`<h2>${t('marketplace.noSeat.contact', { service: contact.serviceName })}</h2>
${text ? html`<p>${text}</p>` : ''}
${
  contact.jobcenters.length === 0
    ? html`<p>${t('marketplace.noSeat.noJobcenter', { service: contact.serviceName })}</p>`
    : contact.jobcenters.map(
        (jobcenter) => html`<dl>
  <dt>${t('marketplace.noSeat.jobcenter')}</dt><dd>${jobcenter.name}</dd>
  ${jobcenter.address ? html`<dt>${t('marketplace.noSeat.address')}</dt><dd>${jobcenter.address}</dd>` : ''}
  ${jobcenter.phone ? html`<dt>${t('marketplace.noSeat.phone')}</dt><dd><a href="tel:${jobcenter.phone.replace(/\s+/g, '')}">${jobcenter.phone.replace(/\s+/g, '\u00a0')}</a></dd>` : ''}
  ${jobcenter.email ? html`<dt>${t('marketplace.noSeat.email')}</dt><dd><a href="mailto:${jobcenter.email}">${jobcenter.email}</a></dd>` : ''}
  ${jobcenter.website ? html`<dt>${t('marketplace.noSeat.website')}</dt><dd><a href="${jobcenter.website}">${jobcenter.website}</a></dd>` : ''}
</dl>`,
      )
}`;
}

/** The page a citizen gets when every seat the municipality bought is taken: what happened, what else, whom to ask. */
export function renderNoSeat(
  ctx: PageContext,
  view: { listingName: string; listingId: string; alternatives: MarketListing[]; contact: JobcenterContact },
): SafeHtml {
  const { t, locale } = ctx;
  return renderPage(ctx, {
    title: t('marketplace.noSeat.title'),
    body: html`<a href="${listingUrl(view.listingId)}" class="back-link">${t('marketplace.noSeat.back', { name: view.listingName })}</a>
<h1>${t('marketplace.noSeat.title')}</h1>
<div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-heading">${t('marketplace.noSeat.heading', { name: view.listingName })}</p><p class="alert-text">${t('marketplace.noSeat.text', { service: view.contact.serviceName })}</p></div></div>
<h2>${t('marketplace.noSeat.alternatives')}</h2>
${
  view.alternatives.length === 0
    ? html`<p>${t('marketplace.noSeat.noAlternatives')} <a href="${MARKETPLACE}">${t('marketplace.noSeat.browse')}</a></p>`
    : html`<ul class="nobullet-list">${view.alternatives.map(
        (item) =>
          html`<li class="mb-5"><h3 class="h4"><a href="${listingUrl(item.id)}">${locale === 'en' ? item.nameEn : item.nameDa}</a></h3><p>${locale === 'en' ? item.summaryEn : item.summaryDa}</p></li>`,
      )}</ul>`
}
${contactBlock(ctx, view.contact)}`,
  });
}

// ---- A local offer ----

/** One of the jobcenter's own offers: what, when, where, places left, and sign-up with a clear outcome. */
export function renderLocalOfferPage(ctx: PageContext, page: LocalOfferPage, outcome: SignUpOutcome | undefined): SafeHtml {
  const { t, locale } = ctx;
  const { offer } = page;
  const en = locale === 'en';
  const title = en ? offer.title_en : offer.title_da;
  const flash = outcome
    ? html`<div class="alert ${outcome === 'signed_up' || outcome === 'already' ? 'alert-success' : 'alert-warning'}" role="status"><div class="alert-body"><p class="alert-text">${t(`marketplace.signUp.${outcome}`)}</p></div></div>`
    : '';
  const cancelled = offer.cancelled_at !== null;
  const signUp = page.signedUp
    ? html`<p><strong>${t('marketplace.signUp.youAreSignedUp')}</strong></p>`
    : page.open && page.placesLeft !== 0
      ? html`<form method="post" action="${localOfferUrl(offer.id)}/tilmeld">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('marketplace.signUp.button')}</button></form>`
      : '';
  return renderPage(ctx, {
    title,
    body: html`<a href="${MARKETPLACE}" class="back-link">${t('marketplace.listing.back')}</a>
<p class="small-text mb-0"><strong>${t('marketplace.offer.label', { service: page.serviceName })}</strong> · ${t(`marketplace.offerKind.${offer.kind}`)}</p>
<h1 class="mt-0">${title}</h1>
${flash}
${cancelled ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('marketplace.offer.cancelled')}</p></div></div>` : ''}
<dl>
  <dt>${t('marketplace.offer.when')}</dt><dd>${formatPeriod(locale, offer.starts_at, offer.ends_at)}</dd>
  <dt>${t('marketplace.offer.where')}</dt><dd>${offer.place}</dd>
  <dt>${t('marketplace.offer.places')}</dt><dd>${placesText(ctx, page)}</dd>
</dl>
${signUp}
${paragraphs(en ? offer.description_en : offer.description_da)}`,
  });
}
