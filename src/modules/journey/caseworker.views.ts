// How the caseworker's pages look: the escalations, one escalation, the purpose form, and a citizen's journey.
import { formatCalendarDate, formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import { readPurposeText, renderLookupForm } from '../identity/index.ts';
import type { CitizenJourneyView, CitizenList, EscalationList } from './caseworker.service.ts';
import { activityTitle, escalationReasonsForStaff, nameOf, offerName, renderProfileFacts, sourceText, statusLabel } from './journey.views.ts';
import type { EscalationListRow } from './journey.repository.ts';
import { renderCaseloadTabs } from './caseload.views.ts';
import { copenhagenDate } from '../../platform/time.ts';

const citizenPath = (citizenId: string) => `/medarbejder/borgere/${citizenId}`;

function escalationStatus(ctx: PageContext, escalation: EscalationListRow): string {
  const { t } = ctx;
  if (escalation.status === 'in_progress') return t('journey.escalation.status.in_progress', { who: escalation.assignee_name ?? '' });
  return t(`journey.escalation.status.${escalation.status}`);
}

function contactBy(ctx: PageContext, escalation: EscalationListRow): SafeHtml {
  const overdue = escalation.status !== 'closed' && escalation.contact_by < copenhagenDate(new Date());
  return html`${formatCalendarDate(ctx.locale, escalation.contact_by, { weekday: true })}${overdue ? html` <strong>(${ctx.t('journey.escalation.overdue')})</strong>` : ''}`;
}

const reasonList = (ctx: PageContext, escalation: EscalationListRow) =>
  html`<ul class="mt-0 mb-0">${escalationReasonsForStaff(ctx.t, escalation.reasons).map((reason) => html`<li>${reason}</li>`)}</ul>`;

/** The municipality's escalations: not closed (open first, by contact date, paged) and the latest closed. */
export function renderEscalationList(ctx: PageContext, list: EscalationList, flash: 'taget' | 'lukket' | undefined): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('journey.escalations.title')}</h1>
<p class="font-lead">${t('journey.escalations.lead')}</p>
${flash ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(flash === 'taget' ? 'journey.escalation.flash.taken' : 'journey.escalation.flash.closed')}</p></div></div>` : ''}
${
  list.active.length === 0
    ? html`<p>${t('journey.escalations.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('journey.escalations.title')}</caption>
<thead><tr><th scope="col">${t('journey.escalations.citizen')}</th><th scope="col">${t('journey.escalations.reasons')}</th><th scope="col">${t('journey.escalations.contactBy')}</th><th scope="col">${t('journey.escalations.status')}</th></tr></thead>
<tbody>${list.active.map(
        (e) =>
          html`<tr><td><a href="/medarbejder/henvendelser/${e.id}">${e.citizen_name}</a></td><td>${reasonList(ctx, e)}</td><td>${contactBy(ctx, e)}</td><td>${escalationStatus(ctx, e)}</td></tr>`,
      )}</tbody></table></div>`
}
${list.nextCursor ? html`<p><a href="/medarbejder/henvendelser?cursor=${list.nextCursor}">${t('journey.escalations.more')}</a></p>` : ''}
<h2 class="mt-7">${t('journey.escalations.closed')}</h2>
${
  list.closed.length === 0
    ? html`<p>${t('journey.escalations.noneClosed')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--compact">
<caption class="sr-only">${t('journey.escalations.closed')}</caption>
<thead><tr><th scope="col">${t('journey.escalations.citizen')}</th><th scope="col">${t('journey.escalations.reasons')}</th><th scope="col">${t('journey.escalations.closedAt')}</th><th scope="col">${t('journey.escalation.note')}</th></tr></thead>
<tbody>${list.closed.map(
        (e) =>
          html`<tr><td><a href="/medarbejder/henvendelser/${e.id}">${e.citizen_name}</a></td><td>${reasonList(ctx, e)}</td><td>${e.closed_at ? formatDateTime(ctx.locale, e.closed_at) : ''}</td><td class="preserve-lines">${e.note ?? ''}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

const notResponsibleAlert = (ctx: PageContext) =>
  html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${ctx.t('journey.citizen.notResponsible')}</p></div></div>`;

/**
 * "Mine borgere", its tab of the citizens the organisation helped before (until when; read-only), by name a page at a
 * time; each opens the citizen's page, which asks for the purpose first. The other tabs are the caseload
 * (caseload.views.ts). Below, the CPR look-up.
 */
export function renderEarlierCitizens(ctx: PageContext, list: CitizenList, options: { limit: number; organisationName: string }): SafeHtml {
  const { t } = ctx;
  const more = list.nextCursor
    ? `/medarbejder/borgere?vis=tidligere&${new URLSearchParams({ cursor: list.nextCursor, ...(options.limit === 25 ? {} : { limit: String(options.limit) }) }).toString()}`
    : undefined;
  return html`<h1>${t('journey.citizens.title')}</h1>
<p class="font-lead">${t('journey.citizens.leadBefore')}</p>
<p>${t('journey.citizens.organisation')}: <strong>${danishText(ctx, options.organisationName)}</strong></p>
${renderCaseloadTabs(ctx, 'tidligere')}
${
  list.items.length === 0
    ? html`<p>${t('journey.citizens.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('journey.citizens.title')}: ${t('journey.citizens.tabBefore')}</caption>
<thead><tr><th scope="col">${t('journey.citizens.citizen')}</th><th scope="col">${t('journey.citizens.until')}</th></tr></thead>
<tbody>${list.items.map(
        (c) => html`<tr><td><a href="${citizenPath(c.id)}">${c.full_name}</a></td><td>${c.until ? formatCalendarDate(ctx.locale, c.until) : '—'}</td></tr>`,
      )}</tbody></table></div>`
}
${more ? html`<p><a href="${more}">${t('journey.citizens.more')}</a></p>` : ''}
<section aria-labelledby="cpr-opslag" class="mt-7">
<h2 id="cpr-opslag">${t('journey.citizens.lookup')}</h2>
<p>${t('lookup.lead')}</p>
${renderLookupForm(ctx, {}, {})}
</section>`;
}

/** The small form that opens a citizen's profile and plan with a stated purpose (a GET: it reads, and the purpose is logged). */
function purposeForm(ctx: PageContext, citizenId: string, options: { value?: string | undefined; error?: string | undefined; submit: string }): SafeHtml {
  const { t } = ctx;
  return html`<form method="get" action="${citizenPath(citizenId)}" novalidate>
  ${textField({ name: 'purpose', label: t('journey.purpose.label'), hint: t('journey.purpose.hint'), value: options.value, error: options.error, maxLength: 500 })}
  <button class="button button-primary" type="submit">${options.submit}</button>
</form>`;
}

/** One escalation: who, why, by when, its state; take it, close it with a note, or open the citizen's journey. */
export function renderEscalation(
  ctx: PageContext,
  escalation: EscalationListRow & { responsible: boolean },
  options: { values: Record<string, string>; errors: FormErrors; taken?: boolean },
): SafeHtml {
  const { t } = ctx;
  // Another organisation now helping the citizen: it is read here, not taken or closed.
  const open = escalation.status !== 'closed' && escalation.responsible;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/henvendelser">${t('journey.escalations.title')}</a></nav>
<h1>${t('journey.escalation.title', { name: escalation.citizen_name })}</h1>
${options.taken ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('journey.escalation.flash.taken')}</p></div></div>` : ''}
${escalation.responsible ? '' : notResponsibleAlert(ctx)}
${errorSummary(t, options.errors)}
<dl class="journey-facts">
  <dt>${t('journey.escalations.reasons')}</dt><dd>${reasonList(ctx, escalation)}</dd>
  <dt>${t('journey.escalations.contactBy')}</dt><dd>${contactBy(ctx, escalation)}</dd>
  <dt>${t('journey.escalations.status')}</dt><dd>${escalationStatus(ctx, escalation)}</dd>
  <dt>${t('journey.escalation.created')}</dt><dd>${formatDateTime(ctx.locale, escalation.created_at)}</dd>
  ${escalation.note ? html`<dt>${t('journey.escalation.note')}</dt><dd class="preserve-lines">${escalation.note}</dd>` : ''}
</dl>
${
  open && escalation.status === 'open'
    ? html`<form method="post" action="/medarbejder/henvendelser/${escalation.id}/tag" class="mt-6">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('journey.escalation.take')}</button></form>`
    : ''
}
<section aria-labelledby="open-journey" class="mt-7">
<h2 id="open-journey">${t('journey.escalation.openJourney')}</h2>
<p>${t('journey.purpose.lead')}</p>
${purposeForm(ctx, escalation.citizen_id, { value: t('journey.escalation.defaultPurpose'), submit: t('journey.purpose.submit') })}
</section>
${
  open
    ? html`<section aria-labelledby="close-heading" class="mt-7">
<h2 id="close-heading">${t('journey.escalation.closeTitle')}</h2>
<form method="post" action="/medarbejder/henvendelser/${escalation.id}/luk" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textArea({ name: 'note', label: t('journey.escalation.noteLabel'), hint: t('journey.escalation.noteHint'), value: options.values.note, error: options.errors.note, maxLength: 4000, rows: 4 })}
  <button class="button button-secondary" type="submit">${t('journey.escalation.close')}</button>
</form>
</section>`
    : ''
}`;
}

const dateField = (ctx: PageContext, options: { value?: string | undefined; error?: string | undefined }) => {
  const { t } = ctx;
  const describedBy = ['field-dueOn-hint', options.error ? 'field-dueOn-error' : ''].filter(Boolean).join(' ');
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  <label class="form-label" for="field-dueOn">${t('journey.citizen.add.due')}</label>
  <span class="form-hint" id="field-dueOn-hint">${t('journey.citizen.add.dueHint')}</span>
  ${options.error ? html`<span class="form-error-message" id="field-dueOn-error">${options.error}</span>` : ''}
  <input class="form-input input-width-s" type="date" id="field-dueOn" name="dueOn" value="${options.value ?? ''}" aria-describedby="${describedBy}"${options.error ? html` aria-invalid="true"` : ''}>
</div>`;
};

type JourneyFormOptions = { values: Record<string, string>; errors: FormErrors };

/** The citizen's target group as text, for staff of an organisation that no longer helps the citizen. */
function targetGroupText(ctx: PageContext, view: CitizenJourneyView): SafeHtml {
  const group = view.taxonomies.targetGroups.find((g) => g.code === view.profile?.target_group);
  return html`<p>${ctx.t('journey.citizen.targetGroup')}: ${group ? nameOf(ctx, group) : ctx.t('journey.profile.targetGroupNotSet')}</p>`;
}

/** The form setting the citizen's target group (visitation). */
function targetGroupForm(ctx: PageContext, view: CitizenJourneyView, options: JourneyFormOptions): SafeHtml {
  const { t } = ctx;
  const e = options.errors;
  return html`<form method="post" action="${citizenPath(view.citizen.id)}" class="mt-4" novalidate>
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="action" value="set_target_group">
  ${selectField({
    name: 'targetGroup',
    label: t('journey.citizen.targetGroup'),
    hint: t('journey.citizen.targetGroupHint'),
    value: options.values.targetGroup ?? view.profile?.target_group ?? '',
    error: e.targetGroup,
    choices: view.taxonomies.targetGroups.map((g) => ({ value: g.code, label: nameOf(ctx, g) })),
    emptyLabel: t('form.choose'),
  })}
  <button class="button button-secondary" type="submit">${t('journey.citizen.targetGroupSave')}</button>
</form>`;
}

/** The form recommending or assigning one of the offers of the citizen's municipality. */
function addActivitySection(ctx: PageContext, view: CitizenJourneyView, options: JourneyFormOptions): SafeHtml {
  const { t } = ctx;
  const e = options.errors;
  const listings = view.offers.filter((o) => o.kind === 'listing');
  const localOffers = view.offers.filter((o) => o.kind === 'local_offer');
  const selected = options.values.item ?? '';
  const option = (value: string, label: string) => html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
  return html`<section aria-labelledby="add-heading" class="mt-7">
<h2 id="add-heading">${t('journey.citizen.add.title')}</h2>
${
  view.offers.length === 0
    ? html`<p>${t('journey.citizen.add.noOffers')}</p>`
    : html`<form method="post" action="${citizenPath(view.citizen.id)}" novalidate>
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="action" value="add_activity">
  <div class="form-group${e.item ? ' form-error' : ''}">
    <label class="form-label" for="field-item">${t('journey.citizen.add.item')}</label>
    ${e.item ? html`<span class="form-error-message" id="field-item-error">${e.item}</span>` : ''}
    <select class="form-select" id="field-item" name="item"${e.item ? html` aria-invalid="true" aria-describedby="field-item-error"` : ''}>
      <option value="">${t('form.choose')}</option>
      ${listings.length > 0 ? html`<optgroup label="${t('journey.citizen.add.services')}">${listings.map((o) => option(`listing:${o.id}`, offerName(ctx, o)))}</optgroup>` : ''}
      ${
        localOffers.length > 0
          ? html`<optgroup label="${t('journey.citizen.add.localOffers', { service: view.service })}">${localOffers.map((o) => option(`local_offer:${o.id}`, `${offerName(ctx, o)} (${o.startsAt ? formatDateTime(ctx.locale, o.startsAt) : ''})`))}</optgroup>`
          : ''
      }
    </select>
  </div>
  ${radioGroup({
    name: 'source',
    legend: t('journey.citizen.add.source'),
    value: options.values.source,
    error: e.source,
    choices: [
      { value: 'recommended', label: t('journey.citizen.add.recommended') },
      { value: 'assigned', label: t('journey.citizen.add.assigned') },
    ],
  })}
  ${dateField(ctx, { value: options.values.dueOn, error: e.dueOn })}
  ${textArea({ name: 'note', label: t('journey.citizen.add.note'), value: options.values.note, error: e.note, maxLength: 2000, rows: 3, optional: true })}
  <button class="button button-primary" type="submit">${t('journey.citizen.add.submit')}</button>
</form>`
}
</section>`;
}

/**
 * A citizen's journey as the caseworker sees it, with the forms to set the target group and to add an activity — or,
 * for staff of an organisation that no longer helps the citizen, read-only and saying so.
 */
export function renderCitizenJourney(
  ctx: PageContext,
  view: CitizenJourneyView,
  options: { flash?: 'aktivitet' | 'maalgruppe' | undefined; values: Record<string, string>; errors: FormErrors; sections?: readonly SafeHtml[] },
): SafeHtml {
  const { t } = ctx;
  const e = options.errors;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/borgere">${t('journey.citizens.title')}</a></nav>
<h1>${view.citizen.full_name}</h1>
${view.responsible ? '' : notResponsibleAlert(ctx)}
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('journey.citizen.logged', { purpose: readPurposeText(ctx.locale, view.purpose) })}</p></div></div>
${options.flash ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(options.flash === 'aktivitet' ? 'journey.citizen.flash.activity' : 'journey.citizen.flash.targetGroup')}</p></div></div>` : ''}
${errorSummary(t, e)}
${
  view.escalation
    ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('journey.citizen.escalation', { date: formatCalendarDate(ctx.locale, view.escalation.contact_by, { weekday: true }) })} <a href="/medarbejder/henvendelser/${view.escalation.id}">${t('journey.citizen.seeEscalation')}</a></p></div></div>`
    : ''
}
<section aria-labelledby="profile-heading" class="mt-6">
<h2 id="profile-heading">${t('journey.citizen.profile')}</h2>
<p>${t('journey.citizen.cpr')}: ${view.citizen.cpr_number.slice(0, 6)}-${view.citizen.cpr_number.slice(6)}</p>
${view.profile?.screened_at ? renderProfileFacts(ctx, view.profile, view.taxonomies, view.service) : html`<p>${t('journey.citizen.notScreened')}</p>`}
${view.responsible ? targetGroupForm(ctx, view, options) : targetGroupText(ctx, view)}
</section>
<section aria-labelledby="plan-heading" class="mt-7">
<h2 id="plan-heading">${t('journey.citizen.plan')}</h2>
${
  view.plan.length === 0
    ? html`<p>${t('journey.citizen.planEmpty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('journey.citizen.plan')}</caption>
<thead><tr><th scope="col">${t('journey.citizen.activity')}</th><th scope="col">${t('journey.plan.source')}</th><th scope="col">${t('journey.plan.status')}</th><th scope="col">${t('journey.plan.due')}</th></tr></thead>
<tbody>${view.plan.map(
        (a) =>
          html`<tr><td>${activityTitle(ctx, a)}${a.note ? html`<br><span class="small-text preserve-lines">${a.note}</span>` : ''}</td><td>${a.source === 'chosen' ? t('journey.source.chosenByCitizen') : sourceText(t, a, view.service)}</td><td>${statusLabel(t, a.status, a.progress)}</td><td>${a.due_on ? formatCalendarDate(ctx.locale, a.due_on, { weekday: true }) : '—'}</td></tr>`,
      )}</tbody></table></div>`
}
<p><a href="/medarbejder/borgere/${view.citizen.id}/tidslinje">${t('timeline.caseworker.link')}</a></p>
<p><a href="/medarbejder/borgere/${view.citizen.id}/jobforslag">${t('jobs.suggestion.caseworker.link')}</a></p>
</section>
${[...(options.sections ?? [])]}
${view.responsible ? addActivitySection(ctx, view, options) : ''}`;
}
