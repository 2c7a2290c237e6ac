import { translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { html, SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { InteractionListingRow } from './sso.repository.ts';

/** The page a citizen gets when a service cannot be opened for them: which service, why, and where to go instead. */
export function renderRefusal(ctx: PageContext, reason: 'unknown_listing' | 'not_enabled', listing: InteractionListingRow | undefined): SafeHtml {
  const { t } = ctx;
  const name = listing ? (ctx.locale === 'en' ? listing.name_en : listing.name_da) : '';
  const text = reason === 'not_enabled' ? t('sso.refused.notEnabled', { name, vendor: listing?.vendor_name ?? '' }) : t('sso.refused.unknown');
  return renderPage(ctx, {
    title: t('sso.refused.title'),
    body: html`<h1>${t('sso.refused.title')}</h1>
<div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-text">${text}</p></div></div>
<p>${t('sso.refused.help')}</p>
<p><a class="button button-primary" href="/borger/markedsplads">${t('sso.refused.marketplace')}</a></p>`,
  });
}

/** A page the provider itself answers with (outside Fastify, so without the platform's layout): a title and a text. */
function providerPage(locale: Locale, title: MessageKey, body: SafeHtml): string {
  const t = (key: MessageKey) => translate(locale, key);
  return html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(title)} — Jobunivers</title><link rel="stylesheet" href="/dkfds/css/dkfds-borgerdk.min.css"></head><body><main class="container page-container" id="main-content"><h1>${t(title)}</h1>${body}<p><a href="/borger">${t('sso.backToJobunivers')}</a></p></main></body></html>`
    .value;
}

/** The provider's "sign out of the service?" page around oidc-provider's own form (`form`: its markup, trusted). */
export function renderLogoutConfirmation(locale: Locale, form: string): string {
  const t = (key: MessageKey) => translate(locale, key);
  const providerForm = new SafeHtml(form.replace('<form', '<form id="op.logoutForm"'));
  return providerPage(
    locale,
    'sso.logout.title',
    html`<p>${t('sso.logout.text')}</p>${providerForm}<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">${t('sso.logout.button')}</button>`,
  );
}

/** The provider's page after a service's sign-out. */
export function renderLogoutDone(locale: Locale): string {
  return providerPage(locale, 'sso.logout.done', html`<p>${translate(locale, 'sso.logout.doneText')}</p>`);
}

/** The provider's error page, naming the OAuth error code. */
export function renderProviderError(locale: Locale, error: string): string {
  return providerPage(locale, 'sso.error.title', html`<p>${translate(locale, 'sso.error.text')}</p><p><code>${error}</code></p>`);
}
