// The identity pages: choosing a municipality to sign in to, a refused sign-in, signing out, each audience's start
// page, Min Log, the citizen's own record and the caseworker's citizen look-up (DKFDS, Danish first, no JavaScript).
import { audienceSlugs, roles as allRoles, type OrganisationKind, type Principal, type Role } from '../../platform/auth/principal.ts';
import { dataCategoryText, formatDateTime, formatTime, isOneOf, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, radioGroup, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { AccessLogRow, CitizenRow } from './identity.repository.ts';
import type { SignInError, SignInRetry, StaffSignInChoices } from './identity.service.ts';
import type { CasePurposeOption, ReadPurpose } from './access-log.service.ts';

/** A link a start page offers: where it goes, its text, and the roles it is for. */
export interface StartLink {
  href: string;
  text: MessageKey;
  roles: Role[];
  /** Only for staff of these kinds of organisation (the pages are theirs alone); any when absent. */
  organisationKinds?: OrganisationKind[];
}

/** "Sign out?": the button, since signing out is a POST with the CSRF token. */
export function renderSignOutConfirm(ctx: PageContext): SafeHtml {
  return renderPage(ctx, {
    title: ctx.t('signout.confirm.title'),
    body: html`<h1>${ctx.t('signout.confirm.title')}</h1><p class="font-lead">${ctx.t('signout.confirm.text')}</p>
<form method="post" action="/log-af">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${ctx.t('shell.signOut')}</button></form>`,
  });
}

/** "You are signed out", with the way home. */
export function renderSignedOut(ctx: PageContext): SafeHtml {
  return renderPage(ctx, {
    title: ctx.t('signout.done.title'),
    body: html`<h1>${ctx.t('signout.done.title')}</h1><p class="font-lead">${ctx.t('signout.done.text')}</p><p><a href="/">${ctx.t('error.backHome')}</a></p>`,
  });
}

/**
 * The staff sign-in's choice of where the person works: one select, grouped into municipalities, a-kasser and other
 * actors (a group with nothing to offer is left out), sent with GET so it works without JavaScript.
 */
export function renderMunicipalityChoice(
  ctx: PageContext,
  choices: StaffSignInChoices,
  carried: { returnTo: string; level: string | undefined; fresh: boolean },
  errors: FormErrors,
): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('signin.chooseMunicipality.title'),
    body: html`<h1>${t('signin.chooseMunicipality.title')}</h1>
<p class="font-lead">${t('signin.chooseMunicipality.lead')}</p>
${
  errors.kommune
    ? html`<div class="alert alert-error" role="alert" id="error-summary" tabindex="-1"><div class="alert-body"><p class="alert-heading">${t('form.errorSummary')}</p>
<ul class="nobullet-list"><li><a href="#kommune">${errors.kommune}</a></li></ul></div></div>`
    : ''
}
<form method="get" action="/log-ind/medarbejder" novalidate>
  <input type="hidden" name="tilbage" value="${carried.returnTo}">${carried.level ? html`<input type="hidden" name="niveau" value="${carried.level}">` : ''}${carried.fresh ? html`<input type="hidden" name="genlogin" value="1">` : ''}
  <div class="form-group${errors.kommune ? ' form-error' : ''}">
    <label class="form-label" for="kommune">${t('signin.chooseMunicipality.label')}</label>
    <span class="form-hint" id="kommune-hint">${t('signin.chooseMunicipality.hint')}</span>
    ${errors.kommune ? html`<span class="form-error-message" id="kommune-error">${errors.kommune}</span>` : ''}
    <select class="form-select" id="kommune" name="kommune" required aria-describedby="kommune-hint${errors.kommune ? ' kommune-error' : ''}"${errors.kommune ? html` aria-invalid="true"` : ''}>
      <option value="">${t('signin.chooseMunicipality.empty')}</option>
      ${optionGroup(
        t('signin.chooseMunicipality.municipalities'),
        choices.municipalities.map((m) => html`<option value="${m.code}">${m.name} (${m.code})</option>`),
      )}
      ${optionGroup(
        t('signin.chooseMunicipality.akasser'),
        choices.akasser.map((o) => html`<option value="${o.id}">${o.name}</option>`),
      )}
      ${optionGroup(
        t('signin.chooseMunicipality.actors'),
        choices.actors.map((o) => html`<option value="${o.id}">${o.name}</option>`),
      )}
    </select>
  </div>
  <button class="button button-primary" type="submit">${t('signin.chooseMunicipality.submit')}</button>
</form>`,
  });
}

function optionGroup(label: string, options: SafeHtml[]): SafeHtml | string {
  return options.length > 0 ? html`<optgroup label="${label}">${options}</optgroup>` : '';
}

/** Where signing in again starts: the audience's sign-in, back to the page that asked, at the level it asked for. */
function signInAgainHref(retry: SignInRetry, municipalityCode?: string): string {
  const query = new URLSearchParams({ ...(municipalityCode ? { kommune: municipalityCode } : {}), tilbage: retry.returnTo, niveau: retry.requiredLevel });
  return `/log-ind/${audienceSlugs[retry.audience]}?${query.toString()}`;
}

export function renderSignInFailed(ctx: PageContext, error: SignInError): SafeHtml {
  const { t } = ctx;
  const { reason, retry } = error;
  const title = reason === 'person' ? t('signin.failed.person.title') : t('signin.failed.title');
  const municipality = reason === 'municipality' ? retry?.municipality : undefined;
  const explanation = municipality
    ? municipality.chosen
      ? t('signin.failed.municipality', { chosen: municipality.chosen, employer: municipality.name })
      : t('signin.failed.municipality.notChosen', { employer: municipality.name })
    : t(`signin.failed.${reason}`);
  const wayOn =
    municipality && retry
      ? municipality.served
        ? html`<a class="button button-primary" href="${signInAgainHref(retry, municipality.code)}">${t('signin.failed.municipality.signInThere', { employer: municipality.name })}</a>`
        : html`${t('signin.failed.municipality.unserved', { employer: municipality.name })}`
      : retry
        ? html`<a class="button button-primary" href="${signInAgainHref(retry)}">${t('signin.signInAgain')}</a>`
        : html`<a class="button button-primary" href="/">${t('signin.tryAgain')}</a>`;
  return renderPage(ctx, {
    title,
    body: html`<h1>${title}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${explanation}</p></div></div>
<p class="mt-6">${wayOn}</p>`,
  });
}

/** A staff or vendor start page; `service` is what the principal's municipality calls its employment service (some links name it). */
export function renderStart(ctx: PageContext, principal: Principal, links: readonly StartLink[], service?: string): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('start.title', { name: principal.name }),
    body: html`<h1>${t('start.title', { name: principal.name })}</h1>
<p class="font-lead">${t('start.lead')}</p>
<dl class="mb-6">
  <dt>${t('start.role')}</dt><dd>${principal.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
  ${principal.municipality ? html`<dt>${t('start.municipality')}</dt><dd>${principal.municipality.name} (${principal.municipality.code})</dd>` : ''}
  ${principal.organisation && principal.organisation.kind !== 'kommune' ? html`<dt>${t('start.organisation')}</dt><dd>${principal.organisation.name}</dd>` : ''}
  ${principal.vendor ? html`<dt>${t('start.vendor')}</dt><dd>${principal.vendor.name} (CVR ${principal.vendor.cvr})</dd>` : ''}
  <dt>${t('start.level')}</dt><dd>${t(`level.${principal.nsisLevel}`)}</dd>
</dl>
${links.length > 0 ? html`<h2>${t('start.next')}</h2><ul>${links.map((link) => html`<li><a href="${link.href}">${t(link.text, service === undefined ? undefined : { service })}</a></li>`)}</ul>` : ''}
<form method="post" action="/log-af/alle" class="mt-6">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('start.signOutEverywhere')}</button></form>`,
  });
}

export function renderMinLog(ctx: PageContext, rows: readonly AccessLogRow[], nextCursor: string | null): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('minlog.title'),
    body: html`<h1>${t('minlog.title')}</h1>
<p class="font-lead">${t('minlog.lead')}</p>
${
  rows.length === 0
    ? html`<p>${t('minlog.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('minlog.title')}</caption>
  <thead><tr><th scope="col">${t('minlog.when')}</th><th scope="col">${t('minlog.who')}</th><th scope="col">${t('minlog.what')}</th><th scope="col">${t('minlog.purpose')}</th></tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr><td>${formatDateTime(ctx.locale, row.occurred_at)}${
        row.count > 1 ? html`<br><span class="small-text">${t('minlog.repeated', { count: row.count, time: formatTime(ctx.locale, row.last_at) })}</span>` : ''
      }</td><td>${minLogActor(ctx, row)}, ${isOneOf(allRoles, row.actor_role) ? t(`role.${row.actor_role}`) : row.actor_role}, ${danishText(ctx, row.actor_organisation)}</td><td>${t(`minlog.action.${row.action}`)}: ${dataCategoryText(t, row.data_category)}</td><td>${minLogPurpose(ctx, row)}</td></tr>`,
  )}</tbody></table></div>`
}
${nextCursor ? html`<p><a href="/borger/min-log?cursor=${nextCursor}">${t('minlog.more')}</a></p>` : ''}`,
  });
}

/** Who read: a person's name as it is; a vendor's service by its listing's name in the reader's language where it has one. */
function minLogActor(ctx: PageContext, row: AccessLogRow): SafeHtml | string {
  if (row.actor_role !== 'vendor_service') return row.actor_name;
  return ctx.locale === 'en' && row.actor_name_en ? row.actor_name_en : danishText(ctx, row.actor_name);
}

/** The purpose a citizen is read with, in the reader's language where it was chosen from the list (and its note as typed). */
export function readPurposeText(locale: Locale, purpose: ReadPurpose): string {
  if (purpose.purposeCode !== 'case_purpose') return purpose.purpose;
  const chosen = locale === 'en' ? (purpose.purposeArgs.en ?? purpose.purposeArgs.da ?? '') : (purpose.purposeArgs.da ?? '');
  return purpose.purposeArgs.note ? `${chosen}: ${purpose.purposeArgs.note}` : chosen;
}

/**
 * The question before any page of a citizen: why the staff member opens them, chosen once for the working session
 * from the organisation's purposes ('other' typed), with an optional note. Posts to /medarbejder/formaal/:citizenId,
 * which goes on to `returnTo`.
 */
export function renderPurposeChoice(
  ctx: PageContext,
  options: {
    citizenId: string;
    returnTo: string;
    purposes: readonly CasePurposeOption[];
    values: Record<string, string>;
    errors: FormErrors;
    name?: string | undefined;
  },
): SafeHtml {
  const { t } = ctx;
  const choices = [
    ...options.purposes.map((p) => ({ value: p.value, label: ctx.locale === 'en' ? p.en : p.da })),
    { value: 'other', label: t('caseworkPurpose.other') },
  ];
  const title = options.name ? t('caseworkPurpose.title', { name: options.name }) : t('caseworkPurpose.titleUnknown');
  return html`<h1>${title}</h1>
<p class="font-lead">${t('caseworkPurpose.lead')}</p>
${errorSummary(t, options.errors, { purposeChoice: t('caseworkPurpose.legend'), purposeOther: t('caseworkPurpose.otherLabel'), purposeNote: t('caseworkPurpose.note') })}
<form method="post" action="/medarbejder/formaal/${options.citizenId}" novalidate>
  ${csrfField(ctx.csrfToken())}
  <input type="hidden" name="til" value="${options.returnTo}">
  ${radioGroup({ name: 'purposeChoice', legend: t('caseworkPurpose.legend'), choices, value: options.values.purposeChoice, error: options.errors.purposeChoice })}
  ${textField({ name: 'purposeOther', label: t('caseworkPurpose.otherLabel'), value: options.values.purposeOther, error: options.errors.purposeOther, maxLength: 500 })}
  ${textArea({ name: 'purposeNote', label: t('caseworkPurpose.note'), hint: t('caseworkPurpose.noteHint'), value: options.values.purposeNote, error: options.errors.purposeNote, maxLength: 500, rows: 2 })}
  <button class="button button-primary" type="submit">${t('caseworkPurpose.submit')}</button>
</form>`;
}

/** Why: the platform's own wording per language; a listing's purpose in English where the vendor gave one; what staff typed, as typed. */
function minLogPurpose(ctx: PageContext, row: AccessLogRow): SafeHtml | string {
  const args = row.purpose_args;
  if (row.purpose_code === 'local_offer_participants' && args.title_da) {
    const title = ctx.locale === 'en' && args.title_en ? args.title_en : args.title_da;
    const titled = ctx.t('minlog.purpose.local_offer_participants', { title });
    return ctx.locale === 'en' && !args.title_en ? danishText(ctx, titled) : titled;
  }
  if (row.purpose_code === 'listing' && ctx.locale === 'en' && args.en) return args.en;
  if (row.purpose_code === 'message_thread') return ctx.t('minlog.purpose.message_thread');
  // A purpose chosen from the organisation's list, in the reader's language, and the note as the staff member typed it.
  if (row.purpose_code === 'case_purpose' && args.da) {
    const chosen = ctx.locale === 'en' && args.en ? args.en : args.da;
    return args.note ? `${chosen}: ${args.note}` : chosen;
  }
  return danishText(ctx, row.purpose);
}

export function renderOwnRecord(ctx: PageContext, record: CitizenRow, principal: Principal): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('mydata.title'),
    body: html`<h1>${t('mydata.title')}</h1>
<p class="font-lead">${t('mydata.lead')}</p>
<dl>
  <dt>${t('mydata.name')}</dt><dd>${record.full_name}</dd>
  <dt>${t('mydata.cpr')}</dt><dd>${record.cpr_number.slice(0, 6)}-${record.cpr_number.slice(6)}</dd>
  <dt>${t('mydata.municipality')}</dt><dd>${principal.municipality?.name ?? record.municipality_code}</dd>
  <dt>${t('mydata.lastSignIn')}</dt><dd>${formatDateTime(ctx.locale, record.last_signed_in_at)}</dd>
</dl>`,
  });
}

/**
 * The caseworker's CPR look-up form (a POST: a CPR number never goes in a URL); journey's "Mine borgere" shows it too.
 */
export function renderLookupForm(ctx: PageContext, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const { t } = ctx;
  return html`<form method="post" action="/medarbejder/borgere" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'cpr', label: t('lookup.cpr'), value: values.cpr, error: errors.cpr, maxLength: 11, autocomplete: 'off' })}
  ${textField({ name: 'purpose', label: t('lookup.purpose'), hint: t('lookup.purposeHint'), value: values.purpose, error: errors.purpose, maxLength: 500 })}
  <button class="button button-primary" type="submit">${t('lookup.submit')}</button>
</form>`;
}

export function renderLookup(ctx: PageContext, values: Record<string, string>, errors: FormErrors, citizen?: CitizenRow): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('lookup.title'),
    body: html`<h1>${t('lookup.title')}</h1>
<p class="font-lead">${t('lookup.lead')}</p>
${errorSummary(t, errors)}
${renderLookupForm(ctx, values, errors)}
${
  citizen
    ? html`<section class="mt-7" aria-labelledby="result"><h2 id="result">${citizen.full_name}</h2>
<dl><dt>${t('mydata.cpr')}</dt><dd>${citizen.cpr_number.slice(0, 6)}-${citizen.cpr_number.slice(6)}</dd>
<dt>${t('mydata.lastSignIn')}</dt><dd>${formatDateTime(ctx.locale, citizen.last_signed_in_at)}</dd></dl>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('lookup.logged')}</p></div></div>
<p><a href="/medarbejder/borgere/${citizen.id}">${t('lookup.openJourney', { name: citizen.full_name })}</a></p></section>`
    : ''
}`,
  });
}
