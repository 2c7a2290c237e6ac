// How meetings look: the citizen's meetings with the free slots to book (one form, a radio per slot grouped by day),
// a meeting's page (details, calendar file, move, cancel), and the caseworker's overview by day, the form for new
// slots, booking for a citizen (by CPR number or from the citizen's page), a meeting's page with its outcome, and the
// section for the citizen's page for staff.
import { formatCalendarDate, formatNumber, formatPeriod, type MessageKey } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { csrfField, dateFields, errorSummary, radioGroup, selectField, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, type PageContext } from '../../platform/views/layout.ts';
import { readPurposeText } from '../identity/index.ts';
import type { MeetingRow, SlotRow, StaffSlotRow } from './meetings.repository.ts';
import { meetingDurations, meetingForms, meetingOutcomes, seriesIntervals } from './meetings.schemas.ts';
import {
  BOOKING_WEEKS,
  CHANGE_DEADLINE_HOURS,
  MAX_FUTURE_MEETINGS,
  type CitizenMeetingsSummary,
  type CitizenMeetingsView,
  type NewSlotsView,
  type OwnMeetingsView,
  type OwnMeetingView,
  type StaffMeetingsView,
  type StaffMeetingView,
} from './meetings.service.ts';
import type { MeetingForm, MeetingOutcome } from './meetings.tables.ts';

const formText = {
  in_person: 'meetings.form.in_person',
  phone: 'meetings.form.phone',
  video: 'meetings.form.video',
} as const satisfies Record<MeetingForm, MessageKey>;

const outcomeText = {
  held: 'meetings.outcome.held',
  not_held: 'meetings.outcome.not_held',
} as const satisfies Record<MeetingOutcome, MessageKey>;

const savedText = {
  booket: 'meetings.saved.booked',
  flyttet: 'meetings.saved.moved',
  aflyst: 'meetings.saved.cancelled',
  oprettet: 'meetings.saved.created',
  udfald: 'meetings.saved.outcome',
} as const satisfies Record<string, MessageKey>;
export type SavedNotice = keyof typeof savedText;

const success = (text: string) => html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
const info = (text: string) => html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;

type Timed = Pick<SlotRow, 'starts_at' | 'duration_minutes'>;
const period = (ctx: PageContext, s: Timed) => formatPeriod(ctx.locale, s.starts_at, new Date(s.starts_at.getTime() + s.duration_minutes * 60_000));
const endOf = (s: Timed) => new Date(s.starts_at.getTime() + s.duration_minutes * 60_000);

/** Where and how: "Fremmøde: Jobcenter X, Gade 1, 1000 By", "Telefon: jobcentret ringer til dig", "Video: <link>". */
function whereText(ctx: PageContext, s: Pick<SlotRow, 'form' | 'address' | 'video_url'>, options: { link?: boolean } = {}): SafeHtml {
  const { t } = ctx;
  if (s.form === 'in_person') return html`${t('meetings.form.in_person')}: ${danishText(ctx, s.address ?? '')}`;
  if (s.form === 'video')
    return options.link && s.video_url
      ? html`${t('meetings.form.video')}: <a href="${s.video_url}">${s.video_url}</a>`
      : html`${t('meetings.form.video')} (${t('meetings.videoLinkLater')})`;
  return html`${t('meetings.form.phone')}: ${t('meetings.phoneHint')}`;
}

/** Slots grouped by the Copenhagen day they start on, in order. */
function byDay<S extends Timed>(slots: readonly S[]): [string, S[]][] {
  const days = new Map<string, S[]>();
  for (const slot of slots) {
    const day = copenhagenDate(slot.starts_at);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days.entries()];
}

function pager(ctx: PageContext, options: { page: number; hasMore: boolean; href: (page: number) => string; label: string }): SafeHtml | string {
  const { t } = ctx;
  if (options.page <= 1 && !options.hasMore) return '';
  return html`<nav class="mt-5" aria-label="${options.label}"><ul class="nobullet-list">
${options.page > 1 ? html`<li><a href="${options.href(options.page - 1)}">${t('meetings.page.previous')}</a></li>` : ''}
<li>${t('meetings.page.number', { page: formatNumber(ctx.locale, options.page) })}</li>
${options.hasMore ? html`<li><a href="${options.href(options.page + 1)}">${t('meetings.page.next')}</a></li>` : ''}
</ul></nav>`;
}

/** The free slots as radios named `slot`, one fieldset (id field-slot, for the error summary) with a group per day. */
function slotPicker(
  ctx: PageContext,
  slots: readonly SlotRow[],
  options: { legend: string; value?: string | undefined; error?: string | undefined },
): SafeHtml {
  const { t } = ctx;
  return html`<fieldset class="form-group${options.error ? ' form-error' : ''}" id="field-slot"${options.error ? html` aria-describedby="field-slot-error"` : ''}>
  <legend class="form-label">${options.legend}</legend>
  ${options.error ? html`<span class="form-error-message" id="field-slot-error">${options.error}</span>` : ''}
  ${byDay(slots).map(
    ([day, daySlots]) => html`<fieldset class="mt-4"><legend class="h4">${formatCalendarDate(ctx.locale, day, { weekday: true })}</legend>
  <ul class="nobullet-list">${daySlots.map(
    (slot) =>
      html`<li class="form-group-radio"><input type="radio" class="form-radio" id="slot-${slot.id}" name="slot" value="${slot.id}"${options.value === slot.id ? html` checked` : ''}><label for="slot-${slot.id}">${period(ctx, slot)} · ${t(formText[slot.form])}${slot.form === 'in_person' && slot.address ? html`, ${danishText(ctx, slot.address)}` : ''} · ${danishText(ctx, slot.host_name)}</label></li>`,
  )}</ul></fieldset>`,
  )}
</fieldset>`;
}

function rulesText(ctx: PageContext): SafeHtml {
  return html`<p>${ctx.t('meetings.rules', { hours: formatNumber(ctx.locale, CHANGE_DEADLINE_HOURS), count: formatNumber(ctx.locale, MAX_FUTURE_MEETINGS) })}</p>`;
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's pages

function meetingCard(ctx: PageContext, m: MeetingRow, href: string): SafeHtml {
  const { t } = ctx;
  return html`<li class="card mb-5"><div class="card-content">
<h3 class="h4 card-heading"><a href="${href}">${period(ctx, m)}</a></h3>
<p class="mb-0">${whereText(ctx, m)}</p>
<p class="small-text mt-1 mb-0">${t('meetings.with', { who: m.host_name, organisation: m.organisation_name })}</p>
${m.cancelled_at ? html`<p class="mt-2 mb-0"><span class="badge badge-large">${t(m.cancelled_by === 'staff' ? 'meetings.status.cancelledByStaff' : 'meetings.status.cancelled')}</span></p>` : ''}
${m.outcome ? html`<p class="mt-2 mb-0"><span class="badge badge-large">${t(outcomeText[m.outcome])}</span></p>` : ''}
</div></li>`;
}

/** The citizen's meetings (/borger/moeder): those ahead, the free slots to book (a page of them), and the earlier ones. */
export function renderOwnMeetings(
  ctx: PageContext,
  view: OwnMeetingsView,
  options: { saved?: SavedNotice | undefined; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  const bookForm =
    view.free.length === 0
      ? html`<p>${t('meetings.book.none', { weeks: formatNumber(ctx.locale, BOOKING_WEEKS) })}</p>`
      : html`<form method="post" action="/borger/moeder" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(Object.keys(options.errors).length > 0 ? options.values : undefined)}
  ${slotPicker(ctx, view.free, { legend: t('meetings.book.choose'), value: options.values.slot, error: options.errors.slot })}
  ${textArea({ name: 'topic', label: t('meetings.topic'), hint: t('meetings.topicHint'), value: options.values.topic, error: options.errors.topic, optional: true, maxLength: 500, rows: 3 })}
  <button class="button button-primary" type="submit">${t('meetings.book.submit')}</button>
</form>
${pager(ctx, { page: view.page, hasMore: view.hasMore, href: (page) => `/borger/moeder?side=${page}#book-heading`, label: t('meetings.book.pages') })}`;
  return html`<h1>${t('meetings.citizen.title')}</h1>
<p class="font-lead">${t('meetings.citizen.lead')}</p>
${rulesText(ctx)}
${options.saved ? success(t(savedText[options.saved])) : ''}
${errorSummary(t, options.errors)}
<section aria-labelledby="upcoming-heading" class="mt-6">
<h2 id="upcoming-heading">${t('meetings.citizen.upcoming')}</h2>
${view.upcoming.length === 0 ? html`<p>${t('meetings.citizen.noUpcoming')}</p>` : html`<ul class="nobullet-list">${view.upcoming.map((m) => meetingCard(ctx, m, `/borger/moeder/${m.meeting_id}`))}</ul>`}
</section>
<section aria-labelledby="book-heading" class="mt-6">
<h2 id="book-heading">${t('meetings.book.heading')}</h2>
${view.canBook ? bookForm : info(t('meetings.book.full', { count: formatNumber(ctx.locale, MAX_FUTURE_MEETINGS) }))}
</section>
${
  view.earlier.length > 0
    ? html`<section aria-labelledby="earlier-heading" class="mt-6">
<h2 id="earlier-heading">${t('meetings.citizen.earlier')}</h2>
<ul class="nobullet-list">${view.earlier.map((m) => meetingCard(ctx, m, `/borger/moeder/${m.meeting_id}`))}</ul>
</section>`
    : ''
}`;
}

function meetingFacts(ctx: PageContext, m: MeetingRow, options: { showTopic: boolean; citizenName?: string | undefined }): SafeHtml {
  const { t } = ctx;
  return html`<dl>
<dt>${t('meetings.when')}</dt><dd>${period(ctx, m)}</dd>
<dt>${t('meetings.where')}</dt><dd>${whereText(ctx, m, { link: true })}</dd>
<dt>${t('meetings.host')}</dt><dd>${t('meetings.with', { who: m.host_name, organisation: m.organisation_name })}</dd>
${options.citizenName ? html`<dt>${t('meetings.citizen')}</dt><dd>${danishText(ctx, options.citizenName)}</dd>` : ''}
${options.showTopic ? html`<dt>${t('meetings.topic')}</dt><dd class="preserve-lines">${m.topic ? danishText(ctx, m.topic) : t('meetings.noTopic')}</dd>` : ''}
${m.cancelled_at ? html`<dt>${t('meetings.status')}</dt><dd>${t(m.cancelled_by === 'staff' ? 'meetings.status.cancelledByStaff' : 'meetings.status.cancelled')}</dd>` : ''}
${m.outcome ? html`<dt>${t('meetings.outcome')}</dt><dd>${t(outcomeText[m.outcome])}</dd>` : ''}
</dl>`;
}

/** One of the citizen's meetings (/borger/moeder/:meetingId): details, calendar file, and — before the deadline — move and cancel. */
export function renderOwnMeeting(
  ctx: PageContext,
  view: OwnMeetingView,
  options: { saved?: SavedNotice | undefined; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  const m = view.meeting;
  const base = `/borger/moeder/${m.meeting_id}`;
  const change = view.canChange
    ? html`<section aria-labelledby="move-heading" class="mt-6">
<h2 id="move-heading">${t('meetings.move.heading')}</h2>
${
  view.free.length === 0
    ? html`<p>${t('meetings.book.none', { weeks: formatNumber(ctx.locale, BOOKING_WEEKS) })}</p>`
    : html`<form method="post" action="${base}/flyt" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${slotPicker(ctx, view.free, { legend: t('meetings.move.choose'), value: options.values.slot, error: options.errors.slot })}
  <button class="button button-secondary" type="submit">${t('meetings.move.submit')}</button>
</form>
${pager(ctx, { page: view.page, hasMore: view.hasMore, href: (page) => `${base}?side=${page}#move-heading`, label: t('meetings.book.pages') })}`
}
</section>
<section aria-labelledby="cancel-heading" class="mt-6">
<h2 id="cancel-heading">${t('meetings.cancel.heading')}</h2>
<form method="post" action="${base}/aflys">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('meetings.cancel.submit')}</button></form>
</section>`
    : m.cancelled_at
      ? ''
      : info(t('meetings.tooLate', { hours: formatNumber(ctx.locale, CHANGE_DEADLINE_HOURS) }));
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/borger/moeder">${t('meetings.citizen.title')}</a></nav>
<h1>${t('meetings.meeting.title', { when: period(ctx, m) })}</h1>
${options.saved ? success(t(savedText[options.saved])) : ''}
${errorSummary(t, options.errors)}
${meetingFacts(ctx, m, { showTopic: true })}
${m.cancelled_at ? '' : html`<p><a href="${base}/kalender.ics" download>${t('meetings.ics')}</a></p>`}
${rulesText(ctx)}
${change}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The caseworker's pages

/** The caseworker's overview (/medarbejder/moeder): their slots (or everyone's) by day, booked or free, a page at a time. */
export function renderStaffMeetings(
  ctx: PageContext,
  view: StaffMeetingsView,
  options: { saved?: SavedNotice | undefined; count?: number | undefined },
): SafeHtml {
  const { t } = ctx;
  const query = (page: number) => `/medarbejder/moeder?side=${page}${view.all ? '&alle=1' : ''}`;
  const row = (s: StaffSlotRow) =>
    html`<tr><td>${period(ctx, s)}</td><td>${t(formText[s.form])}${s.form === 'in_person' && s.address ? html`<br><span class="small-text">${danishText(ctx, s.address)}</span>` : ''}</td>${
      view.all ? html`<td>${danishText(ctx, s.host_name)}</td>` : ''
    }<td>${
      s.meeting_id
        ? html`<a href="/medarbejder/moeder/${s.meeting_id}">${danishText(ctx, s.citizen_name ?? t('meetings.staff.citizenHidden'))}</a>${s.outcome ? html`<br><span class="small-text">${t(outcomeText[s.outcome])}</span>` : ''}`
        : html`${t('meetings.staff.free')}${s.starts_at > new Date() ? html` · <a href="/medarbejder/moeder/tider/${s.id}/book">${t('meetings.staff.bookFor')}<span class="sr-only"> (${period(ctx, s)})</span></a>` : ''}`
    }</td></tr>`;
  const days = byDay(view.slots);
  return html`<h1>${t('meetings.staff.title')}</h1>
<p class="font-lead">${t('meetings.staff.lead')}</p>
${options.saved ? success(t(savedText[options.saved], { count: formatNumber(ctx.locale, options.count ?? 0) })) : ''}
<p>${view.canPublish ? html`<a class="button button-primary" href="/medarbejder/moeder/ny">${t('meetings.staff.new')}</a> ` : ''}${
    view.all
      ? html`<a href="/medarbejder/moeder">${t('meetings.staff.showOwn')}</a>`
      : html`<a href="/medarbejder/moeder?alle=1">${t('meetings.staff.showAll')}</a>`
  }</p>
${
  days.length === 0
    ? html`<p>${t('meetings.staff.none')}</p>`
    : days.map(
        ([day, slots]) => html`<section class="mt-6" aria-labelledby="day-${day}">
<h2 class="h3" id="day-${day}">${formatCalendarDate(ctx.locale, day, { weekday: true })}</h2>
<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${formatCalendarDate(ctx.locale, day, { weekday: true })}</caption>
<thead><tr><th scope="col">${t('meetings.when')}</th><th scope="col">${t('meetings.where')}</th>${view.all ? html`<th scope="col">${t('meetings.host')}</th>` : ''}<th scope="col">${t('meetings.staff.booking')}</th></tr></thead>
<tbody>${slots.map(row)}</tbody></table></div>
</section>`,
      )
}
${pager(ctx, { page: view.page, hasMore: view.hasMore, href: query, label: t('meetings.staff.pages') })}`;
}

/** The form for new slots (/medarbejder/moeder/ny): one, or a series every N minutes between two times on a day. */
export function renderNewSlots(
  ctx: PageContext,
  view: NewSlotsView,
  options: { values: Record<string, string>; errors: FormErrors; selfSubject: string },
): SafeHtml {
  const { t } = ctx;
  const v = options.values;
  const minutes = (n: number) => ({ value: String(n), label: t('meetings.minutes', { count: formatNumber(ctx.locale, n) }) });
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/moeder">${t('meetings.staff.title')}</a></nav>
<h1>${t('meetings.new.title')}</h1>
<p class="font-lead">${t('meetings.new.lead')}</p>
${errorSummary(t, options.errors)}
<form method="post" action="/medarbejder/moeder/ny" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${dateFields(ctx, { name: 'date', legend: t('meetings.new.date'), values: v, error: options.errors.date })}
  ${textField({ name: 'from', label: t('meetings.new.from'), hint: t('meetings.new.timeHint'), value: v.from, error: options.errors.from, maxLength: 5 })}
  ${textField({ name: 'to', label: t('meetings.new.to'), hint: t('meetings.new.toHint'), value: v.to, error: options.errors.to, optional: true, maxLength: 5 })}
  ${selectField({ name: 'interval', label: t('meetings.new.interval'), value: v.interval ?? '30', error: options.errors.interval, choices: seriesIntervals.map(minutes), emptyLabel: t('meetings.new.choose') })}
  ${selectField({ name: 'duration', label: t('meetings.new.duration'), value: v.duration ?? '30', error: options.errors.duration, choices: meetingDurations.map(minutes), emptyLabel: t('meetings.new.choose') })}
  ${radioGroup({ name: 'form', legend: t('meetings.new.form'), value: v.form, error: options.errors.form, choices: meetingForms.map((f) => ({ value: f, label: t(formText[f]) })) })}
  ${selectField({
    name: 'jobcenter',
    label: t('meetings.new.jobcenter'),
    hint: t('meetings.new.jobcenterHint'),
    value: v.jobcenter,
    error: options.errors.jobcenter,
    choices: view.jobcenters.map((j) => ({ value: j.id, label: j.address })),
    emptyLabel: t('meetings.new.choose'),
  })}
  ${textField({ name: 'videoUrl', label: t('meetings.new.videoUrl'), hint: t('meetings.new.videoUrlHint'), value: v.videoUrl, error: options.errors.videoUrl, optional: true, type: 'url', maxLength: 500 })}
  ${selectField({
    name: 'host',
    label: t('meetings.new.host'),
    value: v.host ?? options.selfSubject,
    error: options.errors.host,
    choices: view.hosts.map((h) => ({ value: h.subject, label: h.name })),
    emptyLabel: t('meetings.new.choose'),
  })}
  <button class="button button-primary" type="submit">${t('meetings.new.submit')}</button>
</form>`;
}

/** Booking a free slot for a citizen found by CPR number (/medarbejder/moeder/tider/:slotId/book). */
export function renderBookForCitizen(ctx: PageContext, slot: SlotRow, options: { values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { t } = ctx;
  const v = options.values;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/moeder">${t('meetings.staff.title')}</a></nav>
<h1>${t('meetings.staffBook.title')}</h1>
<p class="font-lead">${period(ctx, slot)} · ${whereText(ctx, slot)} · ${danishText(ctx, slot.host_name)}</p>
${errorSummary(t, options.errors)}
<form method="post" action="/medarbejder/moeder/tider/${slot.id}/book" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(Object.keys(options.errors).length > 0 ? v : undefined)}
  ${textField({ name: 'cpr', label: t('meetings.staffBook.cpr'), hint: t('meetings.staffBook.cprHint'), value: v.cpr, error: options.errors.cpr, maxLength: 11, autocomplete: 'off' })}
  ${textField({ name: 'purpose', label: t('meetings.staffBook.purpose'), hint: t('meetings.staffBook.purposeHint'), value: v.purpose, error: options.errors.purpose, maxLength: 500 })}
  ${textArea({ name: 'topic', label: t('meetings.staffBook.topic'), value: v.topic, error: options.errors.topic, optional: true, maxLength: 500, rows: 3 })}
  <button class="button button-primary" type="submit">${t('meetings.staffBook.submit')}</button>
</form>`;
}

/** A meeting for the caseworker (/medarbejder/moeder/:meetingId): details with the citizen's topic, .ics, cancel, outcome. */
export function renderStaffMeeting(
  ctx: PageContext,
  view: StaffMeetingView,
  options: { saved?: SavedNotice | undefined; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  const m = view.meeting;
  const base = `/medarbejder/moeder/${m.meeting_id}`;
  const v = options.values;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/moeder">${t('meetings.staff.title')}</a></nav>
<h1>${t('meetings.meeting.title', { when: period(ctx, m) })}</h1>
${options.saved ? success(t(savedText[options.saved], { count: '1' })) : ''}
${errorSummary(t, options.errors)}
${meetingFacts(ctx, m, { showTopic: true, citizenName: view.citizen.full_name })}
${m.outcome_note ? html`<p><strong>${t('meetings.outcomeNote')}</strong> <span class="preserve-lines">${danishText(ctx, m.outcome_note)}</span></p>` : ''}
${m.cancelled_at ? '' : html`<p><a href="${base}/kalender.ics" download>${t('meetings.ics')}</a></p>`}
${
  view.canRecordOutcome
    ? html`<section aria-labelledby="outcome-heading" class="mt-6">
<h2 id="outcome-heading">${t('meetings.outcome.heading')}</h2>
<form method="post" action="${base}/udfald" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${radioGroup({ name: 'outcome', legend: t('meetings.outcome'), value: v.outcome ?? m.outcome ?? undefined, error: options.errors.outcome, choices: meetingOutcomes.map((o) => ({ value: o, label: t(outcomeText[o]) })) })}
  ${textArea({ name: 'note', label: t('meetings.outcomeNote'), hint: t('meetings.outcomeNoteHint'), value: v.note ?? m.outcome_note ?? '', error: options.errors.note, optional: true, maxLength: 1000, rows: 3 })}
  <button class="button button-primary" type="submit">${t('meetings.outcome.submit')}</button>
</form></section>`
    : ''
}
${
  view.canCancel
    ? html`<section aria-labelledby="cancel-heading" class="mt-6">
<h2 id="cancel-heading">${t('meetings.cancel.heading')}</h2>
<form method="post" action="${base}/aflys">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('meetings.cancel.submit')}</button></form>
</section>`
    : ''
}`;
}

function meetingsTable(ctx: PageContext, meetings: readonly MeetingRow[], caption: string): SafeHtml {
  const { t } = ctx;
  return html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${caption}</caption>
<thead><tr><th scope="col">${t('meetings.when')}</th><th scope="col">${t('meetings.where')}</th><th scope="col">${t('meetings.host')}</th><th scope="col">${t('meetings.status')}</th></tr></thead>
<tbody>${meetings.map(
    (m) =>
      html`<tr><td><a href="/medarbejder/moeder/${m.meeting_id}">${period(ctx, m)}</a></td><td>${t(formText[m.form])}</td><td>${danishText(ctx, m.host_name)}</td><td>${
        m.cancelled_at
          ? t(m.cancelled_by === 'staff' ? 'meetings.status.cancelledByStaff' : 'meetings.status.cancelled')
          : m.outcome
            ? t(outcomeText[m.outcome])
            : endOf(m) > new Date()
              ? t('meetings.status.booked')
              : t('meetings.status.noOutcome')
      }</td></tr>`,
  )}</tbody></table></div>`;
}

/** A citizen's meetings for the caseworker, opened with a purpose, with the organisation's free slots to book for them. */
export function renderCitizenMeetings(
  ctx: PageContext,
  view: CitizenMeetingsView,
  options: { saved?: SavedNotice | undefined; values: Record<string, string>; errors: FormErrors },
): SafeHtml {
  const { t } = ctx;
  const base = `/medarbejder/borgere/${view.citizen.id}/moeder`;
  return html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/medarbejder/borgere/${view.citizen.id}">${t('meetings.staffCitizen.back')}</a></nav>
<h1>${t('meetings.staffCitizen.title', { name: view.citizen.full_name })}</h1>
${info(t('meetings.staffCitizen.logged', { purpose: readPurposeText(ctx.locale, view.purpose) }))}
${options.saved ? success(t(savedText[options.saved], { count: '1' })) : ''}
${errorSummary(t, options.errors)}
<section aria-labelledby="meetings-heading" class="mt-6">
<h2 id="meetings-heading">${t('meetings.staffCitizen.meetings')}</h2>
${view.meetings.length === 0 ? html`<p>${t('meetings.staffCitizen.none')}</p>` : meetingsTable(ctx, view.meetings, t('meetings.staffCitizen.meetings'))}
</section>
<section aria-labelledby="book-heading" class="mt-6">
<h2 id="book-heading">${t('meetings.staffCitizen.book')}</h2>
${
  view.free.length === 0
    ? html`<p>${t('meetings.staffCitizen.noFree')}</p>`
    : html`<form method="post" action="${base}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(Object.keys(options.errors).length > 0 ? options.values : undefined)}<input type="hidden" name="action" value="book">
  ${slotPicker(ctx, view.free, { legend: t('meetings.book.choose'), value: options.values.slot, error: options.errors.slot })}
  ${textArea({ name: 'topic', label: t('meetings.staffBook.topic'), value: options.values.topic, error: options.errors.topic, optional: true, maxLength: 500, rows: 3 })}
  <button class="button button-primary" type="submit">${t('meetings.staffBook.submit')}</button>
</form>
${pager(ctx, { page: view.page, hasMore: view.hasMore, href: (page) => `${base}?side=${page}#book-heading`, label: t('meetings.book.pages') })}`
}
</section>`;
}

/** The meetings section of the citizen's page for staff (journey's): those ahead and the earlier ones, and the way to book. */
export function renderCitizenMeetingsSection(ctx: PageContext, data: CitizenMeetingsSummary): SafeHtml {
  const { t } = ctx;
  const link = `/medarbejder/borgere/${data.citizenId}/moeder`;
  return html`<section aria-labelledby="citizen-meetings-heading" class="mt-6">
<h2 id="citizen-meetings-heading">${t('meetings.section.title')}</h2>
${data.upcoming.length === 0 ? html`<p>${t('meetings.section.noUpcoming')}</p>` : meetingsTable(ctx, data.upcoming, t('meetings.citizen.upcoming'))}
${data.earlier.length > 0 ? html`<details class="mt-4"><summary>${t('meetings.section.earlier', { count: formatNumber(ctx.locale, data.earlier.length) })}</summary>${meetingsTable(ctx, data.earlier, t('meetings.citizen.earlier'))}</details>` : ''}
<p class="mt-4"><a href="${link}">${t('meetings.section.book')}</a></p>
</section>`;
}

/** The texts of a meeting's calendar file, in the reader's language. */
export function calendarTexts(ctx: Pick<PageContext, 't'>, m: MeetingRow): { summary: string; description: string; phone: string } {
  const { t } = ctx;
  return {
    summary: t('meetings.ics.summary', { organisation: m.organisation_name }),
    description: t('meetings.ics.description', { form: t(formText[m.form]), who: m.host_name }),
    phone: t('meetings.phoneHint'),
  };
}
