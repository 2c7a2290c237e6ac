// How the development page of caught mails looks: the list (newest first) and one mail with its headers and text.
// A mail's HTML is never rendered as HTML (whatever a mail holds would run on this origin): it is shown as escaped source.
import { formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import { csrfField } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { CaughtMailListRow, CaughtMailRow } from './dev-mail.service.ts';

export const DEV_MAIL_PATH = '/udvikling/mails';

/** The list of caught mails, 25 to a page, with "Slet alle" and, after it, the notice that they were deleted. */
export function renderCaughtMails(
  ctx: PageContext,
  view: { mails: readonly CaughtMailListRow[]; nextCursor: string | null; limit: number; catcherUrl: string | undefined; deleted: boolean },
): SafeHtml {
  const { t } = ctx;
  const more = view.nextCursor
    ? `${DEV_MAIL_PATH}?${new URLSearchParams({ cursor: view.nextCursor, ...(view.limit === 25 ? {} : { limit: String(view.limit) }) }).toString()}`
    : undefined;
  return renderPage(ctx, {
    title: t('devMail.title'),
    body: html`${view.deleted ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('devMail.deleted')}</p></div></div>` : ''}
<h1>${t('devMail.title')}</h1>
<p class="font-lead">${t('devMail.lead')}</p>
${view.catcherUrl ? html`<p>${t('devMail.catcherAddress', { url: view.catcherUrl })}</p>` : ''}
${
  view.mails.length === 0
    ? html`<p>${t('devMail.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('devMail.title')}</caption>
  <thead><tr><th scope="col">${t('devMail.received')}</th><th scope="col">${t('devMail.to')}</th><th scope="col">${t('devMail.subject')}</th></tr></thead>
  <tbody>${view.mails.map(
    (mail) =>
      html`<tr><td>${formatDateTime(ctx.locale, mail.received_at)}</td><td>${mail.rcpt_to.join(', ')}</td><td><a href="${DEV_MAIL_PATH}/${mail.id}">${mail.subject || t('devMail.noSubject')}</a></td></tr>`,
  )}</tbody></table></div>
<form method="post" action="${DEV_MAIL_PATH}/slet" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('devMail.deleteAll')}</button></form>`
}
${more ? html`<p class="mt-5"><a href="${more}">${t('devMail.more')}</a></p>` : ''}`,
  });
}

/** One caught mail: the headers a reader looks for, the SMTP envelope, the text with its links clickable, and the rest folded away. */
export function renderCaughtMail(ctx: PageContext, mail: CaughtMailRow & { shown: { name: string; value: string | undefined }[] }): SafeHtml {
  const { t } = ctx;
  const subject = mail.subject || t('devMail.noSubject');
  return renderPage(ctx, {
    title: subject,
    body: html`<p><a href="${DEV_MAIL_PATH}">${t('devMail.back')}</a></p>
<h1>${subject}</h1>
<h2>${t('devMail.mail.headers')}</h2>
<dl>${mail.shown.filter((header) => header.value !== undefined).map((header) => html`<dt>${header.name}</dt><dd>${withLinks(header.value ?? '')}</dd>`)}</dl>
<h2>${t('devMail.mail.envelope')}</h2>
<dl>
  <dt>${t('devMail.mail.envelopeFrom')}</dt><dd>${mail.mail_from || '—'}</dd>
  <dt>${t('devMail.mail.envelopeTo')}</dt><dd>${mail.rcpt_to.join(', ')}</dd>
  <dt>${t('devMail.received')}</dt><dd>${formatDateTime(ctx.locale, mail.received_at)}</dd>
  <dt>${t('devMail.mail.size')}</dt><dd>${t('devMail.mail.bytes', { size: formatNumber(ctx.locale, mail.size) })}</dd>
</dl>
<h2>${t('devMail.mail.text')}</h2>
${mail.text_body ? html`<pre class="mail-text">${withLinks(mail.text_body)}</pre>` : html`<p>${t('devMail.mail.noText')}</p>`}
${mail.html_body === null ? '' : html`<details class="mt-5"><summary>${t('devMail.mail.html')}</summary><pre class="mail-text"><code>${mail.html_body}</code></pre></details>`}
<details class="mt-5"><summary>${t('devMail.mail.allHeaders')}</summary><pre class="mail-text">${mail.headers.map((header) => `${header.name}: ${header.value}\n`).join('')}</pre></details>`,
  });
}

// An http(s) address in text, up to a space, a quote or an angle bracket; punctuation closing a sentence stays outside.
const linkPattern = /https?:\/\/[^\s<>"']+/g;
const trailingPunctuation = /[.,;:!?)\]]+$/;

/** Text with each http(s) address in it as a link to that address (only http and https: nothing else is made a link). */
function withLinks(text: string): SafeHtml[] {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const match of text.matchAll(linkPattern)) {
    const address = match[0].replace(trailingPunctuation, '');
    if (!URL.canParse(address)) continue;
    parts.push(html`${text.slice(at, match.index)}`, html`<a href="${address}">${address}</a>`);
    at = match.index + address.length;
  }
  parts.push(html`${text.slice(at)}`);
  return parts;
}
