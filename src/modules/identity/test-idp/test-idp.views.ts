// The test identity provider's pages: its sign-in page (pick a synthetic person and an NSIS level) and the bare pages
// oidc-provider renders itself outside Fastify (logout, signed out, errors).
import { nsisLevels, type NsisLevel } from '../../../platform/auth/nsis.ts';
import { rolesOfAudience, type Audience } from '../../../platform/auth/principal.ts';
import { translate, type Locale, type MessageKey } from '../../../platform/i18n/index.ts';
import { csrfField } from '../../../platform/views/components.ts';
import { escapeHtml, html, type SafeHtml } from '../../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../../platform/views/layout.ts';
import type { TestPerson } from './test-persons.ts';

/** The sign-in page's data: where the form posts, the audience and its people, the lowest level allowed, and whether the last try was refused. */
export interface LoginView {
  action: string;
  audience: Audience;
  required: NsisLevel;
  people: TestPerson[];
  invalid?: boolean;
  current?: string | undefined;
}

/** A bare page for what oidc-provider renders itself (logout, errors); `body` is HTML already escaped. */
function idpPage(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)} — ${escapeHtml(translate(locale, 'testIdp.title'))}</title><link rel="stylesheet" href="/dkfds/css/dkfds-borgerdk.min.css"></head><body><main class="container page-container">${body}</main></body></html>`;
}

/** oidc-provider's "sign out?" page around its own form (`form`, HTML it built), with the submit button. */
export function renderIdpLogout(locale: Locale, form: string): string {
  const t = (key: MessageKey) => escapeHtml(translate(locale, key));
  return idpPage(
    locale,
    t('testIdp.logout.title'),
    `<h1>${t('testIdp.logout.heading')}</h1><p>${t('testIdp.logout.text')}</p>${form.replace('<form', '<form id="op.logoutForm"')}<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">${t('testIdp.logout.submit')}</button>`,
  );
}

/** oidc-provider's page after signing out. */
export function renderIdpLoggedOut(locale: Locale): string {
  return idpPage(locale, translate(locale, 'testIdp.loggedOut'), `<h1>${escapeHtml(translate(locale, 'testIdp.loggedOut'))}</h1>`);
}

/** oidc-provider's error page; the description is the protocol's own (English) wording, for the developer trying the test login. */
export function renderIdpError(locale: Locale, description: string): string {
  return idpPage(
    locale,
    translate(locale, 'testIdp.error.title'),
    `<h1>${escapeHtml(translate(locale, 'testIdp.error.heading'))}</h1><p lang="en">${escapeHtml(description)}</p>`,
  );
}

/** The sign-in page: a synthetic person of the audience, where a citizen lives, and an NSIS level at least the one asked for. */
export function renderLogin(ctx: PageContext, view: LoginView): SafeHtml {
  const { t } = ctx;
  const { action, audience, required, people } = view;
  const chosen = people.find((p) => p.id === view.current) ?? people[0];
  const allowed = nsisLevels.filter((level) => nsisLevels.indexOf(level) >= nsisLevels.indexOf(required));
  const label = (p: TestPerson) =>
    [
      p.name,
      p.cpr ? t('testIdp.cpr', { cpr: `${p.cpr.slice(0, 6)}-${p.cpr.slice(6)}` }) : '',
      p.municipality ? t('testIdp.municipality', { code: p.municipality }) : '',
      p.organisation?.name ?? '',
      p.vendor ? t('testIdp.cvr', { name: p.vendor.name, cvr: p.vendor.cvr }) : '',
      p.roles.map((r) => t(`role.${r}`)).join(', '),
    ]
      .filter(Boolean)
      .join(' · ');
  return renderPage(ctx, {
    title: t('testIdp.title'),
    body: html`<h1>${t('testIdp.title')}</h1>
<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('testIdp.warning')}</p></div></div>
${view.invalid ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t('testIdp.invalid')}</p></div></div>` : ''}
${required !== 'Low' ? html`<p><strong>${t('testIdp.requiredLevel', { level: t(`level.${required}`) })}</strong></p>` : ''}
<form method="post" action="${action}">
  ${csrfField(ctx.csrfToken())}
  <fieldset>
    <legend class="h3">${t('testIdp.choosePerson', { roles: rolesOfAudience[audience].map((r) => t(`role.${r}`)).join(', ') })}</legend>
    ${people.map(
      (p, i) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="person-${i}" name="person" value="${p.id}"${p === chosen ? html` checked` : ''}><label for="person-${i}">${label(p)}</label></div>`,
    )}
  </fieldset>
  ${
    audience === 'citizen'
      ? html`<div class="form-group"><label class="form-label" for="municipality">${t('testIdp.residence')}</label>
  <select class="form-select" id="municipality" name="municipality"><option value="">${t('testIdp.residence.own')}</option>${['101', '751', '461', '851'].map((code) => html`<option value="${code}">${code}</option>`)}</select></div>`
      : ''
  }
  <fieldset>
    <legend class="h3">${t('testIdp.level')}</legend>
    ${allowed.map(
      (level) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="level-${level}" name="level" value="${level}"${level === (allowed.includes('Substantial') ? 'Substantial' : allowed[0]) ? html` checked` : ''}><label for="level-${level}">${t(`level.${level}`)} (${level})</label></div>`,
    )}
  </fieldset>
  <button class="button button-primary" type="submit">${t('testIdp.signIn')}</button>
</form>
<form method="post" action="${action}/afbryd" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('testIdp.cancel')}</button></form>`,
  });
}
