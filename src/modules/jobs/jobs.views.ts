// How job search looks: a plain GET form (text, occupation, place and distance, municipality, hours, published,
// deadline, sort), the result count, facets as links that narrow the search, the SVG map with the list as its text
// alternative, the results and pages; and one ad's page. Everything works without JavaScript.
import { formatCalendarDate, formatDate, formatNumber, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, errorSummary, selectField, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { renderJobMap, type MapEnhancement } from './jobs.map.ts';
import type { JobAdRow, JobRow } from './jobs.repository.ts';
import { jobSorts, publishedChoices, radiusChoices } from './jobs.schemas.ts';
import { JOBS_PAGE_SIZE, type JobSearchResult } from './jobs.service.ts';

/** The query as the reader sent it: each parameter's values, to fill the form and build links. */
export type QueryValues = Record<string, string[]>;

export type JobSearchView = {
  /** '/job' (public) or '/borger/job' (the signed-in citizen). */
  base: string;
  lead: MessageKey;
  values: QueryValues;
  result: JobSearchResult | undefined;
  errors: FormErrors;
  municipalities: { code: string; name: string }[];
  /** What a page includes to turn the SVG map into an interactive one (nothing without a tile server). */
  mapEnhancement: MapEnhancement;
  /** The citizen's job wishes as searches (title and link), shown before they search. */
  wishes?: { title: string; href: string }[] | undefined;
};

const hoursText = { fuldtid: 'jobs.hours.fuldtid', deltid: 'jobs.hours.deltid' } as const satisfies Record<string, MessageKey>;
const employmentText = {
  fast: 'jobs.employment.fast',
  tidsbegraenset: 'jobs.employment.tidsbegraenset',
  vikariat: 'jobs.employment.vikariat',
  elev: 'jobs.employment.elev',
} as const satisfies Record<string, MessageKey>;
const sortText = {
  relevance: 'jobs.sort.relevance',
  distance: 'jobs.sort.distance',
  newest: 'jobs.sort.newest',
  deadline: 'jobs.sort.deadline',
} as const satisfies Record<(typeof jobSorts)[number], MessageKey>;
const publishedText = { 1: 'jobs.published.1', 7: 'jobs.published.7', 30: 'jobs.published.30' } as const satisfies Record<number, MessageKey>;

/** A query string or form body as lists of strings per field (a repeated field is a list), for forms and links. */
export function queryValuesOf(query: unknown): QueryValues {
  const values: QueryValues = {};
  if (query && typeof query === 'object')
    for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      if (list.length > 0) values[name] = list.slice(0, 20);
    }
  return values;
}

const first = (values: QueryValues, name: string): string => values[name]?.[0] ?? '';

/** The search's address with one parameter set (or removed), back to the first page. */
export function searchLink(base: string, values: QueryValues, change: Record<string, string[]>): string {
  const params = new URLSearchParams();
  const merged = { ...values, ...change };
  for (const [name, list] of Object.entries(merged)) {
    if (name === 'side') continue;
    for (const value of list) if (value !== '') params.append(name, value);
  }
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

function pageLink(base: string, values: QueryValues, page: number): string {
  const link = searchLink(base, values, {});
  return page === 1 ? link : `${link}${link.includes('?') ? '&' : '?'}side=${page}`;
}

function km(ctx: PageContext, metres: number): string {
  return formatNumber(ctx.locale, Math.round(metres / 100) / 10);
}

function searchForm(ctx: PageContext, view: JobSearchView): SafeHtml {
  const { t } = ctx;
  const { values, errors } = view;
  return html`<form method="get" action="${view.base}" class="mt-5" aria-labelledby="job-search-heading" novalidate>
  <h2 id="job-search-heading" class="h3">${t('jobs.form.heading')}</h2>
  ${textField({ name: 'q', label: t('jobs.form.query'), hint: t('jobs.form.queryHint'), value: first(values, 'q'), error: errors.q, optional: true, maxLength: 200 })}
  <div class="form-group${errors.stillingstekst ? ' form-error' : ''}">
    <label class="form-label" for="field-stillingstekst">${t('jobs.form.occupation')}</label>
    <span class="form-hint" id="field-stillingstekst-hint">${t('jobs.form.occupationHint')}</span>
    ${errors.stillingstekst ? html`<span class="form-error-message" id="field-stillingstekst-error">${errors.stillingstekst}</span>` : ''}
    <input class="form-input" type="text" id="field-stillingstekst" name="stillingstekst" value="${first(values, 'stillingstekst')}" maxlength="100"
      list="job-occupations" autocomplete="off" data-occupation-typeahead="/api/public/v1/jobs/occupations"
      aria-describedby="field-stillingstekst-hint${errors.stillingstekst ? ' field-stillingstekst-error' : ''}"${errors.stillingstekst ? html` aria-invalid="true"` : ''}>
    <datalist id="job-occupations"></datalist>
  </div>
  ${(values.stilling ?? []).map((uri) => html`<input type="hidden" name="stilling" value="${uri}">`)}
  ${textField({ name: 'sted', label: t('jobs.form.place'), hint: t('jobs.form.placeHint'), value: first(values, 'sted'), error: errors.sted, optional: true, maxLength: 100 })}
  ${selectField({
    name: 'afstand',
    label: t('jobs.form.radius'),
    value: first(values, 'afstand'),
    error: errors.afstand,
    emptyLabel: t('jobs.form.radiusChoice', { km: 50 }),
    choices: radiusChoices.filter((r) => r !== 50).map((r) => ({ value: String(r), label: t('jobs.form.radiusChoice', { km: r }) })),
  })}
  ${selectField({
    name: 'kommune',
    label: t('jobs.form.municipality'),
    value: first(values, 'kommune'),
    error: errors.kommune,
    emptyLabel: t('jobs.form.anyMunicipality'),
    choices: view.municipalities.map((m) => ({ value: m.code, label: m.name })),
  })}
  ${selectField({
    name: 'arbejdstid',
    label: t('jobs.form.hours'),
    value: first(values, 'arbejdstid'),
    error: errors.arbejdstid,
    emptyLabel: `${t('jobs.hours.fuldtid')} / ${t('jobs.hours.deltid')}`,
    choices: (['fuldtid', 'deltid'] as const).map((h) => ({ value: h, label: t(hoursText[h]) })),
  })}
  ${selectField({
    name: 'publiceret',
    label: t('jobs.form.published'),
    value: first(values, 'publiceret'),
    error: errors.publiceret,
    emptyLabel: t('jobs.form.anyTime'),
    choices: publishedChoices.map((d) => ({ value: String(d), label: t(publishedText[d]) })),
  })}
  ${textField({ name: 'frist', label: t('jobs.form.deadline'), hint: t('jobs.form.deadlineHint'), value: first(values, 'frist'), error: errors.frist, optional: true, maxLength: 10 })}
  <div class="form-group">
    <label class="form-label" for="field-sortering">${t('jobs.form.sort')}</label>
    <select class="form-select" id="field-sortering" name="sortering">
      ${jobSorts.map((s) => html`<option value="${s}"${(first(values, 'sortering') || 'relevance') === s ? html` selected` : ''}>${t(sortText[s])}</option>`)}
    </select>
  </div>
  <button type="submit" class="button button-primary">${t('jobs.form.submit')}</button>
  <a href="${view.base}" class="button button-tertiary ml-3">${t('jobs.form.clear')}</a>
</form>`;
}

function facets(ctx: PageContext, view: JobSearchView, result: JobSearchResult): SafeHtml {
  const { t } = ctx;
  const nameOf = new Map(view.municipalities.map((m) => [m.code, m.name]));
  const group = (heading: string, items: { label: string; count: number; href: string; chosen: boolean }[]) =>
    items.length === 0
      ? ''
      : html`<h3 class="h5 mt-4">${heading}</h3>
  <ul class="nobullet-list">${items.map(
    (i) =>
      html`<li>${i.chosen ? html`<a href="${i.href}" aria-label="${t('jobs.facets.remove', { label: i.label })}"><strong>${i.label}</strong> ✕</a>` : html`<a href="${i.href}">${i.label}</a>`} (${formatNumber(ctx.locale, i.count)})</li>`,
  )}</ul>`;
  const chosen = (name: string, value: string) => (view.values[name] ?? []).includes(value);
  const toggle = (name: string, value: string) =>
    searchLink(view.base, view.values, { [name]: chosen(name, value) ? (view.values[name] ?? []).filter((v) => v !== value) : [value] });
  return html`<nav aria-labelledby="job-facets-heading" class="mt-5">
  <h2 id="job-facets-heading" class="h3">${t('jobs.facets.heading')}</h2>
  ${group(
    t('jobs.form.hours'),
    result.facets.hours.map((f) => ({
      label: t(hoursText[f.value as 'fuldtid' | 'deltid']),
      count: f.count,
      href: toggle('arbejdstid', f.value),
      chosen: chosen('arbejdstid', f.value),
    })),
  )}
  ${group(
    t('jobs.form.occupation'),
    result.facets.occupation.map((f) => ({ label: f.label, count: f.count, href: toggle('stilling', f.value), chosen: chosen('stilling', f.value) })),
  )}
  ${group(
    t('jobs.form.municipality'),
    result.facets.municipality.map((f) => ({
      label: nameOf.get(f.value) ?? f.value,
      count: f.count,
      href: toggle('kommune', f.value),
      chosen: chosen('kommune', f.value),
    })),
  )}
  ${group(
    t('jobs.form.published'),
    result.facets.published.map((f) => ({
      label: t(publishedText[Number(f.value) as 1 | 7 | 30]),
      count: f.count,
      href: toggle('publiceret', f.value),
      chosen: chosen('publiceret', f.value),
    })),
  )}
</nav>`;
}

/** Results grouped by town, as the map's markers: one marker per town on the page. */
function mapOf(ctx: PageContext, view: JobSearchView, result: JobSearchResult): SafeHtml {
  const { t } = ctx;
  const towns = new Map<string, { town: string; lat: number; lon: number; ads: JobRow[] }>();
  for (const row of result.rows) {
    const key = `${row.town}|${row.municipality_code}`;
    const known = towns.get(key) ?? { town: row.town, lat: row.lat, lon: row.lon, ads: [] };
    known.ads.push(row);
    towns.set(key, known);
  }
  const markers = [...towns.values()].map((place, i) => ({
    id: `m${i}`,
    lat: place.lat,
    lon: place.lon,
    count: place.ads.length,
    label: place.town,
    href: place.ads.length === 1 ? `${view.base}/${encodeURIComponent(place.ads[0]?.ad_id ?? '')}` : `#job-${place.ads[0]?.ad_id ?? ''}`,
  }));
  const near = result.near;
  return renderJobMap({
    markers,
    circle: near ? { lat: near.lat, lon: near.lon, radiusKm: near.radiusKm, label: t('jobs.map.circle', { km: near.radiusKm, place: near.name }) } : undefined,
    title: t('jobs.map.title'),
    description: t('jobs.map.description', { count: markers.length }),
    lang: ctx.locale,
    enhancement: view.mapEnhancement,
  });
}

function resultItem(ctx: PageContext, view: JobSearchView, row: JobRow): SafeHtml {
  const { t } = ctx;
  const lang = row.ad_language !== ctx.locale ? html` lang="${row.ad_language}"` : '';
  return html`<li class="mb-5" id="job-${row.ad_id}">
  <h3 class="h4 mb-1"><a href="${view.base}/${encodeURIComponent(row.ad_id)}"${lang}>${row.title}</a></h3>
  <p class="mt-0 mb-1">${row.employer_name} · ${row.town}${row.distance_m !== null ? html` · ${t('jobs.results.distance', { km: km(ctx, row.distance_m) })}` : ''}</p>
  <p class="mt-0 small-text">${t(hoursText[row.working_hours])} (${t('jobs.results.hoursPerWeek', { hours: formatNumber(ctx.locale, Number(row.hours_per_week)) })}) · ${t(
    employmentText[row.employment],
  )} · ${t('jobs.results.deadline', { date: formatCalendarDate(ctx.locale, row.deadline) })}</p>
</li>`;
}

function pagination(ctx: PageContext, view: JobSearchView, result: JobSearchResult): SafeHtml | string {
  const { t } = ctx;
  if (result.pageCount <= 1) return '';
  return html`<nav aria-label="${t('jobs.pagination')}" class="mt-5">
  <p>${t('jobs.pagination.page', { page: result.page, pages: result.pageCount })}</p>
  <ul class="nobullet-list">
    ${result.page > 1 ? html`<li><a href="${pageLink(view.base, view.values, result.page - 1)}" rel="prev">${t('jobs.pagination.previous')}</a></li>` : ''}
    ${result.page < result.pageCount ? html`<li><a href="${pageLink(view.base, view.values, result.page + 1)}" rel="next">${t('jobs.pagination.next')}</a></li>` : ''}
  </ul>
</nav>`;
}

export function renderJobSearch(ctx: PageContext, view: JobSearchView): SafeHtml {
  const { t } = ctx;
  const result = view.result;
  const summary = result
    ? result.near
      ? t('jobs.results.countNear', { count: formatNumber(ctx.locale, result.total), km: result.near.radiusKm, place: result.near.name })
      : t('jobs.results.count', { count: formatNumber(ctx.locale, result.total) })
    : '';
  return html`<h1>${t('jobs.title')}</h1>
<p class="font-lead">${t(view.lead)}</p>
${errorSummary(t, view.errors, {
  q: t('jobs.form.query'),
  stillingstekst: t('jobs.form.occupation'),
  sted: t('jobs.form.place'),
  afstand: t('jobs.form.radius'),
  kommune: t('jobs.form.municipality'),
  arbejdstid: t('jobs.form.hours'),
  publiceret: t('jobs.form.published'),
  frist: t('jobs.form.deadline'),
  sortering: t('jobs.form.sort'),
})}
${
  view.wishes && view.wishes.length > 0
    ? html`<section class="mt-5" aria-labelledby="job-wishes-heading"><h2 id="job-wishes-heading" class="h3">${t('jobs.wishes.heading')}</h2>
<p>${t('jobs.wishes.text')}</p>
<ul>${view.wishes.map((w) => html`<li><a href="${w.href}">${w.title}</a></li>`)}</ul></section>`
    : ''
}
<div class="row">
  <div class="col-12 col-lg-4">
    ${searchForm(ctx, view)}
    ${result ? facets(ctx, view, result) : ''}
  </div>
  <div class="col-12 col-lg-8">
    ${
      result
        ? html`<p class="mt-5" role="status"><strong>${summary}</strong></p>
    ${result.correctedQuery ? html`<p>${t('jobs.results.corrected', { query: first(view.values, 'q'), corrected: result.correctedQuery })}</p>` : ''}
    ${
      result.total === 0
        ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-heading">${t('jobs.results.none')}</p><p class="alert-text">${t('jobs.results.noneNext')}</p></div></div>`
        : html`<div class="mt-5">${mapOf(ctx, view, result)}</div>
    <h2 class="h3 mt-5">${t('jobs.results.heading')}</h2>
    <ol class="nobullet-list">${result.rows.map((row) => resultItem(ctx, view, row))}</ol>
    ${pagination(ctx, view, result)}`
    }`
        : ''
    }
    ${
      view.base === '/borger/job'
        ? html`<p class="mt-5"><a href="${searchLink('/borger/job/agenter/ny', view.values, { sortering: [], publiceret: [], frist: [] })}" class="button button-secondary">${t(
            'jobs.agent.save',
          )}</a> <a href="/borger/job/agenter" class="ml-3">${t('jobs.agent.nav')}</a> <a href="/borger/job/forslag" class="ml-3">${t('jobs.suggestion.link')}</a></p>`
        : ''
    }
    <p class="small-text mt-6">${t('jobs.source')}</p>
  </div>
</div>
${view.mapEnhancement.enabled ? view.mapEnhancement.assets : ''}`;
}

export function renderJobAd(ctx: PageContext, base: string, ad: JobAdRow, joblog?: { forwarding: boolean; today: string }): SafeHtml {
  const { t } = ctx;
  const lang = ad.ad_language !== ctx.locale ? html` lang="${ad.ad_language}"` : '';
  const fact = (label: string, value: string | SafeHtml) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<p><a href="${base}" class="back-link">${t('jobs.ad.back')}</a></p>
<article${lang}>
  <h1>${ad.title}</h1>
  <div class="job-ad-text">${ad.body.split(/\n\s*\n/).map((paragraph) => html`<p>${paragraph}</p>`)}</div>
</article>
<h2 class="h3">${t('jobs.ad.facts')}</h2>
<dl class="job-ad-facts">
  ${fact(t('jobs.ad.employer'), ad.employer_name)}
  ${fact(t('jobs.ad.occupation'), ad.occupation_title)}
  ${fact(t('jobs.ad.place'), ad.postal_code ? `${ad.postal_code} ${ad.town}` : ad.town)}
  ${fact(t('jobs.ad.hours'), `${t(hoursText[ad.working_hours])} (${t('jobs.results.hoursPerWeek', { hours: formatNumber(ctx.locale, Number(ad.hours_per_week)) })})`)}
  ${fact(t('jobs.ad.employment'), t(employmentText[ad.employment]))}
  ${fact(t('jobs.ad.published'), formatDate(ctx.locale, ad.published_at))}
  ${fact(t('jobs.ad.deadline'), formatCalendarDate(ctx.locale, ad.deadline))}
</dl>
<p><a href="${ad.url}" class="button button-primary" rel="noopener">${t('jobs.ad.apply')}</a></p>
${joblog ? appliedSection(ctx, ad, joblog) : ''}
<p class="small-text mt-6">${t('jobs.source')}</p>`;
}

/**
 * "I applied": one click puts the application in the citizen's Joblog (the Joblog page's own form, with the ad's title,
 * employer and today's date; its one-time token makes a second click register nothing more).
 */
function appliedSection(ctx: PageContext, ad: JobAdRow, joblog: { forwarding: boolean; today: string }): SafeHtml {
  const { t } = ctx;
  const [year, month, day] = joblog.today.split('-');
  return html`<section class="mt-6" aria-labelledby="applied-heading">
<h2 id="applied-heading" class="h3">${t('jobs.applied.heading')}</h2>
${
  joblog.forwarding
    ? html`<p>${t('jobs.applied.text')}</p>
<form method="post" action="/borger/joblog">
  ${csrfField(ctx.csrfToken())}${formTokenField()}
  <input type="hidden" name="kind" value="application"><input type="hidden" name="jobTitle" value="${ad.title.slice(0, 200)}">
  <input type="hidden" name="employer" value="${ad.employer_name.slice(0, 200)}">
  <input type="hidden" name="activityOnDay" value="${String(Number(day))}"><input type="hidden" name="activityOnMonth" value="${String(Number(month))}"><input type="hidden" name="activityOnYear" value="${year ?? ''}">
  <button type="submit" class="button button-secondary">${t('jobs.applied.button')}</button>
</form>`
    : html`<p>${t('jobs.applied.needsAgreement')}</p><p><a href="/borger/joblog">${t('jobs.applied.agreeLink')}</a></p>`
}
</section>`;
}

export function renderJobAdGone(ctx: PageContext, base: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('jobs.ad.gone')}</h1>
<p>${t('jobs.ad.goneNext')}</p>
<p><a href="${base}" class="button button-primary">${t('jobs.ad.back')}</a></p>`;
}

/** A search's result as the API gives it. */
export function presentSearch(result: JobSearchResult) {
  const value = (f: { value: string; count: number; label?: string }) => ({ value: f.value, label: f.label ?? f.value, count: f.count });
  return {
    total: result.total,
    page: result.page,
    pageSize: JOBS_PAGE_SIZE,
    correctedQuery: result.correctedQuery,
    near: result.near,
    items: result.rows.map((row) => ({
      id: row.ad_id,
      title: row.title,
      language: row.ad_language,
      employer: row.employer_name,
      town: row.town,
      municipalityCode: row.municipality_code,
      lat: row.lat,
      lon: row.lon,
      occupation: { escoUri: row.esco_uri, title: row.occupation_title },
      workingHours: row.working_hours,
      hoursPerWeek: Number(row.hours_per_week),
      publishedAt: row.published_at.toISOString(),
      deadline: row.deadline,
      distanceKm: row.distance_m === null ? null : Math.round(row.distance_m / 100) / 10,
    })),
    facets: {
      municipality: result.facets.municipality.map(value),
      hours: result.facets.hours.map(value),
      occupation: result.facets.occupation.map(value),
      publishedWithinDays: result.facets.published.map(value),
    },
  };
}

/** One ad as the API gives it. */
export function presentAd(ad: JobAdRow) {
  return {
    id: ad.ad_id,
    version: ad.version,
    title: ad.title,
    text: ad.body,
    language: ad.ad_language,
    employer: { name: ad.employer_name, cvr: ad.employer_cvr },
    workplace: { town: ad.town, postalCode: ad.postal_code, municipalityCode: ad.municipality_code, lat: ad.lat, lon: ad.lon },
    occupation: { escoUri: ad.esco_uri, title: ad.occupation_title, discoCode: ad.disco_code },
    workingHours: ad.working_hours,
    hoursPerWeek: Number(ad.hours_per_week),
    employment: ad.employment,
    publishedAt: ad.published_at.toISOString(),
    deadline: ad.deadline,
    url: ad.url,
  };
}
