// How listings, their checks, history and notices look on the vendor's and governance's pages.
import type { FieldError } from '../../platform/errors.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { roles } from '../../platform/auth/principal.ts';
import { listingStatuses } from '../../platform/db/schema.ts';
import { formatDateTime, isMessageKey, isOneOf, type MessageKey, type Translator } from '../../platform/i18n/index.ts';
import { checkboxGroup, csrfField, errorSummary, radioGroup, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, renderPage, type PageContext } from '../../platform/views/layout.ts';
import { checkCodes, requiredFields } from './listings.checks.ts';
import type { CheckRow, ListingSummaryRow, NoticeRow, TaxonomyEntry, TaxonomyLabels, TransitionRow, VersionDetail } from './listings.repository.ts';
import { channels, clientAuthMethods, legalBases, nsisLevels, priceModels, type ListingDraftInput } from './listings.schemas.ts';
import type { ListingView } from './listings.service.ts';
import type { ListingStatus } from './listings.tables.ts';

const nameIn = (ctx: PageContext, entry: TaxonomyEntry) => (ctx.locale === 'en' ? entry.name_en : entry.name_da);
const labelOf = (ctx: PageContext, entries: TaxonomyEntry[], code: string | null) => {
  const entry = entries.find((e) => e.code === code);
  return entry ? nameIn(ctx, entry) : (code ?? '');
};

export function statusLabel(t: Translator, status: string): string {
  return isOneOf(listingStatuses, status) ? t(`listing.status.${status}`) : status;
}

/** The form's values as text (what the vendor typed, or a stored version). */
export type ListingFormValues = {
  text: Record<string, string>;
  lists: Record<'categories' | 'targetGroups' | 'languages' | 'channels' | 'dataCategories', string[]>;
};

const listOf = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const yesNo = (value: unknown): unknown => (value === 'yes' ? true : value === 'no' ? false : value === undefined || value === '' ? undefined : value);

/** The posted form as the service's draft input, plus the values to show again if it fails. */
export function draftFromForm(body: unknown): { input: ListingDraftInput; values: ListingFormValues } {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
  const lists = {
    categories: listOf(form.categories),
    targetGroups: listOf(form.targetGroups),
    languages: listOf(form.languages),
    channels: listOf(form.channels),
    dataCategories: listOf(form.dataCategories),
  };
  const optional = (name: string) => (textOf(form[name]).trim() === '' ? undefined : textOf(form[name]));
  const input = {
    nameDa: textOf(form.nameDa),
    nameEn: textOf(form.nameEn),
    summaryDa: textOf(form.summaryDa),
    summaryEn: textOf(form.summaryEn),
    descriptionDa: textOf(form.descriptionDa),
    descriptionEn: textOf(form.descriptionEn),
    journeyStage: optional('journeyStage'),
    categories: lists.categories,
    targetGroups: lists.targetGroups,
    languages: lists.languages,
    channels: lists.channels,
    priceModel: optional('priceModel'),
    requiredNsisLevel: optional('requiredNsisLevel'),
    serviceUrl: textOf(form.serviceUrl),
    accessibilityStatementUrl: textOf(form.accessibilityStatementUrl),
    redirectUris: textOf(form.redirectUris)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    clientAuthMethod: optional('clientAuthMethod'),
    jwksUri: textOf(form.jwksUri),
    initiateLoginUri: textOf(form.initiateLoginUri),
    backchannelLogoutUri: textOf(form.backchannelLogoutUri),
    deletionUri: textOf(form.deletionUri),
    // Anything but yes or no stays in as it came, so the service answers it with a field message.
    worksWithoutData: yesNo(form.worksWithoutData),
    // Unknown codes stay in, so the service answers them with a field message instead of dropping them silently.
    dataCategories: lists.dataCategories.map((category) => ({
      category,
      purposeDa: textOf(form[`purposeDa_${category}`]),
      purposeEn: textOf(form[`purposeEn_${category}`]),
      legalBasis: optional(`legalBasis_${category}`),
    })),
  } as ListingDraftInput;
  return { input, values: { text, lists } };
}

/** A stored version as form values. */
export function formValuesOf(v: VersionDetail | undefined): ListingFormValues {
  if (!v) return { text: { worksWithoutData: 'yes' }, lists: { categories: [], targetGroups: [], languages: [], channels: [], dataCategories: [] } };
  const text: Record<string, string> = {
    nameDa: v.name_da ?? '',
    nameEn: v.name_en ?? '',
    summaryDa: v.summary_da ?? '',
    summaryEn: v.summary_en ?? '',
    descriptionDa: v.description_da ?? '',
    descriptionEn: v.description_en ?? '',
    journeyStage: v.journey_stage ?? '',
    priceModel: v.price_model ?? '',
    requiredNsisLevel: v.required_nsis_level ?? '',
    serviceUrl: v.service_url ?? '',
    accessibilityStatementUrl: v.accessibility_statement_url ?? '',
    redirectUris: v.redirect_uris.join('\n'),
    clientAuthMethod: v.client_auth_method ?? '',
    jwksUri: v.jwks_uri ?? '',
    initiateLoginUri: v.initiate_login_uri ?? '',
    backchannelLogoutUri: v.backchannel_logout_uri ?? '',
    deletionUri: v.deletion_uri ?? '',
    worksWithoutData: v.works_without_data ? 'yes' : 'no',
  };
  for (const d of v.data_categories) {
    text[`purposeDa_${d.category}`] = d.purpose_da ?? '';
    text[`purposeEn_${d.category}`] = d.purpose_en ?? '';
    text[`legalBasis_${d.category}`] = d.legal_basis ?? '';
  }
  return {
    text,
    lists: {
      categories: v.categories,
      targetGroups: v.target_groups,
      languages: v.languages,
      channels: v.channels,
      dataCategories: v.data_categories.map((d) => d.category),
    },
  };
}

/**
 * The service's field errors placed on the form's fields: a list entry ('categories.2') belongs to the list's
 * fieldset, a data category's purpose ('dataCategories.1.purposeDa') to that category's own field.
 */
export function formFieldOf(error: FieldError, input: ListingDraftInput): string {
  const [head, index, leaf] = error.field.split('.');
  if (head === 'dataCategories' && index !== undefined) {
    const category = input.dataCategories?.[Number(index)]?.category ?? '';
    return leaf && leaf !== 'category' ? `${leaf}_${category}` : 'dataCategories';
  }
  return head ?? error.field;
}

/** The listing form: content, placement in the catalogue, addresses, data asked for, integration settings. */
export function renderListingForm(
  ctx: PageContext,
  options: { action: string; values: ListingFormValues; errors: FormErrors; labels: TaxonomyLabels; canSubmit: boolean; creates?: boolean },
): SafeHtml {
  const { t } = ctx;
  const { text, lists } = options.values;
  const e = options.errors;
  const choices = (entries: TaxonomyEntry[]) => entries.map((entry) => ({ value: entry.code, label: nameIn(ctx, entry) }));
  return html`${errorSummary(t, e)}
<form method="post" action="${options.action}" novalidate>
  ${csrfField(ctx.csrfToken())}${options.creates ? formTokenField(text) : ''}
  <h2>${t('listing.form.content')}</h2>
  ${textField({ name: 'nameDa', label: t('listing.field.nameDa'), value: text.nameDa, error: e.nameDa, maxLength: 120 })}
  ${textField({ name: 'nameEn', label: t('listing.field.nameEn'), value: text.nameEn, error: e.nameEn, maxLength: 120 })}
  ${textArea({ name: 'summaryDa', label: t('listing.field.summaryDa'), hint: t('listing.form.summaryHint'), value: text.summaryDa, error: e.summaryDa, maxLength: 300, rows: 2 })}
  ${textArea({ name: 'summaryEn', label: t('listing.field.summaryEn'), value: text.summaryEn, error: e.summaryEn, maxLength: 300, rows: 2 })}
  ${textArea({ name: 'descriptionDa', label: t('listing.field.descriptionDa'), value: text.descriptionDa, error: e.descriptionDa, maxLength: 10_000, rows: 6 })}
  ${textArea({ name: 'descriptionEn', label: t('listing.field.descriptionEn'), value: text.descriptionEn, error: e.descriptionEn, maxLength: 10_000, rows: 6 })}
  <h2>${t('listing.form.placement')}</h2>
  ${selectField({ name: 'journeyStage', label: t('listing.field.journeyStage'), value: text.journeyStage, error: e.journeyStage, choices: choices(options.labels.journeyStages), emptyLabel: t('form.choose') })}
  ${checkboxGroup({ name: 'categories', legend: t('listing.field.categories'), values: lists.categories, error: e.categories, choices: choices(options.labels.categories) })}
  ${checkboxGroup({ name: 'targetGroups', legend: t('listing.field.targetGroups'), values: lists.targetGroups, error: e.targetGroups, choices: choices(options.labels.targetGroups) })}
  ${checkboxGroup({ name: 'languages', legend: t('listing.field.languages'), values: lists.languages, error: e.languages, choices: choices(options.labels.languages) })}
  ${checkboxGroup({ name: 'channels', legend: t('listing.field.channels'), values: lists.channels, error: e.channels, choices: channels.map((c) => ({ value: c, label: t(`channel.${c}`) })) })}
  ${radioGroup({ name: 'priceModel', legend: t('listing.field.priceModel'), value: text.priceModel, error: e.priceModel, choices: priceModels.map((p) => ({ value: p, label: t(`price.${p}`) })) })}
  ${radioGroup({ name: 'requiredNsisLevel', legend: t('listing.field.requiredNsisLevel'), hint: t('listing.form.nsisHint'), value: text.requiredNsisLevel, error: e.requiredNsisLevel, choices: nsisLevels.map((l) => ({ value: l, label: t(`level.${l}`) })) })}
  <h2>${t('listing.form.addresses')}</h2>
  ${textField({ name: 'serviceUrl', type: 'url', label: t('listing.field.serviceUrl'), hint: t('listing.form.httpsHint'), value: text.serviceUrl, error: e.serviceUrl, maxLength: 2000 })}
  ${textField({ name: 'accessibilityStatementUrl', type: 'url', label: t('listing.field.accessibilityStatementUrl'), hint: t('listing.form.statementHint'), value: text.accessibilityStatementUrl, error: e.accessibilityStatementUrl, maxLength: 2000 })}
  <h2>${t('listing.form.data')}</h2>
  <p>${t('listing.form.dataLead')}</p>
  ${e.dataCategories ? html`<p class="form-error-message" id="field-dataCategories">${e.dataCategories}</p>` : ''}
  ${options.labels.dataCategories.map((category) => {
    const code = category.code;
    return html`<fieldset class="form-group">
  <legend class="form-label">${nameIn(ctx, category)}</legend>
  <div class="form-group-checkbox"><input type="checkbox" class="form-checkbox" id="field-data-${code}" name="dataCategories" value="${code}"${lists.dataCategories.includes(code) ? html` checked` : ''}><label for="field-data-${code}">${t('listing.form.asksFor')}</label></div>
  ${textField({ name: `purposeDa_${code}`, label: t('listing.field.purposeDa'), value: text[`purposeDa_${code}`], error: e[`purposeDa_${code}`], maxLength: 500, optional: true })}
  ${textField({ name: `purposeEn_${code}`, label: t('listing.field.purposeEn'), value: text[`purposeEn_${code}`], error: e[`purposeEn_${code}`], maxLength: 500, optional: true })}
  ${selectField({ name: `legalBasis_${code}`, label: t('listing.field.legalBasis'), value: text[`legalBasis_${code}`], error: e[`legalBasis_${code}`], choices: legalBases.map((b) => ({ value: b, label: t(`legalBasis.${b}`) })), emptyLabel: t('form.choose') })}
</fieldset>`;
  })}
  <h2>${t('listing.form.integration')}</h2>
  ${textArea({ name: 'redirectUris', label: t('listing.field.redirectUris'), hint: t('listing.form.redirectHint'), value: text.redirectUris, error: e.redirectUris, rows: 3, optional: true })}
  ${radioGroup({ name: 'clientAuthMethod', legend: t('listing.field.clientAuthMethod'), value: text.clientAuthMethod, error: e.clientAuthMethod, choices: clientAuthMethods.map((m) => ({ value: m, label: t(`clientAuth.${m}`) })) })}
  ${textField({ name: 'jwksUri', type: 'url', label: t('listing.field.jwksUri'), hint: t('listing.form.jwksHint'), value: text.jwksUri, error: e.jwksUri, maxLength: 2000, optional: true })}
  ${textField({ name: 'initiateLoginUri', type: 'url', label: t('listings.field.initiateLoginUri'), hint: t('listings.form.initiateLoginHint'), value: text.initiateLoginUri, error: e.initiateLoginUri, maxLength: 2000, optional: true })}
  ${textField({ name: 'backchannelLogoutUri', type: 'url', label: t('listings.field.backchannelLogoutUri'), hint: t('listings.form.backchannelLogoutHint'), value: text.backchannelLogoutUri, error: e.backchannelLogoutUri, maxLength: 2000, optional: true })}
  ${textField({ name: 'deletionUri', type: 'url', label: t('listings.field.deletionUri'), hint: t('listings.form.deletionHint'), value: text.deletionUri, error: e.deletionUri, maxLength: 2000, optional: true })}
  ${radioGroup({
    name: 'worksWithoutData',
    legend: t('listings.field.worksWithoutData'),
    hint: t('listings.form.worksWithoutDataHint'),
    value: text.worksWithoutData,
    error: e.worksWithoutData,
    choices: [
      { value: 'yes', label: t('listings.yes') },
      { value: 'no', label: t('listings.no') },
    ],
  })}
  <div class="mt-6">
    <button class="button button-secondary" type="submit" name="action" value="save">${t('listing.form.save')}</button>
    ${options.canSubmit ? html`<button class="button button-primary" type="submit" name="action" value="submit">${t('listing.form.saveAndSubmit')}</button>` : ''}
  </div>
</form>`;
}

/** A version's content as a description list (what governance reviews and the vendor submitted). */
export function renderVersion(ctx: PageContext, v: VersionDetail, labels: TaxonomyLabels): SafeHtml {
  const { t } = ctx;
  const list = (entries: TaxonomyEntry[], codes: string[]) => codes.map((code) => labelOf(ctx, entries, code)).join(', ');
  const link = (url: string | null) => (url ? html`<a href="${url}" rel="noopener noreferrer">${url}</a>` : '—');
  return html`<dl class="listing-version">
  <dt>${t('listing.field.nameDa')}</dt><dd>${v.name_da ?? '—'}</dd>
  <dt>${t('listing.field.nameEn')}</dt><dd>${v.name_en ?? '—'}</dd>
  <dt>${t('listing.field.summaryDa')}</dt><dd>${v.summary_da ?? '—'}</dd>
  <dt>${t('listing.field.summaryEn')}</dt><dd>${v.summary_en ?? '—'}</dd>
  <dt>${t('listing.field.descriptionDa')}</dt><dd class="preserve-lines">${v.description_da ?? '—'}</dd>
  <dt>${t('listing.field.descriptionEn')}</dt><dd class="preserve-lines">${v.description_en ?? '—'}</dd>
  <dt>${t('listing.field.journeyStage')}</dt><dd>${labelOf(ctx, labels.journeyStages, v.journey_stage) || '—'}</dd>
  <dt>${t('listing.field.categories')}</dt><dd>${list(labels.categories, v.categories) || '—'}</dd>
  <dt>${t('listing.field.targetGroups')}</dt><dd>${list(labels.targetGroups, v.target_groups) || '—'}</dd>
  <dt>${t('listing.field.languages')}</dt><dd>${list(labels.languages, v.languages) || '—'}</dd>
  <dt>${t('listing.field.channels')}</dt><dd>${v.channels.map((c) => t(`channel.${c}`)).join(', ') || '—'}</dd>
  <dt>${t('listing.field.priceModel')}</dt><dd>${v.price_model ? t(`price.${v.price_model}`) : '—'}</dd>
  <dt>${t('listing.field.requiredNsisLevel')}</dt><dd>${v.required_nsis_level ? t(`level.${v.required_nsis_level}`) : '—'}</dd>
  <dt>${t('listing.field.serviceUrl')}</dt><dd>${link(v.service_url)}</dd>
  <dt>${t('listing.field.accessibilityStatementUrl')}</dt><dd>${link(v.accessibility_statement_url)}</dd>
  <dt>${t('listing.form.data')}</dt><dd>${
    v.data_categories.length === 0
      ? t('listing.noData')
      : html`<ul>${v.data_categories.map(
          (d) =>
            html`<li><strong>${labelOf(ctx, labels.dataCategories, d.category)}</strong>: ${(ctx.locale === 'en' ? d.purpose_en : d.purpose_da) ?? '—'} (${d.legal_basis && isOneOf(legalBases, d.legal_basis) ? t(`legalBasis.${d.legal_basis}`) : (d.legal_basis ?? '—')})</li>`,
        )}</ul>`
  }</dd>
  <dt>${t('listing.field.redirectUris')}</dt><dd>${v.redirect_uris.join(', ') || '—'}</dd>
  <dt>${t('listing.field.clientAuthMethod')}</dt><dd>${v.client_auth_method ? t(`clientAuth.${v.client_auth_method}`) : '—'}</dd>
  <dt>${t('listing.field.jwksUri')}</dt><dd>${v.jwks_uri ?? '—'}</dd>
  <dt>${t('listings.field.initiateLoginUri')}</dt><dd>${v.initiate_login_uri ?? '—'}</dd>
  <dt>${t('listings.field.backchannelLogoutUri')}</dt><dd>${v.backchannel_logout_uri ?? '—'}</dd>
  <dt>${t('listings.field.deletionUri')}</dt><dd>${v.deletion_uri ?? t('listings.deletionMissing')}</dd>
  <dt>${t('listings.field.worksWithoutData')}</dt><dd>${v.works_without_data ? t('listings.yes') : t('listings.no')}</dd>
</dl>`;
}

function checkMessage(t: Translator, check: CheckRow): string {
  const params: Record<string, string | number> = { ...check.params };
  if (typeof params.fields === 'string') {
    params.fields = params.fields
      .split(',')
      .filter((f) => isOneOf(requiredFields, f))
      .map((f) => t(`listing.field.${f}`))
      .join(', ');
  }
  return isMessageKey(check.message_key) ? t(check.message_key, params) : check.message_key;
}

/** The automated checks of the latest submission: each result, and for a failure how to fix it. */
export function renderChecks(ctx: PageContext, checks: CheckRow[]): SafeHtml | string {
  const { t } = ctx;
  if (checks.length === 0) return '';
  const failed = checks.filter((c) => c.outcome === 'failed').length;
  return html`<section aria-labelledby="checks-heading" class="mt-6">
<h2 id="checks-heading">${t('listing.checks.title')}</h2>
<p>${failed === 0 ? t('listing.checks.allPassed') : t('listing.checks.someFailed', { count: failed })} ${t('listing.checks.when', { time: formatDateTime(ctx.locale, checks[0]?.checked_at ?? new Date()) })}</p>
<ul class="nobullet-list checks">${checks.map(
    (check) =>
      html`<li class="check check-${check.outcome} mb-4"><strong>${t(`listing.checks.${check.outcome}`)}:</strong> ${isOneOf(checkCodes, check.code) ? t(`check.${check.code}.title`) : check.code} — ${checkMessage(t, check)}${
        check.outcome === 'failed'
          ? html`<br><span class="check-fix">${t('listing.checks.fix')}: ${isOneOf(checkCodes, check.code) ? t(`check.${check.code}.fix`) : check.code}</span>`
          : ''
      }</li>`,
  )}</ul>
</section>`;
}

/**
 * Why a listing moved, in the reader's language. The platform's own reasons are stored in Danish words (the automated
 * checks' outcome, a version superseded); they are recognised, old rows included, and shown from the catalogue. A
 * reason someone typed is shown as typed, marked as Danish.
 */
function historyReason(ctx: PageContext, reason: string | null): SafeHtml | string {
  if (!reason) return '';
  const failed = /^(\d+) automatiske kontroller fejlede$/.exec(reason);
  if (failed) return ctx.t('listing.history.reason.checksFailed', { count: Number(failed[1]) });
  if (reason === 'Alle automatiske kontroller er bestået') return ctx.t('listing.history.reason.checksPassed');
  const superseded = /^Afløst af version (\d+)$/.exec(reason);
  if (superseded) return ctx.t('listing.history.reason.superseded', { version: Number(superseded[1]) });
  return danishText(ctx, reason);
}

/** The history of a listing: every move with version, who, when and why. */
export function renderHistory(ctx: PageContext, transitions: TransitionRow[]): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="history-heading" class="mt-6">
<h2 id="history-heading">${t('listing.history.title')}</h2>
<div class="table--responsive-scroll"><table class="table table--compact">
<caption class="sr-only">${t('listing.history.title')}</caption>
<thead><tr><th scope="col">${t('listing.history.time')}</th><th scope="col">${t('listing.history.version')}</th><th scope="col">${t('listing.history.status')}</th><th scope="col">${t('listing.history.actor')}</th><th scope="col">${t('listing.history.reason')}</th></tr></thead>
<tbody>${transitions.map(
    (tr) =>
      html`<tr><td>${formatDateTime(ctx.locale, tr.at)}</td><td>${tr.version}</td><td>${tr.from_status ? `${statusLabel(t, tr.from_status)} → ` : ''}${statusLabel(t, tr.to_status)}</td><td>${tr.actor_role === 'system' ? t('listing.history.system') : `${tr.actor_name} (${isOneOf(roles, tr.actor_role) ? t(`role.${tr.actor_role}`) : tr.actor_role})`}</td><td class="preserve-lines">${historyReason(ctx, tr.reason)}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}

/** Notices about listings (to a vendor or a municipality), newest first. */
export function renderNotices(ctx: PageContext, notices: NoticeRow[], options: { link?: (listingId: string) => string } = {}): SafeHtml | string {
  const { t } = ctx;
  if (notices.length === 0) return html`<p>${t('notice.none')}</p>`;
  return html`<ul class="nobullet-list notices">${notices.map(
    (n) =>
      html`<li class="mb-4"><strong>${t(`notice.${n.kind}`, { name: n.listing_name })}</strong> <span class="small-text">${formatDateTime(ctx.locale, n.created_at)}</span>${
        n.reason ? html`<br><span class="preserve-lines">${t('notice.reason')}: ${n.reason}</span>` : ''
      }${options.link ? html`<br><a href="${options.link(n.listing_id)}">${t('notice.open')}</a>` : ''}</li>`,
  )}</ul>`;
}

/** Writing a new listing or its next version: the listing form under its title. */
export function renderListingEdit(
  ctx: PageContext,
  options: { title: string; action: string; values: ListingFormValues; errors: FormErrors; canSubmit: boolean; creates?: boolean; labels: TaxonomyLabels },
): SafeHtml {
  return renderPage(ctx, {
    title: options.title,
    body: html`<nav aria-label="${ctx.t('shell.breadcrumb')}"><a href="/leverandoer/ydelser">${ctx.t('listing.list.title')}</a></nav>
<h1>${options.title}</h1>
<p class="font-lead">${ctx.t('listing.edit.lead')}</p>
${renderListingForm(ctx, options)}`,
  });
}

/** The listings page of a vendor not yet registered: register the company first. */
export function renderUnregistered(ctx: PageContext): SafeHtml {
  return renderPage(ctx, {
    title: ctx.t('listing.list.title'),
    body: html`<h1>${ctx.t('listing.list.title')}</h1>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${ctx.t('listing.list.registerFirst')} <a href="/leverandoer/virksomhed">${ctx.t('start.vendor.profile')}</a></p></div></div>`,
  });
}

/** The vendor's listings with each one's latest and live version, and governance's notices. */
export function renderListings(ctx: PageContext, listings: ListingSummaryRow[], notices: NoticeRow[], state: { deleted: boolean }): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('listing.list.title'),
    body: html`<h1>${t('listing.list.title')}</h1>
${state.deleted ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.draftDeleted')}</p></div></div>` : ''}
<p class="font-lead">${t('listing.list.lead')}</p>
<p><a class="button button-primary" href="/leverandoer/ydelser/ny">${t('listing.list.new')}</a></p>
<h2>${t('listing.list.yours')}</h2>
${
  listings.length === 0
    ? html`<p>${t('listing.list.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('listing.list.yours')}</caption>
<thead><tr><th scope="col">${t('listing.list.name')}</th><th scope="col">${t('listing.list.latest')}</th><th scope="col">${t('listing.list.live')}</th><th scope="col">${t('listing.list.updated')}</th></tr></thead>
<tbody>${listings.map(
        (l) =>
          html`<tr><td><a href="/leverandoer/ydelser/${l.listing_id}">${l.latest_name ?? t('listing.unnamed')}</a></td><td>${t('listing.versionN', { version: l.latest_version })}: ${statusLabel(t, l.latest_status)}</td><td>${l.live_version ? t('listing.versionN', { version: l.live_version }) : l.delisted_at ? t('listing.status.delisted') : t('listing.list.notLive')}</td><td>${formatDateTime(ctx.locale, l.updated_at)}</td></tr>`,
      )}</tbody></table></div>`
}
<h2>${t('notice.title')}</h2>
${renderNotices(ctx, notices, { link: (id) => `/leverandoer/ydelser/${id}` })}`,
  });
}

/** What the vendor does next with an open version (one being written or reviewed); no other version has a next step. */
const nextStep: Partial<Record<ListingStatus, MessageKey>> = {
  draft: 'listing.next.draft',
  checks_failed: 'listing.next.checks_failed',
  changes_requested: 'listing.next.changes_requested',
  submitted: 'listing.next.submitted',
  in_review: 'listing.next.in_review',
};

/** One listing as its vendor sees it: live and open version, what to do next, governance's feedback, checks, content, history. */
export function renderListing(
  ctx: PageContext,
  view: ListingView,
  labels: TaxonomyLabels,
  state: { editable: boolean; saved: boolean; submitted: boolean; already?: boolean; canSubmit: boolean },
): SafeHtml {
  const { t } = ctx;
  const open = view.open;
  const next = open && nextStep[open.status];
  const name = open?.name_da ?? view.live?.name_da ?? view.versions[0]?.name_da ?? t('listing.unnamed');
  const feedback = view.transitions.find(
    (tr) =>
      tr.reason && ['changes_requested', 'rejected', 'approved', 'suspended', 'delisted', 'reinstated'].includes(tr.to_status) && tr.actor_role !== 'system',
  );
  const flash = state.submitted
    ? open?.status === 'in_review'
      ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.inReview')}</p></div></div>`
      : html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.checksFailed')}</p></div></div>`
    : state.saved
      ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.saved')}</p></div></div>`
      : state.already
        ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t('form.alreadySubmitted')}</p></div></div>`
        : '';
  const editable = open && state.editable;
  const actions = html`<div class="mt-6 mb-6">
${editable ? html`<a class="button button-secondary" href="/leverandoer/ydelser/${view.listingId}/rediger">${t('listing.action.edit')}</a>` : ''}
${
  editable && state.canSubmit
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/indsend" class="d-inline">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('listing.action.submit')}</button></form>`
    : ''
}
${
  open && view.draftDeletable
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/slet-kladde" class="d-inline">${csrfField(ctx.csrfToken())}<input type="hidden" name="version" value="${String(open.version)}"><button class="button button-secondary" type="submit">${t('listing.action.deleteDraft')}</button></form>`
    : ''
}
${
  !open && !view.delisted
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/ny-version">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('listing.action.nextVersion', { version: (view.versions[0]?.version ?? 0) + 1 })}</button></form>`
    : ''
}
</div>`;
  return renderPage(ctx, {
    title: name,
    body: html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/leverandoer/ydelser">${t('listing.list.title')}</a></nav>
<h1>${name}</h1>
${flash}
<dl class="listing-status">
  <dt>${t('listing.liveVersion')}</dt><dd>${view.live ? html`${t('listing.versionN', { version: view.live.version })} — <a href="/katalog/${view.listingId}">${t('listing.seeInCatalogue')}</a>` : view.delisted ? t('listing.status.delisted') : t('listing.list.notLive')}</dd>
  ${open ? html`<dt>${t('listing.openVersion')}</dt><dd>${t('listing.versionN', { version: open.version })}: <strong>${statusLabel(t, open.status)}</strong>${open.status === 'in_review' ? html` — ${t('listing.inReviewBy', { who: open.assignee_name ?? t('listing.unassigned') })}` : ''}</dd>` : ''}
  ${view.latestClosed ? html`<dt>${t('listing.latestDecision')}</dt><dd>${t('listing.versionN', { version: view.latestClosed.version })}: ${statusLabel(t, view.latestClosed.status)}</dd>` : ''}
</dl>
${next ? html`<p>${t(next)}</p>` : ''}
${feedback ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-heading">${t('listing.feedback', { who: feedback.actor_name, time: formatDateTime(ctx.locale, feedback.at) })}</p><p class="alert-text preserve-lines">${feedback.reason ?? ''}</p></div></div>` : ''}
${actions}
${renderChecks(ctx, view.checks)}
${open ? html`<h2>${t('listing.versionContent', { version: open.version })}</h2>${renderVersion(ctx, open, labels)}` : view.live ? html`<h2>${t('listing.versionContent', { version: view.live.version })}</h2>${renderVersion(ctx, view.live, labels)}` : ''}
${renderHistory(ctx, view.transitions)}`,
  });
}
