// E-mail: the platform's mailer sends over real SMTP (nodemailer), here to the app's own SMTP catcher (smtp-server),
// which parses each mail (mailparser) into dev_mail; /udvikling/mails shows them. Production has neither catcher nor page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { startMailCatcher } from '../src/modules/dev-mail/index.ts';
import { isAppError } from '../src/platform/errors.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer, withMailer } from '../src/platform/mail/mailer.ts';
import { cookiesFrom, createTestApp, csrfPairFor } from './support/app.ts';
import { caughtMails, waitForMail } from './support/mail.ts';
import { freePort } from './support/server.ts';

const testApp = await createTestApp({ seed: false, mailCatcher: true });
const { app, db, config } = testApp;
const catcher = testApp.mailCatcher;
if (!catcher) throw new Error('createTestApp started no mail catcher');
const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);

async function assertValidHtml(body: string, name: string): Promise<void> {
  const report = await validator.validateString(body, name);
  const messages = report.results.flatMap((result) => result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(messages, []);
}

const english = { cookie: 'lang=en' };

test('the app is given the catcher as its SMTP server, on loopback', () => {
  assert.equal(config.mail.catcher, true);
  assert.equal(config.mail.smtpUrl, catcher.url);
  assert.match(catcher.url, /^smtp:\/\/127\.0\.0\.1:\d+$/);
});

test('the mailer sends with List-Unsubscribe one-click, and the catcher keeps subject, recipient, text and headers', async () => {
  const to = 'mette.jensen@example.dk';
  const sent = await withMailer(config, (mailer) =>
    mailer.send({
      to,
      subject: 'Nye job til dig: pædagogmedhjælper i Århus',
      text: 'Der er 3 nye job, der passer til din jobagent.\n\nSe dem her: https://jobunivers.example.dk/borger/job?agent=7.\nAfmeld: https://jobunivers.example.dk/afmeld/abc123\n',
      html: '<p>Der er 3 nye job.</p>',
      headers: { 'X-Jobunivers-Agent': '7' },
      listUnsubscribe: { url: 'https://jobunivers.example.dk/afmeld/abc123', oneClick: true },
    }),
  );
  assert.match(sent?.messageId ?? '', /^<.+@.+>$/);
  // The catcher answers 250 only once the row is stored: no waiting.
  const [mail, ...others] = await caughtMails(db, { to });
  assert.ok(mail);
  assert.equal(others.length, 0);
  assert.equal(mail.subject, 'Nye job til dig: pædagogmedhjælper i Århus');
  assert.deepEqual(mail.rcptTo, [to]);
  assert.equal(mail.mailFrom, 'ikke-svar@jobunivers.localhost');
  assert.match(mail.text, /Afmeld: https:\/\/jobunivers\.example\.dk\/afmeld\/abc123/);
  assert.equal(mail.html, '<p>Der er 3 nye job.</p>');
  assert.equal(mail.header('List-Unsubscribe'), '<https://jobunivers.example.dk/afmeld/abc123>');
  assert.equal(mail.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  assert.equal(mail.header('X-Jobunivers-Agent'), '7');
  assert.equal(mail.header('Message-ID'), sent?.messageId);
  assert.match(mail.header('From') ?? '', /Jobunivers.*<ikke-svar@jobunivers\.localhost>/);
  assert.equal(mail.header('Subject'), mail.subject, 'the subject header is kept decoded');
  assert.match(mail.raw.toString('latin1'), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
});

test('a mail from any SMTP client lands too: nodemailer straight to the catcher, two recipients, HTML only', async () => {
  const transport = createTransport(catcher.url);
  try {
    await transport.sendMail({
      from: 'Leverandør <test@leverandoer.example.dk>',
      to: ['anne.kofoed@example.dk', 'peter.holm@example.dk'],
      subject: 'Direkte via SMTP',
      html: '<p onclick="alert(1)">Hej <script>alert("xss")</script><a href="javascript:alert(2)">klik</a></p>',
    });
  } finally {
    transport.close();
  }
  const [mail] = await caughtMails(db, { to: 'peter.holm@example.dk' });
  assert.ok(mail);
  assert.deepEqual(mail.rcptTo, ['anne.kofoed@example.dk', 'peter.holm@example.dk']);
  assert.equal(mail.mailFrom, 'test@leverandoer.example.dk');
  assert.match(mail.html ?? '', /<script>/);
});

test('a test can wait for a mail sent in its own time', async () => {
  const to = 'ventende@example.dk';
  const waiting = waitForMail(catcher, db, { to, subject: 'Senere' });
  const mailer = createMailer(config);
  try {
    await mailer.send({ to: 'en.anden@example.dk', subject: 'Senere', text: 'Ikke denne.' });
    await mailer.send({ to, subject: 'Senere', text: 'Denne.' });
  } finally {
    mailer.close();
  }
  assert.equal((await waiting).text.trim(), 'Denne.');
  // Already caught: found at once.
  assert.equal((await waitForMail(catcher, db, { to })).subject, 'Senere');
});

test('the page lists the caught mails newest first, and opens one with its headers and its text’s links as links', async () => {
  const list = await app.inject({ url: '/udvikling/mails' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /<h1>Opfangede mails<\/h1>/);
  assert.match(list.body, new RegExp(`tager imod på ${catcher.url.replaceAll('.', '\\.')}`));
  assert.ok(list.body.indexOf('Direkte via SMTP') < list.body.indexOf('Nye job til dig'), 'newest first');
  assert.match(list.body, /anne\.kofoed@example\.dk, peter\.holm@example\.dk/);
  await assertValidHtml(list.body, 'mails.html');

  const [mail] = await caughtMails(db, { to: 'mette.jensen@example.dk' });
  assert.ok(mail);
  const href = `/udvikling/mails/${mail.id}`;
  assert.ok(list.body.includes(`href="${href}"`), 'each mail links to its page');
  const page = await app.inject({ url: href });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Nye job til dig: pædagogmedhjælper i Århus<\/h1>/);
  assert.match(page.body, /<dt>From<\/dt><dd>.*ikke-svar@jobunivers\.localhost/);
  assert.match(page.body, /<dt>To<\/dt><dd>mette\.jensen@example\.dk<\/dd>/);
  assert.match(page.body, /<dt>Date<\/dt>/);
  assert.match(page.body, /<dt>List-Unsubscribe<\/dt><dd>&lt;<a href="https:\/\/jobunivers\.example\.dk\/afmeld\/abc123">/);
  // The text's links are links; the full stop after one is not part of it.
  assert.match(page.body, /<pre class="mail-text">[^]*Afmeld: <a href="https:\/\/jobunivers\.example\.dk\/afmeld\/abc123">/);
  assert.match(
    page.body,
    /Se dem her: <a href="https:\/\/jobunivers\.example\.dk\/borger\/job\?agent=7">https:\/\/jobunivers\.example\.dk\/borger\/job\?agent=7<\/a>\./,
  );
  await assertValidHtml(page.body, 'mail.html');

  const inEnglish = await app.inject({ url: href, headers: english });
  assert.match(inEnglish.body, /<html lang="en">/);
  assert.match(inEnglish.body, /Back to caught mails/);
  assert.match(inEnglish.body, /<h2>Header fields<\/h2>/);
  assert.match(inEnglish.body, /Afmeld: <a href="https:\/\/jobunivers\.example\.dk\/afmeld\/abc123">/);
  const listInEnglish = await app.inject({ url: '/udvikling/mails', headers: english });
  assert.match(listInEnglish.body, /<h1>Caught mails<\/h1>/);
  assert.match(listInEnglish.body, />Delete all<\/button>/);
});

test('a mail’s HTML is never rendered: it is shown as escaped source', async () => {
  const [mail] = await caughtMails(db, { to: 'anne.kofoed@example.dk' });
  assert.ok(mail);
  const page = await app.inject({ url: `/udvikling/mails/${mail.id}` });
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /<script>alert|<p onclick=|href="javascript:/);
  assert.match(
    page.body,
    /<details class="mt-5"><summary>HTML-udgaven som kildetekst[^<]*<\/summary><pre class="mail-text"><code>&lt;p onclick=&quot;alert\(1\)&quot;&gt;/,
  );
  assert.match(page.body, /Mailen har ingen tekstudgave\.|<pre class="mail-text">Hej/);
  await assertValidHtml(page.body, 'html-mail.html');
  assert.equal((await app.inject({ url: '/udvikling/mails/00000000-0000-4000-9000-0000000000e7' })).statusCode, 404);
});

test('the page is linked from every page’s footer while the catcher is on', async () => {
  const landing = await app.inject({ url: '/' });
  assert.match(landing.body, /<footer>[^]*<a href="\/udvikling\/mails">Udvikling: opfangede mails<\/a>/);
  const english = await app.inject({ url: '/tilgaengelighed', headers: { cookie: 'lang=en' } });
  assert.match(english.body, /<a href="\/udvikling\/mails">Development: caught mails<\/a>/);
});

test('25 to a page, newest first, and the next page after', async () => {
  const base = Date.parse('2020-01-01T08:00:00.000Z');
  await db
    .insertInto('dev_mail')
    .values(
      Array.from({ length: 26 }, (_, i) => ({
        received_at: new Date(base + i * 60_000),
        mail_from: 'ikke-svar@jobunivers.localhost',
        rcpt_to: ['side@example.dk'],
        subject: `Side-mail ${String(i).padStart(2, '0')}`,
        text_body: 'Tekst',
        html_body: null,
        headers: JSON.stringify([{ name: 'Subject', value: `Side-mail ${i}` }]),
        raw: Buffer.from('Subject: x\r\n\r\nTekst\r\n'),
        size: 22,
      })),
    )
    .execute();
  // The mails sent above are newer (2020 < now): the first page holds them and the newest old ones.
  const sent = (await caughtMails(db)).length - 26;
  const first = await app.inject({ url: '/udvikling/mails' });
  const rows = (body: string) => body.match(/<tr><td>/g)?.length ?? 0;
  assert.equal(rows(first.body), 25);
  const more = /<a href="(\/udvikling\/mails\?cursor=[^"]+)">Ældre mails<\/a>/.exec(first.body)?.[1];
  assert.ok(more, 'a link to the older mails');
  const second = await app.inject({ url: more.replaceAll('&amp;', '&') });
  assert.equal(second.statusCode, 200);
  assert.equal(rows(second.body), 26 + sent - 25);
  assert.match(second.body, /Side-mail 00/);
  assert.doesNotMatch(second.body, /Ældre mails/);
  assert.equal((await app.inject({ url: '/udvikling/mails?cursor=ikke-en-cursor' })).statusCode, 400);
});

test('"Slet alle" asks first, and then deletes every caught mail', async () => {
  assert.ok((await caughtMails(db)).length > 0);
  const pair = await csrfPairFor(app);
  const post = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/udvikling/mails/slet',
      headers: { cookie: pair.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: pair.token, ...fields }).toString(),
    });
  const asked = await post({});
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /<h1>Slet alle opfangede mails\?<\/h1>/);
  assert.match(asked.body, /<input type="hidden" name="bekraeft" value="ja">/);
  assert.match(asked.body, /<a class="button button-secondary" href="\/udvikling\/mails">/);
  await assertValidHtml(asked.body, 'confirm.html');
  assert.ok((await caughtMails(db)).length > 0, 'nothing is deleted before it is confirmed');

  const done = await post({ bekraeft: 'ja' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/udvikling/mails?slettet=1');
  assert.deepEqual(await caughtMails(db), []);
  const after = await app.inject({ url: done.headers.location, headers: { cookie: cookiesFrom(done, pair.cookie) } });
  assert.match(after.body, /Alle opfangede mails er slettet\./);
  assert.match(after.body, /Der er ingen opfangede mails\./);
  // Without a CSRF token nothing is deleted.
  const forged = await app.inject({
    method: 'POST',
    url: '/udvikling/mails/slet',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'bekraeft=ja',
  });
  assert.equal(forged.statusCode, 403);
});

test('a failing SMTP server is UNAVAILABLE, and the SMTP password is in neither the message nor the cause', async () => {
  const password = 'meget-hemmelig+kode';
  // A server that refuses the login and, carelessly, says the password back.
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(new Error(`Wrong password ${auth.password ?? ''} for ${auth.username ?? ''}`)),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const told = (error: unknown) => {
    assert.ok(isAppError(error));
    assert.equal(error.code, 'UNAVAILABLE');
    const cause = error.cause as Error & { response?: string };
    return JSON.stringify({
      message: error.message,
      detail: error.detail,
      stack: error.stack,
      cause: cause.message,
      causeStack: cause.stack,
      response: cause.response,
    });
  };
  const smtpUrl = (at: number) => `smtp://jobunivers:${encodeURIComponent(password)}@127.0.0.1:${at}`;
  const refusing = createMailer({ mail: { smtpUrl: smtpUrl(port), from: 'ikke-svar@jobunivers.dk', catcher: false } });
  const absent = createMailer({ mail: { smtpUrl: smtpUrl(await freePort()), from: 'ikke-svar@jobunivers.dk', catcher: false } });
  try {
    await assert.rejects(
      () => refusing.send({ to: 'mette.jensen@example.dk', subject: 'Test', text: 'Test' }),
      (error: unknown) => {
        const text = told(error);
        assert.match(text, /The mail could not be sent \(EAUTH\)\./);
        assert.match(text, /Wrong password \*\*\* for jobunivers/, 'the server’s answer is kept, less the password');
        assert.ok(!text.includes(password) && !text.includes(encodeURIComponent(password)), text);
        return true;
      },
    );
    await assert.rejects(
      () => absent.send({ to: 'mette.jensen@example.dk', subject: 'Test', text: 'Test' }),
      (error: unknown) => {
        const text = told(error);
        assert.match(text, /The mail could not be sent \(E[A-Z]+\)\./);
        assert.ok(!text.includes(password) && !text.includes(encodeURIComponent(password)), text);
        return true;
      },
    );
    await assert.rejects(
      () => refusing.send({ to: 'a@example.dk', subject: 'Test', text: 'Test', headers: { 'X-Evil': 'a\r\nBcc: b@example.dk' } }),
      (error: unknown) => isAppError(error) && error.code === 'VALIDATION',
    );
  } finally {
    refusing.close();
    absent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('production: no SMTP_URL means mail is off, no catcher and no page; MAIL_CATCHER=true is refused', async () => {
  const production = { NODE_ENV: 'production', COOKIE_SECRET: 'x'.repeat(40) };
  const { app: productionApp, config: productionConfig } = await createTestApp({ database: testApp, env: production });
  assert.deepEqual(productionConfig.mail, { smtpUrl: undefined, from: 'Jobunivers <ikke-svar@jobunivers.localhost>', catcher: false });
  assert.equal(await createMailer(productionConfig).send({ to: 'mette.jensen@example.dk', subject: 'Test', text: 'Test' }), undefined);
  for (const url of ['/udvikling/mails', '/udvikling/mails/00000000-0000-4000-9000-0000000000e7']) {
    assert.equal((await productionApp.inject({ url })).statusCode, 404, url);
  }
  const pair = await csrfPairFor(productionApp);
  const post = await productionApp.inject({
    method: 'POST',
    url: '/udvikling/mails/slet',
    headers: { cookie: pair.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: pair.token, bekraeft: 'ja' }).toString(),
  });
  assert.equal(post.statusCode, 404);
  assert.doesNotMatch((await productionApp.inject({ url: '/' })).body, /udvikling\/mails/);
  await assert.rejects(
    () => createTestApp({ database: testApp, env: { ...production, MAIL_CATCHER: 'true' } }),
    /MAIL_CATCHER must be false in production: the local SMTP catcher keeps every mail instead of sending it and shows them to anyone\./,
  );
});

test('the catcher listens on loopback only', async () => {
  await assert.rejects(() => startMailCatcher({ db, logger: createLogger({ level: 'silent' }), host: '0.0.0.0' }), /loopback only/);
});
