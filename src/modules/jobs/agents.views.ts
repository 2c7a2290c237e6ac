// How job agents look: the form that saves a search (its criteria carried as hidden fields), the citizen's agents with
// their new finds and the notices, one agent with what it found, and the unsubscribe pages a mail's link opens.
import { formatCalendarDate, formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, errorSummary, radioGroup, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { AgentRow, MatchRow, NoticeRow } from './agents.repository.ts';
import type { QueryValues } from './jobs.views.ts';

/** The search's fields an agent keeps (the rest — sort, page, published — belong to one look). */
export const agentCriteriaFields = ['q', 'stilling', 'stillingstekst', 'kommune', 'sted', 'afstand', 'arbejdstid'] as const;

function criteriaSummary(ctx: PageContext, values: QueryValues, occupationTitles: Map<string, string>, municipalityNames: Map<string, string>): string {
  const { t } = ctx;
  const parts = [
    ...(values.q ?? []).filter(Boolean).map((q) => `»${q}«`),
    ...(values.stilling ?? []).map((uri) => occupationTitles.get(uri) ?? uri),
    ...(values.stillingstekst ?? []).filter(Boolean),
    ...(values.kommune ?? []).map((code) => municipalityNames.get(code) ?? code),
    ...(values.sted ?? []).filter(Boolean).map((place) => t('jobs.map.circle', { km: values.afstand?.[0] ?? '50', place })),
    ...(values.arbejdstid ?? []).map((h) => (h === 'deltid' ? t('jobs.hours.deltid') : t('jobs.hours.fuldtid'))),
  ];
  return parts.length > 0 ? parts.join(' · ') : t('jobs.agent.everything');
}

export function renderAgentForm(
  ctx: PageContext,
  form: {
    criteria: QueryValues;
    values: Record<string, string>;
    errors: FormErrors;
    occupationTitles: Map<string, string>;
    municipalityNames: Map<string, string>;
  },
): SafeHtml {
  const { t } = ctx;
  return html`<p><a href="/borger/job" class="back-link">${t('jobs.ad.back')}</a></p>
<h1>${t('jobs.agent.newTitle')}</h1>
<p class="font-lead">${t('jobs.agent.saveLead')}</p>
${errorSummary(t, form.errors, { navn: t('jobs.agent.name'), email: t('jobs.agent.email'), hyppighed: t('jobs.agent.frequency'), sted: t('jobs.form.place') })}
<h2 class="h3">${t('jobs.agent.search')}</h2>
<p>${criteriaSummary(ctx, form.criteria, form.occupationTitles, form.municipalityNames)}</p>
${form.errors.sted ? html`<p class="form-error-message" id="field-sted">${form.errors.sted}</p>` : ''}
<form method="post" action="/borger/job/agenter" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(form.values)}
  ${agentCriteriaFields.flatMap((name) => (form.criteria[name] ?? []).map((value) => html`<input type="hidden" name="${name}" value="${value}">`))}
  ${textField({ name: 'navn', label: t('jobs.agent.name'), hint: t('jobs.agent.nameHint'), value: form.values.navn, error: form.errors.navn, maxLength: 100 })}
  ${textField({ name: 'email', type: 'email', label: t('jobs.agent.email'), hint: t('jobs.agent.emailHint'), value: form.values.email, error: form.errors.email, maxLength: 200, autocomplete: 'email' })}
  ${radioGroup({
    name: 'hyppighed',
    legend: t('jobs.agent.frequency'),
    value: form.values.hyppighed ?? 'immediate',
    error: form.errors.hyppighed,
    choices: [
      { value: 'immediate', label: t('jobs.agent.frequency.immediate') },
      { value: 'daily', label: t('jobs.agent.frequency.daily') },
    ],
  })}
  <button type="submit" class="button button-primary">${t('jobs.agent.create')}</button>
</form>`;
}

export function renderAgents(
  ctx: PageContext,
  view: { agents: (AgentRow & { unseen: number })[]; notices: NoticeRow[]; created: boolean; deleted: boolean },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('jobs.agent.listTitle')}</h1>
<p class="font-lead">${t('jobs.agent.listLead')}</p>
${view.created ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('jobs.agent.created')}</p></div></div>` : ''}
${view.deleted ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('jobs.agent.deleted')}</p></div></div>` : ''}
${
  view.agents.length === 0
    ? html`<p>${t('jobs.agent.none')}</p><p><a href="/borger/job" class="button button-primary">${t('jobs.agent.noneNext')}</a></p>`
    : html`<ul class="nobullet-list">${view.agents.map(
        (agent) => html`<li class="mb-4">
  <h2 class="h4 mb-1"><a href="/borger/job/agenter/${agent.id}">${agent.name}</a>${agent.unseen > 0 ? html` <span class="badge badge-large">${t('jobs.agent.unseen', { count: formatNumber(ctx.locale, agent.unseen) })}</span>` : ''}</h2>
  <p class="mt-0 small-text">${agent.active ? t('jobs.agent.active') : t('jobs.agent.stopped')} · ${t(agent.frequency === 'daily' ? 'jobs.agent.frequency.daily' : 'jobs.agent.frequency.immediate')} · ${agent.email}</p>
</li>`,
      )}</ul>`
}
${
  view.notices.length > 0
    ? html`<h2 class="h3 mt-6">${t('jobs.agent.notices')}</h2>
<ul class="nobullet-list">${view.notices.map(
        (n) =>
          html`<li class="mb-2">${n.seen_at === null ? html`<strong>${t('jobs.agent.newBadge')}:</strong> ` : ''}<a href="/borger/job/agenter/${n.agent_id}">${t(
            n.kind === 'digest' ? 'jobs.agent.noticeDigest' : 'jobs.agent.notice',
            { agent: n.agent_name, count: formatNumber(ctx.locale, n.ads) },
          )}</a> <span class="small-text">${formatDateTime(ctx.locale, n.created_at)}${n.mailed_at ? html` · ${t('jobs.agent.mailed')}` : ''}</span></li>`,
      )}</ul>`
    : ''
}
<p class="mt-6"><a href="/borger/job">${t('jobs.nav')}</a></p>`;
}

export function renderAgent(ctx: PageContext, view: { agent: AgentRow; matches: MatchRow[] }): SafeHtml {
  const { t } = ctx;
  const { agent } = view;
  const action = (path: string, label: string, kind: 'primary' | 'secondary' | 'tertiary') =>
    html`<form method="post" action="/borger/job/agenter/${agent.id}/${path}" class="d-inline-block mr-3">${csrfField(ctx.csrfToken())}<button type="submit" class="button button-${kind}">${label}</button></form>`;
  return html`<p><a href="/borger/job/agenter" class="back-link">${t('jobs.agent.back')}</a></p>
<h1>${agent.name}</h1>
<p class="small-text">${agent.active ? t('jobs.agent.active') : t('jobs.agent.stopped')} · ${t(agent.frequency === 'daily' ? 'jobs.agent.frequency.daily' : 'jobs.agent.frequency.immediate')} · ${agent.email}</p>
<div class="mb-5">
  ${agent.active ? action('pause', t('jobs.agent.stop'), 'secondary') : action('start', t('jobs.agent.start'), 'secondary')}
  ${action('slet', t('jobs.agent.delete'), 'tertiary')}
</div>
<h2 class="h3">${t('jobs.agent.found')}</h2>
${
  view.matches.length === 0
    ? html`<p>${t('jobs.agent.foundNone')}</p>`
    : html`<ul class="nobullet-list">${view.matches.map(
        (m) =>
          html`<li class="mb-3"><a href="/borger/job/${encodeURIComponent(m.ad_id)}">${m.title}</a><br><span class="small-text">${m.employer_name}, ${m.town} · ${t(
            'jobs.results.deadline',
            {
              date: formatCalendarDate(ctx.locale, m.deadline),
            },
          )}</span></li>`,
      )}</ul>`
}`;
}

export function renderUnsubscribe(ctx: PageContext, token: string, agent: { name: string; active: boolean } | undefined, done: boolean): SafeHtml {
  const { t } = ctx;
  if (!agent)
    return html`<h1>${t('jobs.agent.unknownLink')}</h1><p>${t('jobs.agent.unknownLinkText')}</p><p><a href="/borger/job/agenter">${t('jobs.agent.listTitle')}</a></p>`;
  if (done || !agent.active)
    return html`<h1>${t('jobs.agent.unsubscribeTitle')}</h1>
<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('jobs.agent.unsubscribed', { name: agent.name })}</p></div></div>
<p>${t('jobs.agent.unsubscribedNext')}</p><p><a href="/borger/job/agenter">${t('jobs.agent.listTitle')}</a></p>`;
  return html`<h1>${t('jobs.agent.unsubscribeTitle')}</h1>
<p class="font-lead">${t('jobs.agent.unsubscribeText', { name: agent.name })}</p>
<form method="post" action="/job/agent/afmeld/${token}">${csrfField(ctx.csrfToken())}<button type="submit" class="button button-primary">${t('jobs.agent.unsubscribeButton')}</button></form>`;
}
