// Notifications (issue 18): one centre for citizens and staff. Any module records one with `notify` in its own
// transaction (notify_create is SECURITY DEFINER, so a caseworker's transaction may notify a citizen and a citizen's
// the organisation's team); e-mail and SMS follow as delivery rows the delivery job sends per the person's preferences
// read at delivery time. The text is chosen by kind and never carries the content it is about.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type TenantScope, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { formatDateTime, translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.ts';
import { parseInput } from '../../platform/validation.ts';
import { devSmsPolicy, notificationsPolicy, type DevSmsInstallation } from './notifications.policy.ts';
import {
  claimDelivery,
  countUnread,
  deleteDevSms,
  finishDelivery,
  insertNotification,
  markAllRead,
  markRead,
  selectDevSms,
  selectDueDeliveries,
  selectNotifications,
  selectPreference,
  selectPreferenceBySecret,
  updateEmailKindsBySecret,
  upsertPreference,
  type ClaimedDelivery,
  type DevSmsRow,
  type NotificationRow,
  type Owner,
  type Person,
  type PreferenceRow,
} from './notifications.repository.ts';
import { preferencesSchema } from './notifications.schemas.ts';
import type { SmsSender } from './notifications.sms.ts';
import { notificationKinds, type DeliveryChannel, type NotificationChannel, type NotificationKind } from './notifications.tables.ts';

export type NotificationRecipient = { citizenId: string } | { staffSubject: string; organisationId: string } | { team: string };

export type NotifyInput = {
  recipient: NotificationRecipient;
  kind: NotificationKind;
  /** A path on the platform (starts with '/'). */
  link: string;
  params?: Record<string, string | number>;
  dedupeKey?: string;
  /** Limits delivery (e.g. ['app'] when the caller mails itself); all three unless said. */
  channels?: NotificationChannel[];
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * In the caller's transaction (any tenant scope), records one notification for the recipient; e-mail/SMS follow as a
 * durable job per the recipient's preferences (a team gets the app only). A second call with the same dedupeKey does
 * nothing. VALIDATION for a link that is not a path on the platform, an unknown kind or a malformed recipient.
 */
export async function notify(trx: Trx, input: NotifyInput): Promise<void> {
  const { recipient, kind, link } = input;
  if (!(notificationKinds as readonly string[]).includes(kind)) throw new AppError('VALIDATION', `There is no notification kind ${JSON.stringify(kind)}.`);
  if (!link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\') || link.length > 500)
    throw new AppError('VALIDATION', 'A notification links to a path on the platform.');
  const params = input.params ?? {};
  for (const value of Object.values(params))
    if (typeof value === 'string' && value.length > 200)
      throw new AppError('VALIDATION', 'A notification’s parameters are short: its text never carries content.');
  const channels = (input.channels ?? ['app', 'email', 'sms']).filter((c): c is DeliveryChannel => c === 'email' || c === 'sms');
  const common = { kind, link, params, dedupeKey: input.dedupeKey ?? null };
  if ('citizenId' in recipient) {
    if (!uuidPattern.test(recipient.citizenId)) throw new AppError('VALIDATION', 'A citizen is named by their id.');
    await insertNotification(trx, { ...common, recipient: 'citizen', citizenId: recipient.citizenId, organisationId: null, staffSubject: null, channels });
  } else if ('staffSubject' in recipient) {
    await insertNotification(trx, {
      ...common,
      recipient: 'staff',
      citizenId: null,
      organisationId: recipient.organisationId,
      staffSubject: recipient.staffSubject,
      channels,
    });
  } else {
    await insertNotification(trx, { ...common, recipient: 'team', citizenId: null, organisationId: recipient.team, staffSubject: null, channels: [] });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Texts: chosen by kind, filled with the notification's parameters, never its content.

const kindNames = {
  message: 'notifications.kind.message',
  answer: 'notifications.kind.answer',
  meeting: 'notifications.kind.meeting',
  'meeting-reminder': 'notifications.kind.meeting-reminder',
  suggestion: 'notifications.kind.suggestion',
  recommendation: 'notifications.kind.recommendation',
  'job-agent': 'notifications.kind.job-agent',
} as const satisfies Record<NotificationKind, MessageKey>;

const kindTitles = {
  message: 'notifications.title.message',
  answer: 'notifications.title.answer',
  meeting: 'notifications.title.meeting',
  'meeting-reminder': 'notifications.title.meeting-reminder',
  suggestion: 'notifications.title.suggestion',
  recommendation: 'notifications.title.recommendation',
  'job-agent': 'notifications.title.job-agent',
} as const satisfies Record<NotificationKind, MessageKey>;

const kindTexts = {
  message: 'notifications.text.message',
  answer: 'notifications.text.answer',
  meeting: 'notifications.text.meeting',
  'meeting-reminder': 'notifications.text.meeting-reminder',
  suggestion: 'notifications.text.suggestion',
  recommendation: 'notifications.text.recommendation',
  'job-agent': 'notifications.text.job-agent',
} as const satisfies Record<NotificationKind, MessageKey>;

/** What a kind is called in the preferences and the unsubscribe page ("Nye beskeder"). */
export function kindName(locale: Locale, kind: NotificationKind): string {
  return translate(locale, kindNames[kind]);
}

/** A notification's short title ("Ny besked"): a mail's subject. */
export function notificationTitle(locale: Locale, kind: NotificationKind): string {
  return translate(locale, kindTitles[kind]);
}

const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A notification's sentence ("Du har en ny besked i Jobunivers."), its parameters filled in, and a `when` on its own
 * line after it (an ISO timestamp formatted for the reader); the kind's title when the sentence wants a parameter the notification does not have.
 */
export function notificationText(locale: Locale, kind: NotificationKind, params: Record<string, string | number>): string {
  const filled = translate(locale, kindTexts[kind], params);
  const sentence = /\{\w+\}/.test(filled) ? `${notificationTitle(locale, kind)}.` : filled;
  if (params.when === undefined) return sentence;
  // A moment given as an ISO timestamp is shown in the reader's language and in Copenhagen time; other text as it is.
  const when =
    typeof params.when === 'string' && isoMoment.test(params.when) && !Number.isNaN(Date.parse(params.when))
      ? formatDateTime(locale, new Date(params.when))
      : params.when;
  return `${sentence} ${translate(locale, 'notifications.when', { when })}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The centre

/** Kinds a citizen can be told of, and kinds staff can (their own messages and meetings). */
export const citizenKinds: readonly NotificationKind[] = notificationKinds;
export const staffKinds: readonly NotificationKind[] = ['message', 'meeting', 'meeting-reminder'];
/** Until the person chooses: e-mail (once an address is given) about these … */
export const DEFAULT_EMAIL_KINDS: readonly NotificationKind[] = ['message', 'answer', 'meeting', 'meeting-reminder', 'suggestion'];
/** … and SMS (once a number is given) about these. */
export const DEFAULT_SMS_KINDS: readonly NotificationKind[] = ['message', 'answer', 'meeting-reminder'];

/** Whose centre the actor sees; FORBIDDEN for anyone but a citizen or staff signed in for an organisation. */
function ownerOf(actor: Principal): Owner {
  const citizenId = actor.citizenId;
  if (citizenId && notificationsPolicy.can(actor, 'notifications.own.citizen', { citizenId })) return { citizenId };
  const organisationId = actor.organisation?.id;
  if (organisationId && notificationsPolicy.can(actor, 'notifications.own.staff'))
    return { organisationId, subject: actor.subject, team: notificationsPolicy.can(actor, 'notifications.team') };
  throw new AppError('FORBIDDEN', 'Only citizens and staff have a notification centre.');
}

function scopeOf(owner: Person): TenantScope {
  return 'citizenId' in owner ? { citizen: owner.citizenId } : { organisation: owner.organisationId };
}

function asOwner<T>(db: Db, actor: Principal, work: (trx: Trx, owner: Owner) => Promise<T>): Promise<T> {
  const owner = ownerOf(actor);
  return withTenant(db, scopeOf(owner), (trx) => work(trx, owner));
}

export type CentreView = { items: NotificationRow[]; nextCursor: string | null; unread: number; staff: boolean };

/** The actor's notifications, newest first, a page at a time (keyset), with the unread count. */
export function listNotifications(db: Db, actor: Principal, query: { cursor?: string | undefined; limit?: number }): Promise<CentreView> {
  const limit = query.limit ?? 25;
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const before = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
  if (before && (Number.isNaN(Date.parse(before.createdAt)) || !uuidPattern.test(before.id)))
    throw new AppError('VALIDATION', 'The cursor is not one this page gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
  return asOwner(db, actor, async (trx, owner) => {
    const rows = await selectNotifications(trx, owner, limit, before);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
      unread: await countUnread(trx, owner),
      staff: !('citizenId' in owner),
    };
  });
}

/** How many of the actor's notifications are unread (at most UNREAD_CAP): for a header or a menu. */
export function unreadNotificationCount(db: Db, actor: Principal): Promise<number> {
  return asOwner(db, actor, (trx, owner) => countUnread(trx, owner));
}

/** Marks one of the actor's notifications read and answers where it leads; NOT_FOUND for anyone else's. */
export function openNotification(db: Db, actor: Principal, notificationId: string): Promise<string> {
  return asOwner(db, actor, async (trx, owner) => {
    const link = await markRead(trx, owner, notificationId);
    if (!link) throw new AppError('NOT_FOUND', 'There is no such notification.');
    return link;
  });
}

/** Marks all of the actor's notifications read. */
export function markAllNotificationsRead(db: Db, actor: Principal): Promise<void> {
  return asOwner(db, actor, (trx, owner) => markAllRead(trx, owner));
}

// ---------------------------------------------------------------------------------------------------------------
// Preferences

export type PreferencesView = {
  email: string;
  phone: string;
  language: Locale;
  emailKinds: readonly NotificationKind[];
  smsKinds: readonly NotificationKind[];
  /** The kinds the person can be told of (a citizen all, staff their own messages and meetings). */
  kinds: readonly NotificationKind[];
};

function personOf(owner: Owner): Person {
  return 'citizenId' in owner ? { citizenId: owner.citizenId } : { organisationId: owner.organisationId, subject: owner.subject };
}

/** The actor's preferences as the form shows them (the defaults until they choose). */
export function getPreferences(db: Db, actor: Principal): Promise<PreferencesView> {
  return asOwner(db, actor, async (trx, owner) => {
    const row = await selectPreference(trx, personOf(owner));
    const kinds = 'citizenId' in owner ? citizenKinds : staffKinds;
    return {
      email: row?.email ?? '',
      phone: row?.phone ?? '',
      language: row?.language ?? 'da',
      emailKinds: (row?.email_kinds ?? DEFAULT_EMAIL_KINDS).filter((k) => kinds.includes(k)),
      smsKinds: (row?.sms_kinds ?? DEFAULT_SMS_KINDS).filter((k) => kinds.includes(k)),
      kinds,
    };
  });
}

/**
 * Saves the preferences form: an address (or none), a Danish mobile number (+45 and 8 digits, or none), the language,
 * and the kinds each channel carries. VALIDATION names each field; nothing is written then.
 */
export function savePreferences(db: Db, actor: Principal, input: unknown): Promise<void> {
  const value = parseInput(preferencesSchema, input);
  return asOwner(db, actor, async (trx, owner) => {
    const kinds = 'citizenId' in owner ? citizenKinds : staffKinds;
    const offered = (chosen: NotificationKind[], field: string) => {
      if (chosen.some((k) => !kinds.includes(k)))
        throw new AppError('VALIDATION', 'A kind the person cannot be told of.', [{ field, message: 'notifications.error.kinds' }]);
      return [...new Set(chosen)];
    };
    const emailKinds = offered(value.mail, 'mail');
    const smsKinds = offered(value.sms, 'sms');
    const person = personOf(owner);
    // Kinds this person is never offered keep what they were (a staff person's form shows three kinds).
    const before = await selectPreference(trx, person);
    const keep = (saved: NotificationKind[] | null | undefined, defaults: readonly NotificationKind[]) => (saved ?? defaults).filter((k) => !kinds.includes(k));
    await upsertPreference(trx, person, {
      email: value.email,
      phone: value.mobil,
      language: value.sprog,
      email_kinds: [...emailKinds, ...keep(before?.email_kinds, DEFAULT_EMAIL_KINDS)],
      sms_kinds: [...smsKinds, ...keep(before?.sms_kinds, DEFAULT_SMS_KINDS)],
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Unsubscribe: one link per kind (<kind>.<the person's secret>), no sign-in; it switches that kind's e-mail off.

function parseToken(token: string): { kind: NotificationKind; secret: string } | undefined {
  const [kind, secret] = token.split('.', 2);
  if (!kind || !secret || !(notificationKinds as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as NotificationKind, secret };
}

export type UnsubscribeView = { kind: NotificationKind; language: Locale; active: boolean };

/** What an unsubscribe link names (the kind, the person's language, whether its e-mail is on); undefined for none. */
export async function unsubscribeTarget(db: Db, token: string): Promise<UnsubscribeView | undefined> {
  const parsed = parseToken(token);
  if (!parsed) return undefined;
  const row = await selectPreferenceBySecret(db, parsed.secret);
  if (!row) return undefined;
  return { kind: parsed.kind, language: row.language, active: (row.email_kinds ?? DEFAULT_EMAIL_KINDS).includes(parsed.kind) };
}

/** Switches off the e-mail of the kind the link names (again is fine); undefined for a link that names none. */
export async function unsubscribeByToken(db: Db, token: string): Promise<UnsubscribeView | undefined> {
  const parsed = parseToken(token);
  if (!parsed) return undefined;
  const row = await selectPreferenceBySecret(db, parsed.secret);
  if (!row) return undefined;
  const kinds = (row.email_kinds ?? DEFAULT_EMAIL_KINDS).filter((k) => k !== parsed.kind);
  if (!(await updateEmailKindsBySecret(db, parsed.secret, kinds))) return undefined;
  return { kind: parsed.kind, language: row.language, active: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery: the job's side.

/** Deliveries one run handles at most; the next run takes the rest. */
const PER_RUN = 500;
/** Attempts a delivery gets at most; after a failure the next is 2, 4, 8, … minutes later. */
export const MAX_ATTEMPTS = 8;

export type DeliveryRun = { sent: number; skipped: number; failed: number };
export type Senders = { mailer: Mailer; sms: SmsSender | undefined };

/** Where the person's settings are, by audience. */
function settingsPath(delivery: Pick<ClaimedDelivery, 'recipient'>): string {
  return delivery.recipient === 'citizen' ? '/borger/notifikationer/indstillinger' : '/medarbejder/notifikationer/indstillinger';
}

/** The e-mail of a notification: that there is something new and a link, never the content; one unsubscribe per kind. */
export function notificationMail(baseUrl: string, delivery: ClaimedDelivery, preference: PreferenceRow & { email: string }): MailMessage {
  const locale = preference.language;
  const kind = kindName(locale, delivery.kind);
  const token = `${delivery.kind}.${preference.unsubscribe_secret}`;
  const text = [
    notificationText(locale, delivery.kind, delivery.params),
    '',
    translate(locale, 'notifications.mail.open', { url: `${baseUrl}${delivery.link}` }),
    '',
    translate(locale, 'notifications.mail.why', { kind }),
    translate(locale, 'notifications.mail.unsubscribe', { kind, url: `${baseUrl}/notifikationer/afmeld/${token}` }),
    translate(locale, 'notifications.mail.settings', { url: `${baseUrl}${settingsPath(delivery)}` }),
    '',
    translate(locale, 'notifications.mail.signature'),
  ].join('\n');
  return {
    to: preference.email,
    subject: translate(locale, 'notifications.mail.subject', { title: notificationTitle(locale, delivery.kind) }),
    text,
    headers: { 'Content-Language': locale },
    listUnsubscribe: { url: `${baseUrl}/api/public/v1/notifications/unsubscribe/${token}`, oneClick: true },
  };
}

/** The SMS of a notification: the sentence and the link. */
export function notificationSms(baseUrl: string, delivery: ClaimedDelivery, preference: PreferenceRow & { phone: string }) {
  return { to: preference.phone, text: `${notificationText(preference.language, delivery.kind, delivery.params)} ${baseUrl}${delivery.link}` };
}

type Decision = { send: MailMessage; channel: 'email' } | { send: { to: string; text: string }; channel: 'sms' } | { skip: string };

function decide(baseUrl: string, delivery: ClaimedDelivery, preference: PreferenceRow | undefined, sms: SmsSender | undefined): Decision {
  if (delivery.channel === 'email') {
    if (!preference?.email) return { skip: 'no e-mail address' };
    if (!(preference.email_kinds ?? DEFAULT_EMAIL_KINDS).includes(delivery.kind)) return { skip: 'e-mail switched off for this kind' };
    return { channel: 'email', send: notificationMail(baseUrl, delivery, { ...preference, email: preference.email }) };
  }
  if (!sms) return { skip: 'SMS is off' };
  if (!preference?.phone) return { skip: 'no mobile number' };
  if (!(preference.sms_kinds ?? DEFAULT_SMS_KINDS).includes(delivery.kind)) return { skip: 'SMS switched off for this kind' };
  return { channel: 'sms', send: notificationSms(baseUrl, delivery, { ...preference, phone: preference.phone }) };
}

/**
 * Sends each due delivery once, as its citizen or organisation: claims it (only one run can), reads the person's
 * preferences now (a kind switched off, or no address or number: skipped, nothing sent), sends, and marks it sent; a
 * refused send is marked failed and tried again later (at most MAX_ATTEMPTS times). A run after a success finds
 * nothing to send.
 */
export async function deliverNotifications(db: Db, config: Pick<Config, 'baseUrl'>, senders: Senders): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, skipped: 0, failed: 0 };
  for (const due of await selectDueDeliveries(db, PER_RUN)) {
    const scope: TenantScope = due.citizen_id ? { citizen: due.citizen_id } : { organisation: due.organisation_id ?? '' };
    const claimed = await withTenant(db, scope, async (trx) => {
      const delivery = await claimDelivery(trx, due.notification_id, due.channel, MAX_ATTEMPTS);
      if (!delivery) return undefined;
      const person: Person = delivery.citizen_id
        ? { citizenId: delivery.citizen_id }
        : { organisationId: delivery.organisation_id ?? '', subject: delivery.staff_subject ?? '' };
      return { delivery, decision: decide(config.baseUrl, delivery, await selectPreference(trx, person), senders.sms) };
    });
    if (!claimed) continue;
    const { delivery, decision } = claimed;
    const finish = (outcome: Parameters<typeof finishDelivery>[3]) =>
      withTenant(db, scope, (trx) => finishDelivery(trx, delivery.notification_id, delivery.channel, outcome));
    if ('skip' in decision) {
      await finish({ status: 'skipped', detail: decision.skip });
      run.skipped += 1;
      continue;
    }
    try {
      if (decision.channel === 'email') {
        const sent = await senders.mailer.send(decision.send);
        if (!sent) {
          await finish({ status: 'skipped', detail: 'mail is off' });
          run.skipped += 1;
          continue;
        }
      } else {
        if (!senders.sms) throw new AppError('UNAVAILABLE', 'SMS is off.');
        await senders.sms.send(decision.send);
      }
      await finish({ status: 'sent', sentTo: decision.send.to });
      run.sent += 1;
    } catch (error) {
      await finish({ status: 'failed', detail: error instanceof Error ? error.message : String(error), retryInMinutes: 2 ** delivery.attempts });
      run.failed += 1;
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// The SMS simulator's development page

/** The simulator's texts, newest first (the latest 200); FORBIDDEN where the simulator does not run. */
export function listDevSms(db: Db, visitor: Principal | undefined, installation: DevSmsInstallation): Promise<DevSmsRow[]> {
  devSmsPolicy.authorize(visitor, 'dev-sms.read', installation);
  return selectDevSms(db, 200);
}

/** Deletes the simulator's texts ("Slet alle"). */
export function clearDevSms(db: Db, visitor: Principal | undefined, installation: DevSmsInstallation): Promise<void> {
  devSmsPolicy.authorize(visitor, 'dev-sms.clear', installation);
  return deleteDevSms(db);
}
