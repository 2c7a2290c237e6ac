// How messages look: the citizen's list (unread first, marked) and new-thread form, a thread with its messages,
// attachments and reply form (both sides), the team inbox with its filters and each thread's age against the expected
// answer time, the municipality's settings page, and the section on the caseworker's citizen page.
import { formatDateTime, formatNumber, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import type { AttachmentRow, MessageRow, ThreadListRow, ThreadRow } from './messages.repository.ts';
import { ATTACHMENTS_PER_MESSAGE, BODY_MAX, SUBJECT_MAX, inboxFilters, type InboxFilter } from './messages.schemas.ts';
import type { CitizenMessagesSummary, Inbox, MessageSettings, StaffThreadView, ThreadList, ThreadView } from './messages.service.ts';
import type { MessageThreadStatus } from './messages.tables.ts';

export const CITIZEN_MESSAGES = '/borger/beskeder';
export const STAFF_MESSAGES = '/medarbejder/beskeder';
export const MESSAGE_SETTINGS = '/kommune/beskeder/indstillinger';

const statusText = {
  open: 'messages.status.open',
  answered: 'messages.status.answered',
  closed: 'messages.status.closed',
} as const satisfies Record<MessageThreadStatus, MessageKey>;

const filterText = {
  unassigned: 'messages.inbox.filter.unassigned',
  mine: 'messages.inbox.filter.mine',
  all: 'messages.inbox.filter.all',
} as const satisfies Record<InboxFilter, MessageKey>;

export type Form = { values: Record<string, string>; errors: FormErrors };

const success = (text: string) => html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;

function fileSize(ctx: PageContext, bytes: number): string {
  return bytes >= 1024 * 1024
    ? ctx.t('messages.attachment.sizeMb', { size: formatNumber(ctx.locale, Math.round((bytes / 1024 / 1024) * 10) / 10) })
    : ctx.t('messages.attachment.sizeKb', { size: formatNumber(ctx.locale, Math.max(1, Math.round(bytes / 1024))) });
}

/** The file field: several files, PDF, PNG or JPEG; its id is the field's, so the error summary links to it. */
function attachmentsField(ctx: PageContext, error: string | undefined): SafeHtml {
  const { t } = ctx;
  return html`<div class="form-group${error ? ' form-error' : ''}">
  <label class="form-label" for="field-attachments">${t('messages.form.attachments')}</label>
  <span class="form-hint" id="field-attachments-hint">${t('messages.form.attachmentsHint', { max: ATTACHMENTS_PER_MESSAGE })}</span>
  ${error ? html`<span class="form-error-message" id="field-attachments-error">${error}</span>` : ''}
  <input class="form-input" type="file" id="field-attachments" name="attachments" multiple accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-describedby="field-attachments-hint${
    error ? ' field-attachments-error' : ''
  }"${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

function statusTag(ctx: PageContext, status: MessageThreadStatus): SafeHtml {
  return html`<span class="badge badge-small">${ctx.t(statusText[status])}</span>`;
}

function pagination(ctx: PageContext, list: ThreadList, href: (page: number) => string): SafeHtml | string {
  if (list.page <= 1 && !list.hasNext) return '';
  const { t } = ctx;
  return html`<nav aria-label="${t('messages.pages.label')}"><p>
  ${list.page > 1 ? html`<a href="${href(list.page - 1)}">${t('messages.pages.previous')}</a> ` : ''}
  <span>${list.pages ? t('messages.pages.current', { page: list.page, pages: list.pages }) : t('messages.pages.page', { page: list.page })}</span>
  ${list.hasNext ? html` <a href="${href(list.page + 1)}">${t('messages.pages.next')}</a>` : ''}
</p></nav>`;
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's pages

/** The citizen's messages: a link to write, and their threads, unread ones first and marked. */
export function renderOwnThreads(ctx: PageContext, list: ThreadList, options: { sent: boolean }): SafeHtml {
  const { t } = ctx;
  return html`${options.sent ? success(t('messages.flash.sent')) : ''}
<h1>${t('messages.title')}</h1>
<p class="font-lead">${t('messages.lead')}</p>
<p><a class="button button-primary" href="${CITIZEN_MESSAGES}/ny">${t('messages.new.link')}</a></p>
${
  list.threads.length === 0
    ? html`<p>${t('messages.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--compact">
  <caption class="sr-only">${t('messages.title')}</caption>
  <thead><tr><th scope="col">${t('messages.column.subject')}</th><th scope="col">${t('messages.column.status')}</th><th scope="col">${t('messages.column.last')}</th></tr></thead>
  <tbody>${list.threads.map(
    (
      thread,
    ) => html`<tr><td>${thread.unread_by_citizen ? html`<strong><a href="${CITIZEN_MESSAGES}/${thread.id}">${thread.subject}</a></strong> <span class="badge badge-small">${t('messages.unread')}</span>` : html`<a href="${CITIZEN_MESSAGES}/${thread.id}">${thread.subject}</a>`}</td>
<td>${statusTag(ctx, thread.status)}</td><td>${formatDateTime(ctx.locale, thread.last_message_at)}</td></tr>`,
  )}</tbody></table></div>`
}
${pagination(ctx, list, (page) => `${CITIZEN_MESSAGES}?side=${page}`)}`;
}

/** The new thread form: to "Jobcentret" (never a person), subject, text and attachments; with a one-time token. */
export function renderNewThread(ctx: PageContext, form: Form): SafeHtml {
  const { t } = ctx;
  return html`<p><a href="${CITIZEN_MESSAGES}">${t('messages.back')}</a></p>
<h1>${t('messages.new.title')}</h1>
<p>${t('messages.new.lead')}</p>
${errorSummary(t, form.errors)}
<form method="post" action="${CITIZEN_MESSAGES}/ny" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(form.values)}
  <p><strong>${t('messages.new.to')}</strong> ${t('messages.jobcenter')}</p>
  ${textField({ name: 'subject', label: t('messages.form.subject'), value: form.values.subject, error: form.errors.subject, maxLength: SUBJECT_MAX })}
  ${textArea({ name: 'body', label: t('messages.form.body'), value: form.values.body, error: form.errors.body, rows: 8, maxLength: BODY_MAX })}
  ${attachmentsField(ctx, form.errors.attachments)}
  <button class="button button-primary" type="submit">${t('messages.form.send')}</button>
</form>`;
}

function attachmentLinks(ctx: PageContext, base: string, threadId: string, attachments: AttachmentRow[]): SafeHtml | string {
  if (attachments.length === 0) return '';
  return html`<ul class="nobullet-list">${attachments.map(
    (a) => html`<li><a href="${base}/${threadId}/bilag/${a.id}">${a.file_name}</a> (${fileSize(ctx, a.size_bytes)})</li>`,
  )}</ul>`;
}

function messageList(ctx: PageContext, base: string, view: ThreadView, side: 'citizen' | 'staff'): SafeHtml {
  const { t } = ctx;
  return html`<ol class="nobullet-list">${view.messages.map((message: MessageRow & { attachments: AttachmentRow[] }) => {
    const who =
      message.author === 'citizen'
        ? side === 'citizen'
          ? t('messages.author.you')
          : message.author_name
        : side === 'citizen'
          ? t('messages.author.jobcenter', { name: message.author_name })
          : message.author_name;
    return html`<li class="mb-5"><div class="card"><div class="card-content">
  <p class="small-text"><strong>${who}</strong> · ${formatDateTime(ctx.locale, message.created_at)}</p>
  <p class="preserve-lines">${danishText(ctx, message.body)}</p>
  ${attachmentLinks(ctx, base, view.thread.id, message.attachments)}
</div></div></li>`;
  })}</ol>`;
}

function replyForm(ctx: PageContext, action: string, form: Form): SafeHtml {
  const { t } = ctx;
  return html`<h2 id="reply-heading">${t('messages.reply.title')}</h2>
${errorSummary(t, form.errors)}
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(form.values)}
  ${textArea({ name: 'body', label: t('messages.form.body'), value: form.values.body, error: form.errors.body, rows: 6, maxLength: BODY_MAX })}
  ${attachmentsField(ctx, form.errors.attachments)}
  <button class="button button-primary" type="submit">${t('messages.form.send')}</button>
</form>`;
}

function expectedText(ctx: PageContext, thread: ThreadRow): SafeHtml | string {
  if (thread.status !== 'open' || !thread.expected_answer_by) return '';
  return html`<p>${ctx.t('messages.expected', { when: formatDateTime(ctx.locale, thread.expected_answer_by) })}</p>`;
}

/** One of the citizen's threads: its messages, when to expect an answer, and the reply form. */
export function renderOwnThread(ctx: PageContext, view: ThreadView, form: Form, options: { sent: boolean }): SafeHtml {
  const { t } = ctx;
  return html`${options.sent ? success(t('messages.flash.sent')) : ''}
<p><a href="${CITIZEN_MESSAGES}">${t('messages.back')}</a></p>
<h1>${view.thread.subject}</h1>
<p>${t('messages.thread.with')} ${t('messages.jobcenter')} · ${statusTag(ctx, view.thread.status)}</p>
${expectedText(ctx, view.thread)}
${messageList(ctx, CITIZEN_MESSAGES, view, 'citizen')}
${replyForm(ctx, `${CITIZEN_MESSAGES}/${view.thread.id}`, form)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The staff's pages

/** How long a thread has waited, and whether past the expected answer time. */
function waitText(ctx: PageContext, thread: ThreadRow, now: Date): SafeHtml | string {
  if (thread.status !== 'open') return '';
  const hours = Math.max(0, Math.floor((now.getTime() - thread.last_message_at.getTime()) / 3_600_000));
  const age = hours < 24 ? ctx.t('messages.age.hours', { count: hours }) : ctx.t('messages.age.days', { count: Math.floor(hours / 24) });
  const overdue = thread.expected_answer_by !== null && thread.expected_answer_by.getTime() < now.getTime();
  return overdue
    ? html`${age} · <strong class="text-error">${ctx.t('messages.age.overdue')}</strong>`
    : html`${age}${thread.expected_answer_by ? html` · ${ctx.t('messages.age.due', { when: formatDateTime(ctx.locale, thread.expected_answer_by) })}` : ''}`;
}

function assigneeName(ctx: PageContext, subject: string | null, staff: { subject: string; name: string }[], me: string): string {
  if (!subject) return ctx.t('messages.assigned.team');
  if (subject === me) return ctx.t('messages.assigned.you');
  return staff.find((member) => member.subject === subject)?.name ?? ctx.t('messages.assigned.unknown');
}

/** The team inbox: filters (a GET form, works without JavaScript), the threads with their age and assignee, pages. */
export function renderInbox(ctx: PageContext, inbox: Inbox, now: Date): SafeHtml {
  const { t } = ctx;
  const query = (page: number) => {
    const params = new URLSearchParams({ vis: inbox.filter });
    if (inbox.unread) params.set('ulaest', '1');
    params.set('side', String(page));
    return `${STAFF_MESSAGES}?${params.toString()}`;
  };
  return html`<h1>${t('messages.inbox.title')}</h1>
<p class="font-lead">${t('messages.inbox.lead')}</p>
<form method="get" action="${STAFF_MESSAGES}" class="mb-5">
  <fieldset class="form-group" id="field-vis"><legend class="form-label">${t('messages.inbox.filter.legend')}</legend>
  <ul class="nobullet-list">${inboxFilters.map(
    (filter) =>
      html`<li class="form-group-radio"><input type="radio" class="form-radio" id="field-vis-${filter}" name="vis" value="${filter}"${inbox.filter === filter ? html` checked` : ''}><label for="field-vis-${filter}">${t(filterText[filter])}</label></li>`,
  )}</ul></fieldset>
  <div class="form-group-checkbox mb-4"><input type="checkbox" class="form-checkbox" id="field-ulaest" name="ulaest" value="1"${inbox.unread ? html` checked` : ''}><label for="field-ulaest">${t('messages.inbox.filter.unread')}</label></div>
  <button class="button button-secondary" type="submit">${t('messages.inbox.filter.apply')}</button>
</form>
${
  inbox.threads.length === 0
    ? html`<p>${t('messages.inbox.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--compact">
  <caption class="sr-only">${t('messages.inbox.title')}</caption>
  <thead><tr><th scope="col">${t('messages.column.subject')}</th><th scope="col">${t('messages.column.status')}</th><th scope="col">${t('messages.column.waiting')}</th><th scope="col">${t('messages.column.assigned')}</th></tr></thead>
  <tbody>${inbox.threads.map(
    (
      thread: ThreadListRow,
    ) => html`<tr><td>${thread.unread_by_staff ? html`<strong><a href="${STAFF_MESSAGES}/${thread.id}">${thread.subject}</a></strong> <span class="badge badge-small">${t('messages.unread')}</span>` : html`<a href="${STAFF_MESSAGES}/${thread.id}">${thread.subject}</a>`}${thread.from_question ? html` <span class="badge badge-small">${t('messages.fromQuestion.tag')}</span>` : ''}</td>
<td>${statusTag(ctx, thread.status)}</td><td>${waitText(ctx, thread, now)}</td><td>${assigneeName(ctx, thread.assigned_subject, inbox.staff, inbox.me)}</td></tr>`,
  )}</tbody></table></div>`
}
${pagination(ctx, inbox, query)}`;
}

/** A thread for a caseworker: the question's articles (a hand-over), messages, assignment, close/open and the reply form. */
export function renderStaffThread(ctx: PageContext, view: StaffThreadView, form: Form, options: { notice?: MessageKey | undefined; now: Date }): SafeHtml {
  const { t } = ctx;
  const { thread } = view;
  const base = `${STAFF_MESSAGES}/${thread.id}`;
  return html`${options.notice ? success(t(options.notice)) : ''}
<p><a href="${STAFF_MESSAGES}">${t('messages.inbox.back')}</a></p>
<h1>${thread.subject}</h1>
<p>${t('messages.thread.from', { name: view.citizenName })} · ${statusTag(ctx, thread.status)} · ${waitText(ctx, thread, options.now)}</p>
${
  thread.from_question
    ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-heading">${t('messages.fromQuestion.title')}</p>
<p class="alert-text">${t('messages.fromQuestion.lead')}</p>
${thread.from_question.articles.length === 0 ? html`<p class="alert-text">${t('messages.fromQuestion.none')}</p>` : html`<ul>${thread.from_question.articles.map((a) => html`<li>${danishText(ctx, a.title)}</li>`)}</ul>`}</div></div>`
    : ''
}
${messageList(ctx, STAFF_MESSAGES, view, 'staff')}
<h2>${t('messages.assign.title')}</h2>
${errorSummary(t, form.errors.assignee ? { assignee: form.errors.assignee } : {})}
<form method="post" action="${base}/tildel" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${selectField({
    name: 'assignee',
    label: t('messages.assign.label'),
    value: form.values.assignee ?? thread.assigned_subject ?? '',
    error: form.errors.assignee,
    emptyLabel: t('messages.assigned.team'),
    choices: view.staff.map((member) => ({
      value: member.subject,
      label: member.subject === view.me ? `${member.name} (${t('messages.assigned.you')})` : member.name,
    })),
  })}
  <button class="button button-secondary" type="submit">${t('messages.assign.submit')}</button>
</form>
<form method="post" action="${base}/status" class="mt-5">
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="closed" value="${thread.status === 'closed' ? '0' : '1'}">
  <button class="button button-secondary" type="submit">${t(thread.status === 'closed' ? 'messages.status.reopen' : 'messages.status.close')}</button>
</form>
${replyForm(ctx, base, { values: form.values, errors: form.errors.assignee ? {} : form.errors })}`;
}

/** The municipality's expected answer time (weekday hours). */
export function renderSettings(ctx: PageContext, settings: MessageSettings, form: Form, options: { saved: boolean }): SafeHtml {
  const { t } = ctx;
  return html`${options.saved ? success(t('messages.settings.saved')) : ''}
<h1>${t('messages.settings.title')}</h1>
<p class="font-lead">${t('messages.settings.lead')}</p>
${errorSummary(t, form.errors)}
<form method="post" action="${MESSAGE_SETTINGS}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({
    name: 'answerWithinHours',
    label: t('messages.settings.hours'),
    hint: t('messages.settings.hoursHint', { hours: 48 }),
    value: form.values.answerWithinHours ?? String(settings.answerWithinHours),
    error: form.errors.answerWithinHours,
    maxLength: 3,
  })}
  <button class="button button-primary" type="submit">${t('messages.settings.save')}</button>
</form>`;
}

/** The citizen page's section (journey): the citizen's threads with the organisation, unread ones marked. */
export function renderCitizenMessagesSection(ctx: PageContext, data: CitizenMessagesSummary): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="messages-heading"><h2 id="messages-heading">${t('messages.section.title')}</h2>
${
  data.threads.length === 0
    ? html`<p>${t('messages.section.empty')}</p>`
    : html`<ul class="nobullet-list">${data.threads.map(
        (thread) =>
          html`<li><a href="${STAFF_MESSAGES}/${thread.id}">${thread.subject}</a> · ${t(statusText[thread.status])} · ${formatDateTime(ctx.locale, thread.lastMessageAt)}${
            thread.unread ? html` <span class="badge badge-small">${t('messages.unread')}</span>` : ''
          }</li>`,
      )}</ul>`
}
<p><a href="${STAFF_MESSAGES}">${t('messages.section.inbox')}</a></p></section>`;
}
