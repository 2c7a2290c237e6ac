// How governance's pages look (the review queue, the live listings, one listing's review) and the municipality's notices.
import { formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, textArea, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { answerText } from '../frameworks/index.ts';
import type { DecisionRow, NoticeRow, QueueRow, TaxonomyLabels } from './listings.repository.ts';
import type { ReviewOutcome } from './listings.schemas.ts';
import type { LiveListingsView, ReviewView } from './listings.service.ts';
import { renderChecks, renderHistory, renderNotices, renderVersion, statusLabel } from './listings.views.ts';

export const LIVE_LIST = '/faellesskab/ydelser';

/** What was typed into one of the review page's forms, and what was wrong with it. */
export type FormState = { values: Record<string, string>; errors: FormErrors };

/** The municipality's notices about listings (suspended, delisted, reinstated), under its workspace header. */
export function renderMunicipalityNotices(ctx: PageContext, header: SafeHtml, notices: NoticeRow[]): SafeHtml {
  return renderPage(ctx, {
    title: ctx.t('notice.municipalityTitle'),
    body: html`${header}<h1>${ctx.t('notice.municipalityTitle')}</h1>
<p class="font-lead">${ctx.t('notice.municipalityLead')}</p>
${renderNotices(ctx, notices, { link: (id) => `/kommune/katalog/${id}` })}`,
  });
}

function age(ctx: PageContext, since: Date): string {
  const hours = Math.max(0, Math.floor((Date.now() - since.getTime()) / 3_600_000));
  return hours < 48 ? ctx.t('review.ageHours', { count: hours }) : ctx.t('review.ageDays', { count: Math.floor(hours / 24) });
}

/** Governance's review queue, oldest first, and its latest decisions. */
export function renderWorkspace(ctx: PageContext, queue: QueueRow[], recent: DecisionRow[]): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('review.title'),
    body: html`${governanceNav(ctx, 'queue')}<h1>${t('review.title')}</h1>
<p class="font-lead">${t('review.lead')}</p>
<h2>${t('review.queue', { count: queue.length })}</h2>
${
  queue.length === 0
    ? html`<p>${t('review.queueEmpty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('review.queue', { count: queue.length })}</caption>
<thead><tr><th scope="col">${t('listing.list.name')}</th><th scope="col">${t('review.vendor')}</th><th scope="col">${t('listing.history.version')}</th><th scope="col">${t('review.waiting')}</th><th scope="col">${t('review.assignee')}</th></tr></thead>
<tbody>${queue.map(
        (q) =>
          html`<tr><td><a href="/faellesskab/ydelser/${q.listing_id}">${q.name_da}</a></td><td>${q.vendor_name}</td><td>${q.version}</td><td>${age(ctx, q.submitted_at)} <span class="small-text">(${formatDateTime(ctx.locale, q.submitted_at)})</span></td><td>${q.assignee_name ?? t('listing.unassigned')}</td></tr>`,
      )}</tbody></table></div>`
}
<h2>${t('review.recent')}</h2>
${
  recent.length === 0
    ? html`<p>${t('review.recentEmpty')}</p>`
    : html`<ul class="nobullet-list">${recent.map(
        (d) =>
          html`<li class="mb-3"><a href="/faellesskab/ydelser/${d.listing_id}">${d.name_da ?? t('listing.unnamed')}</a> (${d.vendor_name}), ${t('listing.versionN', { version: d.version })}: ${statusLabel(t, d.to_status)} — ${d.actor_name}, ${formatDateTime(ctx.locale, d.at)}</li>`,
      )}</ul>`
}`,
  });
}

function renderChecklist(ctx: PageContext, checklist: ReviewView['checklist']): SafeHtml {
  const { t } = ctx;
  if (!checklist) return html`<p>${t('review.noFramework')}</p>`;
  const title = ctx.locale === 'en' ? checklist.agreementTitle.en : checklist.agreementTitle.da;
  return html`<p>${title}, ${t('listing.versionN', { version: checklist.version })}: <strong>${t(`review.declaration.${checklist.status}`)}</strong>${checklist.submittedAt ? ` (${formatDateTime(ctx.locale, checklist.submittedAt)})` : ''}</p>
<ul class="nobullet-list checklist">${checklist.items.map(
    (item) =>
      html`<li class="mb-3"><strong>${item.satisfied ? t('review.satisfied') : t('review.notSatisfied')}</strong> ${ctx.locale === 'en' ? item.text.en : item.text.da} <span class="small-text">(${t(`review.obligation.${item.obligation}`)})</span>${item.answer ? html`<br>${t('review.answer')}: ${answerText(t, item.answerType, item.answer)}` : ''}</li>`,
  )}</ul>`;
}

/** Governance's pages, as a row of links at the top of each of them. */
export function governanceNav(ctx: PageContext, current: 'queue' | 'live' | 'frameworks' | 'akasser' | 'webhooks' | 'knowledge' | undefined): SafeHtml {
  const { t } = ctx;
  const items = [
    { key: 'queue', href: '/faellesskab/gennemgang', label: t('review.nav.queue') },
    { key: 'live', href: LIVE_LIST, label: t('review.nav.live') },
    { key: 'frameworks', href: '/faellesskab/rammeaftaler', label: t('review.nav.frameworks') },
    // The organisations module's page, handed this navigation by the composition (src/modules.ts).
    { key: 'akasser', href: '/faellesskab/a-kasser', label: t('organisations.nav.akasser') },
    // The webhooks module's dead letters, handed this navigation the same way.
    { key: 'webhooks', href: '/faellesskab/webhooks', label: t('webhooks.nav') },
    // The knowledge module's national answers, handed this navigation the same way.
    { key: 'knowledge', href: '/faellesskab/vidensbase', label: t('knowledge.nav') },
  ] as const;
  return html`<nav aria-label="${t('review.nav.label')}" class="mb-5"><ul class="nobullet-list d-flex flex-wrap">${items.map(
    (item) =>
      html`<li class="mr-5">${item.key === current ? html`<a href="${item.href}" aria-current="page"><strong>${item.label}</strong></a>` : html`<a href="${item.href}">${item.label}</a>`}</li>`,
  )}</ul></nav>`;
}

/** A section that is closed until opened (DKFDS details: a native element, so it works without JavaScript). */
function collapsible(summary: string, content: SafeHtml | string, open = false): SafeHtml {
  return html`<details class="details mt-5"${open ? html` open` : ''}><summary class="details-summary"><span class="details-summary-text">${summary}</span></summary><div class="details-text">${content}</div></details>`;
}

function outcomeBanner(ctx: PageContext, outcome: ReviewOutcome | undefined): SafeHtml | string {
  return outcome
    ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${ctx.t(`review.done.${outcome}`)}</p></div></div>`
    : '';
}

function liveListUrl(filter: { q: string; status: string | undefined }, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (page > 1) params.set('side', String(page));
  const query = params.toString();
  return query ? `${LIVE_LIST}?${query}` : LIVE_LIST;
}

/** Governance's list of listings in the catalogue or suspended, with its search, status filter and pages. */
export function renderLiveList(ctx: PageContext, list: LiveListingsView, filter: { q: string; status: 'live' | 'suspenderet' | undefined }): SafeHtml {
  const { t } = ctx;
  const previous = list.page > 1 ? liveListUrl(filter, list.page - 1) : undefined;
  const next = list.hasNext ? liveListUrl(filter, list.page + 1) : undefined;
  return renderPage(ctx, {
    title: t('review.liveList.title'),
    body: html`${governanceNav(ctx, 'live')}<h1>${t('review.liveList.title')}</h1>
<p class="font-lead">${t('review.liveList.lead')}</p>
<form method="get" action="${LIVE_LIST}" class="mb-6">
  <div class="form-group">
    <label class="form-label" for="live-q">${t('review.liveList.search')}</label>
    <input class="form-input" type="search" id="live-q" name="q" value="${filter.q}" maxlength="200">
  </div>
  ${radioGroup({
    name: 'status',
    legend: t('review.liveList.status'),
    value: filter.status ?? '',
    choices: [
      { value: '', label: t('review.liveList.all') },
      { value: 'live', label: t('review.liveList.live') },
      { value: 'suspenderet', label: t('review.liveList.suspended') },
    ],
  })}
  <button class="button button-secondary" type="submit">${t('review.liveList.submit')}</button>
</form>
${
  list.items.length === 0
    ? html`<p>${t('review.liveList.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('review.liveList.title')}</caption>
<thead><tr><th scope="col">${t('listing.list.name')}</th><th scope="col">${t('review.vendor')}</th><th scope="col">${t('review.liveList.status')}</th><th scope="col">${t('listing.history.version')}</th><th scope="col">${t('review.liveList.since')}</th></tr></thead>
<tbody>${list.items.map(
        (item) =>
          html`<tr><td><a href="/faellesskab/ydelser/${item.listing_id}">${item.name_da ?? t('listing.unnamed')}</a></td><td>${item.vendor_name}</td><td>${item.status === 'approved' ? t('review.liveList.live') : t('review.liveList.suspended')}</td><td>${item.version}</td><td>${item.decided_at ? formatDateTime(ctx.locale, item.decided_at) : '—'}</td></tr>`,
      )}</tbody></table></div>`
}
${
  previous || next
    ? html`<nav aria-label="${t('review.liveList.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${previous ? html`<li class="mr-5"><a href="${previous}" rel="prev">${t('review.liveList.previous')}</a></li>` : ''}${
        next ? html`<li><a href="${next}" rel="next">${t('review.liveList.next')}</a></li>` : ''
      }</ul></nav>`
    : ''
}`,
  });
}

/** One listing as governance reviews it: the decision on a version in review, the live actions, and what they rest on. */
export function renderReview(
  ctx: PageContext,
  view: ReviewView,
  labels: TaxonomyLabels,
  forms: { decision?: FormState; live?: FormState },
  outcome?: ReviewOutcome,
): SafeHtml {
  const { t } = ctx;
  const open = view.open;
  const name = open?.name_da ?? view.live?.name_da ?? view.versions[0]?.name_da ?? t('listing.unnamed');
  const suspended = view.versions.find((v) => v.status === 'suspended');
  const decision = forms.decision ?? { values: {}, errors: {} };
  const live = forms.live ?? { values: {}, errors: {} };
  const reviewing = open?.status === 'in_review' ? open : undefined;
  const mine = reviewing !== undefined && view.assignedToActor;
  const liveChoices = [
    ...(view.live ? [{ value: 'suspend', label: t('review.live.suspend') }] : []),
    ...(suspended && !view.live ? [{ value: 'reinstate', label: t('review.live.reinstate') }] : []),
    { value: 'delist', label: t('review.live.delist') },
  ];
  // The decision comes first; what it rests on (checklist, checks, content, history) follows in sections to open.
  return renderPage(ctx, {
    title: name,
    body: html`${governanceNav(ctx, undefined)}<nav aria-label="${t('shell.breadcrumb')}"><a href="/faellesskab/gennemgang">${t('review.title')}</a></nav>
<h1>${name}</h1>
<p class="font-lead">${t('review.vendor')}: ${view.vendorName}</p>
${outcomeBanner(ctx, outcome)}
${errorSummary(t, { ...decision.errors, ...live.errors })}
<dl class="listing-status">
  <dt>${t('listing.liveVersion')}</dt><dd>${view.live ? t('listing.versionN', { version: view.live.version }) : view.delisted ? t('listing.status.delisted') : suspended ? `${t('listing.versionN', { version: suspended.version })}: ${statusLabel(t, 'suspended')}` : t('listing.list.notLive')}</dd>
  ${open ? html`<dt>${t('listing.openVersion')}</dt><dd>${t('listing.versionN', { version: open.version })}: <strong>${statusLabel(t, open.status)}</strong></dd>` : ''}
</dl>
${
  reviewing
    ? html`<section aria-labelledby="decision-heading" class="mt-6">
<h2 id="decision-heading">${t('review.decisionTitle', { version: reviewing.version })}</h2>
<p>${t('review.assignee')}: ${reviewing.assignee_name ?? t('listing.unassigned')}${reviewing.submitted_at ? html` · ${t('review.waiting')}: ${age(ctx, reviewing.submitted_at)}` : ''}</p>
${
  mine
    ? html`<p><strong>${t('review.assignedToYou')}</strong></p>`
    : html`<form method="post" action="/faellesskab/ydelser/${view.listingId}/tildel">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('review.assignMe')}</button></form>`
}
<form method="post" action="/faellesskab/ydelser/${view.listingId}/afgoerelse" novalidate class="mt-6">
  ${csrfField(ctx.csrfToken())}
  ${radioGroup({ name: 'decision', legend: t('review.decision'), value: decision.values.decision, error: decision.errors.decision, choices: (['approve', 'request_changes', 'reject'] as const).map((d) => ({ value: d, label: t(`review.decide.${d}`) })) })}
  ${textArea({ name: 'reason', label: t('review.reason'), hint: t('review.reasonHint'), value: decision.values.reason, error: decision.errors.reason, maxLength: 5000, rows: 4, optional: true })}
  <button class="button button-primary" type="submit">${t('review.submitDecision')}</button>
</form>
${collapsible(t('review.checklist'), renderChecklist(ctx, view.checklist))}
${view.checks.length > 0 ? collapsible(t('listing.checks.title'), renderChecks(ctx, view.checks)) : ''}
${collapsible(t('listing.versionContent', { version: reviewing.version }), renderVersion(ctx, reviewing, labels))}
</section>`
    : open
      ? html`<p>${t('review.notYet', { status: statusLabel(t, open.status) })}</p>${view.checks.length > 0 ? collapsible(t('listing.checks.title'), renderChecks(ctx, view.checks)) : ''}`
      : ''
}
${
  !view.delisted && (view.live || suspended)
    ? html`<section aria-labelledby="live-heading" class="mt-6">
<h2 id="live-heading">${t('review.live.title')}</h2>
<form method="post" action="/faellesskab/ydelser/${view.listingId}/status" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${radioGroup({ name: 'liveAction', legend: t('review.live.action'), hint: t('review.live.hint'), value: live.values.liveAction, error: live.errors.liveAction, choices: liveChoices })}
  ${textArea({ name: 'liveReason', label: t('review.live.reason'), value: live.values.liveReason, error: live.errors.liveReason, maxLength: 5000, rows: 3 })}
  <button class="button button-secondary" type="submit">${t('review.live.submit')}</button>
</form>
${view.live ? collapsible(t('listing.versionContent', { version: view.live.version }), renderVersion(ctx, view.live, labels)) : ''}
</section>`
    : ''
}
${collapsible(t('listing.history.title'), renderHistory(ctx, view.transitions))}`,
  });
}
