import { html, type SafeHtml } from './html.ts';
import { renderPage, type PageContext } from './layout.ts';

const known = [400, 403, 404, 429, 500] as const;

/** The friendly page for an error status, in the reader's language; 5xx pages show the request id to quote. */
export function renderErrorPage(ctx: PageContext, status: number): SafeHtml {
  const shown = known.find((s) => s === status) ?? (status >= 500 ? 500 : 400);
  const title = ctx.t(`error.${shown}.title`);
  const text = ctx.t(`error.${shown}.text`, { requestId: ctx.requestId });
  return renderPage(ctx, {
    title,
    body: html`<h1>${title}</h1>
<p class="font-lead">${text}</p>
${shown === 500 ? html`<p>${ctx.t('error.reference')}: <code>${ctx.requestId}</code></p>` : ''}
<p><a class="button button-primary" href="/">${ctx.t('error.backHome')}</a></p>`,
  });
}
