// How an a-kasse's or another actor's offers look to its caseworkers — the list with its recommendations, each offer,
// the form to create or change one, the form to recommend a listing — and its section of the citizen's marketplace.
import type { FieldError } from '../../platform/errors.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatPeriod, translate, type Locale, type MessageKey, type Translator } from '../../platform/i18n/index.ts';
import { copenhagenWallClock } from '../../platform/time.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormErrors, dateFields } from '../../platform/views/components.ts';
import { html, SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { ActorOfferRow, ActorRecommendationRow, LiveListingChoice } from './actor-offers.repository.ts';
import type { ActingOrganisation, ActorMarketOffer } from './actor-offers.service.ts';

/** Where an a-kasse's or another actor's own offers live. */
export const ACTOR_OFFERS = '/organisation/tilbud';
/** An offer's page. */
export const actorOfferPath = (offerId: string) => `${ACTOR_OFFERS}/${offerId}`;
/** Where its recommendations are written and removed. */
export const ACTOR_RECOMMENDATIONS = '/organisation/anbefalinger';

/** The offer form as shown: where it posts, its heading, what it holds, and its messages. */
export type ActorOfferForm = { action: string; title: string; values: Record<string, string>; errors: FormErrors; creating: boolean };

type OfferStatus = 'cancelled' | 'past' | 'running' | 'upcoming';

const statusText = {
  cancelled: 'actorOffers.status.cancelled',
  past: 'actorOffers.status.past',
  running: 'actorOffers.status.running',
  upcoming: 'actorOffers.status.upcoming',
} as const satisfies Record<OfferStatus, MessageKey>;

function statusOf(offer: ActorOfferRow, now = new Date()): OfferStatus {
  if (offer.cancelled_at) return 'cancelled';
  if (offer.ends_at <= now) return 'past';
  return offer.starts_at <= now ? 'running' : 'upcoming';
}

/** An offer's title in the reader's language. */
export const actorOfferTitle = (ctx: Pick<PageContext, 'locale'>, offer: ActorOfferRow) => (ctx.locale === 'en' ? offer.title_en : offer.title_da);

/** Field errors placed on a form's fields: a nested field ("startsAt.day") belongs to its group. */
export function placedErrors(fields: readonly FieldError[], locale: Locale): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) errors[field.field.split('.')[0] ?? field.field] ??= translate(locale, field.message, field.params);
  return errors;
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

function flash(text: string | undefined): SafeHtml | string {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : '';
}

function breadcrumb(t: Translator, links: { href: string; text: string }[]): SafeHtml {
  return html`<nav aria-label="${t('shell.breadcrumb')}"><ul class="nobullet-list d-flex">${links.map(
    (link) => html`<li class="mr-4"><a href="${link.href}">${link.text}</a></li>`,
  )}</ul></nav>`;
}

function pager(t: Translator, links: { previous?: string | undefined; next?: string | undefined }): SafeHtml | string {
  if (!links.previous && !links.next) return '';
  return html`<nav aria-label="${t('actorOffers.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${
    links.previous ? html`<li class="mr-5"><a href="${links.previous}">${t('actorOffers.previous')}</a></li>` : ''
  }${links.next ? html`<li><a href="${links.next}">${t('actorOffers.next')}</a></li>` : ''}</ul></nav>`;
}

const listingName = (locale: Locale, row: { name_da: string | null; name_en: string | null }) =>
  (locale === 'en' ? (row.name_en ?? row.name_da) : row.name_da) ?? '';

/** The organisation's offers (those to come first, in pages) and its recommendations. */
export function renderActorOffers(
  ctx: PageContext,
  view: {
    organisation: ActingOrganisation;
    offers: ActorOfferRow[];
    hasNext: boolean;
    page: number;
    recommendations: ActorRecommendationRow[];
    notice?: MessageKey | undefined;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const title = t('actorOffers.title', { organisation: view.organisation.name });
  return renderPage(ctx, {
    title,
    body: html`${breadcrumb(t, [{ href: '/medarbejder', text: t('actorOffers.start') }])}
<h1>${title}</h1>
<p class="font-lead">${t('actorOffers.lead')}</p>
${flash(view.notice ? t(view.notice) : undefined)}
<h2>${t('actorOffers.offers')}</h2>
<p><a class="button button-primary" href="${ACTOR_OFFERS}/ny">${t('actorOffers.new')}</a></p>
${
  view.offers.length === 0
    ? html`<p>${t('actorOffers.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('actorOffers.offers')}</caption>
<thead><tr><th scope="col">${t('actorOffers.field.title')}</th><th scope="col">${t('actorOffers.when')}</th><th scope="col">${t('actorOffers.field.place')}</th><th scope="col">${t('actorOffers.status')}</th></tr></thead>
<tbody>${view.offers.map(
        (offer) => html`<tr>
<td><a href="${actorOfferPath(offer.id)}">${actorOfferTitle(ctx, offer)}</a></td>
<td>${formatPeriod(locale, offer.starts_at, offer.ends_at)}</td>
<td>${offer.place}</td>
<td>${t(statusText[statusOf(offer)])}</td>
</tr>`,
      )}</tbody></table></div>`
}
${pager(t, { previous: view.page > 1 ? `${ACTOR_OFFERS}?side=${view.page - 1}` : undefined, next: view.hasNext ? `${ACTOR_OFFERS}?side=${view.page + 1}` : undefined })}
<h2 id="recommendations-heading" class="mt-8">${t('actorOffers.recommendations')}</h2>
<p>${t('actorOffers.recommendationsLead')}</p>
<p><a class="button button-secondary" href="${ACTOR_RECOMMENDATIONS}/ny">${t('actorOffers.recommend')}</a></p>
${
  view.recommendations.length === 0
    ? html`<p>${t('actorOffers.noRecommendations')}</p>`
    : html`<ul class="nobullet-list" aria-labelledby="recommendations-heading">${view.recommendations.map((r) => {
        const note = locale === 'en' ? r.note_en : r.note_da;
        return html`<li class="mb-5"><p class="mb-2"><strong>${listingName(locale, r) || t('actorOffers.notLive')}</strong></p>${note ? html`<p class="mb-2">${note}</p>` : ''}
<form method="post" action="${ACTOR_RECOMMENDATIONS}/${r.listing_id}/fjern">${csrfField(ctx.csrfToken())}<button class="button button-tertiary" type="submit">${t('actorOffers.remove', { name: listingName(locale, r) || t('actorOffers.notLive') })}</button></form></li>`;
      })}</ul>`
}`,
  });
}

/** One offer: its details and the actions to change or cancel it. */
export function renderActorOffer(ctx: PageContext, offer: ActorOfferRow, notice: MessageKey | undefined): SafeHtml {
  const { t, locale } = ctx;
  const status = statusOf(offer);
  return renderPage(ctx, {
    title: actorOfferTitle(ctx, offer),
    body: html`${breadcrumb(t, [{ href: ACTOR_OFFERS, text: t('actorOffers.offers') }])}
<h1>${actorOfferTitle(ctx, offer)}</h1>
${flash(notice ? t(notice) : undefined)}
${status === 'cancelled' ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('actorOffers.cancelledText')}</p></div></div>` : ''}
<dl>
  <dt>${t('actorOffers.status')}</dt><dd>${t(statusText[status])}</dd>
  <dt>${t('actorOffers.when')}</dt><dd>${formatPeriod(locale, offer.starts_at, offer.ends_at)}</dd>
  <dt>${t('actorOffers.field.place')}</dt><dd>${offer.place}</dd>
  <dt>${t('actorOffers.field.url')}</dt><dd>${offer.url ? html`<a href="${offer.url}">${offer.url}</a>` : t('actorOffers.noUrl')}</dd>
  <dt>${t('actorOffers.field.titleDa')}</dt><dd>${offer.title_da}</dd>
  <dt>${t('actorOffers.field.titleEn')}</dt><dd>${offer.title_en}</dd>
  <dt>${t('actorOffers.field.descriptionDa')}</dt><dd class="preserve-lines">${offer.description_da}</dd>
  <dt>${t('actorOffers.field.descriptionEn')}</dt><dd class="preserve-lines">${offer.description_en}</dd>
</dl>
${
  status === 'cancelled'
    ? ''
    : html`<div class="mt-6 mb-6 d-flex flex-wrap">
  <a class="button button-secondary mr-5" href="${actorOfferPath(offer.id)}/rediger">${t('actorOffers.edit')}</a>
  <form method="post" action="${actorOfferPath(offer.id)}/aflys">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('actorOffers.cancel')}</button></form>
</div>`
}`,
  });
}

/** The form to create or change an offer, with what was typed and its messages. */
export function renderActorOfferForm(ctx: PageContext, form: ActorOfferForm): SafeHtml {
  const { t } = ctx;
  const v = form.values;
  const e = form.errors;
  return renderPage(ctx, {
    title: form.title,
    body: html`${breadcrumb(t, [{ href: ACTOR_OFFERS, text: t('actorOffers.offers') }])}
<h1>${form.title}</h1>
<p class="font-lead">${t('actorOffers.formLead')}</p>
${errorSummary(t, e)}
<form method="post" action="${form.action}" novalidate>
  ${csrfField(ctx.csrfToken())}${form.creating ? formTokenField(v) : ''}
  ${textField({ name: 'titleDa', label: t('actorOffers.field.titleDa'), value: v.titleDa, error: e.titleDa, maxLength: 120 })}
  ${textField({ name: 'titleEn', label: t('actorOffers.field.titleEn'), value: v.titleEn, error: e.titleEn, maxLength: 120 })}
  ${textArea({ name: 'descriptionDa', label: t('actorOffers.field.descriptionDa'), hint: t('actorOffers.descriptionHint'), value: v.descriptionDa, error: e.descriptionDa, maxLength: 4000, rows: 5 })}
  ${textArea({ name: 'descriptionEn', label: t('actorOffers.field.descriptionEn'), value: v.descriptionEn, error: e.descriptionEn, maxLength: 4000, rows: 5 })}
  ${textField({ name: 'place', label: t('actorOffers.field.place'), hint: t('actorOffers.placeHint'), value: v.place, error: e.place, maxLength: 200 })}
  ${dateFields(ctx, { name: 'startsAt', legend: t('actorOffers.field.startsAt'), hint: t('actorOffers.date.hint'), values: v, error: e.startsAt, withTime: true })}
  ${dateFields(ctx, { name: 'endsAt', legend: t('actorOffers.field.endsAt'), values: v, error: e.endsAt, withTime: true })}
  ${textField({ name: 'url', label: t('actorOffers.field.url'), hint: t('actorOffers.urlHint'), value: v.url, error: e.url, maxLength: 500, type: 'url', optional: true })}
  <button class="button button-primary" type="submit">${t('actorOffers.save')}</button>
</form>`,
  });
}

/** The form to recommend a live listing: a search narrowing the choices, the choice and an optional note. */
export function renderRecommendForm(
  ctx: PageContext,
  view: { query: string; choices: LiveListingChoice[]; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t, locale } = ctx;
  const e = view.errors;
  const title = t('actorOffers.recommendTitle');
  return renderPage(ctx, {
    title,
    body: html`${breadcrumb(t, [{ href: ACTOR_OFFERS, text: t('actorOffers.offers') }])}
<h1>${title}</h1>
<p class="font-lead">${t('actorOffers.recommendLead')}</p>
<form method="get" action="${ACTOR_RECOMMENDATIONS}/ny" role="search" class="mb-6">
  ${textField({ name: 'q', label: t('actorOffers.searchListings'), value: view.query, maxLength: 100, optional: true })}
  <button class="button button-secondary" type="submit">${t('actorOffers.search')}</button>
</form>
${errorSummary(t, e)}
${
  view.choices.length === 0
    ? html`<p>${t('actorOffers.noListings')}</p>`
    : html`<form method="post" action="${ACTOR_RECOMMENDATIONS}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${selectField({
    name: 'listingId',
    label: t('actorOffers.field.listing'),
    value: view.values.listingId,
    error: e.listingId,
    emptyLabel: t('actorOffers.chooseListing'),
    choices: view.choices.map((c) => ({ value: c.listing_id, label: `${locale === 'en' ? c.name_en : c.name_da} (${c.vendor_name})` })),
  })}
  ${textArea({ name: 'noteDa', label: t('actorOffers.field.noteDa'), hint: t('actorOffers.noteHint'), value: view.values.noteDa, error: e.noteDa, maxLength: 500, rows: 3, optional: true })}
  ${textArea({ name: 'noteEn', label: t('actorOffers.field.noteEn'), value: view.values.noteEn, error: e.noteEn, maxLength: 500, rows: 3, optional: true })}
  <button class="button button-primary" type="submit">${t('actorOffers.recommendSave')}</button>
</form>`
}`,
  });
}

// ---- The citizen's marketplace ----

function excerpt(text: string, max = 220): string {
  const first = text.split(/\r?\n/)[0] ?? '';
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

/**
 * The section of the citizen's marketplace with the offers of the a-kasse or other actor responsible for them, marked
 * with who offers them. Rendered once per load and language.
 */
export function renderActorMarketSection(language: { t: Translator; locale: Locale }, offer: ActorMarketOffer): SafeHtml | string {
  if (offer.offers.length === 0) return '';
  const { t, locale } = language;
  const key = `section:${locale}`;
  const kept = offer.derived.get(key);
  if (kept instanceof SafeHtml) return kept;
  const en = locale === 'en';
  const made = html`<section aria-labelledby="actor-offers-heading" class="mb-6">
<h2 id="actor-offers-heading">${t('actorOffers.market.title', { organisation: offer.organisationName })}</h2>
<p>${t('actorOffers.market.lead', { organisation: offer.organisationName })}</p>
<ul class="nobullet-list">${offer.offers.map(
    (item) => html`<li class="mb-5">
<p class="small-text mb-0"><strong>${t('actorOffers.market.label', { organisation: offer.organisationName })}</strong></p>
<h3 class="h4 mt-0">${en ? item.titleEn : item.titleDa}</h3>
<p>${excerpt(en ? item.descriptionEn : item.descriptionDa)}</p>
<p class="small-text">${formatPeriod(locale, item.startsAt, item.endsAt)} · ${item.place}</p>
${item.url ? html`<p><a href="${item.url}">${t('actorOffers.market.readMore', { organisation: offer.organisationName })}</a></p>` : ''}
</li>`,
  )}</ul>
</section>`;
  offer.derived.set(key, made);
  return made;
}
