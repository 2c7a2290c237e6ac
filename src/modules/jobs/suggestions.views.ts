// How job suggestions look: the citizen's list with an answer form on each (its fields named after the suggestion, so
// every id on the page is its own), the caseworker's purpose question, and the caseworker's page with the suggestions
// sent and their answers and a job search whose every ad has a note field and "Foreslå jobbet".
import { formatCalendarDate, formatDateTime, formatNumber, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, dateFields, errorSummary, radioGroup, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import type { JobSuggestionAnswer } from './jobs.tables.ts';
import type { SuggestionRow } from './suggestions.repository.ts';
import { answerFieldsOf, noteFieldOf, suggestionAnswers } from './suggestions.schemas.ts';
import type { CitizenSuggestionsView, OwnSuggestionsView, SuggestionSearch } from './suggestions.service.ts';
import { readPurposeText } from '../identity/index.ts';

const answerChoice = {
  applied: 'jobs.suggestion.answer.applied',
  not_relevant: 'jobs.suggestion.answer.notRelevant',
  will_apply: 'jobs.suggestion.answer.willApply',
} as const satisfies Record<JobSuggestionAnswer, MessageKey>;

/** A field's element id, as the form components make it (so an error without its field still has its anchor). */
const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const success = (text: string) => html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;

/** What the citizen answered, as one line: "Søger jobbet senest 24. marts 2027", with the reason where there is one. */
function answerText(ctx: PageContext, s: Pick<SuggestionRow, 'answer' | 'answer_reason' | 'apply_by'>): SafeHtml {
  const { t } = ctx;
  if (s.answer === 'applied') return html`${t('jobs.suggestion.status.applied')}`;
  if (s.answer === 'will_apply') return html`${t('jobs.suggestion.status.willApply', { date: s.apply_by ? formatCalendarDate(ctx.locale, s.apply_by) : '' })}`;
  if (s.answer === 'not_relevant')
    return html`${t('jobs.suggestion.status.notRelevant')}${s.answer_reason ? html`: <span class="preserve-lines">${danishText(ctx, s.answer_reason)}</span>` : ''}`;
  return html`${t('jobs.suggestion.status.none')}`;
}

function adFacts(ctx: PageContext, s: Pick<SuggestionRow, 'employer_name' | 'town' | 'deadline'>): SafeHtml {
  return html`${danishText(ctx, s.employer_name)}, ${danishText(ctx, s.town)} · ${ctx.t('jobs.suggestion.deadline', { date: formatCalendarDate(ctx.locale, s.deadline) })}`;
}

/**
 * The link to the citizen's job suggestions, with how many wait for an answer: on "Min jobrejse", and for the job
 * search page (message key 'jobs.suggestion.link').
 */
export function renderJobSuggestionsLink(ctx: PageContext, open: number): SafeHtml {
  const { t } = ctx;
  return html`<p><a href="/borger/job/forslag">${t('jobs.suggestion.link')}</a>${
    open > 0 ? html` <span class="badge badge-large">${t('jobs.suggestion.linkOpen', { count: formatNumber(ctx.locale, open) })}</span>` : ''
  }</p>`;
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's page

/** The values an answer form shows: what was typed (after a refusal of this form), else the saved answer. */
function answerValues(s: SuggestionRow, submitted: Record<string, string>): Record<string, string> {
  if (submitted.forslag === s.id) return submitted;
  const fields = answerFieldsOf(s.id);
  const [year = '', month = '', day = ''] = s.apply_by ? s.apply_by.split('-') : [];
  return {
    [fields.answer]: s.answer ?? '',
    [fields.reason]: s.answer_reason ?? '',
    [`${fields.applyBy}Day`]: day ? String(Number(day)) : '',
    [`${fields.applyBy}Month`]: month ? String(Number(month)) : '',
    [`${fields.applyBy}Year`]: year,
  };
}

function answerForm(ctx: PageContext, s: SuggestionRow, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const { t } = ctx;
  const fields = answerFieldsOf(s.id);
  return html`<form method="post" action="/borger/job/forslag" novalidate class="mt-4">
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="forslag" value="${s.id}">
  ${radioGroup({
    name: fields.answer,
    legend: t('jobs.suggestion.answer.legend'),
    value: values[fields.answer],
    error: errors[fields.answer],
    choices: suggestionAnswers.map((answer) => ({ value: answer, label: t(answerChoice[answer]) })),
  })}
  ${textArea({
    name: fields.reason,
    label: t('jobs.suggestion.reason'),
    hint: t('jobs.suggestion.reasonHint'),
    value: values[fields.reason],
    error: errors[fields.reason],
    optional: true,
    maxLength: 500,
    rows: 3,
  })}
  ${dateFields(ctx, { name: fields.applyBy, legend: t('jobs.suggestion.applyBy'), hint: t('jobs.suggestion.applyByHint'), values, error: errors[fields.applyBy] })}
  <button class="button button-primary" type="submit">${t('jobs.suggestion.submit')}<span class="sr-only"> (${s.title})</span></button>
</form>`;
}

function ownSuggestion(ctx: PageContext, s: SuggestionRow, form: { values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { t } = ctx;
  const fields = answerFieldsOf(s.id);
  const failed = [fields.answer, fields.reason, fields.applyBy].some((field) => form.errors[field]);
  const values = answerValues(s, form.values);
  const title = s.advertised ? html`<a href="/borger/job/${encodeURIComponent(s.ad_id)}">${s.title}</a>` : s.title;
  return html`<li class="card mb-5" id="forslag-${s.id}"><div class="card-content">
<h2 class="h3 card-heading">${title}</h2>
<p class="mb-0">${adFacts(ctx, s)}</p>
${s.advertised ? '' : html`<p class="small-text mt-1 mb-0">${t('jobs.suggestion.expired')}</p>`}
<p class="small-text mt-2">${t('jobs.suggestion.from', { date: formatDateTime(ctx.locale, s.created_at), who: s.sent_by, organisation: s.organisation_name })}</p>
${s.note ? html`<p><strong>${t('jobs.suggestion.note')}</strong> <span class="preserve-lines">${danishText(ctx, s.note)}</span></p>` : ''}
${
  s.answer
    ? html`<p><strong>${t('jobs.suggestion.yourAnswer')}</strong> ${answerText(ctx, s)}${s.answered_at ? html` <span class="small-text">(${t('jobs.suggestion.answeredAt', { at: formatDateTime(ctx.locale, s.answered_at) })})</span>` : ''}</p>
<details${failed ? html` open` : ''}><summary>${t('jobs.suggestion.change')}<span class="sr-only"> (${s.title})</span></summary>${answerForm(ctx, s, values, form.errors)}</details>`
    : html`<p><span class="badge badge-large">${t('jobs.suggestion.waiting')}</span></p>${answerForm(ctx, s, values, form.errors)}`
}
</div></li>`;
}

/** The citizen's job suggestions (/borger/job/forslag): those waiting for an answer first, each with its answer form. */
export function renderOwnSuggestions(
  ctx: PageContext,
  view: OwnSuggestionsView,
  options: { saved: boolean; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/borger/jobrejse">${t('nav.citizen.journey')}</a></nav>
<h1>${t('jobs.suggestion.title')}</h1>
<p class="font-lead">${t('jobs.suggestion.lead')}</p>
${options.saved ? success(t('jobs.suggestion.saved')) : ''}
${errorSummary(t, options.errors)}
${
  view.suggestions.length === 0
    ? html`<p>${t('jobs.suggestion.none')}</p><p><a href="/borger/job">${t('jobs.suggestion.noneNext')}</a></p>`
    : html`<ol class="nobullet-list mt-6">${view.suggestions.map((s) => ownSuggestion(ctx, s, options))}</ol>`
}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The caseworker's pages

function sentTable(ctx: PageContext, suggestions: SuggestionRow[]): SafeHtml {
  const { t } = ctx;
  if (suggestions.length === 0) return html`<p>${t('jobs.suggestion.caseworker.sentNone')}</p>`;
  return html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('jobs.suggestion.caseworker.sentHeading')}</caption>
<thead><tr><th scope="col">${t('jobs.suggestion.caseworker.job')}</th><th scope="col">${t('jobs.suggestion.caseworker.sentBy')}</th><th scope="col">${t('jobs.suggestion.caseworker.answer')}</th></tr></thead>
<tbody>${suggestions.map(
    (s) =>
      html`<tr><td>${s.advertised ? html`<a href="/job/${encodeURIComponent(s.ad_id)}">${s.title}</a>` : s.title}<br><span class="small-text">${adFacts(ctx, s)}</span>${s.advertised ? '' : html`<br><span class="small-text">${t('jobs.suggestion.expired')}</span>`}${s.note ? html`<br><span class="small-text preserve-lines">${danishText(ctx, s.note)}</span>` : ''}</td><td>${t('jobs.suggestion.caseworker.sentByText', { date: formatDateTime(ctx.locale, s.created_at), who: s.sent_by })}<br><span class="small-text">${s.organisation_name}</span></td><td>${answerText(ctx, s)}${s.answered_at ? html`<br><span class="small-text">${t('jobs.suggestion.answeredAt', { at: formatDateTime(ctx.locale, s.answered_at) })}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

type SuggestForm = { values: Record<string, string>; errors: FormErrors };

function searchSection(
  ctx: PageContext,
  view: CitizenSuggestionsView,
  search: { query: { q?: string | undefined; sted?: string | undefined }; result: SuggestionSearch | undefined; errors: FormErrors },
  form: SuggestForm,
): SafeHtml {
  const { t } = ctx;
  const action = `/medarbejder/borgere/${view.citizen.id}/jobforslag`;
  const suggested = new Map(view.suggestions.map((s) => [s.ad_id, s]));
  const rows = search.result?.rows ?? [];
  // The ads whose form is on the page; an error about any other (an ad gone, one already suggested) gets its own anchor.
  const withForm = new Set(rows.filter((ad) => !suggested.has(ad.ad_id)).map((ad) => noteFieldOf(ad.ad_id)));
  const orphans = Object.entries(form.errors).filter(([field]) => !withForm.has(field) && field !== 'purpose');
  const hidden = html`${search.query.q ? html`<input type="hidden" name="q" value="${search.query.q}">` : ''}${
    search.query.sted ? html`<input type="hidden" name="sted" value="${search.query.sted}">` : ''
  }`;
  const adForm = (ad: (typeof rows)[number]) => {
    const noteField = noteFieldOf(ad.ad_id);
    const failed = form.values.adId === ad.ad_id;
    return html`<form method="post" action="${action}" novalidate class="mt-3">
  ${csrfField(ctx.csrfToken())}${formTokenField(failed ? form.values : undefined)}<input type="hidden" name="action" value="suggest"><input type="hidden" name="adId" value="${ad.ad_id}">${hidden}
  ${textArea({
    name: noteField,
    label: t('jobs.suggestion.caseworker.note'),
    hint: t('jobs.suggestion.caseworker.noteHint'),
    value: failed ? form.values[noteField] : undefined,
    error: form.errors[noteField],
    optional: true,
    maxLength: 1000,
    rows: 3,
  })}
  <button class="button button-primary" type="submit">${t('jobs.suggestion.caseworker.suggest')}<span class="sr-only"> (${ad.title})</span></button>
</form>`;
  };
  const results = search.result
    ? rows.length === 0
      ? html`<p>${t('jobs.suggestion.caseworker.resultsNone')}</p>`
      : html`<p class="mt-5"><strong>${t('jobs.suggestion.caseworker.results', { shown: formatNumber(ctx.locale, rows.length), count: formatNumber(ctx.locale, search.result.total) })}</strong></p>
<ol class="nobullet-list">${rows.map((ad) => {
          const earlier = suggested.get(ad.ad_id);
          return html`<li class="card mb-5"><div class="card-content">
<h3 class="h4 card-heading"><a href="/job/${encodeURIComponent(ad.ad_id)}">${ad.title}</a></h3>
<p class="mb-0">${adFacts(ctx, ad)}</p>
${earlier ? html`<p class="mt-2"><strong>${t('jobs.suggestion.caseworker.alreadySent', { date: formatDateTime(ctx.locale, earlier.created_at) })}</strong></p>` : adForm(ad)}
</div></li>`;
        })}</ol>`
    : '';
  return html`<section aria-labelledby="search-heading" class="mt-7">
<h2 id="search-heading">${t('jobs.suggestion.caseworker.searchHeading')}</h2>
<p>${t('jobs.suggestion.caseworker.searchLead')}</p>
<form method="get" action="${action}" novalidate>
  ${textField({ name: 'q', label: t('jobs.suggestion.caseworker.query'), hint: t('jobs.suggestion.caseworker.queryHint'), value: search.query.q, error: search.errors.q, optional: true, maxLength: 200 })}
  ${textField({ name: 'sted', label: t('jobs.suggestion.caseworker.place'), hint: t('jobs.suggestion.caseworker.placeHint'), value: search.query.sted, error: search.errors.sted, optional: true, maxLength: 100 })}
  <button class="button button-secondary" type="submit">${t('jobs.suggestion.caseworker.search')}</button>
</form>
${orphans.map(([field, message]) => html`<div class="form-group form-error mt-5" id="${fieldId(field)}"><span class="form-error-message">${message}</span></div>`)}
${results}
</section>`;
}

/**
 * A citizen's job suggestions for the caseworker, opened for a purpose (written to the citizen's Min Log): those sent
 * with the citizen's answers, and — while the organisation is responsible for the citizen — a job search to suggest from.
 */
export function renderCitizenSuggestions(
  ctx: PageContext,
  view: CitizenSuggestionsView,
  options: {
    sent: boolean;
    search: { query: { q?: string | undefined; sted?: string | undefined }; result: SuggestionSearch | undefined; errors: FormErrors };
    form: SuggestForm;
  },
): SafeHtml {
  const { t } = ctx;
  const back = `/medarbejder/borgere/${view.citizen.id}`;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="${back}">${t('jobs.suggestion.caseworker.back')}</a></nav>
<h1>${t('jobs.suggestion.caseworker.title', { name: view.citizen.full_name })}</h1>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('jobs.suggestion.caseworker.logged', { purpose: readPurposeText(ctx.locale, view.purpose) })}</p></div></div>
${options.sent ? success(t('jobs.suggestion.caseworker.sent')) : ''}
${errorSummary(t, { ...options.form.errors, ...options.search.errors })}
${view.responsible ? '' : html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t('jobs.suggestion.caseworker.notResponsible')}</p></div></div>`}
<section aria-labelledby="sent-heading" class="mt-6">
<h2 id="sent-heading">${t('jobs.suggestion.caseworker.sentHeading')}</h2>
${sentTable(ctx, view.suggestions)}
</section>
${view.responsible ? searchSection(ctx, view, options.search, options.form) : ''}`;
}
