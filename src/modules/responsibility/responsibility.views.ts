import { formatCalendarDate, type MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import { addDays } from './responsibility.rules.ts';
import type { OrganisationCard, PeriodView, WhoHelpsMe } from './responsibility.service.ts';

const kindText = {
  kommune: 'responsibility.kind.kommune',
  akasse: 'responsibility.kind.akasse',
  anden_aktoer: 'responsibility.kind.anden_aktoer',
} as const satisfies Record<OrganisationCard['kind'], MessageKey>;
const kindExplanation = {
  kommune: 'responsibility.explain.kommune',
  akasse: 'responsibility.explain.akasse',
  anden_aktoer: 'responsibility.explain.anden_aktoer',
} as const satisfies Record<OrganisationCard['kind'], MessageKey>;
const basisText = {
  rule: 'responsibility.basis.rule',
  choice: 'responsibility.basis.choice',
  default: 'responsibility.basis.default',
} as const satisfies Record<PeriodView['basis'], MessageKey>;

/** A hand-over this recent is still news on the card. */
const NEWS_DAYS = 14;

const date = (ctx: PageContext, iso: string) => formatCalendarDate(ctx.locale, iso);

/** How to reach an organisation: phone, e-mail and website, as links. */
function contactList(ctx: PageContext, organisation: OrganisationCard): SafeHtml {
  const { t } = ctx;
  if (!organisation.phone && !organisation.email && !organisation.website) return html`<p>${t('responsibility.contact.none')}</p>`;
  return html`<dl aria-label="${t('responsibility.contact.label', { name: organisation.name })}">
${organisation.phone ? html`<dt>${t('responsibility.contact.phone')}</dt><dd><a href="tel:${organisation.phone.replace(/\s+/g, '')}">${organisation.phone}</a></dd>` : ''}
${organisation.email ? html`<dt>${t('responsibility.contact.email')}</dt><dd><a href="mailto:${organisation.email}">${organisation.email}</a></dd>` : ''}
${organisation.website ? html`<dt>${t('responsibility.contact.website')}</dt><dd><a href="${organisation.website}">${organisation.website}</a></dd>` : ''}
</dl>`;
}

/** The hand-over that made the current organisation responsible, when it is recent enough to tell the citizen. */
function recentHandOver(view: WhoHelpsMe): { on: string; previous: OrganisationCard } | undefined {
  const open = view.periods.at(-1);
  const previous = view.periods.at(-2);
  if (!open || open.endsOn !== null || !previous || previous.organisation.id === open.organisation.id) return undefined;
  return open.startsOn > addDays(view.today, -NEWS_DAYS) ? { on: open.startsOn, previous: previous.organisation } : undefined;
}

/** The "who helps me now" card on the citizen's start page. */
export function renderWhoHelpsMeCard(ctx: PageContext, view: WhoHelpsMe): SafeHtml {
  const { t } = ctx;
  const { current } = view;
  const news = recentHandOver(view);
  return html`<section aria-labelledby="who-helps-heading" class="mt-7">
<div class="card"><div class="card-content">
<h2 id="who-helps-heading" class="header-title">${t('responsibility.card.title')}</h2>
${
  news
    ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t('responsibility.card.changed', {
        date: date(ctx, news.on),
        name: current.name,
        previous: news.previous.name,
      })}</p></div></div>`
    : ''
}
${view.situationKnown ? '' : html`<p>${t('responsibility.card.unknown', { name: current.name })}</p>`}
<p class="font-lead"><strong>${t('responsibility.card.helper', { name: current.name })}</strong></p>
${current.since ? html`<p>${t('responsibility.card.since', { date: date(ctx, current.since) })}</p>` : ''}
${contactList(ctx, current)}
${view.handOver ? html`<p>${t('responsibility.card.handOver', { date: date(ctx, view.handOver.on), name: view.handOver.organisation.name })}</p>` : ''}
${view.freeChoice ? html`<p>${t('responsibility.card.choice')}</p>` : ''}
<p><a href="/borger/hvem-hjaelper-mig">${t('responsibility.card.more')}</a></p>
</div></div>
</section>`;
}

/** The last day of a period: the day before the next began (a period closed the day it opened shows that day). */
function lastDay(period: PeriodView): string | null {
  if (!period.endsOn) return null;
  return period.endsOn > period.startsOn ? addDays(period.endsOn, -1) : period.endsOn;
}

function timeline(ctx: PageContext, view: WhoHelpsMe): SafeHtml {
  const { t } = ctx;
  if (view.periods.length === 0) return html`<p>${t('responsibility.timeline.empty')}</p>`;
  const newestFirst = [...view.periods].reverse();
  return html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${t('responsibility.timeline.caption')}</caption>
<thead><tr><th scope="col">${t('responsibility.timeline.who')}</th><th scope="col">${t('responsibility.timeline.from')}</th><th scope="col">${t('responsibility.timeline.to')}</th><th scope="col">${t('responsibility.timeline.why')}</th></tr></thead>
<tbody>${newestFirst.map((period) => {
    const end = lastDay(period);
    const why = period.basis === 'rule' && period.rule ? (ctx.locale === 'en' ? period.rule.en : danishText(ctx, period.rule.da)) : t(basisText[period.basis]);
    return html`<tr><td>${danishText(ctx, period.organisation.name)}</td><td>${date(ctx, period.startsOn)}</td><td>${end ? date(ctx, end) : t('responsibility.timeline.now')}</td><td>${t(basisText[period.basis])}${period.basis === 'rule' ? html`<br><span class="small-text">${why}</span>` : ''}<br><span class="small-text">${t('responsibility.legal.title')}: ${danishText(ctx, period.legalBasis)}</span></td></tr>`;
  })}</tbody>
</table></div>`;
}

function choiceForm(ctx: PageContext, view: WhoHelpsMe, state: { errors: FormErrors; value: string | undefined }): SafeHtml {
  const { t } = ctx;
  const choice = view.freeChoice;
  if (!choice) return html`<p>${t('responsibility.choice.none')}</p>`;
  const error = state.errors.organisation;
  const selected = state.value ?? choice.chosen ?? undefined;
  return html`<p>${ctx.locale === 'en' ? choice.rule.en : choice.rule.da}</p>
${choice.lockedUntil ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('responsibility.choice.lockedInfo', { date: date(ctx, choice.lockedUntil) })}</p></div></div>` : ''}
${errorSummary(t, state.errors)}
<form method="post" action="/borger/hvem-hjaelper-mig" novalidate>
  ${csrfField(ctx.csrfToken())}
  <fieldset class="form-group${error ? ' form-error' : ''}" id="field-organisation" aria-describedby="field-organisation-hint${error ? ' field-organisation-error' : ''}">
  <legend class="form-label">${t('responsibility.choice.legend')}</legend>
  <span class="form-hint" id="field-organisation-hint">${t('responsibility.choice.hint', { days: choice.lockDays })}</span>
  ${error ? html`<span class="form-error-message" id="field-organisation-error">${error}</span>` : ''}
  <ul class="nobullet-list">${choice.options.map(
    (option) =>
      html`<li class="form-group-radio"><input type="radio" class="form-radio" id="field-organisation-${option.id}" name="organisation" value="${option.id}" aria-describedby="field-organisation-${option.id}-hint"${selected === option.id ? html` checked` : ''}><label for="field-organisation-${option.id}">${danishText(ctx, option.name)}${option.id === view.current.id ? html` (${t('responsibility.choice.current')})` : ''}</label>
<span class="form-hint" id="field-organisation-${option.id}-hint">${t(kindText[option.kind])}: ${t(kindExplanation[option.kind])}</span></li>`,
  )}</ul>
  </fieldset>
  <button class="button button-primary" type="submit">${t('responsibility.choice.submit')}</button>
</form>`;
}

/** "Hvem hjælper mig?": who helps now, what each kind of actor does, the periods so far and the free choice. */
export function renderWhoHelpsMePage(ctx: PageContext, view: WhoHelpsMe, state: { errors: FormErrors; value?: string | undefined; saved: boolean }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('responsibility.page.title')}</h1>
<p class="font-lead">${t('responsibility.page.lead')}</p>
${state.saved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('responsibility.choice.saved', { name: view.current.name })}</p></div></div>` : ''}
<h2>${t('responsibility.card.title')}</h2>
<p><strong>${t('responsibility.card.helper', { name: view.current.name })}</strong></p>
${contactList(ctx, view.current)}
${view.handOver ? html`<p>${t('responsibility.card.handOver', { date: date(ctx, view.handOver.on), name: view.handOver.organisation.name })}</p>` : ''}
<section aria-labelledby="choice-heading" class="mt-7">
<h2 id="choice-heading">${t('responsibility.choice.title')}</h2>
${choiceForm(ctx, view, { errors: state.errors, value: state.value })}
</section>
<section aria-labelledby="timeline-heading" class="mt-7">
<h2 id="timeline-heading">${t('responsibility.timeline.title')}</h2>
${timeline(ctx, view)}
</section>
<section aria-labelledby="actors-heading" class="mt-7">
<h2 id="actors-heading">${t('responsibility.actors.title')}</h2>
<dl>
${(['kommune', 'akasse', 'anden_aktoer'] as const).map((kind) => html`<dt>${t(kindText[kind])}</dt><dd>${t(kindExplanation[kind])}</dd>`)}
</dl>
</section>`;
}
