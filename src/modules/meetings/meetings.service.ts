// Meetings (issue 18): a jobcenter's caseworkers publish time slots (singly or as a series); a citizen books one of the
// organisation responsible for them, moves it or cancels it until a deadline before it starts, with at most a few
// future meetings at a time; a caseworker can book one for a citizen their organisation is responsible for, cancel it
// and record the outcome afterwards. A slot is booked once: the database's unique index on booked meetings decides
// between two bookings at the same time. Booking, moving and cancelling notify the other side; a daily job reminds the
// citizen the day before. The citizen's side runs as the citizen (app.citizen), the caseworker's as their organisation
// (app.organisation), and row-level security decides what is seen.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, formOnce } from '../../platform/http/form-token.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { calendarDate, copenhagenDate, copenhagenMoment, copenhagenWallClock } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import {
  listStaffMembers,
  purposeForCitizen,
  purposeOrAsk,
  recordCitizenAccess,
  type CitizenRow,
  type ReadPurpose,
  type StaffMember,
} from '../identity/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { notify } from '../notifications/index.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { meetingCalendar } from './meetings.calendar.ts';
import { meetingsPolicy } from './meetings.policy.ts';
import {
  cancelMeeting,
  countFutureMeetings,
  insertMeeting,
  insertSlots,
  lockCitizenBookings,
  moveMeeting,
  selectCitizenByCpr,
  selectCitizenMeetings,
  selectCitizenOrganisation,
  selectFreeSlots,
  selectMeeting,
  selectRemindersDue,
  selectSlot,
  selectStaffSlots,
  updateOutcome,
  type MeetingRow,
  type SlotRow,
  type StaffSlotRow,
} from './meetings.repository.ts';
import { bookSchema, moveSchema, outcomeSchema, slotSchema, staffBookByCprSchema, staffBookForCitizenSchema } from './meetings.schemas.ts';

/** A citizen books, moves and cancels until this many hours before the meeting starts (shown on the pages). */
export const CHANGE_DEADLINE_HOURS = 24;
/** The most meetings a citizen may have booked ahead at a time. */
export const MAX_FUTURE_MEETINGS = 3;
/** How far ahead a citizen sees free slots. */
export const BOOKING_WEEKS = 6;
/** Free slots on one page. */
export const FREE_SLOTS_PER_PAGE = 20;
/** Slots on one page of the caseworker's overview. */
export const STAFF_SLOTS_PER_PAGE = 40;
/** Meetings a citizen's list shows at most. */
const LISTED = 100;
/** The access log's data category for staff's reads and changes of a citizen's meetings: the journey's. */
const DATA_CATEGORY = 'journey';
/**
 * The purpose written to the citizen's Min Log when a caseworker opens one of the meetings on their organisation's slots
 * without a purpose for the citizen in this working session (the session's purpose when there is one).
 */
const MEETING_PURPOSE = 'Forberede eller afholde et booket møde med borgeren';

const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Shared

/** The signed-in citizen's id; FORBIDDEN for anyone else. */
function ownCitizenId(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !meetingsPolicy.can(actor, 'meetings.citizen.own', { citizenId }))
    throw new AppError('FORBIDDEN', 'Only the citizen books their meetings.');
  return citizenId;
}

/** The jobcenter organisation a caseworker acts for; FORBIDDEN for anyone else. */
function staffOrganisation(actor: Principal): { id: string; municipalityCode: string } {
  meetingsPolicy.authorize(actor, 'meetings.staff.work');
  const id = actor.organisation?.id;
  const municipalityCode = actor.municipality?.code ?? id?.replace(/^kommune-/, '');
  if (!id || !municipalityCode) throw new AppError('FORBIDDEN');
  return { id, municipalityCode };
}

/** Whether a citizen may still book, move or cancel a meeting starting at `startsAt`. */
export function beforeDeadline(startsAt: Date, now: Date = new Date()): boolean {
  return startsAt.getTime() - now.getTime() >= CHANGE_DEADLINE_HOURS * HOUR;
}

const deadlineRefusal = (field: string) =>
  new AppError('VALIDATION', 'Too close to the meeting: change it by contacting the jobcenter.', [
    { field, message: 'meetings.error.deadline', params: { hours: CHANGE_DEADLINE_HOURS } },
  ]);
const takenRefusal = (field: string) => new AppError('VALIDATION', 'Someone else booked that time a moment ago.', [{ field, message: 'meetings.error.taken' }]);
const noSuchSlot = (field: string) => new AppError('VALIDATION', 'There is no such free time.', [{ field, message: 'meetings.error.chooseSlot' }]);

/** "3. december 2026 kl. 10.00" — the moment as a notification's {when} (Danish: the texts are sent in Danish). */
const whenText = (moment: Date) => formatDateTime('da', moment);

// ---------------------------------------------------------------------------------------------------------------
// The citizen's side

export type OwnMeetingsView = {
  upcoming: MeetingRow[];
  /** Held, past and cancelled meetings, the latest first. */
  earlier: MeetingRow[];
  free: SlotRow[];
  page: number;
  hasMore: boolean;
  /** Whether the citizen may book another (fewer than MAX_FUTURE_MEETINGS ahead). */
  canBook: boolean;
};

const isUpcoming = (m: MeetingRow, now: Date) => m.cancelled_at === null && m.starts_at.getTime() + m.duration_minutes * 60_000 > now.getTime();

/** Free slots of the organisation responsible for the citizen that they may still book: a page of them, and whether more follow. */
async function freeSlotsFor(trx: Trx, citizenId: string, page: number, now: Date): Promise<{ free: SlotRow[]; hasMore: boolean }> {
  const organisationId = await selectCitizenOrganisation(trx, citizenId);
  if (!organisationId) return { free: [], hasMore: false };
  const rows = await selectFreeSlots(trx, {
    organisationId,
    from: new Date(now.getTime() + CHANGE_DEADLINE_HOURS * HOUR),
    to: new Date(now.getTime() + BOOKING_WEEKS * 7 * 24 * HOUR),
    limit: FREE_SLOTS_PER_PAGE + 1,
    offset: (page - 1) * FREE_SLOTS_PER_PAGE,
  });
  return { free: rows.slice(0, FREE_SLOTS_PER_PAGE), hasMore: rows.length > FREE_SLOTS_PER_PAGE };
}

/** The signed-in citizen's meetings (ahead, and earlier) and a page of the free slots they can book. */
export async function listOwnMeetings(db: Db, actor: Principal, options: { page?: number | undefined } = {}): Promise<OwnMeetingsView> {
  const citizenId = ownCitizenId(actor);
  const page = options.page ?? 1;
  const now = new Date();
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const meetings = await selectCitizenMeetings(trx, citizenId, LISTED);
    const upcoming = meetings.filter((m) => isUpcoming(m, now)).reverse();
    const earlier = meetings.filter((m) => !isUpcoming(m, now));
    const { free, hasMore } = await freeSlotsFor(trx, citizenId, page, now);
    const ahead = upcoming.filter((m) => m.starts_at > now).length;
    return { upcoming, earlier, free, page, hasMore, canBook: ahead < MAX_FUTURE_MEETINGS };
  });
}

/**
 * Books a free slot for the signed-in citizen, with what they want to talk about; once per form (its one-time token).
 * VALIDATION on `slot`: none chosen, one they cannot book, taken (also when another citizen's booking won a moment
 * ago), within the deadline, or MAX_FUTURE_MEETINGS ahead already. Notifies the caseworker who holds the slot.
 */
export async function bookMeeting(db: Db, actor: Principal, input: unknown): Promise<string> {
  const citizenId = ownCitizenId(actor);
  const value = parseInput(bookSchema, input);
  const now = new Date();
  const created = await withTenant(db, { citizen: citizenId }, (trx) =>
    createOnce(trx, formOnce(input, 'meetings.book', actor.subject), async (inner) => {
      await lockCitizenBookings(inner, citizenId);
      const slot = await selectSlot(inner, value.slot);
      if (!slot || slot.organisation_id !== (await selectCitizenOrganisation(inner, citizenId))) throw noSuchSlot('slot');
      if (slot.taken) throw takenRefusal('slot');
      if (!beforeDeadline(slot.starts_at, now)) throw deadlineRefusal('slot');
      if ((await countFutureMeetings(inner, citizenId, now)) >= MAX_FUTURE_MEETINGS)
        throw new AppError('VALIDATION', 'Too many meetings ahead.', [
          { field: 'slot', message: 'meetings.error.tooManyMeetings', params: { count: MAX_FUTURE_MEETINGS } },
        ]);
      const id = await insertMeeting(inner, {
        slot_id: slot.id,
        citizen_id: citizenId,
        municipality_code: actor.municipality?.code ?? slot.municipality_code,
        organisation_id: slot.organisation_id,
        organisation_name: await employmentServiceName(inner, slot.municipality_code),
        booked_by: 'citizen',
        topic: value.topic,
      });
      if (!id) throw takenRefusal('slot');
      await notify(inner, {
        recipient: { staffSubject: slot.host_subject, organisationId: slot.organisation_id },
        kind: 'meeting',
        link: `/medarbejder/moeder/${id}`,
        params: { when: whenText(slot.starts_at) },
      });
      return id;
    }),
  );
  return created.id;
}

export type OwnMeetingView = {
  meeting: MeetingRow;
  /** Whether the citizen may still move or cancel it (not cancelled, before the deadline). */
  canChange: boolean;
  free: SlotRow[];
  page: number;
  hasMore: boolean;
};

/** One of the signed-in citizen's meetings, with the free slots it could move to. NOT_FOUND for anyone else's. */
export async function getOwnMeeting(db: Db, actor: Principal, meetingId: string, options: { page?: number | undefined } = {}): Promise<OwnMeetingView> {
  const citizenId = ownCitizenId(actor);
  const page = options.page ?? 1;
  const now = new Date();
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId);
    if (!meeting || meeting.citizen_id !== citizenId) throw new AppError('NOT_FOUND', 'There is no such meeting.');
    const canChange = meeting.cancelled_at === null && beforeDeadline(meeting.starts_at, now);
    const { free, hasMore } = canChange ? await freeSlotsFor(trx, citizenId, page, now) : { free: [], hasMore: false };
    return { meeting, canChange, free, page, hasMore };
  });
}

/**
 * Moves one of the citizen's meetings to another free slot in one transaction (the old slot is freed as the new one is
 * taken). VALIDATION on `slot`: none chosen, one they cannot book, taken, or either time within the deadline;
 * NOT_FOUND for anyone else's meeting. Notifies the caseworkers of both slots.
 */
export async function moveOwnMeeting(db: Db, actor: Principal, meetingId: string, input: unknown): Promise<void> {
  const citizenId = ownCitizenId(actor);
  const value = parseInput(moveSchema, input);
  const now = new Date();
  await withTenant(db, { citizen: citizenId }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId, { forUpdate: true });
    if (!meeting || meeting.citizen_id !== citizenId || meeting.cancelled_at) throw new AppError('NOT_FOUND', 'There is no such meeting.');
    if (!beforeDeadline(meeting.starts_at, now)) throw deadlineRefusal('slot');
    if (value.slot === meeting.slot_id) return;
    const slot = await selectSlot(trx, value.slot);
    if (!slot || slot.organisation_id !== meeting.organisation_id || slot.organisation_id !== (await selectCitizenOrganisation(trx, citizenId)))
      throw noSuchSlot('slot');
    if (slot.taken) throw takenRefusal('slot');
    if (!beforeDeadline(slot.starts_at, now)) throw deadlineRefusal('slot');
    if (!(await moveMeeting(trx, meetingId, slot.id))) throw takenRefusal('slot');
    const link = `/medarbejder/moeder/${meetingId}`;
    await notify(trx, {
      recipient: { staffSubject: meeting.host_subject, organisationId: meeting.organisation_id },
      kind: 'meeting',
      link,
      params: { when: whenText(slot.starts_at) },
    });
    if (slot.host_subject !== meeting.host_subject)
      await notify(trx, {
        recipient: { staffSubject: slot.host_subject, organisationId: slot.organisation_id },
        kind: 'meeting',
        link,
        params: { when: whenText(slot.starts_at) },
      });
  });
}

/**
 * Cancels one of the citizen's meetings, which frees its slot. VALIDATION within the deadline; NOT_FOUND for anyone
 * else's meeting or one already cancelled. Notifies the caseworker who holds it.
 */
export async function cancelOwnMeeting(db: Db, actor: Principal, meetingId: string): Promise<void> {
  const citizenId = ownCitizenId(actor);
  const now = new Date();
  await withTenant(db, { citizen: citizenId }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId, { forUpdate: true });
    if (!meeting || meeting.citizen_id !== citizenId || meeting.cancelled_at) throw new AppError('NOT_FOUND', 'There is no such meeting.');
    if (!beforeDeadline(meeting.starts_at, now)) throw deadlineRefusal('meeting');
    await cancelMeeting(trx, meetingId, 'citizen');
    await notify(trx, {
      recipient: { staffSubject: meeting.host_subject, organisationId: meeting.organisation_id },
      kind: 'meeting',
      link: `/medarbejder/moeder/${meetingId}`,
      params: { when: whenText(meeting.starts_at) },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar files

export type CalendarTexts = { summary: string; description: string; phone: string };

/** Where a meeting is, as a calendar's LOCATION: the address, "by phone", or the video link. */
function locationOf(meeting: MeetingRow, texts: CalendarTexts): string {
  if (meeting.form === 'in_person') return meeting.address ?? '';
  if (meeting.form === 'video') return meeting.video_url ?? '';
  return texts.phone;
}

async function organiserEmail(db: Db, municipalityCode: string): Promise<string | undefined> {
  const { jobcenters } = await getMunicipality(db, municipalityCode).catch(() => ({ jobcenters: [] }));
  return jobcenters.find((j) => j.email)?.email ?? undefined;
}

function calendarOf(meeting: MeetingRow, texts: CalendarTexts, host: string, email: string | undefined): string {
  return meetingCalendar({
    id: meeting.meeting_id,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    summary: texts.summary,
    description: texts.description,
    location: locationOf(meeting, texts),
    url: meeting.form === 'video' ? (meeting.video_url ?? undefined) : undefined,
    organiser: { name: `${meeting.host_name}, ${meeting.organisation_name}`, email },
    cancelled: meeting.cancelled_at !== null,
    host,
  });
}

/** One of the signed-in citizen's meetings as an .ics file's text; NOT_FOUND for anyone else's. */
export async function ownMeetingCalendar(db: Db, actor: Principal, meetingId: string, texts: (m: MeetingRow) => CalendarTexts, host: string): Promise<string> {
  const { meeting } = await getOwnMeeting(db, actor, meetingId);
  return calendarOf(meeting, texts(meeting), host, await organiserEmail(db, meeting.municipality_code));
}

// ---------------------------------------------------------------------------------------------------------------
// The caseworker's side

export type StaffMeetingsView = {
  slots: StaffSlotRow[];
  page: number;
  hasMore: boolean;
  /** Everyone's slots in the organisation, or only the caseworker's own. */
  all: boolean;
  canPublish: boolean;
};

/** The caseworker's slots (or everyone's in their organisation) from today on, with the meetings booked, a page at a time. */
export async function listStaffMeetings(
  db: Db,
  actor: Principal,
  options: { page?: number | undefined; all?: boolean | undefined } = {},
): Promise<StaffMeetingsView> {
  const organisation = staffOrganisation(actor);
  const page = options.page ?? 1;
  const all = options.all ?? false;
  const today = copenhagenDate();
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const from = copenhagenMoment({ year, month, day, hour: 0, minute: 0 }) ?? new Date();
  return withTenant(db, { organisation: organisation.id }, async (trx) => {
    const rows = await selectStaffSlots(trx, {
      from,
      hostSubject: all ? undefined : actor.subject,
      limit: STAFF_SLOTS_PER_PAGE + 1,
      offset: (page - 1) * STAFF_SLOTS_PER_PAGE,
    });
    return {
      slots: rows.slice(0, STAFF_SLOTS_PER_PAGE),
      page,
      hasMore: rows.length > STAFF_SLOTS_PER_PAGE,
      all,
      canPublish: meetingsPolicy.can(actor, 'meetings.slot.publish'),
    };
  });
}

export type NewSlotsView = {
  jobcenters: { id: string; name: string; address: string }[];
  /** Who can hold the slots: the organisation's caseworkers (the actor first if not among them). */
  hosts: StaffMember[];
};

const addressOf = (j: { name: string; street: string | null; postal_code: string | null; city: string | null }) =>
  [j.name, j.street, [j.postal_code, j.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** What the form for new slots offers: the municipality's jobcenters (addresses) and the caseworkers who can hold them. */
export async function newSlotsForm(db: Db, actor: Principal): Promise<NewSlotsView> {
  meetingsPolicy.authorize(actor, 'meetings.slot.publish');
  const organisation = staffOrganisation(actor);
  const { jobcenters } = await getMunicipality(db, organisation.municipalityCode);
  const staff = await listStaffMembers(db, actor, { role: 'caseworker' });
  const hosts = staff.some((s) => s.subject === actor.subject) ? staff : [{ subject: actor.subject, name: actor.name, roles: actor.roles }, ...staff];
  return { jobcenters: jobcenters.map((j) => ({ id: j.id, name: j.name, address: addressOf(j) })), hosts };
}

/**
 * Publishes one slot or a series for the caseworker's organisation, held by the caseworker or a colleague (default:
 * themselves); starts they hold already are skipped. VALIDATION names each field (day, times, length, form, jobcenter,
 * video link, holder; a start in the past). Returns how many slots were made.
 */
export async function publishSlots(db: Db, actor: Principal, input: unknown): Promise<number> {
  meetingsPolicy.authorize(actor, 'meetings.slot.publish');
  const organisation = staffOrganisation(actor);
  const value = parseInput(slotSchema, input);
  const now = new Date();
  if (value.starts.some((start) => start <= now))
    throw new AppError('VALIDATION', 'A slot starts in the past.', [{ field: 'from', message: 'meetings.error.past' }]);
  const form = await newSlotsForm(db, actor);
  const host = value.host ? form.hosts.find((h) => h.subject === value.host) : { subject: actor.subject, name: actor.name };
  if (!host) throw new AppError('VALIDATION', 'No such caseworker.', [{ field: 'host', message: 'validation.choice' }]);
  const jobcenter = value.jobcenterId ? form.jobcenters.find((j) => j.id === value.jobcenterId) : undefined;
  if (value.form === 'in_person' && !jobcenter)
    throw new AppError('VALIDATION', 'No such jobcenter.', [{ field: 'jobcenter', message: 'meetings.error.jobcenter' }]);
  return withTenant(db, { organisation: organisation.id }, (trx) =>
    insertSlots(
      trx,
      value.starts.map((starts_at) => ({
        organisation_id: organisation.id,
        municipality_code: organisation.municipalityCode,
        starts_at,
        duration_minutes: value.duration,
        form: value.form,
        address: value.form === 'in_person' ? (jobcenter?.address ?? null) : null,
        video_url: value.form === 'video' ? value.videoUrl : null,
        host_subject: host.subject,
        host_name: host.name,
        created_by_subject: actor.subject,
      })),
    ),
  );
}

/** A free slot of the caseworker's organisation, to book for a citizen. NOT_FOUND for another's, a taken or a past one. */
export async function getFreeSlot(db: Db, actor: Principal, slotId: string): Promise<SlotRow> {
  const organisation = staffOrganisation(actor);
  const slot = await withTenant(db, { organisation: organisation.id }, (trx) => selectSlot(trx, slotId));
  if (!slot || slot.taken || slot.starts_at <= new Date()) throw new AppError('NOT_FOUND', 'There is no such free time.');
  return slot;
}

/** Books `slotId` for a citizen inside the caseworker's transaction, logged as a change with the purpose; notifies the citizen. */
async function bookForCitizenIn(trx: Trx, actor: Principal, citizen: CitizenRow, slotId: string, topic: string | null, field: string): Promise<string> {
  const slot = await selectSlot(trx, slotId);
  if (!slot || slot.starts_at <= new Date()) throw noSuchSlot(field);
  if (slot.taken) throw takenRefusal(field);
  const id = await insertMeeting(trx, {
    slot_id: slot.id,
    citizen_id: citizen.id,
    municipality_code: citizen.municipality_code,
    organisation_id: slot.organisation_id,
    organisation_name: await employmentServiceName(trx, slot.municipality_code),
    booked_by: 'staff',
    booked_by_subject: actor.subject,
    topic,
  });
  if (!id) throw takenRefusal(field);
  await notify(trx, { recipient: { citizenId: citizen.id }, kind: 'meeting', link: `/borger/moeder/${id}`, params: { when: whenText(slot.starts_at) } });
  return id;
}

/**
 * Books a free slot for the citizen with this CPR number, whom the caseworker's organisation is responsible for, with
 * the purpose written to the citizen's Min Log; once per form. VALIDATION: CPR or purpose missing or malformed, no such
 * citizen (on `cpr`), the slot taken meanwhile; FORBIDDEN for a citizen another organisation now helps.
 */
export async function bookForCitizenByCpr(db: Db, actor: Principal, slotId: string, input: unknown): Promise<string> {
  const organisation = staffOrganisation(actor);
  const value = parseInput(staffBookByCprSchema, input);
  const created = await withTenant(db, { organisation: organisation.id }, (trx) =>
    createOnce(trx, formOnce(input, 'meetings.staff-book', actor.subject), async (inner) => {
      const found = await selectCitizenByCpr(inner, value.cpr);
      if (!found) throw new AppError('VALIDATION', 'No such citizen.', [{ field: 'cpr', message: 'meetings.error.cprNotFound' }]);
      const purpose = await purposeOrAsk(inner, actor, found.id, { purpose: value.purpose });
      const citizen = await recordCitizenAccess(inner, actor, found.id, { action: 'change', dataCategory: DATA_CATEGORY, ...purpose });
      return bookForCitizenIn(inner, actor, citizen, slotId, value.topic, 'cpr');
    }),
  );
  return created.id;
}

export type CitizenMeetingsView = {
  citizen: CitizenRow;
  purpose: ReadPurpose;
  meetings: MeetingRow[];
  free: SlotRow[];
  page: number;
  hasMore: boolean;
};

/** The organisation's free slots from now on (for a caseworker booking for a citizen), a page at a time. */
async function staffFreeSlots(trx: Trx, organisationId: string, page: number): Promise<{ free: SlotRow[]; hasMore: boolean }> {
  const now = new Date();
  const rows = await selectFreeSlots(trx, {
    organisationId,
    from: now,
    to: new Date(now.getTime() + BOOKING_WEEKS * 7 * 24 * HOUR),
    limit: FREE_SLOTS_PER_PAGE + 1,
    offset: (page - 1) * FREE_SLOTS_PER_PAGE,
  });
  return { free: rows.slice(0, FREE_SLOTS_PER_PAGE), hasMore: rows.length > FREE_SLOTS_PER_PAGE };
}

/**
 * A citizen's meetings with the caseworker's organisation and its free slots to book for them, for the purpose typed
 * now or the working session's (identity's purpose sessions), written to the citizen's Min Log with the read.
 * VALIDATION on `purpose` without either (nothing read: the page asks); NOT_FOUND for a citizen the organisation never
 * was responsible for.
 */
export async function openCitizenMeetings(
  db: Db,
  actor: Principal,
  citizenId: string,
  input: { purpose?: unknown; page?: number | undefined },
): Promise<CitizenMeetingsView> {
  const organisation = staffOrganisation(actor);
  const page = input.page ?? 1;
  return withTenant(db, { organisation: organisation.id }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, { purpose: input.purpose });
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { dataCategory: DATA_CATEGORY, ...purpose });
    const meetings = await selectCitizenMeetings(trx, citizen.id, LISTED);
    const { free, hasMore } = await staffFreeSlots(trx, organisation.id, page);
    return { citizen, purpose, meetings, free, page, hasMore };
  });
}

/**
 * Books a free slot for the citizen whose page the caseworker has open, logged as a change with the working session's
 * purpose (or one typed now); once per form. VALIDATION: no slot chosen or taken meanwhile; NOT_FOUND / FORBIDDEN as `openCitizenMeetings`.
 */
export async function bookForCitizen(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<string> {
  const organisation = staffOrganisation(actor);
  const value = parseInput(staffBookForCitizenSchema, input);
  const created = await withTenant(db, { organisation: organisation.id }, (trx) =>
    createOnce(trx, formOnce(input, 'meetings.staff-book', actor.subject), async (inner) => {
      const purpose = await purposeOrAsk(inner, actor, citizenId, { purpose: value.purpose });
      const citizen = await recordCitizenAccess(inner, actor, citizenId, { action: 'change', dataCategory: DATA_CATEGORY, ...purpose });
      return bookForCitizenIn(inner, actor, citizen, value.slot, value.topic, 'slot');
    }),
  );
  return created.id;
}

export type StaffMeetingView = {
  meeting: MeetingRow;
  citizen: CitizenRow;
  canCancel: boolean;
  /** Whether the outcome can be recorded (the meeting has started and is not cancelled). */
  canRecordOutcome: boolean;
};

/** One meeting on the organisation's slots, for the caseworker (the read is in the citizen's Min Log). NOT_FOUND otherwise. */
export async function getStaffMeeting(db: Db, actor: Principal, meetingId: string): Promise<StaffMeetingView> {
  const organisation = staffOrganisation(actor);
  const now = new Date();
  return withTenant(db, { organisation: organisation.id }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId);
    if (!meeting) throw new AppError('NOT_FOUND', 'There is no such meeting.');
    const purpose = (await purposeForCitizen(trx, actor, meeting.citizen_id)) ?? { purpose: MEETING_PURPOSE };
    const citizen = await recordCitizenAccess(trx, actor, meeting.citizen_id, { dataCategory: DATA_CATEGORY, ...purpose });
    return {
      meeting,
      citizen,
      canCancel: meeting.cancelled_at === null && meeting.starts_at > now,
      canRecordOutcome: meeting.cancelled_at === null && meeting.starts_at <= now,
    };
  });
}

/** Cancels a meeting on the organisation's slots before it starts (which frees the slot) and notifies the citizen. NOT_FOUND otherwise. */
export async function cancelStaffMeeting(db: Db, actor: Principal, meetingId: string): Promise<void> {
  const organisation = staffOrganisation(actor);
  await withTenant(db, { organisation: organisation.id }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId, { forUpdate: true });
    if (!meeting || meeting.cancelled_at || meeting.starts_at <= new Date()) throw new AppError('NOT_FOUND', 'There is no such meeting to cancel.');
    await cancelMeeting(trx, meetingId, 'staff');
    await notify(trx, {
      recipient: { citizenId: meeting.citizen_id },
      kind: 'meeting',
      link: `/borger/moeder/${meetingId}`,
      params: { when: whenText(meeting.starts_at) },
    });
  });
}

/**
 * Records what became of a meeting (held or not, and a short note), once it has started; a second time corrects it.
 * VALIDATION: no outcome, a note over 1,000 characters, or a meeting not yet started (on `outcome`); NOT_FOUND for a
 * meeting not on the organisation's slots or cancelled.
 */
export async function recordMeetingOutcome(db: Db, actor: Principal, meetingId: string, input: unknown): Promise<void> {
  const organisation = staffOrganisation(actor);
  const value = parseInput(outcomeSchema, input);
  await withTenant(db, { organisation: organisation.id }, async (trx) => {
    const meeting = await selectMeeting(trx, meetingId, { forUpdate: true });
    if (!meeting || meeting.cancelled_at) throw new AppError('NOT_FOUND', 'There is no such meeting.');
    if (meeting.starts_at > new Date())
      throw new AppError('VALIDATION', 'The meeting has not started.', [{ field: 'outcome', message: 'meetings.error.notStarted' }]);
    await updateOutcome(trx, meetingId, { ...value, subject: actor.subject });
  });
}

/** A meeting on the organisation's slots as an .ics file's text; NOT_FOUND otherwise. */
export async function staffMeetingCalendar(
  db: Db,
  actor: Principal,
  meetingId: string,
  texts: (m: MeetingRow) => CalendarTexts,
  host: string,
): Promise<string> {
  const organisation = staffOrganisation(actor);
  const meeting = await withTenant(db, { organisation: organisation.id }, (trx) => selectMeeting(trx, meetingId));
  if (!meeting) throw new AppError('NOT_FOUND', 'There is no such meeting.');
  return calendarOf(meeting, texts(meeting), host, await organiserEmail(db, meeting.municipality_code));
}

export type CitizenMeetingsSummary = { citizenId: string; upcoming: MeetingRow[]; earlier: MeetingRow[] };

/**
 * For the citizen's page for staff (journey's): the citizen's meetings with the caseworker's organisation, those ahead
 * and the earlier ones. The page that calls it has asked the purpose and logged the read. NOT_FOUND/FORBIDDEN as the
 * other staff functions; a citizen the organisation does not know has no meetings it can see (empty lists).
 */
export async function citizenMeetingsSummary(db: Db, actor: Principal, citizenId: string): Promise<CitizenMeetingsSummary> {
  const organisation = staffOrganisation(actor);
  const now = new Date();
  const meetings = await withTenant(db, { organisation: organisation.id }, (trx) => selectCitizenMeetings(trx, citizenId, LISTED));
  return {
    citizenId,
    upcoming: meetings.filter((m) => isUpcoming(m, now)).reverse(),
    earlier: meetings.filter((m) => !isUpcoming(m, now)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders

/**
 * Reminds each citizen of their meetings tomorrow (Copenhagen's calendar day after `now`'s) through notifications,
 * kind 'meeting-reminder', once per meeting and start time (a dedupe key: running twice reminds once; a meeting moved
 * to another day tomorrow is reminded again). Returns how many meetings it looked at.
 */
export async function remindTomorrowsMeetings(db: Db, now: Date = new Date()): Promise<number> {
  const clock = copenhagenWallClock(now);
  const tomorrow = calendarDate(clock.year, clock.month, clock.day + 1) ?? calendarDate(clock.year, clock.month + 1, 1) ?? calendarDate(clock.year + 1, 1, 1);
  if (!tomorrow) return 0;
  const [y, m, d] = tomorrow.split('-').map(Number) as [number, number, number];
  const from = copenhagenMoment({ year: y, month: m, day: d, hour: 0, minute: 0 });
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const to = copenhagenMoment({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 });
  if (!from || !to) return 0;
  const due = await selectRemindersDue(db, from, to);
  for (const meeting of due) {
    await withTenant(db, { citizen: meeting.citizen_id }, (trx) =>
      notify(trx, {
        recipient: { citizenId: meeting.citizen_id },
        kind: 'meeting-reminder',
        link: `/borger/moeder/${meeting.meeting_id}`,
        params: { when: whenText(meeting.starts_at) },
        dedupeKey: `meeting-reminder:${meeting.meeting_id}:${meeting.starts_at.toISOString()}`,
      }),
    );
  }
  return due.length;
}
