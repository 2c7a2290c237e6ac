// How the workspace's local offers look: the list, each offer, who signed up (and, once it started, who came), and
// the form to create or change one.
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatDateTime, formatNumber, formatPeriod, type MessageKey } from '../../platform/i18n/index.ts';
import {
  checkboxGroup,
  csrfField,
  errorSummary,
  radioGroup,
  selectField,
  textArea,
  textField,
  type FormErrors,
  dateFields,
} from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { AttendanceCounts, CurationTaxonomies, LocalOfferListRow, LocalOfferRow, SignupRow } from './curation.repository.ts';
import { localOfferKinds } from './curation.schemas.ts';
import { flash, labelOf, nameIn, pager } from './curation.views.ts';
import { SIGNUPS_PAGE_SIZE, type AttendanceState } from './local-offers.service.ts';

/** Where the workspace's local offers live. */
export const OFFERS = '/kommune/tilbud';
/** An offer's page. */
export const offerPath = (offerId: string) => `${OFFERS}/${offerId}`;

/** An offer form's values: texts, and the lists of its checkboxes. */
export type OfferFormValues = { text: Record<string, string>; targetGroups: string[]; languages: string[]; signupRequired: boolean };
/** The offer form as shown: where it posts, its heading, what it holds, and its messages. */
export type OfferForm = { action: string; title: string; values: OfferFormValues; errors: FormErrors };

type OfferStatus = 'cancelled' | 'past' | 'running' | 'upcoming';

function statusOf(offer: LocalOfferRow, now = new Date()): OfferStatus {
  if (offer.cancelled_at) return 'cancelled';
  if (offer.ends_at <= now) return 'past';
  return offer.starts_at <= now ? 'running' : 'upcoming';
}

function places(ctx: PageContext, offer: LocalOfferRow, taken: number): string {
  if (!offer.signup_required) return ctx.t('curation.offer.noSignup');
  return ctx.t('curation.offer.placesTaken', { taken: formatNumber(ctx.locale, taken), capacity: formatNumber(ctx.locale, offer.capacity ?? 0) });
}

/** An offer's title in the reader's language. */
export const titleOf = (ctx: PageContext, offer: LocalOfferRow) => (ctx.locale === 'en' ? offer.title_en : offer.title_da);

/** The local offers with when, where and places taken, in pages. */
export function renderOffers(
  ctx: PageContext,
  header: SafeHtml,
  view: { offers: LocalOfferListRow[]; hasNext: boolean; page: number; taxonomies: CurationTaxonomies; notice?: MessageKey | undefined },
): SafeHtml {
  const { t, locale } = ctx;
  return renderPage(ctx, {
    title: t('curation.offers.title'),
    body: html`${header}
<h1>${t('curation.offers.title')}</h1>
<p class="font-lead">${t('curation.offers.lead')}</p>
${flash(view.notice ? t(view.notice) : undefined)}
<p><a class="button button-primary" href="${OFFERS}/ny">${t('curation.offers.new')}</a></p>
${
  view.offers.length === 0
    ? html`<p>${t('curation.offers.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('curation.offers.title')}</caption>
<thead><tr><th scope="col">${t('curation.offer.title')}</th><th scope="col">${t('curation.field.kind')}</th><th scope="col">${t('curation.offer.when')}</th><th scope="col">${t('curation.field.place')}</th><th scope="col">${t('curation.offer.places')}</th><th scope="col">${t('curation.offer.status')}</th></tr></thead>
<tbody>${view.offers.map(
        (offer) => html`<tr>
<td><a href="${offerPath(offer.id)}">${titleOf(ctx, offer)}</a></td>
<td>${t(`curation.kind.${offer.kind}`)}</td>
<td>${formatPeriod(locale, offer.starts_at, offer.ends_at)}</td>
<td>${offer.place}</td>
<td>${places(ctx, offer, offer.taken)}</td>
<td>${t(`curation.offer.status.${statusOf(offer)}`)}</td>
</tr>`,
      )}</tbody></table></div>`
}
${pager(ctx, { previous: view.page > 1 ? `${OFFERS}?side=${view.page - 1}` : undefined, next: view.hasNext ? `${OFFERS}?side=${view.page + 1}` : undefined })}`,
  });
}

/** One local offer: its details, the actions to change or cancel it, and its sign-ups' count. */
export function renderOffer(
  ctx: PageContext,
  header: SafeHtml,
  offer: LocalOfferRow & { taken: number },
  taxonomies: CurationTaxonomies,
  notice: MessageKey | undefined,
): SafeHtml {
  const { t, locale } = ctx;
  const status = statusOf(offer);
  const list = (codes: string[], entries: CurationTaxonomies['languages']) => codes.map((code) => labelOf(locale, entries, code)).join(', ');
  return renderPage(ctx, {
    title: titleOf(ctx, offer),
    body: html`${header}
<nav aria-label="${t('shell.breadcrumb')}"><a href="${OFFERS}">${t('curation.offers.title')}</a></nav>
<h1>${titleOf(ctx, offer)}</h1>
${flash(notice ? t(notice) : undefined)}
${status === 'cancelled' ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('curation.offer.cancelledText')}</p></div></div>` : ''}
<dl>
  <dt>${t('curation.offer.status')}</dt><dd>${t(`curation.offer.status.${status}`)}</dd>
  <dt>${t('curation.field.kind')}</dt><dd>${t(`curation.kind.${offer.kind}`)}</dd>
  <dt>${t('curation.offer.when')}</dt><dd>${formatPeriod(locale, offer.starts_at, offer.ends_at)}</dd>
  <dt>${t('curation.field.place')}</dt><dd>${offer.place}</dd>
  <dt>${t('curation.offer.places')}</dt><dd>${places(ctx, offer, offer.taken)}</dd>
  <dt>${t('curation.field.journeyStage')}</dt><dd>${offer.journey_stage ? labelOf(locale, taxonomies.journeyStages, offer.journey_stage) : t('curation.offer.anyStage')}</dd>
  <dt>${t('curation.field.targetGroups')}</dt><dd>${offer.target_groups.length > 0 ? list(offer.target_groups, taxonomies.targetGroups) : t('curation.offer.everyone')}</dd>
  <dt>${t('curation.field.languages')}</dt><dd>${list(offer.languages, taxonomies.languages)}</dd>
  <dt>${t('curation.field.titleDa')}</dt><dd>${offer.title_da}</dd>
  <dt>${t('curation.field.titleEn')}</dt><dd>${offer.title_en}</dd>
  <dt>${t('curation.field.descriptionDa')}</dt><dd class="preserve-lines">${offer.description_da}</dd>
  <dt>${t('curation.field.descriptionEn')}</dt><dd class="preserve-lines">${offer.description_en}</dd>
</dl>
${
  status === 'cancelled'
    ? ''
    : html`<div class="mt-6 mb-6 d-flex flex-wrap">
  <a class="button button-secondary mr-5" href="${offerPath(offer.id)}/rediger">${t('curation.offer.edit')}</a>
  <form method="post" action="${offerPath(offer.id)}/aflys">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('curation.offer.cancel')}</button></form>
</div>`
}
${
  offer.signup_required
    ? html`<section aria-labelledby="signups-heading" class="mt-6">
<h2 id="signups-heading">${t('curation.signups.title')}</h2>
<p>${t('curation.signups.count', { count: offer.taken })}</p>
<p>${t('curation.signups.logged')}</p>
<p><a href="${offerPath(offer.id)}/deltagere">${t('curation.signups.show')}</a></p>
</section>`
    : ''
}`,
  });
}

/** The participant list's address, at a page (the first when none), with a notice to show there. */
export function signupsPath(offerId: string, page = 1, notice?: string): string {
  const query = [page > 1 ? `side=${page}` : '', notice ? `besked=${notice}` : ''].filter(Boolean).join('&');
  return `${offerPath(offerId)}/deltagere${query ? `?${query}` : ''}`;
}

/** The participant list as shown: a page of who signed up, attendance so far, and the attendance form's state. */
export type SignupsView = {
  offer: LocalOfferRow;
  signups: SignupRow[];
  taken: number;
  hasNext: boolean;
  page: number;
  attendance: { state: AttendanceState; counts: AttendanceCounts };
  notice?: MessageKey | undefined;
  /** The attendance form sent back: what was chosen (`attended.<citizen id>`) and its field messages. */
  form?: { values: Record<string, string>; errors: FormErrors } | undefined;
};

function attendanceCounts(ctx: PageContext, counts: AttendanceCounts): SafeHtml {
  const n = (value: number) => formatNumber(ctx.locale, value);
  return html`<p>${ctx.t('curation.attendance.counts', { attended: n(counts.attended), absent: n(counts.absent), unrecorded: n(counts.unrecorded) })}</p>`;
}

/** One participant on the attendance form: came or not, as sent back or as recorded. */
function attendanceChoice(ctx: PageContext, signup: SignupRow, form: SignupsView['form']): SafeHtml {
  const name = `attended.${signup.citizen_id}`;
  const recorded = signup.attended === null ? undefined : signup.attended ? 'ja' : 'nej';
  return radioGroup({
    name,
    legend: signup.full_name ?? '',
    value: form ? form.values[name] : recorded,
    error: form?.errors[name],
    choices: [
      { value: 'ja', label: ctx.t('curation.attendance.attended') },
      { value: 'nej', label: ctx.t('curation.attendance.absent') },
    ],
  });
}

/** Who signed up for an offer, in pages; once it has started (and is not cancelled), a form to record who came. */
export function renderSignups(ctx: PageContext, header: SafeHtml, view: SignupsView): SafeHtml {
  const { t } = ctx;
  const { offer, attendance } = view;
  const title = t('curation.signups.pageTitle', { title: titleOf(ctx, offer) });
  const start = String((view.page - 1) * SIGNUPS_PAGE_SIZE + 1);
  const recording = attendance.state === 'open' && view.signups.length > 0;
  const errors = view.form?.errors ?? {};
  const movedAway = t('curation.signups.movedAway');
  return renderPage(ctx, {
    title,
    body: html`${header}
<nav aria-label="${t('shell.breadcrumb')}"><a href="${offerPath(offer.id)}">${titleOf(ctx, offer)}</a></nav>
<h1>${title}</h1>
${errorSummary(t, errors, { attendance: t('curation.attendance.title') })}
${flash(view.notice ? t(view.notice) : undefined)}
<p class="font-lead">${t('curation.signups.lead')}</p>
<p>${t('curation.signups.count', { count: view.taken })}</p>
${
  attendance.state === 'not_started' && view.taken > 0
    ? html`<p>${t('curation.attendance.notStarted', { start: formatDateTime(ctx.locale, offer.starts_at) })}</p>`
    : attendance.state === 'cancelled' || view.taken === 0
      ? ''
      : html`<h2>${t('curation.attendance.title')}</h2>${attendanceCounts(ctx, attendance.counts)}`
}
${
  view.signups.length === 0
    ? ''
    : recording
      ? html`<form method="post" action="${signupsPath(offer.id, view.page)}" novalidate>
  ${csrfField(ctx.csrfToken())}
  <p>${t('curation.attendance.lead')}</p>
  <ol class="signups" start="${start}" id="field-attendance" tabindex="-1">${view.signups.map(
    (s) => html`<li>${s.full_name === null ? movedAway : attendanceChoice(ctx, s, view.form)}</li>`,
  )}</ol>
  <button class="button button-primary" type="submit">${t('curation.attendance.save')}</button>
</form>`
      : html`<ol class="signups" start="${start}">${view.signups.map((s) => html`<li>${s.full_name ?? movedAway}</li>`)}</ol>`
}
${pager(ctx, {
  previous: view.page > 1 ? signupsPath(offer.id, view.page - 1) : undefined,
  next: view.hasNext ? signupsPath(offer.id, view.page + 1) : undefined,
})}`,
  });
}

/** The form to create or change a local offer, with what was typed and its messages. */
export function renderOfferForm(ctx: PageContext, header: SafeHtml, form: OfferForm, taxonomies: CurationTaxonomies): SafeHtml {
  const { t, locale } = ctx;
  const { text } = form.values;
  const e = form.errors;
  const choices = (entries: CurationTaxonomies['languages']) => entries.map((entry) => ({ value: entry.code, label: nameIn(locale, entry) }));
  return renderPage(ctx, {
    title: form.title,
    body: html`${header}
<nav aria-label="${t('shell.breadcrumb')}"><a href="${OFFERS}">${t('curation.offers.title')}</a></nav>
<h1>${form.title}</h1>
<p class="font-lead">${t('curation.offer.formLead')}</p>
${errorSummary(t, e)}
<form method="post" action="${form.action}" novalidate>
  ${csrfField(ctx.csrfToken())}${form.action === OFFERS ? formTokenField(text) : ''}
  ${radioGroup({ name: 'kind', legend: t('curation.field.kind'), value: text.kind, error: e.kind, choices: localOfferKinds.map((kind) => ({ value: kind, label: t(`curation.kind.${kind}`) })) })}
  ${textField({ name: 'titleDa', label: t('curation.field.titleDa'), value: text.titleDa, error: e.titleDa, maxLength: 120 })}
  ${textField({ name: 'titleEn', label: t('curation.field.titleEn'), value: text.titleEn, error: e.titleEn, maxLength: 120 })}
  ${textArea({ name: 'descriptionDa', label: t('curation.field.descriptionDa'), hint: t('curation.offer.descriptionHint'), value: text.descriptionDa, error: e.descriptionDa, maxLength: 4000, rows: 5 })}
  ${textArea({ name: 'descriptionEn', label: t('curation.field.descriptionEn'), value: text.descriptionEn, error: e.descriptionEn, maxLength: 4000, rows: 5 })}
  ${textField({ name: 'place', label: t('curation.field.place'), hint: t('curation.offer.placeHint'), value: text.place, error: e.place, maxLength: 200 })}
  ${dateFields(ctx, { name: 'startsAt', legend: t('curation.field.startsAt'), hint: t('curation.date.momentHint'), values: text, error: e.startsAt, withTime: true })}
  ${dateFields(ctx, { name: 'endsAt', legend: t('curation.field.endsAt'), values: text, error: e.endsAt, withTime: true })}
  ${checkboxGroup({ name: 'signupRequired', legend: t('curation.field.signup'), values: form.values.signupRequired ? ['ja'] : [], error: e.signupRequired, choices: [{ value: 'ja', label: t('curation.field.signupRequired') }] })}
  ${textField({ name: 'capacity', label: t('curation.field.capacity'), hint: t('curation.offer.capacityHint'), value: text.capacity, error: e.capacity, maxLength: 6, optional: true })}
  ${selectField({ name: 'journeyStage', label: t('curation.field.journeyStage'), value: text.journeyStage, error: e.journeyStage, choices: choices(taxonomies.journeyStages), emptyLabel: t('curation.offer.anyStage') })}
  ${checkboxGroup({ name: 'targetGroups', legend: t('curation.field.targetGroups'), hint: t('curation.offer.targetGroupsHint'), values: form.values.targetGroups, error: e.targetGroups, choices: choices(taxonomies.targetGroups) })}
  ${checkboxGroup({ name: 'languages', legend: t('curation.field.languages'), values: form.values.languages, error: e.languages, choices: choices(taxonomies.languages) })}
  <button class="button button-primary" type="submit">${t('curation.offer.save')}</button>
</form>`,
  });
}
