// Meetings (issue 18): a jobcenter's caseworker publishes a series of slots (Copenhagen wall-clock times); two citizens
// booking the same slot at the same moment — one wins, the other is told the time was just taken, and the database's
// unique index holds even when two transactions race past the application's check; cancelling (asked first) frees the
// slot; moving is one transaction; the deadline before a meeting refuses booking, moving and cancelling with a clear
// message; another municipality's caseworker and another citizen find nothing by id (404), nor its calendar file; the
// day-before reminder is recorded once however often the job runs; the .ics files of both sides parse with node-ical
// and carry 10:00 Copenhagen time on either side of the change from summer time; the meeting, its cancellation and
// its outcome are on the citizen's timeline (which forgets its cached pages when they change); both languages.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import ical from 'node-ical';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { copenhagenDate, copenhagenMoment, copenhagenWallClock } from '../src/platform/time.ts';
import { citizenMeetingsSummary, meetingRemindersJob } from '../src/modules/meetings/index.ts';
import { cookiesFrom, createTestApp, csrfTokenIn, signedInForms } from './support/app.ts';
import { createCitizen, createJobcenter, createMunicipality, createOrganisation, createSession, principalFor } from './support/factories.ts';

const { app, db, url, config } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 4, asAppRole: true });
after(() => appDb.destroy());
const { open, post } = signedInForms(app);

const home = await createMunicipality(db, { name: 'Mødeby' });
const other = await createMunicipality(db, { name: 'Fjernby' });
for (const m of [home, other]) await createOrganisation(db, { kind: 'kommune', municipalityCode: m.code, name: `${m.name} Kommune` });
await createJobcenter(db, home.code, { name: 'Jobcenter Mødeby', street: 'Torvet 1', postal_code: '9990', city: 'Mødeby', email: 'jobcenter@moedeby.example' });
const jobcenter = await db.selectFrom('jobcenter').select('id').where('municipality_code', '=', home.code).executeTakeFirstOrThrow();

const citizenA = await createCitizen(db, { municipalityCode: home.code, name: 'Anna Møde' });
const citizenB = await createCitizen(db, { municipalityCode: home.code, name: 'Bo Møde' });
const citizenC = await createCitizen(db, { municipalityCode: other.code, name: 'Cille Fjern' });
const citizenSession = (c: { id: string; name: string }, code: string) =>
  createSession(db, { ...principalFor('citizen', { municipalityCode: code, citizenId: c.id }), name: c.name });
const tokenA = await citizenSession(citizenA, home.code);
const tokenB = await citizenSession(citizenB, home.code);
const tokenC = await citizenSession(citizenC, other.code);
const staffSession = (code: string, name: string, municipality: string) =>
  createSession(db, {
    ...principalFor('caseworker', { municipalityCode: code }),
    name,
    municipality: { code, name: municipality },
    organisation: { id: `kommune-${code}`, kind: 'kommune', name: `${municipality} Kommune` },
  });
const caseworker = await staffSession(home.code, 'Karen Sagsbehandler', home.name);
const foreign = await staffSession(other.code, 'Frede Fremmed', other.name);

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const formTokenIn = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const day = (daysAhead: number) => copenhagenDate(new Date(Date.now() + daysAhead * 86_400_000));
const dateFields = (iso: string) => {
  const [year = '', month = '', dayOfMonth = ''] = iso.split('-');
  return { dateDay: String(Number(dayOfMonth)), dateMonth: String(Number(month)), dateYear: year };
};
const at = (iso: string, hour: number, minute = 0) => {
  const [year, month, dayOfMonth] = iso.split('-').map(Number) as [number, number, number];
  const moment = copenhagenMoment({ year, month, day: dayOfMonth, hour, minute });
  if (!moment) throw new Error(`no such time ${iso} ${hour}:${minute}`);
  return moment;
};
const slotsOn = (iso: string) =>
  db
    .selectFrom('meeting_slot')
    .selectAll()
    .where('organisation_id', '=', `kommune-${home.code}`)
    .where('starts_at', '>=', at(iso, 0))
    .where('starts_at', '<', new Date(at(iso, 0).getTime() + 86_400_000))
    .orderBy('starts_at')
    .execute();
const meetingsOnSlot = (slotId: string) => db.selectFrom('meeting').selectAll().where('slot_id', '=', slotId).orderBy('booked_at').execute();

function publish(session: string, fields: Record<string, string>) {
  return post(session, '/medarbejder/moeder/ny', '/medarbejder/moeder/ny', {
    interval: '30',
    duration: '30',
    form: 'in_person',
    jobcenter: jobcenter.id,
    ...fields,
  });
}

/** A citizen books from their meetings page, as a browser would (the page's CSRF token and one-time form token). */
async function book(token: string, slotId: string, topic = '') {
  const page = await open(token, '/borger/moeder');
  return post(token, '/borger/moeder', '/borger/moeder', { slot: slotId, topic, _skema: formTokenIn(page.body) || 'x'.repeat(32) });
}

const seriesDay = day(10);
const laterDay = day(12);

test('a caseworker publishes a series of slots in Copenhagen time; a refused form writes nothing and names its fields', async () => {
  const form = await open(caseworker, '/medarbejder/moeder/ny');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Jobcenter Mødeby, Torvet 1, 9990 Mødeby/);

  const refused = await publish(caseworker, { ...dateFields(seriesDay), from: '9.00', form: 'video', videoUrl: 'http://not-secure.example' });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Link til videomødet: Skriv et link, der begynder med https:\/\//);
  const past = await publish(caseworker, { ...dateFields(day(-1)), from: '9.00' });
  assert.equal(past.statusCode, 400);
  assert.match(text(past.body), /Tiden er allerede passeret/);
  assert.equal((await slotsOn(seriesDay)).length, 0, 'nothing written');

  const made = await publish(caseworker, { ...dateFields(seriesDay), from: '9.00', to: '11.00' });
  assert.equal(made.statusCode, 303);
  assert.match(String(made.headers.location), /gemt=oprettet&antal=4/);
  const slots = await slotsOn(seriesDay);
  assert.deepEqual(
    slots.map((s) => copenhagenWallClock(s.starts_at)).map((c) => `${c.hour}:${String(c.minute).padStart(2, '0')}`),
    ['9:00', '9:30', '10:00', '10:30'],
    'every 30 minutes, the last ending by 11:00, Copenhagen time',
  );
  assert.ok(slots.every((s) => s.address === 'Jobcenter Mødeby, Torvet 1, 9990 Mødeby' && s.host_name === 'Karen Sagsbehandler' && s.duration_minutes === 30));
  const again = await publish(caseworker, { ...dateFields(seriesDay), from: '9.00', to: '11.00' });
  assert.match(String(again.headers.location), /antal=0/, 'a series made twice makes no second set');

  await publish(caseworker, { ...dateFields(laterDay), from: '13.00', to: '14.00', form: 'video', videoUrl: 'https://video.example/rum/42' });
  const overview = text((await open(caseworker, '/medarbejder/moeder')).body);
  assert.match(overview, /Ledig/);
  assert.match(overview, /09\.00–09\.30/);
  const foreignOverview = text((await open(foreign, '/medarbejder/moeder?alle=1')).body);
  assert.doesNotMatch(foreignOverview, /09\.00–09\.30/, 'another municipality sees none of them');
});

test('two citizens book the same slot at the same moment: exactly one wins, the other is told clearly', async () => {
  const [slot] = await slotsOn(seriesDay);
  assert.ok(slot);
  // Both browsers have the page open (CSRF and form tokens) before either sends.
  const prepared = await Promise.all(
    [tokenA, tokenB].map(async (token) => {
      const page = await open(token, '/borger/moeder');
      assert.match(page.body, new RegExp(`value="${slot.id}"`), 'the free slot is offered to both');
      const body = new URLSearchParams({ _csrf: csrfTokenIn(page.body), slot: slot.id, topic: 'Jobsøgning', _skema: formTokenIn(page.body) });
      return { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, payload: body.toString() };
    }),
  );
  const answers = await Promise.all(
    prepared.map((p) =>
      app.inject({
        method: 'POST',
        url: '/borger/moeder',
        headers: { cookie: p.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: p.payload,
      }),
    ),
  );
  const statuses = answers.map((a) => a.statusCode).sort();
  assert.deepEqual(statuses, [303, 400], 'one booking, one refusal');
  const loser = answers.find((a) => a.statusCode === 400);
  assert.match(text(loser?.body ?? ''), /Tiden er netop blevet booket af en anden\. Vælg en anden tid\./);
  const booked = await meetingsOnSlot(slot.id);
  assert.equal(booked.length, 1, 'one meeting on the slot');
  assert.equal(booked[0]?.topic, 'Jobsøgning');

  // The caseworker holding the slot is notified (kind 'meeting'), linking to the meeting.
  const notified = await db
    .selectFrom('notification')
    .select(['kind', 'link', 'recipient'])
    .where('link', '=', `/medarbejder/moeder/${booked[0]?.id}`)
    .execute();
  assert.deepEqual(notified, [{ kind: 'meeting', link: `/medarbejder/moeder/${booked[0]?.id}`, recipient: 'staff' }]);
});

test('the database itself refuses a second booking of a slot while the first is not yet committed', async () => {
  const slot = (await slotsOn(seriesDay))[3];
  assert.ok(slot);
  const insert = (citizenId: string) => sql<{ id: string }>`
    insert into meeting (slot_id, citizen_id, municipality_code, organisation_id, organisation_name, booked_by)
    values (${slot.id}::uuid, ${citizenId}::uuid, ${home.code}, ${slot.organisation_id}, 'Jobcenter Mødeby', 'citizen')
    on conflict (slot_id) where cancelled_at is null do nothing returning id`;
  let inserted!: () => void;
  let release!: () => void;
  const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = withTenant(appDb, { citizen: citizenA.id }, async (trx) => {
    const { rows } = await insert(citizenA.id).execute(trx);
    inserted();
    await gate;
    return rows.length;
  });
  await firstInserted;
  // The second transaction waits on the unique index for the first, then finds the slot taken.
  const second = withTenant(appDb, { citizen: citizenB.id }, async (trx) => (await insert(citizenB.id).execute(trx)).rows.length);
  release();
  assert.deepEqual(await Promise.all([first, second]), [1, 0]);
  assert.equal((await meetingsOnSlot(slot.id)).filter((m) => !m.cancelled_at).length, 1);
});

test('cancelling asks first, then frees the slot for another citizen; moving is one step and refuses a taken slot', async () => {
  const [first, second, third] = await slotsOn(seriesDay);
  assert.ok(first && second && third);
  const [meeting] = await meetingsOnSlot(first.id);
  assert.ok(meeting);
  const ownerToken = meeting.citizen_id === citizenA.id ? tokenA : tokenB;
  const otherToken = ownerToken === tokenA ? tokenB : tokenA;
  const page = `/borger/moeder/${meeting.id}`;

  const detail = await open(ownerToken, page);
  assert.equal(detail.statusCode, 200);
  assert.match(text(detail.body), /Jobcenter Mødeby, Torvet 1, 9990 Mødeby/);
  assert.match(text(detail.body), /indtil 24 timer før/);

  // Move to the second slot: the first is free again, the second taken.
  const moved = await post(ownerToken, page, `${page}/flyt`, { slot: second.id });
  assert.equal(moved.statusCode, 303);
  assert.equal((await db.selectFrom('meeting').select('slot_id').where('id', '=', meeting.id).executeTakeFirstOrThrow()).slot_id, second.id);
  // The other citizen takes the third; moving onto it is refused with the message.
  const other = await book(otherToken, third.id);
  assert.equal(other.statusCode, 303);
  const refused = await post(ownerToken, page, `${page}/flyt`, { slot: third.id });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Tiden er netop blevet booket af en anden/);
  assert.equal((await db.selectFrom('meeting').select('slot_id').where('id', '=', meeting.id).executeTakeFirstOrThrow()).slot_id, second.id, 'nothing changed');

  // Cancel: first a question, nothing changed; confirmed, the slot is free and another citizen books it.
  const asked = await post(ownerToken, page, `${page}/aflys`);
  assert.equal(asked.statusCode, 200);
  assert.match(text(asked.body), /Vil du aflyse mødet\?/);
  assert.equal((await db.selectFrom('meeting').select('cancelled_at').where('id', '=', meeting.id).executeTakeFirstOrThrow()).cancelled_at, null);
  const cancelled = await post(ownerToken, page, `${page}/aflys`, { bekraeft: 'ja' });
  assert.equal(cancelled.statusCode, 303);
  assert.equal(cancelled.headers.location, '/borger/moeder?gemt=aflyst');
  const row = await db.selectFrom('meeting').select(['cancelled_at', 'cancelled_by']).where('id', '=', meeting.id).executeTakeFirstOrThrow();
  assert.ok(row.cancelled_at && row.cancelled_by === 'citizen');
  const cancelledNotice = await db.selectFrom('notification').select('kind').where('link', '=', `/medarbejder/moeder/${meeting.id}`).execute();
  assert.ok(cancelledNotice.length >= 3, 'booking, moving and cancelling each notified the caseworker');
  const rebooked = await book(tokenC, second.id);
  // Citizen C belongs to another municipality: the slot is not theirs to book.
  assert.equal(rebooked.statusCode, 400);
  assert.match(text(rebooked.body), /Vælg en af de ledige tider/);
  const freed = await book(otherToken, second.id);
  assert.equal(freed.statusCode, 303, 'the cancelled meeting’s slot is free again');
});

test('within the deadline a citizen can neither book, move nor cancel, and is told why', async () => {
  const soon = new Date(Date.now() + 3 * 3_600_000);
  const { id: slotId } = await db
    .insertInto('meeting_slot')
    .values({
      organisation_id: `kommune-${home.code}`,
      municipality_code: home.code,
      starts_at: soon,
      duration_minutes: 30,
      form: 'phone',
      host_subject: 'urn:test:karen',
      host_name: 'Karen Sagsbehandler',
      created_by_subject: 'urn:test:karen',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const refused = await book(tokenA, slotId);
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Der er mindre end 24 timer til mødet, så det kan ikke længere ændres her\. Kontakt jobcentret\./);
  assert.equal((await meetingsOnSlot(slotId)).length, 0);

  // A meeting the jobcenter booked for the citizen 3 hours ahead: the citizen's page says to call, and refuses changes.
  const { id: meetingId } = await db
    .insertInto('meeting')
    .values({
      slot_id: slotId,
      citizen_id: citizenA.id,
      municipality_code: home.code,
      organisation_id: `kommune-${home.code}`,
      organisation_name: 'Jobcenter Mødeby',
      booked_by: 'staff',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const page = `/borger/moeder/${meetingId}`;
  const shown = text((await open(tokenA, page)).body);
  assert.match(shown, /Der er mindre end 24 timer til mødet\. Kontakt jobcentret, hvis du ikke kan komme\./);
  assert.doesNotMatch(shown, /Aflys mødet/);
  const cancel = await post(tokenA, page, `${page}/aflys`, { bekraeft: 'ja' });
  assert.equal(cancel.statusCode, 400);
  assert.match(text(cancel.body), /Der er mindre end 24 timer til mødet/);
  const [later] = await slotsOn(laterDay);
  const move = await post(tokenA, page, `${page}/flyt`, { slot: later?.id ?? '' });
  assert.equal(move.statusCode, 400);
  const row = await db.selectFrom('meeting').select(['slot_id', 'cancelled_at']).where('id', '=', meetingId).executeTakeFirstOrThrow();
  assert.deepEqual(row, { slot_id: slotId, cancelled_at: null });
});

test('another municipality’s caseworker and another citizen find no meeting by id (404), nor its calendar file', async () => {
  const meeting = await db
    .selectFrom('meeting')
    .select(['id', 'citizen_id'])
    .where('citizen_id', '=', citizenA.id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirstOrThrow();
  const otherCitizen = meeting.citizen_id === citizenA.id ? tokenC : tokenA;
  for (const path of [`/borger/moeder/${meeting.id}`, `/borger/moeder/${meeting.id}/kalender.ics`])
    assert.equal((await open(otherCitizen, path)).statusCode, 404, path);
  assert.equal((await post(otherCitizen, '/borger/moeder', `/borger/moeder/${meeting.id}/aflys`, { bekraeft: 'ja' })).statusCode, 404);
  for (const path of [`/medarbejder/moeder/${meeting.id}`, `/medarbejder/moeder/${meeting.id}/kalender.ics`])
    assert.equal((await open(foreign, path)).statusCode, 404, path);
  assert.equal((await post(foreign, '/medarbejder/moeder', `/medarbejder/moeder/${meeting.id}/aflys`, { bekraeft: 'ja' })).statusCode, 404);
  assert.equal((await post(foreign, '/medarbejder/moeder', `/medarbejder/moeder/${meeting.id}/udfald`, { outcome: 'held' })).statusCode, 404);
  assert.equal((await open(foreign, `/medarbejder/borgere/${citizenA.id}/moeder?purpose=${encodeURIComponent('Kontrol af adgang')}`)).statusCode, 404);
  assert.equal((await db.selectFrom('meeting').select('cancelled_at').where('id', '=', meeting.id).executeTakeFirstOrThrow()).cancelled_at, null);
  // The caseworker of the citizen's municipality sees it (and the read is in the citizen's Min Log).
  assert.equal((await open(caseworker, `/medarbejder/moeder/${meeting.id}`)).statusCode, 200);
  const logged = await db.selectFrom('access_log').select(['actor_name', 'purpose']).where('citizen_id', '=', citizenA.id).execute();
  assert.ok(logged.some((entry) => entry.actor_name === 'Karen Sagsbehandler'));
});

test('the reminder the day before is recorded once, however often the job runs', async () => {
  const tomorrow = day(1);
  const { id: slotId } = await db
    .insertInto('meeting_slot')
    .values({
      organisation_id: `kommune-${home.code}`,
      municipality_code: home.code,
      starts_at: at(tomorrow, 10),
      duration_minutes: 30,
      form: 'in_person',
      address: 'Jobcenter Mødeby, Torvet 1, 9990 Mødeby',
      host_subject: 'urn:test:karen',
      host_name: 'Karen Sagsbehandler',
      created_by_subject: 'urn:test:karen',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: meetingId } = await db
    .insertInto('meeting')
    .values({
      slot_id: slotId,
      citizen_id: citizenB.id,
      municipality_code: home.code,
      organisation_id: `kommune-${home.code}`,
      organisation_name: 'Jobcenter Mødeby',
      booked_by: 'staff',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deps = { db: appDb, config, logger: createLogger({ level: 'silent' }) };
  await meetingRemindersJob.handle({}, deps);
  await meetingRemindersJob.handle({}, deps);
  const reminders = await db
    .selectFrom('notification')
    .select(['kind', 'citizen_id', 'link'])
    .where('kind', '=', 'meeting-reminder')
    .where('link', '=', `/borger/moeder/${meetingId}`)
    .execute();
  assert.deepEqual(reminders, [{ kind: 'meeting-reminder', citizen_id: citizenB.id, link: `/borger/moeder/${meetingId}` }]);
});

test('the .ics files of both sides parse with node-ical at 10:00 Copenhagen time on either side of the end of summer time', async () => {
  // Summer time ends on the last Sunday of October 2027 (the 31st): the 29th is summer time (UTC+2), 1 November winter time (UTC+1).
  const published: { statusCode: number }[] = [];
  for (const date of ['2027-10-29', '2027-11-01'])
    published.push(await publish(caseworker, { ...dateFields(date), from: '10.00', form: 'video', videoUrl: 'https://video.example/rum/7' }));
  assert.deepEqual(
    published.map((p) => p.statusCode),
    [303, 303],
  );
  for (const [date, utcHour] of [
    ['2027-10-29', 8],
    ['2027-11-01', 9],
  ] as const) {
    const [slot] = await slotsOn(date);
    assert.ok(slot);
    const form = await open(caseworker, `/medarbejder/moeder/tider/${slot.id}/book`);
    assert.equal(form.statusCode, 200);
    const booked = await post(caseworker, `/medarbejder/moeder/tider/${slot.id}/book`, `/medarbejder/moeder/tider/${slot.id}/book`, {
      cpr: citizenB.cpr,
      purpose: 'Opfølgningssamtale',
      topic: 'Status på jobsøgning',
      _skema: formTokenIn(form.body),
    });
    assert.equal(booked.statusCode, 303, booked.body.slice(0, 300));
    const meetingId = /\/medarbejder\/moeder\/([0-9a-f-]{36})/.exec(String(booked.headers.location))?.[1] ?? '';
    const citizenNotice = await db.selectFrom('notification').select(['kind', 'citizen_id']).where('link', '=', `/borger/moeder/${meetingId}`).execute();
    assert.deepEqual(citizenNotice, [{ kind: 'meeting', citizen_id: citizenB.id }], 'the citizen is told of the meeting booked for them');

    for (const [session, path] of [
      [tokenB, `/borger/moeder/${meetingId}/kalender.ics`],
      [caseworker, `/medarbejder/moeder/${meetingId}/kalender.ics`],
    ] as const) {
      const file = await open(session, path);
      assert.equal(file.statusCode, 200, path);
      assert.match(String(file.headers['content-type']), /^text\/calendar/);
      assert.match(file.body, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Copenhagen/);
      assert.match(file.body, /DTSTART;TZID=Europe\/Copenhagen:\d{8}T100000/);
      const events = Object.values(ical.sync.parseICS(file.body)).filter((c) => c?.type === 'VEVENT');
      assert.equal(events.length, 1);
      const event = events[0] as ical.VEvent;
      assert.equal(new Date(event.start).toISOString(), `${date}T${String(utcHour).padStart(2, '0')}:00:00.000Z`, `${path}: 10:00 in Copenhagen`);
      assert.ok(event.end, 'the event ends');
      assert.equal(new Date(event.end).getTime() - new Date(event.start).getTime(), 30 * 60_000);
      assert.equal((event.start as Date & { tz?: string }).tz, 'Europe/Copenhagen');
      assert.equal(typeof event.location === 'string' ? event.location : '', 'https://video.example/rum/7');
      assert.match(JSON.stringify(event.organizer), /Karen Sagsbehandler/);
    }
  }
});

test('the caseworker cancels (asked first) and records the outcome; both are on the citizen’s timeline, whose cache forgets', async () => {
  // The meeting the jobcenter booked for citizen A three hours ahead: the caseworker cancels it, and A is told.
  const soon = await db
    .selectFrom('meeting')
    .innerJoin('meeting_slot', 'meeting_slot.id', 'meeting.slot_id')
    .select('meeting.id')
    .where('meeting.citizen_id', '=', citizenA.id)
    .where('meeting.cancelled_at', 'is', null)
    .where('meeting_slot.starts_at', '>', new Date())
    .where('meeting_slot.starts_at', '<', new Date(Date.now() + 86_400_000))
    .executeTakeFirstOrThrow();
  const soonPage = `/medarbejder/moeder/${soon.id}`;
  const asked = await post(caseworker, soonPage, `${soonPage}/aflys`);
  assert.equal(asked.statusCode, 200);
  assert.match(text(asked.body), /Vil du aflyse mødet\? .* med Anna Møde bliver aflyst/);
  const cancelled = await post(caseworker, soonPage, `${soonPage}/aflys`, { bekraeft: 'ja' });
  assert.equal(cancelled.statusCode, 303);
  const staffCancelled = await db.selectFrom('meeting').select('cancelled_by').where('id', '=', soon.id).executeTakeFirstOrThrow();
  assert.equal(staffCancelled.cancelled_by, 'staff');
  const told = await db.selectFrom('notification').select('kind').where('link', '=', `/borger/moeder/${soon.id}`).execute();
  assert.deepEqual(told, [{ kind: 'meeting' }]);

  // A meeting that took place an hour ago (booked by the jobcenter).
  const { id: slotId } = await db
    .insertInto('meeting_slot')
    .values({
      organisation_id: `kommune-${home.code}`,
      municipality_code: home.code,
      starts_at: new Date(Date.now() - 3_600_000),
      duration_minutes: 30,
      form: 'phone',
      host_subject: 'urn:test:karen',
      host_name: 'Karen Sagsbehandler',
      created_by_subject: 'urn:test:karen',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: meetingId } = await db
    .insertInto('meeting')
    .values({
      slot_id: slotId,
      citizen_id: citizenA.id,
      municipality_code: home.code,
      organisation_id: `kommune-${home.code}`,
      organisation_name: 'Jobcenter Mødeby',
      booked_by: 'staff',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const before = text((await open(tokenA, '/borger/tidslinje')).body);
  assert.match(before, /Du fik et møde med Jobcenter Mødeby/);
  assert.match(before, /Jobcenter Mødeby aflyste mødet med dig/, 'the cancellation by the jobcenter');
  assert.doesNotMatch(before, /blev holdt/);

  const page = `/medarbejder/moeder/${meetingId}`;
  const refused = await post(caseworker, page, `${page}/udfald`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Vælg, om mødet blev holdt\./);
  const recorded = await post(caseworker, page, `${page}/udfald`, { outcome: 'held', note: 'Aftalt ny ansøgning' });
  assert.equal(recorded.statusCode, 303);

  // The trigger announces citizenChanged; the citizen's cached timeline pages are forgotten when it is heard.
  const deadline = Date.now() + 10_000;
  let after = '';
  while (Date.now() < deadline) {
    after = text((await open(tokenA, '/borger/tidslinje')).body);
    if (/blev holdt/.test(after)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(after, /Mødet med Jobcenter Mødeby .* blev holdt\./);
  assert.doesNotMatch(after, /Aftalt ny ansøgning/, 'the caseworker’s note is not on the timeline');
  const filtered = text((await open(tokenA, '/borger/tidslinje?type=meeting')).body);
  assert.match(filtered, /blev holdt/);
  assert.doesNotMatch(filtered, /Tilmeldinger ·/);
});

test('English pages: the citizen’s meetings and a meeting, with the rules', async () => {
  const english = { cookie: 'lang=en' };
  const list = await app.inject({ url: '/borger/moeder', headers: { cookie: `jobunivers-session=${tokenA}; ${english.cookie}` } });
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), /Meetings with the job centre/);
  assert.match(text(list.body), /until 24 hours before it starts/);
  const timeline = text((await app.inject({ url: '/borger/tidslinje', headers: { cookie: `jobunivers-session=${tokenA}; ${english.cookie}` } })).body);
  assert.match(timeline, /You got a meeting with Jobcenter Mødeby/);
});

test('a citizen may have at most 3 meetings ahead, and is told so', async () => {
  const citizenD = await createCitizen(db, { municipalityCode: home.code, name: 'Dorte Mange' });
  const tokenD = await citizenSession(citizenD, home.code);
  const busyDay = day(14);
  assert.equal((await publish(caseworker, { ...dateFields(busyDay), from: '9.00', to: '11.00' })).statusCode, 303);
  const slots = await slotsOn(busyDay);
  assert.equal(slots.length, 4);
  for (const slot of slots.slice(0, 3)) assert.equal((await book(tokenD, slot.id)).statusCode, 303);
  const refused = await book(tokenD, slots[3]?.id ?? '');
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Du har allerede 3 møder booket\. Aflys et af dem, før du booker et nyt\./);
  assert.equal((await meetingsOnSlot(slots[3]?.id ?? '')).length, 0);
  assert.match(text((await open(tokenD, '/borger/moeder')).body), /Du har allerede 3 møder booket\. Du kan booke et nyt/);
});

test('the citizen page’s section: a caseworker of the citizen’s municipality sees their meetings, another sees none', async () => {
  const staff = (code: string, name: string) => ({
    ...principalFor('caseworker', { municipalityCode: code }),
    municipality: { code, name },
    organisation: { id: `kommune-${code}`, kind: 'kommune' as const, name: `${name} Kommune` },
  });
  const mine = await citizenMeetingsSummary(appDb, staff(home.code, home.name), citizenB.id);
  assert.ok(mine.upcoming.length >= 2, 'the meetings ahead (the two in 2027 at least)');
  assert.ok(
    mine.upcoming.every((m, i, all) => i === 0 || (all[i - 1]?.starts_at ?? m.starts_at) <= m.starts_at),
    'soonest first',
  );
  const theirs = await citizenMeetingsSummary(appDb, staff(other.code, other.name), citizenB.id);
  assert.deepEqual([theirs.upcoming.length, theirs.earlier.length], [0, 0]);
  const upcoming = await db.selectFrom('meeting_upcoming').select('citizen_id').where('citizen_id', '=', citizenB.id).execute();
  assert.equal(upcoming.length, mine.upcoming.length, 'the published view meeting_upcoming agrees');
});

test('from the citizen’s page a caseworker opens their meetings for a purpose (Min Log) and books a free time for them', async () => {
  const colleague = await staffSession(home.code, 'Lone Kollega', home.name);
  const page = `/medarbejder/borgere/${citizenC.id}/moeder`;
  const citizenD = await createCitizen(db, { municipalityCode: home.code, name: 'Erik Booket' });
  const mine = `/medarbejder/borgere/${citizenD.id}/moeder`;
  const asked = await open(colleague, mine);
  assert.equal(asked.statusCode, 200);
  assert.doesNotMatch(asked.body, /Erik Booket/, 'nothing of the citizen before a purpose');
  assert.equal((await db.selectFrom('access_log').select('id').where('citizen_id', '=', citizenD.id).execute()).length, 0);

  const opened = await open(colleague, `${mine}?purpose=${encodeURIComponent('Planlægning af samtale')}`);
  assert.equal(opened.statusCode, 200);
  assert.match(text(opened.body), /Møder med Erik Booket/);
  const logged = await db.selectFrom('access_log').select(['purpose', 'actor_name']).where('citizen_id', '=', citizenD.id).execute();
  assert.deepEqual(logged, [{ purpose: 'Planlægning af samtale', actor_name: 'Lone Kollega' }]);

  const [free] = (await slotsOn(laterDay)).filter((s) => s.form === 'video');
  assert.ok(free);
  const booked = await post(colleague, mine, mine, { action: 'book', slot: free.id, topic: 'Afklaring', _skema: formTokenIn(opened.body) });
  assert.equal(booked.statusCode, 303, booked.body.slice(0, 300));
  assert.equal(booked.headers.location, `${mine}?gemt=booket`);
  const meeting = await db.selectFrom('meeting').select(['id', 'booked_by', 'topic']).where('citizen_id', '=', citizenD.id).executeTakeFirstOrThrow();
  assert.deepEqual([meeting.booked_by, meeting.topic], ['staff', 'Afklaring']);
  const changeLogged = await db.selectFrom('access_log').select('action').where('citizen_id', '=', citizenD.id).where('action', '=', 'change').execute();
  assert.equal(changeLogged.length, 1, 'the booking is a change in the citizen’s Min Log');
  assert.match(text((await open(colleague, `${mine}?gemt=booket`)).body), /Mødet er booket\./);
  // A citizen of another municipality is not found from here.
  assert.equal((await open(colleague, `${page}?purpose=${encodeURIComponent('Planlægning af samtale')}`)).statusCode, 404);
});
