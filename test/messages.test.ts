// Messages (issue 18) through the real app: a citizen writes to "Jobcentret" with a PDF and the municipality's team sees
// it in its inbox; another municipality's staff and another citizen find neither the thread nor its attachment (ids
// guessed); attachments are judged by their bytes (a PNG named .pdf is a PNG; an .exe or an HTML file is refused with a
// field message, as is a file over 10 MB, and nothing is written); a resubmitted form makes one thread; read marks on
// both sides; a staff read is one Min Log entry (category messages, the platform's purpose); the reply notifies the
// citizen (kind 'message', or 'answer' for a handed-over question) and queues the e-mail, without the content.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import { createSmsSimulator, deliverNotifications } from '../src/modules/notifications/index.ts';
import { caughtMails } from './support/mail.ts';
import { startThreadFromQuestion, expectedAnswerTime, citizenMessagesSummary, unreadThreadsForCitizens } from '../src/modules/messages/index.ts';
import { createTestApp, cookiesFrom, csrfTokenIn, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createOrganisation, createSession, handOverCitizen, principalFor } from './support/factories.ts';
import { png } from './support/png.ts';

const { app, db, url, config } = await createTestApp({ mailCatcher: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
const mailer = createMailer(config);
after(async () => {
  mailer.close();
  await appDb.destroy();
});
const { open, post } = signedInForms(app);

const home = await createMunicipality(db, { name: 'Beskedby' });
const other = await createMunicipality(db, { name: 'Fjernby' });
const homeOrg = await createOrganisation(db, { kind: 'kommune', municipalityCode: home.code, name: 'Beskedby Kommune' });
const otherOrg = await createOrganisation(db, { kind: 'kommune', municipalityCode: other.code, name: 'Fjernby Kommune' });
const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Sofie Besked' });
const neighbour = await createCitizen(db, { municipalityCode: home.code, name: 'Niels Nabo' });
const citizenPrincipal = { ...principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }), name: 'Sofie Besked' };
const citizenToken = await createSession(db, citizenPrincipal);
const neighbourToken = await createSession(db, { ...principalFor('citizen', { municipalityCode: home.code, citizenId: neighbour.id }), name: 'Niels Nabo' });
const caseworkerPrincipal = { ...principalFor('caseworker', { organisation: homeOrg }), name: 'Anne Sagsbehandler' };
const caseworker = await createSession(db, caseworkerPrincipal);
const colleaguePrincipal = { ...principalFor('caseworker', { organisation: homeOrg }), name: 'Bo Kollega' };
const colleague = await createSession(db, colleaguePrincipal);
const foreign = await createSession(db, { ...principalFor('caseworker', { organisation: otherOrg }), name: 'Frede Fremmed' });
// The staff directory, as their sign-ins would have filled it.
for (const p of [caseworkerPrincipal, colleaguePrincipal])
  await sql`insert into staff_member (organisation_id, subject, name, roles) values (${homeOrg.id}, ${p.subject}, ${p.name}, ${['caseworker']})`.execute(db);
// The citizen's e-mail for notifications.
await sql`insert into notification_preference (citizen_id, email) values (${citizen.id}::uuid, 'sofie@example.test')`.execute(db);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const formTokenIn = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const threadIdOf = (location: string | undefined) => /\/beskeder\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const count = async (table: 'message_thread' | 'message' | 'message_attachment') =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);

type File = { bytes: Buffer; name: string; type: string };

/** Sends a form with attachments as multipart/form-data, as a browser without JavaScript does, from the page `from`. */
async function multipart(token: string, from: string, action: string, fields: Record<string, string>, files: File[] = []) {
  const page = await open(token, from);
  const boundary = `----jobunivers${Date.now()}${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: csrfTokenIn(page.body), ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files)
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="attachments"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/** The citizen's new-thread form, sent with its own one-time token unless one is given. */
async function writeThread(fields: Record<string, string>, files: File[] = [], formToken?: string) {
  const token = formToken ?? formTokenIn((await open(citizenToken, '/borger/beskeder/ny')).body);
  return multipart(citizenToken, '/borger/beskeder/ny', '/borger/beskeder/ny', { _skema: token, ...fields }, files);
}

let threadId = '';
let attachmentId = '';

test('a citizen writes to Jobcentret with a PDF; the municipality’s team sees it in its inbox, unread, and is notified', async () => {
  const form = await open(citizenToken, '/borger/beskeder/ny');
  assert.equal(form.statusCode, 200);
  assert.match(text(form.body), /Til: Jobcentret/);
  const sent = await writeThread({ subject: '  Spørgsmål om mit CV  ', body: 'Kan I se mit CV igennem?' }, [
    { bytes: PDF, name: 'cv.pdf', type: 'application/pdf' },
  ]);
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
  threadId = threadIdOf(sent.headers.location);
  assert.ok(threadId);
  const thread = await db.selectFrom('message_thread').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
  assert.equal(thread.organisation_id, homeOrg.id, 'to the organisation responsible for the citizen');
  assert.equal(thread.subject, 'Spørgsmål om mit CV', 'trimmed');
  assert.equal(thread.status, 'open');
  assert.equal(thread.assigned_subject, null);
  assert.ok(thread.expected_answer_by && thread.expected_answer_by.getTime() > Date.now());
  const attachment = await db
    .selectFrom('message_attachment')
    .select(['id', 'content_type', 'file_name', 'size_bytes'])
    .where('thread_id', '=', threadId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    { type: attachment.content_type, name: attachment.file_name, size: attachment.size_bytes },
    { type: 'application/pdf', name: 'cv.pdf', size: PDF.length },
  );
  attachmentId = attachment.id;

  const teamNotice = await sql<{ kind: string; link: string; params: unknown }>`
    select kind, link, params from notification where recipient = 'team' and organisation_id = ${homeOrg.id}`.execute(db);
  assert.deepEqual(
    teamNotice.rows.map((n) => [n.kind, n.link]),
    [['message', `/medarbejder/beskeder/${threadId}`]],
    'the team (nobody is assigned) is notified once',
  );
  assert.doesNotMatch(JSON.stringify(teamNotice.rows), /CV igennem/, 'never the content');

  const inbox = await open(caseworker, '/medarbejder/beskeder');
  assert.equal(inbox.statusCode, 200);
  assert.match(text(inbox.body), /Spørgsmål om mit CV/);
  assert.match(text(inbox.body), /Ulæst/);
  const unassigned = await open(caseworker, '/medarbejder/beskeder?vis=unassigned&ulaest=1');
  assert.match(text(unassigned.body), /Spørgsmål om mit CV/);
  const mine = await open(caseworker, '/medarbejder/beskeder?vis=mine');
  assert.doesNotMatch(text(mine.body), /Spørgsmål om mit CV/, 'not assigned to anyone yet');
  const otherInbox = await open(foreign, '/medarbejder/beskeder');
  assert.equal(otherInbox.statusCode, 200);
  assert.doesNotMatch(text(otherInbox.body), /Spørgsmål om mit CV/, 'another municipality’s team does not see it');

  const list = await open(citizenToken, '/borger/beskeder');
  assert.match(text(list.body), /Spørgsmål om mit CV/);
  const own = await open(citizenToken, `/borger/beskeder/${threadId}`);
  assert.equal(own.statusCode, 200);
  assert.match(text(own.body), /Du kan forvente svar senest/);
  assert.match(own.body, new RegExp(`/borger/beskeder/${threadId}/bilag/${attachmentId}`));
});

test('a resubmitted new-thread form (the same one-time token) makes one thread', async () => {
  const before = await count('message_thread');
  const token = formTokenIn((await open(citizenToken, '/borger/beskeder/ny')).body);
  const first = await writeThread({ subject: 'Dobbeltklik', body: 'Sendt to gange' }, [], token);
  const second = await writeThread({ subject: 'Dobbeltklik', body: 'Sendt to gange' }, [], token);
  assert.equal(first.statusCode, 303);
  assert.equal(second.statusCode, 303);
  assert.equal(threadIdOf(second.headers.location), threadIdOf(first.headers.location), 'the resubmit leads to the first thread');
  assert.equal(await count('message_thread'), before + 1);
});

test('id guessing: another municipality’s staff and another citizen get 404 for the thread and the attachment', async () => {
  for (const [who, session, base] of [
    ['another municipality’s caseworker', foreign, '/medarbejder/beskeder'],
    ['another citizen', neighbourToken, '/borger/beskeder'],
  ] as const) {
    assert.equal((await open(session, `${base}/${threadId}`)).statusCode, 404, `${who}: thread`);
    const file = await open(session, `${base}/${threadId}/bilag/${attachmentId}`);
    assert.equal(file.statusCode, 404, `${who}: attachment`);
    assert.doesNotMatch(file.body, /%PDF/);
  }
  // The attachment under another (guessed) thread id is not found either.
  assert.equal((await open(citizenToken, `/borger/beskeder/00000000-0000-4000-9000-000000000001/bilag/${attachmentId}`)).statusCode, 404);
  const messages = await count('message');
  const foreignReply = await multipart(foreign, '/medarbejder/beskeder', `/medarbejder/beskeder/${threadId}`, { body: 'Fremmed svar' });
  assert.equal(foreignReply.statusCode, 404);
  const neighbourReply = await multipart(neighbourToken, '/borger/beskeder', `/borger/beskeder/${threadId}`, { body: 'Nabosvar' });
  assert.equal(neighbourReply.statusCode, 404);
  assert.equal(await count('message'), messages, 'nothing written');
  const logged = await db.selectFrom('access_log').select('id').where('citizen_id', '=', citizen.id).where('data_category', '=', 'messages').execute();
  assert.equal(logged.length, 0, 'nothing read, nothing logged');
});

test('the participants get the attachment as a download of its own type, never sniffed', async () => {
  for (const [session, base] of [
    [citizenToken, '/borger/beskeder'],
    [caseworker, '/medarbejder/beskeder'],
  ] as const) {
    const file = await open(session, `${base}/${threadId}/bilag/${attachmentId}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="cv\.pdf"/);
    assert.deepEqual(file.rawPayload, PDF);
  }
});

test('a PNG named .pdf and sent as application/pdf is judged by its bytes: kept and served as a PNG', async () => {
  const image = png({ width: 4, height: 4 });
  const sent = await writeThread({ subject: 'Billede', body: 'Her er et billede' }, [{ bytes: image, name: 'scan.pdf', type: 'application/pdf' }]);
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const id = threadIdOf(sent.headers.location);
  const row = await db.selectFrom('message_attachment').select(['id', 'content_type', 'file_name']).where('thread_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.content_type, 'image/png');
  assert.equal(row.file_name, 'scan.png');
  const file = await open(citizenToken, `/borger/beskeder/${id}/bilag/${row.id}`);
  assert.equal(file.headers['content-type'], 'image/png');
  assert.match(String(file.headers['content-disposition']), /^attachment; filename="scan\.png"/);
});

test('an .exe or an HTML file is refused with a field message, and nothing is written', async () => {
  const before = await Promise.all([count('message_thread'), count('message'), count('message_attachment')]);
  for (const file of [
    { bytes: EXE, name: 'program.exe', type: 'application/octet-stream' },
    { bytes: HTML, name: 'side.pdf', type: 'application/pdf' },
    { bytes: HTML, name: 'side.html', type: 'text/html' },
  ]) {
    const refused = await writeThread({ subject: 'Fil', body: 'Se filen' }, [{ bytes: PDF, name: 'ok.pdf', type: 'application/pdf' }, file]);
    assert.equal(refused.statusCode, 400, file.name);
    assert.match(text(refused.body), new RegExp(`»${file.name.replace('.', '\\.')}« er ikke en PDF, PNG eller JPEG`));
    assert.match(refused.body, /href="#field-attachments"/, 'the error summary names the field');
    assert.match(refused.body, /value="Fil"/, 'what was typed is kept');
  }
  assert.deepEqual(await Promise.all([count('message_thread'), count('message'), count('message_attachment')]), before, 'no half-written thread');
});

test('a multipart form without its CSRF token is refused before anything is written', async () => {
  const before = await count('message_thread');
  const boundary = '----jobuniversnocsrf';
  const payload = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="subject"\r\n\r\nUden token\r\n--${boundary}\r\ncontent-disposition: form-data; name="body"\r\n\r\nHej\r\n--${boundary}--\r\n`,
  );
  const refused = await app.inject({
    method: 'POST',
    url: '/borger/beskeder/ny',
    headers: { cookie: `jobunivers-session=${citizenToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  assert.equal(refused.statusCode, 403);
  assert.equal(await count('message_thread'), before);
});

test('a file over 10 MB is refused with a field message, and nothing is written', async () => {
  const before = await count('message_thread');
  const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
  const refused = await writeThread({ subject: 'Stor fil', body: 'Meget stor' }, [{ bytes: big, name: 'stor.pdf', type: 'application/pdf' }]);
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /»stor\.pdf« er større end 10 MB/);
  assert.equal(await count('message_thread'), before);
  // Exactly 10 MB is allowed.
  const fits = await writeThread({ subject: 'Præcis 10 MB', body: 'Lige nok' }, [
    { bytes: big.subarray(0, 10 * 1024 * 1024), name: 'fuld.pdf', type: 'application/pdf' },
  ]);
  assert.equal(fits.statusCode, 303);
});

test('read marks on both sides; a staff read writes exactly one Min Log entry (messages); the reply notifies the citizen', async () => {
  const status = async () =>
    (await db.selectFrom('message_thread_status').select(['unread_by_staff']).where('thread_id', '=', threadId).executeTakeFirstOrThrow()).unread_by_staff;
  assert.equal(await status(), true, 'unread by the team');
  const first = await open(caseworker, `/medarbejder/beskeder/${threadId}`);
  assert.equal(first.statusCode, 200);
  assert.match(text(first.body), /Fra Sofie Besked/);
  assert.match(text(first.body), /Kan I se mit CV igennem\?/);
  await open(caseworker, `/medarbejder/beskeder/${threadId}`);
  assert.equal(await status(), false, 'read by the team');
  const log = await db
    .selectFrom('access_log')
    .select(['actor_name', 'action', 'data_category', 'purpose_code', 'count'])
    .where('citizen_id', '=', citizen.id)
    .execute();
  assert.deepEqual(
    log.map((e) => [e.actor_name, e.action, e.data_category, e.purpose_code]),
    [['Anne Sagsbehandler', 'read', 'messages', 'message_thread']],
    'one entry, the second read counted on it',
  );
  assert.equal(log[0]?.count, 2);
  const minLog = await open(citizenToken, '/borger/min-log');
  assert.match(text(minLog.body), /Læse og besvare dine beskeder til jobcentret/);
  const minLogEn = await open(citizenToken, '/borger/min-log', { cookie: `jobunivers-session=${citizenToken}; lang=en` });
  assert.match(text(minLogEn.body), /Reading and answering your messages to the job centre/);

  // Assigned to a colleague: they are notified and see it under "mine".
  const assigned = await post(caseworker, `/medarbejder/beskeder/${threadId}`, `/medarbejder/beskeder/${threadId}/tildel`, {
    assignee: colleaguePrincipal.subject,
  });
  assert.equal(assigned.statusCode, 303);
  assert.match(text((await open(colleague, '/medarbejder/beskeder?vis=mine')).body), /Spørgsmål om mit CV/);
  const unknown = await post(caseworker, `/medarbejder/beskeder/${threadId}`, `/medarbejder/beskeder/${threadId}/tildel`, { assignee: 'someone-else' });
  assert.equal(unknown.statusCode, 400);
  assert.match(text(unknown.body), /Vælg en sagsbehandler fra listen/);

  const citizenNotices = async () =>
    (await sql<{ kind: string; link: string }>`select kind, link from notification where citizen_id = ${citizen.id}::uuid order by created_at`.execute(db))
      .rows;
  assert.equal((await citizenNotices()).length, 0);
  const page = await open(caseworker, `/medarbejder/beskeder/${threadId}`);
  const answered = await multipart(caseworker, `/medarbejder/beskeder/${threadId}`, `/medarbejder/beskeder/${threadId}`, {
    _skema: formTokenIn(page.body),
    body: '  Ja, vi kigger på det i morgen.  ',
  });
  assert.equal(answered.statusCode, 303, answered.body.slice(0, 300));
  assert.deepEqual(await citizenNotices(), [{ kind: 'message', link: `/borger/beskeder/${threadId}` }], 'the citizen is notified once');
  const deliveries = await sql<{ channel: string }>`
    select d.channel from notification_delivery d join notification n on n.id = d.notification_id where n.citizen_id = ${citizen.id}::uuid`.execute(db);
  assert.ok(
    deliveries.rows.some((d) => d.channel === 'email'),
    'the e-mail to the citizen’s address is queued',
  );
  // The delivery job's work, run now: one e-mail over SMTP to the citizen, saying there is a message — not what it says.
  await deliverNotifications(appDb, config, { mailer, sms: createSmsSimulator(appDb) });
  const mails = await caughtMails(db, { to: 'sofie@example.test' });
  assert.equal(mails.length, 1);
  assert.doesNotMatch(`${mails[0]?.subject} ${mails[0]?.text} ${mails[0]?.html ?? ''}`, /kigger på det|Spørgsmål om mit CV/, 'never the content');
  assert.match(mails[0]?.text ?? '', new RegExp(`/borger/beskeder/${threadId}`));
  const stored = await db.selectFrom('message').select('body').where('thread_id', '=', threadId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  assert.equal(stored.body, 'Ja, vi kigger på det i morgen.', 'trimmed');

  const list = await open(citizenToken, '/borger/beskeder');
  assert.match(
    list.body,
    /<strong><a href="\/borger\/beskeder\/[^"]+">Spørgsmål om mit CV<\/a><\/strong> <span class="badge badge-small">Ulæst/,
    'unread, first',
  );
  const thread = await open(citizenToken, `/borger/beskeder/${threadId}`);
  assert.match(text(thread.body), /Ja, vi kigger på det i morgen\./);
  const after = await open(citizenToken, '/borger/beskeder');
  assert.doesNotMatch(after.body, /Spørgsmål om mit CV<\/a><\/strong>/, 'read by the citizen');
  assert.equal(await status(), false);
  const row = await db.selectFrom('message_thread').select(['status', 'expected_answer_by']).where('id', '=', threadId).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'answered', expected_answer_by: null });
});

test('a handed-over question becomes one thread with the articles shown; the answer notifies with kind answer', async () => {
  const before = await count('message_thread');
  const articles = [{ id: 'a1', title: 'Sådan skriver du et CV' }];
  const result = await startThreadFromQuestion(appDb, citizenPrincipal, {
    question: 'Hvordan får jeg hjælp til transport?',
    articles,
    formToken: 'q'.repeat(32),
  });
  const again = await startThreadFromQuestion(appDb, citizenPrincipal, {
    question: 'Hvordan får jeg hjælp til transport?',
    articles,
    formToken: 'q'.repeat(32),
  });
  assert.equal(again.threadId, result.threadId, 'once per form');
  assert.equal(await count('message_thread'), before + 1);
  assert.ok(result.expectedAnswerBy.getTime() > Date.now());
  const page = await open(caseworker, `/medarbejder/beskeder/${result.threadId}`);
  assert.match(text(page.body), /Sådan skriver du et CV/, 'the articles shown are there for staff');
  const answered = await multipart(caseworker, `/medarbejder/beskeder/${result.threadId}`, `/medarbejder/beskeder/${result.threadId}`, {
    _skema: formTokenIn(page.body),
    body: 'Du kan søge om befordring.',
  });
  assert.equal(answered.statusCode, 303);
  const notices = await sql<{
    kind: string;
  }>`select kind from notification where citizen_id = ${citizen.id}::uuid and link = ${`/borger/beskeder/${result.threadId}`}`.execute(db);
  assert.deepEqual(
    notices.rows.map((n) => n.kind),
    ['answer'],
  );
});

test('the caseload’s and the citizen page’s reads: unread threads per citizen, and a summary without content', async () => {
  const summary = await citizenMessagesSummary(appDb, caseworkerPrincipal, citizen.id);
  assert.ok(summary.threads.some((t) => t.subject === 'Spørgsmål om mit CV'));
  const unread = await unreadThreadsForCitizens(appDb, caseworkerPrincipal, [citizen.id, neighbour.id]);
  assert.ok(unread.has(citizen.id), 'threads the team has not opened yet');
  assert.ok(!unread.has(neighbour.id));
  const foreignSummary = await citizenMessagesSummary(appDb, { ...principalFor('caseworker', { organisation: otherOrg }) }, citizen.id);
  assert.equal(foreignSummary.threads.length, 0, 'another municipality sees none');
});

test('the municipality’s expected answer time: set by its admin, counted in weekday hours', async () => {
  const admin = await createSession(db, principalFor('municipal_admin', { organisation: homeOrg }));
  const page = await open(admin, '/kommune/beskeder/indstillinger');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /value="48"/, 'the default: two working days');
  const refused = await post(admin, '/kommune/beskeder/indstillinger', '/kommune/beskeder/indstillinger', { answerWithinHours: '0' });
  assert.equal(refused.statusCode, 400);
  const saved = await post(admin, '/kommune/beskeder/indstillinger', '/kommune/beskeder/indstillinger', { answerWithinHours: '24' });
  assert.equal(saved.statusCode, 303);
  assert.equal(
    (await db.selectFrom('message_settings').select('answer_within_hours').where('municipality_code', '=', home.code).executeTakeFirstOrThrow())
      .answer_within_hours,
    24,
  );
  assert.equal((await open(caseworker, '/kommune/beskeder/indstillinger')).statusCode, 403, 'a caseworker does not set it');

  // Friday 14:00 Copenhagen + 24 weekday hours = Monday 14:00; with opening hours until 15:00 it stays; at 16:00 it moves on.
  const friday = new Date('2026-12-04T13:00:00Z');
  assert.equal(expectedAnswerTime(friday, 24).toISOString(), '2026-12-07T13:00:00.000Z');
  assert.equal(expectedAnswerTime(friday, 48).toISOString(), '2026-12-08T13:00:00.000Z');
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '15:00' }));
  assert.equal(expectedAnswerTime(friday, 24, hours).toISOString(), '2026-12-07T13:00:00.000Z');
  assert.equal(expectedAnswerTime(new Date('2026-12-04T15:30:00Z'), 24, hours).toISOString(), '2026-12-08T14:00:00.000Z', 'Monday 16:30 → Tuesday’s close');
});

test('a citizen an a-kasse helps now writes to the a-kasse: its caseworkers see the thread, the municipality’s do not', async () => {
  const akasse = await createOrganisation(db, { kind: 'akasse' });
  const member = await createCitizen(db, { municipalityCode: home.code, name: 'Aske Akasse' });
  await handOverCitizen(db, { id: member.id, municipalityCode: home.code }, akasse.id, '2026-01-01');
  const principal = { ...principalFor('citizen', { municipalityCode: home.code, citizenId: member.id }), name: 'Aske Akasse' };
  const { threadId: id } = await startThreadFromQuestion(appDb, principal, { question: 'Hvornår får jeg dagpenge?', articles: [] });
  const row = await db.selectFrom('message_thread').select('organisation_id').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.organisation_id, akasse.id);
  const akasseCaseworker = await createSession(db, { ...principalFor('caseworker', { organisation: akasse }), name: 'Karin Kasse' });
  assert.equal((await open(akasseCaseworker, `/medarbejder/beskeder/${id}`)).statusCode, 200);
  assert.equal((await open(caseworker, `/medarbejder/beskeder/${id}`)).statusCode, 404, 'the municipality is not the one written to');
  // The database refuses a thread to any other organisation than the one responsible, whatever the code says.
  await assert.rejects(
    appDb.transaction().execute(async (trx) => {
      await sql`select set_config('app.citizen', ${member.id}, true)`.execute(trx);
      await sql`insert into message_thread (citizen_id, municipality_code, organisation_id, subject) values (${member.id}::uuid, ${home.code}, ${homeOrg.id}, 'x')`.execute(
        trx,
      );
    }),
    /row-level security/,
  );
});

test('English pages carry the same forms', async () => {
  const en = { cookie: `jobunivers-session=${citizenToken}; lang=en` };
  const list = await open(citizenToken, '/borger/beskeder', en);
  assert.match(text(list.body), /Write to the job centre/);
  const inbox = await open(caseworker, '/medarbejder/beskeder', { cookie: `jobunivers-session=${caseworker}; lang=en` });
  assert.match(text(inbox.body), /The team’s messages/);
});
