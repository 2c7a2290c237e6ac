// How the caseworker's caseload overview looks: three lists, each with its count, a page at a time.
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { Caseload, CaseloadList, CaseloadListName } from './caseload.service.ts';

const citizenPath = (citizenId: string) => `/medarbejder/borgere/${citizenId}`;

/** The address of the overview with one list moved on to its next page, the others kept where they are. */
function moreHref(cursors: Partial<Record<CaseloadListName, string>>, list: CaseloadListName, next: string, limit: number): string {
  const kept = Object.entries(cursors).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const query = new URLSearchParams({ ...Object.fromEntries(kept), [list]: next, ...(limit === 25 ? {} : { limit: String(limit) }) });
  return `/medarbejder/overblik?${query.toString()}`;
}

function section<T>(
  ctx: PageContext,
  options: {
    id: CaseloadListName;
    heading: string;
    none: string;
    list: CaseloadList<T>;
    columns: string[];
    row: (item: T) => SafeHtml;
    cursors: Partial<Record<CaseloadListName, string>>;
    limit: number;
  },
): SafeHtml {
  const { t } = ctx;
  const { id, list } = options;
  return html`<section aria-labelledby="${id}" class="mt-7">
<h2 id="${id}">${options.heading}</h2>
${
  list.items.length === 0
    ? html`<p>${options.none}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${options.heading}</caption>
<thead><tr>${options.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${list.items.map(options.row)}</tbody></table></div>`
}
${list.nextCursor ? html`<p><a href="${moreHref(options.cursors, id, list.nextCursor, options.limit)}">${t('journey.caseload.more')}<span class="sr-only">: ${options.heading}</span></a></p>` : ''}
</section>`;
}

function waitingText(ctx: PageContext, days: number): string {
  if (days <= 0) return ctx.t('journey.caseload.waitingToday');
  return days === 1 ? ctx.t('journey.caseload.waitingDay') : ctx.t('journey.caseload.waitingDays', { days });
}

/** The overview: escalations waiting (oldest first, with their age), citizens without a plan, plans quiet for 30 days; every row opens the citizen's page. */
export function renderCaseload(ctx: PageContext, caseload: Caseload, options: { cursors: Partial<Record<CaseloadListName, string>>; limit: number }): SafeHtml {
  const { t } = ctx;
  const { cursors, limit } = options;
  const nameCell = (id: string, name: string) => html`<td><a href="${citizenPath(id)}">${name}</a></td>`;
  return html`<h1>${t('journey.caseload.title')}</h1>
<p class="font-lead">${t('journey.caseload.lead')}</p>
${section(ctx, {
  id: 'henvendelser',
  heading: t('journey.caseload.escalations', { count: caseload.escalations.count }),
  none: t('journey.caseload.escalationsNone'),
  list: caseload.escalations,
  columns: [t('journey.caseload.citizen'), t('journey.caseload.waiting'), t('journey.caseload.status')],
  row: (e) =>
    html`<tr>${nameCell(e.citizen_id, e.citizen_name)}<td>${waitingText(ctx, e.days)}</td><td><a href="/medarbejder/henvendelser/${e.id}">${
      e.status === 'in_progress' ? t('journey.escalation.status.in_progress', { who: e.assignee_name ?? '' }) : t('journey.escalation.status.open')
    }</a></td></tr>`,
  cursors,
  limit,
})}
${section(ctx, {
  id: 'udenPlan',
  heading: t('journey.caseload.withoutPlan', { count: caseload.withoutPlan.count }),
  none: t('journey.caseload.withoutPlanNone'),
  list: caseload.withoutPlan,
  columns: [t('journey.caseload.citizen')],
  row: (c) => html`<tr>${nameCell(c.id, c.full_name)}</tr>`,
  cursors,
  limit,
})}
${section(ctx, {
  id: 'inaktive',
  heading: t('journey.caseload.inactive', { count: caseload.inactive.count }),
  none: t('journey.caseload.inactiveNone'),
  list: caseload.inactive,
  columns: [t('journey.caseload.citizen'), t('journey.caseload.quiet')],
  row: (c) => html`<tr>${nameCell(c.id, c.full_name)}<td>${t('journey.caseload.quietDays', { days: c.days })}</td></tr>`,
  cursors,
  limit,
})}`;
}
