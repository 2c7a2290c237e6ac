import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { DeliveryChannel, NotificationKind } from './notifications.tables.ts';

// ---------------------------------------------------------------------------------------------------------------
// Writing notifications (any tenant scope: notify_create is SECURITY DEFINER, 0094)

export type NewNotification = {
  recipient: 'citizen' | 'staff' | 'team';
  citizenId: string | null;
  organisationId: string | null;
  staffSubject: string | null;
  kind: NotificationKind;
  link: string;
  params: Record<string, string | number>;
  dedupeKey: string | null;
  channels: DeliveryChannel[];
};

/** Records the notification and its deliveries; its id, or undefined when the dedupe key was used before. */
export async function insertNotification(trx: Trx, n: NewNotification): Promise<string | undefined> {
  const { rows } = await sql<{ id: string | null }>`
    select notify_create(${n.recipient}, ${n.citizenId}::uuid, ${n.organisationId}, ${n.staffSubject}, ${n.kind}, ${n.link},
      ${JSON.stringify(n.params)}::jsonb, ${n.dedupeKey}, ${sql.val(n.channels)}::text[]) as id`.execute(trx);
  return rows[0]?.id ?? undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The centre (as the citizen: app.citizen; as staff: app.organisation, the person chosen by subject)

/** Whose centre: a citizen's own, or a staff person's own and (for a caseworker) the organisation's team's. */
export type Owner = { citizenId: string } | { organisationId: string; subject: string; team: boolean };

export type NotificationRow = {
  id: string;
  recipient: 'citizen' | 'staff' | 'team';
  kind: NotificationKind;
  link: string;
  params: Record<string, string | number>;
  created_at: Date;
  read: boolean;
};

/** A team notification older than this counts as read for a staff person who never opened it (and is not counted). */
const TEAM_UNREAD_DAYS = 30;
/** Unread counts stop at this (the page says "99+"): the count stays cheap however much is unread. */
export const UNREAD_CAP = 100;

/** The owner's notifications, newest first, `limit + 1` from before the cursor's (created_at, id). */
export async function selectNotifications(trx: Trx, owner: Owner, limit: number, before?: { createdAt: string; id: string }): Promise<NotificationRow[]> {
  const after = before ? sql`and (n.created_at, n.id) < (${before.createdAt}::timestamptz, ${before.id}::uuid)` : sql``;
  if ('citizenId' in owner) {
    const { rows } = await sql<NotificationRow>`
      select n.id, n.recipient, n.kind, n.link, n.params, n.created_at, n.read_at is not null as read
        from notification n
       where n.recipient = 'citizen' and n.citizen_id = ${owner.citizenId}::uuid ${after}
       order by n.created_at desc, n.id desc
       limit ${limit + 1}`.execute(trx);
    return rows;
  }
  // Two index scans (the person's own, the team's), each as long as a page, merged.
  const team = owner.team
    ? sql`union all
      (select n.id, n.recipient, n.kind, n.link, n.params, n.created_at,
              (exists (select 1 from notification_team_read r where r.notification_id = n.id and r.staff_subject = ${owner.subject})
               or n.created_at < now() - make_interval(days => ${TEAM_UNREAD_DAYS})) as read
         from notification n
        where n.recipient = 'team' and n.organisation_id = ${owner.organisationId} ${after}
        order by n.created_at desc, n.id desc
        limit ${limit + 1})`
    : sql``;
  const { rows } = await sql<NotificationRow>`
    select * from (
      (select n.id, n.recipient, n.kind, n.link, n.params, n.created_at, n.read_at is not null as read
         from notification n
        where n.recipient = 'staff' and n.organisation_id = ${owner.organisationId} and n.staff_subject = ${owner.subject} ${after}
        order by n.created_at desc, n.id desc
        limit ${limit + 1})
      ${team}
    ) merged
    order by created_at desc, id desc
    limit ${limit + 1}`.execute(trx);
  return rows;
}

/** How many of the owner's notifications are unread, up to UNREAD_CAP. */
export async function countUnread(trx: Trx, owner: Owner): Promise<number> {
  if ('citizenId' in owner) {
    const { rows } = await sql<{ count: number }>`
      select count(*)::int as count from (
        select 1 from notification where recipient = 'citizen' and citizen_id = ${owner.citizenId}::uuid and read_at is null limit ${UNREAD_CAP}) unread`.execute(
      trx,
    );
    return rows[0]?.count ?? 0;
  }
  const team = owner.team
    ? sql`union all (select 1 from notification n
         where n.recipient = 'team' and n.organisation_id = ${owner.organisationId}
           and n.created_at >= now() - make_interval(days => ${TEAM_UNREAD_DAYS})
           and not exists (select 1 from notification_team_read r where r.notification_id = n.id and r.staff_subject = ${owner.subject})
         limit ${UNREAD_CAP})`
    : sql``;
  const { rows } = await sql<{ count: number }>`
    select least(count(*), ${UNREAD_CAP})::int as count from (
      (select 1 from notification
        where recipient = 'staff' and organisation_id = ${owner.organisationId} and staff_subject = ${owner.subject} and read_at is null
        limit ${UNREAD_CAP})
      ${team}) unread`.execute(trx);
  return rows[0]?.count ?? 0;
}

/** Marks one of the owner's notifications read and answers its link; undefined when it is not the owner's. */
export async function markRead(trx: Trx, owner: Owner, id: string): Promise<string | undefined> {
  if ('citizenId' in owner) {
    const row = await trx
      .updateTable('notification')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('recipient', '=', 'citizen')
      .where('citizen_id', '=', owner.citizenId)
      .returning('link')
      .executeTakeFirst();
    return row?.link;
  }
  const own = await trx
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('recipient', '=', 'staff')
    .where('organisation_id', '=', owner.organisationId)
    .where('staff_subject', '=', owner.subject)
    .returning('link')
    .executeTakeFirst();
  if (own || !owner.team) return own?.link;
  const team = await trx
    .selectFrom('notification')
    .select('link')
    .where('id', '=', id)
    .where('recipient', '=', 'team')
    .where('organisation_id', '=', owner.organisationId)
    .executeTakeFirst();
  if (!team) return undefined;
  await trx
    .insertInto('notification_team_read')
    .values({ notification_id: id, organisation_id: owner.organisationId, staff_subject: owner.subject })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return team.link;
}

/** Marks all the owner's notifications read (a team's of the last TEAM_UNREAD_DAYS: older ones count as read). */
export async function markAllRead(trx: Trx, owner: Owner): Promise<void> {
  if ('citizenId' in owner) {
    await sql`update notification set read_at = now() where recipient = 'citizen' and citizen_id = ${owner.citizenId}::uuid and read_at is null`.execute(trx);
    return;
  }
  await sql`update notification set read_at = now()
             where recipient = 'staff' and organisation_id = ${owner.organisationId} and staff_subject = ${owner.subject} and read_at is null`.execute(trx);
  if (owner.team)
    await sql`insert into notification_team_read (notification_id, organisation_id, staff_subject)
              select n.id, n.organisation_id, ${owner.subject} from notification n
               where n.recipient = 'team' and n.organisation_id = ${owner.organisationId}
                 and n.created_at >= now() - make_interval(days => ${TEAM_UNREAD_DAYS})
              on conflict do nothing`.execute(trx);
}

// ---------------------------------------------------------------------------------------------------------------
// Preferences

export type PreferenceRow = {
  email: string | null;
  phone: string | null;
  language: 'da' | 'en';
  email_kinds: NotificationKind[] | null;
  sms_kinds: NotificationKind[] | null;
  unsubscribe_secret: string;
};

/** A person as the preferences know them: a citizen, or a staff person of an organisation. */
export type Person = { citizenId: string } | { organisationId: string; subject: string };

const preferenceColumns = ['email', 'phone', 'language', 'email_kinds', 'sms_kinds', 'unsubscribe_secret'] as const;

export async function selectPreference(trx: Trx, person: Person): Promise<PreferenceRow | undefined> {
  const query = trx.selectFrom('notification_preference').select(preferenceColumns);
  return 'citizenId' in person
    ? query.where('citizen_id', '=', person.citizenId).executeTakeFirst()
    : query.where('organisation_id', '=', person.organisationId).where('staff_subject', '=', person.subject).executeTakeFirst();
}

export type PreferenceChange = Pick<PreferenceRow, 'email' | 'phone' | 'language' | 'email_kinds' | 'sms_kinds'>;

export async function upsertPreference(trx: Trx, person: Person, change: PreferenceChange): Promise<void> {
  const values = { ...change, updated_at: new Date() };
  if ('citizenId' in person)
    await trx
      .insertInto('notification_preference')
      .values({ citizen_id: person.citizenId, organisation_id: null, staff_subject: null, ...values })
      .onConflict((oc) => oc.column('citizen_id').doUpdateSet(values))
      .execute();
  else
    await trx
      .insertInto('notification_preference')
      .values({ citizen_id: null, organisation_id: person.organisationId, staff_subject: person.subject, ...values })
      .onConflict((oc) => oc.columns(['organisation_id', 'staff_subject']).doUpdateSet(values))
      .execute();
}

/** The preference an unsubscribe link's secret names (any tenant: the secret is the key), or undefined. */
export async function selectPreferenceBySecret(
  db: Db,
  secret: string,
): Promise<{ language: 'da' | 'en'; email_kinds: NotificationKind[] | null; has_email: boolean } | undefined> {
  const { rows } = await sql<{ language: 'da' | 'en'; email_kinds: NotificationKind[] | null; has_email: boolean }>`
    select p.language, p.email_kinds, p.has_email from notification_preference_by_secret(${secret}) p`.execute(db);
  return rows[0];
}

/** Sets the e-mail kinds of the preference the secret names; whether there was one. */
export async function updateEmailKindsBySecret(db: Db, secret: string, kinds: NotificationKind[]): Promise<boolean> {
  const { rows } = await sql<{ done: boolean | null }>`select notification_unsubscribe_by_secret(${secret}, ${sql.val(kinds)}::text[]) as done`.execute(db);
  return rows[0]?.done === true;
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery (the job: due rows found across tenants, each handled as its citizen or organisation)

export type DueDelivery = { notification_id: string; channel: DeliveryChannel; citizen_id: string | null; organisation_id: string | null };

export async function selectDueDeliveries(db: Db, limit: number): Promise<DueDelivery[]> {
  const { rows } = await sql<DueDelivery>`select * from due_notification_deliveries(${limit})`.execute(db);
  return rows;
}

export type ClaimedDelivery = {
  notification_id: string;
  channel: DeliveryChannel;
  kind: NotificationKind;
  link: string;
  params: Record<string, string | number>;
  recipient: 'citizen' | 'staff' | 'team';
  citizen_id: string | null;
  organisation_id: string | null;
  staff_subject: string | null;
  attempts: number;
};

/**
 * Claims a due delivery for this run ('sending', one more attempt): only one run wins it, and a delivery sent or
 * skipped is never claimed again. With the notification it is for; undefined when another run has it or it is done.
 */
export async function claimDelivery(trx: Trx, notificationId: string, channel: DeliveryChannel, maxAttempts: number): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<ClaimedDelivery>`
    with claimed as (
      update notification_delivery d
         set status = 'sending', attempts = d.attempts + 1, claimed_at = now()
       where d.notification_id = ${notificationId}::uuid and d.channel = ${channel} and d.attempts < ${maxAttempts}
         and ((d.status in ('pending', 'failed') and d.next_attempt_at <= now())
           or (d.status = 'sending' and d.claimed_at < now() - interval '15 minutes'))
      returning d.notification_id, d.channel, d.attempts)
    select c.notification_id, c.channel, c.attempts, n.kind, n.link, n.params, n.recipient, n.citizen_id, n.organisation_id, n.staff_subject
      from claimed c join notification n on n.id = c.notification_id`.execute(trx);
  return rows[0];
}

export async function finishDelivery(
  trx: Trx,
  notificationId: string,
  channel: DeliveryChannel,
  outcome: { status: 'sent'; sentTo: string } | { status: 'skipped'; detail: string } | { status: 'failed'; detail: string; retryInMinutes: number },
): Promise<void> {
  await trx
    .updateTable('notification_delivery')
    .set(
      outcome.status === 'sent'
        ? { status: 'sent', sent_at: new Date(), sent_to: outcome.sentTo, detail: null }
        : outcome.status === 'skipped'
          ? { status: 'skipped', detail: outcome.detail.slice(0, 500) }
          : { status: 'failed', detail: outcome.detail.slice(0, 500), next_attempt_at: new Date(Date.now() + outcome.retryInMinutes * 60_000) },
    )
    .where('notification_id', '=', notificationId)
    .where('channel', '=', channel)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// The SMS simulator's texts (no tenant: synthetic texts outside production)

export type DevSmsRow = { id: string; sent_at: Date; sent_to: string; text: string };

export async function insertDevSms(db: Db, sms: { to: string; text: string }): Promise<void> {
  await db.insertInto('dev_sms').values({ sent_to: sms.to, text: sms.text }).execute();
}

export async function selectDevSms(db: Db, limit: number): Promise<DevSmsRow[]> {
  return db.selectFrom('dev_sms').select(['id', 'sent_at', 'sent_to', 'text']).orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function deleteDevSms(db: Db): Promise<void> {
  await db.deleteFrom('dev_sms').execute();
}
