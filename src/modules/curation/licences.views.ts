// How the workspace's licences look: the list with seat use and the form to record one, and each licence's page.
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatCalendarDate, formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { csrfField, errorSummary, selectField, textField, type FormErrors, dateFields } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { LicenceRow, ListingChoiceRow } from './curation.repository.ts';
import { flash, formatKroner, nameIn, pager, seatUse } from './curation.views.ts';

/** Where the workspace's licences live. */
export const LICENCES = '/kommune/licenser';
/** A licence's page. */
export const licencePath = (licenceId: string) => `${LICENCES}/${licenceId}`;

/** What was typed into a licence form, and its messages. */
export type LicenceForm = { values: Record<string, string>; errors: FormErrors };

type LicenceStatus = 'active' | 'expired' | 'upcoming';

function statusOf(licence: LicenceRow, today: string): LicenceStatus {
  if (licence.valid_to < today) return 'expired';
  return licence.valid_from > today ? 'upcoming' : 'active';
}

const period = (ctx: PageContext, licence: LicenceRow) =>
  `${formatCalendarDate(ctx.locale, licence.valid_from)} – ${formatCalendarDate(ctx.locale, licence.valid_to)}`;
const listingName = (ctx: PageContext, licence: LicenceRow) =>
  nameIn(ctx.locale, { name_da: licence.listing_name_da, name_en: licence.listing_name_en }) || ctx.t('curation.unnamed');

/** The agreement's fields (the listing only when recording a new one). */
function licenceFields(ctx: PageContext, form: LicenceForm, choices: ListingChoiceRow[] | undefined): SafeHtml {
  const { t, locale } = ctx;
  const v = form.values;
  const e = form.errors;
  return html`${
    choices
      ? selectField({
          name: 'listingId',
          label: t('curation.field.listing'),
          hint: t('curation.licence.listingHint'),
          value: v.listingId,
          error: e.listingId,
          choices: choices.map((c) => ({ value: c.listing_id, label: nameIn(locale, c) })),
          emptyLabel: t('form.choose'),
        })
      : ''
  }
  ${textField({ name: 'seats', label: t('curation.field.seats'), hint: t('curation.licence.seatsHint'), value: v.seats, error: e.seats, maxLength: 9 })}
  ${dateFields(ctx, { name: 'validFrom', legend: t('curation.field.validFrom'), hint: t('curation.date.dateHint'), values: v, error: e.validFrom })}
  ${dateFields(ctx, { name: 'validTo', legend: t('curation.field.validTo'), values: v, error: e.validTo })}
  ${textField({ name: 'priceDkk', label: t('curation.field.priceDkk'), hint: t('curation.licence.priceHint'), value: v.priceDkk, error: e.priceDkk, maxLength: 30 })}
  ${textField({ name: 'budgetHolder', label: t('curation.field.budgetHolder'), hint: t('curation.licence.budgetHolderHint'), value: v.budgetHolder, error: e.budgetHolder, maxLength: 200 })}`;
}

/** The licences with seat use, pages of them, and the form to record a new one. */
export function renderLicences(
  ctx: PageContext,
  header: SafeHtml,
  view: {
    licences: LicenceRow[];
    hasNext: boolean;
    today: string;
    page: number;
    notice?: MessageKey | undefined;
    form: LicenceForm;
    choices: ListingChoiceRow[];
  },
): SafeHtml {
  const { t, locale } = ctx;
  return renderPage(ctx, {
    title: t('curation.licences.title'),
    body: html`${header}
<h1>${t('curation.licences.title')}</h1>
<p class="font-lead">${t('curation.licences.lead')}</p>
${flash(view.notice ? t(view.notice) : undefined)}
${
  view.licences.length === 0
    ? html`<p>${t('curation.licences.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('curation.licences.title')}</caption>
<thead><tr><th scope="col">${t('curation.field.listing')}</th><th scope="col">${t('curation.licence.period')}</th><th scope="col">${t('curation.licence.seats')}</th><th scope="col">${t('curation.field.priceDkk')}</th><th scope="col">${t('curation.field.budgetHolder')}</th><th scope="col">${t('curation.licence.status')}</th></tr></thead>
<tbody>${view.licences.map(
        (licence) => html`<tr>
<td><a href="${licencePath(licence.id)}">${listingName(ctx, licence)}</a></td>
<td>${period(ctx, licence)}</td>
<td>${seatUse(ctx, licence.seats_used, licence.seats)}</td>
<td>${formatKroner(locale, licence.price_dkk)}</td>
<td>${licence.budget_holder}</td>
<td>${t(`curation.licence.status.${statusOf(licence, view.today)}`)}</td>
</tr>`,
      )}</tbody></table></div>`
}
${pager(ctx, { previous: view.page > 1 ? `${LICENCES}?side=${view.page - 1}` : undefined, next: view.hasNext ? `${LICENCES}?side=${view.page + 1}` : undefined })}
<section aria-labelledby="licence-form-heading" class="mt-6" id="licence-form">
<h2 id="licence-form-heading">${t('curation.licences.add')}</h2>
${
  view.choices.length === 0
    ? html`<p>${t('curation.licences.enableFirst')} <a href="/kommune/katalog">${t('curation.catalogue.title')}</a></p>`
    : html`${errorSummary(t, view.form.errors)}
<form method="post" action="${LICENCES}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(view.form.values)}
  ${licenceFields(ctx, view.form, view.choices)}
  <button class="button button-primary" type="submit">${t('curation.licences.submit')}</button>
</form>`
}
</section>`,
  });
}

/** One licence and the form to change it. */
export function renderLicence(ctx: PageContext, header: SafeHtml, licence: LicenceRow, view: { notice?: MessageKey | undefined; form: LicenceForm }): SafeHtml {
  const { t, locale } = ctx;
  const name = listingName(ctx, licence);
  const title = t('curation.licence.title', { name });
  return renderPage(ctx, {
    title,
    body: html`${header}
<nav aria-label="${t('shell.breadcrumb')}"><a href="${LICENCES}">${t('curation.licences.title')}</a></nav>
<h1>${title}</h1>
${flash(view.notice ? t(view.notice) : undefined)}
<dl>
  <dt>${t('curation.field.listing')}</dt><dd><a href="/kommune/katalog/${licence.listing_id}">${name}</a></dd>
  <dt>${t('curation.licence.period')}</dt><dd>${period(ctx, licence)}</dd>
  <dt>${t('curation.licence.status')}</dt><dd>${t(`curation.licence.status.${statusOf(licence, copenhagenDate())}`)}</dd>
  <dt>${t('curation.licence.seats')}</dt><dd><strong>${seatUse(ctx, licence.seats_used, licence.seats)}</strong></dd>
  <dt>${t('curation.field.priceDkk')}</dt><dd>${formatKroner(locale, licence.price_dkk)}</dd>
  <dt>${t('curation.field.budgetHolder')}</dt><dd>${licence.budget_holder}</dd>
  <dt>${t('curation.licence.recorded')}</dt><dd>${formatDateTime(locale, licence.created_at)}</dd>
</dl>
<section aria-labelledby="licence-edit-heading" class="mt-6">
<h2 id="licence-edit-heading">${t('curation.licence.edit')}</h2>
${errorSummary(t, view.form.errors)}
<form method="post" action="${licencePath(licence.id)}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${licenceFields(ctx, view.form, undefined)}
  <button class="button button-primary" type="submit">${t('curation.licence.save')}</button>
</form>
</section>`,
  });
}
