import { html, type SafeHtml } from '../../platform/views/html.ts';
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
