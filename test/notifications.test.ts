// Notifications (issue 18): `notify` from any tenant scope records one notification (a dedupe key makes it once); the
// delivery job sends each e-mail and SMS once, per the preferences read at delivery time, over real SMTP to the app's
// own catcher (read back from what it received and parsed, never a mock transport) and to the SMS simulator's table;
// a failed send is tried again later; the unsubscribe link switches off one kind's e-mail; a citizen reads only their
// own notifications (another's id is 404), and staff their own and their team's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import {
  createSmsSender,
  createSmsSimulator,
  deliverNotifications,
  deliverNotificationsJob,
  notify,
  type NotifyInput,
} from '../src/modules/notifications/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createOrganisation, createSession, principalFor } from './support/factories.ts';
import { caughtMails } from './support/mail.ts';

const { app, db, url, config, name, pool } = await createTestApp({ mailCatcher: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 3, asAppRole: true });
const mailer = createMailer(config);
after(async () => {
  mailer.close();
  await appDb.destroy();
});
const { open, post } = signedInForms(app);
const deliver = () => deliverNotifications(appDb, config, { mailer, sms: createSmsSimulator(appDb) });

const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: '630' });
const akasse = await createOrganisation(db, { kind: 'akasse' });
const anna = await createCitizen(db, { municipalityCode: '630', name: 'Anna Notifikation' });
const bo = await createCitizen(db, { municipalityCode: '630', name: 'Bo Notifikation' });
const annaSession = await createSession(db, principalFor('citizen', { municipalityCode: '630', citizenId: anna.id }));
const boSession = await createSession(db, principalFor('citizen', { municipalityCode: '630', citizenId: bo.id }));
const caseworker = principalFor('caseworker', { organisation: kommune });
const colleague = principalFor('caseworker', { organisation: kommune });
const outsider = principalFor('caseworker', { organisation: akasse });
const caseworkerSession = await createSession(db, caseworker);
const colleagueSession = await createSession(db, colleague);
const outsiderSession = await createSession(db, outsider);
const annaMail = 'anna.notifikation@example.dk';
const boMail = 'bo.notifikation@example.dk';

/** Notifies as a caseworker of the kommune would (its tenant scope), in its own transaction. */
const notifyAsStaff = (input: NotifyInput) => withTenant(appDb, { organisation: kommune.id }, (trx) => notify(trx, input));
const notificationsOf = (citizenId: string) => db.selectFrom('notification').selectAll().where('citizen_id', '=', citizenId).orderBy('created_at').execute();
const deliveriesOf = (notificationId: string) =>
  db.selectFrom('notification_delivery').selectAll().where('notification_id', '=', notificationId).orderBy('channel').execute();
const textsTo = (phone: string) => db.selectFrom('dev_sms').selectAll().where('sent_to', '=', phone).execute();
const savePreferences = (session: string, base: string, fields: Record<string, string | string[]>) =>
  post(session, `${base}/indstillinger`, `${base}/indstillinger`, fields);

test('the preferences form refuses a phone number that is not Danish, naming the field, and writes nothing; a good one is kept as +45 and 8 digits', async () => {
  const wrong = await savePreferences(annaSession, '/borger/notifikationer', { email: annaMail, mobil: '1234', sprog: 'da', mail: ['message'] });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Skriv et dansk mobilnummer med 8 cifre/);
  assert.match(wrong.body, /href="#field-mobil"/);
  assert.match(wrong.body, /value="anna.notifikation@example.dk"/, 'what was typed is shown again');
  assert.equal((await db.selectFrom('notification_preference').selectAll().where('citizen_id', '=', anna.id).execute()).length, 0);

  const saved = await savePreferences(annaSession, '/borger/notifikationer', {
    email: annaMail,
    mobil: '+45 20 30 40 50',
    sprog: 'da',
    mail: ['message', 'answer', 'suggestion'],
    sms: ['message'],
  });
  assert.equal(saved.statusCode, 303);
  const row = await db.selectFrom('notification_preference').selectAll().where('citizen_id', '=', anna.id).executeTakeFirstOrThrow();
  assert.equal(row.phone, '+4520304050');
  assert.deepEqual(row.email_kinds?.slice().sort(), ['answer', 'message', 'suggestion']);
  assert.deepEqual(row.sms_kinds, ['message']);
  const page = await open(annaSession, '/borger/notifikationer/indstillinger?gemt=1');
  assert.match(page.body, /Dine indstillinger er gemt/);
  assert.match(page.body, /value="\+4520304050"/);
});

test('notify from a caseworker’s scope reaches the citizen once per dedupe key; one e-mail over SMTP and one SMS, and a retried run sends nothing again', async () => {
  for (let i = 0; i < 2; i += 1)
    await notifyAsStaff({ recipient: { citizenId: anna.id }, kind: 'message', link: '/borger/beskeder/tråd-1', dedupeKey: 'test:message:1' });
  const [notification, ...more] = await notificationsOf(anna.id);
  assert.ok(notification);
  assert.equal(more.length, 0, 'the same dedupe key made one notification');

  const run = await deliver();
  assert.deepEqual(run, { sent: 2, skipped: 0, failed: 0 });
  const mails = await caughtMails(db, { to: annaMail });
  assert.equal(mails.length, 1);
  const [mail] = mails;
  assert.ok(mail);
  assert.equal(mail.subject, 'Jobunivers: Ny besked');
  assert.match(mail.text, /^Du har en ny besked i Jobunivers\.$/m);
  assert.ok(mail.text.includes(`${config.baseUrl}/borger/beskeder/tr%C3%A5d-1`) || mail.text.includes(`${config.baseUrl}/borger/beskeder/tråd-1`));
  assert.match(mail.text, /Afmeld dem her: http:\/\/[^/]+\/notifikationer\/afmeld\/message\.[0-9a-f]{64}/);
  assert.match(mail.header('List-Unsubscribe') ?? '', /^<http:\/\/[^>]+\/api\/public\/v1\/notifications\/unsubscribe\/message\.[0-9a-f]{64}>$/);
  assert.equal(mail.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const texts = await textsTo('+4520304050');
  assert.equal(texts.length, 1, 'the SMS simulator received one text');
  assert.match(texts[0]?.text ?? '', /^Du har en ny besked i Jobunivers\. http/);
  assert.deepEqual(
    (await deliveriesOf(notification.id)).map((d) => [d.channel, d.status, d.attempts]),
    [
      ['email', 'sent', 1],
      ['sms', 'sent', 1],
    ],
  );

  // The job itself, run again (as pg-boss would retry it after a success): nothing more is sent.
  const deps = { db: appDb, config, logger: createLogger({ level: 'silent' }) };
  await deliverNotificationsJob.handle({}, deps);
  await deliverNotificationsJob.handle({}, deps);
  assert.equal((await caughtMails(db, { to: annaMail })).length, 1);
  assert.equal((await textsTo('+4520304050')).length, 1);

  // Two runs at once (two workers): each delivery is claimed by one of them, so each is sent once.
  await notifyAsStaff({ recipient: { citizenId: anna.id }, kind: 'message', link: '/borger/beskeder/tråd-2', dedupeKey: 'test:message:2' });
  const runs = await Promise.all([deliver(), deliver(), deliver()]);
  assert.equal(
    runs.reduce((sum, r) => sum + r.sent, 0),
    2,
  );
  assert.equal((await caughtMails(db, { to: annaMail })).length, 2);
  assert.equal((await textsTo('+4520304050')).length, 2);
});

test('a kind switched off sends nothing (the delivery is skipped), while the notification is still in the app', async () => {
  await notifyAsStaff({ recipient: { citizenId: anna.id }, kind: 'meeting', link: '/borger/moeder', dedupeKey: 'test:meeting:1' });
  const run = await deliver();
  assert.deepEqual(run, { sent: 0, skipped: 2, failed: 0 }, 'Anna chose no e-mail and no SMS about meetings');
  const notification = (await notificationsOf(anna.id)).find((n) => n.kind === 'meeting');
  assert.ok(notification);
  assert.deepEqual(
    (await deliveriesOf(notification.id)).map((d) => [d.channel, d.status, d.detail]),
    [
      ['email', 'skipped', 'e-mail switched off for this kind'],
      ['sms', 'skipped', 'SMS switched off for this kind'],
    ],
  );
  assert.equal((await caughtMails(db, { to: annaMail })).length, 2, 'no new mail');
  // `channels: ['app']` (a caller that mails itself): no delivery at all.
  await notifyAsStaff({ recipient: { citizenId: anna.id }, kind: 'message', link: '/borger', channels: ['app'], dedupeKey: 'test:app-only' });
  const appOnly = (await notificationsOf(anna.id)).find((n) => n.dedupe_key === 'test:app-only');
  assert.ok(appOnly);
  assert.equal((await deliveriesOf(appOnly.id)).length, 0);
});

test('a refused send is tried again later and then sent once; in the person’s language (English)', async () => {
  await savePreferences(boSession, '/borger/notifikationer', { email: boMail, mobil: '', sprog: 'en', mail: ['answer'] });
  await notifyAsStaff({ recipient: { citizenId: bo.id }, kind: 'answer', link: '/borger/beskeder/2', dedupeKey: 'test:answer:bo' });
  // A real SMTP failure: nothing listens on the port (no mock transport).
  const broken = createMailer({ mail: { ...config.mail, smtpUrl: 'smtp://127.0.0.1:9' } });
  const failed = await deliverNotifications(appDb, config, { mailer: broken, sms: createSmsSimulator(appDb) });
  broken.close();
  assert.equal(failed.failed, 1);
  const [notification] = await notificationsOf(bo.id);
  assert.ok(notification);
  const [email, sms] = await deliveriesOf(notification.id);
  assert.equal(email?.status, 'failed');
  assert.equal(email?.attempts, 1);
  assert.ok((email?.next_attempt_at.getTime() ?? 0) > Date.now(), 'the next attempt waits');
  assert.equal(sms?.status, 'skipped', 'Bo gave no number');
  assert.deepEqual(await deliver(), { sent: 0, skipped: 0, failed: 0 }, 'not before its time');

  await sql`update notification_delivery set next_attempt_at = now() where notification_id = ${notification.id}::uuid`.execute(db);
  assert.deepEqual(await deliver(), { sent: 1, skipped: 0, failed: 0 });
  assert.deepEqual(await deliver(), { sent: 0, skipped: 0, failed: 0 });
  const mails = await caughtMails(db, { to: boMail });
  assert.equal(mails.length, 1);
  assert.equal(mails[0]?.subject, 'Jobunivers: Answer to your question');
  assert.match(mails[0]?.text ?? '', /^Your question has been answered in Jobunivers\.$/m);
  assert.doesNotMatch(mails[0]?.text ?? '', /Du har|Venlig hilsen|Afmeld/, 'no Danish text');
  assert.equal((await deliveriesOf(notification.id))[0]?.attempts, 2);
});

test('the unsubscribe link asks first, then switches off only that kind’s e-mail; the one-click POST does the same; an unknown link is 404', async () => {
  const [mail] = await caughtMails(db, { to: annaMail });
  const link = /http:\/\/[^/\s]+(\/notifikationer\/afmeld\/message\.[0-9a-f]{64})/.exec(mail?.text ?? '')?.[1];
  assert.ok(link);
  const page = await app.inject({ url: link });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Vil du stoppe mails om »Nye beskeder«\?/);
  const before = await db.selectFrom('notification_preference').select('email_kinds').where('citizen_id', '=', anna.id).executeTakeFirstOrThrow();
  assert.ok(before.email_kinds?.includes('message'), 'opening the link changed nothing');

  const done = await post(annaSession, link, link);
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /Du får ikke flere mails om »Nye beskeder«/);
  const afterwards = await db.selectFrom('notification_preference').select('email_kinds').where('citizen_id', '=', anna.id).executeTakeFirstOrThrow();
  assert.deepEqual(afterwards.email_kinds?.slice().sort(), ['answer', 'suggestion'], 'only that kind is off');

  // A new message now sends the SMS but no mail.
  await notifyAsStaff({ recipient: { citizenId: anna.id }, kind: 'message', link: '/borger/beskeder/3', dedupeKey: 'test:message:after-unsubscribe' });
  assert.deepEqual(await deliver(), { sent: 1, skipped: 1, failed: 0 });
  assert.equal((await caughtMails(db, { to: annaMail })).length, 2, 'no new mail');
  assert.equal((await textsTo('+4520304050')).length, 3);

  // RFC 8058: the mail client POSTs to the List-Unsubscribe address without a session.
  const oneClickUrl = /<http:\/\/[^/]+([^>]+)>/.exec(mail?.header('List-Unsubscribe') ?? '')?.[1]?.replace('/message.', '/suggestion.');
  assert.ok(oneClickUrl);
  const oneClick = await app.inject({
    method: 'POST',
    url: oneClickUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.statusCode, 200);
  assert.deepEqual(oneClick.json(), { unsubscribed: true });
  const last = await db.selectFrom('notification_preference').select('email_kinds').where('citizen_id', '=', anna.id).executeTakeFirstOrThrow();
  assert.deepEqual(last.email_kinds, ['answer']);

  const unknown = await app.inject({ url: `/notifikationer/afmeld/message.${'0'.repeat(64)}` });
  assert.equal(unknown.statusCode, 404);
  const unknownApi = await app.inject({ method: 'POST', url: `/api/public/v1/notifications/unsubscribe/message.${'0'.repeat(64)}` });
  assert.equal(unknownApi.statusCode, 404);
});

test('the centre lists the citizen’s own newest first with the unread count; opening one marks it read and goes to its link; another’s id is 404', async () => {
  const page = await open(annaSession, '/borger/notifikationer');
  assert.equal(page.statusCode, 200);
  const own = await notificationsOf(anna.id);
  assert.match(page.body, new RegExp(`${own.length} ulæste`));
  const newest = own.at(-1);
  assert.ok(newest);
  assert.ok(page.body.indexOf(`/borger/notifikationer/${newest.id}`) < page.body.indexOf(`/borger/notifikationer/${own[0]?.id}`), 'newest first');

  const opened = await open(annaSession, `/borger/notifikationer/${own[0]?.id}`);
  assert.equal(opened.statusCode, 303);
  assert.equal(opened.headers.location, own[0]?.link);
  assert.match((await open(annaSession, '/borger/notifikationer')).body, new RegExp(`${own.length - 1} ulæste`));

  // Bo guesses Anna's ids: not found, and nothing is marked.
  for (const n of own) assert.equal((await open(boSession, `/borger/notifikationer/${n.id}`)).statusCode, 404);
  assert.equal((await db.selectFrom('notification').select('read_at').where('id', '=', own[1]!.id).executeTakeFirstOrThrow()).read_at, null);
  const boPage = await open(boSession, '/borger/notifikationer');
  for (const n of own) assert.ok(!boPage.body.includes(n.id));
  // Row-level security as well: Bo's transaction sees none of Anna's rows.
  const seen = await withTenant(appDb, { citizen: bo.id }, (trx) => trx.selectFrom('notification').select('id').where('citizen_id', '=', anna.id).execute());
  assert.equal(seen.length, 0);

  const marked = await post(annaSession, '/borger/notifikationer', '/borger/notifikationer/laest');
  assert.equal(marked.statusCode, 303);
  const after = await open(annaSession, '/borger/notifikationer?markeret=1');
  assert.match(after.body, /Alle notifikationer er markeret som læst/);
  assert.match(after.body, /Du har ingen ulæste notifikationer/);
});

test('the centre pages through many notifications, a page at a time', async () => {
  for (let i = 0; i < 30; i += 1)
    await notifyAsStaff({ recipient: { citizenId: bo.id }, kind: 'recommendation', link: `/borger/markedsplads?i=${i}`, channels: ['app'] });
  const first = await open(boSession, '/borger/notifikationer');
  const ids = (body: string) => [...body.matchAll(/href="\/borger\/notifikationer\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  assert.equal(ids(first.body).length, 25);
  assert.match(first.body, /31 ulæste/);
  const next = /href="(\/borger\/notifikationer\?cursor=[^"]+)"/.exec(first.body)?.[1];
  assert.ok(next);
  const second = await open(boSession, next.replaceAll('&amp;', '&'));
  assert.equal(ids(second.body).length, 6);
  assert.equal(new Set([...ids(first.body), ...ids(second.body)]).size, 31);
});

test('staff see their own notifications and their team’s; a colleague not another’s own; another organisation none; e-mail to staff per their preferences', async () => {
  await withTenant(appDb, { citizen: anna.id }, (trx) =>
    notify(trx, { recipient: { team: kommune.id }, kind: 'message', link: '/medarbejder/beskeder/t1', dedupeKey: 'test:team:1' }),
  );
  await withTenant(appDb, { citizen: anna.id }, (trx) =>
    notify(trx, {
      recipient: { staffSubject: caseworker.subject, organisationId: kommune.id },
      kind: 'meeting',
      link: '/medarbejder/moeder/m1',
      dedupeKey: 'test:staff:1',
    }),
  );
  const byKey = (key: string) => db.selectFrom('notification').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
  const team = await byKey('test:team:1');
  const personal = await byKey('test:staff:1');
  const mine = await open(caseworkerSession, '/medarbejder/notifikationer');
  assert.equal(mine.statusCode, 200);
  assert.ok(mine.body.includes(team.id) && mine.body.includes(personal.id));
  assert.match(mine.body, /2 ulæste/);
  assert.match(mine.body, /Til dit team/);

  const theirs = await open(colleagueSession, '/medarbejder/notifikationer');
  assert.ok(theirs.body.includes(team.id), 'the team’s is every caseworker’s');
  assert.ok(!theirs.body.includes(personal.id));
  assert.equal((await open(colleagueSession, `/medarbejder/notifikationer/${personal.id}`)).statusCode, 404);
  const elsewhere = await open(outsiderSession, '/medarbejder/notifikationer');
  assert.ok(!elsewhere.body.includes(team.id) && !elsewhere.body.includes(personal.id));
  assert.equal((await open(outsiderSession, `/medarbejder/notifikationer/${team.id}`)).statusCode, 404);

  // Opening the team's marks it read for the one who opened it only.
  const opened = await open(caseworkerSession, `/medarbejder/notifikationer/${team.id}`);
  assert.equal(opened.headers.location, '/medarbejder/beskeder/t1');
  assert.match((await open(caseworkerSession, '/medarbejder/notifikationer')).body, /1 ulæste/);
  assert.match((await open(colleagueSession, '/medarbejder/notifikationer')).body, /1 ulæste/);

  // A team's notification is in the app only; the staff person's goes by e-mail once they give an address.
  assert.equal((await deliveriesOf(team.id)).length, 0);
  await savePreferences(caseworkerSession, '/medarbejder/notifikationer', {
    email: 'sagsbehandler@kommune.example.dk',
    mobil: '',
    sprog: 'da',
    mail: ['meeting'],
  });
  const run = await deliver();
  assert.equal(run.sent, 1);
  const [staffMail] = await caughtMails(db, { to: 'sagsbehandler@kommune.example.dk' });
  assert.equal(staffMail?.subject, 'Jobunivers: Nyt om et møde');
  assert.match(staffMail?.text ?? '', /\/medarbejder\/notifikationer\/indstillinger/);
});

test('the SMS simulator’s page shows the texts sent (outside production only)', async () => {
  const page = await app.inject({ url: '/udvikling/sms' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /\+4520304050/);
  assert.match(page.body, /Du har en ny besked i Jobunivers\./);
  assert.match((await app.inject({ url: '/' })).body, /href="\/udvikling\/sms"/, 'linked from the footer');
});

test('SMS_URL: production without it has no SMS; with it, the job POSTs each text to the gateway (Basic auth from the URL), and a refusal is tried again', async () => {
  const base = { DATA_DIR: config.dataDir, DATABASE_URL: url, COOKIE_SECRET: 'x'.repeat(40), TEST_IDP_ENABLED: 'false', SIMULATORS_ENABLED: 'false' };
  assert.deepEqual(loadConfig({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:25' }).sms, { url: undefined, simulator: false });
  assert.deepEqual(loadConfig({ ...base, NODE_ENV: 'development' }).sms, { url: undefined, simulator: true });
  assert.throws(() => loadConfig({ ...base, NODE_ENV: 'development', SMS_URL: 'ftp://sms.example.dk' }), /SMS_URL/);

  // A real HTTP gateway on this machine: the first text is refused (503), the next ones taken.
  const received: { authorization: string | undefined; body: unknown }[] = [];
  const gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, body: JSON.parse(body) as unknown });
      response.statusCode = received.length === 1 ? 503 : 202;
      response.end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  after(() => gateway.close());
  const port = (gateway.address() as AddressInfo).port;
  const withGateway = await createTestApp({ env: { SMS_URL: `http://jobunivers:hemmelig@127.0.0.1:${port}/send` }, database: { name, url, db, pool } });
  assert.equal((await withGateway.app.inject({ url: '/udvikling/sms' })).statusCode, 404, 'no simulator page with a gateway');

  await savePreferences(boSession, '/borger/notifikationer', { email: '', mobil: '87654321', sprog: 'da', sms: ['meeting-reminder'] });
  await notifyAsStaff({ recipient: { citizenId: bo.id }, kind: 'meeting-reminder', link: '/borger/moeder/1', params: { when: '2027-01-09T09:00:00.000Z' } });
  const sms = createSmsSender(withGateway.config, appDb);
  const send = () => deliverNotifications(appDb, withGateway.config, { mailer, sms });
  assert.equal((await send()).failed, 1);
  const reminder = (await notificationsOf(bo.id)).find((n) => n.kind === 'meeting-reminder');
  assert.ok(reminder);
  await sql`update notification_delivery set next_attempt_at = now() where notification_id = ${reminder.id}::uuid`.execute(db);
  assert.equal((await send()).sent, 1);
  assert.equal((await send()).sent, 0);
  assert.equal(received.length, 2);
  assert.equal(received[1]?.authorization, `Basic ${Buffer.from('jobunivers:hemmelig').toString('base64')}`);
  assert.deepEqual(received[1]?.body, {
    to: '+4587654321',
    text: `Husk dit møde i Jobunivers. Tidspunkt: 9. januar 2027 kl. 10.00 ${config.baseUrl}/borger/moeder/1`,
  });
  assert.equal((await textsTo('+4587654321')).length, 0, 'the simulator kept nothing');
});

test('the pages are valid HTML in every state: the centre, the settings refused and saved, the unsubscribe page, the SMS page', async () => {
  const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);
  const secret = (await db.selectFrom('notification_preference').select('unsubscribe_secret').where('citizen_id', '=', anna.id).executeTakeFirstOrThrow())
    .unsubscribe_secret;
  const pages = {
    'citizen centre': (await open(boSession, '/borger/notifikationer')).body,
    'staff centre': (await open(caseworkerSession, '/medarbejder/notifikationer?markeret=1')).body,
    'settings refused': (await savePreferences(annaSession, '/borger/notifikationer', { email: 'nej', mobil: '1', sprog: 'da' })).body,
    'settings saved': (await open(annaSession, '/borger/notifikationer/indstillinger?gemt=1')).body,
    'staff settings': (await open(caseworkerSession, '/medarbejder/notifikationer/indstillinger')).body,
    unsubscribe: (await app.inject({ url: `/notifikationer/afmeld/answer.${secret}` })).body,
    'unsubscribe unknown': (await app.inject({ url: `/notifikationer/afmeld/answer.${'0'.repeat(64)}` })).body,
    'sms page': (await app.inject({ url: '/udvikling/sms' })).body,
  };
  assert.match(pages['settings refused'], /id="field-email-error"/);
  const problems: string[] = [];
  for (const [page, body] of Object.entries(pages)) {
    const report = await validator.validateString(body, `${page}.html`);
    for (const result of report.results) for (const m of result.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  assert.deepEqual(problems, []);
});
