// The municipality's moderation queue: each pending rating with its listing, stars and text, and approve / reject.
import { formatDateTime } from '../../platform/i18n/index.ts';
import { csrfField } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { PendingRatingRow } from './marketplace.repository.ts';
import type { ModerationDecision } from './marketplace.schemas.ts';

export const MODERATION = '/kommune/bedoemmelser';

function ratingItem(ctx: PageContext, rating: PendingRatingRow): SafeHtml {
  const { t, locale } = ctx;
  const name = rating.listing_name || t('marketplace.moderation.unnamed');
  return html`<li class="mb-6">
<h2 class="h4">${name}</h2>
<p class="mb-0"><strong>${t(rating.stars === 1 ? 'marketplace.rating.starOne' : 'marketplace.rating.stars', { stars: rating.stars })}</strong> · <span class="small-text">${formatDateTime(locale, rating.updated_at)}</span></p>
${rating.comment ? html`<blockquote class="mt-3 mb-3">${rating.comment.split(/\r?\n\s*\r?\n/).map((part) => html`<p>${part.trim()}</p>`)}</blockquote>` : html`<p class="small-text">${t('marketplace.moderation.noText')}</p>`}
<form method="post" action="${MODERATION}/${rating.id}" class="d-inline">${csrfField(ctx.csrfToken())}<input type="hidden" name="decision" value="approve"><button class="button button-primary" type="submit">${t('marketplace.moderation.approve')}<span class="sr-only"> ${t('marketplace.moderation.ofRating', { name })}</span></button></form>
<form method="post" action="${MODERATION}/${rating.id}" class="d-inline">${csrfField(ctx.csrfToken())}<input type="hidden" name="decision" value="reject"><button class="button button-secondary" type="submit">${t('marketplace.moderation.reject')}<span class="sr-only"> ${t('marketplace.moderation.ofRating', { name })}</span></button></form>
</li>`;
}

/** The queue of ratings waiting for moderation (under the workspace's `header`), 20 to a page, oldest first, with what was just decided. */
export function renderModeration(
  ctx: PageContext,
  header: SafeHtml,
  queue: { ratings: PendingRatingRow[]; page: number; hasNext: boolean },
  decided: ModerationDecision | undefined,
): SafeHtml {
  const { t } = ctx;
  const previous = queue.page > 1 ? `${MODERATION}?side=${queue.page - 1}` : undefined;
  const next = queue.hasNext ? `${MODERATION}?side=${queue.page + 1}` : undefined;
  return renderPage(ctx, {
    title: t('marketplace.moderation.title'),
    body: html`${header}<h1>${t('marketplace.moderation.title')}</h1>
<p class="font-lead">${t('marketplace.moderation.lead')}</p>
${decided ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(decided === 'approve' ? 'marketplace.moderation.approved' : 'marketplace.moderation.rejected')}</p></div></div>` : ''}
${
  queue.ratings.length === 0
    ? html`<p>${t('marketplace.moderation.empty')}</p>`
    : html`<ul class="nobullet-list">${queue.ratings.map((rating) => ratingItem(ctx, rating))}</ul>`
}
${
  previous || next
    ? html`<nav aria-label="${t('marketplace.pages')}"><ul class="nobullet-list">${previous ? html`<li><a href="${previous}">${t('marketplace.previous')}</a></li>` : ''}${next ? html`<li><a href="${next}">${t('marketplace.next')}</a></li>` : ''}</ul></nav>`
    : ''
}`,
  });
}
