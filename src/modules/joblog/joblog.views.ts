// How the Joblog page looks: whether we may forward (agree / withdraw), the citizen's own entry form, and their
// registrations with when each landed in Joblog.
import { formatCalendarDate, formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, dateFields, errorSummary, radioGroup, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import type { RegistrationRow } from './joblog.repository.ts';
import { joblogKinds } from './joblog.schemas.ts';
import type { JoblogView } from './joblog.service.ts';
import type { JoblogKind, JoblogStatus } from './joblog.tables.ts';

const kindText = {
  application: 'joblog.kind.application',
  'job-interview': 'joblog.kind.jobInterview',
  network: 'joblog.kind.network',
  other: 'joblog.kind.other',
} as const satisfies Record<JoblogKind, MessageKey>;

const statusText = {
  pending: 'joblog.status.pending',
  failed: 'joblog.status.failed',
  cancelled: 'joblog.status.cancelled',
} as const satisfies Record<Exclude<JoblogStatus, 'registered'>, MessageKey>;

/** Where a registration stands, as the citizen reads it: "Registreret i Joblog 3. december 2026 kl. 14.05" when it landed. */
export function registrationStatusText(ctx: PageContext, row: Pick<RegistrationRow, 'status' | 'registered_at'>): string {
  if (row.status === 'registered' && row.registered_at) return ctx.t('joblog.registeredAt', { at: formatDateTime(ctx.locale, row.registered_at) });
  return ctx.t(statusText[row.status === 'registered' ? 'pending' : row.status]);
}

export type JoblogFlash = 'samtykke' | 'tilbagekaldt' | 'registrering' | undefined;

const flashText = {
  samtykke: 'joblog.flash.agreed',
  tilbagekaldt: 'joblog.flash.withdrawn',
  registrering: 'joblog.flash.registered',
} as const satisfies Record<Exclude<JoblogFlash, undefined>, MessageKey>;

function agreementSection(ctx: PageContext, view: JoblogView): SafeHtml {
  const { t } = ctx;
  const { agreement } = view;
  const state = agreement?.consented_at
    ? html`<p>${t('joblog.agreement.given', { at: formatDateTime(ctx.locale, agreement.consented_at) })}</p>
<form method="post" action="/borger/joblog/samtykke/tilbagekald">${csrfField(ctx.csrfToken())}<p class="form-hint">${t('joblog.agreement.withdrawHint')}</p><button class="button button-secondary" type="submit">${t('joblog.agreement.withdraw')}</button></form>`
    : agreement?.legal_basis
      ? html`<p>${t('joblog.agreement.legalBasis')} ${danishText(ctx, agreement.legal_basis)}</p>`
      : html`<p>${t('joblog.agreement.explain')}</p>
<form method="post" action="/borger/joblog/samtykke">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('joblog.agreement.agree')}</button></form>`;
  return html`<section aria-labelledby="agreement-heading" class="mt-7">
<h2 id="agreement-heading">${t('joblog.agreement.heading')}</h2>
${state}
</section>`;
}

function formSection(ctx: PageContext, view: JoblogView, form: { values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { t } = ctx;
  const e = form.errors;
  if (!view.basis)
    return html`<section aria-labelledby="form-heading" class="mt-7"><h2 id="form-heading">${t('joblog.form.heading')}</h2><p>${t('joblog.form.needsAgreement')}</p></section>`;
  return html`<section aria-labelledby="form-heading" class="mt-7">
<h2 id="form-heading">${t('joblog.form.heading')}</h2>
${errorSummary(t, e)}
<form method="post" action="/borger/joblog" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(form.values)}
  ${radioGroup({ name: 'kind', legend: t('joblog.form.kind'), choices: joblogKinds.map((kind) => ({ value: kind, label: t(kindText[kind]) })), value: form.values.kind, error: e.kind })}
  ${textField({ name: 'jobTitle', label: t('joblog.form.jobTitle'), hint: t('joblog.form.jobTitleHint'), value: form.values.jobTitle, error: e.jobTitle, optional: true, maxLength: 200 })}
  ${textField({ name: 'employer', label: t('joblog.form.employer'), value: form.values.employer, error: e.employer, maxLength: 200, autocomplete: 'organization' })}
  ${dateFields(ctx, { name: 'activityOn', legend: t('joblog.form.date'), hint: t('joblog.form.dateHint'), values: form.values, error: e.activityOn })}
  <button class="button button-primary" type="submit">${t('joblog.form.submit')}</button>
</form>
</section>`;
}

function listSection(ctx: PageContext, view: JoblogView): SafeHtml {
  const { t } = ctx;
  const rows = view.registrations;
  return html`<section aria-labelledby="list-heading" class="mt-7">
<h2 id="list-heading">${t('joblog.list.heading')}</h2>
${
  rows.length === 0
    ? html`<p>${t('joblog.list.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('joblog.list.heading')}</caption>
<thead><tr><th scope="col">${t('joblog.list.activity')}</th><th scope="col">${t('joblog.list.date')}</th><th scope="col">${t('joblog.list.status')}</th></tr></thead>
<tbody>${rows.map(
        (row) =>
          html`<tr><td>${t(kindText[row.kind])}: ${row.job_title ? html`${danishText(ctx, row.job_title)}, ` : ''}${danishText(ctx, row.employer)}${row.source === 'event' ? html` <span class="small-text">(${t('joblog.list.fromService')})</span>` : ''}</td><td>${formatCalendarDate(ctx.locale, row.activity_on)}</td><td>${registrationStatusText(ctx, row)}</td></tr>`,
      )}</tbody></table></div>`
}
<p class="mt-5"><a href="/borger/tidslinje">${t('joblog.timelineLink')}</a></p>
</section>`;
}

/** The Joblog page: may we forward (and the way to say yes or take it back), the citizen's own entry form, what was registered. */
export function renderJoblog(
  ctx: PageContext,
  view: JoblogView,
  options: { flash?: JoblogFlash; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('joblog.title')}</h1>
<p class="font-lead">${t('joblog.lead')}</p>
${options.flash ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(flashText[options.flash])}</p></div></div>` : ''}
${agreementSection(ctx, view)}
${formSection(ctx, view, options)}
${listSection(ctx, view)}`;
}
