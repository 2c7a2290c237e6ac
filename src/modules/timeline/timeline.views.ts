// How the timeline looks: the filter (service, type) as a plain GET form, the entries newest first with their time,
// "Registreret i Joblog …" where an application or meeting landed there, and the way to older entries.
import { formatCalendarDate, formatDateTime, formatNumber, type MessageKey } from '../../platform/i18n/index.ts';
import { selectField } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { TimelineCategory, TimelineRow } from './timeline.repository.ts';
import { timelineCategories } from './timeline.schemas.ts';
import type { CitizenTimelineView, TimelineView } from './timeline.service.ts';
import { readPurposeText } from '../identity/index.ts';

const categoryText = {
  service: 'timeline.type.service',
  'job-search': 'timeline.type.jobSearch',
  plan: 'timeline.type.plan',
  'local-offer': 'timeline.type.localOffer',
  screening: 'timeline.type.screening',
  meeting: 'timeline.type.meeting',
} as const satisfies Record<TimelineCategory, MessageKey>;

const eventText = {
  'dk.jobunivers.activity.started': 'timeline.event.started',
  'dk.jobunivers.activity.completed': 'timeline.event.completed',
  'dk.jobunivers.activity.dropped': 'timeline.event.dropped',
} as const satisfies Record<string, MessageKey>;

const planStatusText = {
  planned: 'journey.status.planned',
  in_progress: 'journey.status.in_progress',
  done: 'journey.status.done',
  dropped: 'journey.status.dropped',
} as const satisfies Record<string, MessageKey>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function serviceName(ctx: PageContext, row: Pick<TimelineRow, 'listing_name_da' | 'listing_name_en'>): string {
  return (ctx.locale === 'en' ? row.listing_name_en || row.listing_name_da : row.listing_name_da) || '—';
}

function titleOf(ctx: PageContext, row: TimelineRow): string {
  return (ctx.locale === 'en' ? row.title_en || row.title_da : row.title_da) || '—';
}

/** What one entry says, in the reader's language. */
function entryText(ctx: PageContext, row: TimelineRow): string {
  const { t } = ctx;
  const data = row.data;
  switch (row.kind) {
    case 'event': {
      const service = serviceName(ctx, row);
      const type = row.event_type ?? '';
      if (type in eventText) return t(eventText[type as keyof typeof eventText], { service });
      if (type === 'dk.jobunivers.activity.progress')
        return t('timeline.event.progress', { service, percent: formatNumber(ctx.locale, typeof data.percent === 'number' ? data.percent : 0) });
      if (type === 'dk.jobunivers.activity.certificate-issued') return t('timeline.event.certificate', { service, title: text(data.title) });
      if (type === 'dk.jobunivers.activity.application-sent')
        return t('timeline.event.application', { jobTitle: text(data.jobTitle), employer: text(data.employer) });
      if (type === 'dk.jobunivers.activity.meeting-held') return t('timeline.event.meeting', { employer: text(data.employer) });
      return t('timeline.event.other', { service, type });
    }
    case 'plan-created':
      return t('timeline.plan.created', { title: titleOf(ctx, row) });
    case 'plan-changed': {
      const status = text(data.status);
      return t('timeline.plan.changed', {
        title: titleOf(ctx, row),
        status: status in planStatusText ? t(planStatusText[status as keyof typeof planStatusText]) : status,
      });
    }
    case 'sign-up':
      return t('timeline.signUp', { title: titleOf(ctx, row) });
    case 'sign-up-cancelled':
      return t('timeline.signUpCancelled', { title: titleOf(ctx, row) });
    case 'screening':
      return t('timeline.screening');
    case 'joblog': {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(text(data.on)) ? formatCalendarDate(ctx.locale, text(data.on)) : '';
      return data.kind === 'application'
        ? t('timeline.joblog.application', { jobTitle: text(data.jobTitle), employer: text(data.employer), date })
        : t('timeline.joblog.meeting', { employer: text(data.employer), date });
    }
    case 'job-suggested':
      return t('timeline.jobSuggestion.suggested', { organisation: text(data.organisation), title: titleOf(ctx, row), employer: text(data.employer) });
    case 'job-suggestion-answered': {
      const answer = text(data.answer);
      const facts = { title: titleOf(ctx, row), employer: text(data.employer) };
      if (answer === 'will_apply') {
        const date = /^\d{4}-\d{2}-\d{2}$/.test(text(data.applyBy)) ? formatCalendarDate(ctx.locale, text(data.applyBy)) : '';
        return t('timeline.jobSuggestion.willApply', { ...facts, date });
      }
      return t(answer === 'applied' ? 'timeline.jobSuggestion.applied' : 'timeline.jobSuggestion.notRelevant', facts);
    }
    case 'meeting-booked':
    case 'meeting-cancelled':
    case 'meeting-outcome': {
      const startsAt = new Date(text(data.startsAt));
      const facts = { organisation: text(data.organisation), when: Number.isNaN(startsAt.getTime()) ? '' : formatDateTime(ctx.locale, startsAt) };
      if (row.kind === 'meeting-booked') return t('timeline.meeting.booked', facts);
      if (row.kind === 'meeting-cancelled') return t(data.by === 'staff' ? 'timeline.meeting.cancelledByStaff' : 'timeline.meeting.cancelled', facts);
      return t(data.outcome === 'held' ? 'timeline.meeting.held' : 'timeline.meeting.notHeld', facts);
    }
  }
}

/** "Registreret i Joblog 3. december 2026 kl. 14.05" under an application or meeting that landed there. */
function joblogNote(ctx: PageContext, row: TimelineRow): SafeHtml | string {
  if (row.joblog_status === 'registered' && row.joblog_registered_at)
    return html`<p class="small-text mt-2 mb-0">${ctx.t('joblog.registeredAt', { at: formatDateTime(ctx.locale, row.joblog_registered_at) })}</p>`;
  if (row.joblog_status === 'pending') return html`<p class="small-text mt-2 mb-0">${ctx.t('joblog.status.pending')}</p>`;
  if (row.joblog_status === 'failed') return html`<p class="small-text mt-2 mb-0">${ctx.t('joblog.status.failed')}</p>`;
  return '';
}

function renderEntries(ctx: PageContext, items: TimelineRow[]): SafeHtml {
  return html`<ol class="nobullet-list timeline-entries">${items.map(
    (row) =>
      html`<li class="mb-5"><p class="small-text mb-0"><time datetime="${row.at.toISOString()}">${formatDateTime(ctx.locale, row.at)}</time> · ${ctx.t(categoryText[row.category])}</p><p class="mt-1 mb-0">${entryText(ctx, row)}</p>${row.kind === 'event' && row.category === 'job-search' ? html`<p class="small-text mt-1 mb-0">${ctx.t('timeline.event.via', { service: serviceName(ctx, row) })}</p>` : ''}${joblogNote(ctx, row)}</li>`,
  )}</ol>`;
}

/** The query string of a timeline link: the filters, a cursor, and (for a caseworker) the purpose. */
function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

function filterForm(ctx: PageContext, view: TimelineView, action: string, hidden: Record<string, string>): SafeHtml {
  const { t } = ctx;
  return html`<form method="get" action="${action}" class="mt-5" aria-labelledby="filter-heading">
<h2 id="filter-heading" class="h3">${t('timeline.filter.heading')}</h2>
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${selectField({
  name: 'tjeneste',
  label: t('timeline.filter.service'),
  emptyLabel: t('timeline.filter.allServices'),
  value: view.filter.listingId,
  choices: view.services.map((s) => ({ value: s.listing_id, label: (ctx.locale === 'en' ? s.name_en || s.name_da : s.name_da) || '—' })),
})}
${selectField({
  name: 'type',
  label: t('timeline.filter.type'),
  emptyLabel: t('timeline.filter.allTypes'),
  value: view.filter.category,
  choices: timelineCategories.map((c) => ({ value: c, label: t(categoryText[c]) })),
})}
<button class="button button-secondary" type="submit">${t('timeline.filter.submit')}</button>
${view.filter.listingId || view.filter.category ? html` <a href="${action}${query(hidden)}">${t('timeline.filter.clear')}</a>` : ''}
</form>`;
}

function renderTimelineBody(ctx: PageContext, view: TimelineView, action: string, hidden: Record<string, string>, emptyNext: SafeHtml | string): SafeHtml {
  const { t } = ctx;
  const filtered = Boolean(view.filter.listingId || view.filter.category);
  const filters = { tjeneste: view.filter.listingId, type: view.filter.category };
  const entries =
    view.items.length > 0
      ? renderEntries(ctx, view.items)
      : filtered || view.later
        ? html`<p>${t('timeline.emptyFiltered')}</p>`
        : html`<p>${t('timeline.empty')}</p>${emptyNext}`;
  return html`${filterForm(ctx, view, action, hidden)}
<section aria-labelledby="entries-heading" class="mt-7">
<h2 id="entries-heading" class="sr-only">${t('timeline.title')}</h2>
${entries}
<nav aria-label="${t('timeline.pagination')}" class="mt-5">
${view.nextCursor ? html`<a class="button button-secondary" href="${action}${query({ ...hidden, ...filters, cursor: view.nextCursor })}">${t('timeline.more')}</a>` : ''}
${view.later ? html` <a href="${action}${query({ ...hidden, ...filters })}">${t('timeline.first')}</a>` : ''}
</nav>
</section>`;
}

/** The citizen's timeline ("Min jobrejse"): filters, entries, older ones; with nothing yet, what to do next. */
export function renderOwnTimeline(ctx: PageContext, view: TimelineView): SafeHtml {
  const { t } = ctx;
  const emptyNext = html`<p>${t('timeline.emptyNext')}</p><ul><li><a href="/borger/markedsplads">${t('nav.citizen.marketplace')}</a></li><li><a href="/borger/joblog">${t('timeline.joblogPage')}</a></li><li><a href="/borger/jobrejse">${t('nav.citizen.journey')}</a></li></ul>`;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/borger/jobrejse">${t('nav.citizen.journey')}</a></nav>
<h1>${t('timeline.title')}</h1>
<p class="font-lead">${t('timeline.lead')}</p>
<p><a href="/borger/joblog">${t('joblog.startLink')}</a></p>
${renderTimelineBody(ctx, view, '/borger/tidslinje', {}, emptyNext)}`;
}

/** A citizen's timeline for the caseworker, with the purpose it was opened for (written to the citizen's Min Log). */
export function renderCitizenTimeline(ctx: PageContext, view: CitizenTimelineView): SafeHtml {
  const { t } = ctx;
  const back = `/medarbejder/borgere/${view.citizen.id}`;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="${back}">${t('timeline.caseworker.back')}</a></nav>
<h1>${t('timeline.caseworker.title', { name: view.citizen.full_name })}</h1>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('timeline.caseworker.logged', { purpose: readPurposeText(ctx.locale, view.purpose) })}</p></div></div>
${renderTimelineBody(ctx, view, `/medarbejder/borgere/${view.citizen.id}/tidslinje`, {}, '')}`;
}
