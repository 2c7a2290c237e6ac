// The consent screen, "Mine samtykker" and its confirmation pages (DKFDS, Danish first, work without JavaScript).
import { formatDate, formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import type { DeletionStatus, LegalBasis } from '../../platform/db/schema.ts';
import { csrfField, errorSummary, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { ConsentRequest } from './consent.contract.ts';
import { MY_CONSENTS } from './consent.receipt.ts';
import type { MyConsentsFlash } from './consent.schemas.ts';
import type { ConsentView, ServiceConsents } from './consent.service.ts';
import type { DeletionRequestRow } from './consent.repository.ts';

/** How long a consent holds unless configured otherwise (CONSENT_VALIDITY_MONTHS). */
export const DEFAULT_VALIDITY_MONTHS = 12;

function addMonths(date: Date, months: number): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

export const consentPaths = {
  list: MY_CONSENTS,
  receipt: (id: string) => `${MY_CONSENTS}/${id}/kvittering`,
  withdraw: (id: string) => `${MY_CONSENTS}/${id}/traek-tilbage`,
  deletion: (id: string) => `${MY_CONSENTS}/${id}/slet`,
};

/** The legal basis in plain words, then its article. */
function legalBasisText(ctx: PageContext, basis: LegalBasis): SafeHtml {
  return html`${ctx.t(`consent.legalBasis.${basis}`)} <span class="form-hint">(${ctx.t(`legalBasis.${basis}`)})</span>`;
}

/**
 * The consent screen: the service and its vendor; per data category what data, why, on which legal basis; for how
 * long; how to withdraw; what declining means. Two buttons post `decision` (accepted / declined) to `form.action`.
 * `validityMonths` should be the configured CONSENT_VALIDITY_MONTHS; `changed` says the policy changed since the
 * citizen last answered.
 */
/**
 * What Back shows after the consent screen was answered: the interaction is used up (or expired), so instead of
 * "page not found" it says the answer is kept and offers the ways on.
 */
export function renderConsentAnswered(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('consent.answered.title'),
    body: html`<h1>${t('consent.answered.title')}</h1>
<p class="font-lead">${t('consent.answered.lead')}</p>
<ul>
  <li><a href="/borger/markedsplads">${t('consent.answered.marketplace')}</a></li>
  <li><a href="${MY_CONSENTS}">${t('consent.answered.myConsents')}</a></li>
</ul>`,
  });
}

export function renderConsentScreen(
  ctx: PageContext,
  request: ConsentRequest,
  form: { action: string; cancelUrl: string; errors?: FormErrors | undefined; validityMonths?: number | undefined; changed?: boolean | undefined },
): SafeHtml {
  const { t, locale } = ctx;
  const en = locale === 'en';
  const service = en ? request.listingNameEn : request.listingNameDa;
  const vendor = request.vendorName;
  const months = form.validityMonths ?? DEFAULT_VALIDITY_MONTHS;
  const errors = form.errors ?? {};
  const title = t('consent.screen.title', { service });
  return renderPage(ctx, {
    title,
    body: html`<div class="row"><div class="col-12 col-lg-9">
${errorSummary(t, errors)}
<h1>${title}</h1>
<p class="font-lead">${t('consent.screen.lead', { service, vendor })}</p>
${form.changed ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t('consent.screen.changed')}</p></div></div>` : ''}
<h2>${t('consent.screen.dataHeading')}</h2>
${
  request.categories.length === 0
    ? html`<p>${t('consent.screen.noData', { vendor })}</p>`
    : html`<ul class="nobullet-list">${request.categories.map(
        (category) => html`<li class="mb-5"><h3 class="h4">${en ? category.nameEn : category.nameDa}</h3>
<dl>
  <dt>${t('consent.screen.purpose')}</dt><dd>${en ? category.purposeEn : category.purposeDa}</dd>
  <dt>${t('consent.screen.legalBasis')}</dt><dd>${legalBasisText(ctx, category.legalBasis)}</dd>
</dl></li>`,
      )}</ul>`
}
<h2>${t('consent.screen.howLong')}</h2>
<p>${t('consent.screen.howLongText', { months, date: formatDate(locale, addMonths(new Date(), months)) })}</p>
<h2>${t('consent.screen.withdrawHeading')}</h2>
<p>${t('consent.screen.withdrawText', { vendor })} <a href="${MY_CONSENTS}">${t('consent.my.title')}</a>.</p>
<h2>${t('consent.screen.declineHeading')}</h2>
<p>${request.worksWithoutData ? t('consent.screen.declineWorks', { service }) : t('consent.screen.declineBlocks', { service })}</p>
<form method="post" action="${form.action}" novalidate class="mt-6">
  ${csrfField(ctx.csrfToken())}
  <div class="form-group${errors.decision ? ' form-error' : ''}" id="field-decision">
    ${errors.decision ? html`<span class="form-error-message" id="field-decision-error">${errors.decision}</span>` : ''}
    <p class="form-hint" id="field-decision-hint">${t('consent.screen.buttonsHint', { vendor })}</p>
    <button class="button button-primary mr-4 mb-4" type="submit" name="decision" value="accepted">${t('consent.screen.accept')}</button>
    <button class="button button-secondary mb-4" type="submit" name="decision" value="declined">${t('consent.screen.decline')}</button>
  </div>
</form>
<p><a href="${form.cancelUrl}">${t('consent.screen.cancel')}</a></p>
</div></div>`,
  });
}

function statusText(ctx: PageContext, consent: ConsentView): string {
  const { t, locale } = ctx;
  if (consent.status === 'withdrawn') return t('consent.status.withdrawn', { date: formatDate(locale, consent.withdrawn_at ?? consent.given_at) });
  if (consent.status === 'superseded') return t('consent.status.superseded');
  if (consent.decision === 'declined') return t('consent.status.declined');
  if (consent.expired) return t('consent.status.expired');
  return t('consent.status.active');
}

function deletionText(ctx: PageContext, request: DeletionRequestRow, vendor: { email: string; phone: string }): string {
  const { t } = ctx;
  return t(`consent.deletion.status.${request.status satisfies DeletionStatus}`, {
    email: vendor.email,
    phone: vendor.phone,
    reference: request.vendor_reference ?? '',
  });
}

function categoriesList(ctx: PageContext, consent: ConsentView): SafeHtml {
  const en = ctx.locale === 'en';
  if (consent.categories.length === 0) return html`${ctx.t('consent.my.noData')}`;
  return html`<ul class="mt-0">${consent.categories.map(
    (c) => html`<li><strong>${en ? c.name_en : c.name_da}</strong>: ${en ? c.purpose_en : c.purpose_da} — ${ctx.t(`consent.legalBasis.${c.legal_basis}`)}</li>`,
  )}</ul>`;
}

function currentDecision(ctx: PageContext, service: ServiceConsents, consent: ConsentView, name: string): SafeHtml {
  const { t, locale } = ctx;
  const accepted = consent.decision === 'accepted';
  return html`<dl>
  <dt>${t('consent.my.status')}</dt><dd>${statusText(ctx, consent)}</dd>
  <dt>${accepted ? t('consent.my.categories') : t('consent.my.declinedCategories')}</dt><dd>${categoriesList(ctx, consent)}</dd>
  <dt>${t('consent.my.given')}</dt><dd>${formatDateTime(locale, consent.given_at)}</dd>
  <dt>${t('consent.my.validUntil')}</dt><dd>${formatDate(locale, consent.valid_until)}</dd>
</dl>
<ul class="nobullet-list">
  ${consent.has_receipt ? html`<li><a href="${consentPaths.receipt(consent.id)}" download>${t('consent.my.receipt')}<span class="sr-only"> (${name})</span></a></li>` : ''}
  <li><a href="${consentPaths.withdraw(consent.id)}">${accepted ? t('consent.my.withdraw') : t('consent.my.forget')}<span class="sr-only"> (${name})</span></a></li>
  ${service.deletable ? html`<li><a href="${consentPaths.deletion(service.deletable)}">${t('consent.my.requestDeletion')}<span class="sr-only"> (${name})</span></a></li>` : ''}
</ul>`;
}

const flashKeys: Record<MyConsentsFlash, MessageKey> = {
  withdrawn: 'consent.flash.withdrawn',
  forgotten: 'consent.flash.forgotten',
  deletion_requested: 'consent.flash.deletionRequested',
};

/** "Mine samtykker": per service the current decision (with its receipt, withdrawal and deletion), past ones, and deletion requests. */
export function renderMyConsents(ctx: PageContext, services: ServiceConsents[], flash: MyConsentsFlash | undefined): SafeHtml {
  const { t, locale } = ctx;
  const en = locale === 'en';
  return renderPage(ctx, {
    title: t('consent.my.title'),
    body: html`<h1>${t('consent.my.title')}</h1>
<p class="font-lead">${t('consent.my.lead')}</p>
${flash ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(flashKeys[flash])}</p></div></div>` : ''}
${
  services.length === 0
    ? html`<p>${t('consent.my.empty')}</p><p><a href="/borger/markedsplads">${t('consent.my.toMarketplace')}</a></p>`
    : services.map((service) => {
        const name = (en ? service.nameEn : service.nameDa) ?? service.nameDa ?? service.nameEn ?? '';
        return html`<section class="mt-7" aria-labelledby="service-${service.listingId}">
<h2 id="service-${service.listingId}">${name}</h2>
<p>${t('consent.my.vendor')}: ${service.vendorName}</p>
${service.current ? currentDecision(ctx, service, service.current, name) : html`<p>${t('consent.my.noCurrent')}</p>${service.deletable ? html`<p><a href="${consentPaths.deletion(service.deletable)}">${t('consent.my.requestDeletion')}<span class="sr-only"> (${name})</span></a></p>` : ''}`}
${
  service.deletionRequests.length > 0
    ? html`<h3 class="h5">${t('consent.my.deletionRequests')}</h3><ul>${service.deletionRequests.map(
        (request) =>
          html`<li>${t(`consent.deletion.reason.${request.reason}`)}, ${formatDateTime(locale, request.requested_at)}: ${deletionText(ctx, request, { email: service.vendorEmail, phone: service.vendorPhone })}</li>`,
      )}</ul>`
    : ''
}
${
  service.past.length > 0
    ? html`<h3 class="h5">${t('consent.my.past')}</h3><div class="table--responsive-scroll"><table class="table table--compact">
<caption class="sr-only">${t('consent.my.pastCaption', { service: name })}</caption>
<thead><tr><th scope="col">${t('consent.my.decision')}</th><th scope="col">${t('consent.my.categories')}</th><th scope="col">${t('consent.my.given')}</th><th scope="col">${t('consent.my.validUntil')}</th><th scope="col">${t('consent.my.status')}</th><th scope="col">${t('consent.my.receiptColumn')}</th></tr></thead>
<tbody>${service.past.map(
        (consent) =>
          html`<tr><td>${t(`consent.decision.${consent.decision}`)}</td><td>${consent.categories.map((c) => (en ? c.name_en : c.name_da)).join(', ') || '—'}</td><td>${formatDateTime(locale, consent.given_at)}</td><td>${formatDate(locale, consent.valid_until)}</td><td>${statusText(ctx, consent)}</td><td>${
            consent.has_receipt
              ? html`<a href="${consentPaths.receipt(consent.id)}" download>${t('consent.my.receiptShort')}<span class="sr-only"> ${formatDateTime(locale, consent.given_at)}</span></a>`
              : '—'
          }</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
</section>`;
      })
}`,
  });
}

/** The confirmation before withdrawing (or forgetting a "no"), or before asking the vendor to delete. */
export function renderConfirm(ctx: PageContext, consent: ConsentView, kind: 'withdraw' | 'forget' | 'deletion', errors: FormErrors = {}): SafeHtml {
  const { t } = ctx;
  const en = ctx.locale === 'en';
  const service = (en ? consent.name_en : consent.name_da) ?? consent.name_da ?? consent.name_en ?? '';
  const vendor = consent.vendor_name;
  const title = t(`consent.confirm.${kind}.title`, { service, vendor });
  const action = kind === 'deletion' ? consentPaths.deletion(consent.id) : consentPaths.withdraw(consent.id);
  return renderPage(ctx, {
    title,
    body: html`<nav aria-label="${t('shell.breadcrumb')}"><a href="${MY_CONSENTS}">${t('consent.my.title')}</a></nav>
${errorSummary(t, errors)}
<h1>${title}</h1>
<p class="font-lead">${t(`consent.confirm.${kind}.text`, { service, vendor })}</p>
${kind === 'withdraw' ? html`<p>${t('consent.confirm.withdraw.deletion', { vendor })}</p>` : ''}
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx.csrfToken())}
  <div class="form-group${errors.confirm ? ' form-error' : ''}">
    ${errors.confirm ? html`<span class="form-error-message" id="field-confirm-error">${errors.confirm}</span>` : ''}
    <div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="field-confirm" name="confirm" value="yes"${errors.confirm ? html` aria-invalid="true" aria-describedby="field-confirm-error"` : ''}>
      <label for="field-confirm">${t(`consent.confirm.${kind}.check`, { service, vendor })}</label>
    </div>
  </div>
  <button class="button button-primary" type="submit">${t(`consent.confirm.${kind}.submit`)}</button>
</form>
<p class="mt-5"><a href="${MY_CONSENTS}">${t('consent.confirm.cancel')}</a></p>`,
  });
}
