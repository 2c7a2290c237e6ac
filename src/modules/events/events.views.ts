// The vendor portal's event pages (virk.dk theme): the event log with each rejected item's errors, and the registry
// with the platform's types, their schemas and examples, and the company's own types.
import { formatDateTime, isMessageKey, isOneOf, translate, type Translator } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { PublishedEventType } from './events.registry.ts';
import type { CustomTypeRow } from './events.repository.ts';
import type { EventLog, LogEntry } from './events.service.ts';

const rejectCodes = ['validation', 'cpr', 'not-your-listing', 'not-launched', 'conflict'] as const;

const codeText = (t: Translator, code: string | null) => (code && isOneOf(rejectCodes, code) ? t(`events.code.${code}`) : (code ?? ''));

function errorText(ctx: PageContext, error: { field: string; message: string; params?: Record<string, string | number> }): string {
  return isMessageKey(error.message) ? translate(ctx.locale, error.message, error.params) : error.message;
}

function logQuery(filter: EventLog['filter'], cursor?: string): string {
  const query = new URLSearchParams();
  if (filter.listingId) query.set('ydelse', filter.listingId);
  if (filter.outcome) query.set('udfald', filter.outcome);
  if (cursor) query.set('foer', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

function renderEntry(ctx: PageContext, entry: LogEntry): SafeHtml {
  const { t } = ctx;
  const rejected = entry.outcome === 'rejected';
  return html`<tr>
<td>${formatDateTime(ctx.locale, entry.received_at)}</td>
<td>${entry.listingName ?? '—'}</td>
<td><code>${entry.type ?? '—'}</code></td>
<td><code>${entry.event_id ?? '—'}</code></td>
<td>${entry.received_via === 'xapi' ? 'xAPI' : 'CloudEvents'}</td>
<td>${
    rejected
      ? html`<strong>${t('events.outcome.rejected')}</strong>: ${codeText(t, entry.code)}
<ul class="small-text">${(entry.errors ?? []).map((e) => html`<li><code>${e.field}</code>: ${errorText(ctx, e)}</li>`)}</ul>
${entry.item ? html`<details><summary>${t('events.log.item')}</summary><pre class="small-text preserve-lines">${entry.item}</pre></details>` : ''}`
      : html`${t('events.outcome.accepted')}${entry.occurred_at ? html`<br><span class="small-text">${t('events.log.occurred')}: ${formatDateTime(ctx.locale, entry.occurred_at)}</span>` : ''}`
  }</td>
</tr>`;
}

/** The event log: a filter (listing, outcome) that works without JavaScript, the entries, and a link to older ones. */
export function renderEventLog(ctx: PageContext, log: EventLog, options: { firstPage: boolean }): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('events.log.title'),
    body: html`<h1>${t('events.log.title')}</h1>
<p class="font-lead">${t('events.log.lead')}</p>
<p><a href="/leverandoer/haendelser/typer">${t('events.log.registryLink')}</a></p>
<form method="get" action="/leverandoer/haendelser" class="mb-6">
<fieldset><legend class="h3">${t('events.log.filter')}</legend>
${selectField({
  name: 'ydelse',
  label: t('events.log.listing'),
  emptyLabel: t('events.log.allListings'),
  value: log.filter.listingId,
  choices: log.listings.map((l) => ({ value: l.id, label: l.name || l.id })),
})}
${selectField({
  name: 'udfald',
  label: t('events.log.outcome'),
  emptyLabel: t('events.log.allOutcomes'),
  value: log.filter.outcome,
  choices: [
    { value: 'accepted', label: t('events.outcome.accepted') },
    { value: 'rejected', label: t('events.outcome.rejected') },
  ],
})}
<button class="button button-secondary" type="submit">${t('events.log.show')}</button>
</fieldset>
</form>
${
  log.entries.length === 0
    ? html`<p>${t('events.log.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('events.log.title')}</caption>
<thead><tr><th scope="col">${t('events.log.received')}</th><th scope="col">${t('events.log.listing')}</th><th scope="col">${t('events.log.type')}</th><th scope="col">${t('events.log.eventId')}</th><th scope="col">${t('events.log.via')}</th><th scope="col">${t('events.log.result')}</th></tr></thead>
<tbody>${log.entries.map((entry) => renderEntry(ctx, entry))}</tbody></table></div>`
}
<nav aria-label="${t('events.log.title')}"><ul class="nobullet-list">
${options.firstPage ? '' : html`<li><a href="/leverandoer/haendelser${logQuery(log.filter)}">${t('events.log.first')}</a></li>`}
${log.next ? html`<li><a href="/leverandoer/haendelser${logQuery(log.filter, log.next)}">${t('events.log.next')}</a></li>` : ''}
</ul></nav>`,
  });
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The registry page: the platform's v1 types with schema and example, the company's own types, and (for those who may) the form for a new one. */
export function renderRegistry(
  ctx: PageContext,
  state: {
    types: PublishedEventType[];
    own: CustomTypeRow[];
    prefix: string;
    canCreate: boolean;
    errors: FormErrors;
    values: Record<string, string>;
    created?: string | undefined;
  },
): SafeHtml {
  const { t } = ctx;
  const example = (type: PublishedEventType) => ({
    specversion: '1.0',
    id: '0b6f7a52-2f2c-4d55-9a47-7c1f3e2d9a10',
    source: '/listings/<listing id>',
    type: type.type,
    subject: '<pairwise sub>',
    time: '2027-03-01T10:00:00+01:00',
    datacontenttype: 'application/json',
    data: type.example,
  });
  return renderPage(ctx, {
    title: t('events.registry.title'),
    body: html`<h1>${t('events.registry.title')}</h1>
<p class="font-lead">${t('events.registry.lead', { url: '/api/public/v1/event-types' })}</p>
${state.created ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('events.registry.created', { type: state.created })}</p></div></div>` : ''}
<h2>${t('events.registry.v1')}</h2>
${state.types.map(
  (type) => html`<section class="mb-6" aria-labelledby="type-${type.type.replaceAll('.', '-')}">
<h3 id="type-${type.type.replaceAll('.', '-')}"><code>${type.type}</code></h3>
<p>${type.summary}</p>
<details><summary>${t('events.registry.schema')}</summary><pre class="small-text">${pretty(type.dataSchema)}</pre></details>
<details><summary>${t('events.registry.example')}</summary><pre class="small-text">${pretty(example(type))}</pre></details>
</section>`,
)}
<h2>${t('events.registry.own')}</h2>
<p>${t('events.registry.ownLead', { prefix: state.prefix })}</p>
${
  state.own.length === 0
    ? html`<p>${t('events.registry.noOwn')}</p>`
    : html`<ul class="nobullet-list">${state.own.map(
        (type) => html`<li class="mb-5"><code>${type.type}</code>${type.description ? html` — ${type.description}` : ''}
${type.data_schema ? html`<details><summary>${t('events.registry.schema')}</summary><pre class="small-text">${pretty(type.data_schema)}</pre></details>` : html`<p class="small-text">${t('events.registry.noSchema')}</p>`}</li>`,
      )}</ul>`
}
${
  state.canCreate
    ? html`<h2>${t('events.registry.new')}</h2>
${errorSummary(t, state.errors)}
<form method="post" action="/leverandoer/haendelser/typer" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'name', label: t('events.registry.name'), hint: t('events.registry.nameHint'), value: state.values.name, error: state.errors.name, maxLength: 100 })}
  ${textField({ name: 'description', label: t('events.registry.description'), value: state.values.description, error: state.errors.description, maxLength: 500, optional: true })}
  ${textArea({ name: 'dataSchema', label: t('events.registry.dataSchema'), hint: t('events.registry.dataSchemaHint'), value: state.values.dataSchema, error: state.errors.dataSchema, rows: 8, optional: true })}
  <button class="button button-primary" type="submit">${t('events.registry.create')}</button>
</form>`
    : ''
}`,
  });
}
