// Outbound delivery's pages: a vendor's or a municipality's webhook endpoints and deliveries, and governance's dead letters.
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatDateTime, isOneOf, type MessageKey, type Translator } from '../../platform/i18n/index.ts';
import type { WebhookDeliveryStatus, WebhookDisabledReason } from '../../platform/db/schema.ts';
import { checkboxGroup, csrfField, errorSummary, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { DeliveryRow, EndpointRow, ShownSecret, WebhookPermissions } from './webhooks.service.ts';
import { formValueOfType, municipalityEventTypes, vendorEventTypes } from './webhooks.schemas.ts';

const eventTypes = [...vendorEventTypes, ...municipalityEventTypes] as const;

const eventLabels = {
  'consent.withdrawn': 'webhooks.event.consent.withdrawn',
  'plan.listing-assigned': 'webhooks.event.plan.listing-assigned',
  'listing.suspended': 'webhooks.event.listing.suspended',
  'listing.reinstated': 'webhooks.event.listing.reinstated',
  'deletion.requested': 'webhooks.event.deletion.requested',
  'escalation.created': 'webhooks.event.escalation.created',
  'local-offer.sign-up': 'webhooks.event.local-offer.sign-up',
  'licence.seats-low': 'webhooks.event.licence.seats-low',
  'activity.completed': 'webhooks.event.activity.completed',
} satisfies Record<(typeof eventTypes)[number], MessageKey>;

const disabledTexts = {
  owner: 'webhooks.disabled.owner',
  gone: 'webhooks.disabled.gone',
  failing: 'webhooks.disabled.failing',
} satisfies Record<WebhookDisabledReason, MessageKey>;

const deliveryTexts = {
  pending: 'webhooks.delivery.pending',
  delivered: 'webhooks.delivery.delivered',
  dead: 'webhooks.delivery.dead',
} satisfies Record<WebhookDeliveryStatus, MessageKey>;

const noticeTexts = {
  testSent: 'webhooks.testSent',
  redriven: 'webhooks.redriven',
  alreadyCreated: 'webhooks.alreadyCreated',
} satisfies Record<string, MessageKey>;

function eventLabel(t: Translator, type: string | null): string {
  if (type === null) return t('webhooks.testType');
  return isOneOf(eventTypes, type) ? t(eventLabels[type]) : type;
}

function endpointStatus(ctx: PageContext, endpoint: EndpointRow): string {
  const { t } = ctx;
  if (endpoint.status === 'disabled' && endpoint.disabled_reason && endpoint.disabled_at)
    return t(disabledTexts[endpoint.disabled_reason], { time: formatDateTime(ctx.locale, endpoint.disabled_at) });
  if (endpoint.failing_since) return t('webhooks.failingSince', { time: formatDateTime(ctx.locale, endpoint.failing_since) });
  return t('webhooks.active');
}

function lastAnswer(ctx: PageContext, delivery: DeliveryRow): string {
  if (!delivery.last_attempt_at) return '—';
  const when = formatDateTime(ctx.locale, delivery.last_attempt_at);
  return `${delivery.last_status === null ? ctx.t('webhooks.noAnswer') : `HTTP ${delivery.last_status}`} (${when})`;
}

function redriveButton(ctx: PageContext, action: string, delivery: DeliveryRow): SafeHtml {
  return html`<form method="post" action="${action}">${csrfField(ctx.csrfToken())}<button class="button button-secondary button-small" type="submit" aria-label="${ctx.t('webhooks.redriveNamed', { id: delivery.message_id })}">${ctx.t('webhooks.redrive')}</button></form>`;
}

function deliveriesTable(ctx: PageContext, deliveries: DeliveryRow[], options: { redriveBase?: string | undefined; owner?: boolean }): SafeHtml {
  const { t } = ctx;
  if (deliveries.length === 0) return html`<p>${t('webhooks.noDeliveries')}</p>`;
  return html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('webhooks.deliveries')}</caption>
<thead><tr><th scope="col">${t('webhooks.deliveryId')}</th><th scope="col">${t('webhooks.type')}</th><th scope="col">${t('webhooks.url')}</th>${
    options.owner ? html`<th scope="col">${t('webhooks.owner')}</th>` : ''
  }<th scope="col">${t('webhooks.status')}</th><th scope="col">${t('webhooks.attempts')}</th><th scope="col">${t('webhooks.lastAnswer')}</th></tr></thead>
<tbody>${deliveries.map(
    (d) =>
      html`<tr><td><code>${d.message_id}</code></td><td>${eventLabel(t, d.type)}</td><td><code>${d.url}</code></td>${
        options.owner ? html`<td>${d.vendor_id ?? d.municipality_code ?? ''}</td>` : ''
      }<td>${t(deliveryTexts[d.status])}${
        d.status === 'dead' && options.redriveBase ? redriveButton(ctx, `${options.redriveBase}/${d.id}/gensend`, d) : ''
      }</td><td>${d.attempts}</td><td>${lastAnswer(ctx, d)}${d.last_error ? html`<br><span class="form-hint">${d.last_error.slice(0, 200)}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

/** What the webhooks page of a vendor or a municipality shows. */
export type WebhooksPageModel = {
  base: string;
  header?: SafeHtml | undefined;
  eventTypes: readonly string[];
  endpoints: EndpointRow[];
  deliveries: DeliveryRow[];
  permissions: WebhookPermissions;
  errors: FormErrors;
  values: Record<string, string>;
  checkedTypes: readonly string[];
  shown?: (ShownSecret & { kind: 'created' | 'rotated' }) | undefined;
  notice?: keyof typeof noticeTexts | undefined;
  /** Where the owner's API clients that read the feed are kept, when on another page (the municipality's). */
  apiClientsHref?: string | undefined;
};

/** The endpoints with their actions, a secret shown once, the form for a new endpoint, and the latest deliveries. */
export function renderWebhooks(ctx: PageContext, model: WebhooksPageModel): SafeHtml {
  const { t } = ctx;
  const shown = model.shown
    ? html`<div class="alert alert-success" role="status"><div class="alert-body">
<p class="alert-heading">${t(model.shown.kind === 'created' ? 'webhooks.created' : 'webhooks.rotated')}</p>
<p class="alert-text">${t('webhooks.secretOnce')}</p>
<p><code id="webhook-secret">${model.shown.secret}</code></p>
</div></div>`
    : '';
  const notice = model.notice
    ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t(noticeTexts[model.notice])}</p></div></div>`
    : '';
  const action = (endpoint: EndpointRow, path: string, label: string, named: string) =>
    html`<form method="post" action="${model.base}/${endpoint.id}/${path}" class="d-inline-block mr-3">${csrfField(ctx.csrfToken())}<button class="button button-secondary button-small" type="submit" aria-label="${named}">${label}</button></form>`;
  const endpoints =
    model.endpoints.length === 0
      ? html`<p>${t('webhooks.none')}</p>`
      : html`<ul class="nobullet-list">${model.endpoints.map(
          (e) => html`<li class="mb-5"><p class="mb-2"><code>${e.url}</code>${e.description ? html` — ${e.description}` : ''}</p>
<p class="mt-0 mb-2">${t('webhooks.status')}: <strong>${endpointStatus(ctx, e)}</strong></p>
<p class="mt-0 mb-2">${t('webhooks.eventTypes')}: ${e.event_types.map((type) => eventLabel(t, type)).join(', ')}</p>
${
  model.permissions.manage
    ? e.status === 'active'
      ? html`${action(e, 'test', t('webhooks.test'), t('webhooks.testNamed', { url: e.url }))}${action(e, 'roter', t('webhooks.rotate'), t('webhooks.rotateNamed', { url: e.url }))}${action(e, 'deaktiver', t('webhooks.disable'), t('webhooks.disableNamed', { url: e.url }))}`
      : action(e, 'aktiver', t('webhooks.enable'), t('webhooks.enableNamed', { url: e.url }))
    : ''
}</li>`,
        )}</ul>`;
  const form = model.permissions.manage
    ? html`<h2>${t('webhooks.new')}</h2>
${errorSummary(t, model.errors)}
<form method="post" action="${model.base}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(model.values)}
  ${textField({ name: 'url', label: t('webhooks.url'), hint: t('webhooks.urlHint'), value: model.values.url, error: model.errors.url, maxLength: 500, type: 'url' })}
  ${textField({ name: 'description', label: t('webhooks.description'), value: model.values.description, error: model.errors.description, maxLength: 200 })}
  ${checkboxGroup({
    name: 'eventTypes',
    legend: t('webhooks.eventTypes'),
    hint: t('webhooks.eventTypesHint'),
    error: model.errors.eventTypes,
    choices: model.eventTypes.map((type) => ({ value: formValueOfType(type), label: eventLabel(t, type) })),
    values: model.checkedTypes.map(formValueOfType),
  })}
  <button class="button button-primary" type="submit">${t('webhooks.create')}</button>
</form>`
    : '';
  return renderPage(ctx, {
    title: t('webhooks.title'),
    body: html`${model.header ?? ''}<h1>${t('webhooks.title')}</h1>
<p class="font-lead">${t('webhooks.lead')}</p>
<p>${t('webhooks.how')} <a href="/api/docs">${t('webhooks.docs')}</a></p>
${model.apiClientsHref ? html`<p>${t('municipalityApi.feedLink')} <a href="${model.apiClientsHref}">${t('municipalityApi.feedLinkText')}</a>.</p>` : ''}
${shown}${notice}
<h2>${t('webhooks.endpoints')}</h2>
${endpoints}
${form}
<h2>${t('webhooks.deliveries')}</h2>
${deliveriesTable(ctx, model.deliveries, { redriveBase: model.permissions.redrive ? `${model.base}/leveringer` : undefined })}`,
  });
}

/** Governance's page: every owner's dead letters, with re-drive for its administrator. */
export function renderDeadLetters(ctx: PageContext, model: { nav: SafeHtml; deliveries: DeliveryRow[]; canRedrive: boolean; redriven: boolean }): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('webhooks.deadLetters.title'),
    body: html`${model.nav}<h1>${t('webhooks.deadLetters.title')}</h1>
<p class="font-lead">${t('webhooks.deadLetters.lead')}</p>
${model.redriven ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t('webhooks.redriven')}</p></div></div>` : ''}
${
  model.deliveries.length === 0
    ? html`<p>${t('webhooks.deadLetters.none')}</p>`
    : deliveriesTable(ctx, model.deliveries, { owner: true, redriveBase: model.canRedrive ? '/faellesskab/webhooks' : undefined })
}`,
  });
}
