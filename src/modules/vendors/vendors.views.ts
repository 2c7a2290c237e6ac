// The vendor portal's pages (virk.dk theme): the company profile and the API clients.
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatDateTime, isOneOf, type Translator } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { ApiClientRow, NewApiClient } from './vendors.credentials.ts';
import type { VendorRow } from './vendors.repository.ts';

const dpaStatuses = ['not_started', 'sent', 'signed'] as const;

const dpaStatusText = (t: Translator, status: string) => (isOneOf(dpaStatuses, status) ? t(`vendor.profile.dpa.${status}`) : status);

/** The profile form's values from a stored vendor. */
export function profileValues(vendor: VendorRow): Record<string, string> {
  return {
    name: vendor.name,
    contactEmail: vendor.contact_email,
    contactPhone: vendor.contact_phone,
    supportUrl: vendor.support_url,
    dpaStatus: vendor.dpa_status,
  };
}

/** The company profile: the form for administrators, the registered facts for developers. */
export function renderProfile(
  ctx: PageContext,
  cvr: string,
  values: Record<string, string>,
  errors: FormErrors,
  state: { registered: boolean; canEdit: boolean; saved: boolean },
): SafeHtml {
  const { t } = ctx;
  const intro = state.registered
    ? ''
    : html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t(state.canEdit ? 'vendor.profile.register' : 'vendor.profile.notRegistered')}</p></div></div>`;
  const saved = state.saved
    ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('vendor.profile.saved')}</p></div></div>`
    : '';
  const body = state.canEdit
    ? html`${errorSummary(t, errors)}
<form method="post" action="/leverandoer/virksomhed" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'name', label: t('vendor.profile.name'), value: values.name, error: errors.name, maxLength: 200, autocomplete: 'organization' })}
  ${textField({ name: 'contactEmail', type: 'email', label: t('vendor.profile.contactEmail'), value: values.contactEmail, error: errors.contactEmail, maxLength: 320, autocomplete: 'email' })}
  ${textField({ name: 'contactPhone', label: t('vendor.profile.contactPhone'), hint: t('vendor.profile.contactPhoneHint'), value: values.contactPhone, error: errors.contactPhone, maxLength: 40, autocomplete: 'tel' })}
  ${textField({ name: 'supportUrl', type: 'url', label: t('vendor.profile.supportUrl'), hint: t('vendor.profile.supportUrlHint'), value: values.supportUrl, error: errors.supportUrl, maxLength: 2000 })}
  <fieldset class="form-group${errors.dpaStatus ? ' form-error' : ''}" id="field-dpaStatus">
    <legend class="form-label">${t('vendor.profile.dpaStatus')}</legend>
    ${errors.dpaStatus ? html`<span class="form-error-message">${errors.dpaStatus}</span>` : ''}
    ${dpaStatuses.map(
      (status) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="dpa-${status}" name="dpaStatus" value="${status}"${values.dpaStatus === status ? html` checked` : ''}><label for="dpa-${status}">${t(`vendor.profile.dpa.${status}`)}</label></div>`,
    )}
  </fieldset>
  <button class="button button-primary" type="submit">${t('vendor.profile.save')}</button>
</form>`
    : state.registered
      ? html`<dl>
  <dt>${t('vendor.profile.name')}</dt><dd>${values.name}</dd>
  <dt>${t('vendor.profile.contactEmail')}</dt><dd>${values.contactEmail}</dd>
  <dt>${t('vendor.profile.contactPhone')}</dt><dd>${values.contactPhone}</dd>
  <dt>${t('vendor.profile.supportUrl')}</dt><dd>${values.supportUrl}</dd>
  <dt>${t('vendor.profile.dpaStatus')}</dt><dd>${dpaStatusText(t, values.dpaStatus ?? 'not_started')}</dd>
</dl>`
      : '';
  return renderPage(ctx, {
    title: t('vendor.profile.title'),
    body: html`<h1>${t('vendor.profile.title')}</h1>
<p class="font-lead">${t('vendor.profile.lead')}</p>
<p><strong>${t('vendor.profile.cvr')}:</strong> ${cvr}</p>
${saved}${intro}${body}`,
  });
}

/** The API clients page: the clients, a new client's secret shown once, and (for administrators) the form for a new one. */
export function renderClients(
  ctx: PageContext,
  clients: ApiClientRow[],
  state: { canEdit: boolean; errors: FormErrors; values: Record<string, string>; created?: NewApiClient; already?: ApiClientRow | undefined },
): SafeHtml {
  const { t } = ctx;
  const created = state.created
    ? html`<div class="alert alert-success" role="status"><div class="alert-body">
<p class="alert-heading">${t('apiClient.created', { name: state.created.name })}</p>
<p class="alert-text">${t('apiClient.secretOnce')}</p>
<dl><dt>client_id</dt><dd><code>${state.created.clientId}</code></dd><dt>client_secret</dt><dd><code>${state.created.clientSecret}</code></dd></dl>
</div></div>`
    : state.already
      ? html`<div class="alert alert-info" role="status"><div class="alert-body">
<p class="alert-heading">${t('apiClient.alreadyCreated', { name: state.already.name })}</p>
<p class="alert-text">${t('apiClient.secretShownOnce')}</p>
<dl><dt>client_id</dt><dd><code>${state.already.client_id}</code></dd></dl>
</div></div>`
      : '';
  return renderPage(ctx, {
    title: t('apiClient.title'),
    body: html`<h1>${t('apiClient.title')}</h1>
<p class="font-lead">${t('apiClient.lead')}</p>
<p>${t('apiClient.how')} <a href="/api/docs">${t('apiClient.docs')}</a></p>
${created}
${
  clients.length === 0
    ? html`<p>${t('apiClient.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('apiClient.title')}</caption>
<thead><tr><th scope="col">${t('apiClient.name')}</th><th scope="col">client_id</th><th scope="col">${t('apiClient.createdAt')}</th><th scope="col">${t('apiClient.lastUsed')}</th><th scope="col">${t('apiClient.status')}</th></tr></thead>
<tbody>${clients.map(
        (c) =>
          html`<tr><td>${c.name}</td><td><code>${c.client_id}</code></td><td>${formatDateTime(ctx.locale, c.created_at)}</td><td>${c.last_used_at ? formatDateTime(ctx.locale, c.last_used_at) : '—'}</td><td>${
            c.revoked_at
              ? t('apiClient.revokedAt', { time: formatDateTime(ctx.locale, c.revoked_at) })
              : state.canEdit
                ? html`<form method="post" action="/leverandoer/api-noegler/${c.id}/spaer">${csrfField(ctx.csrfToken())}<button class="button button-secondary button-small" type="submit" aria-label="${t('apiClient.revokeNamed', { name: c.name })}">${t('apiClient.revoke')}</button></form>`
                : t('apiClient.active')
          }</td></tr>`,
      )}</tbody></table></div>`
}
${
  state.canEdit
    ? html`<h2>${t('apiClient.new')}</h2>
${errorSummary(t, state.errors)}
<form method="post" action="/leverandoer/api-noegler" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(state.values)}
  ${textField({ name: 'name', label: t('apiClient.name'), hint: t('apiClient.nameHint'), value: state.values.name, error: state.errors.name, maxLength: 100 })}
  <button class="button button-primary" type="submit">${t('apiClient.create')}</button>
</form>`
    : ''
}`,
  });
}
