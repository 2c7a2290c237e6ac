// How the notification centre looks (newest first, unread marked, each a link that marks it read), the preferences
// form (address, number, language; per kind the e-mail and SMS choices), the unsubscribe page, and the SMS simulator's
// development page.
import { formatDateTime, formatNumber, type Locale } from '../../platform/i18n/index.ts';
import { checkboxGroup, csrfField, errorSummary, radioGroup, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { DevSmsRow } from './notifications.repository.ts';
import { kindName, notificationText, notificationTitle, type CentreView, type PreferencesView, type UnsubscribeView } from './notifications.service.ts';

export const DEV_SMS_PATH = '/udvikling/sms';

/** The centre's base path for the audience. */
export function centrePath(staff: boolean): string {
  return staff ? '/medarbejder/notifikationer' : '/borger/notifikationer';
}

const success = (text: string) => html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;

/** The unread count as a header or menu may show it: "3 ulæste", "99+ ulæste" at the cap. */
export function unreadText(ctx: Pick<PageContext, 't' | 'locale'>, unread: number, cap = 100): string {
  return ctx.t('notifications.unread', { count: unread >= cap ? `${formatNumber(ctx.locale, cap - 1)}+` : formatNumber(ctx.locale, unread) });
}

/** The notification centre: the unread count, "mark all as read", the list (a page at a time), and the settings link. */
export function renderCentre(ctx: PageContext, view: CentreView & { markedAll: boolean; paged: boolean }): SafeHtml {
  const { t } = ctx;
  const base = centrePath(view.staff);
  return renderPage(ctx, {
    title: t('notifications.title'),
    body: html`${view.markedAll ? success(t('notifications.markedAll')) : ''}
<h1>${t('notifications.title')}</h1>
<p class="font-lead">${t(view.staff ? 'notifications.lead.staff' : 'notifications.lead.citizen')}</p>
<p id="unread-count"><strong>${view.unread > 0 ? unreadText(ctx, view.unread) : t('notifications.unreadNone')}</strong></p>
${
  view.unread > 0
    ? html`<form method="post" action="${base}/laest">${csrfField(ctx.csrfToken())}<button type="submit" class="button button-secondary">${t('notifications.markAll')}</button></form>`
    : ''
}
${
  view.items.length === 0
    ? html`<p class="mt-5">${t('notifications.empty')}</p>`
    : html`<h2 class="sr-only">${t('notifications.caption')}</h2><ul class="nobullet-list mt-5">${view.items.map(
        (n) => html`<li class="mb-4 notification${n.read ? '' : ' notification-unread'}">
  <a href="${base}/${n.id}">${n.read ? notificationTitle(ctx.locale, n.kind) : html`<strong>${notificationTitle(ctx.locale, n.kind)}</strong>`}</a>
  ${n.read ? '' : html` <span class="badge badge-small">${t('notifications.unreadMark')}</span>`}${
    n.recipient === 'team' ? html` <span class="badge badge-small">${t('notifications.teamMark')}</span>` : ''
  }
  <br>${notificationText(ctx.locale, n.kind, n.params)}
  <br><span class="form-hint">${t('notifications.column.when')}: <time datetime="${n.created_at.toISOString()}">${formatDateTime(ctx.locale, n.created_at)}</time></span>
</li>`,
      )}</ul>`
}
${view.nextCursor ? html`<p><a href="${base}?cursor=${encodeURIComponent(view.nextCursor)}">${t('notifications.older')}</a></p>` : ''}
${view.paged ? html`<p><a href="${base}">${t('notifications.newest')}</a></p>` : ''}
<p class="mt-6"><a href="${base}/indstillinger">${t('notifications.settingsLink')}</a></p>`,
  });
}

/** The preferences form; `values` are what was typed after a refusal, else the saved (or default) preferences. */
export function renderPreferences(
  ctx: PageContext,
  view: { staff: boolean; preferences: PreferencesView; values?: Record<string, string | string[]>; errors: FormErrors; saved: boolean },
): SafeHtml {
  const { t } = ctx;
  const base = centrePath(view.staff);
  const p = view.preferences;
  const typed = view.values;
  const list = (name: string, saved: readonly string[]) => {
    if (!typed) return saved;
    const value = typed[name];
    return value === undefined ? [] : [value].flat();
  };
  const text = (name: string, saved: string) => (typed ? String(typed[name] ?? '') : saved);
  const choices = p.kinds.map((kind) => ({ value: kind, label: kindName(ctx.locale, kind) }));
  const languages: { value: Locale; label: string }[] = [
    { value: 'da', label: t('notifications.settings.language.da') },
    { value: 'en', label: t('notifications.settings.language.en') },
  ];
  return renderPage(ctx, {
    title: t('notifications.settings.title'),
    body: html`<p><a href="${base}">${t('notifications.settings.back')}</a></p>
${view.saved ? success(t('notifications.settings.saved')) : ''}
${errorSummary(t, view.errors)}
<h1>${t('notifications.settings.title')}</h1>
<p class="font-lead">${t('notifications.settings.lead')}</p>
<form method="post" action="${base}/indstillinger" novalidate>
  ${csrfField(ctx.csrfToken())}
  <h2>${t('notifications.settings.contact')}</h2>
  ${textField({
    name: 'email',
    type: 'email',
    label: t('notifications.settings.email'),
    hint: t('notifications.settings.emailHint'),
    value: text('email', p.email),
    error: view.errors.email,
    optional: true,
    autocomplete: 'email',
    maxLength: 254,
  })}
  ${textField({
    name: 'mobil',
    label: t('notifications.settings.phone'),
    hint: t('notifications.settings.phoneHint'),
    value: text('mobil', p.phone),
    error: view.errors.mobil,
    optional: true,
    autocomplete: 'tel',
    maxLength: 20,
  })}
  ${radioGroup({ name: 'sprog', legend: t('notifications.settings.language'), value: text('sprog', p.language), error: view.errors.sprog, choices: languages })}
  ${checkboxGroup({ name: 'mail', legend: t('notifications.settings.emailKinds'), values: list('mail', p.emailKinds), error: view.errors.mail, choices })}
  ${checkboxGroup({ name: 'sms', legend: t('notifications.settings.smsKinds'), values: list('sms', p.smsKinds), error: view.errors.sms, choices })}
  <button type="submit" class="button button-primary">${t('notifications.settings.save')}</button>
</form>`,
  });
}

/** The unsubscribe link's page: it asks first; after the answer (or when already off) it says so. */
export function renderUnsubscribe(ctx: PageContext, token: string, target: UnsubscribeView | undefined, done: boolean): SafeHtml {
  const { t } = ctx;
  if (!target)
    return renderPage(ctx, {
      title: t('notifications.unsubscribe.unknown'),
      body: html`<h1>${t('notifications.unsubscribe.unknown')}</h1><p>${t('notifications.unsubscribe.unknownText')}</p>`,
    });
  const kind = kindName(ctx.locale, target.kind);
  if (done || !target.active)
    return renderPage(ctx, {
      title: t('notifications.unsubscribe.title'),
      body: html`<h1>${t('notifications.unsubscribe.title')}</h1>
${success(t('notifications.unsubscribe.done', { kind }))}
<p>${t('notifications.unsubscribe.doneNext')}</p>`,
    });
  return renderPage(ctx, {
    title: t('notifications.unsubscribe.title'),
    body: html`<h1>${t('notifications.unsubscribe.title')}</h1>
<p class="font-lead">${t('notifications.unsubscribe.text', { kind })}</p>
<form method="post" action="/notifikationer/afmeld/${token}">${csrfField(ctx.csrfToken())}<button type="submit" class="button button-primary">${t(
      'notifications.unsubscribe.button',
    )}</button></form>`,
  });
}

/** The SMS simulator's texts, newest first, with "Slet alle". */
export function renderDevSms(ctx: PageContext, view: { texts: readonly DevSmsRow[]; deleted: boolean }): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('notifications.devSms.title'),
    body: html`${view.deleted ? success(t('notifications.devSms.deleted')) : ''}
<h1>${t('notifications.devSms.title')}</h1>
<p class="font-lead">${t('notifications.devSms.lead')}</p>
${
  view.texts.length === 0
    ? html`<p>${t('notifications.devSms.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('notifications.devSms.title')}</caption>
  <thead><tr><th scope="col">${t('notifications.devSms.sentAt')}</th><th scope="col">${t('notifications.devSms.to')}</th><th scope="col">${t('notifications.devSms.text')}</th></tr></thead>
  <tbody>${view.texts.map((sms) => html`<tr><td>${formatDateTime(ctx.locale, sms.sent_at)}</td><td>${sms.sent_to}</td><td>${sms.text}</td></tr>`)}</tbody></table></div>
<form method="post" action="${DEV_SMS_PATH}/slet" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('notifications.devSms.deleteAll')}</button></form>`
}`,
  });
}
