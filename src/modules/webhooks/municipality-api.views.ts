// The municipal administrator's page of the municipality API's clients: the clients, a new client's secret shown
// once, the form for a new one, and revoke (which asks first).
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { MunicipalityApiClientRow, NewMunicipalityApiClient } from './municipality-api.credentials.ts';

export const API_CLIENTS_PATH = '/kommune/api-klienter';

/** What the page shows: the clients, and a client just created (its secret) or already created by this form. */
export type ApiClientsPageModel = {
  header: SafeHtml;
  clients: MunicipalityApiClientRow[];
  errors: FormErrors;
  values: Record<string, string>;
  created?: NewMunicipalityApiClient | undefined;
  already?: MunicipalityApiClientRow | undefined;
};

export function renderMunicipalityApiClients(ctx: PageContext, model: ApiClientsPageModel): SafeHtml {
  const { t } = ctx;
  const created = model.created
    ? html`<div class="alert alert-success" role="status"><div class="alert-body">
<p class="alert-heading">${t('municipalityApi.created', { name: model.created.name })}</p>
<p class="alert-text">${t('municipalityApi.secretOnce')}</p>
<dl><dt>client_id</dt><dd><code>${model.created.clientId}</code></dd><dt>client_secret</dt><dd><code>${model.created.clientSecret}</code></dd></dl>
</div></div>`
    : model.already
      ? html`<div class="alert alert-info" role="status"><div class="alert-body">
<p class="alert-heading">${t('municipalityApi.alreadyCreated', { name: model.already.name })}</p>
<dl><dt>client_id</dt><dd><code>${model.already.client_id}</code></dd></dl>
</div></div>`
      : '';
  const clients =
    model.clients.length === 0
      ? html`<p>${t('municipalityApi.none')}</p>`
      : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('municipalityApi.title')}</caption>
<thead><tr><th scope="col">${t('municipalityApi.name')}</th><th scope="col">client_id</th><th scope="col">${t('municipalityApi.createdAt')}</th><th scope="col">${t('municipalityApi.lastUsed')}</th><th scope="col">${t('municipalityApi.status')}</th></tr></thead>
<tbody>${model.clients.map(
          (c) =>
            html`<tr><td>${c.name}</td><td><code>${c.client_id}</code></td><td>${formatDateTime(ctx.locale, c.created_at)}</td><td>${c.last_used_at ? formatDateTime(ctx.locale, c.last_used_at) : '—'}</td><td>${
              c.revoked_at
                ? t('municipalityApi.revokedAt', { time: formatDateTime(ctx.locale, c.revoked_at) })
                : html`<form method="post" action="${API_CLIENTS_PATH}/${c.id}/spaer">${csrfField(ctx.csrfToken())}<button class="button button-secondary button-small" type="submit" aria-label="${t('municipalityApi.revokeNamed', { name: c.name })}">${t('municipalityApi.revoke')}</button></form>`
            }</td></tr>`,
        )}</tbody></table></div>`;
  return renderPage(ctx, {
    title: t('municipalityApi.title'),
    body: html`${model.header}<h1>${t('municipalityApi.title')}</h1>
<p class="font-lead">${t('municipalityApi.lead')}</p>
<p>${t('municipalityApi.how')} <a href="/api/docs">${t('municipalityApi.docs')}</a></p>
${created}
${clients}
<h2>${t('municipalityApi.new')}</h2>
${errorSummary(t, model.errors)}
<form method="post" action="${API_CLIENTS_PATH}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(model.values)}
  ${textField({ name: 'name', label: t('municipalityApi.name'), hint: t('municipalityApi.nameHint'), value: model.values.name, error: model.errors.name, maxLength: 100 })}
  <button class="button button-primary" type="submit">${t('municipalityApi.create')}</button>
</form>`,
  });
}
