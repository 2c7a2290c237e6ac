// How framework agreements look: shared bits for both sub-domains (texts in the reader's language, badges, alerts) and
// governance's pages for versions and their requirements.
import type { AnswerType } from '../../platform/db/schema.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatDateTime, type Locale, type Translator } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { Localized } from './declarations.service.ts';
import { answerTypes, checkCodes, obligations } from './frameworks.schemas.ts';
import type { FrameworkAgreementVersions, FrameworkVersionDetail } from './frameworks.service.ts';

/** Where governance's framework pages live. */
export const LIST = '/faellesskab/rammeaftaler';

/** A version's page. */
export const versionPath = (versionId: string) => `${LIST}/${versionId}`;

/** The notices a version page shows after a change (`?besked=`). */
export const notices = ['oprettet', 'gemt', 'fjernet', 'offentliggjort', 'allerede'] as const;
export type Notice = (typeof notices)[number];

/** Which form on the version page was sent, to show it again with its messages. */
export type OpenForm =
  { kind: 'add'; values: Record<string, string>; errors: FormErrors } | { kind: 'edit'; key: string; values: Record<string, string>; errors: FormErrors };

/** The text in the reader's language. */
export function inLocale(locale: Locale, text: Localized): string {
  return locale === 'en' ? text.en : text.da;
}

/** An answer as a person reads it: yes/no and assurance levels in words, anything else as written. */
export function answerText(t: Translator, type: AnswerType, value: string): string {
  if (type === 'yes_no' && (value === 'yes' || value === 'no')) return t(`framework.answer.${value}`);
  if (type === 'nsis_level' && (value === 'Low' || value === 'Substantial' || value === 'High')) return t(`level.${value}`);
  return value;
}

/** The choices of a yes/no or assurance-level question, in the reader's language. */
export function answerChoices(t: Translator, type: 'yes_no' | 'nsis_level'): { value: string; label: string }[] {
  return type === 'yes_no'
    ? [
        { value: 'yes', label: t('framework.answer.yes') },
        { value: 'no', label: t('framework.answer.no') },
      ]
    : (['Low', 'Substantial', 'High'] as const).map((level) => ({ value: level, label: t(`level.${level}`) }));
}

type BadgeKind = 'info' | 'success' | 'warning' | 'error';

/** A DKFDS badge: a short status word next to a heading or a field. */
export function badge(kind: BadgeKind, text: string): SafeHtml {
  return html`<span class="badge badge-${kind}">${text}</span>`;
}

const statusBadges = { draft: 'warning', published: 'success', retired: 'info' } as const satisfies Record<string, BadgeKind>;

/** A framework version's status as a badge. */
export function versionStatusBadge(t: Translator, status: keyof typeof statusBadges): SafeHtml {
  return badge(statusBadges[status], t(`framework.status.${status}`));
}

/** An alert box (DKFDS); `status` makes screen readers announce it. */
export function alert(kind: BadgeKind, content: SafeHtml | string, options: { role?: 'status' | 'alert' } = {}): SafeHtml {
  return html`<div class="alert alert-${kind}"${options.role ? html` role="${options.role}"` : ''}><div class="alert-body"><p class="alert-text">${content}</p></div></div>`;
}

/** The framework agreements with their versions; administrators may start a draft from the latest. */
export function renderList(ctx: PageContext, agreements: FrameworkAgreementVersions[], canMaintain: boolean): SafeHtml {
  const { t, locale } = ctx;
  const date = (value: Date | null) => (value ? formatDateTime(locale, value) : '—');
  return renderPage(ctx, {
    title: t('framework.admin.title'),
    body: html`<h1>${t('framework.admin.title')}</h1>
<p class="font-lead">${t('framework.admin.lead')}</p>
${agreements.length === 0 ? html`<p>${t('framework.admin.none')}</p>` : ''}
${agreements.map(
  (agreement) => html`<h2>${inLocale(locale, agreement.title)}</h2>
<div class="table--responsive-scroll">
<table class="table">
  <thead><tr><th scope="col">${t('framework.admin.version')}</th><th scope="col">${t('framework.admin.status')}</th><th scope="col">${t('framework.admin.published')}</th><th scope="col">${t('framework.admin.requirements')}</th></tr></thead>
  <tbody>${agreement.versions.map(
    (version) =>
      html`<tr><td><a href="${versionPath(version.id)}">${t('framework.admin.show', { version: version.version })}</a></td><td>${versionStatusBadge(t, version.status)}</td><td>${date(version.publishedAt)}</td><td>${version.requirementCount}</td></tr>`,
  )}</tbody>
</table>
</div>
${
  canMaintain && agreement.draftableFrom
    ? html`<form method="post" action="${versionPath(agreement.draftableFrom)}/ny-version" class="mt-5">
  ${csrfField(ctx.csrfToken())}${formTokenField()}
  <p>${t('framework.admin.newDraftHint')}</p>
  <button class="button button-secondary" type="submit">${t('framework.admin.newDraft')}</button>
</form>`
    : ''
}`,
)}`,
  });
}

export type VersionPageState = { canMaintain: boolean; notice?: Notice | undefined; form?: OpenForm | undefined; problems?: string[] };

const noticeKeys = {
  oprettet: 'framework.admin.created',
  gemt: 'framework.admin.saved',
  fjernet: 'framework.admin.removed',
  offentliggjort: 'framework.admin.publishedNotice',
  allerede: 'form.alreadySubmitted',
} as const;

/** A version with its requirements; a draft, for administrators, with the forms to change and publish it. */
export function renderVersion(ctx: PageContext, version: FrameworkVersionDetail, state: VersionPageState): SafeHtml {
  const { t, locale } = ctx;
  const editable = state.canMaintain && version.status === 'draft';
  const heading = t('framework.admin.versionTitle', { title: inLocale(locale, version.title), version: version.version });
  const form = state.form;
  const editing = form?.kind === 'edit' ? version.requirements.find((r) => r.key === form.key) : undefined;
  return renderPage(ctx, {
    title: heading,
    body: html`<p><a href="${LIST}">${t('framework.admin.backToList')}</a></p>
<h1>${heading}</h1>
<p>${versionStatusBadge(t, version.status)}${version.publishedAt ? html` ${t('framework.admin.publishedAt', { date: formatDateTime(locale, version.publishedAt) })}` : ''}</p>
${state.notice ? alert(state.notice === 'allerede' ? 'info' : 'success', t(noticeKeys[state.notice]), { role: 'status' }) : ''}
${(state.problems ?? []).map((problem) => alert('error', problem, { role: 'alert' }))}
${version.comparedWith !== null ? html`<p>${t('framework.admin.comparedWith', { version: version.comparedWith })}</p>` : ''}
${!state.canMaintain ? html`<p>${t('framework.admin.readOnly')}</p>` : ''}
${renderRequirements(ctx, version, editable)}
${
  editable && editing && form?.kind === 'edit'
    ? html`<h2 id="rediger">${t('framework.admin.editTitle', { key: editing.key })}</h2>
<p>${t('framework.field.changeHint')}</p>
${requirementForm(ctx, `${versionPath(version.id)}/krav/${editing.key}`, form.values, form.errors, { withKey: false, creates: false, submit: t('framework.admin.save') })}
<p><a href="${versionPath(version.id)}">${t('framework.admin.cancel')}</a></p>`
    : ''
}
${
  editable && !editing
    ? html`<h2 id="tilfoej">${t('framework.admin.addTitle')}</h2>
${requirementForm(ctx, `${versionPath(version.id)}/krav`, form?.kind === 'add' ? form.values : {}, form?.kind === 'add' ? form.errors : {}, { withKey: true, creates: true, submit: t('framework.admin.add') })}
<h2>${t('framework.admin.publishTitle')}</h2>
<p>${t('framework.admin.publishText')}</p>
<form method="post" action="${versionPath(version.id)}/offentliggoer">
  ${csrfField(ctx.csrfToken())}
  <button class="button button-primary" type="submit">${t('framework.admin.publish', { version: version.version })}</button>
</form>`
    : ''
}`,
  });
}

function renderRequirements(ctx: PageContext, version: FrameworkVersionDetail, editable: boolean): SafeHtml {
  const { t, locale } = ctx;
  if (version.requirements.length === 0) return html`<p>${t('framework.admin.noRequirements')}</p>`;
  return html`<div class="table--responsive-scroll">
<table class="table">
  <caption>${t('framework.admin.requirements')}</caption>
  <thead><tr>
    <th scope="col">${t('framework.admin.position')}</th>
    <th scope="col">${t('framework.admin.text')}</th>
    <th scope="col">${t('framework.admin.answerType')}</th>
    <th scope="col">${t('framework.admin.obligation')}</th>
    <th scope="col">${t('framework.admin.check')}</th>
    ${editable ? html`<th scope="col">${t('framework.admin.actions')}</th>` : ''}
  </tr></thead>
  <tbody>${version.requirements.map(
    (requirement) => html`<tr id="krav-${requirement.key}">
    <td>${requirement.position}</td>
    <td>${inLocale(locale, requirement.text)}<br><code>${requirement.key}</code>${
      requirement.change === 'new' || requirement.change === 'changed' ? html` ${badge('warning', t(`framework.change.${requirement.change}`))}` : ''
    }</td>
    <td>${t(`framework.answerType.${requirement.answerType}`)}</td>
    <td>${t(`framework.obligation.${requirement.obligation}`)}</td>
    <td>${requirement.checkCode ? t(`framework.check.${requirement.checkCode}`) : '—'}</td>
    ${
      editable
        ? html`<td>
      <a href="${versionPath(version.id)}?rediger=${requirement.key}#rediger" aria-label="${t('framework.admin.editLabel', { key: requirement.key })}">${t('framework.admin.edit')}</a>
      <form method="post" action="${versionPath(version.id)}/krav/${requirement.key}/fjern">
        ${csrfField(ctx.csrfToken())}
        <button class="button button-unstyled function-link" type="submit" aria-label="${t('framework.admin.removeLabel', { key: requirement.key })}">${t('framework.admin.remove')}</button>
      </form>
    </td>`
        : ''
    }
  </tr>`,
  )}</tbody>
</table>
</div>`;
}

function requirementForm(
  ctx: PageContext,
  action: string,
  values: Record<string, string>,
  errors: FormErrors,
  options: { withKey: boolean; creates: boolean; submit: string },
): SafeHtml {
  const { t } = ctx;
  return html`${errorSummary(t, errors)}
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx.csrfToken())}${options.creates ? formTokenField(values) : ''}
  ${options.withKey ? textField({ name: 'key', label: t('framework.field.key'), hint: t('framework.field.keyHint'), value: values.key, error: errors.key, maxLength: 60 }) : ''}
  ${textField({ name: 'position', label: t('framework.field.position'), hint: t('framework.field.positionHint'), value: values.position, error: errors.position, optional: true, maxLength: 4 })}
  ${textArea({ name: 'textDa', label: t('framework.field.textDa'), value: values.textDa, error: errors.textDa, maxLength: 1000, rows: 3 })}
  ${textArea({ name: 'textEn', label: t('framework.field.textEn'), value: values.textEn, error: errors.textEn, maxLength: 1000, rows: 3 })}
  ${textArea({ name: 'helpDa', label: t('framework.field.helpDa'), value: values.helpDa, error: errors.helpDa, optional: true, maxLength: 2000, rows: 2 })}
  ${textArea({ name: 'helpEn', label: t('framework.field.helpEn'), value: values.helpEn, error: errors.helpEn, optional: true, maxLength: 2000, rows: 2 })}
  ${radioGroup({
    name: 'answerType',
    legend: t('framework.field.answerType'),
    value: values.answerType,
    error: errors.answerType,
    choices: answerTypes.map((type) => ({ value: type, label: t(`framework.answerType.${type}`) })),
  })}
  ${radioGroup({
    name: 'obligation',
    legend: t('framework.field.obligation'),
    value: values.obligation,
    error: errors.obligation,
    choices: obligations.map((obligation) => ({ value: obligation, label: t(`framework.obligation.${obligation}`) })),
  })}
  ${selectField({
    name: 'checkCode',
    label: t('framework.field.checkCode'),
    hint: t('framework.field.checkCodeHint'),
    value: values.checkCode,
    error: errors.checkCode,
    emptyLabel: t('framework.field.noCheck'),
    choices: checkCodes.map((code) => ({ value: code, label: t(`framework.check.${code}`) })),
  })}
  <button class="button button-primary" type="submit">${options.submit}</button>
</form>`;
}
