// How a vendor's declaration against the framework agreement looks (virk.dk theme): the form and the answers.
import { formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { Declaration, DeclarationItem, DeclarationView } from './declarations.service.ts';
import { alert, answerChoices, answerText, badge, inLocale } from './frameworks.views.ts';

/** Where the vendor's declaration page lives. */
export const PATH = '/leverandoer/rammeaftale';
/** Form fields carrying answers are named `answers.<requirement key>`, as the service names its field errors. */
export const ANSWER_PREFIX = 'answers.';

export type FormState = {
  canEdit: boolean;
  saved?: 'kladde' | 'indsendt' | undefined;
  /** What the vendor typed, shown again after an error. */
  values?: Record<string, string>;
  errors?: FormErrors;
};

/** The vendor's declaration page: the form for administrators, the answers for developers, or why there is none. */
export function renderDeclarationPage(ctx: PageContext, view: DeclarationView, state: FormState): SafeHtml {
  const { t } = ctx;
  let body: SafeHtml;
  if (view.kind === 'unregistered') {
    body = html`${alert('info', t('framework.declaration.unregistered'))}
<p><a class="button button-primary" href="/leverandoer/virksomhed">${t('framework.declaration.registerLink')}</a></p>`;
  } else if (view.kind === 'no-framework') {
    body = alert('info', t('framework.declaration.noFramework'));
  } else {
    body = renderDeclaration(ctx, view, state);
  }
  return renderPage(ctx, {
    title: t('framework.declaration.title'),
    body: html`<h1>${t('framework.declaration.title')}</h1>
<p class="font-lead">${t('framework.declaration.lead')}</p>
${body}`,
  });
}

function statusAlert(ctx: PageContext, declaration: Declaration): SafeHtml {
  const { t } = ctx;
  if (declaration.status === 'submitted' && declaration.submittedAt) {
    return alert('success', t('framework.declaration.status.submitted', { date: formatDateTime(ctx.locale, declaration.submittedAt) }));
  }
  return alert(declaration.status === 'draft' ? 'warning' : 'info', t(`framework.declaration.status.${declaration.status === 'draft' ? 'draft' : 'missing'}`));
}

function renderDeclaration(ctx: PageContext, declaration: Declaration, state: FormState): SafeHtml {
  const { t, locale } = ctx;
  const errors = state.errors ?? {};
  // Problems with the form as a whole (an outdated version) rather than with one answer.
  const general = Object.entries(errors).filter(([field]) => !field.startsWith(ANSWER_PREFIX));
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([field]) => field.startsWith(ANSWER_PREFIX)));
  const toAnswer = declaration.items.filter((item) => item.change === 'new' || item.change === 'changed').length;
  const framework = declaration.framework;
  const saved = state.saved
    ? alert('success', t(state.saved === 'indsendt' ? 'framework.declaration.savedSubmitted' : 'framework.declaration.savedDraft'), { role: 'status' })
    : '';
  const carried =
    declaration.previousVersion !== null
      ? alert(
          toAnswer > 0 ? 'warning' : 'info',
          html`${t('framework.declaration.carriedOver', { version: declaration.previousVersion })} ${
            toAnswer > 0 ? t('framework.declaration.toAnswer', { count: toAnswer }) : t('framework.declaration.nothingChanged')
          }`,
        )
      : '';
  return html`<h2>${inLocale(locale, framework.title)}</h2>
<p>${framework.publishedAt ? t('framework.declaration.version', { version: framework.version, date: formatDateTime(locale, framework.publishedAt) }) : ''}</p>
${saved}${statusAlert(ctx, declaration)}${carried}
${general.map(([, message]) => alert('error', message, { role: 'alert' }))}
${state.canEdit ? renderForm(ctx, declaration, state.values ?? {}, fieldErrors) : renderAnswers(ctx, declaration)}`;
}

function itemBadges(ctx: PageContext, item: DeclarationItem): SafeHtml {
  const { t } = ctx;
  return html`<p class="mb-2">${badge('info', t(`framework.obligation.${item.obligation}`))}${
    item.change === 'new' || item.change === 'changed' ? html` ${badge('warning', t(`framework.change.${item.change}`))}` : ''
  }${item.answer?.carriedOverFromVersion ? html` ${badge('success', t('framework.declaration.carriedFrom', { version: item.answer.carriedOverFromVersion }))}` : ''}</p>`;
}

function answerField(ctx: PageContext, item: DeclarationItem, value: string | undefined, error: string | undefined): SafeHtml {
  const { t, locale } = ctx;
  const name = `${ANSWER_PREFIX}${item.key}`;
  const label = inLocale(locale, item.text);
  const hint = item.help ? inLocale(locale, item.help) : undefined;
  const optional = item.obligation === 'may';
  switch (item.answerType) {
    case 'yes_no':
    case 'nsis_level':
      return radioGroup({ name, legend: label, hint, error, value, choices: answerChoices(t, item.answerType) });
    case 'url':
      return textField({ name, type: 'url', label, hint, error, value, optional, maxLength: 2000 });
    case 'email':
      return textField({ name, type: 'email', label, hint, error, value, optional, maxLength: 320 });
    case 'text':
      return textArea({ name, label, hint, error, value, optional, maxLength: 2000, rows: 4 });
  }
}

function renderForm(ctx: PageContext, declaration: Declaration, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const { t } = ctx;
  return html`${declaration.status === 'submitted' ? html`<p>${t('framework.declaration.resubmitNote')}</p>` : ''}
${errorSummary(t, errors)}
<form method="post" action="${PATH}" novalidate>
  ${csrfField(ctx.csrfToken())}
  <input type="hidden" name="versionId" value="${declaration.framework.id}">
  ${declaration.items.map((item) => {
    const highlighted = item.change === 'new' || item.change === 'changed';
    const value = values[item.key] ?? item.answer?.value;
    return html`<div class="${highlighted ? 'bg-alternative p-5 mb-6' : 'mb-6'}" id="krav-${item.key}">
  ${itemBadges(ctx, item)}
  ${answerField(ctx, item, value, errors[`${ANSWER_PREFIX}${item.key}`])}
</div>`;
  })}
  <button class="button button-primary" type="submit" name="handling" value="indsend">${t('framework.declaration.submit')}</button>
  <button class="button button-secondary" type="submit" name="handling" value="kladde">${t('framework.declaration.saveDraft')}</button>
</form>`;
}

function renderAnswers(ctx: PageContext, declaration: Declaration): SafeHtml {
  const { t, locale } = ctx;
  return html`<p>${t('framework.declaration.readOnly')}</p>
<dl>${declaration.items.map(
    (item) => html`<dt>${inLocale(locale, item.text)}</dt>
<dd>${itemBadges(ctx, item)}${item.answer ? answerText(t, item.answerType, item.answer.value) : t('framework.declaration.notAnswered')}</dd>`,
  )}</dl>`;
}
