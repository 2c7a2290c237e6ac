// Job agents (issue 17): a citizen saves a search; a new matching ad gives exactly one in-app notice and one mail (read
// back from the SMTP catcher the app ships, sent over real SMTP); a daily agent's mail gathers the day's ads; the mail's
// unsubscribe link (and RFC 8058's one-click POST) switches the agent off; an ad seen before is never told again.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDatabase } from '../src/platform/db/database.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import {
  createJobFeedClient,
  createJobFeedSimulator,
  gatherDigests,
  ingestJobAds,
  mailNotices,
  matchAgents,
  searchJobs,
  startJobFeedSimulatorServer,
} from '../src/modules/jobs/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';
import { caughtMails } from './support/mail.ts';

const { app, db, url, config } = await createTestApp({ mailCatcher: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 3, asAppRole: true });
const mailer = createMailer(config);
after(async () => {
  mailer.close();
  await appDb.destroy();
});
const { open, post } = signedInForms(app);

const INITIAL = 300;
const simulator = createJobFeedSimulator({ seed: 'jobs-agents-test', initialAds: INITIAL });
simulator.setHead(INITIAL);
const server = await startJobFeedSimulatorServer(simulator);
after(() => server.close());
const feed = createJobFeedClient(server.url, 5000);
const today = copenhagenDate();
const ingest = () => ingestJobAds(appDb, feed, { today, pageSize: 200 });
await ingest();

const citizen = await createCitizen(db, { municipalityCode: '630', name: 'Agent Borger' });
const token = await createSession(db, principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }));
const email = 'agent.borger@example.dk';

const formTokenIn = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const agentsOf = () => db.selectFrom('job_agent').selectAll().where('citizen_id', '=', citizen.id).orderBy('created_at').execute();
const noticesOf = (agentId: string) => db.selectFrom('job_agent_notice').selectAll().where('agent_id', '=', agentId).orderBy('created_at').execute();
const run = async () => {
  await matchAgents(appDb, today);
  return mailNotices(appDb, config, mailer);
};

async function saveAgent(fields: Record<string, string>) {
  const form = await open(token, '/borger/job/agenter/ny?sted=Vejle&afstand=100');
  assert.equal(form.statusCode, 200);
  return post(token, '/borger/job/agenter/ny?sted=Vejle&afstand=100', '/borger/job/agenter', {
    _skema: formTokenIn(form.body),
    sted: 'Vejle',
    afstand: '100',
    ...fields,
  });
}

/** The new ads (seen after `afterSeq`) within 100 km of Vejle, as the search itself finds them. */
async function expectedNewAds(afterSeq: string): Promise<string[]> {
  const all: string[] = [];
  for (let page = 1; ; page += 1) {
    const result = await searchJobs(
      appDb,
      {
        query: '',
        occupations: [],
        occupationText: '',
        municipalities: [],
        place: 'Vejle',
        radiusKm: 100,
        hours: [],
        publishedWithinDays: undefined,
        deadlineFrom: undefined,
        sort: 'newest',
        page,
      },
      { now: new Date(), today },
    );
    all.push(...result.rows.map((r) => r.ad_id));
    if (page >= result.pageCount) break;
  }
  const fresh = await db
    .selectFrom('job_ad')
    .select('ad_id')
    .where('seen_seq', '>', afterSeq as never)
    .execute();
  const freshIds = new Set(fresh.map((r) => r.ad_id));
  return all.filter((id) => freshIds.has(id)).sort();
}

test('a form with a wrong e-mail is shown again with the field’s message and saves nothing; a resubmitted form saves one agent', async () => {
  const wrong = await saveAgent({ navn: 'Vejle og omegn', email: 'ikke-en-mail', hyppighed: 'immediate' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Skriv en mailadresse/);
  assert.match(wrong.body, /href="#field-email"/);
  assert.match(wrong.body, /name="sted" value="Vejle"/, 'the search is kept');
  assert.equal((await agentsOf()).length, 0);

  const form = await open(token, '/borger/job/agenter/ny?sted=Vejle&afstand=100');
  const fields = { _skema: formTokenIn(form.body), navn: 'Vejle og omegn', email, hyppighed: 'immediate', sted: 'Vejle', afstand: '100' };
  const first = await post(token, '/borger/job/agenter/ny', '/borger/job/agenter', fields);
  assert.equal(first.statusCode, 303);
  const again = await post(token, '/borger/job/agenter/ny', '/borger/job/agenter', fields);
  assert.equal(again.statusCode, 303);
  assert.equal((await agentsOf()).length, 1, 'the resubmit made no second agent');
});

test('new matching ads give exactly one in-app notice and one mail; nothing again for ads seen before', async () => {
  const [agent] = await agentsOf();
  assert.ok(agent);
  // Nothing new yet: no notice, no mail.
  await run();
  assert.equal((await noticesOf(agent.id)).length, 0);
  assert.equal((await caughtMails(db, { to: email })).length, 0);

  simulator.setHead(INITIAL + 120);
  await ingest();
  const expected = await expectedNewAds(agent.after_seq);
  assert.ok(expected.length > 0, 'some new ads lie within 100 km of Vejle');
  const mailed = await run();
  assert.equal(mailed.mailed, 1);
  const notices = await noticesOf(agent.id);
  assert.equal(notices.length, 1);
  assert.equal(notices[0]?.ads, expected.length);
  const found = await db.selectFrom('job_agent_match').select('ad_id').where('agent_id', '=', agent.id).execute();
  assert.deepEqual(found.map((m) => m.ad_id).sort(), expected);

  const mails = await caughtMails(db, { to: email });
  assert.equal(mails.length, 1);
  const [mail] = mails;
  assert.ok(mail);
  assert.equal(mail.subject, `${expected.length} nye job fra din jobagent »Vejle og omegn«`);
  for (const id of expected.slice(0, 50)) assert.ok(mail.text.includes(`/borger/job/${id}`), `the mail links ${id}`);
  assert.match(mail.header('List-Unsubscribe') ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/api\/public\/v1\/job-agents\/unsubscribe\/[\w-]{43}>$/);
  assert.equal(mail.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');

  // In the app: the agent shows its new jobs until opened.
  const list = await open(token, '/borger/job/agenter');
  assert.match(list.body, new RegExp(`${expected.length} nye job`));
  const opened = await open(token, `/borger/job/agenter/${agent.id}`);
  assert.equal(opened.statusCode, 200);
  assert.ok(
    (await noticesOf(agent.id)).every((n) => n.seen_at !== null),
    'opening the agent marks its notices seen',
  );

  // The same ads again — matched again, changed by the feed, or a run that finds nothing new — tell nothing.
  await run();
  simulator.setHead(INITIAL + 121);
  await ingest();
  await run();
  const after = await db.selectFrom('job_agent_match').select('ad_id').where('agent_id', '=', agent.id).execute();
  assert.equal(new Set(after.map((m) => m.ad_id)).size, after.length);
  const newest = (await noticesOf(agent.id)).slice(1);
  const newestAds = newest.reduce((sum, n) => sum + n.ads, 0);
  assert.equal(after.length, expected.length + newestAds, 'later notices hold only ads not told before');
  assert.equal((await caughtMails(db, { to: email })).length, 1 + newest.length);
});

test('a daily agent gathers the day’s ads into one digest mail', async () => {
  const form = await open(token, '/borger/job/agenter/ny?sted=Vejle&afstand=100');
  const created = await post(token, '/borger/job/agenter/ny', '/borger/job/agenter', {
    _skema: formTokenIn(form.body),
    navn: 'Dagens job',
    email: 'dagens@example.dk',
    hyppighed: 'daily',
    sted: 'Vejle',
    afstand: '100',
  });
  assert.equal(created.statusCode, 303);
  const daily = (await agentsOf()).find((a) => a.name === 'Dagens job');
  assert.ok(daily);
  for (const step of [40, 40]) {
    simulator.setHead(simulator.head() + step);
    await ingest();
    await run();
  }
  assert.equal((await noticesOf(daily.id)).length, 0, 'a daily agent tells nothing during the day');
  const found = await db.selectFrom('job_agent_match').select('ad_id').where('agent_id', '=', daily.id).execute();
  assert.ok(found.length > 0);
  assert.equal(await gatherDigests(appDb), 1);
  await mailNotices(appDb, config, mailer);
  const mails = await caughtMails(db, { to: 'dagens@example.dk' });
  assert.equal(mails.length, 1);
  assert.equal(mails[0]?.subject, 'Dagens nye job fra din jobagent »Dagens job«');
  assert.equal((await noticesOf(daily.id))[0]?.ads, found.length, 'one digest with every ad found that day');
  assert.equal(await gatherDigests(appDb), 0, 'nothing is gathered twice');
});

test('the mail’s link unsubscribes after asking, the one-click POST does it at once, and a stopped agent sends nothing', async () => {
  const [agent] = await agentsOf();
  assert.ok(agent);
  const [mail] = await caughtMails(db, { to: email });
  const link = /(http:\/\/\S+\/job\/agent\/afmeld\/[\w-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link, 'the mail has an unsubscribe link');
  const path = new URL(link).pathname;
  const page = await app.inject({ url: path, headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Vil du afmelde jobagenten »Vejle og omegn«/);
  assert.equal((await agentsOf()).find((a) => a.id === agent.id)?.active, true, 'opening the link changes nothing');

  const oneClick = new URL(/^<(.+)>$/.exec(mail?.header('List-Unsubscribe') ?? '')?.[1] ?? '').pathname;
  const answer = await app.inject({
    method: 'POST',
    url: oneClick,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  assert.equal(answer.statusCode, 200);
  assert.equal((await agentsOf()).find((a) => a.id === agent.id)?.active, false);
  const shown = await app.inject({ url: path, headers: { accept: 'text/html' } });
  assert.match(shown.body, /er afmeldt/);

  const mailsBefore = (await caughtMails(db, { to: email })).length;
  simulator.setHead(simulator.head() + 80);
  await ingest();
  await run();
  assert.equal((await caughtMails(db, { to: email })).length, mailsBefore, 'a stopped agent sends nothing');
  const unknown = await app.inject({ url: `/job/agent/afmeld/${'x'.repeat(43)}`, headers: { accept: 'text/html' } });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /Linket er ikke gyldigt/);
});
