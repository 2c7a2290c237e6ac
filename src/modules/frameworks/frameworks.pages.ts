import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import { FORM_TOKEN_FIELD, formOnce, formTokenField } from '../../platform/http/form-token.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, formValues, radioGroup, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { alert, badge, inLocale, versionStatusBadge } from './frameworks.presenter.ts';
import { answerTypes, checkCodes, obligations } from './frameworks.schemas.ts';
import {
  addRequirement,
  createDraftVersion,
  frameworkPermissions,
  getFrameworkVersion,
  listFrameworkAgreements,
  publishVersion,
  removeRequirement,
  updateRequirement,
  type FrameworkAgreementVersions,
  type FrameworkRequirement,
  type FrameworkVersionDetail,
} from './frameworks.service.ts';

const LIST = '/faellesskab/rammeaftaler';
const read = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;
const maintain = { access: { roles: ['governance_admin'], level: 'Substantial' } } as const;

const versionParams = z.object({ versionId: z.uuid() });
const requirementParams = z.object({ versionId: z.uuid(), requirementKey: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/) });
const notices = ['oprettet', 'gemt', 'fjernet', 'offentliggjort', 'allerede'] as const;
type Notice = (typeof notices)[number];
const versionQuery = z.object({
  besked: z.enum(notices).optional().catch(undefined),
  rediger: z.string().max(60).optional().catch(undefined),
});

const versionPath = (versionId: string) => `${LIST}/${versionId}`;

/** Which form on the version page was sent, to show it again with its messages. */
type OpenForm =
  { kind: 'add'; values: Record<string, string>; errors: FormErrors } | { kind: 'edit'; key: string; values: Record<string, string>; errors: FormErrors };

/** Governance's framework agreements: versions and their requirements; administrators draft, edit and publish. */
export const frameworkPages: RouteModule = (app, { db }) => {
  app.get(LIST, { config: read }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const agreements = await listFrameworkAgreements(db, actor);
    return sendPage(reply, renderList(ctx, agreements, frameworkPermissions(actor).maintain));
  });

  app.get(`${LIST}/:versionId`, { config: read, schema: { params: versionParams, querystring: versionQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const version = await getFrameworkVersion(db, actor, request.params.versionId);
    const editing = version.requirements.find((r) => r.key === request.query.rediger);
    const form: OpenForm | undefined = editing ? { kind: 'edit', key: editing.key, values: requirementValues(editing), errors: {} } : undefined;
    return sendPage(reply, renderVersion(ctx, version, { canMaintain: frameworkPermissions(actor).maintain, notice: request.query.besked, form }));
  });

  app.post(`${LIST}/:versionId/ny-version`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    return changeVersion(db, request, reply, actor, request.params.versionId, async () => {
      const draft = await createDraftVersion(db, actor, request.params.versionId, formOnce(request.body, 'frameworks.version', actor.subject));
      return `${versionPath(draft.id)}?besked=${draft.replayed ? 'allerede' : 'oprettet'}`;
    });
  });

  app.post(`${LIST}/:versionId/krav`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const values = formValues(request.body);
    // The requirement's schema is strict; the token stays in `values` so the form shown again keeps it.
    const input = Object.fromEntries(Object.entries(values).filter(([name]) => name !== FORM_TOKEN_FIELD));
    return changeVersion(
      db,
      request,
      reply,
      actor,
      request.params.versionId,
      async () => {
        const added = await addRequirement(db, actor, request.params.versionId, input, formOnce(request.body, 'frameworks.requirement', actor.subject));
        return `${versionPath(request.params.versionId)}?besked=${added.replayed ? 'allerede' : 'gemt'}#krav-${added.id}`;
      },
      (errors) => ({ kind: 'add', values, errors }),
    );
  });

  app.post(`${LIST}/:versionId/krav/:requirementKey`, { config: maintain, schema: { params: requirementParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { versionId, requirementKey } = request.params;
    const values = formValues(request.body);
    return changeVersion(
      db,
      request,
      reply,
      actor,
      versionId,
      async () => {
        await updateRequirement(db, actor, versionId, requirementKey, values);
        return `${versionPath(versionId)}?besked=gemt`;
      },
      (errors) => ({ kind: 'edit', key: requirementKey, values, errors }),
    );
  });

  app.post(`${LIST}/:versionId/krav/:requirementKey/fjern`, { config: maintain, schema: { params: requirementParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { versionId, requirementKey } = request.params;
    return changeVersion(db, request, reply, actor, versionId, async () => {
      await removeRequirement(db, actor, versionId, requirementKey);
      return `${versionPath(versionId)}?besked=fjernet`;
    });
  });

  app.post(`${LIST}/:versionId/offentliggoer`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    return changeVersion(db, request, reply, actor, request.params.versionId, async () => {
      await publishVersion(db, actor, request.params.versionId);
      return `${versionPath(request.params.versionId)}?besked=offentliggjort`;
    });
  });
};

/**
 * Runs a change to a version and answers 303 to where it leads; after a refused change (VALIDATION, CONFLICT), the
 * version page again: field messages next to the form that was sent, or the reason the version cannot change.
 * Anything else (NOT_FOUND, FORBIDDEN, …) goes to the error handler.
 */
function changeVersion(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Principal,
  versionId: string,
  run: () => Promise<string>,
  openForm?: (errors: FormErrors) => OpenForm,
): Promise<FastifyReply> {
  return submitForm(reply, request.body, {
    run,
    on: ['VALIDATION', 'CONFLICT'],
    showAgain: async ({ error, errors }) => {
      const version = await getFrameworkVersion(db, actor, versionId);
      const form = error.code === 'VALIDATION' && openForm ? openForm(errors) : undefined;
      // An edit of a requirement the version does not have has no form to show its messages next to.
      if (form?.kind === 'edit' && !version.requirements.some((r) => r.key === form.key))
        throw new AppError('NOT_FOUND', 'No such requirement in this version.');
      const problems = form ? [] : Object.values(errors);
      if (!form && problems.length === 0) throw error;
      return renderVersion(pageContext(request, reply), version, { canMaintain: true, form, problems });
    },
  });
}

function requirementValues(requirement: FrameworkRequirement): Record<string, string> {
  return {
    position: String(requirement.position),
    textDa: requirement.text.da,
    textEn: requirement.text.en,
    helpDa: requirement.help.da ?? '',
    helpEn: requirement.help.en ?? '',
    answerType: requirement.answerType,
    obligation: requirement.obligation,
    checkCode: requirement.checkCode ?? '',
  };
}

function renderList(ctx: PageContext, agreements: FrameworkAgreementVersions[], canMaintain: boolean): SafeHtml {
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

type VersionPageState = { canMaintain: boolean; notice?: Notice | undefined; form?: OpenForm | undefined; problems?: string[] };

const noticeKeys = {
  oprettet: 'framework.admin.created',
  gemt: 'framework.admin.saved',
  fjernet: 'framework.admin.removed',
  offentliggjort: 'framework.admin.publishedNotice',
  allerede: 'form.alreadySubmitted',
} as const;

function renderVersion(ctx: PageContext, version: FrameworkVersionDetail, state: VersionPageState): SafeHtml {
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
