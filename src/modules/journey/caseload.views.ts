// How the caseworker's caseload overview looks: three lists, each with its count, a page at a time.
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { Caseload, CaseloadList, CaseloadListName, CaseloadView, CitizenAssignment } from './caseload.service.ts';
import type { CaseloadListQuery } from './journey.schemas.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import { csrfField, selectField, textArea, type FormErrors } from '../../platform/views/components.ts';
import { danishText } from '../../platform/views/layout.ts';
import { renderLookupForm } from '../identity/index.ts';

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

/** The caseload's tabs: whose citizens (the caseworker's own, unassigned, the team's) and those helped before. */
const caseloadTabs = [
  { vis: 'mine', text: 'journey.caseload.tabMine' },
  { vis: 'ufordelte', text: 'journey.caseload.tabUnassigned' },
  { vis: 'team', text: 'journey.caseload.tabTeam' },
  { vis: 'tidligere', text: 'journey.citizens.tabBefore' },
] as const;

/** The tabs above "Mine borgere", the current one marked. */
export function renderCaseloadTabs(ctx: PageContext, current: CaseloadListQuery['vis']): SafeHtml {
  const { t } = ctx;
  const here = current ?? 'mine';
  return html`<nav aria-label="${t('journey.citizens.tabs')}"><ul class="nobullet-list d-flex">${caseloadTabs.map(
    (tab) =>
      html`<li class="mr-5">${
        tab.vis === here
          ? html`<a href="/medarbejder/borgere?vis=${tab.vis}" aria-current="page"><strong>${t(tab.text)}</strong></a>`
          : html`<a href="/medarbejder/borgere?vis=${tab.vis}">${t(tab.text)}</a>`
      }</li>`,
  )}</ul></nav>`;
}

const leads = { mine: 'journey.caseload.leadMine', ufordelte: 'journey.caseload.leadUnassigned', team: 'journey.caseload.leadTeam' } as const;

/**
 * The caseload (/medarbejder/borgere): the tabs, a filter form (a GET: it works without JavaScript, and a filtered list
 * can be bookmarked), the citizens with their facts, and pages. Opening a citizen asks the purpose first.
 */
export function renderCaseloadList(ctx: PageContext, view: CaseloadView, query: CaseloadListQuery, organisationName: string): SafeHtml {
  const { t } = ctx;
  const vis = query.vis === 'ufordelte' || query.vis === 'team' ? query.vis : 'mine';
  const checked = (on: boolean) => (on ? html` checked` : '');
  const flags = [
    ['henvendelse', 'journey.caseload.filterWaiting'],
    ['udenPlan', 'journey.caseload.filterWithoutPlan'],
    ['inaktiv', 'journey.caseload.filterInactive'],
    ['ulaest', 'journey.caseload.unread'],
    ['moede', 'journey.caseload.meeting'],
  ] as const;
  const option = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const linkTo = (page: number) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && name !== 'side' && name !== 'cursor') params.set(name, String(value));
    if (page > 1) params.set('side', String(page));
    const text = params.toString();
    return `/medarbejder/borgere${text ? `?${text}` : ''}`;
  };
  const named = (terms: readonly { code: string; name_da: string; name_en: string }[], code: string | null) => {
    const term = terms.find((x) => x.code === code);
    return term ? (ctx.locale === 'en' ? term.name_en : term.name_da) : '—';
  };
  const days = (since: Date) => Math.max(0, Math.floor((Date.now() - since.getTime()) / 86_400_000));
  return html`<h1>${t('journey.citizens.title')}</h1>
<p class="font-lead">${t(leads[vis])}</p>
<p>${t('journey.citizens.organisation')}: <strong>${danishText(ctx, organisationName)}</strong></p>
${renderCaseloadTabs(ctx, vis)}
<form method="get" action="/medarbejder/borgere" class="mt-4" aria-labelledby="caseload-filters">
<h2 id="caseload-filters" class="h4">${t('journey.caseload.filters')}</h2>
<input type="hidden" name="vis" value="${vis}">
<div class="row">
<div class="col-12 col-md-4"><div class="form-group"><label class="form-label" for="field-maalgruppe">${t('journey.caseload.targetGroup')}</label>
<select class="form-select" id="field-maalgruppe" name="maalgruppe">${option('', t('journey.caseload.any'), query.maalgruppe ?? '')}${view.taxonomies.targetGroups.map(
    (g) => option(g.code, ctx.locale === 'en' ? g.name_en : g.name_da, query.maalgruppe),
  )}</select></div></div>
<div class="col-12 col-md-4"><div class="form-group"><label class="form-label" for="field-fase">${t('journey.caseload.stage')}</label>
<select class="form-select" id="field-fase" name="fase">${option('', t('journey.caseload.any'), query.fase ?? '')}${view.taxonomies.journeyStages.map((s) =>
    option(s.code, ctx.locale === 'en' ? s.name_en : s.name_da, query.fase),
  )}</select></div></div>
<div class="col-12 col-md-4"><div class="form-group"><label class="form-label" for="field-sort">${t('journey.caseload.sort')}</label>
<select class="form-select" id="field-sort" name="sort">${option('navn', t('journey.caseload.sortName'), query.sort ?? 'navn')}${option('henvendelse', t('journey.caseload.sortWaiting'), query.sort)}${option(
    'moede',
    t('journey.caseload.sortMeeting'),
    query.sort,
  )}${option('stille', t('journey.caseload.sortQuiet'), query.sort)}</select></div></div>
</div>
<fieldset class="form-group"><legend class="form-label">${t('journey.caseload.only')}</legend>
<ul class="nobullet-list d-flex flex-wrap">${flags.map(
    ([name, label]) =>
      html`<li class="form-group-checkbox mr-5"><input type="checkbox" class="form-checkbox" id="field-${name}" name="${name}" value="1"${checked(query[name] === '1')}><label for="field-${name}">${t(label)}</label></li>`,
  )}</ul></fieldset>
<button class="button button-secondary" type="submit">${t('journey.caseload.apply')}</button>
</form>
<p class="mt-5" role="status"><strong>${t('journey.caseload.count', { count: formatNumber(ctx.locale, view.total) })}</strong></p>
${
  view.rows.length === 0
    ? html`<p>${t('journey.citizens.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('journey.citizens.title')}</caption>
<thead><tr><th scope="col">${t('journey.citizens.citizen')}</th><th scope="col">${t('journey.caseload.targetGroup')}</th><th scope="col">${t('journey.caseload.stage')}</th><th scope="col">${t('journey.caseload.caseworker')}</th><th scope="col">${t('journey.citizens.escalation')}</th><th scope="col">${t('journey.caseload.unreadCount')}</th><th scope="col">${t('journey.caseload.nextMeeting')}</th><th scope="col">${t('journey.caseload.lastActivity')}</th></tr></thead>
<tbody>${view.rows.map(
        (r) =>
          html`<tr><td><a href="${citizenPath(r.citizen_id)}">${r.full_name}</a><br><span class="small-text">${t('journey.citizens.since')}: ${
            r.responsible_since ? formatCalendarDate(ctx.locale, r.responsible_since) : t('journey.citizens.sinceStart')
          }</span></td><td>${named(view.taxonomies.targetGroups, r.target_group)}</td><td>${named(
            view.taxonomies.journeyStages,
            r.journey_stage,
          )}</td><td>${r.caseworker_name ?? t('journey.caseload.nobody')}</td><td>${
            r.waiting_since && r.waiting_escalation_id
              ? html`<a href="/medarbejder/henvendelser/${r.waiting_escalation_id}">${t('journey.caseload.waitingFor', { days: days(r.waiting_since) })}</a>`
              : '—'
          }</td><td>${
            r.unread_threads > 0 ? formatNumber(ctx.locale, r.unread_threads) : '—'
          }</td><td>${r.next_meeting_at ? formatDateTime(ctx.locale, r.next_meeting_at) : '—'}</td><td>${r.last_activity_at ? formatDate(ctx.locale, r.last_activity_at) : '—'}</td></tr>`,
      )}</tbody></table></div>`
}
${
  pages > 1
    ? html`<nav aria-label="${t('journey.caseload.pageOf', { page: view.page, pages })}"><p>${view.page > 1 ? html`<a href="${linkTo(view.page - 1)}">${t('journey.caseload.previous')}</a> · ` : ''}${t(
        'journey.caseload.pageOf',
        { page: view.page, pages },
      )}${view.page < pages ? html` · <a href="${linkTo(view.page + 1)}">${t('journey.caseload.next')}</a>` : ''}</p></nav>`
    : ''
}
<section aria-labelledby="cpr-opslag" class="mt-7">
<h2 id="cpr-opslag">${t('journey.citizens.lookup')}</h2>
<p>${t('lookup.lead')}</p>
${renderLookupForm(ctx, {}, {})}
</section>`;
}

/** On the citizen's page: who the citizen is assigned to, the latest hand-overs, and (while the organisation serves them) the form to assign or hand over. */
export function renderAssignmentSection(
  ctx: PageContext,
  citizenId: string,
  assignment: CitizenAssignment,
  form: { values: Record<string, string>; errors: FormErrors; saved: boolean },
): SafeHtml {
  const { t } = ctx;
  const current = assignment.current;
  return html`<section aria-labelledby="assign-heading" class="mt-7">
<h2 id="assign-heading">${t('journey.assign.title')}</h2>
${form.saved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('journey.assign.saved')}</p></div></div>` : ''}
<p>${current ? t('journey.assign.current', { name: current.caseworker_name, date: formatDate(ctx.locale, current.assigned_at) }) : t('journey.assign.none')}</p>
${
  assignment.caseworkers.length > 0
    ? html`<form method="post" action="/medarbejder/borgere/${citizenId}/sagsbehandler" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${selectField({
    name: 'caseworker',
    label: t('journey.assign.caseworker'),
    value: form.values.caseworker ?? current?.caseworker_subject ?? '',
    error: form.errors.caseworker,
    choices: assignment.caseworkers.map((c) => ({ value: c.subject, label: c.name })),
    emptyLabel: t('journey.assign.toTeam'),
  })}
  ${textArea({ name: 'note', label: t('journey.assign.note'), value: form.values.note, error: form.errors.note, maxLength: 1000, rows: 2 })}
  <button class="button button-secondary" type="submit">${t('journey.assign.submit')}</button>
</form>`
    : ''
}
${
  assignment.changes.length > 0
    ? html`<h3 class="h5">${t('journey.assign.history')}</h3><ul>${assignment.changes.map(
        (c) =>
          html`<li>${t('journey.assign.change', {
            date: formatDateTime(ctx.locale, c.changed_at),
            by: c.by_name,
            from: c.from_name ?? t('journey.caseload.nobody'),
            to: c.to_name ?? t('journey.caseload.nobody'),
          })}${c.note ? html`<br><span class="small-text preserve-lines">${c.note}</span>` : ''}</li>`,
      )}</ul>`
    : ''
}
</section>`;
}
