// How the municipal dashboard and governance's oversight look: a period form, key figures against the previous period
// and the national median, charts (server-drawn SVG) each followed by its data table, and a CSV link under every
// table. Works without JavaScript.
import type { Locale } from '../../platform/i18n/index.ts';
import { formatCalendarDate, formatNumber } from '../../platform/i18n/index.ts';
import { errorSummary, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { barChart, columnChart } from './statistics.charts.ts';
import { monthName } from './statistics.views.ts';
import {
  figureKeys,
  MIN_SEARCHES_SHOWN,
  type Dashboard,
  type DayRange,
  type FigureKey,
  type FunnelRow,
  type SearchTerm,
  type Term,
} from './dashboard.service.ts';
import type { Oversight } from './oversight.service.ts';

export const DASHBOARD_PATH = '/kommune/overblik';
export const OVERSIGHT_PATH = '/faellesskab/overblik';

/** The tables of the dashboard that download as CSV, by their name in the address. */
export const dashboardTables = ['noegletal', 'uger', 'tilbud', 'grupper', 'lokale', 'fravalgt', 'soegeord', 'uden-resultat', 'licenser', 'pladser'] as const;
export type DashboardTable = (typeof dashboardTables)[number];
export const oversightTables = ['leverandoerer', 'tilbud', 'kommuner', 'flag'] as const;
export type OversightTable = (typeof oversightTables)[number];

const figureLabels = {
  reach: 'statistics.dashboard.figure.reach',
  screenings: 'statistics.dashboard.figure.screenings',
  escalations: 'statistics.dashboard.figure.escalations',
  searches: 'statistics.dashboard.figure.searches',
  searchesWithoutResults: 'statistics.dashboard.figure.searchesWithoutResults',
  shown: 'statistics.dashboard.figure.shown',
  viewed: 'statistics.dashboard.figure.viewed',
  launches: 'statistics.dashboard.figure.launches',
  starts: 'statistics.dashboard.figure.starts',
  completions: 'statistics.dashboard.figure.completions',
  completionRate: 'statistics.dashboard.figure.completionRate',
  drops: 'statistics.dashboard.figure.drops',
  ratings: 'statistics.dashboard.figure.ratings',
  averageRating: 'statistics.dashboard.figure.averageRating',
  signUps: 'statistics.dashboard.figure.signUps',
  attended: 'statistics.dashboard.figure.attended',
} as const satisfies Record<FigureKey, MessageKey>;

const isRate = (key: FigureKey) => key === 'completionRate';
const isAverage = (key: FigureKey) => key === 'averageRating';

/** A figure as text: a rate in per cent, anything else (a count, a median, an average) to one decimal; "–" when there is none. */
export function figureText(locale: Locale, key: FigureKey, value: number | null): string {
  if (value === null) return '–';
  if (isRate(key)) return percent(locale, value);
  return formatNumber(locale, Math.round(value * 10) / 10);
}

export function percent(locale: Locale, value: number | null): string {
  return value === null ? '–' : `${formatNumber(locale, Math.round(value * 1000) / 10)} %`;
}

/** A figure for CSV: plain digits with a full stop, empty when there is none. */
export function csvFigure(key: FigureKey, value: number | null): string {
  if (value === null) return '';
  return isRate(key) || isAverage(key) ? value.toFixed(3) : String(Math.round(value * 10) / 10);
}

const nameOf = (locale: Locale, named: { nameDa: string; nameEn: string }) => (locale === 'en' ? named.nameEn : named.nameDa);

function query(path: string, params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

function periodParams(period: DayRange, filter: { targetGroup?: string | undefined; journeyStage?: string | undefined } = {}) {
  return { fra: period.from, til: period.to, maalgruppe: filter.targetGroup, fase: filter.journeyStage };
}

function csvLink(ctx: PageContext, path: string, table: string, params: Record<string, string | number | undefined>, what: string): SafeHtml {
  return html`<p><a href="${query(`${path}/csv`, { ...params, tabel: table })}" download>${ctx.t('statistics.dashboard.csv')}<span class="sr-only">: ${what}</span></a></p>`;
}

function table(caption: string, head: string[], rows: SafeHtml[], options: { numericFrom?: number } = {}): SafeHtml {
  const from = options.numericFrom ?? 1;
  return html`<div class="table--responsive-scroll"><table class="table table--compact">
<caption>${caption}</caption>
<thead><tr>${head.map((h, i) => html`<th scope="col"${i >= from ? html` class="text-align-right"` : ''}>${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

const kroner = (locale: Locale, amount: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'da-DK', { style: 'currency', currency: 'DKK', maximumFractionDigits: 0 }).format(amount);

const num = (text: string) => html`<td class="text-align-right">${text}</td>`;

/** The period (and group) form: GET, so the dashboard's address names what it shows. */
function periodForm(
  ctx: PageContext,
  path: string,
  values: { fra: string; til: string; maalgruppe?: string | undefined; fase?: string | undefined },
  errors: FormErrors,
  groups?: { targetGroups: Term[]; journeyStages: Term[] },
): SafeHtml {
  const { t, locale } = ctx;
  const dateInput = (name: 'fra' | 'til', label: string) => html`<div class="form-group${errors[name] ? ' form-error' : ''} mr-5">
<label class="form-label" for="field-${name}">${label}</label>
<span class="form-hint" id="field-${name}-hint">${t('statistics.dashboard.dateHint')}</span>
${errors[name] ? html`<span class="form-error-message" id="field-${name}-error">${errors[name]}</span>` : ''}
<input class="form-input input-width-s" type="date" id="field-${name}" name="${name}" value="${values[name]}" aria-describedby="field-${name}-hint${errors[name] ? ` field-${name}-error` : ''}"${errors[name] ? html` aria-invalid="true"` : ''}>
</div>`;
  const select = (name: 'maalgruppe' | 'fase', label: string, terms: Term[]) => html`<div class="form-group mr-5">
<label class="form-label" for="field-${name}">${label}</label>
<select class="form-select" id="field-${name}" name="${name}"><option value="">${t('statistics.dashboard.all')}</option>${terms.map(
    (term) => html`<option value="${term.code}"${values[name] === term.code ? html` selected` : ''}>${nameOf(locale, term)}</option>`,
  )}</select>
</div>`;
  return html`<form method="get" action="${path}" class="mb-6" novalidate>
${errorSummary(t, errors, { fra: t('statistics.dashboard.from'), til: t('statistics.dashboard.to') })}
<fieldset><legend class="h3">${t('statistics.dashboard.period')}</legend>
<div class="d-flex flex-wrap align-items-end">
${dateInput('fra', t('statistics.dashboard.from'))}
${dateInput('til', t('statistics.dashboard.to'))}
${groups ? select('maalgruppe', t('statistics.dashboard.targetGroup'), groups.targetGroups) : ''}
${groups ? select('fase', t('statistics.dashboard.stage'), groups.journeyStages) : ''}
<div class="form-group"><button class="button button-secondary" type="submit">${t('statistics.dashboard.show')}</button></div>
</div></fieldset>
</form>`;
}

/** The page when the period asked for cannot be read: the form with its messages, nothing else. */
export function renderPeriodErrors(
  ctx: PageContext,
  header: SafeHtml | string,
  path: string,
  values: { fra: string; til: string; maalgruppe?: string | undefined; fase?: string | undefined },
  errors: FormErrors,
  groups?: { targetGroups: Term[]; journeyStages: Term[] },
): SafeHtml {
  const title = path === DASHBOARD_PATH ? ctx.t('statistics.dashboard.title') : ctx.t('statistics.oversight.title');
  return html`${header}<h1>${title}</h1>${periodForm(ctx, path, values, errors, groups)}`;
}

function periodText(ctx: PageContext, period: DayRange): string {
  return ctx.t('statistics.dashboard.periodText', {
    from: formatCalendarDate(ctx.locale, period.from),
    to: formatCalendarDate(ctx.locale, period.to),
  });
}

function change(ctx: PageContext, key: FigureKey, now: number | null, before: number | null): string {
  const { locale } = ctx;
  if (now === null || before === null) return '–';
  if (isRate(key))
    return ctx.t('statistics.dashboard.points', { change: `${now - before >= 0 ? '+' : ''}${formatNumber(locale, Math.round((now - before) * 1000) / 10)}` });
  if (before === 0) return '–';
  const share = (now - before) / before;
  return `${share >= 0 ? '+' : ''}${formatNumber(locale, Math.round(share * 1000) / 10)} %`;
}

/** The key figures' rows: this period, the previous, the change and the national median. */
export function keyFigureRows(figures: Dashboard['figures']) {
  return figureKeys.map((key) => ({ key, current: figures.current[key], previous: figures.previous[key], median: figures.nationalMedian[key] }));
}

function funnelBars(ctx: PageContext, row: Pick<FunnelRow, 'shown' | 'viewed' | 'launches' | 'starts' | 'completions' | 'drops'>) {
  const { t, locale } = ctx;
  return [
    { label: t('statistics.dashboard.figure.shown'), value: row.shown, text: formatNumber(locale, row.shown) },
    { label: t('statistics.dashboard.figure.viewed'), value: row.viewed, text: formatNumber(locale, row.viewed) },
    { label: t('statistics.dashboard.figure.launches'), value: row.launches, text: formatNumber(locale, row.launches) },
    { label: t('statistics.dashboard.figure.starts'), value: row.starts, text: formatNumber(locale, row.starts) },
    { label: t('statistics.dashboard.figure.completions'), value: row.completions, text: formatNumber(locale, row.completions) },
    { label: t('statistics.dashboard.figure.drops'), value: row.drops, text: formatNumber(locale, row.drops) },
  ];
}

function searchTable(ctx: PageContext, words: SearchTerm[], caption: string): SafeHtml {
  const { t, locale } = ctx;
  if (words.length === 0) return html`<p>${t('statistics.dashboard.demand.noSearches')}</p>`;
  return table(
    caption,
    [t('statistics.dashboard.demand.term'), t('statistics.dashboard.figure.searches'), t('statistics.dashboard.figure.searchesWithoutResults')],
    words.map(
      (w) => html`<tr><th scope="row" lang="da">${w.term}</th>${num(formatNumber(locale, w.searches))}${num(formatNumber(locale, w.withoutResults))}</tr>`,
    ),
  );
}

function weekLabel(locale: Locale, week: string): string {
  return formatCalendarDate(locale, week).replace(/ \d{4}$/, '');
}

/** The municipality's dashboard. */
export function renderDashboard(ctx: PageContext, header: SafeHtml | string, dashboard: Dashboard): SafeHtml {
  const { t, locale } = ctx;
  const { period, figures, funnel } = dashboard;
  const params = periodParams(period, dashboard.filter);
  const groupName = (list: Term[], code: string | undefined) =>
    code ? nameOf(locale, list.find((x) => x.code === code) ?? { nameDa: code, nameEn: code }) : undefined;
  const filterText = [
    groupName(dashboard.terms.targetGroups, dashboard.filter.targetGroup),
    groupName(dashboard.terms.journeyStages, dashboard.filter.journeyStage),
  ]
    .filter(Boolean)
    .join(', ');
  const funnelCaption = filterText ? t('statistics.dashboard.funnel.captionFiltered', { filter: filterText }) : t('statistics.dashboard.funnel.caption');
  const pageLink = (page: number) => query(DASHBOARD_PATH, { ...params, side: page === 1 ? undefined : page });
  return html`${header}
<h1>${t('statistics.dashboard.title')}</h1>
<p class="font-lead">${t('statistics.dashboard.lead')}</p>
${periodForm(ctx, DASHBOARD_PATH, { fra: period.from, til: period.to, maalgruppe: dashboard.filter.targetGroup, fase: dashboard.filter.journeyStage }, {}, dashboard.terms)}
<p>${periodText(ctx, period)} ${t('statistics.dashboard.compared', { from: formatCalendarDate(locale, dashboard.previous.from), to: formatCalendarDate(locale, dashboard.previous.to) })}
${dashboard.refreshedAt ? html` ${t('statistics.dashboard.refreshed', { time: new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'long', timeStyle: 'short' }).format(dashboard.refreshedAt) })}` : ''}</p>

<section aria-labelledby="noegletal" class="mt-7">
<h2 id="noegletal">${t('statistics.dashboard.keyFigures')}</h2>
${table(
  t('statistics.dashboard.keyFigures.caption'),
  [
    t('statistics.dashboard.figure'),
    t('statistics.dashboard.thisPeriod'),
    t('statistics.dashboard.previousPeriod'),
    t('statistics.dashboard.change'),
    t('statistics.dashboard.nationalMedian'),
  ],
  keyFigureRows(figures).map(
    (row) =>
      html`<tr><th scope="row">${t(figureLabels[row.key])}</th>${num(figureText(locale, row.key, row.current))}${num(figureText(locale, row.key, row.previous))}${num(change(ctx, row.key, row.current, row.previous))}${num(figureText(locale, row.key, row.median))}</tr>`,
  ),
)}
${csvLink(ctx, DASHBOARD_PATH, 'noegletal', params, t('statistics.dashboard.keyFigures'))}
<p class="form-hint">${t('statistics.dashboard.medianNote')}</p>
</section>

<section aria-labelledby="tragt" class="mt-7">
<h2 id="tragt">${t('statistics.dashboard.funnel')}</h2>
${barChart({
  id: 'tragt-diagram',
  title: t('statistics.dashboard.funnel.chartTitle'),
  description: t('statistics.dashboard.funnel.chartDescription', {
    shown: funnel.totals.shown,
    viewed: funnel.totals.viewed,
    launches: funnel.totals.launches,
    starts: funnel.totals.starts,
    completions: funnel.totals.completions,
    drops: funnel.totals.drops,
  }),
  bars: funnelBars(ctx, funnel.totals),
})}
${
  funnel.rows.length === 0
    ? html`<p>${t('statistics.dashboard.funnel.none')}</p>`
    : table(
        funnelCaption,
        [
          t('statistics.dashboard.listing'),
          t('statistics.dashboard.figure.shown'),
          t('statistics.dashboard.figure.viewed'),
          t('statistics.dashboard.figure.launches'),
          t('statistics.dashboard.figure.starts'),
          t('statistics.dashboard.figure.completions'),
          t('statistics.dashboard.figure.completionRate'),
          t('statistics.dashboard.figure.drops'),
          t('statistics.dashboard.figure.averageRating'),
          t('statistics.dashboard.figure.dismissals'),
        ],
        [
          ...funnel.rows.map(
            (row) =>
              html`<tr><th scope="row"><a href="/kommune/katalog/${row.listingId}">${nameOf(locale, row)}</a></th>${num(formatNumber(locale, row.shown))}${num(formatNumber(locale, row.viewed))}${num(formatNumber(locale, row.launches))}${num(formatNumber(locale, row.starts))}${num(formatNumber(locale, row.completions))}${num(percent(locale, row.completionRate))}${num(formatNumber(locale, row.drops))}${num(figureText(locale, 'averageRating', row.averageRating))}${num(formatNumber(locale, row.dismissals))}</tr>`,
          ),
          html`<tr><th scope="row">${t('statistics.total')}</th>${num(formatNumber(locale, funnel.totals.shown))}${num(formatNumber(locale, funnel.totals.viewed))}${num(formatNumber(locale, funnel.totals.launches))}${num(formatNumber(locale, funnel.totals.starts))}${num(formatNumber(locale, funnel.totals.completions))}${num(percent(locale, funnel.totals.completionRate))}${num(formatNumber(locale, funnel.totals.drops))}${num(figureText(locale, 'averageRating', funnel.totals.averageRating))}${num(formatNumber(locale, funnel.totals.dismissals))}</tr>`,
        ],
      )
}
${
  funnel.pages > 1
    ? html`<nav aria-label="${t('statistics.dashboard.funnel.pages')}"><p>${t('statistics.dashboard.pageOf', { page: funnel.page, pages: funnel.pages })}
${funnel.page > 1 ? html` <a href="${pageLink(funnel.page - 1)}">${t('curation.previous')}</a>` : ''}
${funnel.page < funnel.pages ? html` <a href="${pageLink(funnel.page + 1)}">${t('curation.next')}</a>` : ''}</p></nav>`
    : ''
}
${csvLink(ctx, DASHBOARD_PATH, 'tilbud', params, t('statistics.dashboard.funnel'))}
<p class="form-hint">${t('statistics.dashboard.funnel.note')}</p>
</section>

<section aria-labelledby="uger" class="mt-7">
<h2 id="uger">${t('statistics.dashboard.weeks')}</h2>
${columnChart({
  id: 'uger-diagram',
  title: t('statistics.dashboard.weeks.chartTitle'),
  description: t('statistics.dashboard.weeks.chartDescription', { weeks: dashboard.reachByWeek.length }),
  columns: dashboard.reachByWeek.map((w) => ({ label: weekLabel(locale, w.week), value: w.citizens, text: formatNumber(locale, w.citizens) })),
})}
${table(
  t('statistics.dashboard.weeks.caption'),
  [t('statistics.dashboard.week'), t('statistics.dashboard.figure.reach')],
  dashboard.reachByWeek.map((w) => html`<tr><th scope="row">${formatCalendarDate(locale, w.week)}</th>${num(formatNumber(locale, w.citizens))}</tr>`),
)}
${csvLink(ctx, DASHBOARD_PATH, 'uger', params, t('statistics.dashboard.weeks'))}
</section>

<section aria-labelledby="grupper" class="mt-7">
<h2 id="grupper">${t('statistics.dashboard.groups')}</h2>
${
  dashboard.groups.length === 0
    ? html`<p>${t('statistics.dashboard.funnel.none')}</p>`
    : table(
        t('statistics.dashboard.groups.caption'),
        [
          t('statistics.dashboard.targetGroup'),
          t('statistics.dashboard.stage'),
          t('statistics.dashboard.figure.launches'),
          t('statistics.dashboard.figure.starts'),
          t('statistics.dashboard.figure.completions'),
          t('statistics.dashboard.figure.completionRate'),
        ],
        dashboard.groups.map(
          (g) =>
            html`<tr><th scope="row">${nameOf(locale, g.targetGroup)}</th><td>${nameOf(locale, g.journeyStage)}</td>${num(formatNumber(locale, g.launches))}${num(formatNumber(locale, g.starts))}${num(formatNumber(locale, g.completions))}${num(percent(locale, g.completionRate))}</tr>`,
        ),
        { numericFrom: 2 },
      )
}
${csvLink(ctx, DASHBOARD_PATH, 'grupper', params, t('statistics.dashboard.groups'))}
</section>

<section aria-labelledby="efterspoergsel" class="mt-7">
<h2 id="efterspoergsel">${t('statistics.dashboard.demand')}</h2>
<h3>${t('statistics.dashboard.demand.targetGroups')}</h3>
${dashboard.demand.targetGroupsWithout.length === 0 ? html`<p>${t('statistics.dashboard.demand.allServed')}</p>` : html`<ul>${dashboard.demand.targetGroupsWithout.map((g) => html`<li>${nameOf(locale, g)}</li>`)}</ul>`}
<h3>${t('statistics.dashboard.demand.categories')}</h3>
${dashboard.demand.categoriesWithout.length === 0 ? html`<p>${t('statistics.dashboard.demand.allServed')}</p>` : html`<ul>${dashboard.demand.categoriesWithout.map((c) => html`<li>${nameOf(locale, c)}</li>`)}</ul>`}
<h3>${t('statistics.dashboard.demand.dismissed')}</h3>
${
  dashboard.demand.dismissed.length === 0
    ? html`<p>${t('statistics.dashboard.demand.noneDismissed')}</p>`
    : table(
        t('statistics.dashboard.demand.dismissedCaption'),
        [t('statistics.dashboard.listing'), t('statistics.dashboard.figure.dismissals')],
        dashboard.demand.dismissed.map((r) => html`<tr><th scope="row">${nameOf(locale, r)}</th>${num(formatNumber(locale, r.dismissals))}</tr>`),
      )
}
${csvLink(ctx, DASHBOARD_PATH, 'fravalgt', params, t('statistics.dashboard.demand.dismissed'))}
<h3>${t('statistics.dashboard.demand.searched')}</h3>
${searchTable(ctx, dashboard.demand.searched, t('statistics.dashboard.demand.searchedCaption'))}
${csvLink(ctx, DASHBOARD_PATH, 'soegeord', params, t('statistics.dashboard.demand.searched'))}
<h3>${t('statistics.dashboard.demand.withoutResults')}</h3>
${searchTable(ctx, dashboard.demand.withoutResults, t('statistics.dashboard.demand.withoutResultsCaption'))}
${csvLink(ctx, DASHBOARD_PATH, 'uden-resultat', params, t('statistics.dashboard.demand.withoutResults'))}
<p class="form-hint">${t('statistics.dashboard.demand.searchNote', { least: MIN_SEARCHES_SHOWN })}</p>
</section>

<section aria-labelledby="licenser" class="mt-7">
<h2 id="licenser">${t('statistics.dashboard.licences')}</h2>
${
  dashboard.licences.length === 0
    ? html`<p>${t('statistics.dashboard.licences.none')}</p>`
    : html`${barChart({
        id: 'licenser-diagram',
        title: t('statistics.dashboard.licences.chartTitle'),
        description: t('statistics.dashboard.licences.chartDescription'),
        bars: dashboard.licences.map((l) => ({
          label: nameOf(locale, l),
          value: l.utilisation,
          text: `${formatNumber(locale, l.seatsUsed)}/${formatNumber(locale, l.seats)}`,
        })),
        max: 1,
      })}
${table(
  t('statistics.dashboard.licences.caption'),
  [
    t('statistics.dashboard.listing'),
    t('statistics.dashboard.licences.valid'),
    t('statistics.dashboard.licences.seats'),
    t('statistics.dashboard.licences.used'),
    t('statistics.dashboard.licences.price'),
    t('statistics.dashboard.figure.completions'),
    t('statistics.dashboard.licences.costPerCompletion'),
  ],
  dashboard.licences.map(
    (l) =>
      html`<tr><th scope="row">${nameOf(locale, l)}</th><td>${formatCalendarDate(locale, l.validFrom)} – ${formatCalendarDate(locale, l.validTo)}</td>${num(formatNumber(locale, l.seats))}${num(`${formatNumber(locale, l.seatsUsed)} (${percent(locale, l.utilisation)})`)}${num(kroner(locale, l.priceDkk))}${num(formatNumber(locale, l.completions))}${num(l.costPerCompletion === null ? '–' : kroner(locale, l.costPerCompletion))}</tr>`,
  ),
  { numericFrom: 2 },
)}`
}
${csvLink(ctx, DASHBOARD_PATH, 'licenser', params, t('statistics.dashboard.licences'))}
${csvLink(ctx, DASHBOARD_PATH, 'pladser', params, t('statistics.dashboard.licences.overTime'))}
<p class="form-hint">${t('statistics.dashboard.licences.note')}</p>
</section>

<section aria-labelledby="lokale" class="mt-7">
<h2 id="lokale">${t('statistics.dashboard.localOffers')}</h2>
${
  dashboard.localOffers.length === 0
    ? html`<p>${t('statistics.dashboard.localOffers.none')}</p>`
    : table(
        t('statistics.dashboard.localOffers.caption'),
        [
          t('statistics.dashboard.localOffer'),
          t('statistics.dashboard.startsOn'),
          t('statistics.dashboard.capacity'),
          t('statistics.dashboard.signedUp'),
          t('statistics.dashboard.cancelled'),
          t('statistics.dashboard.attended'),
          t('statistics.dashboard.notAttended'),
        ],
        dashboard.localOffers.map(
          (o) =>
            html`<tr><th scope="row">${locale === 'en' ? o.titleEn : o.titleDa}</th><td>${formatCalendarDate(locale, o.startsOn)}</td>${num(o.capacity === null ? '–' : formatNumber(locale, o.capacity))}${num(formatNumber(locale, o.signedUp))}${num(formatNumber(locale, o.cancelled))}${num(formatNumber(locale, o.attended))}${num(formatNumber(locale, o.notAttended))}</tr>`,
        ),
        { numericFrom: 2 },
      )
}
${csvLink(ctx, DASHBOARD_PATH, 'lokale', params, t('statistics.dashboard.localOffers'))}
<p class="form-hint">${t('statistics.dashboard.localOffers.note')}</p>
</section>

<section aria-labelledby="opmaerksomhed" class="mt-7">
<h2 id="opmaerksomhed">${t('statistics.dashboard.nudges')}</h2>
<h3>${t('statistics.dashboard.nudges.unused', { days: 90 })}</h3>
${
  dashboard.nudges.unused.length === 0
    ? html`<p>${t('statistics.dashboard.nudges.none')}</p>`
    : html`<ul>${dashboard.nudges.unused.map(
        (l) =>
          html`<li><a href="/kommune/katalog/${l.listingId}">${nameOf(locale, l)}</a> — ${
            l.lastLaunch
              ? t('statistics.dashboard.nudges.lastLaunch', { month: monthName(locale, l.lastLaunch) })
              : t('statistics.dashboard.nudges.neverLaunched')
          }</li>`,
      )}</ul>`
}
<h3>${t('statistics.dashboard.nudges.lowCompletion')}</h3>
${
  dashboard.nudges.lowCompletion.length === 0
    ? html`<p>${t('statistics.dashboard.nudges.none')}</p>`
    : html`<ul>${dashboard.nudges.lowCompletion.map(
        (l) =>
          html`<li><a href="/kommune/katalog/${l.listingId}">${nameOf(locale, l)}</a> — ${t('statistics.dashboard.nudges.rateAgainstPeers', {
            rate: percent(locale, l.completionRate),
            peers: percent(locale, l.peerRate),
            starts: l.starts,
          })}</li>`,
      )}</ul>`
}
<h3>${t('statistics.dashboard.nudges.idleSeats', { days: 30 })}</h3>
${
  dashboard.nudges.idleSeats.length === 0
    ? html`<p>${t('statistics.dashboard.nudges.none')}</p>`
    : html`<ul>${dashboard.nudges.idleSeats.map(
        (l) =>
          html`<li><a href="/kommune/licenser/${l.licenceId}">${nameOf(locale, l)}</a> — ${t('statistics.dashboard.nudges.seatsTaken', {
            used: l.seatsUsed,
            seats: l.seats,
          })}</li>`,
      )}</ul>`
}
</section>`;
}

/** The national oversight for governance. */
export function renderOversight(ctx: PageContext, oversight: Oversight): SafeHtml {
  const { t, locale } = ctx;
  const params = periodParams(oversight.period);
  const pageLink = (page: number) => query(OVERSIGHT_PATH, { ...params, side: page === 1 ? undefined : page });
  const { listings } = oversight;
  return html`<h1>${t('statistics.oversight.title')}</h1>
<p class="font-lead">${t('statistics.oversight.lead')}</p>
${periodForm(ctx, OVERSIGHT_PATH, { fra: oversight.period.from, til: oversight.period.to }, {})}
<p>${periodText(ctx, oversight.period)}</p>

<section aria-labelledby="koncentration" class="mt-7">
<h2 id="koncentration">${t('statistics.oversight.concentration')}</h2>
<p>${
    oversight.concentration.national === null
      ? t('statistics.dashboard.funnel.none')
      : t('statistics.oversight.concentrationText', { share: percent(locale, oversight.concentration.national), top: 5, listings: listings.total })
  }</p>
${barChart({
  id: 'top-diagram',
  title: t('statistics.oversight.topChartTitle'),
  description: t('statistics.oversight.topChartDescription'),
  bars: oversight.concentration.top.map((l) => ({ label: nameOf(locale, l), value: l.share ?? 0, text: percent(locale, l.share) })),
})}
</section>

<section aria-labelledby="flag" class="mt-7">
<h2 id="flag">${t('statistics.oversight.flags')}</h2>
<p>${t('statistics.oversight.flagsLead')}</p>
${
  oversight.flags.length === 0
    ? html`<p>${t('statistics.dashboard.nudges.none')}</p>`
    : table(
        t('statistics.oversight.flags.caption'),
        [
          t('statistics.dashboard.listing'),
          t('statistics.vendor'),
          t('statistics.oversight.flag'),
          t('statistics.oversight.value'),
          t('statistics.oversight.peers'),
        ],
        oversight.flags.map(
          (f) =>
            html`<tr><th scope="row"><a href="/faellesskab/ydelser/${f.listingId}">${nameOf(locale, f)}</a></th><td>${f.vendorName}</td><td>${t(f.kind === 'completion' ? 'statistics.oversight.flag.completion' : 'statistics.oversight.flag.rating')}</td>${num(f.kind === 'completion' ? percent(locale, f.value) : figureText(locale, 'averageRating', f.value))}${num(f.kind === 'completion' ? percent(locale, f.peer) : figureText(locale, 'averageRating', f.peer))}</tr>`,
        ),
        { numericFrom: 3 },
      )
}
${csvLink(ctx, OVERSIGHT_PATH, 'flag', params, t('statistics.oversight.flags'))}
</section>

<section aria-labelledby="leverandoerer" class="mt-7">
<h2 id="leverandoerer">${t('statistics.oversight.vendors')}</h2>
${table(
  t('statistics.oversight.vendors.caption'),
  [
    t('statistics.vendor'),
    t('statistics.oversight.listings'),
    t('statistics.dashboard.figure.launches'),
    t('statistics.dashboard.figure.starts'),
    t('statistics.dashboard.figure.completions'),
    t('statistics.dashboard.figure.completionRate'),
  ],
  oversight.vendors.map(
    (v) =>
      html`<tr><th scope="row">${v.vendorName}</th>${num(formatNumber(locale, v.listings))}${num(formatNumber(locale, v.launches))}${num(formatNumber(locale, v.starts))}${num(formatNumber(locale, v.completions))}${num(percent(locale, v.completionRate))}</tr>`,
  ),
)}
${csvLink(ctx, OVERSIGHT_PATH, 'leverandoerer', params, t('statistics.oversight.vendors'))}
</section>

<section aria-labelledby="tilbud" class="mt-7">
<h2 id="tilbud">${t('statistics.oversight.listingsTitle')}</h2>
${table(
  t('statistics.oversight.listings.caption'),
  [
    t('statistics.dashboard.listing'),
    t('statistics.vendor'),
    t('statistics.dashboard.figure.launches'),
    t('statistics.oversight.share'),
    t('statistics.dashboard.figure.starts'),
    t('statistics.dashboard.figure.completions'),
    t('statistics.dashboard.figure.completionRate'),
    t('statistics.dashboard.figure.averageRating'),
  ],
  listings.rows.map(
    (l) =>
      html`<tr><th scope="row"><a href="/faellesskab/ydelser/${l.listingId}">${nameOf(locale, l)}</a></th><td>${l.vendorName}</td>${num(formatNumber(locale, l.launches))}${num(percent(locale, l.share))}${num(formatNumber(locale, l.starts))}${num(formatNumber(locale, l.completions))}${num(percent(locale, l.completionRate))}${num(figureText(locale, 'averageRating', l.averageRating))}</tr>`,
  ),
  { numericFrom: 2 },
)}
${
  listings.pages > 1
    ? html`<nav aria-label="${t('statistics.oversight.listings.pages')}"><p>${t('statistics.dashboard.pageOf', { page: listings.page, pages: listings.pages })}
${listings.page > 1 ? html` <a href="${pageLink(listings.page - 1)}">${t('curation.previous')}</a>` : ''}
${listings.page < listings.pages ? html` <a href="${pageLink(listings.page + 1)}">${t('curation.next')}</a>` : ''}</p></nav>`
    : ''
}
${csvLink(ctx, OVERSIGHT_PATH, 'tilbud', params, t('statistics.oversight.listingsTitle'))}
</section>

<section aria-labelledby="kommuner" class="mt-7">
<h2 id="kommuner">${t('statistics.oversight.municipalities')}</h2>
${table(
  t('statistics.oversight.municipalities.caption'),
  [
    t('statistics.municipality'),
    t('statistics.dashboard.figure.reach'),
    t('statistics.dashboard.figure.launches'),
    t('statistics.dashboard.figure.completions'),
    t('statistics.dashboard.figure.completionRate'),
    t('statistics.oversight.topShare'),
  ],
  oversight.municipalities.map(
    (m) =>
      html`<tr><th scope="row">${m.name}</th>${num(figureText(locale, 'reach', m.figures.reach))}${num(figureText(locale, 'launches', m.figures.launches))}${num(figureText(locale, 'completions', m.figures.completions))}${num(percent(locale, m.figures.completionRate))}${num(percent(locale, m.topShare))}</tr>`,
  ),
)}
${csvLink(ctx, OVERSIGHT_PATH, 'kommuner', params, t('statistics.oversight.municipalities'))}
</section>`;
}

/** One of the dashboard's tables as CSV rows (header first). */
export function dashboardCsv(locale: Locale, dashboard: Dashboard, which: DashboardTable, t: PageContext['t']): (string | number)[][] {
  const funnelHeader = [
    'listing_id',
    'name',
    'shown',
    'viewed',
    'launches',
    'starts',
    'completions',
    'completion_rate',
    'drops',
    'ratings',
    'average_rating',
    'dismissals',
  ];
  const funnelLine = (r: FunnelRow) => [
    r.listingId,
    nameOf(locale, r),
    r.shown,
    r.viewed,
    r.launches,
    r.starts,
    r.completions,
    csvFigure('completionRate', r.completionRate),
    r.drops,
    r.ratings,
    csvFigure('averageRating', r.averageRating),
    r.dismissals,
  ];
  switch (which) {
    case 'noegletal':
      return [
        ['figure', 'label', 'this_period', 'previous_period', 'national_median'],
        ...keyFigureRows(dashboard.figures).map((r) => [
          r.key,
          t(figureLabels[r.key]),
          csvFigure(r.key, r.current),
          csvFigure(r.key, r.previous),
          csvFigure(r.key, r.median),
        ]),
      ];
    case 'uger':
      return [['week_starting', 'active_citizens'], ...dashboard.reachByWeek.map((w) => [w.week, w.citizens])];
    case 'tilbud':
      return [funnelHeader, ...dashboard.funnel.all.map(funnelLine)];
    case 'fravalgt':
      return [funnelHeader, ...dashboard.demand.dismissed.map(funnelLine)];
    case 'grupper':
      return [
        ['target_group', 'journey_stage', 'launches', 'starts', 'completions', 'completion_rate'],
        ...dashboard.groups.map((g) => [
          g.targetGroup.code,
          g.journeyStage.code,
          g.launches,
          g.starts,
          g.completions,
          csvFigure('completionRate', g.completionRate),
        ]),
      ];
    case 'licenser':
      return [
        ['licence_id', 'listing_id', 'name', 'valid_from', 'valid_to', 'seats', 'seats_used', 'price_dkk', 'completions_in_period', 'cost_per_completion_dkk'],
        ...dashboard.licences.map((l) => [
          l.licenceId,
          l.listingId,
          nameOf(locale, l),
          l.validFrom,
          l.validTo,
          l.seats,
          l.seatsUsed,
          l.priceDkk.toFixed(2),
          l.completions,
          l.costPerCompletion === null ? '' : l.costPerCompletion.toFixed(2),
        ]),
      ];
    case 'pladser':
      return [
        ['licence_id', 'name', 'month', 'seats_taken_by_end_of_month', 'seats'],
        ...dashboard.licences.flatMap((l) => l.seatsOverTime.map((m) => [l.licenceId, nameOf(locale, l), m.month, m.seats, l.seats])),
      ];
    case 'lokale':
      return [
        ['offer_id', 'title', 'starts_on', 'capacity', 'signed_up', 'cancelled', 'attended', 'not_attended'],
        ...dashboard.localOffers.map((o) => [
          o.id,
          locale === 'en' ? o.titleEn : o.titleDa,
          o.startsOn,
          o.capacity ?? '',
          o.signedUp,
          o.cancelled,
          o.attended,
          o.notAttended,
        ]),
      ];
    case 'soegeord':
      return [['term', 'searches', 'searches_without_results'], ...dashboard.demand.searched.map((w) => [w.term, w.searches, w.withoutResults])];
    case 'uden-resultat':
      return [['term', 'searches', 'searches_without_results'], ...dashboard.demand.withoutResults.map((w) => [w.term, w.searches, w.withoutResults])];
  }
}

/** One of the oversight's tables as CSV rows (header first). */
export function oversightCsv(locale: Locale, oversight: Oversight, which: OversightTable): (string | number)[][] {
  switch (which) {
    case 'leverandoerer':
      return [
        ['vendor', 'listings', 'launches', 'starts', 'completions', 'completion_rate'],
        ...oversight.vendors.map((v) => [v.vendorName, v.listings, v.launches, v.starts, v.completions, csvFigure('completionRate', v.completionRate)]),
      ];
    case 'tilbud':
      return [
        ['listing_id', 'name', 'vendor', 'launches', 'share', 'starts', 'completions', 'completion_rate', 'ratings', 'average_rating'],
        ...oversight.listings.all.map((l) => [
          l.listingId,
          nameOf(locale, l),
          l.vendorName,
          l.launches,
          csvFigure('completionRate', l.share),
          l.starts,
          l.completions,
          csvFigure('completionRate', l.completionRate),
          l.ratings,
          csvFigure('averageRating', l.averageRating),
        ]),
      ];
    case 'kommuner':
      return [
        ['municipality_code', 'municipality', 'active_citizens', 'launches', 'completions', 'completion_rate', 'top5_share'],
        ...oversight.municipalities.map((m) => [
          m.code,
          m.name,
          m.figures.reach ?? 0,
          m.figures.launches ?? 0,
          m.figures.completions ?? 0,
          csvFigure('completionRate', m.figures.completionRate),
          csvFigure('completionRate', m.topShare),
        ]),
      ];
    case 'flag':
      return [
        ['listing_id', 'name', 'vendor', 'flag', 'value', 'peer_median'],
        ...oversight.flags.map((f) => [f.listingId, nameOf(locale, f), f.vendorName, f.kind, f.value.toFixed(3), f.peer.toFixed(3)]),
      ];
  }
}
