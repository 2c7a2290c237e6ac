// How the journey looks: the screening form, "Min jobrejse" with the plan and the recommendations with their reasons,
// and the shared pieces the caseworker's pages use (dates, offer names, activity sources and statuses).
import { dataCategoryText, formatCalendarDate, formatDateTime, type MessageKey, type Translator } from '../../platform/i18n/index.ts';
import { checkboxGroup, csrfField, errorSummary, radioGroup, textArea, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import type { ActivityRow, EscalationRow, JourneyTaxonomies, OfferRow, ProfileRow, TaxonomyEntry } from './journey.repository.ts';
import { allowedNextStatuses, digitalReadinessLevels, helpNeeds, type EscalationReason, type RecommendationReason } from './journey.rules.ts';
import type { CitizenOverview, Contact, JourneyView } from './journey.service.ts';

export const nameOf = (ctx: PageContext, entry: { name_da: string; name_en: string }) => (ctx.locale === 'en' ? entry.name_en : entry.name_da);

/** The name of a taxonomy code in the reader's language (the code itself if it is unknown). */
export function labelOf(ctx: PageContext, entries: readonly TaxonomyEntry[], code: string | null): string {
  const entry = entries.find((e) => e.code === code);
  return entry ? nameOf(ctx, entry) : (code ?? '');
}

export const offerName = (ctx: PageContext, offer: OfferRow) => (ctx.locale === 'en' ? offer.nameEn : offer.nameDa);
export const offerSummary = (ctx: PageContext, offer: OfferRow) => (ctx.locale === 'en' ? offer.summaryEn : offer.summaryDa);
export const activityTitle = (ctx: PageContext, activity: ActivityRow) => (ctx.locale === 'en' && activity.title_en ? activity.title_en : activity.title);

/** An activity's status; "I gang · 40 %" when the vendor's service reported progress. */
export function statusLabel(t: Translator, status: ActivityRow['status'], progress?: number | null): string {
  if (status === 'in_progress' && progress !== null && progress !== undefined) return t('journey.status.in_progressPercent', { percent: progress });
  return t(`journey.status.${status}`);
}

/** Who put an activity in the plan: the citizen, or a staff member of the organisation they worked for then (else `service`, who helps now). */
export function sourceText(t: Translator, activity: ActivityRow, service: string): string {
  if (activity.source === 'chosen') return t('journey.source.chosen');
  return t(`journey.source.${activity.source}`, { name: activity.created_by_name, service: activity.created_by_organisation ?? service });
}

/** An escalation's reasons as the caseworker reads them. */
export function escalationReasonsForStaff(t: Translator, reasons: readonly EscalationReason[]): string[] {
  return reasons.map((reason) => t(`journey.reason.staff.${reason}`));
}

/** The notice telling the citizen who will contact them and by when, while their escalation is open. */
export function renderContactNotice(ctx: PageContext, escalation: EscalationRow | undefined, contact: Contact): SafeHtml | string {
  if (!escalation) return '';
  const { t } = ctx;
  const reasons = escalation.reasons.map((reason) => t(`journey.reason.citizen.${reason}`));
  return html`<div class="alert alert-info" id="contact-notice"><div class="alert-body">
<h2 class="alert-heading h3">${t('journey.contact.heading', { name: contact.name, date: formatCalendarDate(ctx.locale, escalation.contact_by, { weekday: true }) })}</h2>
<p class="alert-text">${t('journey.contact.why')}</p>
<ul class="alert-text">${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
${escalation.status === 'in_progress' && escalation.assignee_name ? html`<p class="alert-text">${t('journey.contact.taken', { who: escalation.assignee_name, service: contact.name })}</p>` : ''}
<p class="alert-text">${contact.phone ? t('journey.contact.phone', { name: contact.name, phone: contact.phone }) : t('journey.contact.noPhone')}</p>
</div></div>`;
}

/** The screening form's values as text: a stored profile, or what the citizen sent. */
export type ScreeningFormValues = { text: Record<string, string>; languages: string[]; wantsContact: boolean };

export function screeningValuesOf(profile: ProfileRow | undefined): ScreeningFormValues {
  if (!profile?.screened_at) return { text: {}, languages: profile?.languages ?? ['da'], wantsContact: false };
  return {
    text: {
      digitalReadiness: profile.digital_readiness ?? '',
      jobGoal: profile.job_goal ?? '',
      journeyStage: profile.journey_stage ?? '',
      needsHelp: profile.needs_help ?? '',
      wellbeing: profile.wellbeing_concern ? 'yes' : 'no',
    },
    languages: profile.languages,
    wantsContact: profile.wants_contact,
  };
}

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

/** What the citizen sent, to show again next to the messages when the screening fails validation. */
export function screeningValuesFromForm(body: unknown): ScreeningFormValues {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
  return { text, languages: listOf(form.languages), wantsContact: form.wantsContact === 'yes' };
}

/** The screening: digital readiness, job goal, stage, need for help, languages, a wish for contact, wellbeing. */
export function renderScreening(
  ctx: PageContext,
  options: {
    values: ScreeningFormValues;
    errors: FormErrors;
    taxonomies: JourneyTaxonomies;
    firstTime: boolean;
    escalation: EscalationRow | undefined;
    contact: Contact;
  },
): SafeHtml {
  const { t } = ctx;
  const { text } = options.values;
  const e = options.errors;
  const service = options.contact.name;
  const choices = (entries: readonly TaxonomyEntry[]) => entries.map((entry) => ({ value: entry.code, label: nameOf(ctx, entry) }));
  return html`<h1>${t('journey.screening.title')}</h1>
${options.firstTime ? html`<p class="font-lead">${t('journey.screening.welcome')}</p>` : ''}
<p>${t('journey.screening.lead', { service })}</p>
${renderContactNotice(ctx, options.escalation, options.contact)}
${errorSummary(t, e)}
<form method="post" action="/borger/screening" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${radioGroup({ name: 'digitalReadiness', legend: t('journey.screening.digitalReadiness'), value: text.digitalReadiness, error: e.digitalReadiness, choices: digitalReadinessLevels.map((level) => ({ value: level, label: t(`journey.screening.digitalReadiness.${level}`) })) })}
  ${radioGroup({ name: 'journeyStage', legend: t('journey.screening.journeyStage'), hint: t('journey.screening.journeyStageHint'), value: text.journeyStage, error: e.journeyStage, choices: choices(options.taxonomies.journeyStages) })}
  ${radioGroup({ name: 'needsHelp', legend: t('journey.screening.needsHelp'), value: text.needsHelp, error: e.needsHelp, choices: helpNeeds.map((need) => ({ value: need, label: t(`journey.screening.needsHelp.${need}`) })) })}
  ${textArea({ name: 'jobGoal', label: t('journey.screening.jobGoal'), hint: t('journey.screening.jobGoalHint'), value: text.jobGoal, error: e.jobGoal, maxLength: 500, rows: 3, optional: true })}
  ${checkboxGroup({ name: 'languages', legend: t('journey.screening.languages'), hint: t('journey.screening.languagesHint'), values: options.values.languages, error: e.languages, choices: choices(options.taxonomies.languages) })}
  ${radioGroup({
    name: 'wellbeing',
    legend: t('journey.screening.wellbeing'),
    hint: t('journey.screening.wellbeingHint', { service }),
    value: text.wellbeing,
    error: e.wellbeing,
    choices: [
      { value: 'no', label: t('journey.screening.wellbeing.no') },
      { value: 'yes', label: t('journey.screening.wellbeing.yes') },
    ],
  })}
  ${checkboxGroup({ name: 'wantsContact', legend: t('journey.screening.contact', { service }), values: options.values.wantsContact ? ['yes'] : [], error: e.wantsContact, choices: [{ value: 'yes', label: t('journey.screening.wantsContact', { service }) }] })}
  <button class="button button-primary" type="submit">${t('journey.screening.submit')}</button>
</form>`;
}

function reasonText(ctx: PageContext, reason: RecommendationReason, taxonomies: JourneyTaxonomies, service: string): SafeHtml {
  const { t } = ctx;
  switch (reason.code) {
    case 'jobcenter': {
      const note = ctx.locale === 'en' ? (reason.noteEn ?? reason.noteDa) : reason.noteDa;
      return html`${t('journey.why.jobcenter', { group: labelOf(ctx, taxonomies.targetGroups, reason.targetGroup), service })}${note ? html` <span class="preserve-lines">${t('journey.why.jobcenterNote', { note, service })}</span>` : ''}`;
    }
    case 'digital_readiness':
      return html`${t('journey.why.digitalReadiness')}`;
    case 'journey_stage':
      return html`${t('journey.why.journeyStage', { stage: labelOf(ctx, taxonomies.journeyStages, reason.journeyStage) })}`;
    case 'target_group':
      return html`${t('journey.why.targetGroup', { group: labelOf(ctx, taxonomies.targetGroups, reason.targetGroup) })}`;
    case 'language':
      return html`${t('journey.why.language', { languages: reason.languages.map((code) => labelOf(ctx, taxonomies.languages, code)).join(', ') })}`;
  }
}

/** Where and when a local offer (the employment service's own, `service`) is, or that an offer is a digital service. */
function offerKind(ctx: PageContext, offer: OfferRow, service: string): string {
  return offer.kind === 'local_offer' && offer.startsAt
    ? ctx.t('journey.offer.local', { place: offer.place ?? '', time: formatDateTime(ctx.locale, offer.startsAt), service })
    : ctx.t('journey.offer.service');
}

const hiddenItem = (offer: OfferRow) => html`<input type="hidden" name="kind" value="${offer.kind}"><input type="hidden" name="itemId" value="${offer.id}">`;

function renderPlan(ctx: PageContext, plan: ActivityRow[], service: string): SafeHtml {
  const { t } = ctx;
  if (plan.length === 0) return html`<p>${t('journey.plan.empty', { service })}</p>`;
  return html`<ul class="nobullet-list journey-plan">${plan.map((activity) => {
    const title = activityTitle(ctx, activity);
    const next = allowedNextStatuses(activity);
    return html`<li class="card mb-5"><div class="card-content">
<h3 class="card-heading">${title}</h3>
<dl class="journey-facts">
  <dt>${t('journey.plan.status')}</dt><dd><strong>${statusLabel(t, activity.status, activity.progress)}</strong></dd>
  <dt>${t('journey.plan.source')}</dt><dd>${sourceText(t, activity, service)}</dd>
  ${activity.due_on ? html`<dt>${t('journey.plan.due')}</dt><dd>${formatCalendarDate(ctx.locale, activity.due_on, { weekday: true })}</dd>` : ''}
  ${activity.note ? html`<dt>${t('journey.plan.note', { service })}</dt><dd class="preserve-lines">${danishText(ctx, activity.note)}</dd>` : ''}
</dl>
${
  next.length > 0
    ? html`<form method="post" action="/borger/jobrejse/aktiviteter/${activity.id}/status" class="journey-actions">${csrfField(ctx.csrfToken())}${next
        .filter((status) => status !== 'planned')
        .map(
          (status) =>
            html`<button class="button ${status === 'dropped' ? 'button-tertiary' : 'button-secondary'} mr-4" type="submit" name="status" value="${status}">${t(`journey.plan.to.${status}`)}<span class="sr-only"> (${title})</span></button>`,
        )}</form>`
    : ''
}
${activity.source === 'assigned' && activity.status !== 'done' && activity.status !== 'dropped' ? html`<p class="form-hint">${t('journey.plan.assignedHint', { service })}</p>` : ''}
${renderActivityLinks(ctx, activity, title)}
</div></li>`;
  })}</ul>`;
}

/**
 * A plan item's way to the service: Start — the marketplace's own launch (a POST, so single sign-on and the licence
 * seat are handled as there) — and a link to the service's or local offer's page. None once the item is over.
 */
function renderActivityLinks(ctx: PageContext, activity: ActivityRow, title: string): SafeHtml | string {
  const { t } = ctx;
  if (activity.status === 'done' || activity.status === 'dropped') return '';
  if (activity.listing_id) {
    const page = `/borger/markedsplads/${activity.listing_id}`;
    return html`<div class="journey-actions mt-4">
<form method="post" action="${page}/start" class="d-inline">${csrfField(ctx.csrfToken())}<button class="button button-primary mr-4" type="submit">${t('journey.plan.start')}<span class="sr-only"> (${title})</span></button></form>
<a href="${page}">${t('journey.plan.serviceLink')}<span class="sr-only"> (${title})</span></a>
</div>`;
  }
  if (activity.local_offer_id) {
    return html`<p class="mt-4"><a href="/borger/markedsplads/lokale-tilbud/${activity.local_offer_id}">${t('journey.plan.offerLink')}<span class="sr-only"> (${title})</span></a></p>`;
  }
  return '';
}

function renderRecommendations(ctx: PageContext, view: JourneyView): SafeHtml {
  const { t } = ctx;
  const service = view.contact.name;
  if (view.recommendations.length === 0) return html`<p>${t('journey.rec.empty')}</p>`;
  return html`<ol class="nobullet-list journey-recommendations">${view.recommendations.map(({ offer, reasons }) => {
    const name = offerName(ctx, offer);
    const summary = offerSummary(ctx, offer);
    return html`<li class="card mb-5"><div class="card-content">
<h3 class="card-heading">${name}</h3>
<p class="small-text">${offerKind(ctx, offer, service)}</p>
${summary ? html`<p>${summary}</p>` : ''}
<p class="mb-2"><strong>${t('journey.rec.why')}</strong></p>
<ul>${reasons.map((reason) => html`<li>${reasonText(ctx, reason, view.taxonomies, service)}</li>`)}</ul>
<div class="journey-actions mt-4">
<form method="post" action="/borger/jobrejse/aktiviteter" class="d-inline">${csrfField(ctx.csrfToken())}${hiddenItem(offer)}<button class="button button-primary mr-4" type="submit">${t('journey.rec.add')}<span class="sr-only"> (${name})</span></button></form>
<form method="post" action="/borger/jobrejse/ikke-relevant" class="d-inline">${csrfField(ctx.csrfToken())}${hiddenItem(offer)}<button class="button button-tertiary" type="submit">${t('journey.rec.dismiss')}<span class="sr-only"> (${name})</span></button></form>
</div>
</div></li>`;
  })}</ol>`;
}

function renderDismissed(ctx: PageContext, dismissed: OfferRow[]): SafeHtml | string {
  const { t } = ctx;
  if (dismissed.length === 0) return '';
  return html`<section aria-labelledby="dismissed-heading" class="mt-7">
<h2 id="dismissed-heading">${t('journey.dismissed.title')}</h2>
<p>${t('journey.dismissed.lead')}</p>
<ul class="nobullet-list">${dismissed.map((offer) => {
    const name = offerName(ctx, offer);
    return html`<li class="mb-4">${name} <form method="post" action="/borger/jobrejse/ikke-relevant/fortryd" class="d-inline">${csrfField(ctx.csrfToken())}${hiddenItem(offer)}<button class="button button-tertiary" type="submit">${t('journey.dismissed.restore')}<span class="sr-only"> (${name})</span></button></form></li>`;
  })}</ul>
</section>`;
}

/** Links from the citizen's overview to the rest of their pages. */
const overviewLinks: { href: string; text: MessageKey }[] = [
  { href: '/borger/jobrejse', text: 'journey.start.plan' },
  { href: '/borger/tidslinje', text: 'timeline.startLink' },
  { href: '/borger/joblog', text: 'joblog.startLink' },
  { href: '/borger/screening', text: 'journey.start.screening' },
  { href: '/borger/markedsplads', text: 'marketplace.startLink' },
  { href: '/borger/samtykker', text: 'consent.startLink' },
  { href: '/borger/spoergsmaal', text: 'knowledge.startLink' },
  { href: '/borger/kontakt', text: 'vendorData.contact.startLink' },
  { href: '/borger/min-log', text: 'start.citizen.minLog' },
  { href: '/borger/mine-oplysninger', text: 'start.citizen.myData' },
];

const OVERVIEW_ITEMS = 3;

/**
 * The citizen's start page: the plan's next steps (with Start), new recommendations, what happened lately (consents,
 * Min Log), the links to every page, and signing out everywhere. Before the screening, it asks for that first.
 */
export function renderOverview(
  ctx: PageContext,
  person: Pick<Principal, 'name' | 'roles' | 'municipality' | 'nsisLevel'>,
  overview: CitizenOverview,
  whoHelps: SafeHtml | string = '',
): SafeHtml {
  const { t } = ctx;
  const { journey } = overview;
  const nextSteps = journey ? journey.plan.filter((a) => a.status === 'planned' || a.status === 'in_progress').slice(0, OVERVIEW_ITEMS) : [];
  const recommendations = journey ? journey.recommendations.slice(0, OVERVIEW_ITEMS) : [];
  const journeyPart = journey
    ? html`<section aria-labelledby="next-heading" class="mt-7">
<h2 id="next-heading">${t('journey.overview.next')}</h2>
${nextSteps.length > 0 ? renderPlan(ctx, nextSteps, journey.contact.name) : html`<p>${t('journey.overview.nextEmpty', { service: journey.contact.name })}</p>`}
<p><a href="/borger/jobrejse#plan-heading">${t('journey.overview.planLink')}</a></p>
</section>
<section aria-labelledby="new-heading" class="mt-7">
<h2 id="new-heading">${t('journey.overview.recommendations')}</h2>
${
  recommendations.length > 0
    ? html`<ul>${recommendations.map(({ offer }) => html`<li><a href="${offerPage(offer)}">${offerName(ctx, offer)}</a> — <span class="small-text">${offerKind(ctx, offer, journey.contact.name)}</span></li>`)}</ul>`
    : html`<p>${t('journey.rec.empty')}</p>`
}
<p><a href="/borger/jobrejse#recommendations-heading">${t('journey.overview.recommendationsLink')}</a></p>
</section>`
    : html`<div class="alert alert-info mt-7"><div class="alert-body"><p class="alert-text">${t('journey.overview.screeningFirst')} <a href="/borger/screening">${t('journey.start.screening')}</a></p></div></div>`;
  const changes = [
    ...overview.consentEvents.map((event) => ({
      at: event.at,
      text: t(event.kind === 'given' ? 'journey.overview.consentGiven' : 'journey.overview.consentWithdrawn', {
        name: (ctx.locale === 'en' ? (event.nameEn ?? event.nameDa) : event.nameDa) ?? '',
      }),
      href: '/borger/samtykker',
    })),
    ...overview.recentAccess.map((entry) => ({
      at: entry.occurred_at,
      text: t(entry.action === 'change' ? 'journey.overview.accessChange' : 'journey.overview.accessRead', {
        who: entry.actor_role === 'vendor_service' && ctx.locale === 'en' && entry.actor_name_en ? entry.actor_name_en : entry.actor_name,
        category: dataCategoryText(t, entry.data_category),
      }),
      href: '/borger/min-log',
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return html`<h1>${t('start.title', { name: person.name })}</h1>
<p class="font-lead">${t('journey.overview.lead')}</p>
${whoHelps}
${journeyPart}
<section aria-labelledby="changes-heading" class="mt-7">
<h2 id="changes-heading">${t('journey.overview.changes')}</h2>
${
  changes.length > 0
    ? html`<ul>${changes.map((change) => html`<li><a href="${change.href}">${change.text}</a> <span class="small-text">${formatDateTime(ctx.locale, change.at)}</span></li>`)}</ul>`
    : html`<p>${t('journey.overview.changesEmpty')}</p>`
}
</section>
<section aria-labelledby="links-heading" class="mt-7">
<h2 id="links-heading">${t('start.next')}</h2>
<ul>${overviewLinks.map((link) => html`<li><a href="${link.href}">${t(link.text)}</a></li>`)}</ul>
</section>
<dl class="mt-7 mb-6">
  <dt>${t('start.role')}</dt><dd>${person.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
  ${person.municipality ? html`<dt>${t('start.municipality')}</dt><dd>${person.municipality.name} (${person.municipality.code})</dd>` : ''}
  <dt>${t('start.level')}</dt><dd>${t(`level.${person.nsisLevel}`)}</dd>
</dl>
<form method="post" action="/log-af/alle" class="mt-6">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('start.signOutEverywhere')}</button></form>`;
}

const offerPage = (offer: OfferRow) => (offer.kind === 'local_offer' ? `/borger/markedsplads/lokale-tilbud/${offer.id}` : `/borger/markedsplads/${offer.id}`);

/** The citizen's screening answers as a description list (the citizen's own page and the caseworker's); `service` as in sourceText. */
export function renderProfileFacts(ctx: PageContext, profile: ProfileRow, taxonomies: JourneyTaxonomies, service: string): SafeHtml {
  const { t } = ctx;
  const yesNo = (value: boolean) => (value ? t('journey.yes') : t('journey.no'));
  return html`<dl class="journey-facts">
  <dt>${t('journey.profile.digitalReadiness')}</dt><dd>${profile.digital_readiness ? t(`journey.screening.digitalReadiness.${profile.digital_readiness}`) : '—'}</dd>
  <dt>${t('journey.profile.journeyStage')}</dt><dd>${labelOf(ctx, taxonomies.journeyStages, profile.journey_stage) || '—'}</dd>
  <dt>${t('journey.profile.needsHelp')}</dt><dd>${profile.needs_help ? t(`journey.screening.needsHelp.${profile.needs_help}`) : '—'}</dd>
  <dt>${t('journey.profile.jobGoal')}</dt><dd class="preserve-lines">${profile.job_goal ? danishText(ctx, profile.job_goal) : '—'}</dd>
  <dt>${t('journey.profile.languages')}</dt><dd>${profile.languages.map((code) => labelOf(ctx, taxonomies.languages, code)).join(', ') || '—'}</dd>
  <dt>${t('journey.profile.wantsContact')}</dt><dd>${yesNo(profile.wants_contact)}</dd>
  <dt>${t('journey.profile.wellbeing')}</dt><dd>${yesNo(profile.wellbeing_concern)}</dd>
  <dt>${t('journey.profile.targetGroup', { service })}</dt><dd>${profile.target_group ? labelOf(ctx, taxonomies.targetGroups, profile.target_group) : t('journey.profile.targetGroupNotSet')}</dd>
  ${profile.screened_at ? html`<dt>${t('journey.profile.screenedAt')}</dt><dd>${formatDateTime(ctx.locale, profile.screened_at)}</dd>` : ''}
</dl>`;
}

/** "Min jobrejse": who contacts the citizen (if anyone), the plan, recommendations with reasons, what was dismissed, the answers. */
export function renderJourney(ctx: PageContext, view: JourneyView, flash: { screeningSaved: boolean }, jobSuggestions: SafeHtml | string = ''): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('journey.title')}</h1>
<p class="font-lead">${t('journey.lead')}</p>
${flash.screeningSaved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('journey.flash.screeningSaved')}</p></div></div>` : ''}
${renderContactNotice(ctx, view.escalation, view.contact)}
<section aria-labelledby="plan-heading" class="mt-7">
<h2 id="plan-heading">${t('journey.plan.title')}</h2>
${renderPlan(ctx, view.plan, view.contact.name)}
${jobSuggestions}
</section>
<section aria-labelledby="recommendations-heading" class="mt-7">
<h2 id="recommendations-heading">${t('journey.rec.title')}</h2>
<p>${t('journey.rec.lead')}</p>
<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('journey.rec.notDecision', { service: view.contact.name })}</p></div></div>
${renderRecommendations(ctx, view)}
</section>
${renderDismissed(ctx, view.dismissed)}
<section aria-labelledby="answers-heading" class="mt-7">
<h2 id="answers-heading">${t('journey.profile.title')}</h2>
${renderProfileFacts(ctx, view.profile, view.taxonomies, view.contact.name)}
<p><a href="/borger/screening">${t('journey.profile.redo')}</a></p>
</section>`;
}
