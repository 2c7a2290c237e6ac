// The organisations pages: governance's a-kasser (list, add, edit, deactivate) and a municipality's other actors
// (its contracts, registering one, a contract's dates, ending it) with its employment service's name. DKFDS, Danish
// first, plain forms that work without JavaScript.
import { formatCalendarDate, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, errorSummary, textField, type FormErrors, dateFields } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { ActorWorkspace, Contract, Organisation } from './organisations.service.ts';

export const AKASSER = '/faellesskab/a-kasser';
export const akassePath = (id: string) => `${AKASSER}/${id}`;
export const ACTORS = '/kommune/aktoerer';
export const actorPath = (id: string) => `${ACTORS}/${id}`;
export const EMPLOYMENT_SERVICE = `${ACTORS}/beskaeftigelsesindsats`;

/** What a form shows: what was typed (or is stored) and the field messages. */
export type FormState = { values: Record<string, string>; errors: FormErrors };
export const emptyForm: FormState = { values: {}, errors: {} };

function flash(text: string | undefined): SafeHtml | string {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : '';
}

function notice(ctx: PageContext, key: MessageKey | undefined): SafeHtml | string {
  return flash(key ? ctx.t(key) : undefined);
}

function pager(ctx: PageContext, links: { previous?: string | undefined; next?: string | undefined }): SafeHtml | string {
  if (!links.previous && !links.next) return '';
  return html`<nav aria-label="${ctx.t('organisations.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${
    links.previous ? html`<li class="mr-5"><a href="${links.previous}">${ctx.t('organisations.previous')}</a></li>` : ''
  }${links.next ? html`<li><a href="${links.next}">${ctx.t('organisations.next')}</a></li>` : ''}</ul></nav>`;
}

/** Name, CVR number and contact: the fields an a-kasse's form and an actor's registration share. */
function detailFields(ctx: PageContext, form: FormState): SafeHtml {
  const { t } = ctx;
  const { values, errors } = form;
  return html`${textField({ name: 'name', label: t('organisations.field.name'), value: values.name, error: errors.name, maxLength: 200, autocomplete: 'organization' })}
${textField({ name: 'cvr', label: t('organisations.field.cvr'), hint: t('organisations.field.cvrHint'), value: values.cvr, error: errors.cvr, maxLength: 11, autocomplete: 'off' })}
${textField({ name: 'phone', label: t('organisations.field.phone'), value: values.phone, error: errors.phone, maxLength: 40, optional: true, autocomplete: 'tel' })}
${textField({ name: 'email', label: t('organisations.field.email'), value: values.email, error: errors.email, maxLength: 200, optional: true, type: 'email', autocomplete: 'email' })}
${textField({ name: 'website', label: t('organisations.field.website'), hint: t('organisations.field.websiteHint'), value: values.website, error: errors.website, maxLength: 300, optional: true, type: 'url', autocomplete: 'url' })}`;
}

function contractDateFields(ctx: PageContext, form: FormState): SafeHtml {
  const { t } = ctx;
  return html`${dateFields(ctx, { name: 'validFrom', legend: t('organisations.field.validFrom'), values: form.values, error: form.errors.validFrom, hint: t('curation.date.dateHint') })}
${dateFields(ctx, { name: 'validTo', legend: t('organisations.field.validTo'), values: form.values, error: form.errors.validTo, hint: t('organisations.field.validToHint') })}`;
}

/** A calendar date (YYYY-MM-DD) as the date fields show it. */
export function dateFieldValues(name: string, date: string | null): Record<string, string> {
  if (!date) return { [`${name}Day`]: '', [`${name}Month`]: '', [`${name}Year`]: '' };
  const [year = '', month = '', day = ''] = date.split('-');
  return { [`${name}Day`]: String(Number(day)), [`${name}Month`]: String(Number(month)), [`${name}Year`]: year };
}

function contact(organisation: Organisation): SafeHtml | string {
  const parts = [organisation.phone, organisation.email, organisation.website].filter((part): part is string => Boolean(part));
  return parts.length ? html`${parts.map((part, i) => html`${i > 0 ? html`<br>` : ''}${part}`)}` : '–';
}

export function renderAkasser(
  ctx: PageContext,
  nav: SafeHtml,
  view: { akasser: readonly Organisation[]; hasNext: boolean; canManage: boolean; page: number; notice: MessageKey | undefined; form: FormState },
): SafeHtml {
  const { t } = ctx;
  const status = (a: Organisation) => t(a.active ? 'organisations.status.active' : 'organisations.status.inactive');
  return renderPage(ctx, {
    title: t('organisations.akasser.title'),
    body: html`${nav}<h1>${t('organisations.akasser.title')}</h1>
<p class="font-lead">${t('organisations.akasser.lead')}</p>
${notice(ctx, view.notice)}
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('organisations.demoCvr')}</p></div></div>
${
  view.akasser.length === 0
    ? html`<p>${t('organisations.akasser.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('organisations.akasser.title')}</caption>
  <thead><tr><th scope="col">${t('organisations.col.name')}</th><th scope="col">${t('organisations.col.cvr')}</th><th scope="col">${t('organisations.col.contact')}</th><th scope="col">${t('organisations.col.status')}</th></tr></thead>
  <tbody>${view.akasser.map(
    (a) => html`<tr><td><a href="${akassePath(a.id)}">${a.name}</a></td><td>${a.cvr ?? ''}</td><td>${contact(a)}</td><td>${status(a)}</td></tr>`,
  )}</tbody></table></div>`
}
${pager(ctx, { previous: view.page > 1 ? `${AKASSER}?side=${view.page - 1}` : undefined, next: view.hasNext ? `${AKASSER}?side=${view.page + 1}` : undefined })}
${
  view.canManage
    ? html`<h2 class="mt-7" id="opret">${t('organisations.akasser.create')}</h2>
${errorSummary(t, view.form.errors)}
<form method="post" action="${AKASSER}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(view.form.values)}
  ${detailFields(ctx, view.form)}
  <button class="button button-primary" type="submit">${t('organisations.akasser.createSubmit')}</button>
</form>`
    : ''
}`,
  });
}

export function renderAkasse(
  ctx: PageContext,
  nav: SafeHtml,
  akasse: Organisation & { canManage: boolean },
  view: { notice: MessageKey | undefined; form: FormState },
): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: akasse.name,
    body: html`${nav}<nav aria-label="${t('shell.breadcrumb')}"><a href="${AKASSER}">${t('organisations.akasser.back')}</a></nav>
<h1>${akasse.name}</h1>
${notice(ctx, view.notice)}
<p><strong>${t('organisations.col.status')}:</strong> ${t(akasse.active ? 'organisations.status.active' : 'organisations.status.inactive')}</p>
${
  akasse.canManage
    ? html`${errorSummary(t, view.form.errors)}
<form method="post" action="${akassePath(akasse.id)}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${detailFields(ctx, view.form)}
  <button class="button button-primary" type="submit">${t('organisations.akasse.save')}</button>
</form>
<form method="post" action="${akassePath(akasse.id)}/${akasse.active ? 'deaktiver' : 'aktiver'}" class="mt-7">
  ${csrfField(ctx.csrfToken())}
  <button class="button button-secondary" type="submit">${t(akasse.active ? 'organisations.akasse.deactivate' : 'organisations.akasse.activate')}</button>
</form>`
    : html`<dl>
  <dt>${t('organisations.col.cvr')}</dt><dd>${akasse.cvr ?? ''}</dd>
  <dt>${t('organisations.col.contact')}</dt><dd>${contact(akasse)}</dd>
</dl>`
}`,
  });
}

const contractStatus = (contract: Contract, today: string): MessageKey =>
  contract.running ? 'organisations.status.running' : contract.validFrom > today ? 'organisations.status.upcoming' : 'organisations.status.ended';

function period(ctx: PageContext, contract: Contract): string {
  const from = formatCalendarDate(ctx.locale, contract.validFrom);
  return contract.validTo
    ? ctx.t('organisations.period.closed', { from, to: formatCalendarDate(ctx.locale, contract.validTo) })
    : ctx.t('organisations.period.open', { from });
}

export function renderActors(
  ctx: PageContext,
  header: SafeHtml,
  workspace: ActorWorkspace,
  view: { notice: MessageKey | undefined; register: FormState; name: FormState },
): SafeHtml {
  const { t } = ctx;
  const nameValue = view.name.values.employmentServiceName ?? workspace.ownName ?? workspace.employmentServiceName;
  return renderPage(ctx, {
    title: t('organisations.actors.title'),
    body: html`${header}<h1>${t('organisations.actors.title')}</h1>
<p class="font-lead">${t('organisations.actors.lead')}</p>
${notice(ctx, view.notice)}
${workspace.canManage ? '' : html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('organisations.actors.readOnly')}</p></div></div>`}
${
  workspace.contracts.length === 0
    ? html`<p>${t('organisations.actors.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('organisations.actors.title')}</caption>
  <thead><tr><th scope="col">${t('organisations.col.name')}</th><th scope="col">${t('organisations.col.cvr')}</th><th scope="col">${t('organisations.col.period')}</th><th scope="col">${t('organisations.col.status')}</th></tr></thead>
  <tbody>${workspace.contracts.map(
    (c) =>
      html`<tr><td><a href="${actorPath(c.actor.id)}">${c.actor.name}</a></td><td>${c.actor.cvr ?? ''}</td><td>${period(ctx, c)}</td><td>${t(contractStatus(c, workspace.today))}</td></tr>`,
  )}</tbody></table></div>`
}
${
  workspace.canManage
    ? html`<h2 class="mt-7" id="registrer">${t('organisations.actors.register')}</h2>
<p>${t('organisations.actors.registerLead')}</p>
${errorSummary(t, view.register.errors)}
<form method="post" action="${ACTORS}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(view.register.values)}
  ${detailFields(ctx, view.register)}
  ${contractDateFields(ctx, view.register)}
  <button class="button button-primary" type="submit">${t('organisations.actors.registerSubmit')}</button>
</form>`
    : ''
}
<h2 class="mt-7" id="navn">${t('organisations.employmentService.title')}</h2>
<p>${t('organisations.employmentService.lead')}</p>
<p><strong>${t('organisations.employmentService.current', { name: workspace.employmentServiceName })}</strong></p>
${
  workspace.canManage
    ? html`${errorSummary(t, view.name.errors)}
<form method="post" action="${EMPLOYMENT_SERVICE}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'employmentServiceName', label: t('organisations.employmentService.label'), value: nameValue, error: view.name.errors.employmentServiceName, maxLength: 200 })}
  <button class="button button-primary" type="submit">${t('organisations.employmentService.submit')}</button>
</form>`
    : ''
}`,
  });
}

export function renderContract(
  ctx: PageContext,
  header: SafeHtml,
  contract: Contract & { canManage: boolean },
  view: { notice: MessageKey | undefined; form: FormState; today: string },
): SafeHtml {
  const { t } = ctx;
  const { actor } = contract;
  return renderPage(ctx, {
    title: actor.name,
    body: html`${header}<nav aria-label="${t('shell.breadcrumb')}"><a href="${ACTORS}">${t('organisations.actors.back')}</a></nav>
<h1>${actor.name}</h1>
${notice(ctx, view.notice)}
<dl>
  <dt>${t('organisations.col.cvr')}</dt><dd>${actor.cvr ?? ''}</dd>
  <dt>${t('organisations.col.contact')}</dt><dd>${contact(actor)}</dd>
  <dt>${t('organisations.col.period')}</dt><dd>${period(ctx, contract)}</dd>
  <dt>${t('organisations.col.status')}</dt><dd>${t(contractStatus(contract, view.today))}</dd>
</dl>
${
  contract.canManage
    ? html`<h2 class="mt-7">${t('organisations.contract.dates')}</h2>
${errorSummary(t, view.form.errors)}
<form method="post" action="${actorPath(actor.id)}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${contractDateFields(ctx, view.form)}
  <button class="button button-primary" type="submit">${t('organisations.contract.save')}</button>
</form>
<form method="post" action="${actorPath(actor.id)}/afslut" class="mt-7">
  ${csrfField(ctx.csrfToken())}
  <button class="button button-secondary" type="submit">${t('organisations.contract.end')}</button>
</form>`
    : html`<p>${t('organisations.actors.readOnly')}</p>`
}`,
  });
}
